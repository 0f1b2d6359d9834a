"""Every provision kind, in Portuguese and in English, read into the law model.

Each case gives a Portuguese and an English snippet with the same meaning and the model values
written out by hand from what the text says (R$ 1.234,56 is 123456 centavos, 12,5% is 12.5,
`trimestral` is a period of 3 months, `médico` is the cadre "physician" ...).  The snippet is
wrapped in a minimal law and read with `parse_law`; both languages must give that model, and the
same `semantic(...)` model.
"""

from __future__ import annotations

import datetime as dt
import typing
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from p4p_rules.load import parse_law as _parse_law
from p4p_rules.model import law as law_model
from p4p_rules.model.law import PROVISION_KINDS, semantic
from p4p_rules.syntax.diagnostics import LawError

FOUR = ["well_above_average", "above_average", "below_average", "insufficient"]
FIVE = ["excellent", "very_good", "good", "fair", "poor"]

PT_LAW = 'lei "Lei de teste"\nversão original vigência 01/03/2012\nart. 1:\n  {}\n'
EN_LAW = 'law "Test law"\nversion original effective 2012-03-01\nart. 1:\n  {}\n'

_LAYOUT = {"pos", "comments", "trailing_comment"}


def parse_law(text: str, file: str = "<law>") -> law_model.Law:
    """parse_law, failing the test with the rendered diagnostics (not just their count)."""
    try:
        return _parse_law(text, file)
    except LawError as e:
        rendered = e.render()
    pytest.fail("unexpected diagnostics:\n" + rendered, pytrace=False)


def meaning(value: Any) -> Any:
    """A node as plain Python values (Decimals stay Decimals) without positions and comments."""
    if hasattr(value, "model_dump"):
        value = value.model_dump()
    if isinstance(value, dict):
        return {k: meaning(v) for k, v in value.items() if k not in _LAYOUT}
    if isinstance(value, list):
        return [meaning(v) for v in value]
    return value


def provision_of(snippet: str, language: str) -> Any:
    """The single provision of art. 1 of a minimal law holding `snippet`."""
    text = (PT_LAW if language == "pt" else EN_LAW).format(snippet)
    law = parse_law(text, f"{language}.p4p")
    assert law.language == language
    [version] = law.versions
    [article] = version.articles
    assert article.paragraphs == []
    assert len(article.provisions) == 1, article.provisions
    return article.provisions[0]


@dataclass(frozen=True)
class Case:
    id: str
    pt: str
    en: str
    expected: dict[str, Any]


def cv(category: str, value: str) -> dict[str, Any]:
    return {"category": category, "value": Decimal(value)}


def share(node: str, percent: str) -> dict[str, Any]:
    return {"node": node, "percent": Decimal(percent)}


def nv(name: str, value: str) -> dict[str, Any]:
    return {"name": name, "value": Decimal(value)}


def floor(categories: list[str], percent: str | None = None, amount: int | None = None,
          per_month: bool = False) -> dict[str, Any]:
    return {"kind": "team_floor", "categories": categories,
            "percent_of_transfer": Decimal(percent) if percent is not None else None,
            "amount": amount, "per_month": per_month}


def freq(months: int, in_month: int | None = None) -> dict[str, Any]:
    return {"kind": "frequency", "months": months, "in_month": in_month}


def req(condition: str, months: int | None = None) -> dict[str, Any]:
    return {"kind": "require", "condition": condition, "months": months}


def rem(source: str, destination: str) -> dict[str, Any]:
    return {"kind": "remainder", "source": source, "destination": destination}


