"""Overlapping rules: A001's condition thresholds, and A003 (a team or person under two provisions of different kinds).

For each kind of A003 overlap: a law that triggers it and a corrected law that does not, the message in the
law's language, and the witness rebuilt by hand and run through the engine.  The hand-built cases use
tests/lint/test_witness.py's dataset builder (its own dates and ids, not the witness search's); the expected
amounts are worked out here from the law's numbers.
"""

from __future__ import annotations

import re
from fractions import Fraction

import pytest

from p4p_rules.engine.run import run
from p4p_rules.load import compile_text
from tests.lint.helpers import en, line_of, lint, only, pt
from tests.lint.test_witness import TEAM, TEAM_EN, TEAM_PT, amounts, dataset, months, paid_by_team, person, witness_of

SPLIT = "art. 1:\n  repartir recursos em equipes 60%, gestão 40%\n  repartir gestão em infraestrutura 100%\n"
SPLIT_EN = "art. 1:\n  split funds into teams 60%, infrastructure 40%\n"
TEAMS_SIX_MONTHS = 6 * 850_000 * 60 // 100        # a best team's part of six months of transfers: R$ 30.600,00


def team(*cadres: str) -> list[dict]:
    return [person(c) for c in (cadres or TEAM)]


def semester(law: str, teams: list[tuple[str, list[dict]]]):
    """Run the law over one semester (Jan-Jun 2015), teams evaluated in November 2014."""
    return run(compile_text(law), dataset(teams, months("2015-01-01", 6), "2014-11-12"))


# ---- A001: thresholds of one condition ------------------------------------------------------------------------------
def test_a001_two_minimum_services_the_stricter_decides():
    law = pt(SPLIT, "art. 2:\n  dividir igualmente\n  exigir 3 meses de serviço", "art. 3:\n  exigir 6 meses de serviço")
    [f] = only(law, "A001")
    assert f.line == line_of(law, "exigir 3 meses") and f.severity == "error"
    assert "o motor aplica o art. 3 (o motor exige as duas condições, e a mais exigente decide)" in f.message
    # the stricter one wins whatever the order
    law = en(SPLIT_EN, "art. 2:\n  divide equally\n  require 6 months of service", "art. 3:\n  require 3 months of service")
    [f] = only(law, "A001")
    assert f.line == line_of(law, "require 3 months") and "the engine applies art. 2 (the engine requires both" in \
        f.message
    assert not only(pt(SPLIT, "art. 2:\n  dividir igualmente\n  exigir 6 meses de serviço"), "A001")


def test_a001_posted_in_the_month_and_on_the_day_of_the_evaluation():
    law = pt(SPLIT, "art. 2:\n  exigir lotado no mês da avaliação\n  exigir lotado na avaliação")
    [f] = only(law, "A001")
    assert f.line == line_of(law, "no mês da avaliação") and "a mais exigente decide" in f.message
    assert not only(pt(SPLIT, "art. 2:\n  exigir lotado na avaliação\n  exigir ativo no pagamento"), "A001")


def test_a001_two_waiting_periods_or_absence_limits_the_later_article_prevails():
    law = pt(SPLIT, "art. 2:\n  carência de 30 dias após retorno\n  perde após 3 faltas injustificadas",
             "art. 3:\n  carência de 60 dias após retorno\n  perde após 5 faltas injustificadas")
    found = only(law, "A001")
    assert sorted(f.line for f in found) == [line_of(law, "carência de 30"), line_of(law, "perde após 3")]
    assert all("o artigo posterior prevalece" in f.message for f in found)
    same = pt(SPLIT, "art. 2:\n  carência de 30 dias após retorno", "art. 3:\n  carência de 30 dias após retorno")
    assert not only(same, "A001")


# ---- A003: teams a category excludes, but another provision pays ------------------------------------------------
REDIRECT = pt(SPLIT, "art. 2:\n  escala quatro_níveis\n  desclassificadas excluídas\n"
                     "  distribuir equipes por peso de categoria: muito_acima_da_média 100, acima_da_média 75, mediano 50, "
                     "insatisfatório 0\n  categoria mínima mediano\n  sobra de reprovadas para infraestrutura",
              "art. 3:\n  redirecionar 10% de muito_acima_da_média para insatisfatório",
              "art. 4:\n  dividir igualmente\n  pagamento semestral")


