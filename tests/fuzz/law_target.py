"""The contract a law file must meet, however damaged: it compiles, or every problem is a diagnostic
with a position inside the file.  Anything else (another exception, a diagnostic pointing nowhere)
is a bug, raised as FuzzFailure."""

from __future__ import annotations

from pathlib import Path

from p4p_rules.load import compile_file
from p4p_rules.printer import print_in_force, print_law
from p4p_rules.syntax.diagnostics import MESSAGES, LawError


class FuzzFailure(AssertionError):
    """The input broke the contract; the message says how."""


def check_law_file(path: Path) -> str:
    """'ok' (the law compiled, and prints) or 'diagnostic' (a LawError that meets the contract)."""
    try:
        compiled = compile_file(path)
    except LawError as e:
        check_diagnostics(e, str(path), _line_count(path))
        return "diagnostic"
    # a law that compiles must also print (`show`, `fmt`) without failing
    print_law(compiled.law)
    for text in compiled.texts:
        print_in_force(text)
    return "ok"


def _line_count(path: Path) -> int:
    try:
        from p4p_rules.load import read_source
        from p4p_rules.syntax.parser import normalize_text
        return max(1, len(normalize_text(read_source(path)).splitlines()))
    except LawError:
        return 1


def check_diagnostics(e: LawError, file: str, lines: int) -> None:
    if not e.diagnostics:
        raise FuzzFailure("LawError with no diagnostic")
    for d in e.diagnostics:
        where = f"{d.code} at {d.file}:{d.line}:{d.col}"
        if d.code not in MESSAGES:
            raise FuzzFailure(f"unknown code {where}")
        if d.file != file:
            raise FuzzFailure(f"diagnostic names another file: {where}")
        # line may be one past the last when the problem is the end of the file
        if not (1 <= d.line <= lines + 1) or d.col < 1:
            raise FuzzFailure(f"position outside the file ({lines} lines): {where}")
        if d.language not in ("pt", "en"):
            raise FuzzFailure(f"language {d.language!r}: {where}")
        d.message  # noqa: B018 - formatting the message must not fail
    rendered = e.render()
    if f"{file}:" not in rendered:
        raise FuzzFailure("rendered diagnostics do not name the file")
