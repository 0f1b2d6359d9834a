"""Conservation to the centavo in every period, and no negative amount anywhere.

Invariant, read from the output tables of a run and the input transfers only (never from the
engine's internals), for every generated law and data folder:

1. every period: sum(payments) + sum(ledger lines) == pool, exactly (docs/engine.md §8);
2. pool == transfers + carry_in, and transfers == the sum of the input transfer rows of the months
   the period's label covers (§2);
3. carry_in of each listed period == carry_out of the listed period before it, 0 for the first
   (§7 `próximo período`; a period with no money is not listed, and carries nothing);
4. the summary columns agree with the rows: to_staff, carry_out, undistributed, to_destinations;
5. every month with money is in exactly one listed period or is pending (after the last period);
   so over the run: input transfers == payments + ledger lines other than carry-over + the last
   carry-out + transfers of pending months — no centavo is lost or made;
6. no amount in payments, ledger or periods is negative (§8).

Why it holds: every division goes through `money.py`, whose parts add up to the whole
(largest remainder, §0); every remainder is routed to a payment, a named ledger line, a carry-over
or `undistributed` (§7); the engine also checks (1) and (6) itself after each period. This test is
independent of that self-check: with the self-check switched off, a broken rounding is caught here
(the tests at the bottom).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from hypothesis import event, given, target

from tests.properties import bugs
from tests.properties.cases import HAND_WORKED, M05_DATA, M05_LAW, engine_cases, ends, load, run_engine, written
from tests.properties.profiles import bounded

SUMMARY = ("transfers", "carry_in", "pool", "to_staff", "to_destinations", "carry_out", "undistributed")


def _months(label: str) -> tuple[dt.date, dt.date]:
    first, _, last = label.partition("..")
    parse = lambda text: dt.datetime.strptime(text, "%Y-%m").date()  # noqa: E731
    return parse(first), parse(last or first)


def conservation_problems(result, dataset) -> list[str]:
    """Every way the run's tables fail to account for the input transfers (empty when they do)."""
    out: list[str] = []
    transfers_by_month: dict[dt.date, int] = defaultdict(int)
    for month, amount in zip(dataset.transfers["month"], dataset.transfers["amount"], strict=True):
        transfers_by_month[month.date().replace(day=1)] += int(amount)
    paid: dict[str, int] = defaultdict(int)
    for period, amount in zip(result.payments["period"], result.payments["amount"], strict=True):
        paid[str(period)] += int(amount)
    booked: dict[str, int] = defaultdict(int)
    carried: dict[str, int] = defaultdict(int)
    undistributed: dict[str, int] = defaultdict(int)
    lg = result.ledger
    for period, dest, amount in zip(lg["period"], lg["destination"], lg["amount"], strict=True):
        booked[str(period)] += int(amount)
        if dest == "carry_over":
            carried[str(period)] += int(amount)
        elif dest == "undistributed":
            undistributed[str(period)] += int(amount)

    # 6. nothing negative
    if (result.payments["amount"] < 0).any():
        out.append(f"negative payments: {result.payments[result.payments['amount'] < 0].to_dict('records')}")
    if (result.ledger["amount"] < 0).any():
        out.append(f"negative ledger lines: {result.ledger[result.ledger['amount'] < 0].to_dict('records')}")

    carry = 0
    covered: set[dt.date] = set()
    last_month = None
    for row in result.periods.to_dict("records"):
        label = str(row["period"])
        v = {k: int(row[k]) for k in SUMMARY}
        if any(x < 0 for x in v.values()):
            out.append(f"{label}: a negative total in the periods table: {v}")
        # 1. paid + booked == pool
        if paid[label] + booked[label] != v["pool"]:
            out.append(f"{label}: paid {paid[label]} + booked {booked[label]} != pool {v['pool']}")
        # 2. pool == transfers + carry-in; transfers == input rows of the period's months
        first, last = _months(label)
        months = {mo for mo in transfers_by_month if first <= mo <= last}
        if v["pool"] != v["transfers"] + v["carry_in"]:
            out.append(f"{label}: pool {v['pool']} != transfers {v['transfers']} + carry-in {v['carry_in']}")
        rows_in = sum(transfers_by_month[mo] for mo in months)
        if v["transfers"] != rows_in:
            out.append(f"{label}: transfers {v['transfers']} != input rows {rows_in}")
        # 3. carry chain
        if v["carry_in"] != carry:
            out.append(f"{label}: carry-in {v['carry_in']} != carry-out of the period before {carry}")
        carry = v["carry_out"]
        # 4. summary columns agree with the rows
        if v["to_staff"] != paid[label]:
            out.append(f"{label}: to_staff {v['to_staff']} != payments {paid[label]}")
        if v["carry_out"] != carried[label] or v["undistributed"] != undistributed[label]:
            out.append(f"{label}: carry_out/undistributed {v['carry_out']}/{v['undistributed']} != ledger "
                       f"{carried[label]}/{undistributed[label]}")
        if v["to_destinations"] != booked[label] - carried[label] - undistributed[label]:
            out.append(f"{label}: to_destinations {v['to_destinations']} != other ledger lines")
        # 5. periods do not overlap and come in order
        if last_month is not None and first <= last_month:
            out.append(f"{label}: overlaps or precedes the period before")
        last_month = last
        covered |= months
    pending = {mo.replace(day=1) for mo in result.pending_months}
    for mo, amount in sorted(transfers_by_month.items()):
        if amount and mo not in covered and mo not in pending:
            out.append(f"{mo:%Y-%m}: transfers of {amount} in no period and not pending")
        if mo in pending and last_month is not None and mo <= last_month:
            out.append(f"{mo:%Y-%m}: pending but not after the last period")
    total_in = sum(transfers_by_month.values())
    total_out = (sum(paid.values()) + sum(booked.values()) - sum(carried.values()) + carry
                 + sum(transfers_by_month[mo] for mo in pending))
    if total_in != total_out:
        out.append(f"over the run: transfers {total_in} != payments + ledger + last carry-out + pending {total_out}")
    return out


