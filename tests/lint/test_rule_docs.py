"""Every rule has a doc page whose example law triggers it and whose corrected law does not."""

from __future__ import annotations

import re

import pytest

from p4p_rules.lint import all_rules
from p4p_rules.lint.docs import doc_path
from tests.lint.helpers import ROOT, lint

DOCS = ROOT / "docs" / "rules"
RULES = all_rules()
SECTIONS = ("## What it finds", "## Example", "## Corrected")
_BLOCK = re.compile(r"^## ([^\n]+)$|^```p4p\n(.*?)^```", re.M | re.S)


def examples(code: str) -> dict[str, str]:
    """The first ```p4p block under '## Example' and under '## Corrected'."""
    out: dict[str, str] = {}
    section = None
    for m in _BLOCK.finditer((DOCS / f"{code}.md").read_text(encoding="utf-8")):
        if m.group(1):
            section = m.group(1).strip()
        elif section in ("Example", "Corrected") and section not in out:
            out[section] = m.group(2)
    return out


def test_every_rule_has_a_page_and_the_index_lists_every_rule():
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert doc_path(rule.code) == DOCS / f"{rule.code}.md"
        assert f"[{rule.code}]({rule.code}.md) | `{rule.name}` | {rule.severity} |" in index
    assert sorted(p.stem for p in DOCS.glob("[A-Z][0-9][0-9][0-9].md")) == sorted(r.code for r in RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_page_layout(rule):
    page = (DOCS / f"{rule.code}.md").read_text(encoding="utf-8")
    assert page.startswith(f"# {rule.code} `{rule.name}`\n")
    assert f"**Severity:** {rule.severity}" in page and f"**Family:** {rule.family}" in page
    assert all(s in page for s in SECTIONS)
    assert "## Why it" in page
    if not rule.code.startswith(("L", "V001", "V002")):
        assert re.search(r"\bM\d{1,2}\b", page), "the page cites the study's municipalities"


# rules that need --data or --roster are checked against their pages in tests/lint/test_realdata.py
@pytest.mark.parametrize("rule", [r for r in RULES if not getattr(r, "needs_data", False)], ids=lambda r: r.code)
def test_example_triggers_and_corrected_does_not(rule):
    ex = examples(rule.code)
    assert set(ex) == {"Example", "Corrected"}
    found = lint(ex["Example"], file=f"{rule.code}-example.p4p")
    assert rule.code in {f.code for f in found}
    fixed = lint(ex["Corrected"], file=f"{rule.code}-corrected.p4p")
    assert rule.code not in {f.code for f in fixed}


def test_the_readme_suppression_example_is_clean_for_the_rules_it_names():
    text = (DOCS / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```p4p\n(.*?)```", text, re.S).group(1)
    found = {f.code for f in lint(block)}
    assert not found & {"C003", "T002", "L001", "L002"}
