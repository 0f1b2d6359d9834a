"""Helpers for the linter tests: lint a law given as text, run the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from p4p_rules.lint import Finding, check_text

ROOT = Path(__file__).resolve().parents[2]
LAWS = ROOT / "laws"

PT_HEAD = 'lei "Lei nº 1/2013" município "Vila Exemplo" uf PB\nversão original "Lei nº 1/2013" vigência 01/04/2013\n'
EN_HEAD = 'law "Law No. 1/2013" municipality "Vila Exemplo" state PE\nversion original "Law No. 1/2013" effective 2013-04-01\n'


def pt(*articles: str) -> str:
    """A Portuguese law: header, original version, then the articles given (each a block of lines)."""
    return PT_HEAD + "".join(a if a.endswith("\n") else a + "\n" for a in articles)


def en(*articles: str) -> str:
    return EN_HEAD + "".join(a if a.endswith("\n") else a + "\n" for a in articles)


def lint(text: str, select: list[str] | None = None, ignore: list[str] | None = None,
         file: str = "law.p4p", witness: bool = True) -> list[Finding]:
    return check_text(text, file, select, ignore, witness)


def codes(text: str, select: list[str] | None = None) -> set[str]:
    return {f.code for f in lint(text, select)}


def only(text: str, code: str) -> list[Finding]:
    return lint(text, [code])


def line_of(text: str, fragment: str) -> int:
    """1-based number of the first line of `text` containing `fragment`."""
    for i, line in enumerate(text.splitlines(), 1):
        if fragment in line:
            return i
    raise AssertionError(f"{fragment!r} not in the law")


def cli(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "p4p_rules.cli", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd or ROOT, timeout=120)
