"""Time-bounded fuzzing in guarded worker processes (`make fuzz`), and replay of a saved case.

    python -m tests.fuzz.runner --seconds 600                 # law text and data files, all cores
    python -m tests.fuzz.runner --replay out/fuzz/law-123-exception   # one saved case again

Each worker is a forked process; the parent watches its resident memory and kills it above the
ceiling (with RLIMIT_AS as a hard stop at eight times that, since pyarrow and glibc reserve address
space they never touch); each case has a time limit, after which the worker is killed and replaced.
A case that fails the contract, raises, runs out of memory, takes too long or kills its worker is
copied to OUT/<kind>-<seed>-<reason>/ with a case.json (mutations, message, traceback) so that
--replay can run it again.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import shutil
import signal
import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path

from tests.fuzz.cases import GUARD_TESTS, KINDS, case_path, generate, run_case

DEFAULT_OUT = Path("out/fuzz")
AS_FACTOR = 8    # address-space hard limit, in multiples of the resident-memory ceiling
POLL = 0.2       # seconds between looks at the workers' memory
CASES_PER_WORKER = 300  # then a fresh worker: caches and fragmentation must not look like a leak


def resident_mb(pid: int) -> float:
    """Resident memory of a process (Linux /proc); 0 when it cannot be read."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


@dataclass
class Failure:
    kind: str
    seed: int
    reason: str        # contract | exception | memory | timeout | died
    message: str
    saved: Path


@dataclass
class Summary:
    cases: Counter[str] = field(default_factory=Counter)      # per kind
    outcomes: Counter[str] = field(default_factory=Counter)   # per kind and outcome
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)

    def report(self) -> str:
        lines = []
        for kind in sorted(self.cases):
            n = self.cases[kind]
            rate = n / self.seconds if self.seconds else 0.0
            outs = ", ".join(f"{o.split(':', 1)[1]} {c}" for o, c in sorted(self.outcomes.items())
                             if o.startswith(kind + ":"))
            lines.append(f"{kind}: {n} cases in {self.seconds:.0f} s ({rate:.1f} cases/s) — {outs}")
        lines.append(f"failures: {len(self.failures)}")
        for f in self.failures:
            first = f.message.splitlines()[0][:200] if f.message else ""
            lines.append(f"  {f.kind} seed {f.seed}: {f.reason}: {first}")
            lines.append(f"    saved in {f.saved}; replay: python -m tests.fuzz.runner --replay {f.saved}")
        return "\n".join(lines)


# ---- worker --------------------------------------------------------------------------------------
def _worker(conn: Connection, workdir: Path, memory_mb: int) -> None:
    """Run the cases the parent sends, one at a time, under an address-space ceiling."""
    import resource
    os.setpgrp()  # its own process group: killing it also ends a command-line run it started
    limit = AS_FACTOR * memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        kind, seed, cli = job
        directory = workdir / "case"
        shutil.rmtree(directory, ignore_errors=True)
        applied: list[str] = []
        try:
            applied = generate(kind, seed, directory)
            conn.send(("mutations", applied))
            outcome = run_case(kind, directory, deep=True, cli=cli)
            conn.send(("ok", outcome, ""))
        except MemoryError:
            conn.send(("memory", "MemoryError", traceback.format_exc()))
        except AssertionError as e:  # FuzzFailure: the contract is broken
            conn.send(("contract", str(e), traceback.format_exc()))
        except BaseException as e:  # noqa: B036 - everything else is a bug to record, not to die of
            conn.send(("exception", f"{type(e).__name__}: {e}", traceback.format_exc()))


