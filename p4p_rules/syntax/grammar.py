"""Loads grammar/p4p.lark (shipped inside the package) and builds the one Lark parser."""

from __future__ import annotations

import re
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


@lru_cache(maxsize=1)
def _scanner() -> tuple[re.Pattern[str], frozenset[str]]:
    """One regex for the word lexer: lark's own alternatives, in lark's order, plus a catch-all.

    lark's lexer calls back into Python several times per token; `finditer` over one pattern with a
    last-resort `_BAD` alternative finds the same tokens (the first alternative that matches at each
    position, as lark does) in C, and the bad character where lark would raise.  Blanks before a
    token are skipped by the same match: no terminal but the blanks one can start with a blank.
    """
    lexer = _word_lexer()
    scanner = lexer.scanner  # builds lark's scanner and its callbacks
    assert not lexer.callback, "a terminal callback would change tokens: keep this lexer in step with lark's"
    (blanks,) = [t.pattern.to_regexp() for t in scanner.terminals if t.name in lexer.ignore_types]
    assert re.fullmatch(r"\[[^]]*\]\+", blanks), blanks  # one character class of blanks
    pattern = "|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in scanner.terminals)
    return re.compile(f"(?:{blanks})?(?:{pattern}|(?P<_BAD>(?s:.)))", lexer.g_regex_flags), lexer.ignore_types


_WORD_KINDS: dict[str, str] = {}  # spelling -> NAME or keyword terminal: a word is looked up once per process
_MAX_WORD_KINDS = 100_000


def lex_with_comments(text: str) -> list[Token]:
    """Every token of the text, comments and newlines included (whitespace dropped).

    Gives exactly the tokens of the grammar's own basic lexer, positions included (a test checks this
    on the corpus). Lines are counted on "\n" only, as lark does; only `_NL` can hold one.
    """
    pattern, ignore = _scanner()
    keywords = _keyword_index()
    kinds = _WORD_KINDS
    new = Token._future_new  # Token(...) without the deprecated-argument check
    make = str.__new__
    out: list[Token] = []
    append = out.append
    line, line_start = 1, 0
    for m in pattern.finditer(text):
        kind = m.lastgroup or ""  # (never empty: every alternative is a named group)
        group = m.lastindex or 0
        start, end = m.span(group)
        value = m.group(group)
        if kind == "NAME":
            word = kinds.get(value)
            if word is None:
                word = keywords.get(value.casefold(), "NAME")
                if len(kinds) < _MAX_WORD_KINDS:
                    kinds[value] = word
            kind = word
        elif kind == "_NL":
            append(new("_NL", value, start, line, start - line_start + 1, line + 1, 1, end))
            line, line_start = line + 1, end
            continue
        elif kind in ignore:  # blanks at the end of the text
            continue
        elif kind == "ART_DOT":
            # "art." is the one keyword that ends in punctuation; a dot anywhere else is an error
            previous = out[-1] if out else None
            if previous is not None and previous.type == "NAME" and previous.value.casefold() == "art" \
                    and previous.end_pos == start:
                out[-1] = new("KW_ART", previous.value + ".", previous.start_pos, previous.line, previous.column,
                              line, end - line_start + 1, end)
                continue
            raise UnexpectedCharacters(text, start, line, start - line_start + 1)
        elif kind == "_BAD":
            raise UnexpectedCharacters(text, start, line, start - line_start + 1)
        # what Token(...) does, inline: this line runs for each of the ~300 tokens of a law
        tok = make(Token, value)
        tok.type, tok.value, tok.start_pos, tok.end_pos = kind, value, start, end
        tok.line = tok.end_line = line
        tok.column, tok.end_column = start - line_start + 1, end - line_start + 1
        append(tok)
    return out


def lex_with_grammar_lexer(text: str) -> list[Token]:
    """The same tokens through lark's lexer with every terminal (slow; the reference for tests)."""
    conf = copy(line_parser().lexer_conf)
    conf.ignore = tuple(name for name in conf.ignore if name != "COMMENT")
    conf.skip_validation = True
    return list(LexerThread.from_text(BasicLexer(conf), text).lex(None))
