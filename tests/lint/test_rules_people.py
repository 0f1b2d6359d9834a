"""C, T and S rules: cadres, timing and turnover, team size."""

from __future__ import annotations

from tests.lint.helpers import en, line_of, only, pt

SPLIT_PT = "art. 1:\n  repartir recursos em equipes 60%, infraestrutura 40%\n"
SPLIT_EN = "art. 1:\n  split funds into teams 60%, infrastructure 40%\n"


# ---- C001 ------------------------------------------------------------------------------------------
def test_c001_earmark_without_rule_pt_and_en():
    law = pt(SPLIT_PT, "art. 3:\n  reservar 20% para dentista\n  dividir por peso: médico 3, enfermeiro 2")
    [f] = only(law, "C001")
    assert f.line == line_of(law, "reservar") and f.col == 3
    assert "reserva de 20% para dentista (art. 3)" in f.message and "sobra de reserva para equipe" in f.help
    law_en = en(SPLIT_EN, "art. 3:\n  earmark 20% for dentist\n  divide by weight: physician 3, nurse 2")
    [g] = only(law_en, "C001")
    assert "20% earmark for dentist (art. 3)" in g.message and "remainder of earmark to team" in g.help
    assert not only(law + "  sobra de reserva para equipe\n", "C001")
    assert not only(law_en + "  remainder of all to next period\n", "C001")


def test_c001_nothing_when_the_teams_get_no_money():
    law = pt("art. 1:\n  repartir recursos em equipes 0%, infraestrutura 100%", "art. 2:\n  reservar 20% para dentista")
    assert not only(law, "C001")


# ---- C002 ------------------------------------------------------------------------------------------
def test_c002_cadre_in_two_weight_groups():
    law = pt(SPLIT_PT, "art. 2:\n  grupo nível_superior: médico, enfermeiro, dentista\n"
                       "  dividir por peso: nível_superior 3, enfermeiro 2")
    [f] = only(law, "C002")
    text = law.splitlines()[f.line - 1]
    assert text[f.col - 1:].startswith("enfermeiro 2")
    assert "enfermeiro está em nível_superior (peso 3) e em enfermeiro (peso 2)" in f.message
    same = law.replace("enfermeiro 2", "enfermeiro 3")
    assert not only(same, "C002")


def test_c002_earmark_and_weight_or_fixed_amount():
    law = en(SPLIT_EN, "art. 2:\n  earmark 10% for nurse\n  pay R$ 100.00 per person to nurse, physician\n"
                       "  divide by weight: physician 2, nurse 2")
    found = only(law, "C002")
    assert [f.line for f in found] == [line_of(law, "pay R$")] + [line_of(law, "divide by")] * 2
    assert "nurse is already paid by the rule 'art. 2: earmark 10% for nurse'" in found[0].message
    assert "never pays them" in found[0].message
    assert {f.message.split(" is paid")[0] for f in found[1:]} == {"physician", "nurse"}
    assert all("ignores the weight" in f.message for f in found[1:])
    fixed = en(SPLIT_EN, "art. 2:\n  earmark 10% for nurse\n  pay R$ 100.00 per person to physician\n"
                         "  divide by weight: dentist 2")
    assert not only(fixed, "C002")


# ---- C003 ------------------------------------------------------------------------------------------
def test_c003_eligible_list_leaves_out_support_and_agents():
    law = pt(SPLIT_PT, "art. 2:\n  grupo apoio_geral: administrativo, apoio\n"
                       "  elegíveis: médico, enfermeiro, apoio_geral")
    [f] = only(law, "C003")
    assert f.severity == "info" and f.line == line_of(law, "elegíveis")
    assert "deixa de fora acs, ace:" in f.message
    assert not only(law.replace("apoio_geral\n", "apoio_geral, acs, ace\n"), "C003")


def test_c003_weights_without_eligible_list_and_earmarked_cadres():
    law = en(SPLIT_EN, "art. 2:\n  earmark 5% for endemic_agent\n"
                       "  divide by weight: physician 2, community_health_agent 1, administrative 0")
    [f] = only(law, "C003")
    assert "give no weight to administrative, support" in f.message
    assert not only(en(SPLIT_EN, "art. 2:\n  divide equally"), "C003")


