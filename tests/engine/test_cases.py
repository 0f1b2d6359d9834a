"""Engine cases as data: each folder of `cases/` holds a law, its input data and the payments and
ledger worked out by hand (the working is in the folder's NOTES.md).  The engine must reproduce them
to the centavo, and every period must conserve its money."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from p4p_rules.batch import run_one

CASES_DIR = Path(__file__).parent / "cases"
CASES = sorted(p for p in CASES_DIR.iterdir() if (p / "law.p4p").is_file())


def read_expected(path: Path, key_columns: list[str]) -> dict[tuple[str, ...], int]:
    """Rows of an expected file: key columns -> amount in centavos (repeated keys are added up)."""
    out: dict[tuple[str, ...], int] = defaultdict(int)
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter=";")
        missing = set(key_columns + ["amount_centavos"]) - set(reader.fieldnames or [])
        assert not missing, f"{path}: missing columns {sorted(missing)}"
        for row in reader:
            key = tuple(row[c].strip() for c in key_columns)
            out[key] += int(row["amount_centavos"])
    return dict(out)


def actual_rows(frame, key_columns: list[str], aggregate: bool) -> dict[tuple[str, ...], int]:
    out: dict[tuple[str, ...], int] = defaultdict(int)
    seen: set[tuple[str, ...]] = set()
    for row in frame.to_dict("records"):
        key = tuple("" if row[c] is None else str(row[c]) for c in key_columns)
        if not aggregate:
            assert key not in seen, f"the engine wrote two rows for {key}"
            seen.add(key)
        out[key] += int(row["amount"])
    return dict(out)


def describe_difference(what: str, key_columns: list[str], expected: dict, actual: dict) -> str:
    lines = [f"{what} differ from the hand calculation (key: {', '.join(key_columns)}):"]
    for key in sorted(set(expected) | set(actual)):
        e, a = expected.get(key), actual.get(key)
        if e != a:
            lines.append(f"  {' | '.join(key):<60} expected {_fmt(e):>12}   engine {_fmt(a):>12}")
    return "\n".join(lines)


def _fmt(v: int | None) -> str:
    return "(no row)" if v is None else str(v)


@pytest.fixture(scope="module")
def outcomes():
    return {}


def outcome_of(case: Path, cache: dict):
    if case.name not in cache:
        outcome = run_one(case / "law.p4p", case, None, "csv", None, None)
        assert outcome.error is None and outcome.result is not None, f"{case.name}: run failed:\n{outcome.error}"
        cache[case.name] = outcome
    return cache[case.name]


PAY_KEY = ["period", "staff_id"]
LEDGER_KEY = ["period", "destination", "source"]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_payments(case: Path, outcomes):
    result = outcome_of(case, outcomes).result
    expected = read_expected(case / "expected_payments.csv", PAY_KEY)
    actual = actual_rows(result.payments, PAY_KEY, aggregate=False)
    if actual != expected:
        pytest.fail(describe_difference(f"{case.name}: payments", PAY_KEY, expected, actual), pytrace=False)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_ledger(case: Path, outcomes):
    result = outcome_of(case, outcomes).result
    expected = read_expected(case / "expected_ledger.csv", LEDGER_KEY)
    actual = actual_rows(result.ledger, LEDGER_KEY, aggregate=True)
    if actual != expected:
        pytest.fail(describe_difference(f"{case.name}: ledger", LEDGER_KEY, expected, actual), pytrace=False)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_conservation(case: Path, outcomes):
    """Per period: payments + ledger lines == pool (transfers + carry-in), and nothing negative."""
    result = outcome_of(case, outcomes).result
    paid = result.payments.groupby("period")["amount"].sum().to_dict()
    booked = result.ledger.groupby("period")["amount"].sum().to_dict()
    problems = []
    for row in result.periods.to_dict("records"):
        p = row["period"]
        total = int(paid.get(p, 0)) + int(booked.get(p, 0))
        if total != int(row["pool"]):
            problems.append(f"  {p}: paid {int(paid.get(p, 0))} + ledger {int(booked.get(p, 0))} = {total}"
                            f" != pool {int(row['pool'])}")
    unknown = (set(paid) | set(booked)) - set(result.periods["period"])
    if unknown:
        problems.append(f"  rows for periods not in the periods table: {sorted(unknown)}")
    if (result.payments["amount"] < 0).any() or (result.ledger["amount"] < 0).any():
        problems.append("  negative amounts")
    if problems:
        pytest.fail(f"{case.name}: money not conserved:\n" + "\n".join(problems), pytrace=False)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_pool(case: Path, outcomes):
    """The periods and pools the engine computes are the hand-worked ones (transfers + carry-in =
    everything the expected files pay and book)."""
    result = outcome_of(case, outcomes).result
    expected_pool: dict[tuple[str, ...], int] = defaultdict(int)
    for name, key in (("expected_payments.csv", PAY_KEY), ("expected_ledger.csv", LEDGER_KEY)):
        for k, amount in read_expected(case / name, key).items():
            expected_pool[k[:1]] += amount
    engine_pool = {(str(row["period"]),): int(row["pool"]) for row in result.periods.to_dict("records")}
    if engine_pool != dict(expected_pool):
        pytest.fail(describe_difference(f"{case.name}: pools", ["period"], dict(expected_pool), engine_pool),
                    pytrace=False)
