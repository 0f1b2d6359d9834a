"""The engine's columns made from pandas columns: text as str or None, dates as dates or None."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from p4p_rules.engine.run import _dates, _texts


def test_text_from_the_loader_is_kept_as_it_is():
    column = pd.Series(["ESF-01", "ESF-02", "ESF-01"], dtype=object)
    assert _texts(column) == ["ESF-01", "ESF-02", "ESF-01"]
    assert _texts(pd.Series([], dtype=object)) == []


def test_every_kind_of_missing_cell_becomes_none():
    column = pd.Series(["a", None, "b", float("nan"), pd.NA, "c"], dtype=object)
    assert _texts(column) == ["a", None, "b", None, None, "c"]
    assert _texts(pd.Series([None, None], dtype=object)) == [None, None]


def test_numbers_and_mixed_cells_become_text():
    assert _texts(pd.Series([10256, 10257])) == ["10256", "10257"]
    values = _texts(pd.Series([10256, "x", None, float("nan")], dtype=object))
    assert values == ["10256", "x", None, None]
    assert all(type(v) is str for v in values if v is not None)


def test_dates_with_missing_days_and_repeated_days():
    column = pd.Series(pd.to_datetime(["2013-03-01", None, "2013-03-01", "1969-12-31", "2014-02-28"]))
    assert _dates(column) == [dt.date(2013, 3, 1), None, dt.date(2013, 3, 1), dt.date(1969, 12, 31),
                              dt.date(2014, 2, 28)]
    every_one_missing = pd.Series(np.array(["NaT", "NaT"], dtype="datetime64[ns]"))
    assert _dates(every_one_missing) == [None, None]
    assert _dates(pd.Series([], dtype="datetime64[ns]")) == []
