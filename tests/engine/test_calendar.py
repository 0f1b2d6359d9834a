"""The engine's own calendar arithmetic (compiled with it) agrees with the standard library's."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest

from p4p_rules.engine.schedule import Period, add_months, days_in_month, month_end


def test_days_in_month_is_the_standard_librarys():
    for year in range(1896, 2105):  # 1900 and 2100 are not leap years, 2000 is
        for month in range(1, 13):
            assert days_in_month(year, month) == calendar.monthrange(year, month)[1], (year, month)


def test_month_end_and_add_months():
    assert month_end(dt.date(2024, 2, 10)) == dt.date(2024, 2, 29)
    assert month_end(dt.date(2100, 2, 1)) == dt.date(2100, 2, 28)
    assert month_end(dt.date(2014, 12, 31)) == dt.date(2014, 12, 31)
    assert add_months(dt.date(2015, 1, 31), 1) == dt.date(2015, 2, 28)   # the day clamped to the month's last
    assert add_months(dt.date(2016, 1, 31), 1) == dt.date(2016, 2, 29)
    assert add_months(dt.date(2014, 11, 30), 3) == dt.date(2015, 2, 28)
    assert add_months(dt.date(2014, 3, 15), -3) == dt.date(2013, 12, 15)


@pytest.mark.parametrize("first,last", [(dt.date(2014, 1, 1), dt.date(2014, 3, 1)), (dt.date(2015, 12, 1), None),
                                        (dt.date(999, 7, 1), dt.date(1000, 2, 1)), (dt.date(1, 1, 1), None)])
def test_a_period_is_labelled_as_strftime_would(first, last):
    """The label is built without strftime (once per period's books: it showed in profiles); it must
    read exactly as "%Y-%m" (and "%Y-%m..%Y-%m") does, which every table of payments shows."""
    months = [first] if last is None else [first, last]
    expected = first.strftime("%Y-%m") + ("" if last is None else ".." + last.strftime("%Y-%m"))
    assert Period(months, first).label == expected