class Worker:
    def __init__(self, ctx: mp.context.BaseContext, workdir: Path, memory_mb: int):
        self.workdir = workdir
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(child, workdir, memory_mb), daemon=True)
        self.proc.start()
        child.close()
        self.job: tuple[str, int, bool] | None = None
        self.started = 0.0
        self.mutations: list[str] | None = None  # None until the case is written
        self.done = 0

    def send(self, job: tuple[str, int, bool]) -> None:
        self.job, self.started, self.mutations = job, time.monotonic(), None
        self.conn.send(job)

    def kill(self) -> None:
        if self.proc.is_alive() and self.proc.pid:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):  # not yet its own group leader
                self.proc.kill()
        self.proc.join(5)
        self.conn.close()


def _save(out: Path, worker: Worker, reason: str, message: str, tb: str, elapsed: float) -> Failure:
    """Copy the case to OUT/<kind>-<seed>-<reason>/ with its case.json."""
    assert worker.job is not None
    kind, seed, cli = worker.job
    if worker.mutations is None:  # the fuzzer's own generator failed, before the code under test ran
        reason, message = f"{reason}-generating", f"while writing the case: {message}"
    target = out / f"{kind}-{seed}-{reason}"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    source = case_path(kind, worker.workdir / "case")
    if source.is_dir():
        shutil.copytree(source, case_path(kind, target), symlinks=True)
    elif source.exists():
        shutil.copy2(source, case_path(kind, target))
    (target / "case.json").write_text(json.dumps(
        {"kind": kind, "seed": seed, "cli": cli, "reason": reason, "message": message, "seconds": round(elapsed, 2),
         "mutations": worker.mutations or [], "traceback": tb}, indent=2, ensure_ascii=False), encoding="utf-8")
    return Failure(kind, seed, reason, message, target)


def fuzz(seconds: float, kinds: tuple[str, ...] = KINDS, seed: int = 0, timeout: float = 60.0,
         memory_mb: int = 2048, workers: int | None = None, out: Path = DEFAULT_OUT, cli_every: int = 40,
         log=print) -> Summary:  # type: ignore[no-untyped-def]
    """Run cases for `seconds` (wall time) on `workers` processes; worker j fuzzes kinds[j % len(kinds)],
    so each kind gets its share of the time whatever its speed."""
    # forkserver: workers fork from a clean single-threaded server, not from a caller that may hold
    # threads (pytest with pyarrow loaded), and a replacement worker starts in a moment
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["tests.fuzz.cases"])
    n = workers or max(1, os.cpu_count() or 1)
    out.mkdir(parents=True, exist_ok=True)
    scratch = out / "work"
    summary = Summary()
    pool: list[Worker] = []
    next_seed = {kind: seed for kind in kinds}
    start = time.monotonic()
    deadline = start + seconds

    def new_worker(j: int) -> Worker:
        return Worker(ctx, scratch / f"w{j}", memory_mb)

    def assign(j: int) -> None:
        kind = kinds[j % len(kinds)] if n >= len(kinds) else kinds[sum(summary.cases.values()) % len(kinds)]
        s = next_seed[kind]
        next_seed[kind] += 1
        pool[j].send((kind, s, cli_every > 0 and s % cli_every == 0))

    def fail(j: int, reason: str, message: str, tb: str) -> None:
        w = pool[j]
        assert w.job is not None
        failure = _save(out, w, reason, message, tb, time.monotonic() - w.started)
        summary.failures.append(failure)
        first = failure.message.splitlines()[0][:200] if failure.message else ""
        log(f"FAIL {failure.kind} seed {failure.seed}: {failure.reason}: {first}")

    try:
        for j in range(n):
            pool.append(new_worker(j))
            assign(j)
        while pool and any(w.job for w in pool):
            now = time.monotonic()
            waits = [w.started + timeout - now for w in pool if w.job]
            ready = wait([w.conn for w in pool if w.job], timeout=max(0.0, min(waits + [POLL])))
            for j, w in enumerate(pool):
                if w.job is None:
                    continue
                kind = w.job[0]
                restart = False
                if w.conn in ready:
                    try:
                        msg = w.conn.recv()
                    except (EOFError, OSError):
                        w.proc.join(1)
                        code = w.proc.exitcode
                        fail(j, "died", f"the worker died (exit code {code}), e.g. killed for memory", "")
                        summary.cases[kind] += 1
                        restart = True
                    else:
                        if msg[0] == "mutations":
                            w.mutations = msg[1]
                            continue
                        summary.cases[kind] += 1
                        w.done += 1
                        if msg[0] == "ok":
                            summary.outcomes[f"{kind}:{msg[1]}"] += 1
                        else:
                            fail(j, msg[0], msg[1], msg[2])
                        # a worker that ran out of memory may be damaged; a long-lived one grows
                        restart = msg[0] == "memory" or w.done >= CASES_PER_WORKER
                elif time.monotonic() - w.started > timeout:
                    fail(j, "timeout", f"no result after {timeout:.0f} s", "")
                    summary.cases[kind] += 1
                    restart = True
                elif (rss := resident_mb(w.proc.pid or 0)) > memory_mb:
                    fail(j, "memory", f"resident memory {rss:.0f} MB, over the ceiling of {memory_mb} MB", "")
                    summary.cases[kind] += 1
                    restart = True
                else:
                    continue
                if restart:
                    w.kill()
                    pool[j] = new_worker(j)
                if time.monotonic() < deadline:
                    assign(j)
                else:
                    pool[j].job = None
    except KeyboardInterrupt:  # Ctrl-C: stop, and still say what was found
        log("interrupted")
    finally:
        for w in pool:
            w.kill()
        shutil.rmtree(scratch, ignore_errors=True)
    summary.seconds = time.monotonic() - start
    return summary