def test_a003_redirect_to_an_excluded_category():
    [f] = only(REDIRECT, "A003")
    assert (f.line, f.col, f.severity) == (line_of(REDIRECT, "redirecionar"), 3, "warning")
    assert f.message == ("art. 3: redirecionar 10% de muito_acima_da_média para insatisfatório manda dinheiro para as "
                         "equipes insatisfatório, mas art. 2: categoria mínima mediano as exclui: o motor lhes paga o "
                         "redirecionado, e a exclusão não vale para esse dinheiro")
    w = f.witness
    assert w == (f"uma equipe muito_acima_da_média e uma equipe insatisfatório, cada uma com {TEAM_PT}: a equipe "
                 "insatisfatório recebe R$ 3.060,00 redirecionados pelo art. 3, apesar de 'categoria mínima mediano' "
                 "(art. 2)"), w
    r = semester(REDIRECT, [("well_above_average", team()), ("insufficient", team())])
    # the best team's part is R$ 30.600,00 (weight 100 of 100); 10% of it goes to the excluded team
    assert paid_by_team(r)["USF 2"] == amounts(w)[0] == TEAMS_SIX_MONTHS // 10
    # corrected: no minimum category (weight 0 already gives those teams nothing but the redirect)
    assert not only(REDIRECT.replace("  categoria mínima mediano\n", ""), "A003")


def test_a003_floor_for_teams_the_law_excludes():
    law = pt(SPLIT, "art. 2:\n  escala quatro_níveis\n  desclassificadas excluídas\n"
                    "  piso para desclassificada: R$ 500,00 por equipe por mês\n  pagamento semestral")
    [f] = only(law, "A003")
    assert f.line == line_of(law, "piso para desclassificada")
    assert "dá piso às equipes desclassificadas, mas art. 2: desclassificadas excluídas as exclui: o motor paga o " \
           "piso" in f.message
    w = f.witness
    assert w.startswith(f"uma equipe muito_acima_da_média e uma equipe desclassificada, cada uma com {TEAM_PT}: a "
                        "equipe desclassificada recebe R$ 3.000,00 pelo piso (art. 2), apesar de 'desclassificadas "
                        "excluídas'"), w
    r = semester(law, [("well_above_average", team()), ("disqualified", team())])
    assert paid_by_team(r)["USF 2"] == amounts(w)[0] == 6 * 50_000     # R$ 500,00 a month for six months
    assert not only(law.replace("desclassificadas excluídas", "desclassificadas como insatisfatório"), "A003")


def test_a003_weight_for_a_category_below_the_minimum():
    law = pt(SPLIT, "art. 2:\n  escala quatro_níveis\n  desclassificadas excluídas\n"
                    "  distribuir equipes por peso de categoria: muito_acima_da_média 100, acima_da_média 75, "
                    "mediano 50, insatisfatório 25\n  categoria mínima mediano\n  pagamento semestral\n"
                    "  sobra de reprovadas para infraestrutura")
    [f] = only(law, "A003")
    assert law.splitlines()[f.line - 1][f.col - 1:].startswith("insatisfatório 25")
    assert f.message.startswith("o art. 2 dá às equipes insatisfatório o peso 25, mas art. 2: categoria mínima "
                                "mediano as exclui: o motor não lhes paga nada")
    w = f.witness
    assert w.endswith("a equipe insatisfatório nada recebe, apesar do peso 25 no art. 2, porque 'categoria mínima "
                      "mediano' (art. 2); R$ 6.120,00 vão para 'infraestrutura'"), w
    r = semester(law, [("well_above_average", team()), ("insufficient", team())])
    assert "USF 2" not in paid_by_team(r)
    led = r.ledger
    lost = int(led[(led["source"] == "failed_teams") & (led["destination"] == "infraestrutura")]["amount"].sum())
    assert lost == amounts(w)[0] == TEAMS_SIX_MONTHS * 25 // 125       # weight 25 of 100 + 25
    assert not only(law.replace("insatisfatório 25", "insatisfatório 0"), "A003")


def test_a003_an_excluded_team_whose_money_cannot_reach_it_is_not_reported():
    """A floor of 20% of the transfer for a category whose transfer is zero: the engine shows nothing."""
    law = pt(SPLIT, "art. 2:\n  escala quatro_níveis\n  desclassificadas excluídas\n  categoria mínima mediano\n"
                    "  piso para insatisfatório: 20% do repasse")
    assert not only(law, "A003")
    [f] = lint(law, ["A003"], witness=False)      # unconfirmed, without the search
    assert f.witness is None


# ---- A003: two floors, the disqualified teams' own value ----------------------------------------------------------
def test_a003_two_floors_for_one_category_the_first_is_paid():
    law = pt(SPLIT, "art. 2:\n  escala quatro_níveis\n  desclassificadas excluídas\n"
                    "  piso para insatisfatório: R$ 1.000,00 por equipe\n  pagamento semestral",
             "art. 3:\n  piso para insatisfatório, mediano: R$ 500,00 por equipe por mês")
    [f] = only(law, "A003")
    assert f.line == line_of(law, "piso para insatisfatório, mediano")
    assert "já dá piso às equipes insatisfatório: o motor paga o primeiro piso" in f.message
    w = f.witness
    assert w.endswith("a equipe insatisfatório recebe R$ 1.000,00 por 'piso para insatisfatório: R$ 1.000,00 por "
                      "equipe' (art. 2); 'piso para insatisfatório, mediano: R$ 500,00 por equipe por mês' (art. 3) "
                      "lhe daria R$ 3.000,00"), w
    r = semester(law, [("well_above_average", team()), ("insufficient", team())])
    assert paid_by_team(r)["USF 2"] == amounts(w)[0] == 100_000
    assert not only(law.replace("piso para insatisfatório, mediano", "piso para mediano"), "A003")


