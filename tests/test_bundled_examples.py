"""Tests as data: every bundled example (laws/data/mNN with an `expected/` folder) is run through the
real command, `p4p-rules run laws/mNN.p4p --data laws/data/mNN --out OUT`, and what it writes must
equal the expected files to the centavo. The expected files were worked out independently of the
engine (laws/data/make_expected.py runs tests/oracle/oracle.py), and the figures hand-worked in each
`expected/NOTES.md` must be the same rows."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA_ROOT = ROOT / "laws" / "data"
EXAMPLES = sorted(p.name for p in DATA_ROOT.glob("m[0-9][0-9]") if (p / "expected").is_dir())
NOT_DESTINATIONS = ("carry_over", "undistributed")  # docs/engine.md §9: `periods` keeps them apart
AMOUNTS = ["transfers", "carry_in", "pool", "to_staff", "to_destinations", "carry_out", "undistributed"]


def read_csv(path: Path, delimiter: str) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def p4p_rules() -> str:
    """The console script installed next to this interpreter (the user's command), else on PATH."""
    beside = Path(sys.executable).parent / "p4p-rules"
    return str(beside) if beside.is_file() else (shutil.which("p4p-rules") or "p4p-rules")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, Path]:
    """Every example run once, all at the same time (they are independent processes)."""
    base = tmp_path_factory.mktemp("runs")
    runs = {}
    for name in EXAMPLES:
        out = base / name
        runs[name] = (out, subprocess.Popen(
            [p4p_rules(), "run", f"laws/{name}.p4p", "--data", f"laws/data/{name}", "--out", str(out)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    result = {}
    for name, (out, proc) in runs.items():
        stdout, stderr = proc.communicate(timeout=120)
        assert proc.returncode == 0, f"{name}: exit {proc.returncode}\n{stdout}\n{stderr}"
        assert "Traceback" not in stderr
        result[name] = out
    return result


@lru_cache(maxsize=None)
def expected(name: str, table: str) -> list[dict[str, str]]:
    return read_csv(DATA_ROOT / name / "expected" / f"{table}.csv", ";")


def written(outputs: dict[str, Path], name: str, table: str) -> list[dict[str, str]]:
    return read_csv(outputs[name] / f"{table}.csv", ",")


def payments_by_person(rows: list[dict[str, str]]) -> dict[tuple[str, str], tuple[str, int]]:
    """(period, staff_id) -> (status, centavos): a person's rows of a period added up, `paid` if any
    of them is paid (the expected files' form; which team a share's row is filed under is not money)."""
    amount: dict[tuple[str, str], int] = defaultdict(int)
    paid: dict[tuple[str, str], bool] = defaultdict(bool)
    for r in rows:
        key = (r["period"], r["staff_id"])
        amount[key] += int(r["amount_centavos"])
        paid[key] |= r["status"].split(":")[0] == "paid"
    return {k: ("paid" if paid[k] else "ineligible", a) for k, a in amount.items()}


def differences(want: dict, got: dict) -> list[str]:
    return [f"{key}: expected {want.get(key)}, written {got.get(key)}"
            for key in sorted(set(want) | set(got)) if want.get(key) != got.get(key)]


def test_at_least_five_examples_each_with_its_law():
    assert len(EXAMPLES) >= 5
    for name in EXAMPLES:
        assert (ROOT / "laws" / f"{name}.p4p").is_file(), name
        assert (DATA_ROOT / name / "expected" / "NOTES.md").is_file(), name


@pytest.mark.parametrize("name", EXAMPLES)
def test_payments_match_the_expected_file(name, outputs):
    want = {(r["period"], r["staff_id"]): (r["status"], int(r["amount_centavos"])) for r in expected(name, "payments")}
    assert len(want) == len(expected(name, "payments")), "one expected row per person and period"
    got = payments_by_person(written(outputs, name, "payments"))
    diffs = differences(want, got)
    assert not diffs, f"{name}: {len(diffs)} difference(s):\n  " + "\n  ".join(diffs[:30])


@pytest.mark.parametrize("name", EXAMPLES)
def test_periods_match_the_expected_file(name, outputs):
    def table(rows):
        return {r["period"]: (r["payment_date"][:10], r["law_version"],
                              *(int(r[f"{a}_centavos"]) for a in AMOUNTS)) for r in rows}
    diffs = differences(table(expected(name, "periods")), table(written(outputs, name, "periods")))
    assert not diffs, f"{name}:\n  " + "\n  ".join(diffs)


@pytest.mark.parametrize("name", EXAMPLES)
def test_ledger_matches_the_expected_file(name, outputs):
    want = {(r["period"], r["destination"], r["source"]): int(r["amount_centavos"]) for r in expected(name, "ledger")}
    got: dict[tuple[str, str, str], int] = defaultdict(int)
    for r in written(outputs, name, "ledger"):
        if int(r["amount_centavos"]):
            got[(r["period"], r["destination"], r["source"])] += int(r["amount_centavos"])
    diffs = differences(want, dict(got))
    assert not diffs, f"{name}:\n  " + "\n  ".join(diffs)


@pytest.mark.parametrize("name", EXAMPLES)
def test_money_is_conserved_in_every_period_of_the_written_files(name, outputs):
    """docs/engine.md §8, checked on what the command wrote: payments + ledger = pool; the pool is the
    transfers plus what the previous period carried over; nothing negative; `periods` adds up."""
    paid: dict[str, int] = defaultdict(int)
    booked: dict[str, int] = defaultdict(int)
    carried: dict[str, int] = defaultdict(int)
    for r in written(outputs, name, "payments"):
        assert int(r["amount_centavos"]) >= 0, r
        paid[r["period"]] += int(r["amount_centavos"])
    for r in written(outputs, name, "ledger"):
        assert int(r["amount_centavos"]) >= 0, r
        booked[r["period"]] += int(r["amount_centavos"])
        if r["destination"] == "carry_over":
            carried[r["period"]] += int(r["amount_centavos"])
    periods = written(outputs, name, "periods")
    assert periods and set(paid) | set(booked) <= {p["period"] for p in periods}
    carry = 0
    for p in periods:
        c = {a: int(p[f"{a}_centavos"]) for a in AMOUNTS}
        label = p["period"]
        assert paid[label] + booked[label] == c["pool"], label
        assert c["pool"] == c["transfers"] + c["carry_in"] and c["carry_in"] == carry, label
        assert c["to_staff"] == paid[label] and c["carry_out"] == carried[label], label
        assert c["to_staff"] + c["to_destinations"] + c["carry_out"] + c["undistributed"] == c["pool"], label
        carry = c["carry_out"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_expected_files_add_up(name):
    """The expected files on their own: per period, the people's payments and the ledger lines make
    the pool, and the totals in `periods.csv` are the sums of the other two files."""
    paid: dict[str, int] = defaultdict(int)
    lines: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in expected(name, "payments"):
        paid[r["period"]] += int(r["amount_centavos"])
    for r in expected(name, "ledger"):
        destination = r["destination"] if r["destination"] in NOT_DESTINATIONS else "to_destinations"
        lines[r["period"]][destination] += int(r["amount_centavos"])
    for p in expected(name, "periods"):
        label, c = p["period"], {a: int(p[f"{a}_centavos"]) for a in AMOUNTS}
        assert c["to_staff"] == paid[label], label
        assert c["to_destinations"] == lines[label]["to_destinations"], label
        assert c["carry_out"] == lines[label]["carry_over"] and c["undistributed"] == lines[label]["undistributed"]
        assert c["to_staff"] + c["to_destinations"] + c["carry_out"] + c["undistributed"] == c["pool"], label


# --- the figures worked by hand in expected/NOTES.md ---------------------------------------------

# A row of the table under "## Results" in NOTES.md:
#   | 2017-07..2017-12 | staff 24228 | R$ 2.563,08 |     a person's payment (paid)
#   | 2017-07..2017-12 | staff 24228 | ineligible |      a person listed with nothing (status ineligible)
#   | 2017-07..2017-12 | ledger undistributed / earmark | R$ 8.330,01 |
RESULT = re.compile(r"^\|\s*(?P<period>[0-9.\-]+)\s*\|\s*(?P<what>staff \d{5}|ledger [^|]+?)\s*\|\s*"
                    r"(?P<value>R\$ [0-9.]+,\d{2}|ineligible)\s*\|\s*$")


def hand_worked(name: str) -> list[tuple[str, str, str]]:
    text = (DATA_ROOT / name / "expected" / "NOTES.md").read_text(encoding="utf-8")
    section = text.split("## Results", 1)[1].split("\n## ", 1)[0]
    rows = [RESULT.match(line) for line in section.splitlines() if line.startswith("| 2")]
    assert all(rows), f"{name}: a line of the results table is not in the expected form"
    return [(r["period"], r["what"], r["value"]) for r in rows]


def centavos(text: str) -> int:
    return int(text.removeprefix("R$ ").replace(".", "").replace(",", ""))


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_hand_worked_figures_are_the_expected_rows(name):
    results = hand_worked(name)
    assert len([r for r in results if r[1].startswith("staff")]) >= 3, "at least three payments worked by hand"
    payments = {(r["period"], r["staff_id"]): r for r in expected(name, "payments")}
    ledger = {(r["period"], r["destination"], r["source"]): int(r["amount_centavos"]) for r in expected(name, "ledger")}
    for period, what, value in results:
        if what.startswith("staff"):
            row = payments[(period, what.split()[1])]
            if value == "ineligible":
                assert (row["status"], row["amount_centavos"]) == ("ineligible", "0"), (period, what)
            else:
                assert (row["status"], int(row["amount_centavos"])) == ("paid", centavos(value)), (period, what)
        else:
            destination, source = (s.strip() for s in what.removeprefix("ledger ").split("/"))
            assert ledger[(period, destination, source)] == centavos(value), (period, what)
