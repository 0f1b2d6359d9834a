"""The front door: law text or file in, checked model and consolidated versions out (or every error)."""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
import re
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from p4p_rules.consolidate import by_name, consolidate, in_force_at
from p4p_rules.model.law import Law, LawInForce
from p4p_rules.resolve import check_references
from p4p_rules.syntax.build import Builder
from p4p_rules.syntax.diagnostics import Diagnostic, LawError
from p4p_rules.syntax.parser import (MAX_DIAGNOSTICS, MAX_FILE_BYTES, MAX_LINE_CHARS, MAX_LINES, normalize_text,
                                     parse_text, source_lines)


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
            with p.open("rb") as f:  # the header, to say it in the law's language
                language = _guess_language(f.read(4096).decode("utf-8", errors="replace"))
            raise LawError([Diagnostic("E150", file, 1, 1, language, {"size": size, "limit": MAX_FILE_BYTES})], {})
        data = p.read_bytes()
    except OSError as e:
        raise LawError([Diagnostic("E151", file, 1, 1, "pt", {"reason": e.strerror or str(e)})], {}) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode": UTF-16 with its byte order mark
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Law files written on Windows in Latin-1 still read correctly.
        return data.decode("cp1252", errors="replace")


def _guess_language(text: str) -> str:
    """Before parsing, the language is a guess from the header word."""
    return "en" if re.match(r"\s*(#[^\n]*\n\s*)*law\b", text.lstrip("\ufeff"), flags=re.I) else "pt"


def _sorted(diags: list[Diagnostic]) -> list[Diagnostic]:
    """In file order, each once, and at most MAX_DIAGNOSTICS of them (then one E155 where the next is)."""
    unique = {(d.file, d.line, d.col, d.code, d.message): d for d in diags}
    ordered = sorted(unique.values(), key=lambda d: (d.code == "E155", d.file, d.line, d.col, d.code))
    if len(ordered) > MAX_DIAGNOSTICS and ordered[MAX_DIAGNOSTICS].code != "E155":
        nxt = ordered[MAX_DIAGNOSTICS]
        ordered = ordered[:MAX_DIAGNOSTICS] + [Diagnostic("E155", nxt.file, nxt.line, nxt.col, nxt.language,
                                                          {"limit": MAX_DIAGNOSTICS})]
    return ordered


def parse_law(text: str, file: str = "<law>") -> Law:
    """Text to model; raises LawError with every syntax and structure problem found."""
    text = normalize_text(text)
    lines = source_lines(text)
    sources = {file: lines}
    guess = _guess_language(text)
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_FILE_BYTES:
        raise LawError([Diagnostic("E150", file, 1, 1, guess, {"size": size, "limit": MAX_FILE_BYTES})], sources)
    too_big = [Diagnostic("E152", file, i, 1, guess, {"size": len(line), "limit": MAX_LINE_CHARS})
               for i, line in enumerate(lines, 1) if len(line) > MAX_LINE_CHARS]
    count = len(lines) - (lines[-1] == "")  # a final line end ends the last line, it starts none
    if count > MAX_LINES:
        too_big.append(Diagnostic("E154", file, MAX_LINES + 1, 1, guess, {"lines": count, "limit": MAX_LINES}))
    if too_big:
        raise LawError(_sorted(too_big), sources)
    result = parse_text(text, file)
    if result.stopped:  # so many problems that the rest of the file was not read: the model would mislead
        raise LawError(_sorted(result.diagnostics), sources)
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
        lines = source_lines(normalize_text(text))
        _point_at_name(diags, lines)
        raise LawError(_sorted(diags), {file: lines})
    return CompiledLaw(law, texts)


def compile_file(path: str | Path) -> CompiledLaw:
    return compile_text(read_source(path), str(path))


