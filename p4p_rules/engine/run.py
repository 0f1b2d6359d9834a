"""A payment run: every period of a date range, with carry-over between periods, as tables."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype
from fractions import Fraction

from p4p_rules.engine.books import CARRY_OVER, Books
from p4p_rules.engine.columns import LEDGER_COLUMNS, PAYMENT_COLUMNS, PERIOD_COLUMNS, columns_of
from p4p_rules.engine.period import Inputs, compute_period, index_inputs
from p4p_rules.engine.schedule import Period, month_end, months_between, period_start, periods
from p4p_rules.engine.view import LawView
from p4p_rules.load import CompiledLaw
from p4p_rules.model import vocabulary as vocab

_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


def _dates(column: pd.Series) -> list[dt.date | None]:
    """A date column as Python dates (None where missing): each distinct day converted once."""
    if len(column) == 0:
        return []
    days = column.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    missing = np.isnat(days)
    ints = np.where(missing, 0, days.astype("int64"))
    distinct, where = np.unique(ints, return_inverse=True)
    # the distinct days, then None (for the missing), as objects that numpy hands out by index
    as_dates = np.empty(len(distinct) + 1, dtype=object)
    as_dates[:-1] = [dt.date.fromordinal(_EPOCH_ORDINAL + int(d)) for d in distinct]
    return as_dates[np.where(missing, len(distinct), where)].tolist()


def _texts(column: pd.Series) -> list[str | None]:
    """A text column as str or None (None where missing)."""
    values = column.tolist()
    kind = infer_dtype(column, skipna=False)
    if kind in ("string", "empty"):  # the loader's columns are Python's str: nothing to convert
        return values
    if infer_dtype(column, skipna=True) not in ("string", "empty"):  # numbers, or a mix: each made text
        return [None if v is None or (isinstance(v, float) and v != v) else str(v) for v in values]
    for i in np.flatnonzero(column.isna().to_numpy()).tolist():  # text with missing cells
        values[i] = None  # (None already from the loader; NaN or pd.NA in a table built by hand)
    return values


@dataclass
class Records:
    """A dataset's columns as the engine reads them: Python lists, one per column, in row order.

    Converting pandas columns costs far more than reading lists; a national batch converts the
    whole country once and hands each municipality its slice (`sliced`)."""

    roster: tuple[list, ...]      # staff_id, name, team_id, cadre, start, end, signed, hours
    absences: tuple[list, ...]    # staff_id, start, end, kind
    scores: tuple[list, ...]      # team_id, cycle, evaluation date (or its cycle's start), score, category
    transfers: tuple[list, ...]   # month (first day), team_id, amount

    def sliced(self, bounds: dict[str, tuple[int, int]]) -> "Records":
        """The rows [a, b) of each table (bounds by table name; a table not named is empty)."""
        def cut(name: str) -> tuple[list, ...]:
            a, b = bounds.get(name, (0, 0))
            return tuple(column[a:b] for column in getattr(self, name))
        return Records(cut("roster"), cut("absences"), cut("scores"), cut("transfers"))


def records_of(dataset) -> Records:
    """The engine's columns of a dataset (its tables as load_dataset gives them)."""
    r = dataset.roster
    roster = (_texts(r["staff_id"]), _texts(r["name"]), _texts(r["team_id"]), _texts(r["cadre"]),
              _dates(r["start_date"]), _dates(r["end_date"]), [bool(v) for v in r["signed_contract"].tolist()],
              r["weekly_hours"].fillna(40).astype("int64").tolist())
    a = dataset.absences
    if a is not None and len(a):
        absences = (_texts(a["staff_id"]), _dates(a["start_date"]), _dates(a["end_date"]), _texts(a["kind"]))
    else:
        absences = ([], [], [], [])
    s = dataset.scores
    cycles = [int(c) for c in s["cycle"].tolist()]
    # an undated evaluation (a disqualified team) counts from the start of its cycle
    when = [d or dt.date(*vocab.CYCLE_START.get(c, (1900, 1, 1)))
            for d, c in zip(_dates(s["evaluation_date"]), cycles, strict=True)]
    exact: dict[float, Fraction] = {}  # scores repeat: each distinct one read once
    values = [None if v != v else exact.get(v) or exact.setdefault(v, Fraction(str(v))) for v in s["score"].tolist()]
    scores = (_texts(s["team_id"]), cycles, when, values, _texts(s["category"]))
    t = dataset.transfers
    # month is a required column (the loader reports empty cells): never None here; a date stands for its month
    months = _dates(t["month"].dt.to_period("M").dt.to_timestamp() if len(t) else t["month"])
    transfers = (months, _texts(t["team_id"]), t["amount"].astype("int64").tolist())
    return Records(roster, absences, scores, transfers)


