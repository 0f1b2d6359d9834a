"""V and A rules: versions and ambiguity; findings merged across versions."""

from __future__ import annotations

from p4p_rules.lint.rules.versions import cited_articles
from tests.lint.helpers import en, line_of, only, pt

SPLIT_PT = "art. 1:\n  repartir recursos em equipes 60%, infraestrutura 40%\n"
SPLIT_EN = "art. 1:\n  split funds into teams 60%, infrastructure 40%\n"


# ---- merging -----------------------------------------------------------------------------------------
def test_one_finding_for_a_provision_in_force_in_several_versions():
    law = pt(SPLIT_PT, "art. 2:\n  reservar 20% para dentista",
             'emenda e2014 "Lei nº 2/2014" vigência 01/01/2014', "acrescenta art. 3:\n  pagamento semestral",
             'emenda e2015 "Lei nº 3/2015" vigência ciclo 3', "altera art. 2:\n  reservar 25% para dentista")
    found = only(law, "C001")
    assert [(f.line, [v for v, _ in f.versions]) for f in found] == [
        (line_of(law, "reservar 20%"), ["original", "e2014"]), (line_of(law, "reservar 25%"), ["e2015"])]


# ---- V001 --------------------------------------------------------------------------------------------
def test_v001_amendment_that_changes_nothing():
    base = pt(SPLIT_PT, 'art. 2 "Pago trimestralmente":\n  pagamento trimestral',
              'emenda e2 "Lei nº 2/2014" vigência 01/01/2014', 'altera art. 2 {wording}:\n  {rule}')
    same_rules = base.format(wording='"Pago a cada quatro meses"', rule="pagamento trimestral")
    [f] = only(same_rules, "V001")
    assert f.line == line_of(same_rules, "altera") and "só o texto legal muda" in f.message
    assert [v for v, _ in f.versions] == ["e2"]
    identical = base.format(wording='"Pago trimestralmente"', rule="pagamento trimestral")
    assert "nem o texto legal muda" in only(identical, "V001")[0].message
    changed = base.format(wording='"Pago a cada quatro meses"', rule="pagamento quadrimestral")
    assert not only(changed, "V001")


# ---- V002 --------------------------------------------------------------------------------------------
def test_cited_articles_reads_legal_references():
    assert cited_articles("na forma dos arts. 2 e 3-A desta Lei") == ["2", "3-A"]
    assert cited_articles("conforme o artigo 5º, § 1º") == ["5"]
    assert cited_articles("nos termos do art. 5º da Lei Federal nº 8.080") == []
    assert cited_articles("as referred to in article 4 and in the Federal Constitution") == ["4"]
    assert cited_articles("Lei nº 1.234/2012, artigos quaisquer") == []


def test_v002_wording_cites_a_repealed_and_a_missing_article():
    law = pt(SPLIT_PT, 'art. 2 "Distribuído na forma do art. 3; ver também o art. 9":\n  dividir igualmente',
             "art. 3:\n  distribuir equipes igualmente",
             'emenda e2 "Lei nº 2/2014" vigência 01/01/2014', "revoga art. 3")
    found = only(law, "V002")
    by_version = {(f.message, tuple(v for v, _ in f.versions)) for f in found}
    assert ("a redação do art. 2 cita o art. 9, que a lei não tem", ("original", "e2")) in by_version
    assert ("a redação do art. 2 cita o art. 3, revogado na versão em vigor", ("e2",)) in by_version
    assert all(f.line == line_of(law, "art. 2 ") for f in found)


# ---- V003 --------------------------------------------------------------------------------------------
def test_v003_amendment_decides_months_before_it_takes_effect():
    law = en(SPLIT_EN, "art. 2:\n  payment quarterly\n  lag 2 months",
             'amendment a2 "Law 2/2014" effective 2014-01-01', "replace art. 2:\n  payment quarterly\n  lag 1 months")
    [f] = only(law, "V003")
    assert f.line == line_of(law, "amendment a2") and f.severity == "info"
    assert "2013-10–2013-12" in f.message   # Jul-Sep is paid end of Nov (old law); Oct-Dec end of Feb (new)
    aligned = en(SPLIT_EN, "art. 2:\n  payment semiannual",
                 'amendment a2 "Law 2/2014" effective 2014-07-01', "replace art. 2:\n  payment quarterly")
    assert not only(aligned, "V003")


# ---- A001 --------------------------------------------------------------------------------------------
def test_a001_two_frequencies_the_later_article_prevails():
    law = pt(SPLIT_PT, "art. 4:\n  pagamento mensal", "art. 6:\n  pagamento trimestral")
    [f] = only(law, "A001")
    assert f.severity == "error" and f.line == line_of(law, "pagamento mensal")
    assert "o motor aplica o art. 6 (o artigo posterior prevalece)" in f.message
    assert not only(pt(SPLIT_PT, "art. 4:\n  pagamento mensal", "art. 6:\n  pagamento mensal"), "A001")


def test_a001_division_by_weight_prevails_in_any_order():
    law = en(SPLIT_EN, "art. 2:\n  divide by weight: physician 2, nurse 1", "art. 3:\n  divide equally")
    [f] = only(law, "A001")
    assert f.line == line_of(law, "divide equally")
    assert "division by weight prevails over equal division, in any order" in f.message


def test_a001_other_single_answer_questions():
    law = pt(SPLIT_PT, "art. 2:\n  escala quatro_níveis\n  desclassificadas excluídas\n  distribuir equipes igualmente\n"
                       "  elegíveis: médico, enfermeiro\n  teto R$ 1.000,00 por pessoa\n  sobra de teto para equipe",
             "art. 3:\n  desclassificadas como insatisfatório\n  distribuir equipes por nota\n"
             "  elegíveis: médico, enfermeiro, acs\n  teto R$ 2.000,00 por pessoa\n  sobra de teto para infraestrutura")
    lines = sorted(f.line for f in only(law, "A001"))
    assert lines == sorted(line_of(law, s) for s in ("desclassificadas excluídas", "distribuir equipes igualmente",
                                                     "elegíveis: médico, enfermeiro\n".strip(),
                                                     "teto R$ 1.000", "sobra de teto para equipe"))


# ---- A002 --------------------------------------------------------------------------------------------
def test_a002_rules_that_never_apply():
    law = pt(SPLIT_PT, "art. 2:\n  escala quatro_níveis\n  desclassificadas excluídas\n  categoria mínima insatisfatório\n"
                       "  nota mínima 0\n  elegíveis: médico, enfermeiro\n  dividir por peso: médico 2, enfermeiro 1, acs 1\n"
                       "  sobra de reserva para equipe\n  sobra de proporcionalidade para equipe")
    found = only(law, "A002")
    lines = [f.line for f in found]
    assert lines == [line_of(law, s) for s in ("categoria mínima", "nota mínima", "dividir por peso",
                                               "sobra de reserva", "sobra de proporcionalidade")]
    weight = next(f for f in found if "acs" in f.message)
    assert law.splitlines()[weight.line - 1][weight.col - 1:].startswith("acs 1")
    fixed = pt(SPLIT_PT, "art. 2:\n  escala quatro_níveis\n  desclassificadas excluídas\n  categoria mínima mediano\n"
                         "  nota mínima 40\n  elegíveis: médico, enfermeiro, acs\n"
                         "  dividir por peso: médico 2, enfermeiro 1, acs 1\n  reservar 5% para acs\n"
                         "  sobra de reserva para equipe\n  proporcional aos dias\n  sobra de proporcionalidade para equipe")
    assert not only(fixed, "A002")
