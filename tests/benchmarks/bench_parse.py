"""Benchmark (not a test): compile time per law, and at national scale (5,570 laws) on 1 and on 2 cores.

"Compile" is what `compile_file` does: read, lex, parse, build the model, consolidate every version
and check its references.  At national scale two sets of 5,570 files are compiled with
`compile_many`: the 20 corpus laws repeated (about 66 lines each) and the laws `synth` writes for
5,570 municipalities (about 32 lines each, national-shaped).  For each set and each number of
processes it prints wall time, CPU time, laws (rows) per second, peak memory, and the ratio to a
floor baseline measured in the same run on the same files (reading them and splitting them into
words), so that figures compare across machines.  The load average is printed too: on a shared
machine wall times are only as good as the cores that were free.

Run with `make bench`; record the figures in docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from p4p_rules.consolidate import consolidate
from p4p_rules.load import CompiledLaw, available_cores, compile_many, compile_text, read_source
from p4p_rules.resolve import check_references
from p4p_rules.syntax.build import Builder
from p4p_rules.syntax.grammar import line_parser
from p4p_rules.syntax.parser import normalize_text, parse_text, tokenize

ROOT = Path(__file__).resolve().parents[2]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        names = [ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                 if ln.startswith("model name")]
        cpu = names[0] if names else cpu
    except OSError:
        pass
    try:
        ram = f", {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB"
    except (ValueError, OSError, AttributeError):
        ram = ""
    return (f"{cpu}; {available_cores()} cores available{ram}; "
            f"{platform.python_implementation()} {platform.python_version()} ({sys.executable})")


def load() -> str:
    try:
        return "load average " + ", ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "load average unknown"


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def floor_baseline(paths: list[Path]) -> float:
    """Read every file as the compiler does, and split it into words: what any tool must at least do."""
    start = time.perf_counter()
    words = 0
    for path in paths:
        words += sum(len(line.split()) for line in read_source(path).splitlines())
    return time.perf_counter() - start


def best_of(n: int, f, items) -> float:
    """Least CPU time per item over n passes (CPU, not wall: less sensitive to a busy machine)."""
    best = float("inf")
    for _ in range(n):
        start = time.process_time()
        for item in items:
            f(item)
        best = min(best, (time.process_time() - start) / len(items))
    return best


def per_law(paths: list[Path]) -> None:
    texts = [read_source(p) for p in paths]
    print("\none corpus law, compile_text, median of 5 runs (wall):")
    medians = []
    for path, text in zip(paths, texts, strict=True):
        runs = []
        for _ in range(5):
            s = time.perf_counter()
            compile_text(text, str(path))
            runs.append(time.perf_counter() - s)
        medians.append(statistics.median(runs))
        print(f"  {path.name:10s} {len(text.splitlines()):4d} lines  {medians[-1] * 1000:7.2f} ms")
    print(f"  mean per law: {statistics.mean(medians) * 1000:.2f} ms")

    normal = [normalize_text(t) for t in texts]
    results = [parse_text(t, "f") for t in normal]
    laws = [Builder(r, "f").build() for r in results]

    def consolidate_and_check(law):
        for text in consolidate(law)[0]:
            check_references(text)

    lex = best_of(5, lambda t: tokenize(t, "f", []), normal)
    parse = best_of(5, lambda t: parse_text(t, "f"), normal)
    build = best_of(5, lambda r: Builder(r, "f").build(), results)
    rest = best_of(5, consolidate_and_check, laws)
    print(f"  by step (CPU, best of 5): lex {lex * 1000:.2f} ms, parse {(parse - lex) * 1000:.2f} ms, "
          f"build the model {build * 1000:.2f} ms, consolidate + check references {rest * 1000:.2f} ms")


def national(name: str, paths: list[Path], jobs_list: list[int]) -> None:
    lines = sum(len(read_source(p).splitlines()) for p in paths)
    floor = floor_baseline(paths)
    print(f"\n{name}: {len(paths)} laws, {lines} lines ({load()})")
    print(f"  floor baseline (read the same files + split into words, 1 process): {floor:.3f} s")
    for jobs in jobs_list:
        cpu, start = cpu_seconds(), time.perf_counter()
        results = compile_many(paths, jobs=jobs)
        wall, cpu = time.perf_counter() - start, cpu_seconds() - cpu
        bad = [r for r in results if not isinstance(r, CompiledLaw)]
        assert not bad, bad[0].render()
        print(f"  {jobs} process{'es' if jobs > 1 else ''}: wall {wall:.2f} s, CPU {cpu:.2f} s (all processes), "
              f"{len(paths) / wall:.0f} laws/s, {lines / wall:.0f} lines/s, ratio to floor {wall / floor:.0f}x")
        del results
    # this process holds every compiled law at the end (a worker only one chunk of them at a time)
    print(f"  max RSS of this process so far: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--laws", type=int, default=5570, help="number of laws at national scale")
    ap.add_argument("--jobs", default="1,2", help="numbers of processes to compile with, e.g. 1,2")
    ap.add_argument("--sets", default="corpus,synth", help="corpus (the 20 laws repeated), synth, or both")
    args = ap.parse_args()
    jobs_list = [int(j) for j in args.jobs.split(",")]
    sets = args.sets.split(",")

    print(f"machine: {machine()}")
    print(f"start: {load()}")
    t0 = time.perf_counter()
    line_parser()
    print(f"parser construction (tables cached by lark): {time.perf_counter() - t0:.3f} s")

    corpus = sorted((ROOT / "laws").glob("*.p4p"))
    per_law(corpus)

    texts = [read_source(corpus[i % len(corpus)]) for i in range(200)]
    tracemalloc.start()  # (slows allocation down: measured apart from the timings)
    for i, text in enumerate(texts):
        compile_text(text, f"law{i}.p4p")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    held = [compile_text(text, f"law{i}.p4p") for i, text in enumerate(texts)]
    size, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  memory: peak {peak / 2**20:.1f} MiB while compiling 200 corpus laws one after the other; "
          f"{size / len(held) / 1024:.0f} KiB per compiled law held")
    del held

    with tempfile.TemporaryDirectory(prefix="p4p-bench-") as tmp:
        if "corpus" in sets:
            folder = Path(tmp) / "corpus"
            folder.mkdir()
            paths = []
            for i in range(args.laws):
                paths.append(folder / f"law{i:04d}.p4p")
                shutil.copyfile(corpus[i % len(corpus)], paths[-1])
            national("national scale, the corpus laws repeated", paths, jobs_list)
        if "synth" in sets:
            s = time.perf_counter()
            # in another process: the data it makes along with the laws would weigh on this one's memory
            subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; "
                            "from p4p_rules.synth.generate import synthesize; synthesize(int(sys.argv[1]), 1, "
                            "Path(sys.argv[2]), layout='national', fmt='parquet')",
                            str(args.laws), str(Path(tmp) / "synth")], check=True)
            print(f"\n(synth --municipalities {args.laws} --seed 1 took {time.perf_counter() - s:.1f} s, not counted)")
            national("national scale, synth laws", sorted((Path(tmp) / "synth" / "laws").glob("*.p4p")), jobs_list)
    print(f"\nend: {load()}")


if __name__ == "__main__":
    main()
