"""Provision diff: the articles M5's amendments change (read off laws/m05.p4p), side by side."""

from pathlib import Path

import pytest

from p4p_rules.diff import DiffError, DiffRequest, choose, diff, provision_diff
from p4p_rules.load import compile_text

from .helpers import M05, ROOT, compiled


def _changes(a, b):
    law = compiled(M05)
    return provision_diff(law.version(a), law.version(b))


def test_m05_lei_2013_changes_articles_2_3_4():
    # lei_2013: "altera art. 2", "altera art. 3", "altera art. 4"; art. 1 untouched
    changes = _changes("original", "lei_2013")
    assert [(c.number, c.status) for c in changes] == [("2", "changed"), ("3", "changed"), ("4", "changed")]
    art2, art3, art4 = changes
    assert art2.old_wording.endswith("as equipes desclassificadas nada recebem.")
    assert "tratadas como insatisfatórias" in art2.new_wording
    assert "  piso para insatisfatório: R$ 1.000,00 por equipe por mês" in art2.new_lines
    assert art2.new_marks[art2.new_lines.index("  piso para insatisfatório: R$ 1.000,00 por equipe por mês")] == "+"
    # the unchanged scale line is marked the same on both sides
    assert art2.old_marks[1] == " " and art2.new_marks[1] == " " and art2.old_lines[1] == "  escala quatro_níveis"
    assert "  dividir igualmente" in art3.new_lines and "  igualar entre equipes da mesma categoria" in art3.new_lines
    assert any(line.startswith("  dividir por peso: médico 3") for line in art3.old_lines)
    assert art4.old_lines == ["art. 4:", "  pagamento mensal", "  defasagem de 1 mês"]
    assert art4.new_lines == ["art. 4:", "  pagamento trimestral", "  defasagem de 1 mês"]
    assert all(c.rules_changed for c in changes)
    assert (art2.old_source, art2.new_source) == ("original", "lei_2013")


def test_m05_lei_2015_changes_articles_1_2_4():
    changes = _changes("lei_2013", "lei_2015")
    assert [(c.number, c.status) for c in changes] == [("1", "changed"), ("2", "changed"), ("4", "changed")]
    art1 = changes[0]
    assert "  repartir gestão em prêmio_satisfação 25%, custeio 75%" in art1.new_lines
    # from the original straight to lei_2015: every article differs
    assert [c.number for c in _changes("original", "lei_2015")] == ["1", "2", "3", "4"]


def test_a_version_against_itself_has_no_changes():
    for v in ("original", "lei_2013", "lei_2015"):
        assert _changes(v, v) == []


LAW = """lei "Teste" município "X" uf PB
versão original "Lei 1" vigência 01/01/2013
art. 1 "Recursos":
  repartir recursos em equipes 60%, gestão 40%
art. 2 "Distribuição":
  escala quatro_níveis
  distribuir equipes igualmente
art. 3 "Divisão":
  dividir igualmente
art. 4 "Frequência":
  pagamento mensal
emenda lei_2 "Lei 2" vigência 01/01/2014
altera art. 1 "Os recursos do PMAQ":
  repartir recursos em equipes 60%, gestão 40%
revoga art. 4
acrescenta art. 3-A "Elegíveis":
  elegíveis: médico, enfermeiro
"""


def test_added_reworded_repealed():
    law = compile_text(LAW, "t.p4p")
    changes = provision_diff(law.version("original"), law.version("lei_2"))
    got = [(c.number, c.status, c.rules_changed) for c in changes]
    assert got == [("1", "reworded", False), ("3-A", "added", True), ("4", "repealed", True)]
    assert changes[1].old is None and changes[1].old_lines == []
    assert changes[2].new is None and changes[2].old_lines == ["art. 4:", "  pagamento mensal"]


def test_choose_versions():
    law = compiled(M05)
    names = lambda pair: tuple(t.version for t in pair)  # noqa: E731
    assert names(choose(law, None, None, None)) == ("lei_2013", "lei_2015")
    assert names(choose(law, None, "original", None)) == ("original", "lei_2013")
    assert names(choose(law, None, None, "lei_2013")) == ("original", "lei_2013")
    assert names(choose(law, None, "original", "lei_2015")) == ("original", "lei_2015")
    with pytest.raises(DiffError, match="no version named 'lei_2099'.*original, lei_2013, lei_2015"):
        choose(law, None, "lei_2099", None)
    with pytest.raises(DiffError, match="first version"):
        choose(law, None, None, "original")
    with pytest.raises(DiffError, match="last version"):
        choose(law, None, "lei_2015", None)


def test_same_law_in_portuguese_and_english_has_no_changes():
    result = diff(DiffRequest(ROOT / "tests" / "data" / "bilingual_pt.p4p",
                              ROOT / "tests" / "data" / "bilingual_en.p4p"))
    assert result.language == "en"
    # wording is part of an article; both files word the articles in their own language
    assert all(not c.rules_changed for c in result.changes)


def test_two_files(tmp_path: Path):
    # the same law, with art. 4 paying quarterly in the new file
    text = M05.read_text(encoding="utf-8")
    new = tmp_path / "m05_new.p4p"
    new.write_text(text.replace("  pagamento anual em dezembro", "  pagamento trimestral"), encoding="utf-8")
    result = diff(DiffRequest(M05, new))
    assert [(c.number, c.status) for c in result.changes] == [("4", "changed")]
    assert result.changes[0].new_lines[1] == "  pagamento trimestral"
