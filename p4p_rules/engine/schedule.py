"""Payment periods: which transfer months are pooled together and when they are paid.

Walking month by month, the version in force on the last day of a month says the frequency; a
month closes a period when its number is a multiple of the period length (periods are aligned to
the calendar year: quarterly closes in March, June, September, December) or, for an annual payment
in a named month, when it is that month.  A period pools every month since the previous close.
It is paid on the last day of its closing month plus the law's lag, and the version in force on
that payment date computes it.  Months after the last close are "pending": not paid in this run.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from p4p_rules.model import law as m


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """calendar.monthrange(year, month)[1], compiled with the engine (the standard library's is
    interpreted Python, and a month's end is asked for per person and period)."""
    if month == 2 and calendar.isleap(year):
        return 29
    return _MONTH_DAYS[month - 1]


def month_end(d: dt.date) -> dt.date:
    return d.replace(day=days_in_month(d.year, d.month))


def add_months(d: dt.date, n: int) -> dt.date:
    y, mo = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, mo + 1
    return dt.date(year, month, min(d.day, days_in_month(year, month)))


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """First days of every month from `first` to `last`, inclusive."""
    out, cur = [], first.replace(day=1)
    while cur <= last:
        out.append(cur)
        cur = add_months(cur, 1)
    return out


@dataclass
class Period:
    months: list[dt.date]                      # first day of each pooled month
    payment_date: dt.date
    frequency_cite: str | None = None
    lag_cite: str | None = None
    notes: list[str] = field(default_factory=list)
    # months of the period with any transfer row, and per team: amounts "per month" count these
    money_months: set[dt.date] = field(default_factory=set)
    team_months: dict[str, set[dt.date]] = field(default_factory=dict)
    # the last day, asked for per person and team: computed once (months do not change once planned)
    _end: tuple[dt.date, dt.date] | None = field(default=None, repr=False, compare=False)

    @property
    def start(self) -> dt.date:
        return self.months[0]

    @property
    def end(self) -> dt.date:
        end = self._end
        if end is None or end[0] is not self.months[-1]:
            end = self._end = (self.months[-1], month_end(self.months[-1]))
        return end[1]

    @property
    def label(self) -> str:
        first, last = self.months[0], self.months[-1]
        # what f"{first:%Y-%m}" gives, without strftime (4.6 µs a call here, once per period's books)
        start = f"{first.year}-{first.month:02d}"
        return start if first == last else f"{start}..{last.year}-{last.month:02d}"


def _frequency(text: m.LawInForce | None) -> tuple[int, int | None, int, str | None, str | None]:
    """(months per period, named month, lag months, citations) of a version; monthly with no lag if silent."""
    if text is None:
        return 1, None, 0, None, None
    from p4p_rules.engine.view import LawView
    view = LawView.of(text)
    freq = view.last(m.Frequency)
    lag = view.last(m.Lag)
    return (freq.provision.months if freq else 1, freq.provision.in_month if freq else None,
            lag.provision.months if lag else 0, freq.cite if freq else None, lag.cite if lag else None)


def period_start(month: dt.date, version_at) -> dt.date:
    """The first month of the aligned period that contains `month` (so a period is never cut short
    because the data starts in its middle)."""
    n, named, _, _, _ = _frequency(version_at(month_end(month)))
    start = month
    for _ in range(11):
        previous = add_months(start, -1)
        closes = (previous.month == named) if named else (previous.month % n == 0)
        if closes:
            break
        start = previous
    return start


def periods(months: list[dt.date], version_at) -> tuple[list[Period], list[dt.date]]:
    """Group consecutive months into payment periods; return them and the pending months."""
    out: list[Period] = []
    pending: list[dt.date] = []
    known: dict[int, tuple[int, int | None, int, str | None, str | None]] = {}  # per version: read once
    for month in months:
        pending.append(month)
        text = version_at(month_end(month))
        if id(text) not in known:
            known[id(text)] = _frequency(text)
        n, named, lag, fcite, lcite = known[id(text)]
        closes = (month.month == named) if named else (month.month % n == 0)
        if closes:
            payment = month_end(add_months(month_end(month), lag))
            out.append(Period(pending, payment, fcite, lcite))
            pending = []
    return out, pending
