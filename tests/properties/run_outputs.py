"""Runs `p4p-rules run` (the real command, in this process) for a list of jobs: the child process of
the determinism test, started once per PYTHONHASHSEED.

    python -m tests.properties.run_outputs JOBS.json

JOBS.json: {"jobs": [{"law", "data", "out", "format", "to", "inject"}...]}. Each job's terminal
output goes to OUT/stdout.txt. `inject` names a deliberate bug (see INJECT) applied to that job only.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path


def _columns_in_set_order(monkeypatch_target) -> None:
    """The bug: the writer takes a table's columns from a set — whose order of iteration depends
    on the process's string hashes (PYTHONHASHSEED)."""
    import p4p_rules.batch as batch

    real = batch.write_tables

    def write_tables(tables, out_dir, fmt, *rest):
        return real({name: df[list(set(df.columns))] for name, df in tables.items()}, out_dir, fmt, *rest)

    monkeypatch_target.append((batch, "write_tables", real))
    batch.write_tables = write_tables


INJECT = {"columns-in-set-order": _columns_in_set_order}


def main(spec_path: str) -> int:
    from p4p_rules.cli import app

    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    for job in spec["jobs"]:
        undo: list = []
        if job.get("inject"):
            INJECT[job["inject"]](undo)
        out = Path(job["out"])
        args = ["run", job["law"], "--data", job["data"], "--out", str(out), "--format", job["format"]]
        if job.get("to"):
            args += ["--to", job["to"]]
        captured = io.StringIO()
        try:
            with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
                code = app(args, standalone_mode=False, prog_name="p4p-rules")
        finally:
            for module, name, value in undo:
                setattr(module, name, value)
        out.mkdir(parents=True, exist_ok=True)
        # the folder the files went to is the one thing that must differ between the two processes
        text = captured.getvalue().replace(str(out), "<out>")
        (out / "stdout.txt").write_text(f"exit {code or 0}\n{text}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
