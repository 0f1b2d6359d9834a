"""Consolidation: amendments applied in order, the text in force at a date, and printing it back.

The expected article lists, sources and dates are worked out by hand from the law texts below.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from p4p_rules.load import CompiledLaw, compile_text
from p4p_rules.model.law import LawInForce, semantic
from p4p_rules.printer import print_in_force
from p4p_rules.syntax.diagnostics import LawError

D = dt.date

# line numbers matter for nothing here; dates and article numbers do
LAW = """lei "Lei nº 100/2012" município "Cidade" uf pb

versão original "Lei nº 100/2012" vigência 01/03/2012
art. 1 "Do rateio":
  dividir igualmente
art. 2 "Da periodicidade":
  pagamento mensal
  § 1:
    defasagem de 1 mês
art. 3:
  teto R$ 1.000,00 por pessoa
art. 4:
  nota mínima 5
art. 9:
  exigir contrato assinado
art. 11:
  exigir lotado na avaliação

emenda e1 "Lei nº 200/2013" vigência 01/01/2013
altera art. 2 "Da nova periodicidade":
  pagamento trimestral
acrescenta art. 3-A:
  piso R$ 100,00 por pessoa
acrescenta art. 10:
  exigir ativo no pagamento
revoga art. 1

emenda e2 vigência ciclo 2
acrescenta art. 1 "Do rateio por peso":
  dividir por peso: médico 2, enfermeiro 1
acrescenta art. 3-B após art. 3-A:
  carência de 15 dias após retorno
revoga art. 9, art. 11
"""

RESTATED = LAW + """
versão consolidada "Lei nº 300/2014" vigência 01/01/2014
art. 1:
  dividir igualmente
art. 2:
  pagamento semestral

emenda e3 vigência 01/01/2015
altera art. 2:
  pagamento anual em dezembro
