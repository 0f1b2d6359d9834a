"""Generated laws: the linter never crashes, and every finding points inside the file."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from p4p_rules.lint import RULES, all_rules, selected
from p4p_rules.lint.runner import lint
from p4p_rules.load import compile_text
from p4p_rules.printer import print_law
from p4p_rules.syntax.diagnostics import LawError
from tests.strategies import laws

all_rules()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(laws(), st.data())
def test_lint_never_crashes_and_points_inside_the_file(law, data):
    text = print_law(law)
    try:
        compiled = compile_text(text, "generated.p4p")
    except LawError:
        return  # generated references may be undefined: only laws that compile are linted
    lines = text.splitlines()
    findings = lint(compiled, lines, selected(None, None))
    for f in findings:
        assert f.code in RULES and f.message and f.language == compiled.law.language
        assert 1 <= f.line <= len(lines) and 1 <= f.col <= len(lines[f.line - 1]) + 1, (f.code, f.line, f.col)
        assert f.versions or f.code.startswith("L")