def replay(directory: Path) -> int:
    """Run a saved case again in this process; print its outcome or its traceback."""
    meta = json.loads((directory / "case.json").read_text(encoding="utf-8"))
    kind = meta["kind"]
    print(f"{kind} case, seed {meta['seed']}, mutations: {', '.join(meta.get('mutations', []))}")
    try:
        outcome = run_case(kind, directory, deep=True, cli=bool(meta.get("cli")))
    except BaseException:  # noqa: B036 - show whatever it is
        traceback.print_exc()
        return 1
    print(f"outcome: {outcome} (no failure)")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=60.0, help="How long to fuzz (wall time).")
    ap.add_argument("--kinds", default=",".join(KINDS), help="law, data or both (comma-separated).")
    ap.add_argument("--seed", type=int, default=None, help="First seed (default: from the clock).")
    ap.add_argument("--timeout", type=float, default=60.0, help="Seconds one case may take.")
    ap.add_argument("--memory-mb", type=int, default=2048, help="Resident-memory ceiling of a worker.")
    ap.add_argument("--workers", type=int, default=None, help="Worker processes (default: one per core).")
    ap.add_argument("--cli-every", type=int, default=40, help="Every Nth seed also goes through the CLI.")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="Where failing cases are saved.")
    ap.add_argument("--replay", type=Path, default=None, help="Run one saved case again and exit.")
    args = ap.parse_args(argv)
    if args.replay is not None:
        return replay(args.replay)
    kinds = tuple(k.strip() for k in args.kinds.split(",") if k.strip())
    if not kinds or any(k not in KINDS + GUARD_TESTS for k in kinds):
        ap.error(f"--kinds takes {', '.join(KINDS)}")
    seed = args.seed if args.seed is not None else int(time.time()) % 1_000_000 * 1000
    print(f"fuzzing {', '.join(kinds)} for {args.seconds:.0f} s from seed {seed} "
          f"(timeout {args.timeout:.0f} s a case, {args.memory_mb} MB a worker)", flush=True)
    summary = fuzz(args.seconds, kinds, seed, args.timeout, args.memory_mb, args.workers, args.out, args.cli_every,
                   log=lambda m: print(m, flush=True))
    print(summary.report())
    return 1 if summary.failures else 0


if __name__ == "__main__":
    sys.exit(main())
