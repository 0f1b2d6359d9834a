"""Benchmark (not a test): a national `run` on synthetic data, with a floor baseline measured in the same run.

Generates N municipalities with `synth --layout national` (one CSV per input for the whole country,
with a municipality column), then runs every law over its municipality's 12 months of transfers
on all cores (this process and one forked worker per other core), the way
`p4p-rules run laws/*.p4p --data national/` does, and prints wall time, peak memory (this process
and the largest child: the process that reads the files, or a worker), payment rows per second and
the ratio to a floor baseline: reading the same input files with pandas and one group-by sum over
the transfers (the median of four measurements, two before the run, two after).  The run is
repeated (3 times by default), each with its own floor: this shared machine's speed varies.

Usage: python tests/benchmarks/bench_run.py [--municipalities 5570] [--seed 1] [--jobs N] [--repeat 3]
       [--write csv|parquet]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from p4p_rules.engine import native
from p4p_rules.national import run_national
from p4p_rules.synth import synthesize

from bench_parse import load, machine  # (this folder is on sys.path when a benchmark runs as a script)


def floor_baseline(folder: Path) -> float:
    """Read the four national files as text and sum the transfers per municipality: no tool can do less."""
    start = time.perf_counter()
    for name in ("roster", "scores", "absences"):
        pd.read_csv(folder / f"{name}.csv", sep=";", dtype=str)
    t = pd.read_csv(folder / "transfers.csv", sep=";", dtype=str)
    amounts = t["amount"].str.replace(".", "", regex=False).str.replace(",", "", regex=False).astype("int64")
    amounts.groupby(t["municipality"]).sum()
    return time.perf_counter() - start


def peak_mib() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, child


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--municipalities", type=int, default=5570)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--repeat", type=int, default=3,
                    help="national runs one after the other, each with its floor (the machine's speed varies)")
    ap.add_argument("--write", choices=("none", "csv", "parquet"), default="none",
                    help="also write the national payments, ledger and periods")
    args = ap.parse_args()
    # the interpreter's build matters as much as the machine (docs/performance.md): both are printed
    print(f"machine: {machine()}; {load()}")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        t0 = time.perf_counter()
        summary = synthesize(args.municipalities, args.seed, out, layout="national")
        print(f"synth: {summary.municipalities} municipalities, {summary.teams} teams, {summary.people} people, "
              f"{summary.transfer_rows} transfer rows in {time.perf_counter() - t0:.1f} s")
        laws = sorted((out / "laws").glob("*.p4p"))
        folder = out / "national"
        # the floor twice before each run and twice after: on a shared machine one measurement of a
        # second or so varies by a third; each run's ratio is taken to the median of its four (the
        # two after a run are the two before the next)
        floors = [floor_baseline(folder), floor_baseline(folder)]
        ratios: list[float] = []
        for attempt in range(1, args.repeat + 1):
            before = floors[-2:]
            wall, line = _run_once(laws, folder, out, args)
            floors += [floor_baseline(folder), floor_baseline(folder)]
            around = before + floors[-2:]
            floor = statistics.median(around)
            ratios.append(wall / floor)
            print(f"run {attempt} of {args.repeat}: {line}")
            print(f"  floor baseline (read the same files + group-by sum): {floor:.2f} s, median of "
                  f"{', '.join(f'{f:.2f}' for f in around)} (two before the run, two after); "
                  f"ratio {wall / floor:.1f}x")
        own, child = peak_mib()
        print(f"peak memory (of all the runs): main process {own:.0f} MiB, largest child (the reader or a worker) "
              f"{child:.0f} MiB")
        if len(ratios) > 1:
            print(f"ratio to the floor over {len(ratios)} runs: {min(ratios):.1f}x to {max(ratios):.1f}x, "
                  f"median {statistics.median(ratios):.1f}x")
        compiled = all(native.in_use().values())
        print("engine: " + ("compiled (build/native, `make native`)" if compiled else
                            "plain Python (no fresh build/native, or P4P_RULES_PURE_PYTHON set)"))


def _run_once(laws: list[Path], folder: Path, out: Path, args: argparse.Namespace) -> tuple[float, str]:
    """One national run: its wall time, and what it did, to print."""
    target = None if args.write == "none" else out / "results"
    phases: dict[str, float] = {}
    counts: dict[str, int] = {}
    t0 = time.perf_counter()
    outcomes, written = run_national(laws, folder, target, args.write if target else "csv", None, None,
                                     jobs=args.jobs, phases=phases, counts=counts)
    wall = time.perf_counter() - t0
    failed = [o for o in outcomes if o.error]
    if failed:
        print(failed[0].error, file=sys.stderr)
        raise SystemExit(f"{len(failed)} laws failed")
    rows = sum(len(o.columns["payments"]["amount"]) for o in outcomes if o.columns is not None)
    periods = sum(len(o.columns["periods"]["pool"]) for o in outcomes if o.columns is not None)
    return wall, (
        f"{len(laws)} laws, {periods} payment periods, {rows:,} payment rows"
        + (f", written as {args.write}" if target else "")
        + f"\n  wall time {wall:.1f} s in {args.jobs} process(es) (this one and {args.jobs - 1} forked worker(s)) "
        f"on {os.cpu_count()} cores; {rows / wall:,.0f} payment rows/s"
        + "\n  by phase: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in phases.items())
        + " (read, check and convert the files, meanwhile compiling "
        f"{counts.get('compiled_ahead', 0):,} laws; compile the others and run every law; write)")

if __name__ == "__main__":
    main()
