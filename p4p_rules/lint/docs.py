"""Where a rule's documentation page is: docs/rules/CODE.md in the source tree (or bundled in the package)."""

from __future__ import annotations

from pathlib import Path

from p4p_rules.lint.registry import Rule

_HERE = Path(__file__).resolve().parent
CANDIDATES = (_HERE / "docs", _HERE.parents[1] / "docs" / "rules")


def doc_path(code: str) -> Path | None:
    for folder in CANDIDATES:
        page = folder / f"{code}.md"
        if page.is_file():
            return page
    return None


def doc_text(rule: Rule) -> str:
    """The rule's page; if the docs are not installed, a short page from the catalogue."""
    page = doc_path(rule.code)
    if page is not None:
        return page.read_text(encoding="utf-8")
    return (f"# {rule.code} {rule.name}\n\nSeverity: {rule.severity} · family: {rule.family}\n\n"
            f"{rule.summary}\n\n{rule.summary_pt}\n")
