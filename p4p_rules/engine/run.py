"""A payment run: every period of a date range, with carry-over between periods, as tables."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd
from fractions import Fraction

from p4p_rules.engine.books import CARRY_OVER, Books
from p4p_rules.engine.people import Absence, Posting
from p4p_rules.engine.period import Inputs, Score, compute_period
from p4p_rules.engine.schedule import Period, month_end, months_between, period_start, periods
from p4p_rules.engine.view import LawView
from p4p_rules.load import CompiledLaw
from p4p_rules.model import vocabulary as vocab

PAYMENT_COLUMNS = ["period", "payment_date", "staff_id", "name", "team_id", "cadre", "category", "amount",
                   "status", "factor", "law_version", "articles"]
LEDGER_COLUMNS = ["period", "payment_date", "destination", "source", "team_id", "amount", "law_version", "articles"]
PERIOD_COLUMNS = ["period", "payment_date", "law_version", "transfers", "carry_in", "pool", "to_staff",
                  "to_destinations", "carry_out", "undistributed"]


def _date(value) -> dt.date | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()


def inputs_from(dataset) -> Inputs:
    """Index the dataset's tables for the engine (one pass over each table)."""
    postings_by_team: dict[str, list[Posting]] = defaultdict(list)
    postings_by_person: dict[str, list[Posting]] = defaultdict(list)
    r = dataset.roster
    for row in zip(r["staff_id"], r["name"], r["team_id"], r["cadre"], r["start_date"], r["end_date"],
                   r["signed_contract"], r["weekly_hours"]):
        staff, name, team, cadre, start, end, signed, hours = row
        team = None if team is None or (isinstance(team, float) and pd.isna(team)) else str(team)
        p = Posting(str(staff), str(name), team, str(cadre), _date(start), _date(end), bool(signed),
                    int(hours) if not pd.isna(hours) else 40)
        postings_by_person[p.staff_id].append(p)
        if team is not None:
            postings_by_team[team].append(p)
    absences: dict[str, list[Absence]] = defaultdict(list)
    a = dataset.absences
    if a is not None and len(a):
        for staff, start, end, kind in zip(a["staff_id"], a["start_date"], a["end_date"], a["kind"]):
            absences[str(staff)].append(Absence(str(staff), _date(start), _date(end), str(kind)))
    scores: dict[str, list[Score]] = defaultdict(list)
    s = dataset.scores
    for team, cycle, date, score, category in zip(s["team_id"], s["cycle"], s["evaluation_date"], s["score"],
                                                  s["category"]):
        # an undated evaluation (a disqualified team) counts from the start of its cycle
        when = _date(date) or dt.date(*vocab.CYCLE_START.get(int(cycle), (1900, 1, 1)))
        scores[str(team)].append(Score(str(team), int(cycle), when,
                                       None if pd.isna(score) else Fraction(str(score)), str(category)))
    transfers: dict[tuple[dt.date, str | None], int] = defaultdict(int)
    t = dataset.transfers
    for month, team, amount in zip(t["month"], t["team_id"], t["amount"]):
        team = None if team is None or (isinstance(team, float) and pd.isna(team)) else str(team)
        transfers[(_date(month).replace(day=1), team)] += int(amount)
    return Inputs(dict(postings_by_team), dict(postings_by_person), dict(absences), dict(scores), dict(transfers))


@dataclass
class RunResult:
    payments: pd.DataFrame
    ledger: pd.DataFrame
    periods: pd.DataFrame
    books: list[Books] = field(default_factory=list)
    pending_months: list[dt.date] = field(default_factory=list)


def run(law: CompiledLaw, dataset, start: dt.date | None = None, end: dt.date | None = None) -> RunResult:
    """Compute every payment period whose months fall in [start, end] (default: all transfer months)."""
    inputs = inputs_from(dataset)
    months_with_money = sorted({month for month, _ in inputs.transfers})
    if not months_with_money:
        return RunResult(pd.DataFrame(columns=PAYMENT_COLUMNS), pd.DataFrame(columns=LEDGER_COLUMNS),
                         pd.DataFrame(columns=PERIOD_COLUMNS))
    first = period_start((start or months_with_money[0]).replace(day=1), law.at)
    last = (end or months_with_money[-1]).replace(day=1)
    months = months_between(first, last)
    plan, pending = periods(months, law.at)
    all_books: list[Books] = []
    carry = 0
    views: dict[str, LawView] = {}
    for period in plan:
        text = law.at(period.payment_date)
        view = views.setdefault(text.version, LawView.of(text)) if text else None
        books = compute_period(view, period, inputs, carry)
        carry = books.carry_out()
        if books.pool == 0:
            continue  # a period with no money (e.g. between cycles) has nothing to show
        all_books.append(books)
    return _tables(all_books, pending)


def _tables(all_books: list[Books], pending: list[dt.date]) -> RunResult:
    ledger_rows, period_rows = [], []
    pay: dict[str, list] = {name: [] for name in PAYMENT_COLUMNS}  # column by column: much faster than rows
    for b in all_books:
        label, paid_on = b.period.label, b.period.payment_date.isoformat()
        n = len(b.payments)
        pay["period"] += [label] * n
        pay["payment_date"] += [paid_on] * n
        pay["law_version"] += [b.version] * n
        for p in b.payments:
            pay["staff_id"].append(p.staff_id)
            pay["name"].append(p.name)
            pay["team_id"].append(p.team_id)
            pay["cadre"].append(p.cadre)
            pay["category"].append(p.category)
            pay["amount"].append(p.amount)
            pay["status"].append(p.status)
            pay["factor"].append(str(p.factor))
            pay["articles"].append("; ".join(p.articles))
        for line in b.ledger:
            ledger_rows.append([label, paid_on, line.destination, line.source, line.team_id, line.amount, b.version,
                                "; ".join(line.articles)])
        to_staff = sum(p.amount for p in b.payments)
        undistributed = sum(line.amount for line in b.ledger if line.destination == "undistributed")
        carry_out = b.carry_out()
        to_dest = sum(line.amount for line in b.ledger) - undistributed - carry_out
        period_rows.append([label, paid_on, b.version, b.pool - b.carry_in, b.carry_in, b.pool, to_staff, to_dest,
                            carry_out, undistributed])
    payments = pd.DataFrame(pay, columns=PAYMENT_COLUMNS)
    payments["amount"] = payments["amount"].astype("int64")
    ledger = pd.DataFrame(ledger_rows, columns=LEDGER_COLUMNS)
    ledger["amount"] = ledger["amount"].astype("int64")
    per = pd.DataFrame(period_rows, columns=PERIOD_COLUMNS)
    return RunResult(payments, ledger, per, all_books, pending)


__all__ = ["run", "RunResult", "inputs_from", "Period", "month_end", "CARRY_OVER"]
