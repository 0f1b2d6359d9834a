"""The front door: law text or file in, checked model and consolidated versions out (or every error)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from p4p_rules.consolidate import by_name, consolidate, in_force_at
from p4p_rules.model.law import Law, LawInForce
from p4p_rules.resolve import check_references
from p4p_rules.syntax.build import Builder
from p4p_rules.syntax.diagnostics import Diagnostic, LawError
from p4p_rules.syntax.parser import MAX_FILE_BYTES, MAX_LINE_CHARS, normalize_text, parse_text


@dataclass
class CompiledLaw:
    """A law with the consolidated text of each of its versions."""

    law: Law
    texts: list[LawInForce]

    def at(self, date: dt.date) -> LawInForce | None:
        return in_force_at(self.texts, date)

    def version(self, name: str) -> LawInForce | None:
        return by_name(self.texts, name)


def read_source(path: str | Path) -> str:
    """Read a law file as text, refusing what is not a law (too big, not text)."""
    p = Path(path)
    file = str(path)
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LawError([Diagnostic("E150", file, 1, 1, "pt", {"size": size, "limit": MAX_FILE_BYTES})], {})
        data = p.read_bytes()
    except OSError as e:
        raise LawError([Diagnostic("E151", file, 1, 1, "pt", {"reason": e.strerror or str(e)})], {}) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Law files written on Windows in Latin-1 still read correctly.
        return data.decode("cp1252", errors="replace")


def _sorted(diags: list[Diagnostic]) -> list[Diagnostic]:
    unique = {(d.file, d.line, d.col, d.code, d.message): d for d in diags}
    return sorted(unique.values(), key=lambda d: (d.file, d.line, d.col, d.code))


def parse_law(text: str, file: str = "<law>") -> Law:
    """Text to model; raises LawError with every syntax and structure problem found."""
    text = normalize_text(text)
    sources = {file: text.splitlines()}
    # before parsing, the language is a guess from the header word
    guess = "en" if re.match(r"\s*(#[^\n]*\n\s*)*law\b", text, flags=re.I) else "pt"
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        raise LawError([Diagnostic("E150", file, 1, 1, guess, {"size": size, "limit": MAX_FILE_BYTES})], sources)
    long_lines = [Diagnostic("E152", file, i, 1, guess, {"size": len(line), "limit": MAX_LINE_CHARS})
                  for i, line in enumerate(text.splitlines(), 1) if len(line) > MAX_LINE_CHARS]
    if long_lines:
        raise LawError(long_lines, sources)
    result = parse_text(text, file)
    builder = Builder(result, file)
    law = builder.build()
    diags = result.diagnostics + builder.diagnostics
    if diags or law is None:
        for d in diags:
            d.language = result.language
        raise LawError(_sorted(diags), sources)
    return law


def _point_at_name(diags: list[Diagnostic], lines: list[str]) -> None:
    """Move the caret from the start of a provision to the unknown name it reports."""
    for d in diags:
        if d.code not in ("E140", "E141", "E142", "E144", "E147"):
            continue
        name = d.args.get("name")
        if not isinstance(name, str) or not (1 <= d.line <= len(lines)):
            continue
        found = lines[d.line - 1].find(name, d.col - 1)
        if found >= 0:
            d.col, d.width = found + 1, len(name)


def compile_text(text: str, file: str = "<law>") -> CompiledLaw:
    """Parse, apply amendments and check references; raises LawError with every problem."""
    law = parse_law(text, file)
    texts, diags = consolidate(law)
    for t in texts:
        diags += check_references(t)
    if diags:
        lines = normalize_text(text).splitlines()
        _point_at_name(diags, lines)
        raise LawError(_sorted(diags), {file: lines})
    return CompiledLaw(law, texts)


def compile_file(path: str | Path) -> CompiledLaw:
    return compile_text(read_source(path), str(path))
