"""Benchmark (not a test): `diff` at national scale next to `run` on the same data, in the same run.

Generates N municipalities with `synth --layout national`, reads the national files once, and for
every law that has an amendment measures, on its municipality's data (compiling the law file each
time, as the commands do): one ordinary run of the law,
the two runs a diff needs (each version in force on every date), the diff without attribution and
the diff with its attribution waterfall (one more run per changed article).  Prints the totals
(CPU seconds summed over the workers, and wall time) and the ratio of diff to one run — the target
(issue 5) is diff <= 2.5 x one run.

Usage: python tests/benchmarks/bench_diff.py [--municipalities 5570] [--seed 1] [--jobs N]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Mapping

from bench_run import floor_baseline  # same folder: the same floor as the run benchmark

import p4p_rules.national as national
from p4p_rules.data import Dataset
from p4p_rules.diff import DiffRequest, diff
from p4p_rules.diff.api import run_forced
from p4p_rules.engine import native
from p4p_rules.engine.run import run
from p4p_rules.load import compile_file
from p4p_rules.synth import synthesize

TABLES: Mapping[str, Dataset] = {}  # code -> that municipality's data, set before the workers fork
STEPS = ("one run", "two runs", "diff without attribution", "diff with attribution")


def _measure(law: Path) -> dict[str, float] | None:
    compiled = compile_file(law)
    if len(compiled.texts) < 2:
        return None
    dataset = TABLES[str(compiled.law.ibge)]
    spent: dict[str, float] = {}

    def timed(step: str, work) -> None:
        t0 = time.process_time()
        work()
        spent[step] = time.process_time() - t0

    # like the commands, each measure starts from the law file (diff compiles it too); the data are
    # already loaded for all of them (reading is the same for run and diff)
    timed("one run", lambda: run(compile_file(law), dataset))
    timed("two runs", lambda: [run_forced(compile_file(law), text, dataset, None, None)
                               for text in (compiled.texts[0], compiled.texts[-1])])
    request = DiffRequest(law=law, data=law.parent)  # data is given below, already loaded
    timed("diff without attribution", lambda: diff(DiffRequest(law=law, data=law.parent, attribution=False),
                                                   dataset))
    timed("diff with attribution", lambda: diff(request, dataset))
    return spent


def _chunk(laws: list[Path]) -> list[dict[str, float] | None]:
    return [_measure(law) for law in laws]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--municipalities", type=int, default=5570)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        summary = synthesize(args.municipalities, args.seed, out, layout="national")
        laws = sorted((out / "laws").glob("*.p4p"))
        floor = floor_baseline(out / "national")
        global TABLES
        TABLES = national.load_national(out / "national", "pt")  # the forked workers inherit it
        t0 = time.perf_counter()
        chunks = [laws[i:i + 32] for i in range(0, len(laws), 32)]
        with ProcessPoolExecutor(args.jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            measured = [m for part in pool.map(_chunk, chunks) for m in part if m is not None]
        wall = time.perf_counter() - t0
        totals = {step: sum(m[step] for m in measured) for step in STEPS}
        child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"diff: {summary.municipalities} municipalities, {len(measured)} laws with an amendment "
              f"({summary.laws_with_amendment} per synth)")
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  wall time for all four measures: {wall:.1f} s with {args.jobs} worker(s), "
              f"{len(measured) / wall:.0f} laws/s; peak memory: main process {own:.0f} MiB, "
              f"largest worker {child:.0f} MiB")
        print(f"  floor baseline (read the national files + group-by sum): {floor:.2f} s; "
              f"ratio of the four measures' wall time {wall / floor:.0f}x")
        print("  engine: " + ("compiled (build/native)" if all(native.in_use().values()) else "plain Python"))
        one = totals["one run"]
        for step in STEPS:
            print(f"  {step:<26} {totals[step]:7.1f} CPU s   {totals[step] / one:4.2f} x one run")


if __name__ == "__main__":
    main()