def test_a003_disqualified_teams_value_never_applies_when_they_count_as_another_category():
    law = pt(SPLIT, "art. 2:\n  escala quatro_níveis\n  desclassificadas como insatisfatório\n"
                    "  distribuir equipes por peso de categoria: muito_acima_da_média 100, acima_da_média 75, "
                    "mediano 50, insatisfatório 20, desclassificada 10\n  pagamento semestral")
    [f] = only(law, "A003")
    assert law.splitlines()[f.line - 1][f.col - 1:].startswith("desclassificada 10")
    assert "o motor usa o valor de insatisfatório e o de desclassificada nunca se aplica" in f.message
    w = f.witness
    assert "a equipe desclassificada recebe R$ " in w and "o mesmo que a equipe insatisfatório (valor 20), e não " \
           "pelo seu valor 10 (art. 2)" in w, w
    r = semester(law, [("well_above_average", team()), ("insufficient", team()), ("disqualified", team())])
    # R$ 30.600,00 by weights 100, 20, 20: each of the two small teams gets 20/140, the centavos by largest remainder
    exact = Fraction(TEAMS_SIX_MONTHS * 20, 140)
    assert exact.denominator != 1
    paid = paid_by_team(r)
    assert paid["USF 2"] == paid["USF 3"] == amounts(w)[0] == int(exact) + 1
    assert not only(law.replace("desclassificada 10", "desclassificada 20"), "A003")


# ---- A003: people -------------------------------------------------------------------------------------------------
def test_a003_earmark_for_a_cadre_outside_the_eligible_list_in_english():
    law = en(SPLIT_EN, "art. 2:\n  eligible: physician, nurse\n  earmark 10% for dentist\n  remainder of earmark to team")
    [f] = only(law, "A003")
    assert f.line == line_of(law, "earmark 10%") and f.language == "en"
    assert f.message == ("art. 2: earmark 10% for dentist pays dentist, but dentist is not eligible (art. 2): the "
                         "engine pays dentist all the same")
    assert f.help == "add dentist to the eligible list, or drop this rule"
    w = f.witness
    assert w == ("a team rated well_above_average (physician, nurse, dentist): the dentist gets R$ 510.00 by art. 2, "
                 "though not eligible (art. 2)"), w
    r = run(compile_text(law), dataset([("well_above_average", team("physician", "nurse", "dentist"))],
                                       ["2016-03-01"], "2016-01-05"))
    dentist = r.payments[r.payments["cadre"] == "dentist"]
    assert int(dentist["amount"].sum()) == amounts(w)[0] == 850_000 * 60 // 100 // 10
    assert not only(law.replace("eligible: physician, nurse", "eligible: physician, nurse, dentist"), "A003")


def test_a003_fixed_amount_outside_the_eligible_list_through_a_group():
    law = pt(SPLIT, "art. 2:\n  grupo agentes: acs, ace\n  elegíveis: médico, enfermeiro, acs\n"
                    "  pagar R$ 100,00 por pessoa para agentes")
    [f] = only(law, "A003")
    assert "paga ace, mas ace não está entre os elegíveis" in f.message
    assert re.search(r"o ace recebe R\$ 100,00 pelo art\. 2", f.witness)


def test_a003_floor_per_person_above_the_cap():
    law = pt(SPLIT, "art. 2:\n  dividir igualmente\n  piso R$ 2.500,00 por pessoa\n  teto R$ 2.000,00 por pessoa\n"
                    "  sobra de teto para infraestrutura\n  pagamento semestral")
    [f] = only(law, "A003")
    assert f.line == line_of(law, "piso R$ 2.500")
    assert "o motor aplica o piso e depois o teto, e ninguém recebe o piso" in f.message
    w = f.witness
    assert w == (f"uma equipe muito_acima_da_média ({TEAM_PT}): o médico recebe R$ 2.000,00, menos que o piso de "
                 "R$ 2.500,00 (art. 2): o teto (art. 2) o corta"), w
    r = semester(law, [("well_above_average", team())])
    # R$ 30.600,00 for four people is R$ 7.650,00 each, above the floor: the cap cuts each to R$ 2.000,00
    assert set(r.payments["amount"]) == {amounts(w)[0]} == {200_000}
    assert not only(law.replace("piso R$ 2.500,00", "piso R$ 1.500,00"), "A003")


