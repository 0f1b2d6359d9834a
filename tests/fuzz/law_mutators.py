"""Mutators for law text: take a law of the corpus and damage it the ways real files get damaged.

Each mutator is `f(text, rng) -> text` on str or `f(data, rng) -> data` on bytes; `mutate_law`
chains a few of them and returns the bytes a law file would hold, with the names of what it did.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache
from pathlib import Path
from typing import Callable

from p4p_rules.syntax.keywords import KEYWORDS

ROOT = Path(__file__).resolve().parents[2]
LAWS = sorted((ROOT / "laws").glob("*.p4p"))

# A chain of size mutations could build gigabytes (10,000 copies of a 300,000-character line): cases
# stay under this, a few times the file-size limit, so that the limits are tested but the fuzzer
# does not fill memory before the code under test runs.
MAX_CASE_CHARS = 3_000_000

# words, numbers (with their decimal marks), runs of blanks and single other characters
_TOKEN = re.compile(r"\s+|R\$ ?\d[\d.,]*|\d+(?:[.,/-]\d+)*|\w+\.?|[^\w\s]")


@lru_cache(maxsize=1)
def corpus() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in LAWS]


@lru_cache(maxsize=1)
def corpus_tokens() -> list[str]:
    return sorted({t for text in corpus() for t in _TOKEN.findall(text) if not t.isspace()})


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


# ---- tokens and lines -------------------------------------------------------------------------
def _pick_word(toks: list[str], rng: random.Random) -> int | None:
    words = [i for i, t in enumerate(toks) if not t.isspace()]
    return rng.choice(words) if words else None


def delete_token(text: str, rng: random.Random) -> str:
    toks = tokens(text)
    i = _pick_word(toks, rng)
    if i is not None:
        del toks[i]
    return "".join(toks)


def duplicate_token(text: str, rng: random.Random) -> str:
    toks = tokens(text)
    i = _pick_word(toks, rng)
    if i is not None:
        toks.insert(i, toks[i] + rng.choice(["", " "]))
    return "".join(toks)


def swap_tokens(text: str, rng: random.Random) -> str:
    toks = tokens(text)
    words = [i for i, t in enumerate(toks) if not t.isspace()]
    if len(words) >= 2:
        if rng.random() < 0.5:  # neighbours: the commonest slip
            k = rng.randrange(len(words) - 1)
            i, j = words[k], words[k + 1]
        else:
            i, j = rng.sample(words, 2)
        toks[i], toks[j] = toks[j], toks[i]
    return "".join(toks)


def replace_token(text: str, rng: random.Random) -> str:
    """A token replaced by another token of the corpus: right words in the wrong place."""
    toks = tokens(text)
    i = _pick_word(toks, rng)
    if i is not None:
        toks[i] = rng.choice(corpus_tokens())
    return "".join(toks)


def delete_line(text: str, rng: random.Random) -> str:
    lines = text.splitlines(keepends=True)
    if lines:
        del lines[rng.randrange(len(lines))]
    return "".join(lines)


def duplicate_line(text: str, rng: random.Random) -> str:
    lines = text.splitlines(keepends=True)
    if lines:
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i] if lines[i].endswith("\n") else lines[i] + "\n")
    return "".join(lines)


def swap_lines(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    if len(lines) >= 2:
        i, j = rng.sample(range(len(lines)), 2)
        lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines) + "\n"


def shuffle_lines(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    rng.shuffle(lines)
    return "\n".join(lines) + "\n"


def join_lines(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    if len(lines) >= 2:
        i = rng.randrange(len(lines) - 1)
        lines[i:i + 2] = [lines[i] + " " + lines[i + 1].lstrip()]
    return "\n".join(lines) + "\n"


def splice_laws(text: str, rng: random.Random) -> str:
    """The head of this law and the tail of another (two files pasted together)."""
    other = rng.choice(corpus())
    a, b = text.splitlines(keepends=True), other.splitlines(keepends=True)
    return "".join(a[:rng.randint(0, len(a))] + b[rng.randint(0, len(b)):])


def truncate(text: str, rng: random.Random) -> str:
    return text[:rng.randint(0, len(text))]


# ---- language --------------------------------------------------------------------------------
_SWAP_LANGUAGE = {w.casefold(): (en if w in pt else pt) for pt, en in KEYWORDS.values() for w in pt + en}


def mix_languages(text: str, rng: random.Random) -> str:
    """Some keywords written in the other language (pt <-> en), some in capitals."""
    toks = tokens(text)
    kws = [i for i, t in enumerate(toks) if _SWAP_LANGUAGE.get(t.casefold())]
    for i in rng.sample(kws, min(len(kws), rng.randint(1, 4))):
        toks[i] = rng.choice(_SWAP_LANGUAGE[toks[i].casefold()])
        if rng.random() < 0.3:
            toks[i] = toks[i].upper()
    return "".join(toks)


def strip_accents(text: str, rng: random.Random) -> str:
    import unicodedata
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c) or rng.random() < 0.5)


# ---- Unicode and odd characters ---------------------------------------------------------------
ODD_CHARS = [
    "\u0301", "\u0303", "\u0327" * 50,   # combining marks, alone and stacked
    "\u202e", "\u202d", "\u200f", "\u061c",  # right-to-left overrides and marks
    "שלום", "مرحبا", "\u0660\u0661\u0662",  # Hebrew, Arabic words, Arabic-Indic digits
    "\x00", "\x01", "\x7f", "\x1b[31m", "\x0c", "\x0b", "\x85", "\u2028", "\u2029",
    "\ufeff", "\u200b", "\u00a0", "\u3000", "\t", "\r", "\r\n",
    "²", "½", "Ⅻ", "１２３", "𝟏𝟐", "٫", "％", "＄", "§§", "ºª°",
    "😀", "👩‍⚕️", "\U0010ffff", "\ufffd", "ﬁ", "ß", "İ", "ǅ",
    "“", "”", "\"", "\\", "\\\"", "#", ":", ",", "-", ".", "R$", "%",
]


def insert_unicode(text: str, rng: random.Random) -> str:
    pos = rng.randint(0, len(text))
    return text[:pos] + rng.choice(ODD_CHARS) + text[pos:]


def random_unicode_run(text: str, rng: random.Random) -> str:
    """A run of random code points (any plane; surrogates excluded, they cannot be encoded)."""
    pos = rng.randint(0, len(text))
    run = []
    for _ in range(rng.randint(1, 40)):
        cp = rng.choice([rng.randint(0x20, 0x7e), rng.randint(0x80, 0x2fff), rng.randint(0x3000, 0xd7ff),
                         rng.randint(0xe000, 0x10ffff)])
        run.append(chr(cp))
    return text[:pos] + "".join(run) + text[pos:]


def line_endings(text: str, rng: random.Random) -> str:
    return text.replace("\n", rng.choice(["\r\n", "\r", "\n\r", "\u2028", "\x85", "\n\n"]))


def tabs_for_spaces(text: str, rng: random.Random) -> str:
    return re.sub(r"^( +)", lambda m: "\t" * rng.randint(0, 3) + " " * rng.randint(0, 2), text, flags=re.M)


# ---- values ---------------------------------------------------------------------------------
HUGE_NUMBERS = [
    "1" + "0" * 400, "9" * 4400, "1e999", "1E-999", "0" * 300 + "1", "99999999999999999999",
    "340282366920938463463374607431768211457", "-1", "+5", "0,0000000000000000000000000000001",
    "1.000.000.000,5", "1_000", "0x10", "NaN", "inf", "1" + "0" * 30 + ",5",
]
HUGE_PERCENTS = ["1e999%", "1" + "0" * 400 + "%", "100,0000000000000000000000000001%", "0%", "-5%",
                 "101%", "99,999999999999999999999999999999%", "9" * 5000 + "%"]
HUGE_MONEY = ["R$ " + "9" * 400, "R$ " + "1" * 4400 + ",00", "R$ 1.000.000.000.000.000.000,00",
              "R$ 0,001", "R$ 1,2,3", "R$ ,", "R$ 99999999999999999999999999999999,99", "R$1e999"]
ODD_DATES = ["9999-99-99", "0000-00-00", "99/99/9999", "31/02/2012", "29/02/2013", "00/01/2012", "1/1/0001",
             "31/12/9999", "2012-1-1", "2012-13-01", "01/01/10000", "١٢/٠١/٢٠١٢", "2012-02-30"]


def huge_number(text: str, rng: random.Random) -> str:
    """One number, percentage, amount or date of the law replaced by an absurd one."""
    toks = tokens(text)
    numeric = [i for i, t in enumerate(toks) if t[:1].isdigit() or t.startswith("R$")]
    if not numeric:
        return text
    i = rng.choice(numeric)
    old = toks[i]
    if old.startswith("R$"):
        toks[i] = rng.choice(HUGE_MONEY)
    elif "/" in old or old.count("-") == 2:
        toks[i] = rng.choice(ODD_DATES)
    elif i + 1 < len(toks) and toks[i + 1] == "%":
        toks[i] = rng.choice(HUGE_PERCENTS).rstrip("%")
    else:
        toks[i] = rng.choice(HUGE_NUMBERS + ODD_DATES)
    return "".join(toks)


# ---- size and shape --------------------------------------------------------------------------
def long_line(text: str, rng: random.Random) -> str:
    """One line made very long: a long name, a long quoted wording, a long list, or just blanks."""
    lines = text.splitlines()
    if not lines:
        return text
    i = rng.randrange(len(lines))
    n = rng.choice([500, 5_000, 9_990, 10_001, 50_000, 300_000])
    kind = rng.randrange(5)
    if kind == 0:
        lines[i] += " " + "a" * n
    elif kind == 1:
        lines[i] += ' "' + "palavra " * (n // 8) + '"'
    elif kind == 2:
        lines[i] += ", médico" * (n // 8)
    elif kind == 3:
        lines[i] = " " * n + lines[i]
    else:
        lines[i] += " " + "9" * n
    return "\n".join(lines) + "\n"


def many_lines(text: str, rng: random.Random) -> str:
    """Thousands of lines: an article repeated, blank lines, or comment lines."""
    lines = text.splitlines()
    n = rng.choice([1_000, 5_000, 20_000, 100_000])
    kind = rng.randrange(4)
    if kind == 0:
        block = [f"art. {k}:\n  pagamento mensal" for k in range(100, 100 + n // 2)]
        return text + "\n" + "\n".join(block) + "\n"
    if kind == 1:
        return text + "\n" * n
    if kind == 2:
        return "# comentário\n" * n + text
    if not lines:
        return text
    i = rng.randrange(len(lines))
    copies = min(n // 10, MAX_CASE_CHARS // (len(lines[i]) + 1))
    return "\n".join(lines[:i] + [lines[i]] * copies + lines[i:]) + "\n"


def deep_nesting(text: str, rng: random.Random) -> str:
    """Deep indentation, paragraphs under paragraphs, and many nested-looking levels."""
    lines = text.splitlines()
    kind = rng.randrange(3)
    if kind == 0:
        step = rng.randint(1, 8)
        return "\n".join(" " * min(k * step, 12_000) + line for k, line in enumerate(lines[:2_000])) + "\n"
    if kind == 1:
        depth = rng.choice([100, 1_000, 5_000])
        nested = "\n".join("  " * min(k, 4_000) + f"§ {k + 1}:" for k in range(depth))
        return text + "\nart. 999:\n" + nested + "\n"
    depth = rng.choice([100, 1_000, 4_000])
    return text + "\n" + "(" * depth + "[" * depth + "{" * depth + "\n" + '"' * depth + "\n"


# ---- bytes -----------------------------------------------------------------------------------
def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if buf:
            buf[rng.randrange(len(buf))] ^= 1 << rng.randrange(8)
    return bytes(buf)


RAW_BYTES = [b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\xc3", b"\x80",
             b"\xf4\x90\x80\x80", b"\xc0\xaf", b"\x00\x00", b"\xe9", b"\x81\x8d\x8f\x90\x9d"]


def insert_raw_bytes(data: bytes, rng: random.Random) -> bytes:
    """Invalid UTF-8 (surrogates as bytes, overlong forms, lone continuation bytes), BOMs mid-file."""
    pos = rng.randint(0, len(data))
    return data[:pos] + rng.choice(RAW_BYTES) + data[pos:]


def reencode(data: bytes, rng: random.Random) -> bytes:
    """The same text saved in another encoding, with or without a byte order mark."""
    text = data.decode("utf-8", errors="replace")
    encoding = rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1", "mac-roman",
                           "cp850", "utf-8-sig"])
    return text.encode(encoding, errors="replace")


def prefix_bom(data: bytes, rng: random.Random) -> bytes:
    return rng.choice([b"\xef\xbb\xbf", b"\xef\xbb\xbf\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]) + data


def binary_junk(data: bytes, rng: random.Random) -> bytes:
    junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4_000)))
    return junk if rng.random() < 0.5 else data[:rng.randint(0, len(data))] + junk


TEXT_MUTATORS: list[Callable[[str, random.Random], str]] = [
    delete_token, duplicate_token, swap_tokens, replace_token, delete_line, duplicate_line, swap_lines,
    shuffle_lines, join_lines, splice_laws, truncate, mix_languages, strip_accents, insert_unicode,
    random_unicode_run, line_endings, tabs_for_spaces, huge_number, long_line, many_lines, deep_nesting,
]
BYTE_MUTATORS: list[Callable[[bytes, random.Random], bytes]] = [
    flip_bytes, insert_raw_bytes, reencode, prefix_bom, binary_junk,
]
# the size mutators make cases slow to run; the others should dominate a time-bounded run
_HEAVY = {long_line, many_lines, deep_nesting}
_WEIGHTS = [1 if m in _HEAVY else 4 for m in TEXT_MUTATORS]


def mutate_law(rng: random.Random, seed_text: str | None = None, rounds: int | None = None) -> tuple[bytes, list[str]]:
    """A damaged law file (its bytes) and the names of the mutations, in order."""
    text = seed_text if seed_text is not None else rng.choice(corpus())
    applied: list[str] = []
    for _ in range(rounds if rounds is not None else rng.choice([1, 1, 1, 2, 2, 3, 5])):
        m = rng.choices(TEXT_MUTATORS, _WEIGHTS)[0]
        text = m(text, rng)[:MAX_CASE_CHARS]
        applied.append(m.__name__)
    data = text.encode("utf-8", errors="surrogatepass")
    if rng.random() < 0.2:
        b = rng.choice(BYTE_MUTATORS)
        data = b(data, rng)
        applied.append(b.__name__)
    return data, applied