CASES: list[Case] = [
    # ---- scale ---------------------------------------------------------------
    Case("scale-four", "escala quatro_níveis", "scale four_level",
         {"kind": "scale", "scale": "four-level", "categories": FOUR}),
    Case("scale-four-by-cycle", "escala ciclos_1_2", "scale cycles_1_2",
         {"kind": "scale", "scale": "four-level", "categories": FOUR}),
    Case("scale-five", "escala cinco_níveis", "scale five_level",
         {"kind": "scale", "scale": "five-level", "categories": FIVE}),
    Case("scale-five-by-cycle", "escala ciclo_3", "scale cycle_3",
         {"kind": "scale", "scale": "five-level", "categories": FIVE}),
    Case("scale-custom-builtin-names", "escala própria: ótimo, bom, ruim", "scale custom: excellent, good, poor",
         {"kind": "scale", "scale": "custom", "categories": ["excellent", "good", "poor"]}),
    Case("scale-custom-own-names", "escala própria: ouro, prata e bronze", "scale custom: ouro, prata and bronze",
         {"kind": "scale", "scale": "custom", "categories": ["ouro", "prata", "bronze"]}),
    Case("scale-custom-with-disqualified", "escala própria: bom, desclassificada",
         "scale custom: good, disqualified",
         {"kind": "scale", "scale": "custom", "categories": ["good", "disqualified"]}),
    # ---- disqualified teams -----------------------------------------------------
    Case("disqualified-excluded", "desclassificadas excluídas", "disqualified excluded",
         {"kind": "disqualified", "treatment": "excluded", "category": None}),
    Case("disqualified-as-category", "desclassificadas como insatisfatório", "disqualified as insufficient",
         {"kind": "disqualified", "treatment": "as_category", "category": "insufficient"}),
    Case("disqualified-as-five-level-category", "desclassificadas como ruim", "disqualified as poor",
         {"kind": "disqualified", "treatment": "as_category", "category": "poor"}),
    # ---- split and pay share -------------------------------------------------------
    Case("split-funds", "repartir recursos em equipes 60%, gestão 40%", "split funds into teams 60%, gestão 40%",
         {"kind": "split", "parent": "funds", "shares": [share("teams", "60"), share("gestão", "40")]}),
    Case("split-decimal-percent", "repartir gestão em infraestrutura 12,5%, capacitação 87,5%",
         "split gestão into infraestrutura 12.5%, capacitação 87.5%",
         {"kind": "split", "parent": "gestão",
          "shares": [share("infraestrutura", "12.5"), share("capacitação", "87.5")]}),
    Case("split-with-and", "repartir recursos em equipes 70% e gestão 30%",
         "split funds into teams 70% and gestão 30%",
         {"kind": "split", "parent": "funds", "shares": [share("teams", "70"), share("gestão", "30")]}),
    Case("split-teams-node", "repartir equipes em médicos 50%, demais 50%",
         "split teams into médicos 50%, demais 50%",
         {"kind": "split", "parent": "teams", "shares": [share("médicos", "50"), share("demais", "50")]}),
    Case("pay-share", "pagar parcela gestão para coordenador, administrativo",
         "pay share gestão to coordinator, administrative",
         {"kind": "pay_share", "share": "gestão", "recipients": ["coordinator", "administrative"]}),
    Case("pay-share-with-and", "pagar parcela gestão a coordenadora e recepcionista",
         "pay share gestão to coordinator and receptionist",
         {"kind": "pay_share", "share": "gestão", "recipients": ["coordinator", "administrative"]}),
    # ---- frequency and lag ------------------------------------------------------------
    Case("frequency-monthly", "pagamento mensal", "payment monthly", freq(1)),
    Case("frequency-bimonthly", "pagamento bimestral", "payment bimonthly", freq(2)),
    Case("frequency-quarterly", "pagamento trimestral", "payment quarterly", freq(3)),
    Case("frequency-four-monthly", "pagamento quadrimestral", "payment four_monthly", freq(4)),
    Case("frequency-semiannual", "pagamento semestral", "payment semiannual", freq(6)),
    Case("frequency-annual", "pagamento anual", "payment annual", freq(12)),
    Case("frequency-annual-in-december", "pagamento anual em dezembro", "payment annual in december", freq(12, 12)),
    Case("frequency-annual-in-march", "pagamento anual em março", "payment yearly in march", freq(12, 3)),
    Case("frequency-every-4-months", "pagamento a cada 4 meses", "payment every 4 months", freq(4)),
    Case("frequency-every-2-months", "pagamento cada 2 meses", "payment every 2 months", freq(2)),
    Case("frequency-every-1-month", "pagamento a cada 1 mês", "payment every 1 month", freq(1)),
    Case("frequency-every-12-months-in-july", "pagamento a cada 12 meses em julho",
         "payment every 12 months in july", freq(12, 7)),
    Case("lag-2-months", "defasagem de 2 meses", "lag 2 months", {"kind": "lag", "months": 2}),
    Case("lag-1-month", "defasagem de 1 mês", "lag of 1 month", {"kind": "lag", "months": 1}),
    # ---- team allocation ------------------------------------------------------------------
    Case("allocate-transfer", "distribuir equipes por repasse", "allocate teams by transfer",
         {"kind": "allocate", "mode": "transfer", "values": []}),
    Case("allocate-equal", "distribuir equipes igualmente", "allocate teams equally",
         {"kind": "allocate", "mode": "equal", "values": []}),
    Case("allocate-score", "distribuir equipes por nota", "allocate teams by score",
         {"kind": "allocate", "mode": "score", "values": []}),
    Case("allocate-category-weight",
         "distribuir equipes por peso de categoria: muito_acima 100, acima 75, mediano 50, insatisfatório 0",
         "allocate teams by category weight: well_above_average 100, above_average 75, below_average 50, "
         "insufficient 0",
         {"kind": "allocate", "mode": "category_weight",
          "values": [cv("well_above_average", "100"), cv("above_average", "75"), cv("below_average", "50"),
                     cv("insufficient", "0")]}),
    Case("allocate-category-weight-decimal", "distribuir equipes por categoria peso: ótimo 1,5, bom 1 e regular 0,25",
         "allocate teams by weight of category: excellent 1.5, good 1 and fair 0.25",
         {"kind": "allocate", "mode": "category_weight",
          "values": [cv("excellent", "1.5"), cv("good", "1"), cv("fair", "0.25")]}),
    Case("allocate-category-share",
         "distribuir equipes por parcela de categoria: ótimo 40%, muito_bom 30%, bom 20%, regular 10%, ruim 0%",
         "allocate teams by category share: excellent 40%, very_good 30%, good 20%, fair 10%, poor 0%",
         {"kind": "allocate", "mode": "category_share",
          "values": [cv("excellent", "40"), cv("very_good", "30"), cv("good", "20"), cv("fair", "10"),
                     cv("poor", "0")]}),
    Case("allocate-category-share-decimal", "distribuir equipes por categoria parcela: acima 62,5%, mediano 37,5%",
         "allocate teams by share of category: above_average 62.5%, below_average 37.5%",
         {"kind": "allocate", "mode": "category_share",
          "values": [cv("above_average", "62.5"), cv("below_average", "37.5")]}),
    Case("minimum-category", "categoria mínima mediano", "minimum category below_average",
         {"kind": "minimum_category", "category": "below_average"}),
    Case("minimum-category-other-order", "mínima categoria bom", "category minimum good",
         {"kind": "minimum_category", "category": "good"}),
    Case("minimum-score", "nota mínima 5,5", "minimum score 5.5", {"kind": "minimum_score", "score": Decimal("5.5")}),
    Case("minimum-score-integer", "mínima nota 7", "score minimum 7", {"kind": "minimum_score", "score": Decimal(7)}),
    Case("team-floor-percent", "piso para insatisfatório, desclassificada: 20% do repasse",
         "floor for insufficient, disqualified: 20% of transfer",
         floor(["insufficient", "disqualified"], percent="20")),
    Case("team-floor-percent-decimal", "piso para ruim: 12,5% do repasse", "floor for poor: 12.5% of transfer",
         floor(["poor"], percent="12.5")),
    Case("team-floor-money", "piso para insatisfatório: R$ 1.234,56 por equipe",
         "floor for insufficient: R$ 1,234.56 per team", floor(["insufficient"], amount=123456)),
    Case("team-floor-money-per-month", "piso para insatisfatório e mediano: R$ 1.234,56 por equipe por mês",
         "floor for insufficient and below_average: R$ 1,234.56 per team per month",
         floor(["insufficient", "below_average"], amount=123456, per_month=True)),
    Case("team-floor-money-whole-reais", "piso para regular: R$ 500 por equipe", "floor for fair: R$ 500 per team",
         floor(["fair"], amount=50000)),
    Case("redirect", "redirecionar 50% de insatisfatório para acima", "redirect 50% from insufficient to above_average",
         {"kind": "redirect", "percent": Decimal(50), "from_categories": ["insufficient"],
          "to_categories": ["above_average"]}),
    Case("redirect-lists", "redirecionar 33,3% de ruim, regular para ótimo e muito_bom",
         "redirect 33.3% of poor, fair to excellent and very_good",
         {"kind": "redirect", "percent": Decimal("33.3"), "from_categories": ["poor", "fair"],
          "to_categories": ["excellent", "very_good"]}),
    # ---- division within a team --------------------------------------------------------------
    Case("divide-equally", "dividir igualmente", "divide equally", {"kind": "divide_equally"}),
    Case("divide-by-weight", "dividir por peso: médico 3, enfermeiro 2, acs 1,5",
         "divide by weight: physician 3, nurse 2, community_health_agent 1.5",
         {"kind": "divide_by_weight",
          "weights": [nv("physician", "3"), nv("nurse", "2"), nv("community_health_agent", "1.5")]}),
    Case("divide-by-weight-own-cadre", "dividir por peso: farmaceutico 2 e técnico_de_enfermagem 1",
         "divide by weight: farmaceutico 2 and nursing_technician 1",
         {"kind": "divide_by_weight", "weights": [nv("farmaceutico", "2"), nv("nursing_technician", "1")]}),
    Case("earmark", "reservar 10% para dentista", "earmark 10% for dentist",
         {"kind": "earmark", "percent": Decimal(10), "target": "dentist"}),
    Case("earmark-decimal", "reservar 7,5% ao coordenador", "earmark 7.5% to coordinator",
         {"kind": "earmark", "percent": Decimal("7.5"), "target": "coordinator"}),
    Case("fixed-amount", "pagar R$ 1.234,56 por pessoa para médico, enfermeiro",
         "pay R$ 1,234.56 per person to physician, nurse",
         {"kind": "fixed_amount", "amount": 123456, "recipients": ["physician", "nurse"], "per_month": False}),
    Case("fixed-amount-per-month", "pagar R$ 150,00 por pessoa para acs por mês",
         "pay R$ 150.00 per person to chw per month",
         {"kind": "fixed_amount", "amount": 15000, "recipients": ["community_health_agent"], "per_month": True}),
    Case("fixed-amount-cents", "pagar R$ 0,05 por pessoa para apoio", "pay R$ 0.05 per person to support",
         {"kind": "fixed_amount", "amount": 5, "recipients": ["support"], "per_month": False}),
    Case("fixed-amount-millions", "pagar R$ 1.000.000 por pessoa para médica", "pay R$ 1,000,000 per person to doctor",
         {"kind": "fixed_amount", "amount": 100_000_000, "recipients": ["physician"], "per_month": False}),
    Case("equalize", "igualar entre equipes da mesma categoria", "equalize across teams of the same category",
         {"kind": "equalize"}),
    Case("equalize-without-article", "igualar entre equipes de mesma categoria", "equalize across teams of same category",
         {"kind": "equalize"}),
    Case("pool-level", "agrupar acs entre equipes da mesma categoria",
         "pool community_health_agent across teams of the same category",
         {"kind": "pool_level", "group": "community_health_agent"}),
    Case("pool-level-group", "agrupar nível_superior entre equipes da mesma categoria",
         "pool nível_superior across teams of the same category",
         {"kind": "pool_level", "group": "nível_superior"}),
    # ---- eligibility -----------------------------------------------------------------------------
    Case("eligible", "elegíveis: médico, enfermeiro e dentista", "eligible: physician, nurse and dentist",
         {"kind": "eligible", "members": ["physician", "nurse", "dentist"]}),
    Case("eligible-synonyms", "elegíveis: cirurgião_dentista, enfermeira, agente_comunitário_de_saúde, recepcionista",
         "eligible: dentist, nurse, chw, receptionist",
         {"kind": "eligible", "members": ["dentist", "nurse", "community_health_agent", "administrative"]}),
    Case("eligible-technicians-and-assistants",
         "elegíveis: técnico_de_enfermagem, auxiliar_de_enfermagem, tsb, asb",
         "eligible: nursing_technician, nursing_assistant, oral_health_technician, oral_health_assistant",
         {"kind": "eligible", "members": ["nursing_technician", "nursing_assistant", "oral_health_technician",
                                          "oral_health_assistant"]}),
    Case("require-posted-at-evaluation", "exigir lotado na avaliação", "require posted at evaluation",
         req("posted_at_evaluation")),
    Case("require-posted-in-evaluation-month", "exigir lotado no mês da avaliação",
         "require posted in month of the evaluation", req("posted_in_evaluation_month")),
    Case("require-active-at-payment", "exigir ativo no pagamento", "require active at payment",
         req("active_at_payment")),
    Case("require-signed-contract", "exigir contrato assinado", "require signed contract", req("signed_contract")),
    Case("require-signed-contract-other-order", "exigir assinado contrato", "require contract signed",
         req("signed_contract")),
    Case("require-minimum-service", "exigir 6 meses de serviço", "require 6 months of service",
         req("minimum_service", 6)),
    Case("require-minimum-service-1-month", "exigir 1 mês de serviço", "require 1 month service",
         req("minimum_service", 1)),
    Case("exclude-leave", "excluir afastamento: licença_saúde, férias", "exclude leave: sick_leave, vacation",
         {"kind": "exclude_leave", "leave_kinds": ["inss", "vacation"]}),
    Case("exclude-leave-all-kinds",
         "excluir afastamentos: inss, sem_vencimentos, cessão, maternidade, férias, suspensão",
         "exclude leave: inss, unpaid, secondment, maternity, vacation, suspension",
         {"kind": "exclude_leave",
          "leave_kinds": ["inss", "unpaid", "secondment", "maternity", "vacation", "suspension"]}),
    Case("waiting-period", "carência de 30 dias após retorno", "waiting 30 days after return",
         {"kind": "waiting_period", "days": 30}),
    Case("lose-after-absences", "perde após 3 faltas injustificadas", "lose after 3 unjustified absences",
         {"kind": "lose_after_absences", "absences": 3}),
    Case("lose-after-absences-other-order", "perde após 5 injustificadas faltas", "lose after 5 absences unjustified",
         {"kind": "lose_after_absences", "absences": 5}),
    Case("pro-rata-days", "proporcional aos dias", "pro-rata by days", {"kind": "pro_rata", "basis": "days"}),
    Case("pro-rata-hours", "proporcional às horas", "pro-rata by hours", {"kind": "pro_rata", "basis": "hours"}),
    Case("pro-rata-bare", "proporcional dias", "prorata days",
         {"kind": "pro_rata", "basis": "days"}),
    # ---- caps and floors per person ------------------------------------------------------------
    Case("person-cap", "teto R$ 2.000,00 por pessoa", "cap R$ 2,000.00 per person",
         {"kind": "person_cap", "amount": 200000}),
    Case("person-cap-cents", "teto R$ 1.234,5 por pessoa", "cap R$ 1,234.5 per person",
         {"kind": "person_cap", "amount": 123450}),
    Case("person-floor", "piso R$ 150,50 por pessoa", "floor R$ 150.50 per person",
         {"kind": "person_floor", "amount": 15050}),
    # ---- remainders: every source, every destination ------------------------------------------
    Case("remainder-ineligible-to-named", "sobra de inelegíveis para gestão", "remainder of ineligible to gestão",
         rem("ineligible", "gestão")),
    Case("remainder-earmark-to-next-period", "sobra de reserva para próximo período",
         "remainder of earmark to next period", rem("earmark", "next_period")),
    Case("remainder-pro-rata-to-team", "sobra de proporcionalidade para equipe", "remainder of pro-rata to team",
         rem("pro_rata", "team")),
    Case("remainder-cap-to-team", "sobra de teto para equipe", "remainder of cap to team", rem("cap", "team")),
    Case("remainder-failed-teams-to-named", "sobra de reprovadas para fundo_municipal",
         "remainder of failed_teams to fundo_municipal", rem("failed_teams", "fundo_municipal")),
    Case("remainder-all-to-next-period", "sobra de tudo para período próximo", "remainder of all to period next",
         rem("all", "next_period")),
    Case("remainder-keyword-sources", "sobra de proporcional para próximo período",
         "remainder of prorata to next period", rem("pro_rata", "next_period")),
    # ---- definitions ------------------------------------------------------------------------------
    Case("cadre", 'cargo farmaceutico "Farmacêutico(a)" cbo 223405, 223415',
         'cadre farmaceutico "Farmacêutico(a)" cbo 223405, 223415',
         {"kind": "cadre", "name": "farmaceutico", "label": "Farmacêutico(a)", "cbo": ["223405", "223415"]}),
    Case("cadre-bare", "cargo educador_físico", "cadre educador_físico",
         {"kind": "cadre", "name": "educador_físico", "label": None, "cbo": []}),
    Case("cadre-cbo-and", "cargo farmaceutico cbo 223405 e 223415", "cadre farmaceutico cbo 223405 and 223415",
         {"kind": "cadre", "name": "farmaceutico", "label": None, "cbo": ["223405", "223415"]}),
    Case("group", "grupo nível_superior: médico, enfermeiro, dentista",
         "group nível_superior: physician, nurse, dentist",
         {"kind": "group", "name": "nível_superior", "members": ["physician", "nurse", "dentist"]}),
]

