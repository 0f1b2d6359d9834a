"""A state or national batch: many laws over one set of national files, read once, run on all cores.

National files hold every municipality's rows in one file per input (roster, scores, transfers,
absences), with a `municipality` column holding the IBGE code each law declares in its header
(`ibge 3550308`).  Reading the country once and splitting it in memory is what makes a national
run fast: a folder per municipality means tens of thousands of small files, and the reading alone
of those takes longer than the whole run (docs/performance.md).

Order of work: a child process loads and checks the national files, splits them by municipality
and converts them into the engine's columns, while this process compiles laws from the first on
(reading is one core's work; the other would wait); the columns come back to this process; it forks
the workers (one fewer than the cores: this process works too), which inherit the columns and the
laws compiled so far without copying them; each process takes the next chunk of laws when free,
compiles those not yet compiled, checks the names only that law knows (its own cadres and
categories), and runs the engine.  Results come back as columns and are written as one national
file per output, with the `municipality` column first.  With one core, this process does it all.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
import pickle
import signal
import tempfile
import time
from dataclasses import dataclass
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, Callable, Mapping

import pandas as pd

from p4p_rules.batch import Outcome, law_names
from p4p_rules.data import DataError, Dataset, load_dataset, split_dataset
from p4p_rules.data.dataset import Split
from p4p_rules.data.files import find_input
from p4p_rules.data.problems import DataProblem, Report
from p4p_rules.data.read import decode, sniff_separator
from p4p_rules.data.words import category_words, cadre_words
from p4p_rules.engine.period import LawCannotBeApplied
from p4p_rules.engine.run import COLUMNS, Records, columns_of, compute, frames, inputs_from_records, records_of
from p4p_rules.load import CompiledLaw, compile_or_error, gc_paused
from p4p_rules.model.vocabulary import normalize
from p4p_rules.output import OutputError, write_tables
from p4p_rules.provenance import run_inputs
from p4p_rules.syntax.diagnostics import LawError

SCOPE = "municipality"

# the national engine columns, set before the workers are forked (they inherit them, copy-on-write)
_NATIONAL: "National | None" = None
# the laws compiled while the national files were read, by path (also inherited by the workers)
_COMPILED_AHEAD: dict[Path, "CompiledLaw | LawError"] = {}


def is_national(directory: Path) -> bool:
    """True when the folder holds the roster itself and its header has a `municipality` column."""
    roster = find_input(Path(directory), "roster", required=False, report=Report(str(directory), "pt"))
    if roster is None:
        return False
    return SCOPE in _header(roster)


def _header(path: Path) -> list[str]:
    """The normalised column names of a file, read without reading the file."""
    suffix = path.suffix.casefold()
    try:
        if suffix == ".csv":
            with open(path, "rb") as f:
                text = decode(f.read(65536))
            first = text.lstrip("\r\n").split("\n", 1)[0].rstrip("\r")
            return [normalize(c.strip().strip('"')) for c in first.split(sniff_separator(text))]
        if suffix == ".parquet":
            import pyarrow.parquet as pq
            return [normalize(n) for n in pq.read_schema(path).names]
        from openpyxl import load_workbook
        book = load_workbook(path, read_only=True)
        try:
            row = next(book.worksheets[0].iter_rows(max_row=1, values_only=True), ())
        finally:
            book.close()
        return [normalize(str(c)) for c in row if c is not None]
    except Exception:  # an unreadable file is not national; the ordinary loader reports why
        return []


def unknown_names(names: "Names", compiled: CompiledLaw, sources: Mapping[str, str]) -> list[DataProblem]:
    """Cadres and categories that neither the built-in vocabulary nor this municipality's law knows.

    National files are read with every name accepted as spelt (one file serves thousands of laws);
    here each municipality's rows meet the one law that must know them."""
    cadres, categories, _ = law_names(compiled)
    language = compiled.law.language
    problems: list[DataProblem] = []
    checks = ((names.cadres, "cadre", cadre_words(cadres), "D130", "roster"),
              (names.categories, "category", category_words(categories), "D134", "scores"))
    for (values, rows), column, words, code, source in checks:
        declared = set(words.extra)  # normalised names the law declares
        for value, row in zip(values, rows, strict=True):
            if value is None or value in words.vocabulary.terms or normalize(value) in declared:
                continue
            report = Report(sources.get(source, source), language)
            name = words.suggest(str(value))
            report.add(int(row), column, code, report.help("did_you_mean", name=name) if name else None, text=value)
            problems.extend(report.problems)
    return problems


