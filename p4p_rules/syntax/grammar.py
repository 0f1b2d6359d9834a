"""Loads grammar/p4p.lark (shipped inside the package) and builds the one Lark parser."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from lark import Lark


def grammar_text() -> str:
    """The grammar as installed in the wheel, or from the source tree in a development checkout."""
    packaged = resources.files("p4p_rules").joinpath("grammar", "p4p.lark")
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    in_repo = Path(__file__).resolve().parents[2] / "grammar" / "p4p.lark"
    return in_repo.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def line_parser() -> Lark:
    """LALR parser for one logical line (start symbol `line`); strict: no conflicts, no collisions."""
    return Lark(grammar_text(), start=["line", "file"], parser="lalr", lexer="basic", strict=True,
                propagate_positions=True, maybe_placeholders=False)
