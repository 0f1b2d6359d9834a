"""Suppression comments: `# p4p: ignore[CODE] reason` before the statement or at the end of its line."""

from __future__ import annotations

from tests.lint.helpers import en, line_of, lint, pt

SPLIT = "art. 1:\n  repartir recursos em equipes 60%, infraestrutura 40%\n"
EARMARK = "art. 3:\n{before}  reservar 20% para dentista{after}\n  dividir igualmente\n  pagamento semestral\n"


def law(before: str = "", after: str = "") -> str:
    return pt(SPLIT, EARMARK.format(before=before, after=after))


def codes_at(text: str, select=None) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in lint(text, select)]


def test_comment_on_the_line_before_with_a_reason_suppresses():
    text = law(before="  # p4p: ignore[C001] a reserva volta à gestão por decreto\n")
    assert "C001" not in {c for c, _ in codes_at(text)}
    assert not [c for c, _ in codes_at(text) if c.startswith("L")]


def test_trailing_comment_with_name_prefix_and_several_rules():
    for selector in ("C001", "earmark-without-rule", "C", "c001, T002"):
        text = law(after=f"  # p4p: ignore[{selector}] decidido pelo conselho em 2013")
        found = {c for c, _ in codes_at(text, ["C001", "L"])}
        assert found == set(), (selector, found)


def test_portuguese_keyword_and_a_block_of_comments_above():
    text = law(before="  # p4p: ignorar[C001] motivo: a equipe sem dentista recebe da gestão\n  # outra nota\n")
    assert not codes_at(text, ["C001", "L"])


def test_suppression_without_reason_is_reported_and_does_not_suppress():
    text = law(before="  # p4p: ignore[C001]\n")
    found = lint(text, ["C001", "L"])
    assert sorted((f.code, f.line) for f in found) == [
        ("C001", line_of(text, "reservar")), ("L001", line_of(text, "p4p: ignore"))]
    l001 = next(f for f in found if f.code == "L001")
    assert l001.col == 3 and "não diz o motivo" in l001.message


def test_unused_and_unknown_suppressions_are_reported():
    text = law(after="  # p4p: ignore[C001, M003, Z999] motivo qualquer")
    found = [(f.code, f.message) for f in lint(text, ["C", "M", "L"]) if f.code.startswith("L")]
    assert len(found) == 2
    assert any("'M003' não aponta nada" in m for _, m in found)
    assert any("'Z999' não é uma regra conhecida" in m for _, m in found)


def test_a_rule_left_out_of_the_run_is_not_judged_unused():
    text = law(after="  # p4p: ignore[T001] mensal por decisão do conselho")
    assert not [f for f in lint(text, ["C", "L"]) if f.code == "L002"]
    assert [f.code for f in lint(text, ["T", "L"]) if f.code == "L002"] == ["L002"]


def test_suppression_applies_to_its_own_statement_only():
    text = law(before="  # p4p: ignore[C001] razão\n")
    text = text.replace("  dividir igualmente", "  reservar 10% para médico  # nota\n  dividir igualmente")
    found = lint(text, ["C001"])
    assert [f.line for f in found] == [line_of(text, "reservar 10%")]


def test_suppression_of_a_finding_on_a_version_header():
    text = en("art. 1:\n  split funds into teams 60%, infrastructure 40%\n  divide equally")
    text = text.replace("version original", "# p4p: ignore[T005] paid as the decree says\nversion original")
    assert not lint(text, ["T005", "L"])