@bounded(30)
@given(case=engine_cases, end=ends)
def test_every_period_conserves_money_and_nothing_is_negative(case, end):
    with written(case) as loaded:
        result = run_engine(loaded.compiled, loaded.dataset, end)
        if result is None:
            event("law refused for these data")
            return
        event("periods: " + ("0" if result.periods.empty else "1" if len(result.periods) == 1 else "2+"))
        target(float(len(result.payments) > 0), label="some payment rows")
        problems = conservation_problems(result, loaded.dataset)
        assert not problems, "\n".join(problems)


def test_m05_conserves_money():
    """The bundled municipality: 144 postings, 3 cycles, 31 months of transfers."""
    loaded = load(M05_LAW, M05_DATA)
    result = run_engine(loaded.compiled, loaded.dataset)
    assert result is not None and len(result.periods) >= 10
    assert not conservation_problems(result, loaded.dataset)


# ---- the property catches a bug (with the engine's own check switched off) --------------------------
def _problems(monkeypatch, name: str) -> list[str]:
    """The property's complaints about a hand-worked case run by the (patched) engine."""
    bugs.engine_self_check_off(monkeypatch)
    folder = next(f for f in HAND_WORKED if f.name == name)
    loaded = load(folder / "law.p4p", folder)
    result = run_engine(loaded.compiled, loaded.dataset)
    assert result is not None
    return conservation_problems(result, loaded.dataset)


def test_the_cases_below_pass_without_the_bugs(monkeypatch):
    for name in ("alloc_by_category_share", "pay_share_coordinators", "cap_next_period"):
        assert _problems(monkeypatch, name) == [], name


def test_catches_a_rounding_that_loses_centavos(monkeypatch):
    bugs.use_rounding(monkeypatch, bugs.floor_only)
    problems = _problems(monkeypatch, "alloc_by_category_share")
    assert any("!= pool" in p for p in problems), problems


def test_catches_a_negative_amount(monkeypatch):
    """The bug conserves each split; the -1 it makes shows as a negative ledger line."""
    bugs.use_rounding(monkeypatch, bugs.negative_last)
    problems = _problems(monkeypatch, "pay_share_coordinators")
    assert any("negative" in p for p in problems), problems


def test_catches_a_carry_over_that_never_arrives(monkeypatch):
    """Each period balances on its own; only the chain between periods shows the money lost."""
    from p4p_rules.engine import run as run_module

    real = run_module.compute_period
    monkeypatch.setattr(run_module, "compute_period",
                        lambda view, period, inputs, carry_in: real(view, period, inputs, 0))
    problems = _problems(monkeypatch, "cap_next_period")
    assert any("carry-in" in p for p in problems), problems
    assert not any("!= pool" in p for p in problems), problems