BY_ID = {c.id: c for c in CASES}
assert len(BY_ID) == len(CASES), "case ids must be unique"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_portuguese(case: Case) -> None:
    assert meaning(provision_of(case.pt, "pt")) == case.expected


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_english(case: Case) -> None:
    assert meaning(provision_of(case.en, "en")) == case.expected


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_both_languages_mean_the_same(case: Case) -> None:
    pt, en = provision_of(case.pt, "pt"), provision_of(case.en, "en")
    assert semantic(pt) == semantic(en)
    assert meaning(pt) == meaning(en)


# ---- coverage of kinds and variants ---------------------------------------------------------------
def test_every_provision_kind_has_a_case() -> None:
    assert {c.expected["kind"] for c in CASES} == set(PROVISION_KINDS)


def _literal_values(model: type, field: str) -> set[str]:
    annotation = model.model_fields[field].annotation
    assert typing.get_origin(annotation) is typing.Literal
    return set(typing.get_args(annotation))


@pytest.mark.parametrize("kind,field,model", [
    ("allocate", "mode", law_model.Allocate),
    ("require", "condition", law_model.Require),
    ("remainder", "source", law_model.Remainder),
    ("scale", "scale", law_model.Scale),
    ("disqualified", "treatment", law_model.Disqualified),
    ("pro_rata", "basis", law_model.ProRata),
], ids=lambda v: v if isinstance(v, str) else None)
def test_every_variant_has_a_case(kind: str, field: str, model: type) -> None:
    covered = {c.expected[field] for c in CASES if c.expected["kind"] == kind}
    assert covered == _literal_values(model, field)


