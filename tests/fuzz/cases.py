"""One fuzz case from its kind and seed: write its files, then check every entry point it reaches.

A law case is a damaged law file: compile it (the library), and when it still compiles, print it,
check it for loopholes and run it over M5's data.  A data case is a damaged data folder: load it,
and when it still loads, run M5's law over it.  Every Nth case also goes through the real command
line.  Any outcome but a result or a diagnostic with a position raises (FuzzFailure or the error).
"""

from __future__ import annotations

import datetime as dt
import random
import re
import subprocess
import sys
import time
from functools import lru_cache
from pathlib import Path

from tests.fuzz.data_mutators import M05, make_data_case
from tests.fuzz.law_mutators import ROOT, mutate_law
from tests.fuzz.law_target import FuzzFailure

KINDS = ("law", "data")
# Self-tests of the runner's guards (tests/fuzz/test_runner.py): a case that never ends, and one
# that eats memory.  The fuzzer itself never generates them.
GUARD_TESTS = ("hang", "hog")
LAW_FILE = "law.p4p"
DATA_DIR = "data"
M05_LAW = ROOT / "laws" / "m05.p4p"
MONTHS = (dt.date(2014, 1, 1), dt.date(2014, 6, 1))  # the engine runs over half a year: enough to reach every step
CLI_TIMEOUT = 120


def case_path(kind: str, directory: Path) -> Path:
    return directory / (DATA_DIR if kind == "data" else LAW_FILE)


def generate(kind: str, seed: int, directory: Path) -> list[str]:
    """Write the case's files under `directory`; returns the mutations applied."""
    rng = random.Random(f"{kind}-{seed}")
    if kind in GUARD_TESTS:
        directory.mkdir(parents=True, exist_ok=True)
        (directory / LAW_FILE).write_text(f"{kind} {seed}\n", encoding="utf-8")
        return [kind]
    if kind == "law":
        data, applied = mutate_law(rng)
        directory.mkdir(parents=True, exist_ok=True)
        case_path(kind, directory).write_bytes(data)
        return applied
    return make_data_case(rng, case_path(kind, directory))


def run_case(kind: str, directory: Path, deep: bool = True, cli: bool = False) -> str:
    """The outcome ('ok', 'diagnostic', ...) of a written case; raises when the contract is broken."""
    path = case_path(kind, directory)
    if kind == "hang":
        while True:
            time.sleep(1)
    if kind == "hog":
        hoard = []
        while True:
            hoard.append(bytearray(64 * 1024 * 1024))
            time.sleep(0.01)
    if kind == "law":
        from tests.fuzz.law_target import check_law_file
        outcome = check_law_file(path)
        if outcome == "ok" and deep:
            outcome = _law_deep(path)
        if cli:
            _law_cli(path, outcome)
        return outcome
    from tests.fuzz.data_target import check_data_dir
    outcome = check_data_dir(path)
    if outcome == "ok" and deep:
        outcome = _data_deep(path)
    if cli:
        _data_cli(path, outcome)
    return outcome


def seeded_failures(kind: str, tmp_path: Path, seeds: range, deep: bool) -> list[str]:
    """Generate and run the case of every seed; one line per seed that raised (all are reported)."""
    failures = []
    for seed in seeds:
        directory = tmp_path / f"{kind}-{seed}"
        applied = generate(kind, seed, directory)
        try:
            run_case(kind, directory, deep=deep)
        except Exception as e:  # noqa: BLE001 - collect every failing seed, then report them all
            failures.append(f"seed {seed} ({', '.join(applied)}): {type(e).__name__}: {e}"[:500])
    return failures


# ---- deeper: the commands behind a law or data set that still reads ---------------------------
def _law_deep(path: Path) -> str:
    """check (loophole rules, without the witness search) and run over M5's data must not fail."""
    from p4p_rules.lint.registry import all_rules
    from p4p_rules.lint.runner import lint
    from p4p_rules.load import compile_file, read_source
    from p4p_rules.syntax.parser import normalize_text, source_lines

    compiled = compile_file(path)
    lint(compiled, source_lines(normalize_text(read_source(path))), all_rules(), witness=False)
    return "ok, " + _run_engine(compiled)


@lru_cache(maxsize=8)
def _m05_data(cadres: tuple[str, ...], categories: tuple[str, ...], cbo: tuple[tuple[str, str], ...],
              language: str):  # type: ignore[no-untyped-def]
    from p4p_rules.data import DataError, load_dataset
    try:
        return load_dataset(M05, extra_cadres=cadres, language=language, extra_categories=categories,
                            extra_cbo=dict(cbo))
    except DataError:
        return None  # the law declares names that make M5's data wrong for it: a fine outcome


