"""Dates, months, yes/no flags, CBO codes and whole numbers as Brazilian spreadsheets write them."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from p4p_rules.data.cells import as_text, parse_cbo, parse_flags
from p4p_rules.data.dates import parse_dates, parse_months
from p4p_rules.data.numbers import parse_decimal, parse_int

D = pd.Timestamp


def one(parser, cell: object) -> object:
    parsed = parser(pd.Series([cell], dtype=object))
    if parsed.bad.iloc[0]:
        return "bad"
    value = parsed.values.iloc[0]
    return None if pd.isna(value) else value


@pytest.mark.parametrize("cell, expected", [
    ("31/12/2017", D(2017, 12, 31)), ("1/3/2015", D(2015, 3, 1)), ("01-03-2015", D(2015, 3, 1)),
    ("01.03.2015", D(2015, 3, 1)), ("2015-03-01", D(2015, 3, 1)), ("01/03/2015 00:00:00", D(2015, 3, 1)),
    ("2015-03-01T00:00:00", D(2015, 3, 1)), ("29/02/2016", D(2016, 2, 29)),
    (dt.datetime(2015, 3, 1, 14, 30), D(2015, 3, 1)), (dt.date(2015, 3, 1), D(2015, 3, 1)),
    (D(2015, 3, 1), D(2015, 3, 1)), (None, None),
    ("31/02/2015", "bad"), ("29/02/2015", "bad"), ("13/13/2015", "bad"), ("01/03/15", "bad"), ("2015/03/01", "bad"),
    ("ontem", "bad"), (42064, "bad"),  # an Excel serial shown as a number
])
def test_dates(cell: object, expected: object) -> None:
    assert one(parse_dates, cell) == expected


def test_dates_are_nanosecond_datetimes() -> None:
    parsed = parse_dates(pd.Series(["01/03/2015", None], dtype=object))
    assert str(parsed.values.dtype) == "datetime64[ns]"


@pytest.mark.parametrize("cell, expected", [
    ("10/2012", D(2012, 10, 1)), ("1/2013", D(2013, 1, 1)), ("2012-10", D(2012, 10, 1)),
    ("01/10/2012", D(2012, 10, 1)), ("15/10/2012", D(2012, 10, 1)), ("2012-10-01", D(2012, 10, 1)),
    ("out/2012", D(2012, 10, 1)), ("out/12", D(2012, 10, 1)), ("Outubro/2012", D(2012, 10, 1)),
    ("outubro de 2012", D(2012, 10, 1)), ("mar/2015", D(2015, 3, 1)), ("Março/2015", D(2015, 3, 1)),
    ("dez/17", D(2017, 12, 1)), ("Oct-2012", D(2012, 10, 1)), (dt.datetime(2012, 10, 15), D(2012, 10, 1)),
    ("13/2012", "bad"), ("10/12", "bad"), ("outubru/2012", "bad"), ("2012", "bad"), (201210, "bad"),
])
def test_months(cell: object, expected: object) -> None:
    assert one(parse_months, cell) == expected


@pytest.mark.parametrize("cell, expected", [
    ("sim", True), ("Sim", True), ("SIM", True), ("s", True), ("yes", True), ("true", True), ("1", True),
    ("x", True), ("X", True), ("VERDADEIRO", True), (True, True), (1, True), (1.0, True),
    ("não", False), ("nao", False), ("NÃO", False), ("n", False), ("no", False), ("false", False), ("0", False),
    ("FALSO", False), (False, False), (0, False),
    ("talvez", "bad"), ("2", "bad"),
])
def test_flags(cell: object, expected: object) -> None:
    assert one(parse_flags, cell) == expected


@pytest.mark.parametrize("cell, expected", [
    ("225142", "225142"), ("2251-42", "225142"), ("2251.42", "225142"), (225142, "225142"),
    (225142.0, "225142"), (10105, "010105"), ("22514", "bad"), ("médico", "bad"), ("2251-420", "bad"),
])
def test_cbo(cell: object, expected: object) -> None:
    assert one(parse_cbo, cell) == expected


@pytest.mark.parametrize("cell, expected", [
    ("81,47", 81.47), ("81.47", 81.47), ("100", 100.0), ("0", 0.0), (55.5, 55.5), (None, None),
    ("81,4,7", "bad"), ("1.234,5", "bad"), ("oitenta", "bad"),
])
def test_scores_are_plain_decimals(cell: object, expected: object) -> None:
    assert one(parse_decimal, cell) == expected


@pytest.mark.parametrize("cell, expected", [
    ("2", 2), (3, 3), (3.0, 3), ("40", 40), (2.5, "bad"), ("dois", "bad"), ("2,0", "bad"),
])
def test_whole_numbers(cell: object, expected: object) -> None:
    assert one(parse_int, cell) == expected


def test_numeric_cells_read_as_text() -> None:
    cells = pd.Series([12690, 12690.0, "012345", None, 1.5, D(2015, 3, 1)], dtype=object)
    assert as_text(cells).tolist() == ["12690", "12690", "012345", None, "1.5", "01/03/2015"]
