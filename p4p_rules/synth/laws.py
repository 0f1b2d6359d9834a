"""Synthetic municipal PMAQ laws in the `.p4p` language (Portuguese), drawn from the design
variants the study recorded (docs: /work/shared/design/domain.md, "Design features", Table 4).

Each municipality gets its own `random.Random`, seeded from a string (hashed with SHA-512 by the
standard library, so the same on every run and platform): a law depends only on the seed, the
municipality's number and the data window, not on how many municipalities are generated.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

CYCLE_3_START = dt.date(2015, 10, 1)
# State codes the header cannot hold: `uf TO` (Tocantins) is read as the English keyword 'to'.
UNWRITABLE_STATES = frozenset({"to"})

STAFF_SHARES = ((70, 15), (65, 7), (60, 30), (55, 6), (50, 20), (45, 4), (40, 12), (30, 6))
FREQUENCIES = (("mensal", 1, 25), ("bimestral", 2, 10), ("trimestral", 3, 25), ("quadrimestral", 4, 12),
               ("semestral", 6, 13), ("anual", 12, 15))
ALLOCATIONS = (("category_weight", 45), ("category_share", 20), ("equal", 15), ("transfer", 12), ("score", 8))
CATEGORIES = ("ótimo", "muito_bom", "bom", "regular", "ruim")
CATEGORY_TABLES = ((100, 80, 60, 40, 20), (100, 75, 50, 25, 0), (100, 90, 80, 70, 60), (100, 70, 40, 10, 0),
                   (100, 80, 60, 40, 0))
MANAGEMENT_PARTS = ("custeio", "manutenção", "capacitação", "infraestrutura", "prêmio_anual", "apoio_institucional")
SPLITS = {2: ((50, 50), (70, 30), (60, 40), (80, 20)), 3: ((50, 30, 20), (40, 40, 20), (60, 25, 15), (70, 20, 10))}
MONTH_NAMES = ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
               "novembro", "dezembro")

# cadres by class, as a law names them
CLASSES = {
    "sup": ("médico", "enfermeiro", "dentista"),
    "mid": ("técnico_de_enfermagem", "auxiliar_de_enfermagem", "técnico_de_saúde_bucal", "auxiliar_de_saúde_bucal"),
    "acs": ("acs",),
    "ace": ("ace",),
    "adm": ("administrativo", "apoio"),
    "nasf": ("psicólogo", "fisioterapeuta", "nutricionista", "assistente_social"),
}
GROUP_NAMES = {"sup": "nível_superior", "mid": "nível_médio", "adm": "apoio_geral", "nasf": "multiprofissional"}
CLASS_WORDS = {"sup": "profissionais de nível superior", "mid": "técnicos e auxiliares",
               "acs": "agentes comunitários de saúde", "ace": "agentes de combate às endemias",
               "adm": "pessoal administrativo e de apoio", "nasf": "profissionais do NASF"}


@dataclass(frozen=True)
class Place:
    code: str        # m0001: the law file's stem and the data folder's name
    name: str
    uf: str
    ibge: int


@dataclass
class Article:
    number: str
    wording: str
    lines: list[str]
    paragraphs: list[tuple[str, str, list[str]]] = field(default_factory=list)

    def render(self, keyword: str = "art.") -> list[str]:
        out = [f'{keyword} {self.number} "{self.wording}":']
        out += [f"  {line}" for line in self.lines]
        for label, wording, lines in self.paragraphs:
            out.append(f'  {label} "{wording}":')
            out += [f"    {line}" for line in lines]
        return out


def _enumeration(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " e " + items[-1]


def _weighted(rng: random.Random, options):
    return rng.choices([o[:-1] if len(o) > 2 else o[0] for o in options], weights=[o[-1] for o in options])[0]


def _number(value: float) -> str:
    """A weight in a Portuguese law: 2, 1,5."""
    text = f"{value:g}"
    return text.replace(".", ",")


def _reais(centavos: int) -> str:
    reais, cents = divmod(centavos, 100)
    return f"R$ {reais:,}".replace(",", ".") + f",{cents:02d}"


def _date(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


def _law_number(rng: random.Random, year: int) -> str:
    n = rng.randint(80, 3999)
    return f"{n:,}".replace(",", ".") + f"/{year}"


def _month_after(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    return dt.date(d.year + y, m + 1, 1)


class LawDraft:
    """The design of one law, drawn feature by feature, and its text."""

    def __init__(self, rng: random.Random, place: Place, first_month: dt.date, months: int):
        self.rng = rng
        self.place = place
        self.first_month = first_month
        self.months = months
        self.groups: dict[str, str] = {}    # group name -> its definition line
        self.new_condition: str | None = None
        r = rng
        self.no_bonus = r.random() < 0.01
        self.staff = _weighted(r, STAFF_SHARES)
        self.tree = r.choices(("plain", "management", "professionals"), weights=(60, 25, 15))[0]
        self.management_parts = self._management_parts()
        self.coordination = r.choice((5, 10, 15))
        self.allocation = _weighted(r, ALLOCATIONS)
        self.table = r.choice(CATEGORY_TABLES)
        self.disqualified = r.choices(("excluded", "as_poor"), weights=(75, 25))[0]
        self.minimum = r.choices((None, "category", "score"), weights=(77, 15, 8))[0]
        self.team_floor = r.choices((None, "percent", "amount"), weights=(94, 3, 3))[0]
        self.redirect = r.random() < 0.06
        self.classes = ["sup", "mid"] + [c for c, p in (("acs", 0.85), ("ace", 0.3), ("adm", 0.4), ("nasf", 0.2))
                                         if r.random() < p]
        self.division = r.choices(("equal", "weight_cadre", "weight_group", "clinical", "earmark", "fixed"),
                                  weights=(35, 22, 15, 8, 12, 8))[0]
        if self.division == "fixed" and "acs" not in self.classes:
            self.division = "equal"
        self.list_eligible = self.division != "equal" or r.random() < 0.7
        self.earmark = (r.choice(("dentista", "acs")) if self.division == "earmark" else None)
        if self.earmark == "acs" and "acs" not in self.classes:
            self.earmark = "dentista"
        self.earmark_percent = r.choice((10, 15, 20)) if self.earmark == "dentista" else r.choice((25, 30, 40))
        self.fixed = r.choice((5000, 10000, 15000))
        self.equalize = r.random() < 0.08
        self.pool_mid = r.random() < 0.04
        self.cap = r.choice((40000, 50000, 60000, 80000, 100000)) if r.random() < 0.12 else None
        self.person_floor = r.random() < 0.03
        self.conditions = self._conditions()
        self.frequency = _weighted(r, FREQUENCIES)
        self.named_month = r.random() < 0.5 if self.frequency[1] == 12 else False
        self.lag = r.choices((0, 1, 2, 3), weights=(50, 30, 15, 5))[0]
        destinations = ("gestão", "equipe", "próximo período", "fundo_municipal_de_saúde", None)
        self.destinations = {source: r.choices(destinations, weights=weights)[0]
                             for source, weights in (("failed", (60, 10, 0, 10, 20)),
                                                     ("ineligible", (50, 20, 5, 5, 20)),
                                                     ("pro_rata", (50, 20, 5, 5, 20)),
                                                     ("earmark", (30, 50, 0, 0, 20)),
                                                     ("cap", (40, 20, 0, 20, 20)))}
        self.catch_all = r.random() < 0.1
        self.amendment = r.choices((None, "frequency", "split", "allocation", "conditions"),
                                   weights=(75, 8, 7, 5, 5))[0] if months >= 2 else None
        # dates: the law takes effect before the first transfer month
        back = r.randint(0, 200)
        self.effective = first_month - dt.timedelta(days=back)
        self.effective_cycle = self.effective <= CYCLE_3_START <= first_month and r.random() < 0.5
        if self.effective_cycle:
            self.effective = CYCLE_3_START
        if self.no_bonus and self.amendment != "frequency":
            self.amendment = None
        if self.amendment == "conditions":     # a condition the law does not have yet (M8 or M2)
            options = [c for c in ("signed", "evaluated") if not (
                (c == "signed" and "exigir contrato assinado" in self.conditions)
                or (c == "evaluated" and any(x.startswith("exigir lotado") for x in self.conditions)))]
            self.new_condition = r.choice(options) if options else None
            if not options:
                self.amendment = "frequency"
        self.amendment_date = _month_after(first_month, r.randint(1, months - 1)) if self.amendment else None

    # ---- drawing helpers ----------------------------------------------------------------------------
    def _management_parts(self) -> list[tuple[str, int]]:
        r = self.rng
        k = r.choice((2, 3))
        parts = r.sample(MANAGEMENT_PARTS, k)
        if r.random() < 0.35:       # a percentage for the municipal coordinators
            parts[-1] = "coordenação"
        return list(zip(parts, r.choice(SPLITS[k]), strict=True))

    def _conditions(self) -> list[str]:
        r = self.rng
        out = []
        posted = r.choices((None, "exigir lotado na avaliação", "exigir lotado no mês da avaliação"),
                           weights=(60, 30, 10))[0]
        if posted:
            out.append(posted)
        if r.random() < 0.3:
            out.append("exigir ativo no pagamento")
        if r.random() < 0.15:
            out.append("exigir contrato assinado")
        if r.random() < 0.12:
            out.append(f"exigir {r.choice((3, 6, 12))} meses de serviço")
        if r.random() < 0.35:
            kinds = r.choice((("inss", "sem_vencimentos", "cessão"), ("inss", "licença_maternidade"),
                              ("sem_vencimentos", "cessão"), ("inss", "sem_vencimentos", "cessão", "suspensão")))
            out.append("excluir afastamento: " + ", ".join(kinds))
            if r.random() < 0.2:
                out.append(f"carência de {r.choice((15, 30, 60))} dias após retorno")
        if r.random() < 0.15:
            out.append(f"perde após {r.choice((2, 3, 5))} faltas injustificadas")
        pro_rata = r.choices((None, "proporcional aos dias", "proporcional às horas"), weights=(55, 35, 10))[0]
        if pro_rata:
            out.append(pro_rata)
        return out

    def _remainder(self, source_word: str, key: str) -> list[str]:
        dest = self.destinations[key]
        if dest is None:
            return []       # a loophole the study reports: money with no stated destination
        return [f"sobra de {source_word} para {dest}"]

    # ---- articles -----------------------------------------------------------------------------------
    def split_article(self, staff: int) -> Article:
        mgmt = 100 - staff
        if self.no_bonus:
            return Article("1", "Os recursos do PMAQ serão integralmente aplicados pela gestão municipal na "
                                "atenção básica, sem pagamento de incentivo aos profissionais.",
                           ["repartir recursos em gestão 100%"])
        paragraphs = []
        if self.tree == "professionals":
            lines = [f"repartir recursos em profissionais {staff}%, gestão {mgmt}%"]
            c = self.coordination
            paragraphs.append(("§ 1", f"Da parcela dos profissionais, {c}% serão pagos aos coordenadores da atenção "
                                      "básica e o restante às equipes.",
                               [f"repartir profissionais em equipes {100 - c}%, coordenação {c}%",
                                "pagar parcela coordenação para coordenador"]))
            wording = (f"{staff}% dos recursos do PMAQ serão destinados aos profissionais e {mgmt}% à gestão "
                       "municipal.")
        else:
            lines = [f"repartir recursos em equipes {staff}%, gestão {mgmt}%"]
            wording = f"{staff}% dos recursos do PMAQ serão destinados às equipes e {mgmt}% à gestão municipal."
            if self.tree == "management":
                parts = ", ".join(f"{name} {p}%" for name, p in self.management_parts)
                pay = ["pagar parcela coordenação para coordenador"] if any(
                    n == "coordenação" for n, _ in self.management_parts) else []
                paragraphs.append(("§ 1", "A parcela da gestão será aplicada conforme os percentuais abaixo.",
                                   [f"repartir gestão em {parts}"] + pay))
        return Article("1", wording, lines, paragraphs)

    def allocation_article(self, mode: str) -> Article:
        lines = ["escala cinco_níveis"]
        if self.disqualified == "excluded":
            lines.append("desclassificadas excluídas")
        else:
            lines.append("desclassificadas como ruim")
        failed = self.disqualified == "excluded"
        table = self.table
        if mode == "category_weight":
            lines.append("distribuir equipes por peso de categoria: "
                         + ", ".join(f"{c} {v}" for c, v in zip(CATEGORIES, table, strict=True)))
            wording = "A parcela das equipes será distribuída em proporção ao peso da categoria de certificação."
        elif mode == "category_share":
            lines.append("distribuir equipes por parcela de categoria: "
                         + ", ".join(f"{c} {v}%" for c, v in zip(CATEGORIES, table, strict=True)))
            wording = ("Cada equipe receberá o percentual de uma cota cheia correspondente à sua categoria de "
                       "certificação.")
            failed = True
        elif mode == "equal":
            lines.append("distribuir equipes igualmente")
            wording = "A parcela das equipes será distribuída igualmente entre as equipes participantes."
        elif mode == "transfer":
            lines.append("distribuir equipes por repasse")
            wording = "Cada equipe receberá em proporção ao repasse federal recebido por ela."
        else:
            lines.append("distribuir equipes por nota")
            wording = "A parcela das equipes será distribuída em proporção à nota de cada equipe."
        paragraphs = []
        if self.minimum == "category":
            paragraphs.append(("§ 1", "As equipes abaixo da categoria regular nada recebem.",
                               ["categoria mínima regular"]))
            failed = True
        elif self.minimum == "score":
            paragraphs.append(("§ 1", "As equipes com nota inferior a 40 nada recebem.", ["nota mínima 40"]))
            failed = True
        if self.team_floor == "percent":
            paragraphs.append((f"§ {len(paragraphs) + 1}",
                               "As equipes ruins recebem ao menos um quinto do seu repasse.",
                               ["piso para ruim: 20% do repasse"]))
        elif self.team_floor == "amount":
            paragraphs.append((f"§ {len(paragraphs) + 1}", "As equipes ruins recebem um piso mensal.",
                               ["piso para ruim: R$ 500,00 por equipe por mês"]))
        if self.redirect:
            paragraphs.append((f"§ {len(paragraphs) + 1}", "Dez por cento do valor das equipes ótimas e muito boas "
                                                          "serão destinados às equipes regulares e ruins.",
                               ["redirecionar 10% de ótimo, muito_bom para regular, ruim"]))
        if failed:
            lines += self._remainder("reprovadas", "failed")
        return Article("2", wording, lines, paragraphs)

    def _group(self, cls: str) -> str:
        name = GROUP_NAMES[cls]
        self.groups.setdefault(name, f"grupo {name}: " + ", ".join(CLASSES[cls]))
        return name

    def division_article(self) -> Article:
        r = self.rng
        classes = self.classes
        lines: list[str] = []
        eligible: list[str] = []
        words = _enumeration([CLASS_WORDS[c] for c in classes])
        if self.division == "weight_group" or self.division == "clinical":
            if self.division == "clinical":
                clinical = [c for c in classes if c in ("sup", "mid", "nasf")]
                self.groups["clínicos"] = "grupo clínicos: " + ", ".join(n for c in clinical for n in CLASSES[c])
                eligible = ["clínicos"] + [CLASSES[c][0] if c in ("acs", "ace") else self._group(c)
                                           for c in classes if c not in clinical]
                weights = {"clínicos": 1.0, "acs": 0.8, "ace": 0.8, "apoio_geral": 0.5}
                wording = (f"O valor da equipe será dividido entre {words}; os profissionais clínicos recebem o "
                           "mesmo valor, e os demais uma parte menor.")
            else:
                eligible = [CLASSES[c][0] if c in ("acs", "ace") else self._group(c) for c in classes]
                weights = {"nível_superior": r.choice((2.0, 3.0)), "nível_médio": r.choice((1.0, 1.5)), "acs": 1.0,
                           "ace": 1.0, "apoio_geral": r.choice((0.5, 1.0)), "multiprofissional": 1.5}
                wording = f"O valor da equipe será dividido entre {words}, com pesos por nível de formação."
            division = ["dividir por peso: " + ", ".join(f"{e} {_number(weights[e])}" for e in eligible)]
        else:
            eligible = [n for c in classes for n in CLASSES[c]]
            if self.division in ("weight_cadre", "earmark") and (self.division == "weight_cadre" or r.random() < 0.5):
                doctor = r.choice((3.0, 2.5, 2.0))
                senior = r.choice((2.0, 1.5))
                table = {"médico": doctor, "enfermeiro": senior, "dentista": senior, "acs": 1.0, "ace": 1.0}
                mid = r.choice((1.0, 1.2))
                table.update({n: mid for n in CLASSES["mid"]})
                table.update({n: r.choice((0.5, 1.0)) for n in CLASSES["adm"]})
                table.update({n: r.choice((1.5, 2.0)) for n in CLASSES["nasf"]})
                division = ["dividir por peso: " + ", ".join(f"{n} {_number(table[n])}" for n in eligible)]
                wording = f"O valor da equipe será dividido entre {words}, segundo o peso de cada cargo."
            else:
                division = ["dividir igualmente"]
                wording = (f"O valor da equipe será dividido igualmente entre {words}." if self.list_eligible else
                           "O valor da equipe será dividido igualmente entre todos os seus membros.")
        lines += [self.groups[g] for g in self.groups]
        if self.list_eligible:
            lines.append("elegíveis: " + ", ".join(eligible))
        paragraphs: list[tuple[str, str, list[str]]] = []
        if self.earmark:
            lines.append(f"reservar {self.earmark_percent}% para {self.earmark}")
            wording += f" {self.earmark_percent}% do valor da equipe ficam reservados para o cargo indicado."
            lines += self._remainder("reserva", "earmark")
        if self.division == "fixed":
            lines.append(f"pagar {_reais(self.fixed)} por pessoa para acs por mês")
            wording += " Os agentes comunitários recebem um valor fixo mensal."
        lines += division
        if self.pool_mid:
            if "nível_médio" not in self.groups:
                self.groups["nível_médio"] = "grupo nível_médio: " + ", ".join(CLASSES["mid"])
                lines.insert(0, self.groups["nível_médio"])
            paragraphs.append((f"§ {len(paragraphs) + 1}", "Os técnicos e auxiliares de equipes da mesma categoria "
                                                          "recebem o mesmo valor.",
                               ["agrupar nível_médio entre equipes da mesma categoria"]))
        if self.equalize:
            paragraphs.append((f"§ {len(paragraphs) + 1}", "Membros de equipes da mesma categoria recebem o mesmo "
                                                          "valor, qualquer que seja o tamanho da equipe.",
                               ["igualar entre equipes da mesma categoria"]))
        if self.cap:
            months = self.frequency[1]
            paragraphs.append((f"§ {len(paragraphs) + 1}",
                               "Nenhum profissional receberá mais que o teto por pagamento.",
                               [f"teto {_reais(self.cap * months)} por pessoa"] + self._remainder("teto", "cap")))
        if self.person_floor:
            paragraphs.append((f"§ {len(paragraphs) + 1}", "Todo profissional pago recebe ao menos o piso.",
                               ["piso R$ 50,00 por pessoa"]))
        if self.list_eligible:
            lines += self._remainder("inelegíveis", "ineligible")
        return Article("3", wording, lines, paragraphs)

    def conditions_article(self, number: str) -> Article | None:
        if not self.conditions:
            return None
        lines = list(self.conditions)
        if any(c.startswith("proporcional") for c in lines):
            lines += self._remainder("proporcionalidade", "pro_rata")
        if not self.list_eligible and any(c.startswith(("exigir", "excluir", "perde")) for c in lines):
            lines += self._remainder("inelegíveis", "ineligible")
        return Article(number, "Só recebe o incentivo o profissional que cumprir as condições abaixo.", lines)

    def payment_article(self, number: str, frequency: tuple[str, int], named: bool) -> Article:
        word, months = frequency
        line = f"pagamento {word}" + (" em dezembro" if named else "")
        lines = [line]
        if self.lag:
            lines.append(f"defasagem de {self.lag} {'mês' if self.lag == 1 else 'meses'}")
        wording = f"O incentivo será pago em periodicidade {word}" + (", no mês de dezembro" if named else "")
        wording += f", {self.lag} {'mês' if self.lag == 1 else 'meses'} após o período." if self.lag else "."
        if self.catch_all:
            lines.append("sobra de tudo para gestão")
        return Article(number, wording, lines)

    # ---- the whole text -----------------------------------------------------------------------------
    def text(self, seed: int) -> str:
        """The law file (computed once: later calls return the same text)."""
        if getattr(self, "_text", None) is None:
            self._text = self._render(seed)
        return self._text

    def _render(self, seed: int) -> str:
        r = self.rng
        p = self.place
        number = _law_number(r, self.effective.year)
        articles = [self.split_article(self.staff)]
        if not self.no_bonus:
            articles.append(self.allocation_article(self.allocation))
            articles.append(self.division_article())
            cond = self.conditions_article(str(len(articles) + 1))
            if cond:
                articles.append(cond)
        pay_number = str(len(articles) + 1)
        articles.append(self.payment_article(pay_number, self.frequency, self.named_month))

        head = [
            f"# Lei SINTÉTICA gerada por `p4p-rules synth` (semente {seed}, município {p.code}).",
            "# NÃO é uma lei real: município, números, datas e valores são inventados.",
            "# Desenho: " + self.describe() + ".",
        ]
        state = f" uf {p.uf}"
        if p.uf.casefold() in UNWRITABLE_STATES:
            head.append(f"# UF {p.uf} omitida do cabeçalho: '{p.uf}' é lido como palavra-chave e não como sigla.")
            state = ""
        head += [f'lei "Lei Municipal nº {number} (PMAQ)" município "{p.name}"{state} ibge {p.ibge}', ""]
        effective = "ciclo 3" if self.effective_cycle else _date(self.effective)
        body = [f'versão original "Lei nº {number}" vigência {effective}', ""]
        for a in articles:
            body += a.render() + [""]
        if self.amendment:
            body += self.amendment_text(pay_number)
        return "\n".join(head + body).rstrip("\n") + "\n"

    def describe(self) -> str:
        if self.no_bonus:
            return "0% profissionais / 100% gestão (sem bônus)"
        parts = [f"{self.staff}% profissionais / {100 - self.staff}% gestão",
                 {"category_weight": "equipes por peso de categoria",
                  "category_share": "equipes por parcela de categoria",
                  "equal": "equipes igualmente", "transfer": "equipes por repasse", "score": "equipes por nota"}
                 [self.allocation],
                 {"equal": "divisão igual", "weight_cadre": "pesos por cargo", "weight_group": "pesos por nível",
                  "clinical": "clínicos iguais, demais menos", "earmark": f"reserva para {self.earmark}",
                  "fixed": "valor fixo para ACS"}[self.division],
                 f"pagamento {self.frequency[0]}"]
        if self.amendment:
            parts.append(f"emenda ({self.amendment})")
        return "; ".join(parts)

    def amendment_text(self, pay_number: str) -> list[str]:
        r = self.rng
        d = self.amendment_date
        assert d is not None
        number = _law_number(r, d.year)
        out = [f'emenda lei_{d.year}_{d.month:02d} "Lei nº {number}" vigência {_date(d)}', ""]
        if self.amendment == "frequency":
            options = [f for f in FREQUENCIES if f[1] != self.frequency[1]]
            new = _weighted(r, options)
            a = self.payment_article(pay_number, new, False)
        elif self.amendment == "split":
            step = r.choice((-10, -5, 5, 10))
            a = self.split_article(min(90, max(10, self.staff + step)))
        elif self.amendment == "allocation":
            new_mode = "category_weight" if self.allocation == "equal" else "equal"
            a = self.allocation_article(new_mode)
        else:
            if self.new_condition == "signed":
                a = Article("3-A", "Só recebe quem assinou o termo de participação no PMAQ.",
                            ["exigir contrato assinado"])
            else:
                a = Article("3-A", "Só recebe quem participou da avaliação externa e continua em exercício.",
                            ["exigir lotado na avaliação"]
                            + ([] if "exigir ativo no pagamento" in self.conditions else ["exigir ativo no pagamento"]))
            lines = a.render(keyword="acrescenta art.")
            lines[0] = lines[0].replace('acrescenta art. 3-A "', 'acrescenta art. 3-A após art. 3 "')
            return out + lines + [""]
        return out + a.render(keyword="altera art.") + [""]


def law_draft(place: Place, seed: int, index: int, first_month: dt.date, months: int) -> LawDraft:
    """The law of the municipality with 0-based `index`; `.text(seed)` gives the file's text."""
    rng = random.Random(f"p4p-rules synth law {seed} {index}")
    return LawDraft(rng, place, first_month, months)


def law_text(place: Place, seed: int, index: int, first_month: dt.date, months: int) -> str:
    return law_draft(place, seed, index, first_month, months).text(seed)