def test_every_frequency_and_remainder_destination_has_a_case() -> None:
    named = {c.expected["months"] for c in CASES if c.id.startswith("frequency-") and "every" not in c.id}
    assert named == {1, 2, 3, 4, 6, 12}
    assert any(c.expected["kind"] == "frequency" and c.expected["in_month"] for c in CASES)
    destinations = {c.expected["destination"] for c in CASES if c.expected["kind"] == "remainder"}
    assert {"team", "next_period"} <= destinations and destinations - {"team", "next_period"}
    floors = {(c.expected["percent_of_transfer"] is not None, c.expected["per_month"])
              for c in CASES if c.expected["kind"] == "team_floor"}
    assert floors == {(True, False), (False, False), (False, True)}


# ---- the tests can fail: similar inputs give different values -------------------------------------
@pytest.mark.parametrize("language,a,b,field,value_a,value_b", [
    ("pt", "teto R$ 1.234,56 por pessoa", "teto R$ 1.234,65 por pessoa", "amount", 123456, 123465),
    ("en", "cap R$ 1,234.56 per person", "cap R$ 1,234.65 per person", "amount", 123456, 123465),
    ("pt", "teto R$ 1.234 por pessoa", "teto R$ 1234,5 por pessoa", "amount", 123400, 123450),
    ("pt", "pagamento trimestral", "pagamento semestral", "months", 3, 6),
    ("en", "payment quarterly", "payment semiannual", "months", 3, 6),
    ("pt", "reservar 12,5% para dentista", "reservar 12,05% para dentista", "percent", Decimal("12.5"),
     Decimal("12.05")),
    ("pt", "exigir lotado na avaliação", "exigir lotado no mês da avaliação", "condition",
     "posted_at_evaluation", "posted_in_evaluation_month"),
    ("pt", "proporcional aos dias", "proporcional às horas", "basis", "days", "hours"),
    ("en", "remainder of cap to team", "remainder of ineligible to team", "source", "cap", "ineligible"),
], ids=["money-pt", "money-en", "money-thousands-vs-decimal-pt", "frequency-pt", "frequency-en", "percent-pt",
        "require-pt", "pro-rata-pt", "remainder-source-en"])