"""


def compiled(text: str) -> CompiledLaw:
    try:
        return compile_text(text, "lei.p4p")
    except LawError as e:
        rendered = e.render()
    pytest.fail("unexpected diagnostics:\n" + rendered, pytrace=False)


def numbers(text: LawInForce) -> list[str]:
    return [a.number for a in text.articles]


def article(text: LawInForce, number: str) -> Any:
    return next(a for a in text.articles if a.number == number)


def kinds(a: Any) -> list[str]:
    return [p.kind for p in a.provisions]


@pytest.fixture(scope="module")
def law() -> CompiledLaw:
    return compiled(LAW)


def test_one_consolidated_text_per_version(law: CompiledLaw) -> None:
    assert [(t.version, t.effective) for t in law.texts] == [
        ("original", D(2012, 3, 1)), ("e1", D(2013, 1, 1)), ("e2", D(2013, 4, 1))]   # ciclo 2 = 1 Apr 2013


def test_original_text(law: CompiledLaw) -> None:
    original = law.version("original")
    assert numbers(original) == ["1", "2", "3", "4", "9", "11"]
    assert original.repealed == []
    assert original.article_source == {n: "original" for n in ["1", "2", "3", "4", "9", "11"]}


def test_replace_keeps_the_position_and_takes_the_whole_new_text(law: CompiledLaw) -> None:
    e1 = law.version("e1")
    art2 = article(e1, "2")
    assert numbers(e1).index("2") < numbers(e1).index("3")
    assert art2.wording == "Da nova periodicidade"
    assert [(p.kind, p.months) for p in art2.provisions] == [("frequency", 3)]
    assert art2.paragraphs == []                 # the old § 1 went with the old text
    assert e1.article_source["2"] == "e1"
    # the earlier version is untouched
    old = article(law.version("original"), "2")
    assert (old.wording, old.provisions[0].months, len(old.paragraphs)) == ("Da periodicidade", 1, 1)


def test_replace_in_the_middle_keeps_the_order() -> None:
    c = compiled('lei "T"\nversão v vigência 01/03/2012\n'
                 'art. 1:\n  dividir igualmente\nart. 2:\n  pagamento mensal\nart. 3:\n  defasagem de 1 mês\n'
                 'emenda e1 vigência 01/01/2013\naltera art. 2:\n  pagamento semestral\n')
    e1 = c.version("e1")
    assert numbers(e1) == ["1", "2", "3"]
    assert [p.months for p in article(e1, "2").provisions] == [6]
    assert e1.article_source == {"1": "v", "2": "e1", "3": "v"}


def test_insert_without_position_goes_in_numeric_order(law: CompiledLaw) -> None:
    e1 = law.version("e1")
    # 3 < 3-A < 4, and 9 < 10 < 11 (numbers, not text: "10" < "9" as text)
    assert numbers(e1) == ["2", "3", "3-A", "4", "9", "10", "11"]
    assert kinds(article(e1, "3-A")) == ["person_floor"]
    assert article(e1, "3-A").provisions[0].amount == 10000
    assert (e1.article_source["3-A"], e1.article_source["10"], e1.article_source["3"]) == ("e1", "e1", "original")


def test_insert_after_an_article(law: CompiledLaw) -> None:
    e2 = law.version("e2")
    assert numbers(e2)[numbers(e2).index("3-A") + 1] == "3-B"
    assert kinds(article(e2, "3-B")) == ["waiting_period"]
    assert e2.article_source["3-B"] == "e2"


@pytest.mark.parametrize("op,expected", [
    ("acrescenta art. 3-A após art. 3", ["1", "2", "3", "3-A", "4"]),
    ("acrescenta art. 3-A", ["1", "2", "3", "3-A", "4"]),
    ("acrescenta art. 2-A após art. 2", ["1", "2", "2-A", "3", "4"]),
    ("acrescenta art. 5", ["1", "2", "3", "4", "5"]),
    ("acrescenta art. 0-A", ["0-A", "1", "2", "3", "4"]),
    # 'após' names the place, even where the numbers would put it elsewhere
    ("acrescenta art. 7 após art. 1", ["1", "7", "2", "3", "4"]),
], ids=lambda v: v if isinstance(v, str) else None)
def test_insert_positions(op: str, expected: list[str]) -> None:
    c = compiled('lei "T"\nversão v vigência 01/03/2012\n'
                 + "".join(f"art. {n}:\n  dividir igualmente\n" for n in (1, 2, 3, 4))
                 + f"emenda e1 vigência 01/01/2013\n{op}:\n  pagamento mensal\n")
    assert numbers(c.version("e1")) == expected
    assert numbers(c.version("v")) == ["1", "2", "3", "4"]


def test_insert_in_english() -> None:
    c = compiled('law "T"\nversion v effective 2012-03-01\n'
                 'art. 3:\n  divide equally\nart. 3-A:\n  divide equally\nart. 4:\n  divide equally\n'
                 'amendment e1 effective 2013-01-01\ninsert art. 3-B after art. 3-A:\n  payment monthly\n'
                 'insert art. 3-C:\n  payment quarterly\n')
    assert numbers(c.version("e1")) == ["3", "3-A", "3-B", "3-C", "4"]


def test_repeal_removes_and_records(law: CompiledLaw) -> None:
    e1 = law.version("e1")
    assert "1" not in numbers(e1)
    assert e1.repealed == ["1"]
    assert "1" not in e1.article_source


def test_repeal_of_several_articles(law: CompiledLaw) -> None:
    e2 = law.version("e2")
    assert "9" not in numbers(e2) and "11" not in numbers(e2)
    assert e2.repealed == ["9", "11"]


def test_insert_reusing_a_repealed_number(law: CompiledLaw) -> None:
    e2 = law.version("e2")
    assert numbers(e2) == ["1", "2", "3", "3-A", "3-B", "4", "10"]
    art1 = article(e2, "1")
    assert art1.wording == "Do rateio por peso"
    assert kinds(art1) == ["divide_by_weight"]
    assert [(w.name, w.value) for w in art1.provisions[0].weights] == [("physician", 2), ("nurse", 1)]
    assert "1" not in e2.repealed
    assert e2.article_source == {"1": "e2", "2": "e1", "3": "original", "3-A": "e1", "3-B": "e2", "4": "original",
                                 "10": "e1"}


def test_until_is_the_day_before_the_next_version(law: CompiledLaw) -> None:
    assert [(t.version, t.until) for t in law.texts] == [
        ("original", D(2012, 12, 31)), ("e1", D(2013, 3, 31)), ("e2", None)]


@pytest.mark.parametrize("date,version", [
    (D(2012, 3, 1), "original"),       # the exact effective date
    (D(2012, 12, 31), "original"),     # the day before the next one
    (D(2013, 1, 1), "e1"),
    (D(2013, 3, 31), "e1"),
    (D(2013, 4, 1), "e2"),             # vigência ciclo 2
    (D(2030, 1, 1), "e2"),
], ids=str)
def test_in_force_at(law: CompiledLaw, date: dt.date, version: str) -> None:
    assert law.at(date).version == version


def test_nothing_in_force_before_the_first_version(law: CompiledLaw) -> None:
    assert law.at(D(2012, 2, 29)) is None


def test_version_by_name(law: CompiledLaw) -> None:
    assert law.version("e1").effective == D(2013, 1, 1)
    assert law.version("E1").version == "e1"
    assert law.version("e9") is None


def test_a_later_original_version_restates_the_whole_law() -> None:
    c = compiled(RESTATED)
    assert [t.version for t in c.texts] == ["original", "e1", "e2", "consolidada", "e3"]
    restated = c.version("consolidada")
    assert numbers(restated) == ["1", "2"]
    assert restated.repealed == []
    assert restated.article_source == {"1": "consolidada", "2": "consolidada"}
    assert kinds(article(restated, "1")) == ["divide_equally"]
    assert [p.months for p in article(restated, "2").provisions] == [6]
    # an amendment after it amends the restated text
    e3 = c.version("e3")
    assert numbers(e3) == ["1", "2"]
    assert [(p.months, p.in_month) for p in article(e3, "2").provisions] == [(12, 12)]
    assert e3.article_source == {"1": "consolidada", "2": "e3"}
    assert [(t.version, t.until) for t in c.texts][2:] == [
        ("e2", D(2013, 12, 31)), ("consolidada", D(2014, 12, 31)), ("e3", None)]
    assert c.at(D(2014, 6, 1)).version == "consolidada"


def test_an_amendment_after_a_restatement_cannot_touch_old_articles() -> None:
    with pytest.raises(LawError) as info:
        compile_text(RESTATED + "\nemenda e4 vigência 01/01/2016\nrevoga art. 4\n", "lei.p4p")
    [d] = info.value.diagnostics
    assert d.code == "E130"
    assert d.message == "o art. 4 não existe na versão 'e3' que esta emenda altera"


@pytest.mark.parametrize("extra,code,offset", [
    ("emenda e3 vigência 01/01/2014\naltera art. 9:\n  dividir igualmente\n", "E130", 1),   # art. 9 was repealed
    ("emenda e3 vigência 01/04/2013\nrevoga art. 2\n", "E132", 0),                          # e2 is ciclo 2
    ("emenda e3 vigência 31/03/2013\nrevoga art. 2\n", "E133", 0),                          # before e2
], ids=["E130-missing-article", "E132-same-date", "E133-before-what-it-amends"])
def test_the_three_amendment_errors(extra: str, code: str, offset: int) -> None:
    with pytest.raises(LawError) as info:
        compile_text(LAW + "\n" + extra, "lei.p4p")
    [d] = info.value.diagnostics
    assert d.code == code
    assert d.line == LAW.count("\n") + 2 + offset


# ---- the command line: show --at / --version --------------------------------------------------------
def _show(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "p4p_rules.cli", "show", str(path), *args], capture_output=True,
                          text=True, timeout=120)


@pytest.fixture(scope="module")
def law_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("laws") / "lei.p4p"
    path.write_text(LAW, encoding="utf-8")
    return path


@pytest.mark.parametrize("at,version", [
    ("2012-03-01", "original"), ("2012-12-31", "original"), ("2013-01-01", "e1"), ("01/01/2013", "e1"),
    ("2013-03-31", "e1"), ("2013-04-01", "e2"),
])
def test_cli_show_at(law_file: Path, at: str, version: str) -> None:
    result = _show(law_file, "--at", at, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["version"] == version


def test_cli_show_at_prints_the_consolidated_text(law_file: Path) -> None:
    result = _show(law_file, "--at", "2013-02-15")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "# texto compilado: versão e1, em vigor desde 01/01/2013 até 31/03/2013"
    assert 'versão e1 "Lei nº 200/2013" vigência 01/01/2013' in lines
    assert 'art. 2 "Da nova periodicidade":' in lines
    heads = [l.split(":")[0].split(' "')[0] for l in lines if l.startswith("art. ")]
    assert heads == ["art. 2", "art. 3", "art. 3-A", "art. 4", "art. 9", "art. 10", "art. 11"]
    assert lines[-1] == "# revogados: art. 1"


def test_cli_show_before_the_first_version(law_file: Path) -> None:
    result = _show(law_file, "--at", "2012-02-29")
    assert result.returncode == 2
    # the law is Portuguese, so the date is written the Portuguese way
    assert "E160" in result.stderr and "01/03/2012" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_show_version(law_file: Path) -> None:
    by_name = _show(law_file, "--version", "e1")
    by_date = _show(law_file, "--at", "2013-01-01")
    assert by_name.returncode == 0
    assert by_name.stdout == by_date.stdout
    result = _show(law_file, "--version", "nao_existe")
    assert result.returncode == 2
    assert "original, e1, e2" in result.stderr


def test_cli_show_whole_law_parses_back(law_file: Path) -> None:
    result = _show(law_file)
    assert result.returncode == 0
    assert semantic(compiled(result.stdout).law) == semantic(compiled(LAW).law)


# ---- printed consolidated text parses back to the same articles ----------------------------------------
ALL_PT = """# Lei de teste com todas as disposições
lei "Lei nº 100/2012" município "Cidade" uf pb ibge 2500000