def compile_many(paths: Sequence[str | Path], jobs: int | None = None) -> list[CompiledLaw | LawError]:
    """Compile many law files on `jobs` processes, this one included (default: one per core).

    One result per path, in order; a file that does not compile gives its LawError instead of raising
    it, so one bad law hides no other.
    """
    jobs = available_cores() if jobs is None else max(1, jobs)
    with gc_paused():
        if jobs == 1 or len(paths) < 2 * _MIN_CHUNK:  # a pool costs more than it saves on a few laws
            return [compile_or_error(p) for p in paths]
        # chunks amortise the messages; small ones keep every process busy until the end
        size = max(_MIN_CHUNK, min(_MAX_CHUNK, -(-len(paths) // (jobs * 8))))
        chunks = [list(paths[i:i + size]) for i in range(0, len(paths), size)]
        _warm_up()  # forked workers inherit the parser instead of each building it
        # fork where there is one, as the national run does: a worker starts in milliseconds, parser ready
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
        results: list[list[CompiledLaw | LawError] | None] = [None] * len(chunks)
        with ProcessPoolExecutor(max_workers=jobs - 1, mp_context=context, initializer=gc.disable) as pool:
            futures = [pool.submit(_compile_chunk, chunk) for chunk in chunks]
            # This process is the last worker: it takes chunks from the end while the pool takes them from
            # the start, until they meet.  Its laws need no pickling (pickling a law and unpickling it cost
            # 40% of compiling it), and it does not sit idle competing for a core with the workers it waits for.
            for i in reversed(range(len(chunks))):
                if not futures[i].cancel():  # a worker has this chunk already, and so every chunk before it
                    break
                results[i] = [compile_or_error(p) for p in chunks[i]]
            for i, future in enumerate(futures):
                if results[i] is None:
                    results[i] = [_from_worker(p, a) for p, a in zip(chunks[i], future.result(), strict=True)]
        return [result for chunk_results in results if chunk_results for result in chunk_results]


_MIN_CHUNK, _MAX_CHUNK = 8, 32


def available_cores() -> int:
    """The cores this process may run on (not every core of the machine, under a CPU limit)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def compile_or_error(path: str | Path) -> CompiledLaw | LawError:
    """The compiled law, or its LawError (returned, not raised: in a batch one bad law hides no other)."""
    try:
        return compile_file(path)
    except LawError as e:
        return e.with_traceback(None)  # kept, its traceback would keep every frame of the parse alive


# What a worker sends back: the law model alone, or the diagnostics.  The parent consolidates the law
# again (a fiftieth of compiling it), which halves the pickling: the consolidated texts are half of it.
_Answer = tuple[Literal["law"], Law] | tuple[Literal["error"], list[Diagnostic], dict[str, list[str]]]


def _compile_chunk(paths: list[str | Path]) -> list[_Answer]:
    out: list[_Answer] = []
    for path in paths:
        result = compile_or_error(path)
        # LawError does not pickle (its constructor takes two arguments): send what it carries
        out.append(("error", result.diagnostics, result.sources) if isinstance(result, LawError)
                   else ("law", result.law))
    return out


def _from_worker(path: str | Path, answer: _Answer) -> CompiledLaw | LawError:
    if answer[0] == "error":
        return LawError(answer[1], answer[2])
    law = answer[1]
    texts, diags = consolidate(law)
    assert not diags, f"{path}: consolidated in the worker without problems, but not here"
    return CompiledLaw(law, texts)


def _warm_up() -> None:
    compile_text('lei "x"\nversão v vigência 01/01/2014\nart. 1:\n  pagamento mensal\n', "<warm-up>")


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while compiling a batch (reference counting still frees everything).

    Compiling makes no reference cycles (gc.collect() finds nothing after thousands of laws), but
    each law makes thousands of small objects, and the collector ran every 700 of them over every
    model kept so far: a seventh of the time in one process, and in a pool most of the parent's
    time, spent unpickling the workers' laws.  Workers run with the collector off for the same reason.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
