"""Built-in words of the domain (cadres, categories, scales, frequencies, months, leave kinds,
remainder sources), each with a canonical id and its Portuguese and English spellings."""

from __future__ import annotations

import difflib
from functools import lru_cache
import unicodedata
from dataclasses import dataclass, field


@lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """Compare names the way a clerk expects: case, accents, hyphens and spaces don't matter."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("-", "_").replace(" ", "_")


@dataclass(frozen=True)
class Term:
    """One built-in word: its canonical id and its spellings (first of each is printed)."""

    id: str
    pt: tuple[str, ...]
    en: tuple[str, ...]
    cbo: tuple[str, ...] = field(default=())

    def spelling(self, language: str) -> str:
        return (self.pt if language == "pt" else self.en)[0]


class Vocabulary:
    """A closed set of terms looked up by any spelling, with 'did you mean' suggestions."""

    def __init__(self, terms: list[Term]):
        self.terms = {t.id: t for t in terms}
        self._index: dict[str, str] = {}
        for t in terms:
            for s in (t.id, *t.pt, *t.en):
                self._index[normalize(s)] = t.id

    def lookup(self, name: str) -> str | None:
        return self._index.get(normalize(name))

    def spelling(self, term_id: str, language: str) -> str:
        term = self.terms.get(term_id)
        return term.spelling(language) if term else term_id

    def suggest(self, name: str, language: str, extra: list[str] | None = None) -> str | None:
        choices = {normalize(s): s for t in self.terms.values() for s in (t.pt if language == "pt" else t.en)}
        for e in extra or []:
            choices[normalize(e)] = e
        match = difflib.get_close_matches(normalize(name), list(choices), n=1, cutoff=0.6)
        return choices[match[0]] if match else None

    def names(self, language: str) -> list[str]:
        return [t.spelling(language) for t in self.terms.values()]


CADRES = Vocabulary([
    Term("physician", ("médico", "medico_esf", "médica"), ("physician", "doctor"), ("225142", "225125", "225170")),
    Term("nurse", ("enfermeiro", "enfermeira"), ("nurse",), ("223565", "223505")),
    Term("dentist", ("dentista", "cirurgião_dentista", "cirurgiao_dentista"), ("dentist",), ("223293", "223208")),
    # technicians and assistants have different CBO codes and laws sometimes pay them differently
    Term("nursing_technician", ("técnico_de_enfermagem", "técnico_enfermagem"), ("nursing_technician",),
         ("322245", "322205")),
    Term("nursing_assistant", ("auxiliar_de_enfermagem", "auxiliar_enfermagem"), ("nursing_assistant",),
         ("322250", "322230")),
    Term("oral_health_technician", ("técnico_de_saúde_bucal", "tsb"), ("oral_health_technician",),
         ("322425", "322405")),
    Term("oral_health_assistant", ("auxiliar_de_saúde_bucal", "asb"), ("oral_health_assistant",),
         ("322430", "322415")),
    Term("community_health_agent", ("acs", "agente_comunitário_de_saúde", "agente_comunitario"),
         ("community_health_agent", "chw"), ("515105",)),
    Term("endemic_agent", ("ace", "agente_de_endemias", "agente_de_combate_às_endemias"),
         ("endemic_agent", "public_health_agent"), ("515140",)),
    Term("psychologist", ("psicólogo", "psicologo"), ("psychologist",), ("251510",)),
    Term("physiotherapist", ("fisioterapeuta",), ("physiotherapist",), ("223605",)),
    Term("nutritionist", ("nutricionista",), ("nutritionist",), ("223710",)),
    Term("social_worker", ("assistente_social",), ("social_worker",), ("251605",)),
    Term("nasf_professional", ("profissional_nasf", "nasf"), ("nasf_professional", "nasf"), ()),
    Term("administrative", ("administrativo", "auxiliar_administrativo", "recepcionista"),
         ("administrative", "receptionist"), ("411010", "422105")),
    Term("support", ("apoio", "serviços_gerais", "auxiliar_de_serviços_gerais"), ("support", "general_services"),
         ("514320",)),
    Term("coordinator", ("coordenador", "coordenadora"), ("coordinator",), ("131210", "131205")),
])

FOUR_LEVEL = ["well_above_average", "above_average", "below_average", "insufficient"]
FIVE_LEVEL = ["excellent", "very_good", "good", "fair", "poor"]
DISQUALIFIED = "disqualified"

CATEGORIES = Vocabulary([
    Term("well_above_average", ("muito_acima_da_média", "muito_acima"), ("well_above_average",)),
    Term("above_average", ("acima_da_média", "acima"), ("above_average",)),
    Term("below_average", ("mediano", "mediano_ou_abaixo_da_média", "abaixo_da_média"),
         ("below_average", "average_or_below")),
    Term("insufficient", ("insatisfatório", "insatisfatorio"), ("insufficient", "unsatisfactory")),
    Term("excellent", ("ótimo", "otimo"), ("excellent",)),
    Term("very_good", ("muito_bom",), ("very_good",)),
    Term("good", ("bom",), ("good",)),
    Term("fair", ("regular",), ("fair",)),
    Term("poor", ("ruim",), ("poor",)),
    Term(DISQUALIFIED, ("desclassificada", "desclassificadas", "suspensa"), ("disqualified", "suspended")),
])

SCALES = Vocabulary([
    Term("four-level", ("quatro_níveis", "ciclos_1_2"), ("four_level", "cycles_1_2")),
    Term("five-level", ("cinco_níveis", "ciclo_3"), ("five_level", "cycle_3")),
])
SCALE_CATEGORIES = {"four-level": FOUR_LEVEL, "five-level": FIVE_LEVEL}

FREQUENCIES = Vocabulary([
    Term("1", ("mensal",), ("monthly",)),
    Term("2", ("bimestral",), ("bimonthly", "two_monthly")),
    Term("3", ("trimestral",), ("quarterly",)),
    Term("4", ("quadrimestral",), ("four_monthly",)),
    Term("6", ("semestral",), ("semiannual", "semiannually", "half_yearly")),
    Term("12", ("anual",), ("annual", "annually", "yearly")),
])
ALLOWED_PERIOD_MONTHS = (1, 2, 3, 4, 6, 12)

MONTHS = Vocabulary([
    Term(str(i + 1), (pt,), (en,)) for i, (pt, en) in enumerate(zip(
        ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
         "outubro", "novembro", "dezembro"],
        ["january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december"], strict=True))
])

LEAVE_KINDS = Vocabulary([
    Term("inss", ("inss", "licença_saúde", "licença_médica"), ("inss", "sick_leave")),
    Term("unpaid", ("sem_vencimentos", "licença_sem_vencimentos"), ("unpaid", "unpaid_leave")),
    Term("secondment", ("cessão", "cedidos", "cedido"), ("secondment", "seconded")),
    Term("maternity", ("licença_maternidade", "maternidade"), ("maternity",)),
    Term("vacation", ("férias",), ("vacation",)),
    Term("suspension", ("suspensão", "disciplinar"), ("suspension", "disciplinary")),
])

REMAINDER_SOURCES = Vocabulary([
    Term("ineligible", ("inelegíveis",), ("ineligible",)),
    Term("earmark", ("reserva", "reservas", "reservar"), ("earmark", "earmarks")),
    Term("pro_rata", ("proporcionalidade", "proporcional"), ("pro-rata", "prorata")),
    Term("cap", ("teto",), ("cap", "caps")),
    Term("failed_teams", ("reprovadas", "equipes_reprovadas"), ("failed_teams", "failed")),
    Term("all", ("tudo", "demais"), ("all", "rest")),
])

# Named nodes of the share tree that are keywords, and their canonical ids.
FUNDS = "funds"
TEAMS = "teams"

# Cycle start dates of PMAQ (domain.md): "vigência ciclo 2" means this date.
CYCLE_START = {1: (2011, 11, 1), 2: (2013, 4, 1), 3: (2015, 10, 1)}