def inputs_from(dataset) -> Inputs:
    """Index the dataset's tables for the engine (one pass over each table)."""
    return inputs_from_records(records_of(dataset))


def inputs_from_records(records: Records) -> Inputs:
    """Index the engine's columns: postings by team and by person, absences, scores, transfers."""
    return index_inputs(records.roster, records.absences, records.scores, records.transfers)


@dataclass
class RunResult:
    payments: pd.DataFrame
    ledger: pd.DataFrame
    periods: pd.DataFrame
    books: list[Books] = field(default_factory=list)
    pending_months: list[dt.date] = field(default_factory=list)


def run(law: CompiledLaw, dataset, start: dt.date | None = None, end: dt.date | None = None) -> RunResult:
    """Compute every payment period whose months fall in [start, end] (default: all transfer months)."""
    all_books, pending = compute(law, dataset, start, end)
    return _tables(all_books, pending)


def compute(law: CompiledLaw, dataset, start: dt.date | None = None, end: dt.date | None = None,
            inputs: Inputs | None = None) -> tuple[list[Books], list[dt.date]]:
    """The books of every period with money in [start, end], and the months still pending.

    `inputs`, when given, are the dataset already indexed (a batch, or a diff running the same
    data several times: the engine only reads them)."""
    if inputs is None:
        inputs = inputs_from(dataset)
    months_with_money = sorted({month for month, _ in inputs.transfers})
    if not months_with_money:
        return [], []
    first = period_start((start or months_with_money[0]).replace(day=1), law.at)
    last = (end or months_with_money[-1]).replace(day=1)
    months = months_between(first, last)
    plan, pending = periods(months, law.at)
    all_books: list[Books] = []
    carry = 0
    views: dict[str, LawView] = {}
    for period in plan:
        text = law.at(period.payment_date)
        view = views.get(text.version) if text else None
        if text and view is None:  # (not setdefault: that would build a view for every period)
            view = views[text.version] = LawView.of(text)
        books = compute_period(view, period, inputs, carry)
        carry = books.carry_out()
        if books.pool == 0:
            continue  # a period with no money (e.g. between cycles) has nothing to show
        all_books.append(books)
    return all_books, pending


def _frame(columns: dict[str, list], names: list[str], money: set[str]) -> pd.DataFrame:
    """A table from its columns: money as int64, the rest as plain objects (pandas would otherwise
    turn every text column into its own string type, which costs more than computing the payments
    of a small municipality)."""
    return pd.DataFrame({name: pd.Series(columns[name], dtype="int64" if name in money else object)
                         for name in names})


MONEY_COLUMNS = {"payments": {"amount"}, "ledger": {"amount"},
                 "periods": {"transfers", "carry_in", "pool", "to_staff", "to_destinations", "carry_out",
                             "undistributed"}}
COLUMNS = {"payments": PAYMENT_COLUMNS, "ledger": LEDGER_COLUMNS, "periods": PERIOD_COLUMNS}


def frames(columns: dict[str, dict[str, list]]) -> dict[str, pd.DataFrame]:
    """The output tables from their columns (as `columns_of` gives them, or several concatenated)."""
    return {name: _frame(columns[name], COLUMNS[name], MONEY_COLUMNS[name]) for name in COLUMNS}


def _tables(all_books: list[Books], pending: list[dt.date]) -> RunResult:
    t = frames(columns_of(all_books))
    return RunResult(t["payments"], t["ledger"], t["periods"], all_books, pending)


__all__ = ["run", "RunResult", "inputs_from", "Period", "month_end", "CARRY_OVER"]
