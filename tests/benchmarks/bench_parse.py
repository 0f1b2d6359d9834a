"""Benchmark (not a test): parse + consolidate time per law, and at national scale (5,570 laws).

Prints wall time, peak memory and the ratio to a floor baseline measured in the same run
(reading the same files and splitting them into words), so figures compare across machines.
Run with `make bench`; record the figures in docs/performance.md.
"""

from __future__ import annotations

import argparse
import platform
import resource
import statistics
import time
import tracemalloc
from pathlib import Path

from p4p_rules.load import compile_text, read_source
from p4p_rules.syntax.grammar import line_parser

ROOT = Path(__file__).resolve().parents[2]


def baseline(texts: list[str]) -> float:
    start = time.perf_counter()
    words = 0
    for text in texts:
        words += sum(len(line.split()) for line in text.splitlines())
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--laws", type=int, default=5570, help="number of laws to parse at national scale")
    args = ap.parse_args()

    paths = sorted((ROOT / "laws").glob("*.p4p"))
    texts = [read_source(p) for p in paths]
    t0 = time.perf_counter()
    line_parser()
    print(f"machine: {platform.machine()} {platform.python_implementation()} {platform.python_version()}")
    print(f"parser construction (cached tables): {time.perf_counter() - t0:.3f} s")

    per_law = []
    for path, text in zip(paths, texts):
        runs = []
        for _ in range(5):
            s = time.perf_counter()
            compile_text(text, str(path))
            runs.append(time.perf_counter() - s)
        per_law.append((path.name, statistics.median(runs), len(text.splitlines())))
    print("\nparse + consolidate + reference check, median of 5 runs:")
    for name, secs, lines in per_law:
        print(f"  {name:10s} {lines:4d} lines  {secs * 1000:7.2f} ms")
    print(f"  mean per law: {statistics.mean(s for _, s, _ in per_law) * 1000:.2f} ms")

    batch = [texts[i % len(texts)] for i in range(args.laws)]
    floor = baseline(batch)
    s = time.perf_counter()
    for i, text in enumerate(batch):
        compile_text(text, f"law{i}.p4p")
    wall = time.perf_counter() - s
    # memory measured in a separate pass: tracemalloc slows the timed loop several-fold
    tracemalloc.start()
    for i, text in enumerate(batch[:200]):
        compile_text(text, f"law{i}.p4p")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    total_lines = sum(len(t.splitlines()) for t in batch)
    print(f"\nnational scale: {args.laws} laws, {total_lines} lines")
    print(f"  wall time: {wall:.2f} s  ({args.laws / wall:.0f} laws/s, {total_lines / wall:.0f} lines/s)")
    print(f"  peak traced memory (200 laws): {peak / 2**20:.1f} MiB; max RSS: {rss:.0f} MiB")
    print(f"  floor baseline (read + split words): {floor:.3f} s; ratio: {wall / floor:.0f}x")


if __name__ == "__main__":
    main()
