"""Loads grammar/p4p.lark (shipped inside the package) and builds the one Lark parser."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from copy import copy

from lark import Lark
from lark.lexer import BasicLexer, LexerThread, Token


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
                propagate_positions=True, maybe_placeholders=False,
                cache=True)  # the strict collision check takes seconds; lark caches the built tables in the temp dir


@lru_cache(maxsize=1)
def _comment_keeping_lexer() -> BasicLexer:
    # Built once: Lark.lex(dont_ignore=True) would rebuild (and re-validate) a lexer on every call.
    conf = copy(line_parser().lexer_conf)
    conf.ignore = tuple(name for name in conf.ignore if name != "COMMENT")
    conf.skip_validation = True  # already validated, strictly, when the parser was built
    return BasicLexer(conf)


def lex_with_comments(text: str) -> list[Token]:
    """Every token of the text, comments and newlines included (whitespace dropped)."""
    return list(LexerThread.from_text(_comment_keeping_lexer(), text).lex(None))