versão original "Lei nº 100/2012" vigência 01/03/2012

art. 1 "Os recursos serão repartidos assim":
  repartir recursos em equipes 60%, gestão 40%
  repartir gestão em infraestrutura 12,5%, capacitação 87,5%
  pagar parcela capacitação para coordenador, administrativo
  pagamento trimestral
  defasagem de 2 meses

art. 2:
  escala quatro_níveis
  desclassificadas como insatisfatório
  distribuir equipes por peso de categoria: muito_acima 100, acima 75, mediano 50, insatisfatório 0
  categoria mínima mediano
  nota mínima 5,5
  § 1 "Piso":
    piso para insatisfatório, desclassificada: 20% do repasse
  § 2:
    piso para mediano: R$ 1.234,56 por equipe por mês
  parágrafo único:
    redirecionar 50% de insatisfatório para acima

art. 3:
  cargo farmaceutico "Farmacêutico(a)" cbo 223405, 223415
  grupo nível_superior: médico, enfermeiro, dentista, farmaceutico
  dividir por peso: médico 3, enfermeiro 2, técnico_de_enfermagem 1,5, acs 1
  reservar 10% para dentista
  pagar R$ 150,00 por pessoa para acs por mês
  agrupar nível_superior entre equipes da mesma categoria
  igualar entre equipes da mesma categoria
  elegíveis: médico, enfermeiro, dentista, técnico_de_enfermagem, acs, farmaceutico
  exigir lotado na avaliação
  exigir lotado no mês da avaliação
  exigir ativo no pagamento
  exigir contrato assinado
  exigir 6 meses de serviço
  excluir afastamento: licença_saúde, férias
  carência de 30 dias após retorno
  perde após 3 faltas injustificadas
  proporcional às horas
  teto R$ 2.000,00 por pessoa
  piso R$ 100,00 por pessoa
  sobra de inelegíveis para gestão
  sobra de teto para próximo período
  sobra de reserva para equipe

