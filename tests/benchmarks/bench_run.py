"""Benchmark (not a test): `run` on synthetic data, with a floor baseline measured in the same run.

Generates N municipalities with `synth`, runs every law over 12 monthly periods on all cores, and
prints wall time, peak memory (largest worker), payment rows per second and the ratio to a floor
baseline (reading the same input files with pandas and one group-by sum over the transfers).
Usage: python tests/benchmarks/bench_run.py [--municipalities 5570] [--seed 1]
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd

from p4p_rules.batch import run_one
from p4p_rules.synth import synthesize


def _one(args: tuple[Path, Path]) -> int:
    law, data = args
    outcome = run_one(law, data, None, "csv", None, None)
    if outcome.error:
        raise RuntimeError(outcome.error)
    assert outcome.result is not None
    return len(outcome.result.payments)


def floor_baseline(data_root: Path) -> float:
    start = time.perf_counter()
    total = 0
    for folder in sorted(data_root.iterdir()):
        for name in ("roster", "scores", "absences"):
            pd.read_csv(folder / f"{name}.csv", sep=";", dtype=str)
        t = pd.read_csv(folder / "transfers.csv", sep=";", dtype=str)
        amounts = t["amount"].str.replace(".", "", regex=False).str.replace(",", "", regex=False).astype("int64")
        total += int(amounts.groupby(t["team_id"]).sum().sum())
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--municipalities", type=int, default=5570)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        t0 = time.perf_counter()
        summary = synthesize(args.municipalities, args.seed, out)
        print(f"synth: {summary.municipalities} municipalities, {summary.teams} teams, {summary.people} people "
              f"in {time.perf_counter() - t0:.1f} s")
        laws = sorted((out / "laws").glob("*.p4p"))
        jobs = [(law, out / "data" / law.stem) for law in laws]
        floor = floor_baseline(out / "data")
        t0 = time.perf_counter()
        with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            rows = sum(pool.map(_one, jobs, chunksize=8))
        wall = time.perf_counter() - t0
        peak_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"run: {len(laws)} laws, {rows} payment rows, 12 monthly periods")
        print(f"  wall time {wall:.1f} s on {os.cpu_count()} cores; {rows / wall:,.0f} payment rows/s")
        print(f"  peak memory of a worker: {peak_child:.0f} MiB")
        print(f"  floor baseline (read the same files + group-by sum): {floor:.2f} s; ratio {wall / floor:.1f}x")


if __name__ == "__main__":
    main()