# ---- T001 / T005 -------------------------------------------------------------------------------------
def test_t001_monthly_payment():
    law = en(SPLIT_EN, "art. 4:\n  payment monthly")
    [f] = only(law, "T001")
    assert f.line == line_of(law, "payment monthly") and "salary" in f.message
    assert only(pt(SPLIT_PT, "art. 4:\n  pagamento a cada 1 mês"), "T001")
    assert not only(en(SPLIT_EN, "art. 4:\n  payment four_monthly"), "T001")


def test_t005_silent_frequency_is_one_finding_for_every_silent_version():
    law = pt(SPLIT_PT, "art. 2:\n  dividir igualmente",
             'emenda e2 "Lei nº 2/2014" vigência 01/01/2014',
             "altera art. 2:\n  dividir por peso: médico 2, enfermeiro 1")
    [f] = only(law, "T005")
    assert f.line == 2 and [v for v, _ in f.versions] == ["original", "e2"]
    later = law + "\nacrescenta art. 3:\n  pagamento semestral\n"
    [g] = only(later, "T005")  # the original version is still silent
    assert [v for v, _ in g.versions] == ["original"]
    assert not only(pt(SPLIT_PT, "art. 2:\n  pagamento anual em dezembro"), "T005")


# ---- T002 / T003 -------------------------------------------------------------------------------------
def test_t002_lag_without_tenure_condition():
    law = pt(SPLIT_PT, "art. 4:\n  pagamento trimestral\n  defasagem de 2 meses")
    [f] = only(law, "T002")
    assert f.line == line_of(law, "defasagem") and "até 4 meses depois" in f.message
    for condition in ("exigir lotado na avaliação", "exigir lotado no mês da avaliação", "exigir ativo no pagamento"):
        assert not only(law + f"  {condition}\n", "T002")
    assert not only(pt(SPLIT_PT, "art. 4:\n  pagamento mensal"), "T002")   # no lag: paid for the month itself
    assert only(pt(SPLIT_PT, "art. 4:\n  pagamento semestral"), "T002")  # a long period is a lag too


def test_t003_boundary_is_twelve_months():
    twelve = pt(SPLIT_PT, "art. 4:\n  pagamento anual em dezembro\n  defasagem de 1 mês")
    assert not only(twelve, "T003")
    thirteen = pt(SPLIT_PT, "art. 4:\n  pagamento anual em dezembro\n  defasagem de 2 meses")
    [f] = only(thirteen, "T003")
    assert "13 meses depois" in f.message and f.line == line_of(thirteen, "defasagem")
    lag = en(SPLIT_EN, "art. 4:\n  payment monthly\n  lag 13 months")
    assert "paid only 13 months later" in only(lag, "T003")[0].message


# ---- T004 --------------------------------------------------------------------------------------------
def test_t004_condition_redistributed_in_team_without_cap():
    law = pt(SPLIT_PT, "art. 3:\n  exigir contrato assinado\n  sobra de inelegíveis para equipe\n  dividir igualmente")
    [f] = only(law, "T004")
    assert f.severity == "info" and f.line == line_of(law, "sobra de inelegíveis")
    assert "exigir contrato assinado" in f.message
    assert not only(law + "  teto R$ 3.000,00 por pessoa\n", "T004")
    assert not only(law.replace("para equipe", "para infraestrutura"), "T004")


# ---- S001 --------------------------------------------------------------------------------------------
def test_s001_fixed_amount_per_team_divided_per_head():
    law = pt(SPLIT_PT, "art. 2:\n  escala quatro_níveis\n  desclassificadas como insatisfatório\n"
                       "  distribuir equipes por peso de categoria: muito_acima_da_média 4, acima_da_média 3, "
                       "mediano 2, insatisfatório 1",
             "art. 3:\n  dividir por peso: médico 3, enfermeiro 2")
    [f] = only(law, "S001")
    assert f.line == line_of(law, "dividir por peso") and "(art. 2)" in f.message and "(art. 3)" in f.message
    assert not only(law + "  igualar entre equipes da mesma categoria\n", "S001")


def test_s001_only_fixed_amounts_per_person_do_not_shrink_with_team_size():
    law = pt(SPLIT_PT, "art. 2:\n  pagar R$ 300,00 por pessoa para médico, enfermeiro")
    assert not only(law, "S001")
    silent = pt(SPLIT_PT)
    [f] = only(silent, "S001")
    assert "a lei não diz" in f.message