art. 4:
  dividir igualmente
  distribuir equipes por parcela de categoria: muito_acima 40%, acima 30%, mediano 20%, insatisfatório 10%
  desclassificadas excluídas

emenda e1 "Lei nº 200/2013" vigência ciclo 2

altera art. 4:
  distribuir equipes por nota
  pagamento anual em dezembro
  proporcional aos dias

acrescenta art. 3-A após art. 3:
  pagamento a cada 2 meses
  distribuir equipes por repasse

revoga art. 1
"""

ALL_EN = """# Test law with every provision
law "Law 100/2012" municipality "City" state PB ibge 2500000

version original "Law 100/2012" effective 2012-03-01

art. 1 "Funds are split as follows":
  split funds into teams 60%, gestão 40%
  split gestão into infraestrutura 12.5%, capacitação 87.5%
  pay share capacitação to coordinator, administrative
  payment quarterly
  lag 2 months

art. 2:
  scale four_level
  disqualified as insufficient
  allocate teams by category weight: well_above_average 100, above_average 75, below_average 50, insufficient 0
  minimum category below_average
  minimum score 5.5
  § 1 "Floor":
    floor for insufficient, disqualified: 20% of transfer
  § 2:
    floor for below_average: R$ 1,234.56 per team per month
  paragraph sole:
    redirect 50% from insufficient to above_average