@dataclass
class Names:
    """The names each municipality's law must know, with their rows: (values, rows) per column."""

    cadres: tuple[list, list]
    categories: tuple[list, list]

    def sliced(self, bounds: Mapping[str, tuple[int, int]]) -> "Names":
        a, b = bounds.get("roster", (0, 0))
        c, d = bounds.get("scores", (0, 0))
        return Names((self.cadres[0][a:b], self.cadres[1][a:b]), (self.categories[0][c:d], self.categories[1][c:d]))


@dataclass
class National:
    """The engine's columns of the whole country, converted once for all, and each municipality's rows."""

    records: Records
    names: Names
    bounds: Mapping[str, Mapping[str, tuple[int, int]]]   # by table, by IBGE code: rows [a, b)
    sources: Mapping[str, str]                            # by input: the file it was read from

    @classmethod
    def of(cls, split: Split) -> "National":
        t = split.tables
        names = Names((t["roster"]["cadre"].tolist(), t["roster"]["row"].tolist()),
                      (t["scores"]["category"].tolist(), t["scores"]["row"].tolist()))
        return cls(records_of(Dataset(**{n: t[n] for n in Split.NAMES})), names, split.bounds, split.sources)

    def part(self, code: str) -> tuple[Records, Names] | None:
        """One municipality's columns and names (None when no file has a row for it)."""
        bounds = {name: self.bounds[name][code] for name in Split.NAMES if code in self.bounds[name]}
        if not bounds:
            return None
        return self.records.sliced(bounds), self.names.sliced(bounds)


def load_national(directory: Path, language: str) -> Split:
    """Every municipality's tables, keyed by IBGE code (raises DataError with every problem)."""
    return split_dataset(load_dataset(directory, language=language, scope=SCOPE), SCOPE)


def _load_in_child(directory: Path, language: str, sender) -> None:
    """In the reading process: the national files read, checked, split and converted for the engine,
    sent back without the tables (which nothing needs after that); a DataError travels as its
    problems and language (an exception whose constructor takes two arguments does not unpickle)."""
    # Ctrl-C is the parent's to handle (it stops, and this daemon process with it): here it would
    # only print a traceback from the middle of reading a file
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # pyarrow reads a CSV file in as many threads as there are cores, but here the other cores are
    # busy compiling laws: its threads only compete with them (half a CPU-second more for the country)
    import pyarrow
    pyarrow.set_cpu_count(1)
    try:
        result: National | tuple[list[DataProblem], str] = National.of(load_national(directory, language))
    except DataError as e:
        result = e.problems, e.language
    try:
        sender.send(result)
    except OSError:  # the parent is gone (stopped, or killed): nobody to tell
        return
    finally:
        sender.close()


def read_while_compiling(laws: list[Path], directory: Path, language: str, jobs: int,
                         ahead: dict[Path, CompiledLaw | LawError], exiting: list[BaseProcess]) -> National:
    """The national files as the engine reads them, made by a child process while this one compiles
    laws into `ahead`.

    Reading the country and converting it is one core's work for two seconds or more; meanwhile the
    other core compiles the first laws (a third of them or more), which the workers then do not
    compile.  The engine's columns travel back pickled (about half a second for the whole country).
    With one core, or without fork, the files are read here and nothing is compiled ahead.
    The reading process, once it has sent them, is put in `exiting` for the caller to join later:
    its exit (the system unmapping a heap of a gigabyte and more) took 0.4 s to wait for."""
    if jobs < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return National.of(load_national(directory, language))
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    reader = context.Process(target=_load_in_child, args=(directory, language, sender), daemon=True)
    # (called by run_national, with the cyclic collector paused: a collection while the columns are
    # unpickled would walk every law compiled so far, again and again — it doubled the time they took
    # to arrive; and the reading process is forked with it paused too: its collections walked the
    # growing columns again and again — ~0.2 CPU-s of the read, the same peak memory, measured)
    with receiver:
        reader.start()
        sender.close()  # (this end is the child's: closed here, a child that dies is seen as end of file)
        # a plain pipe polled between two laws (a millisecond each): no thread in this process competes
        # with the compiling for the interpreter while the columns arrive
        for law in laws:
            if receiver.poll():
                break
            if law not in ahead:
                ahead[law] = compile_or_error(law)
        try:
            result = receiver.recv()
        except EOFError:
            reader.join()
            raise RuntimeError("the process reading the national files stopped "
                               f"(exit code {reader.exitcode})") from None
    if isinstance(result, tuple):
        reader.join()
        raise DataError(*result)
    exiting.append(reader)
    return result


