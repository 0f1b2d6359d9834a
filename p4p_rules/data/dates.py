"""Read dates (dd/mm/yyyy, yyyy-mm-dd or a date cell) and months (mm/yyyy, yyyy-mm, out/2012,
dd/mm/yyyy) a whole column at a time."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from p4p_rules.data.cells import Parsed, is_text, normalized, on_distinct
from p4p_rules.model.vocabulary import MONTHS, normalize

DAY_FIRST = r"^(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4})$"
ISO = r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$"
# Excel exports a date cell with its time when the cell format has one: 01/03/2015 00:00:00
TIME = r"[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$"
MONTH_YEAR = r"^(?P<month>\d{1,2})[/-](?P<year>\d{4})$"
ISO_MONTH = r"^(?P<year>\d{4})-(?P<month>\d{1,2})$"
# Excel in pt-BR shows a month typed as 10/2012 as "out/12"; a CSV export keeps what is shown
# (matched after normalize(), which has turned spaces and hyphens into "_")
NAMED_MONTH = r"^(?P<name>[a-z]+)(?:_de_|/de/|[/_])(?P<year>\d{4}|\d{2})$"
MONTH_NUMBERS: dict[str, int] = {}
for _term in MONTHS.terms.values():
    for _name in (*_term.pt, *_term.en):
        MONTH_NUMBERS[normalize(_name)] = int(_term.id)
        MONTH_NUMBERS[normalize(_name)[:3]] = int(_term.id)  # jan fev mar abr mai … / jan feb mar …


@on_distinct
def parse_dates(col: pd.Series) -> Parsed:
    """Dates as datetime64[ns] at midnight; NaT where missing or bad."""
    out = pd.Series(pd.NaT, index=col.index, dtype="datetime64[ns]")
    text = is_text(col)
    t = col[text].astype(str).str.replace(TIME, "", regex=True)
    parts = t.str.extract(DAY_FIRST)
    iso = t.str.extract(ISO)
    parts = parts.where(parts["year"].notna(), iso)
    out[text] = _from_parts(parts)
    other = col.notna() & ~text
    if other.any():
        out[other] = pd.Series([_native_date(v) for v in col[other]], index=col.index[other],
                               dtype="datetime64[ns]")
    return Parsed(out, (col.notna() & out.isna()).astype(bool))


@on_distinct
def parse_months(col: pd.Series) -> Parsed:
    """Months as the datetime64[ns] of their first day; a full date stands for its month."""
    text = is_text(col)
    t = col[text].astype(str).str.replace(TIME, "", regex=True)
    parts = t.str.extract(MONTH_YEAR)
    for pattern in (ISO_MONTH, DAY_FIRST, ISO):
        more = t.str.extract(pattern)[["year", "month"]]
        parts = parts.where(parts["year"].notna(), more)
    named = normalized(t).str.extract(NAMED_MONTH)
    number = named["name"].map(MONTH_NUMBERS)
    year = named["year"].where(named["year"].str.len() == 4, "20" + named["year"])
    named_parts = pd.DataFrame({"month": number, "year": year}).where(number.notna())
    parts = parts.where(parts["year"].notna(), named_parts)
    parts["day"] = "1"
    out = pd.Series(pd.NaT, index=col.index, dtype="datetime64[ns]")
    out[text] = _from_parts(parts)
    other = col.notna() & ~text
    if other.any():
        natives = pd.Series([_native_date(v) for v in col[other]], index=col.index[other], dtype="datetime64[ns]")
        out[other] = natives.dt.to_period("M").dt.to_timestamp()
    return Parsed(out, (col.notna() & out.isna()).astype(bool))


# Dates are datetime64[ns], which holds 1677-09-21 .. 2262-04-11; years outside are refused (as
# bad dates) rather than left to overflow.  HR systems write 31/12/9999 for "no end": that is D111.
FIRST_YEAR, LAST_YEAR = 1678, 2261


def _from_parts(parts: pd.DataFrame) -> pd.Series:
    """year/month/day text columns to dates; impossible dates (31/02, year 9999) become NaT."""
    numbers = parts[["year", "month", "day"]].apply(pd.to_numeric, errors="coerce")
    # to_datetime raises on an out-of-range year even with errors="coerce"
    numbers = numbers.where(numbers["year"].between(FIRST_YEAR, LAST_YEAR))
    dates = pd.to_datetime(numbers, errors="coerce")
    return dates.astype("datetime64[ns]")


def year_out_of_range(value: object) -> bool:
    """A date cell, or date text, whose year is outside FIRST_YEAR..LAST_YEAR."""
    if isinstance(value, (dt.date, pd.Timestamp)):
        return not FIRST_YEAR <= value.year <= LAST_YEAR
    if isinstance(value, str):
        year = re.search(r"(?<!\d)\d{4}(?!\d)", value)
        return year is not None and not FIRST_YEAR <= int(year.group()) <= LAST_YEAR
    return False


def _native_date(value: object) -> pd.Timestamp | None:
    # a number in a date column is an Excel serial shown as a number; the help says to format it
    if isinstance(value, (dt.date, pd.Timestamp)):
        stamp = pd.Timestamp(value)
        if stamp.tzinfo is not None:  # a Parquet timestamp with a time zone: the local date is meant
            stamp = stamp.tz_localize(None)
        if not FIRST_YEAR <= stamp.year <= LAST_YEAR:
            return None
        return stamp.normalize()
    return None