def _run_engine(compiled, dataset=None) -> str:  # type: ignore[no-untyped-def]
    from p4p_rules.batch import law_names
    from p4p_rules.engine.period import LawCannotBeApplied
    from p4p_rules.engine.run import run

    if dataset is None:
        cadres, categories, cbo = law_names(compiled)
        dataset = _m05_data(tuple(cadres), tuple(categories), tuple(sorted(cbo.items())), compiled.law.language)
        if dataset is None:
            return "data refused"
    try:
        result = run(compiled, dataset, *MONTHS)
    except LawCannotBeApplied:
        return "cannot be applied"
    _conserved(result)
    return "ran"


def _conserved(result) -> None:  # type: ignore[no-untyped-def]
    """Even under a damaged law no centavo is lost or invented, and no payment is negative
    (docs/engine.md §8: payments + ledger lines, carry-over included, = pool)."""
    p = result.periods.set_index("period")
    paid = result.payments.groupby("period")["amount"].sum().reindex(p.index, fill_value=0)
    booked = result.ledger.groupby("period")["amount"].sum().reindex(p.index, fill_value=0)
    if not ((p["transfers"] + p["carry_in"] == p["pool"]).all()
            and (p["pool"] == p["to_staff"] + p["to_destinations"] + p["carry_out"] + p["undistributed"]).all()
            and (paid == p["to_staff"]).all() and (paid + booked == p["pool"]).all()):
        raise FuzzFailure("money not conserved: the periods table does not add up to the payments and ledger")
    if (result.payments["amount"] < 0).any():
        raise FuzzFailure("a negative payment")


def _data_deep(path: Path) -> str:
    from p4p_rules.batch import law_names
    from p4p_rules.data import load_dataset
    from p4p_rules.load import compile_file

    compiled = compile_file(M05_LAW)
    cadres, categories, cbo = law_names(compiled)
    dataset = load_dataset(path, extra_cadres=cadres, language=compiled.law.language,
                           extra_categories=categories, extra_cbo=cbo)
    return "ok, " + _run_engine(compiled, dataset)


# ---- the real command line ----------------------------------------------------------------------
def cli_command() -> list[str]:
    script = Path(sys.executable).parent / "p4p-rules"
    return [str(script)] if script.exists() else [sys.executable, "-m", "p4p_rules.cli"]


def _cli(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cli_command() + args, capture_output=True, text=True, timeout=CLI_TIMEOUT,
                          encoding="utf-8", errors="replace")


def _no_crash(r: subprocess.CompletedProcess[str], what: str) -> None:
    out = r.stdout + r.stderr
    if "Traceback" in out or "internal error" in out or r.returncode not in (0, 1, 2):
        raise FuzzFailure(f"`{what}` exited {r.returncode}: {out[-2000:]}")


def _law_cli(path: Path, outcome: str) -> None:
    position = re.compile(rf"^{re.escape(str(path))}:\d+:\d+: E\d{{3}} ", re.M)
    for args in (["check", "--isolated", "--no-witness", str(path)], ["show", str(path)]):
        r = _cli(args)
        what = " ".join(args[:1])
        _no_crash(r, what)
        if outcome == "diagnostic":
            if r.returncode != 2:
                raise FuzzFailure(f"`{what}` on a law with errors exited {r.returncode}, not 2")
            if not position.search(r.stderr):
                raise FuzzFailure(f"`{what}` printed no file:line:col position: {r.stderr[:500]}")
        elif r.returncode == 2:
            raise FuzzFailure(f"`{what}` refused a law the library compiles: {r.stderr[:500]}")


def _data_cli(path: Path, outcome: str) -> None:
    args = ["run", str(M05_LAW), "--data", str(path), "--from", "2014-01", "--to", "2014-06"]
    r = _cli(args)
    _no_crash(r, "run")
    if outcome == "diagnostic":
        if r.returncode != 2:
            raise FuzzFailure(f"`run` on damaged data exited {r.returncode}, not 2")
        # every problem names its file (or the folder); a row, when it has one: file:row: ...
        first = r.stderr.splitlines()[0] if r.stderr else ""
        if not first.startswith(str(path)):
            raise FuzzFailure(f"`run` printed a problem without its file: {r.stderr[:500]}")
    elif r.returncode == 2:
        raise FuzzFailure(f"`run` refused data the library loads: {r.stderr[:500]}")
