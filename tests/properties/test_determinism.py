"""Determinism: the same inputs give byte-identical outputs — in another process, with other hashes.

Invariant: `p4p-rules run LAW --data DIR --out OUT --format F` run twice, in two fresh Python
processes with different PYTHONHASHSEED, writes the same files: payments, ledger, periods and the
manifest (their SHA-256 and the inputs') as CSV, JSON and XLSX byte for byte, the terminal report
(with the output folder's name masked) byte for byte, and the exit code.

XLSX: an .xlsx file is a zip archive, and the XLSX writer (openpyxl) stamps the time of writing
into it — in every zip member's header and in `docProps/core.xml` (`dcterms:created`,
`dcterms:modified`). The writer (output.py) puts a fixed time in their place, as reproducible
builds do, so these files too are compared byte for byte (and, when they differ, member by member
and cell by cell, to say where).

Why it holds: money is integers and exact fractions (no float, no summation-order effects); the
engine walks periods, teams and people in a sorted order and breaks rounding ties by key
(docs/engine.md §0); nothing reads the clock, a random generator, or the iteration order of a
set or of a hash-ordered container into the output. PYTHONHASHSEED changes the order of sets of
strings, so a second process with another seed is what would expose a `set` leaking into the
output; running twice in one process would not.

Cases: three generated laws and data folders (the `engine_cases` of the other properties, run
with `--to 2015-12` so their periods close) as CSV, the first of them also as JSON and XLSX, and
M5's bundled law and data in all three formats — the engine's determinism does not depend on the
format, nor the writers' on the case. The bug test: a writer that takes a table's columns from a
set.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given

from tests.oracle.generate import Case
from tests.properties.cases import HAND_WORKED, LATE_END, M05_DATA, M05_LAW, ROOT, engine_cases
from tests.properties.profiles import bounded

FORMATS = ("csv", "json", "xlsx")
SEEDS = ("1", "2718")
_STAMP = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)")


def _generated_cases() -> list[Case]:
    """The generated cases of this run (the same ones every time under the ci profile)."""
    found: list[Case] = []

    @bounded(3)
    @given(case=engine_cases)
    def collect(case):
        found.append(case)

    collect()
    return found


def _xlsx_problems(a: Path, b: Path) -> list[str]:
    import openpyxl

    out = []
    with zipfile.ZipFile(a) as za, zipfile.ZipFile(b) as zb:
        if za.namelist() != zb.namelist():
            return [f"{a.name}: members {za.namelist()} vs {zb.namelist()}"]
        for member in za.namelist():
            x, y = za.read(member), zb.read(member)
            if x != y:
                out.append(f"{a.name}: member {member} differs")
    values = [[[c for c in row] for row in openpyxl.load_workbook(p, read_only=True).active.iter_rows(values_only=True)]
              for p in (a, b)]
    if values[0] != values[1]:
        out.append(f"{a.name}: cell values differ")
    return out


def output_differences(a: Path, b: Path) -> list[str]:
    """Every difference between two output folders of the same job (empty when deterministic)."""
    names_a = sorted(p.name for p in a.iterdir())
    names_b = sorted(p.name for p in b.iterdir())
    if names_a != names_b:
        return [f"{a.name}: files {names_a} vs {names_b}"]
    out = []
    for name in names_a:
        if (a / name).read_bytes() == (b / name).read_bytes():
            continue
        # a workbook is a zip: say which of its members differ, and whether the cells do
        out += _xlsx_problems(a / name, b / name) if name.endswith(".xlsx") else []
        out.append(f"{a.name}/{name}: bytes differ")
    return out


def run_in_two_processes(tmp: Path, jobs: list[dict]) -> tuple[Path, Path]:
    """Run the jobs in two child processes at once (one per seed); returns their output roots."""
    roots, children = [], []
    for i, seed in enumerate(SEEDS):
        root = tmp / f"run-{i}"  # names of one length: the terminal report wraps long paths
        root.mkdir()
        spec = root / "jobs.json"
        spec.write_text(json.dumps({"jobs": [dict(job, out=str(root / job["id"])) for job in jobs]}), encoding="utf-8")
        env = dict(os.environ, PYTHONHASHSEED=seed)
        children.append(subprocess.Popen([sys.executable, "-m", "tests.properties.run_outputs", str(spec)], cwd=ROOT,
                                         env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT))
        roots.append(root)
    for child in children:
        output, _ = child.communicate(timeout=300)
        assert child.returncode == 0, output.decode(errors="replace")
    return roots[0], roots[1]


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory) -> tuple[Path, Path, list[dict]]:
    tmp = tmp_path_factory.mktemp("determinism")
    jobs = []
    for i, case in enumerate(_generated_cases()):
        folder = tmp / "cases" / f"g{i}"
        folder.mkdir(parents=True)
        law = case.write(folder)
        # the engine's determinism does not depend on the format, the writers' does not depend on
        # the case: every case as CSV, the first one in every format (each job reads its data again)
        jobs += [{"id": f"g{i}-{fmt}", "law": str(law), "data": str(folder), "format": fmt,
                  "to": f"{LATE_END:%Y-%m}"} for fmt in (FORMATS if i == 0 else ("csv",))]
    jobs += [{"id": f"m05-{fmt}", "law": str(M05_LAW), "data": str(M05_DATA), "format": fmt} for fmt in FORMATS]
    bug_case = next(f for f in HAND_WORKED if f.name == "alloc_equally")
    jobs += [{"id": f"bug-{fmt}", "law": str(bug_case / "law.p4p"), "data": str(bug_case), "format": fmt,
              "inject": "columns-in-set-order"} for fmt in FORMATS]
    a, b = run_in_two_processes(tmp, jobs)
    return a, b, jobs


def test_two_processes_with_other_hash_seeds_write_the_same_bytes(two_runs):
    a, b, jobs = two_runs
    problems = []
    for job in jobs:
        if job.get("inject"):
            continue
        problems += output_differences(a / job["id"], b / job["id"])
    assert not problems, "\n".join(problems)
    # the jobs really ran and wrote something worth comparing
    m05 = (a / "m05-csv" / "payments.csv").read_text(encoding="utf-8")
    assert m05.count("\n") > 1000
    written = [job for job in jobs if (a / job["id"] / f"payments.{job['format']}").exists()]
    assert len(written) >= len(jobs) // 2, [job["id"] for job in jobs]
    assert all((a / job["id"] / "stdout.txt").read_text().startswith("exit ") for job in jobs)


def test_xlsx_outputs_carry_a_fixed_time_not_the_time_they_were_written(two_runs):
    """openpyxl stamps the time of writing in the workbook; the writer puts a fixed one in its place (so
    the two runs above wrote the same bytes, and a manifest's SHA-256 holds), and the cells are the money."""
    a, b, _ = two_runs
    assert (a / "m05-xlsx" / "payments.xlsx").read_bytes() == (b / "m05-xlsx" / "payments.xlsx").read_bytes()
    with zipfile.ZipFile(a / "m05-xlsx" / "payments.xlsx") as z:
        core = z.read("docProps/core.xml")
    assert [m.group(0).split(b">")[1].split(b"<")[0] for m in _STAMP.finditer(core)] == [b"1980-01-01T00:00:00Z"] * 2
    with zipfile.ZipFile(a / "m05-xlsx" / "payments.xlsx") as z:
        assert {info.date_time for info in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    import openpyxl

    book = openpyxl.load_workbook(a / "m05-xlsx" / "payments.xlsx", read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    csv_rows = (a / "m05-csv" / "payments.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == len(csv_rows)
    assert "amount_centavos" in rows[0]


def test_catches_a_writer_that_orders_columns_by_hash(two_runs):
    a, b, jobs = two_runs
    for fmt in FORMATS:
        found = output_differences(a / f"bug-{fmt}", b / f"bug-{fmt}")
        assert found, f"{fmt}: the hash-ordered columns went unnoticed"
