"""Text to syntax trees: tokenize with recovery, then parse each logical line on its own.

Parsing line by line is what lets one run report every bad line of a file, not just the first.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field

from lark import Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from p4p_rules.syntax.diagnostics import Diagnostic, hint
from p4p_rules.syntax.grammar import lex_with_comments, line_parser
from p4p_rules.syntax.keywords import KEYWORDS, Language, language_of, word

MAX_FILE_BYTES = 2_000_000
MAX_LINE_CHARS = 10_000
MAX_DIAGNOSTICS = 50

_STATEMENT_EXAMPLES = ("KW_ART", "KW_SPLIT", "KW_ALLOCATE", "KW_DIVIDE", "KW_PAYMENT", "KW_REQUIRE")


@dataclass
class ParsedLine:
    """One statement of the file with the comments around it."""

    tree: Tree
    line: int
    col: int
    leading_comments: list[str] = field(default_factory=list)
    trailing_comment: str | None = None


@dataclass
class ParseResult:
    lines: list[ParsedLine]
    closing_comments: list[str]
    language: Language
    diagnostics: list[Diagnostic]
    keyword_tokens: list[Token]


def normalize_text(text: str) -> str:
    """NFC so that 'gestão' typed with a combining tilde is the same word; drop a BOM."""
    return unicodedata.normalize("NFC", text.lstrip("\ufeff"))


def describe_terminal(name: str, language: Language) -> str:
    """A terminal in words a council clerk understands."""
    pt = language == "pt"
    if name.startswith("KW_"):
        return f"'{word(name, language)}'" if KEYWORDS[name][0 if pt else 1] else f"'{word(name, 'en')}'"
    table = {
        "NAME": ("um nome", "a name"),
        "NUMBER": ("um número", "a number"),
        "STRING": ("um texto entre aspas", "quoted text"),
        "DATE": ("uma data (como 01/03/2013)", "a date (like 2013-03-01)"),
        "MONEY": ("um valor em reais (como R$ 1.234,56)", "an amount (like R$ 1,234.56)"),
        "COLON": ("':'", "':'"), "COMMA": ("','", "','"), "DASH": ("'-'", "'-'"),
        "SECTION": ("'§'", "'§'"), "PERCENT_SIGN": ("'%'", "'%'"), "ORDINAL": ("'º'", "'º'"),
        "$END": ("o fim da linha", "the end of the line"),
    }
    pair = table.get(name)
    if pair:
        return pair[0] if pt else pair[1]
    return name.lower()


def describe_found(tok: Token, language: Language) -> str:
    if tok.type == "$END":
        return describe_terminal("$END", language)
    return f"'{tok.value}'"


def _join(items: list[str], language: Language) -> str:
    if len(items) <= 1:
        return "".join(items)
    conj = " ou " if language == "pt" else " or "
    return ", ".join(items[:-1]) + conj + items[-1]


def _expected_words(expected: set[str], language: Language, at_line_start: bool) -> str:
    if at_line_start:
        examples = ", ".join(f"'{word(k, language)}'" for k in _STATEMENT_EXAMPLES)
        return (f"o início de uma disposição (por exemplo {examples})" if language == "pt"
                else f"the start of a provision (for example {examples})")
    names = sorted({describe_terminal(e, language) for e in expected if not e.startswith("_")})
    if len(names) > 8:
        names = names[:7] + (["…"])
    return _join(names, language)


def _keyword_suggestion(text: str, language: Language) -> str | None:
    words = [w for pt, en in KEYWORDS.values() for w in (pt if language == "pt" else en)]
    match = difflib.get_close_matches(text.casefold(), words, n=1, cutoff=0.75)
    return match[0] if match else None


def detect_language(tokens: list[Token]) -> Language:
    """The language of the first keyword that belongs to only one language; Portuguese by default."""
    for tok in tokens:
        if tok.type.startswith("KW_"):
            lang = language_of(tok.value)
            if lang:
                return lang
    return "pt"


def tokenize(text: str, file: str, diagnostics: list[Diagnostic]) -> list[Token]:
    """All tokens (comments and newlines included); bad characters are reported and skipped."""
    work = text
    for _ in range(MAX_DIAGNOSTICS):
        try:
            return lex_with_comments(work)
        except UnexpectedCharacters as e:
            ch = work[e.pos_in_stream]
            line_end = work.find("\n", e.pos_in_stream)
            line_end = len(work) if line_end < 0 else line_end
            if ch in "\"“":
                diagnostics.append(Diagnostic("E102", file, e.line, e.column,
                                              width=line_end - e.pos_in_stream))
                span = line_end - e.pos_in_stream
            else:
                diagnostics.append(Diagnostic("E101", file, e.line, e.column, args={"found": repr(ch)}))
                span = 1
            work = work[:e.pos_in_stream] + " " * span + work[e.pos_in_stream + span:]
    return []


def parse_text(text: str, file: str) -> ParseResult:
    """Parse a whole law file into per-line trees, collecting every diagnostic."""
    diagnostics: list[Diagnostic] = []
    tokens = tokenize(text, file, diagnostics)
    language = detect_language(tokens)
    for d in diagnostics:
        d.language = language

    lines: list[list[Token]] = [[]]
    for tok in tokens:
        if tok.type == "_NL":
            lines.append([])
        else:
            lines[-1].append(tok)

    parser = line_parser()
    parsed: list[ParsedLine] = []
    pending_comments: list[str] = []
    keyword_tokens: list[Token] = []
    for toks in lines:
        comments = [t for t in toks if t.type == "COMMENT"]
        code = [t for t in toks if t.type != "COMMENT"]
        if not code:
            pending_comments.extend(c.value for c in comments)
            continue
        # the letter of "art. 3-A" may lex as a keyword ("a", "e") but is no word of either language
        keyword_tokens.extend(t for i, t in enumerate(code)
                              if t.type.startswith("KW_") and not (i and code[i - 1].type in ("DASH", "KW_STATE")))
        tree = _parse_line(parser, code, file, language, diagnostics)
        if tree is None:
            pending_comments = []
            continue
        parsed.append(ParsedLine(tree, code[0].line or 0, code[0].column or 0, pending_comments,
                                 comments[-1].value if comments else None))
        pending_comments = []
    return ParseResult(parsed, pending_comments, language, diagnostics, keyword_tokens)


def _parse_line(parser, code: list[Token], file: str, language: Language,
                diagnostics: list[Diagnostic]) -> Tree | None:
    ip = parser.parse_interactive(start="line")
    for i, tok in enumerate(code):
        try:
            ip.feed_token(tok)
        except UnexpectedToken as e:
            _report_unexpected(e, tok, code[i - 1] if i else None, code[i:], file, language, diagnostics)
            return None
    try:
        return ip.feed_eof(code[-1])
    except UnexpectedInput as e:
        last = code[-1]
        expected = getattr(e, "expected", set()) or set()
        diagnostics.append(Diagnostic(
            "E103", file, last.end_line or last.line or 0, (last.end_column or last.column or 1),
            language=language, args={"expected": _expected_words(set(expected), language, False)}))
        return None


def _report_unexpected(e: UnexpectedToken, tok: Token, previous: Token | None, rest: list[Token], file: str,
                       language: Language, diagnostics: list[Diagnostic]) -> None:
    at_start = previous is None
    help_text = None
    if previous is not None and previous.type == "NAME" and (tok.type == "NAME" or tok.type.startswith("KW_")) \
            and "NAME" not in e.expected:
        # "técnico de enfermagem": a name of several words
        words = [previous.value]
        for t in rest:
            if t.type != "NAME" and not t.type.startswith("KW_"):
                break
            words.append(t.value)
        joined = "_".join(words)
        help_text = (f"um nome de várias palavras se escreve com '_', como '{joined}'" if language == "pt"
                     else f"a name of several words is written with '_', like '{joined}'")
    elif tok.type in ("NAME",) or tok.type.startswith("KW_"):
        suggestion = _keyword_suggestion(str(tok.value), language)
        if suggestion and suggestion.casefold() != str(tok.value).casefold():
            help_text = hint("did_you_mean", language, name=suggestion)
    diagnostics.append(Diagnostic(
        "E100", file, tok.line or 0, tok.column or 0, language=language,
        width=len(str(tok.value)) or 1, help=help_text,
        args={"expected": _expected_words(set(e.expected), language, at_start),
              "found": describe_found(tok, language)}))
