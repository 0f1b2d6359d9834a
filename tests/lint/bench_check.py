"""Benchmark (not a test): `check` over the whole corpus, in process and as the command.

Run: .venv/bin/python tests/lint/bench_check.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from p4p_rules.lint.runner import Options, check_paths

LAWS = sorted((Path(__file__).resolve().parents[2] / "laws").glob("m*.p4p"))


def main(rounds: int = 5) -> None:
    in_process = []
    for _ in range(rounds):
        start = time.perf_counter()
        result = check_paths(LAWS, Options(isolated=True))
        in_process.append(time.perf_counter() - start)
    n = len(result.findings)
    no_witness = []
    for _ in range(rounds):
        start = time.perf_counter()
        check_paths(LAWS, Options(isolated=True, witness=False))
        no_witness.append(time.perf_counter() - start)
    command = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "p4p_rules.cli", "check", *map(str, LAWS)], capture_output=True, check=False)
        command.append(time.perf_counter() - start)
    print(f"{len(LAWS)} laws, {n} findings")
    print(f"in process (compile + lint + witness search): median {statistics.median(in_process) * 1000:.0f} ms")
    print(f"in process without witnesses (--no-witness): median {statistics.median(no_witness) * 1000:.0f} ms")
    print(f"command (with interpreter start-up): median {statistics.median(command) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