def test_similar_inputs_give_different_values(language: str, a: str, b: str, field: str, value_a: Any,
                                              value_b: Any) -> None:
    pa, pb = provision_of(a, language), provision_of(b, language)
    assert getattr(pa, field) == value_a
    assert getattr(pb, field) == value_b
    assert meaning(pa) != meaning(pb)


def test_an_expected_model_rejects_a_neighbouring_input() -> None:
    """The expected dict of one case does not match a similar snippet: the comparison has teeth."""
    assert meaning(provision_of("pagamento semestral", "pt")) != BY_ID["frequency-quarterly"].expected
    assert meaning(provision_of("piso para insatisfatório: R$ 1.234,56 por equipe por mês", "pt")) != \
        BY_ID["team-floor-money"].expected


def test_semantic_tells_different_remainder_sources_apart() -> None:
    """semantic() drops layout only; where the money comes from is meaning, not layout."""
    cap = provision_of("sobra de teto para equipe", "pt")
    ineligible = provision_of("sobra de inelegíveis para equipe", "pt")
    assert semantic(cap) != semantic(ineligible)


def test_semantic_keeps_every_field_that_is_not_layout() -> None:
    lost = []
    for case in CASES:
        p = provision_of(case.pt, "pt")
        if set(semantic(p)) != set(case.expected):
            lost.append((case.id, sorted(set(case.expected) - set(semantic(p)))))
    assert lost == [], f"semantic() drops fields that are meaning, not layout: {lost}"


