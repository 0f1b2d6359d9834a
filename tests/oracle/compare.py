"""Putting the oracle's periods and the engine's output tables side by side, to the centavo."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from tests.oracle.oracle import OraclePeriod


@dataclass
class Tables:
    """Periods (label -> (payment date, pool)), payments ((label, staff_id) -> centavos, summed over a
    person's rows) and ledger ((label, destination, source) -> centavos, zero lines left out)."""

    periods: dict[str, tuple[str, int]]
    payments: dict[tuple[str, str], int]
    ledger: dict[tuple[str, str, str], int]


def oracle_tables(periods: list[OraclePeriod]) -> Tables:
    pay: dict[tuple[str, str], int] = defaultdict(int)
    ledger: dict[tuple[str, str, str], int] = defaultdict(int)
    for p in periods:
        for row in p.rows:
            pay[(p.label, row.staff_id)] += row.amount
        for (dest, source), amount in p.ledger.items():
            if amount:
                ledger[(p.label, dest, source)] += amount
    return Tables({p.label: (p.payment_date.isoformat(), p.pool) for p in periods}, dict(pay), dict(ledger))


def engine_tables(result) -> Tables:
    """The engine's `payments`, `ledger` and `periods` tables (only its output is looked at)."""
    pay: dict[tuple[str, str], int] = defaultdict(int)
    ledger: dict[tuple[str, str, str], int] = defaultdict(int)
    for row in result.payments.to_dict("records"):
        pay[(str(row["period"]), str(row["staff_id"]))] += int(row["amount"])
    for row in result.ledger.to_dict("records"):
        if int(row["amount"]):
            ledger[(str(row["period"]), str(row["destination"]), str(row["source"]))] += int(row["amount"])
    periods = {str(row["period"]): (str(row["payment_date"])[:10], int(row["pool"]))
               for row in result.periods.to_dict("records")}
    return Tables(periods, dict(pay), dict(ledger))


def differences(expected: Tables, actual: Tables, names=("oracle", "engine"), zero_rows: bool = True) -> list[str]:
    """Every key where the two sides differ.  With `zero_rows=False` a payment of 0 and no payment
    row at all count as the same (which participants of a team with no money are listed is not
    money; see README.md)."""
    out = []
    for what in ("periods", "payments", "ledger"):
        a, b = getattr(expected, what), getattr(actual, what)
        for key in sorted(set(a) | set(b)):
            if not zero_rows and what == "payments" and a.get(key, 0) == b.get(key, 0) == 0:
                continue
            if a.get(key) != b.get(key):
                shown = " | ".join(map(str, key)) if isinstance(key, tuple) else str(key)
                out.append(f"{what} {shown}: {names[0]} {a.get(key)}  {names[1]} {b.get(key)}")
    return out


def assert_agree(expected: Tables, actual: Tables, names=("oracle", "engine"), context: str = "",
                 zero_rows: bool = True) -> None:
    diffs = differences(expected, actual, names, zero_rows)
    if diffs:
        shown = "\n  ".join(diffs[:40])
        more = f"\n  … and {len(diffs) - 40} more" if len(diffs) > 40 else ""
        raise AssertionError(f"{context}: {len(diffs)} difference(s):\n  {shown}{more}")


def conservation_problems(periods: list[OraclePeriod]) -> list[str]:
    """§8 on the oracle's own output: payments + ledger = pool, nothing negative, carry-over chained."""
    out = []
    carry = 0
    for p in periods:
        paid = sum(r.amount for r in p.rows)
        booked = sum(p.ledger.values())
        if paid + booked != p.pool:
            out.append(f"{p.label}: {paid} + {booked} != {p.pool}")
        if p.pool != p.transfers + p.carry_in or p.carry_in != carry:
            out.append(f"{p.label}: pool {p.pool} != transfers {p.transfers} + carry-in {p.carry_in} (carried {carry})")
        if any(r.amount < 0 for r in p.rows) or any(v < 0 for v in p.ledger.values()):
            out.append(f"{p.label}: negative amount")
        carry = p.carry_out
    return out


def engine_conservation_problems(result) -> list[str]:
    out = []
    paid = result.payments.groupby("period")["amount"].sum().to_dict()
    booked = result.ledger.groupby("period")["amount"].sum().to_dict()
    for row in result.periods.to_dict("records"):
        p = row["period"]
        if int(paid.get(p, 0)) + int(booked.get(p, 0)) != int(row["pool"]):
            out.append(f"{p}: {paid.get(p, 0)} + {booked.get(p, 0)} != {row['pool']}")
    if (result.payments["amount"] < 0).any() or (result.ledger["amount"] < 0).any():
        out.append("negative amounts")
    return out