def _run_one(law: Path, start: dt.date | None, end: dt.date | None) -> Outcome:
    """In a worker: compile one law (unless it was compiled ahead), take its municipality's columns,
    check its names, run it."""
    outcome = Outcome(law)
    compiled = _COMPILED_AHEAD.get(law) or compile_or_error(law)
    if isinstance(compiled, LawError):
        outcome.error, outcome.exit_code = compiled.render(), 2
        return outcome
    code = compiled.law.ibge
    language = compiled.law.language
    if not code:
        outcome.error = (f"{law}: " + ("a lei não declara o código IBGE (ibge NNNNNNN no cabeçalho); os arquivos "
                                       "nacionais são lidos pela coluna municipality" if language == "pt" else
                                       "the law declares no IBGE code (ibge NNNNNNN in its header); national "
                                       "files are read by their municipality column"))
        outcome.exit_code = 2
        return outcome
    part = _NATIONAL.part(str(code)) if _NATIONAL is not None else None
    if part is None:
        outcome.error = f"{law}: " + (f"nenhuma linha com municipality = {code} nos arquivos nacionais"
                                      if language == "pt"
                                      else f"no row with municipality = {code} in the national files")
        outcome.exit_code = 2
        return outcome
    records, names = part
    problems = unknown_names(names, compiled, _NATIONAL.sources)  # type: ignore[union-attr]
    if problems:
        outcome.error, outcome.exit_code = DataError(problems, language).render(), 2
        return outcome
    try:
        books, pending = compute(compiled, None, start, end, inputs=inputs_from_records(records))
    except LawCannotBeApplied as e:
        outcome.error, outcome.exit_code = f"{law}: {e}", 1
        return outcome
    # the per-period books stay in the worker; the columns travel, and become tables only once,
    # for the whole batch (a table per municipality costs more than computing its payments)
    outcome.columns = columns_of(books)
    outcome.pending_months = pending
    outcome.municipality = str(code)
    return outcome


Chunk = tuple[list[Path], "dt.date | None", "dt.date | None"]  # laws, first and last month


def _run_chunk(args: Chunk, lend_the_lock: bool = False) -> list[Outcome]:
    """Run a chunk of laws; `lend_the_lock` in the main process while workers run (see below)."""
    laws, start, end = args
    outcomes = []
    # (with the cyclic collector paused, by run_national here and in the workers forked from it:
    # compiling and computing make no reference cycles, tests/engine/test_no_cycles.py)
    for done, law in enumerate(laws, 1):
        outcomes.append(_run_one(law, start, end))
        if lend_the_lock and done % LEND_EVERY == 0:
            # The interpreter lock, let go of for a moment: the pool's own thread waits for it to
            # hand the workers their next chunk, and the compiled engine never lets go of it by
            # itself (plain Python does every few milliseconds).  A sleep(0) lasts ~60 µs here
            # (the kernel's timer slack): every law, that was 0.2 s of the main process asleep
            time.sleep(0)
    return outcomes


LEND_EVERY = 8  # laws (~20 ms) between two moments the main process lets the pool's thread run


def _run_chunk_to_file(args: tuple[Chunk, Path]) -> Path:
    """In a worker: run a chunk and write its results, pickled, into a file of `folder`; return its path.

    Sent back through the pool, results of a megabyte or more blocked the worker until the main
    process read them, a pipe's 64 KiB at a time, each time waiting for the interpreter lock held by
    the chunk it was running itself: a fifth of the worker's time lost.  Written to a file, they
    wait for the main process, and the worker goes on."""
    chunk, folder = args
    outcomes = _run_chunk(chunk)
    with tempfile.NamedTemporaryFile(dir=folder, suffix=".pickle", delete=False) as file:
        pickle.dump(outcomes, file, protocol=pickle.HIGHEST_PROTOCOL)
    return Path(file.name)


def _read_results(path: Path) -> list[Outcome]:
    """A chunk's results from the file a worker wrote (removed once read)."""
    data = path.read_bytes()
    path.unlink()
    return pickle.loads(data)