# ---- keywords: case, accents -------------------------------------------------------------------------
def _articles(text: str) -> list[Any]:
    law = parse_law(text)
    return [semantic(a) for v in law.versions for a in v.articles]


def test_keywords_are_case_insensitive() -> None:
    lower = 'lei "T"\nversão original vigência 01/03/2012\nart. 1:\n  repartir recursos em equipes 60%, gestão 40%\n' \
            '  distribuir equipes por nota\n  elegíveis: médico\n'
    upper = 'LEI "T"\nVERSÃO original VIGÊNCIA 01/03/2012\nART. 1:\n  REPARTIR Recursos EM equipes 60%, gestão 40%\n' \
            '  Distribuir EQUIPES Por NOTA\n  ELEGÍVEIS: MÉDICO\n'
    assert _articles(upper) == _articles(lower)
    split = parse_law(upper).versions[0].articles[0].provisions[0]
    assert (split.parent, [s.node for s in split.shares]) == ("funds", ["teams", "gestão"])
    en = parse_law('LAW "T"\nVersion original EFFECTIVE 2012-03-01\nArticle 1:\n  SPLIT Funds INTO Teams 100%\n')
    assert en.language == "en"
    assert meaning(en.versions[0].articles[0].provisions[0]) == \
        {"kind": "split", "parent": "funds", "shares": [share("teams", "100")]}


@pytest.mark.parametrize("plain,accented", [
    ("versao original vigencia 01/03/2012", "versão original vigência 01/03/2012"),
    ("elegiveis: medico, tecnico_de_enfermagem", "elegíveis: médico, técnico_de_enfermagem"),
    ("exigir lotado na avaliacao", "exigir lotado na avaliação"),
    ("exigir 3 meses de servico", "exigir 3 meses de serviço"),
    ("exigir 1 mes de servico", "exigir 1 mês de serviço"),
    ("carencia de 10 dias apos retorno", "carência de 10 dias após retorno"),
    ("sobra de teto para proximo periodo", "sobra de teto para próximo período"),
    ("categoria minima mediano", "categoria mínima mediano"),
    ("desclassificadas excluidas", "desclassificadas excluídas"),
    ("escala propria: otimo, bom", "escala própria: ótimo, bom"),
    ("proporcional aos dias", "proporcional aos dias"),  # "as" is the English keyword, so "às" keeps its accent
    ("paragrafo unico:", "parágrafo único:"),
], ids=["versao-vigencia", "elegiveis-medico", "avaliacao", "servico", "mes", "carencia-apos",
        "proximo-periodo", "minima", "excluidas", "propria-otimo", "aos-dias", "paragrafo-unico"])
def test_accents_are_optional_in_keywords(plain: str, accented: str) -> None:
    def law_with(line: str) -> str:
        if line.startswith("vers"):
            return f'lei "T"\n{line}\nart. 1:\n  dividir igualmente\n'
        return f'lei "T"\nversão original vigência 01/03/2012\nart. 1:\n  {line}\n'
    assert semantic(parse_law(law_with(plain))) == semantic(parse_law(law_with(accented)))


def test_accented_identifiers() -> None:
    law = parse_law('lei "T"\nversão original vigência 01/03/2012\nart. 1:\n'
                    '  repartir recursos em equipes 50%, gestão 50%\n'
                    '  repartir gestão em capacitação 30%, manutenção_física 70%\n'
                    '  grupo nível_superior: médico, enfermeiro\n')
    s1, s2, g = law.versions[0].articles[0].provisions
    assert [s.node for s in s1.shares] == ["teams", "gestão"]
    assert s2.parent == "gestão"
    assert [s.node for s in s2.shares] == ["capacitação", "manutenção_física"]
    assert (g.name, g.members) == ("nível_superior", ["physician", "nurse"])


