"""The fast lexer and the lean LALR loop give exactly what lark's own lexer and parser give.

Both exist for speed only (docs/performance.md); these tests hold them to lark's results token by
token and tree by tree, on the corpus and on damaged copies of its lines, so that speed never
changes a model or a diagnostic.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lark import Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedInput

from p4p_rules.syntax.grammar import lex_with_comments, lex_with_grammar_lexer, line_parser
from p4p_rules.syntax.lalr import parse_line

ROOT = Path(__file__).resolve().parents[2]
LAWS = sorted((ROOT / "laws").glob("*.p4p")) + sorted((ROOT / "tests" / "data").glob("*.p4p"))
FIELDS = ("type", "value", "start_pos", "end_pos", "line", "column", "end_line", "end_column")


def _tokens(lex, text):
    try:
        return [tuple(getattr(t, f) for f in FIELDS) for t in lex(text)]
    except UnexpectedCharacters as e:
        return ("bad character", e.pos_in_stream, e.line, e.column)


@pytest.mark.parametrize("text", [
    'lei "X"\r\nversão v vigência 01/03/2013\r\n',            # CRLF: the CR is a blank, the LF the line end
    "art. 1:\n  pagar R$ 1.234,56 por pessoa  \t\f  ",        # blanks at the very end of the text
    "\tart.\t3-A \"texto\" # nota\n\n\n§ 2º:\n",              # tabs, art. with a letter, empty lines, §, º
    "  # só um comentário",
    "técnico_de_enfermagem 12,5% 2013-03-01 “aspas” leite",
    "equipe\nart.",                                           # "art." as the last token
    "a\n\nb . c",                                             # a stray dot on line 3
    "nota 9\n  gestão: x ; y",                                # a bad character after good lines
    'lei "sem fim\nart. 1',                                   # an unclosed quote
    "",
])
def test_the_fast_lexer_gives_lark_tokens_with_every_position(text):
    assert _tokens(lex_with_comments, text) == _tokens(lex_with_grammar_lexer, text)


def test_the_fast_lexer_gives_lark_tokens_on_every_law_with_every_position():
    for path in LAWS:
        text = path.read_text(encoding="utf-8")
        assert _tokens(lex_with_comments, text) == _tokens(lex_with_grammar_lexer, text), path.name


def _lark_line(code):
    parser = line_parser().parse_interactive(start="line")
    try:
        for tok in code:
            parser.feed_token(tok)
        return parser.feed_eof(code[-1])
    except UnexpectedInput:
        return None


def _code_lines(text):
    lines, line = [], []
    for tok in lex_with_comments(text):
        if tok.type == "_NL":
            lines.append(line)
            line = []
        elif tok.type != "COMMENT":
            line.append(tok)
    return [c for c in lines + [line] if c]


def test_the_lean_parser_builds_lark_trees_and_refuses_what_lark_refuses():
    accepted = refused = 0
    for path in LAWS:
        for code in _code_lines(path.read_text(encoding="utf-8")):
            tree = parse_line(code)
            assert isinstance(tree, Tree) and tree == _lark_line(code), [str(t) for t in code]
            # damaged copies: each token dropped, each pair of neighbours swapped
            variants = [code[:i] + code[i + 1:] for i in range(len(code))]
            variants += [code[:i] + [code[i + 1], code[i]] + code[i + 2:] for i in range(len(code) - 1)]
            for variant in (v for v in variants if v):
                expected = _lark_line(variant)
                assert parse_line(variant) == expected, [str(t) for t in variant]
                accepted += expected is not None
                refused += expected is None
    # both outcomes were really exercised
    assert accepted > 100 and refused > 1000, (accepted, refused)