def run_national(laws: list[Path], directory: Path, out: Path | None, fmt: str, start: dt.date | None,
                 end: dt.date | None, *, jobs: int | None = None,
                 on_done: Callable[[Outcome], None] | None = None,
                 phases: dict[str, float] | None = None,
                 counts: dict[str, int] | None = None) -> tuple[list[Outcome], list[Path]]:
    """Run every law on its municipality's rows of the national files; write one file per output.

    `phases`, when given, receives the wall time in seconds of each phase: "read" (read, check and
    convert the national files for the engine, while this process compiles laws), "laws" (compile the
    other laws and run every law on the workers) and "write" (the national output files; 0 without
    `out`); `counts` receives "compiled_ahead", the number of laws compiled before the workers started
    (while the files were read)."""
    clock = time.perf_counter()
    timed = phases if phases is not None else {}

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timed[name] = now - clock
        clock = now

    jobs = jobs or os.cpu_count() or 1
    ahead: dict[Path, CompiledLaw | LawError] = {}  # laws compiled before the workers start, by path
    exiting: list[BaseProcess] = []  # the reading process, joined once the laws have run
    outcomes: list[Outcome] = []
    # The cyclic collector stays paused from the first law compiled to the last result received:
    # nothing here makes reference cycles (load.gc_paused), and each collection would walk every
    # law compiled and every column received so far.  Paused only while each phase ran, it caught
    # up as soon as the files had arrived: one collection over everything the reading phase made
    # (0.46-0.57 s, measured; one core idle, the workers not yet started).
    with gc_paused():
        language = _language_of(laws, ahead)
        try:
            national = read_while_compiling(laws, directory, language, jobs, ahead, exiting)
        except DataError as e:  # one report for the whole batch: the files are shared by every law
            failed = Outcome(laws[0], error=e.render(), exit_code=2)
            if on_done:
                on_done(failed)
            return [failed], []
        lap("read")
        if counts is not None:
            counts["compiled_ahead"] = len(ahead)
        global _NATIONAL, _COMPILED_AHEAD
        _NATIONAL = national  # not copied: each worker slices only its own municipalities
        _COMPILED_AHEAD = ahead
        chunks: list[Chunk] = [(laws_of_chunk, start, end) for laws_of_chunk in _chunks(laws, jobs)]

        def collect(batch: list[Outcome]) -> None:
            _collect(batch, outcomes, on_done, ahead)

        # The laws and the national columns are moved out of the collector's reach (gc.freeze,
        # inherited by the workers, whose collections between chunks then skip them too): ~0.3 CPU-s
        # less in this process for the country (one measurement), CPU that the workers' cores no
        # longer lend it.  The results arrive with the collector still paused (they hold no cycles).
        gc.freeze()
        try:
            if jobs == 1 or len(chunks) == 1:
                for batch in map(_run_chunk, chunks):
                    collect(batch)
            else:
                _share_with_workers(chunks, jobs - 1, collect)
        finally:
            _NATIONAL, _COMPILED_AHEAD = None, {}
            # The results arrived with the collector paused: they are all in its youngest generation,
            # whose next collection would walk every item of every column (a quarter of a second for
            # the country, measured).  Frozen and unfrozen, they join the oldest generation instead,
            # with everything frozen above, without being walked.
            gc.freeze()
            gc.unfreeze()
            for process in exiting:
                process.join()
    lap("laws")
    written: list[Path] = []
    if out is not None:  # the manifest names the laws whose results the files hold, and the national files
        ran = [(o.law, o.municipality) for o in outcomes if o.columns is not None]
        try:
            written = write_national(outcomes, out, fmt, run_inputs(ran, national.sources, start, end), jobs)
        except OutputError as e:  # one report for the batch, as for problems in the national files
            failed = Outcome(laws[0], error=e.render(language), exit_code=2)
            outcomes.append(failed)
            if on_done:
                on_done(failed)
    lap("write")
    return outcomes, written