def test_combining_accents_are_normalised_to_precomposed() -> None:
    combining = 'lei "Gesta\u0303o"\nversa\u0303o original vige\u0302ncia 01/03/2012\nart. 1:\n' \
                '  repartir recursos em equipes 50%, gesta\u0303o 50%\n  eleg\u00edveis: me\u0301dico\n'
    precomposed = 'lei "Gest\u00e3o"\nvers\u00e3o original vig\u00eancia 01/03/2012\nart. 1:\n' \
                  '  repartir recursos em equipes 50%, gest\u00e3o 50%\n  eleg\u00edveis: m\u00e9dico\n'
    a, b = parse_law(combining), parse_law(precomposed)
    assert semantic(a) == semantic(b)
    assert a.title == "Gest\u00e3o"
    assert a.versions[0].articles[0].provisions[0].shares[1].node == "gest\u00e3o"
    assert a.versions[0].articles[0].provisions[1].members == ["physician"]


# ---- comments ------------------------------------------------------------------------------------------
PLAIN_LAW = """lei "Lei nº 1/2012" município "Cidade" uf pb
versão original "Lei nº 1/2012" vigência 01/03/2012
art. 1 "Os recursos":
  repartir recursos em equipes 60%, gestão 40%
  pagamento mensal
  § 1:
    dividir igualmente
art. 2:
  teto R$ 2.000,00 por pessoa
emenda e1 vigência 01/01/2013
altera art. 2:
  teto R$ 3.000,00 por pessoa
revoga art. 1
"""

COMMENTED_LAW = """# cabeçalho: lei "falsa" art. 9
lei "Lei nº 1/2012" município "Cidade" uf pb  # a lei
# comentário antes da versão
versão original "Lei nº 1/2012" vigência 01/03/2012 # versão original

art. 1 "Os recursos":  # artigo 1, com "aspas" e § 3
  # antes de uma disposição: repartir recursos em nada 100%
  repartir recursos em equipes 60%, gestão 40%   # 60/40
  pagamento mensal#sem espaço
  # antes do parágrafo
  § 1:
    # dentro do parágrafo
    dividir igualmente  # igual
art. 2:
  teto R$ 2.000,00 por pessoa # teto
# antes da emenda
emenda e1 vigência 01/01/2013  # emenda
altera art. 2:  # nova redação
  # nova redação do teto
  teto R$ 3.000,00 por pessoa
revoga art. 1  # revogado
# comentário no fim do arquivo
"""


def test_comments_anywhere_do_not_change_the_model() -> None:
    assert semantic(parse_law(COMMENTED_LAW)) == semantic(parse_law(PLAIN_LAW))


def test_comments_are_kept_on_the_nodes() -> None:
    law = parse_law(COMMENTED_LAW)
    assert law.comments == ['# cabeçalho: lei "falsa" art. 9']
    assert law.trailing_comment == "# a lei"
    art1 = law.versions[0].articles[0]
    assert art1.trailing_comment == '# artigo 1, com "aspas" e § 3'
    split = art1.provisions[0]
    assert split.comments == ["# antes de uma disposição: repartir recursos em nada 100%"]
    assert split.trailing_comment == "# 60/40"
    assert art1.provisions[1].trailing_comment == "#sem espaço"
    assert art1.paragraphs[0].comments == ["# antes do parágrafo"]
    assert art1.paragraphs[0].provisions[0].comments == ["# dentro do parágrafo"]
    assert law.closing_comments == ["# comentário no fim do arquivo"]


# ---- articles, paragraphs, legal wording ---------------------------------------------------------------
def _numbers(*heads: str) -> list[str]:
    body = "".join(f"{h}\n  dividir igualmente\n" for h in heads)
    law = parse_law(f'lei "T"\nversão original vigência 01/03/2012\n{body}')
    return [a.number for a in law.versions[0].articles]


@pytest.mark.parametrize("head,number", [
    ("art. 3", "3"), ("art. 3:", "3"), ("art. 3º", "3"), ("art. 3º:", "3"), ("art. 3°", "3"),
    ("artigo 3", "3"), ("Art. 3º", "3"), ("art.3", "3"), ("art. 10", "10"),
    ("art. 3-A", "3-A"), ("art. 3-a", "3-A"), ("art. 3º-A", "3-A"), ("art. 3-B:", "3-B"), ("art. 3-E", "3-E"),
], ids=lambda v: v)
def test_article_numbers(head: str, number: str) -> None:
    assert _numbers(head) == [number]


def test_article_numbers_in_english() -> None:
    law = parse_law('law "T"\nversion original effective 2012-03-01\narticle 1:\n  divide equally\n'
                    'art. 1-A:\n  divide equally\n')
    assert [a.number for a in law.versions[0].articles] == ["1", "1-A"]