def test_a003_fixed_amount_above_the_cap_in_english():
    law = en(SPLIT_EN, "art. 2:\n  pay R$ 3,000.00 per person to community_health_agent\n  cap R$ 2,000.00 per person\n"
                       "  remainder of cap to infrastructure\n  payment semiannual")
    [f] = only(law, "A003")
    assert "more than the cap (art. 2: cap R$ 2,000.00 per person): the engine cuts the fixed amount down to the cap" \
        in f.message
    w = f.witness
    assert w.endswith("the community_health_agent gets R$ 2,000.00 of the R$ 3,000.00 fixed (art. 2): the cap (art. 2) "
                      "cuts R$ 1,000.00"), w
    r = semester(law, [("well_above_average", team())])
    acs = r.payments[r.payments["cadre"] == "community_health_agent"]
    assert acs["amount"].tolist() == [amounts(w)[0]] == [200_000]
    # per month, a semester's fixed amount is six times as much: R$ 400,00 a month is R$ 2.400,00 a payment
    monthly = law.replace("R$ 3,000.00 per person to community_health_agent",
                          "R$ 400.00 per person to community_health_agent per month")
    [g] = only(monthly, "A003")
    assert "gives community_health_agent R$ 2,400.00 a payment" in g.message
    assert not only(monthly.replace("cap R$ 2,000.00", "cap R$ 2,400.00"), "A003")


@pytest.mark.parametrize("text", [pt, en], ids=["pt", "en"])
def test_a003_reports_only_the_overlapping_pair(text):
    law = (pt(SPLIT, "art. 2:\n  escala quatro_níveis\n  desclassificadas como insatisfatório\n"
                     "  piso para insatisfatório: R$ 1.000,00 por equipe\n  categoria mínima mediano\n"
                     "  elegíveis: médico, enfermeiro, dentista\n  reservar 10% para dentista\n"
                     "  piso R$ 100,00 por pessoa\n  teto R$ 2.000,00 por pessoa")
           if text is pt else
           en(SPLIT_EN, "art. 2:\n  eligible: physician, nurse\n  pay R$ 100.00 per person to nurse\n"
                        "  cap R$ 2,000.00 per person"))
    found = lint(law, ["A003"], witness=False)
    # pt: the floor for insatisfatório pays a team the minimum category excludes (the one overlap here)
    assert [x.line for x in found] == ([line_of(law, "piso para insatisfatório")] if text is pt else [])


# ---- A003 on real data ----------------------------------------------------------------------------------------------
def test_a003_with_data_reports_what_the_overlap_paid_per_period(tmp_path):
    """M5's original law with a fixed amount for community agents, whom its eligible list leaves out: on the bundled
    data, each period's figure is what the engine paid the agents in the periods of that version."""
    from p4p_rules.data import load_dataset
    from p4p_rules.lint import Options, check_paths
    from p4p_rules.model import vocabulary as vocab
    from tests.lint.helpers import LAWS
    from tests.lint.test_realdata import data_line

    weights = "  dividir por peso: médico 3, enfermeiro 2, dentista 2, técnico_de_enfermagem 1, técnico_de_saúde_bucal 1\n"
    text = (LAWS / "m05.p4p").read_text(encoding="utf-8")
    assert text.count(weights) == 1
    law = tmp_path / "m05_acs.p4p"
    law.write_text(text.replace(weights, weights + "  pagar R$ 50,00 por pessoa para acs\n"), encoding="utf-8")
    data = LAWS / "data" / "m05"
    [f] = check_paths([law], Options(isolated=True, data=data, select=["A003"])).findings
    assert [v for v, _ in f.versions] == ["original"] and "acs não está entre os elegíveis" in f.message
    line = data_line(f.witness)
    payments = run(compile_text(law.read_text(encoding="utf-8"), str(law)), load_dataset(data)).payments
    agents = payments[(payments["law_version"] == "original") & (payments["status"] == "paid")
                      & payments["cadre"].map(lambda c: vocab.CADRES.lookup(c) == "community_health_agent")]
    expected = {str(p): int(a) for p, a in agents.groupby("period")["amount"].sum().items() if a}
    assert expected and set(expected.values()) == {69 * 5_000}      # 69 agents, R$ 50,00 each, every period
    first, last = min(expected), max(expected)
    assert f"{first[:7]}..{last[:7]} ({len(expected)} períodos) R$ 3.450,00 cada" in line
    total = re.search(r"total R\$ ([\d.,]+) em (\d+) de (\d+) período", line)
    assert total and int(re.sub(r"\D", "", total.group(1))) == sum(expected.values())
    assert int(total.group(2)) == len(expected)