def _chunks(laws: list[Path], jobs: int) -> list[list[Path]]:
    """The laws in chunks of a few dozen (few round trips), smaller towards the end (down to 4), so
    that no process is left with a long chunk to finish while the others wait."""
    chunks: list[list[Path]] = []
    first = 0
    while first < len(laws):
        # (an eighth of each process's share of what is left: the last chunks a worker has begun,
        # which the main process cannot take back, are then small)
        size = max(4, min(64, (len(laws) - first) // (jobs * 8)))
        chunks.append(laws[first:first + size])
        first += size
    return chunks


def _share_with_workers(chunks: list[Chunk], workers: int, collect: Callable[[list[Outcome]], None]) -> None:
    """Run the chunks in `workers` forked processes and in this one, each taking the next chunk when
    free; `collect` receives each chunk's results in the order of the chunks.

    This process works too, instead of only waiting for the workers' results: the results of its own
    chunks are never pickled (about a CPU-second for the country, both sides counted), and receiving
    the others no longer takes a core's time from the workers.  The workers are kept four chunks
    ahead (the pool's own thread hands them the next one as each result comes, even while this
    process runs a chunk: it lets go of the interpreter lock every few laws, `_run_chunk`); when
    none is left to hand out, this process takes back those the workers have not begun.  Their
    results come back as files in a temporary folder (in memory where the system has one), removed
    however the run ends."""
    context = multiprocessing.get_context("fork")
    backlog = 4 * workers   # chunks running or waiting in the workers
    finished: dict[int, list[Outcome]] = {}
    following = released = 0
    memory = Path("/dev/shm")
    with tempfile.TemporaryDirectory(prefix="p4p-rules-", dir=memory if memory.is_dir() else None) as folder, \
            ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        running: dict[int, Future[Path]] = {}
        try:
            while released < len(chunks):
                while following < len(chunks) and len(running) < backlog:
                    running[following] = pool.submit(_run_chunk_to_file, (chunks[following], Path(folder)))
                    following += 1
                if following < len(chunks):
                    finished[following] = _run_chunk(chunks[following], lend_the_lock=True)
                    following += 1
                else:  # (cancel succeeds only for a chunk no worker has begun: the last ones first)
                    taken = next((i for i in sorted(running, reverse=True) if running[i].cancel()), None)
                    if taken is not None:
                        del running[taken]
                        finished[taken] = _run_chunk(chunks[taken], lend_the_lock=True)
                    elif running:
                        wait(running.values(), return_when=FIRST_COMPLETED)
                for index in [i for i, future in running.items() if future.done()]:
                    finished[index] = _read_results(running.pop(index).result())
                while released in finished:
                    collect(finished.pop(released))
                    released += 1
        except BaseException:
            for future in running.values():  # the workers finish only the chunk they have begun
                future.cancel()
            raise


def _collect(batch: list[Outcome], outcomes: list[Outcome], on_done: Callable[[Outcome], None] | None,
             ahead: dict[Path, CompiledLaw | LawError]) -> None:
    for outcome in batch:
        outcomes.append(outcome)
        if on_done:
            on_done(outcome)
        # a law that has run is freed here as its results arrive, while the workers (which have their
        # own copy) go on: freeing the thousands compiled ahead all at the end took 0.15 s, one core idle
        ahead.pop(outcome.law, None)


def _language_of(laws: list[Path], compiled: dict[Path, CompiledLaw | LawError]) -> str:
    """The language of data messages: that of the first law that compiles (one message for all laws).
    The laws it compiled go into `compiled`, not to be compiled again."""
    for law in laws[:5]:
        result = compiled[law] = compile_or_error(law)
        if not isinstance(result, LawError):
            return result.law.language
    return "pt"


def national_columns(outcomes: list[Outcome]) -> dict[str, dict[str, list]]:
    """payments, ledger and periods of every municipality that ran, as lists per column, `municipality` first."""
    done = [(o.municipality, o.columns) for o in outcomes if o.columns is not None]
    joined: dict[str, dict[str, list]] = {}
    for name, names in COLUMNS.items():
        joined[name] = {column: [] for column in ["municipality", *names]}
        for code, columns in done:
            part = columns[name]
            for column in names:
                joined[name][column] += part[column]
            joined[name]["municipality"] += [code] * len(part[names[0]])
    return joined


def national_tables(outcomes: list[Outcome]) -> dict[str, pd.DataFrame]:
    """payments, ledger and periods of every municipality that ran, `municipality` first."""
    joined = national_columns(outcomes)
    municipality = {name: columns.pop("municipality") for name, columns in joined.items()}
    tables = frames(joined)
    for name, frame in tables.items():
        frame.insert(0, "municipality", pd.Series(municipality[name], dtype=object))
    return tables


def write_national(outcomes: list[Outcome], out: Path, fmt: str, inputs: Mapping[str, Any] | None = None,
                   jobs: int = 1) -> list[Path]:
    # CSV straight from the lists: as DataFrames, the country's tables cost more to make than to write
    tables = national_columns(outcomes) if fmt == "csv" else national_tables(outcomes)
    return write_tables(tables, out, fmt, inputs, jobs)
