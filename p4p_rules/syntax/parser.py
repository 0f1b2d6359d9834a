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
from p4p_rules.syntax.lalr import parse_line

# Input limits (docs/language.md, "Limits"): far above any real law (the longest of the corpus has
# 94 lines), low enough that a damaged or hostile file is refused in well under a second.
MAX_FILE_BYTES = 1_000_000
MAX_LINE_CHARS = 10_000
MAX_LINES = 20_000
MAX_NUMBER_DIGITS = 15  # exact in a Decimal and an int64 of centavos; no law needs more
MAX_DIAGNOSTICS = 50    # after this many problems, one E155 says the rest were not shown

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
    stopped: bool = False  # reading stopped after MAX_DIAGNOSTICS problems (the last diagnostic is E155)


def normalize_text(text: str) -> str:
    """NFC so that 'gestão' typed with a combining tilde is the same word; drop a BOM; one line end.

    Old Mac files end lines with a lone CR, which the lexer would read as blanks, making the whole
    file one line; CRLF becomes LF too, so that positions and source lines agree everywhere.
    """
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def source_lines(text: str) -> list[str]:
    """The lines as the lexer numbers them: split at LF only (str.splitlines also splits at \\x0b,
    \\x85, U+2028..., which would show the wrong source line under a diagnostic)."""
    return text.split("\n")


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
    """All tokens (comments and newlines included); bad characters are reported and skipped.

    After a bad character, lexing resumes at the start of its line (no token spans a line end), so
    a file full of bad characters costs one pass, not one pass per character.  After
    MAX_DIAGNOSTICS problems it stops, with E155, and returns the tokens of the lines before.
    """
    tokens: list[Token] = []
    rest, offset, line_offset = text, 0, 0  # the text still to lex, and where it starts in `text`
    while True:
        try:
            tokens.extend(_shift(lex_with_comments(rest), offset, line_offset))
            return tokens
        except UnexpectedCharacters as e:
            pos, line = e.pos_in_stream or 0, (e.line or 1) + line_offset
            line_start = rest.rfind("\n", 0, pos) + 1
            # the complete lines before the bad one lex as they are; their tokens are final
            tokens.extend(_shift(lex_with_comments(rest[:line_start]), offset, line_offset))
            if len(diagnostics) >= MAX_DIAGNOSTICS:
                diagnostics.append(Diagnostic("E155", file, line, e.column, args={"limit": MAX_DIAGNOSTICS}))
                return tokens
            ch = rest[pos]
            line_end = rest.find("\n", pos)
            line_end = len(rest) if line_end < 0 else line_end
            if ch in "\"“":
                diagnostics.append(Diagnostic("E102", file, line, e.column, width=line_end - pos))
                span = line_end - pos
            else:
                diagnostics.append(Diagnostic("E101", file, line, e.column, args={"found": repr(ch)}))
                span = 1
            offset += line_start
            line_offset = line - 1
            rest = rest[line_start:pos] + " " * span + rest[pos + span:]


def _shift(tokens: list[Token], offset: int, line_offset: int) -> list[Token]:
    """Positions of tokens lexed from a slice that starts at a line start, made positions in the file."""
    if offset or line_offset:
        for tok in tokens:
            tok.start_pos = (tok.start_pos or 0) + offset
            tok.end_pos = (tok.end_pos or 0) + offset
            tok.line = (tok.line or 0) + line_offset
            tok.end_line = (tok.end_line or 0) + line_offset
    return tokens


def parse_text(text: str, file: str) -> ParseResult:
    """Parse a whole law file into per-line trees, collecting every diagnostic."""
    diagnostics: list[Diagnostic] = []
    tokens = tokenize(text, file, diagnostics)
    language = detect_language(tokens)
    for d in diagnostics:
        d.language = language

    parser = line_parser()
    parsed: list[ParsedLine] = []
    pending_comments: list[str] = []
    keyword_tokens: list[Token] = []
    stopped = bool(diagnostics) and diagnostics[-1].code == "E155"  # the lexer gave up
    for code, comments, keywords in _lines(tokens):
        if stopped:
            break
        if not code:
            pending_comments.extend(c.value for c in comments)
            continue
        keyword_tokens.extend(keywords)
        tree = parse_line(code)  # the lean loop over lark's table parses the clean lines
        if tree is None:  # lark's interactive parser reads a bad line again to explain what is wrong
            tree = _parse_line(parser, code, file, language, diagnostics)
        if len(diagnostics) > MAX_DIAGNOSTICS:
            extra = diagnostics.pop()
            diagnostics.append(Diagnostic("E155", file, extra.line, extra.col, language,
                                          {"limit": MAX_DIAGNOSTICS}))
            stopped = True
            break
        if tree is None:
            pending_comments = []
            continue
        parsed.append(ParsedLine(tree, code[0].line or 0, code[0].column or 0, pending_comments,
                                 comments[-1].value if comments else None))
        pending_comments = []
    return ParseResult(parsed, pending_comments, language, diagnostics, keyword_tokens, stopped)


def _lines(tokens: list[Token]) -> list[tuple[list[Token], list[Token], list[Token]]]:
    """Each line's code tokens, comments and words to check for language (one pass over the tokens)."""
    lines: list[tuple[list[Token], list[Token], list[Token]]] = []
    code: list[Token] = []
    comments: list[Token] = []
    keywords: list[Token] = []
    previous = ""  # type of the previous code token on the line
    for tok in tokens:
        kind = tok.type
        if kind == "_NL":
            lines.append((code, comments, keywords))
            code, comments, keywords, previous = [], [], [], ""
        elif kind == "COMMENT":
            comments.append(tok)
        else:
            # the letter of "art. 3-A" may lex as a keyword ("a", "e") but is no word of either language
            if kind.startswith("KW_") and previous != "DASH" and previous != "KW_STATE":
                keywords.append(tok)
            code.append(tok)
            previous = kind
    lines.append((code, comments, keywords))
    return lines


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
        expected: set[str] = getattr(e, "expected", set()) or set()
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