def test_paragraphs() -> None:
    law = parse_law('lei "T"\nversão original vigência 01/03/2012\n'
                    'art. 2 "Da distribuição":\n'
                    '  dividir igualmente\n'
                    '  § 1 "O piso":\n'
                    '    teto R$ 100,00 por pessoa\n'
                    '  § 2º:\n'
                    '    pagamento mensal\n'
                    '    defasagem de 1 mês\n'
                    'art. 3:\n'
                    '  parágrafo único "Regra única":\n'
                    '    dividir igualmente\n')
    art2, art3 = law.versions[0].articles
    assert [meaning(p) for p in art2.provisions] == [{"kind": "divide_equally"}]
    assert [(p.label, p.wording) for p in art2.paragraphs] == [("1", "O piso"), ("2", None)]
    assert [meaning(p) for p in art2.paragraphs[0].provisions] == [{"kind": "person_cap", "amount": 10000}]
    assert [p.kind for p in art2.paragraphs[1].provisions] == ["frequency", "lag"]
    assert art3.provisions == []
    assert [(p.label, p.wording) for p in art3.paragraphs] == [("sole", "Regra única")]
    assert [p.kind for p in art3.paragraphs[0].provisions] == ["divide_equally"]
    assert [(label, p.kind) for label, p in art2.all_provisions()] == \
        [(None, "divide_equally"), ("1", "person_cap"), ("2", "frequency"), ("2", "lag")]


def test_paragraph_sole_in_english_equals_portuguese() -> None:
    en = parse_law('law "T"\nversion original effective 2012-03-01\nart. 3:\n  paragraph sole:\n    divide equally\n')
    pt = parse_law('lei "T"\nversão original vigência 01/03/2012\nart. 3:\n  parágrafo único:\n    dividir igualmente\n')
    assert en.versions[0].articles[0].paragraphs[0].label == "sole"
    assert semantic(en.versions[0].articles[0]) == semantic(pt.versions[0].articles[0])


def test_legal_wording_is_kept_verbatim() -> None:
    law = parse_law('lei "Lei Municipal nº 1.234/2012" município "São João do Rio do Peixe" uf pb ibge 2514503\n'
                    'versão original "Lei nº 1.234, de 1º de março de 2012" vigência 01/03/2012\n'
                    'art. 1 "Os recursos do PMAQ-AB serão repartidos assim: 60% (sessenta por cento)":\n'
                    '  dividir igualmente\n'
                    'art. 2 "O servidor dito \\"lotado\\" — repartir recursos em nada":\n'
                    '  § 1 “Texto entre aspas curvas, com # e ; e: dois-pontos”:\n'
                    '    dividir igualmente\n')
    assert law.title == "Lei Municipal nº 1.234/2012"
    assert law.municipality == "São João do Rio do Peixe"
    assert law.state == "PB"
    assert law.ibge == "2514503"
    version = law.versions[0]
    assert version.title == "Lei nº 1.234, de 1º de março de 2012"
    art1, art2 = version.articles
    assert art1.wording == "Os recursos do PMAQ-AB serão repartidos assim: 60% (sessenta por cento)"
    assert art2.wording == 'O servidor dito "lotado" — repartir recursos em nada'
    assert art2.provisions == []
    assert art2.paragraphs[0].wording == "Texto entre aspas curvas, com # e ; e: dois-pontos"


# ---- header and versions --------------------------------------------------------------------------------
@pytest.mark.parametrize("effective,date,cycle", [
    ("vigência 01/03/2012", dt.date(2012, 3, 1), None),
    ("vigência 2012-03-01", dt.date(2012, 3, 1), None),
    ("vigência 1/3/2012", dt.date(2012, 3, 1), None),
    ("vigência 31/12/2013", dt.date(2013, 12, 31), None),
    ("vigência ciclo 1", dt.date(2011, 11, 1), 1),
    ("vigência ciclo 2", dt.date(2013, 4, 1), 2),
    ("vigência ciclo 3", dt.date(2015, 10, 1), 3),
], ids=lambda v: v if isinstance(v, str) else None)
def test_effective_dates(effective: str, date: dt.date, cycle: int | None) -> None:
    law = parse_law(f'lei "T"\nversão original {effective}\nart. 1:\n  dividir igualmente\n')
    assert (law.versions[0].effective, law.versions[0].cycle) == (date, cycle)


def test_versions_and_amendments_are_read_in_order() -> None:
    law = parse_law(PLAIN_LAW)
    assert [(v.name, v.kind, v.effective) for v in law.versions] == [
        ("original", "original", dt.date(2012, 3, 1)), ("e1", "amendment", dt.date(2013, 1, 1))]
    ops = law.versions[1].operations
    assert [(o.op, o.target) for o in ops] == [("replace", "2"), ("repeal", "1")]
    assert meaning(ops[0].article.provisions[0]) == {"kind": "person_cap", "amount": 300000}


def test_language_is_detected() -> None:
    assert parse_law(PLAIN_LAW).language == "pt"
    assert parse_law('law "T"\nversion v effective 2012-03-01\nart. 1:\n  divide equally\n').language == "en"
