"""Benchmark (not a test): `check` over a national set of synthetic laws, with a floor baseline.

Generates N municipalities' laws with `synth` (national-shaped: drawn from the variants in the
study), then checks them all as `p4p-rules check laws/*.p4p` does, in this process: once without
the witness search (`--no-witness`: compile, consolidate, the rules) and once with it (each finding
proved by running the engine on a built case).  Prints wall time, peak memory, laws per second,
findings, and the ratio to a floor baseline measured in the same run: reading the same files and
splitting them into words.  (The 20 corpus laws: tests/lint/bench_check.py.)

Usage: python tests/benchmarks/bench_check.py [--municipalities 5570] [--seed 1]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from bench_parse import floor_baseline  # same folder: the same floor as the parse benchmark

from p4p_rules.lint.runner import Options, check_paths
from p4p_rules.synth import synthesize


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--municipalities", type=int, default=5570)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        synthesize(args.municipalities, args.seed, Path(tmp), layout="national")
        laws = sorted((Path(tmp) / "laws").glob("*.p4p"))
        floor = floor_baseline(laws)
        print(f"check: {len(laws)} synthetic laws; floor baseline (read them + split into words): {floor:.2f} s")
        for witness in (False, True):
            start = time.perf_counter()
            result = check_paths(laws, Options(isolated=True, witness=witness))
            wall = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            label = "with witnesses" if witness else "without witnesses (--no-witness)"
            print(f"  {label}: {wall:.1f} s wall, {len(laws) / wall:,.0f} laws/s, {len(result.findings):,} findings, "
                  f"peak memory {peak:.0f} MiB, ratio to floor {wall / floor:.0f}x")


if __name__ == "__main__":
    main()
