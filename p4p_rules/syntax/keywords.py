"""The keyword vocabulary of both surface languages: printing words and language detection."""

from __future__ import annotations

from typing import Literal

Language = Literal["pt", "en"]

# terminal -> (Portuguese spellings, English spellings); the first spelling of each is the
# one the printer writes.  grammar/p4p.lark accepts exactly these words (tests/syntax checks).
KEYWORDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "KW_LAW": (("lei",), ("law",)),
    "KW_MUNICIPALITY": (("município", "municipio"), ("municipality",)),
    "KW_STATE": (("uf", "estado"), ("state",)),
    "KW_IBGE": (("ibge",), ("ibge",)),
    "KW_VERSION": (("versão", "versao"), ("version",)),
    "KW_AMENDMENT": (("emenda",), ("amendment",)),
    "KW_EFFECTIVE": (("vigência", "vigencia"), ("effective",)),
    "KW_CYCLE": (("ciclo",), ("cycle",)),
    "KW_ART": (("art.", "artigo"), ("art.", "article")),
    "KW_PARAGRAPH": (("parágrafo", "paragrafo"), ("paragraph",)),
    "KW_SOLE": (("único", "unico"), ("sole",)),
    "KW_REPLACE": (("altera",), ("replace",)),
    "KW_INSERT": (("acrescenta",), ("insert",)),
    "KW_REPEAL": (("revoga",), ("repeal",)),
    "KW_AFTER": (("após", "apos"), ("after",)),
    "KW_SCALE": (("escala",), ("scale",)),
    "KW_CUSTOM": (("própria", "propria"), ("custom",)),
    "KW_DISQUALIFIED": (("desclassificadas",), ("disqualified",)),
    "KW_EXCLUDED": (("excluídas", "excluidas"), ("excluded",)),
    "KW_AS": (("como",), ("as",)),
    "KW_SPLIT": (("repartir",), ("split",)),
    "KW_INTO": (("em",), ("into",)),
    "KW_FUNDS": (("recursos",), ("funds",)),
    "KW_TEAMS": (("equipes",), ("teams",)),
    "KW_TEAM": (("equipe",), ("team",)),
    "KW_PAY": (("pagar",), ("pay",)),
    "KW_SHARE": (("parcela",), ("share",)),
    "KW_TO": (("para", "a", "à", "ao", "aos", "às"), ("to", "for")),
    "KW_ALLOCATE": (("distribuir",), ("allocate",)),
    "KW_BY": (("por",), ("by", "per")),
    "KW_TRANSFER": (("repasse",), ("transfer",)),
    "KW_EQUALLY": (("igualmente",), ("equally",)),
    "KW_SCORE": (("nota",), ("score",)),
    "KW_CATEGORY": (("categoria",), ("category",)),
    "KW_WEIGHT": (("peso",), ("weight",)),
    "KW_OF": (("de", "da", "do", "das", "dos"), ("of", "from")),
    "KW_MINIMUM": (("mínima", "minima", "mínimo", "minimo"), ("minimum",)),
    "KW_FLOOR": (("piso",), ("floor",)),
    "KW_MONTH": (("meses", "mês", "mes"), ("months", "month")),
    "KW_REDIRECT": (("redirecionar",), ("redirect",)),
    "KW_DIVIDE": (("dividir",), ("divide",)),
    "KW_EARMARK": (("reservar",), ("earmark",)),
    "KW_PERSON": (("pessoa",), ("person",)),
    "KW_EQUALIZE": (("igualar",), ("equalize",)),
    "KW_POOL": (("agrupar",), ("pool",)),
    "KW_ACROSS": (("entre",), ("across",)),
    "KW_THE": ((), ("the",)),
    "KW_SAME": (("mesma",), ("same",)),
    "KW_ELIGIBLE": (("elegíveis", "elegiveis"), ("eligible",)),
    "KW_REQUIRE": (("exigir",), ("require",)),
    "KW_POSTED": (("lotado",), ("posted",)),
    "KW_IN": (("no", "na", "nos", "nas"), ("in", "at", "on")),
    "KW_EVALUATION": (("avaliação", "avaliacao"), ("evaluation",)),
    "KW_ACTIVE": (("ativo",), ("active",)),
    "KW_PAYMENT": (("pagamento",), ("payment",)),
    "KW_SIGNED": (("assinado",), ("signed",)),
    "KW_CONTRACT": (("contrato",), ("contract",)),
    "KW_SERVICE": (("serviço", "servico"), ("service",)),
    "KW_EXCLUDE": (("excluir",), ("exclude",)),
    "KW_LEAVE": (("afastamento", "afastamentos"), ("leave",)),
    "KW_WAITING": (("carência", "carencia"), ("waiting",)),
    "KW_DAYS": (("dias", "dia"), ("days", "day")),
    "KW_RETURN": (("retorno",), ("return",)),
    "KW_LOSE": (("perde",), ("lose",)),
    "KW_UNJUSTIFIED": (("injustificadas",), ("unjustified",)),
    "KW_ABSENCES": (("faltas",), ("absences",)),
    "KW_PRORATA": (("proporcional",), ("pro-rata", "prorata")),
    "KW_HOURS": (("horas",), ("hours",)),
    "KW_CAP": (("teto",), ("cap",)),
    "KW_REMAINDER": (("sobra",), ("remainder",)),
    "KW_NEXT": (("próximo", "proximo"), ("next",)),
    "KW_PERIOD": (("período", "periodo"), ("period",)),
    "KW_EVERY": (("cada",), ("every",)),
    "KW_LAG": (("defasagem",), ("lag",)),
    "KW_CADRE": (("cargo",), ("cadre",)),
    "KW_CBO": (("cbo",), ("cbo",)),
    "KW_GROUP": (("grupo",), ("group",)),
    "KW_AND": (("e",), ("and",)),
}

_WORD_LANGUAGE: dict[str, set[str]] = {}
for _pt, _en in KEYWORDS.values():
    for _w in _pt:
        _WORD_LANGUAGE.setdefault(_w.casefold(), set()).add("pt")
    for _w in _en:
        _WORD_LANGUAGE.setdefault(_w.casefold(), set()).add("en")


def word(terminal: str, language: Language) -> str:
    """The canonical spelling of a keyword terminal in a language."""
    pt, en = KEYWORDS[terminal]
    words = pt if language == "pt" else en
    return words[0]


# casefolded spelling -> its one language, or None when both languages share it (checked for every keyword)
_LANGUAGE_OF: dict[str, Language | None] = {
    w: ("pt" if "pt" in langs else "en") if len(langs) == 1 else None for w, langs in _WORD_LANGUAGE.items()}


def language_of(token_text: str) -> Language | None:
    """'pt' or 'en' when a keyword spelling belongs to one language only, else None."""
    return _LANGUAGE_OF.get(token_text.casefold())
