"""Loads grammar/p4p.lark (shipped inside the package) and builds the one Lark parser."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from copy import copy

from lark import Lark
from lark.exceptions import UnexpectedCharacters
from lark.lexer import BasicLexer, LexerThread, PatternStr, TerminalDef, Token


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
                propagate_positions=False,  # tokens carry positions; trees need none maybe_placeholders=False,
                cache=True)  # the strict collision check takes seconds; lark caches the built tables in the temp dir


@lru_cache(maxsize=1)
def _word_lexer() -> BasicLexer:
    """The grammar's lexer without the keyword terminals (comments kept, whitespace dropped).

    Trying ~300 keyword spellings as regex alternatives at every position made lexing the slowest
    step; instead, words are lexed as NAME and then looked up in the keyword table — the same
    "reserved word" technique lark itself uses for plain-string keywords.
    """
    conf = copy(line_parser().lexer_conf)
    conf.terminals = [t for t in conf.terminals if not t.name.startswith("KW_")] + [
        TerminalDef("ART_DOT", PatternStr("."))]
    conf.ignore = tuple(name for name in conf.ignore if name != "COMMENT")
    conf.skip_validation = True  # already validated, strictly, when the parser was built
    return BasicLexer(conf)


@lru_cache(maxsize=1)
def _keyword_index() -> dict[str, str]:
    from p4p_rules.syntax.keywords import KEYWORDS
    return {w.casefold(): terminal for terminal, (pt, en) in KEYWORDS.items() for w in pt + en}


def lex_with_comments(text: str) -> list[Token]:
    """Every token of the text, comments and newlines included (whitespace dropped).

    Gives exactly the tokens of the grammar's own basic lexer (a test checks this on the corpus).
    """
    keywords = _keyword_index()
    out: list[Token] = []
    tokens = LexerThread.from_text(_word_lexer(), text).lex(None)
    previous: Token | None = None
    for tok in tokens:
        if tok.type == "ART_DOT":
            # "art." is the one keyword that ends in punctuation; a dot anywhere else is an error
            if previous is not None and previous.type == "NAME" and previous.value.casefold() == "art" \
                    and previous.end_pos == tok.start_pos:
                out[-1] = Token("KW_ART", previous.value + ".", previous.start_pos, previous.line, previous.column,
                                tok.end_line, tok.end_column, tok.end_pos)
                previous = out[-1]
                continue
            raise UnexpectedCharacters(text, tok.start_pos or 0, tok.line or 0, tok.column or 0)
        if tok.type == "NAME":
            kind = keywords.get(tok.value.casefold())
            if kind is not None:
                tok = Token(kind, tok.value, tok.start_pos, tok.line, tok.column, tok.end_line, tok.end_column,
                            tok.end_pos)
        out.append(tok)
        previous = tok
    return out


def lex_with_grammar_lexer(text: str) -> list[Token]:
    """The same tokens through lark's lexer with every terminal (slow; the reference for tests)."""
    conf = copy(line_parser().lexer_conf)
    conf.ignore = tuple(name for name in conf.ignore if name != "COMMENT")
    conf.skip_validation = True
    return list(LexerThread.from_text(BasicLexer(conf), text).lex(None))