art. 3:
  cadre farmaceutico "Farmacêutico(a)" cbo 223405, 223415
  group nível_superior: physician, nurse, dentist, farmaceutico
  divide by weight: physician 3, nurse 2, nursing_technician 1.5, community_health_agent 1
  earmark 10% for dentist
  pay R$ 150.00 per person to community_health_agent per month
  pool nível_superior across teams of the same category
  equalize across teams of the same category
  eligible: physician, nurse, dentist, nursing_technician, community_health_agent, farmaceutico
  require posted at evaluation
  require posted in month of the evaluation
  require active at payment
  require signed contract
  require 6 months of service
  exclude leave: sick_leave, vacation
  waiting 30 days after return
  lose after 3 unjustified absences
  pro-rata by hours
  cap R$ 2,000.00 per person
  floor R$ 100.00 per person
  remainder of ineligible to gestão
  remainder of cap to next period
  remainder of earmark to team

art. 4:
  divide equally
  allocate teams by category share: well_above_average 40%, above_average 30%, below_average 20%, insufficient 10%
  disqualified excluded

amendment e1 "Law 200/2013" effective cycle 2

replace art. 4:
  allocate teams by score
  payment annual in december
  pro-rata by days

insert art. 3-A after art. 3:
  payment every 2 months
  allocate teams by transfer

repeal art. 1
"""

_LAYOUT = {"pos", "comments", "trailing_comment"}


def meaning(value: Any) -> Any:
    """Model values without positions and comments (every other field kept)."""
    if hasattr(value, "model_dump"):
        value = value.model_dump()
    if isinstance(value, dict):
        return {k: meaning(v) for k, v in value.items() if k not in _LAYOUT}
    if isinstance(value, list):
        return [meaning(v) for v in value]
    return value


def _without_wording(articles: list[Any]) -> list[Any]:
    out = meaning(articles)
    for a in out:
        a["wording"] = None
        for p in a["paragraphs"]:
            p["wording"] = None
    return out


TEXTS = [("pt", ALL_PT, "original"), ("pt", ALL_PT, "e1"), ("en", ALL_EN, "original"), ("en", ALL_EN, "e1"),
         ("pt", LAW, "original"), ("pt", LAW, "e1"), ("pt", LAW, "e2"), ("pt", RESTATED, "consolidada"),
         ("pt", RESTATED, "e3")]


@pytest.mark.parametrize("language,text,version", TEXTS,
                         ids=[f"{lang}-{'all' if t in (ALL_PT, ALL_EN) else 'law'}-{v}" for lang, t, v in TEXTS])
def test_printed_consolidated_text_parses_back(language: str, text: str, version: str) -> None:
    in_force = compiled(text).version(version)
    printed = print_in_force(in_force)
    again = compiled(printed)
    assert again.law.language == language
    [only] = again.texts
    assert (only.version, only.effective) == (version, in_force.effective)
    assert [semantic(a) for a in only.articles] == [semantic(a) for a in in_force.articles]
    assert meaning(only.articles) == meaning(in_force.articles)
    assert (again.law.title, again.law.municipality, again.law.state) == \
        (in_force.law.title, in_force.law.municipality, in_force.law.state)


def test_every_provision_kind_is_in_the_round_trip_laws() -> None:
    from p4p_rules.model.law import PROVISION_KINDS
    c = compiled(ALL_PT)
    seen = {p.kind for t in c.texts for a in t.articles for _, p in a.all_provisions()}
    assert seen == set(PROVISION_KINDS)


@pytest.mark.parametrize("version", ["original", "e1"])
def test_portuguese_and_english_laws_consolidate_to_the_same_articles(version: str) -> None:
    pt, en = compiled(ALL_PT).version(version), compiled(ALL_EN).version(version)
    assert _without_wording(pt.articles) == _without_wording(en.articles)
    assert (pt.repealed, pt.article_source, pt.effective, pt.until) == \
        (en.repealed, en.article_source, en.effective, en.until)


def test_consolidated_e1_has_the_expected_shape() -> None:
    e1 = compiled(ALL_PT).version("e1")
    assert numbers(e1) == ["2", "3", "3-A", "4"]
    assert e1.repealed == ["1"]
    assert e1.effective == D(2013, 4, 1)
    assert [(p.kind, getattr(p, "months", None)) for p in article(e1, "3-A").provisions] == \
        [("frequency", 2), ("allocate", None)]
    assert kinds(article(e1, "4")) == ["allocate", "frequency", "pro_rata"]
    printed = print_in_force(e1)
    assert "# redação dada por original" in printed
    assert printed.rstrip().endswith("# revogados: art. 1")
