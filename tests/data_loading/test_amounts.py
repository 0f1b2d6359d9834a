"""Amounts become exact integer centavos: Brazilian text, US text and numeric cells, never via float."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from p4p_rules.data import load_dataset
from p4p_rules.data.numbers import parse_centavos
from tests.data_loading.helpers import write_mini

LIMIT = 10**13  # R$ 100 billion: beyond any municipal budget, well inside the parser's range


def centavos(*cells: object) -> list[object]:
    parsed = parse_centavos(pd.Series(list(cells), dtype=object))
    return [None if bad else (None if pd.isna(v) else int(v)) for v, bad in zip(parsed.values, parsed.bad)]


def brazilian(n: int, *, thousands: bool = True) -> str:
    reais, cents = divmod(abs(n), 100)
    whole = f"{reais:,}".replace(",", ".") if thousands else str(reais)
    return ("-" if n < 0 else "") + f"{whole},{cents:02d}"


@pytest.mark.parametrize("text, expected", [
    ("1.234,56", 123_456), ("0,1", 10), ("8.500,00", 850_000), ("0,00", 0), ("1234,56", 123_456),
    ("1234.56", 123_456), ("1234.5", 123_450), ("1,234.56", 123_456), ("1.234", 123_400),
    ("1.234.567", 123_456_700), ("12.34", 1_234), ("100", 10_000), ("R$ 1.234,56", 123_456),
    ("R$1.234,56", 123_456), (" 5.100,00 ", 510_000), ("-1.700,00", -170_000), ("1 234,56", 123_456),
    ("1\u00a0234,56", 123_456), ("\u22121,00", -100),
])
def test_text_amounts(text: str, expected: int) -> None:
    assert centavos(text) == [expected]


@pytest.mark.parametrize("text", [
    "1,234",      # three decimals with a comma: refused, not guessed as thousands
    "1,5000", "0.500", "1.2345", "1.234.56", "1.23.456", "12,3,4", "abc", "1,", ",50", "R$", "1.234,567",
    "1e3", "--1", "99999999999999999,00",
])
def test_unreadable_text(text: str) -> None:
    assert centavos(text) == [None]


@pytest.mark.parametrize("cell, expected", [
    (1700.0, 170_000), (5100, 510_000), (0.1, 10), (1234.56, 123_456), (Decimal("8500.00"), 850_000),
    (Decimal("1.230"), 123), (-5.0, -500),
])
def test_numeric_cells(cell: object, expected: int) -> None:
    assert centavos(cell) == [expected]


@pytest.mark.parametrize("cell", [1.234, 0.001, Decimal("0.005"), float("inf"), 1e-9, True])
def test_numeric_cells_with_fractions_of_a_centavo(cell: object) -> None:
    assert centavos(cell) == [None]


def test_missing_cells_are_not_bad() -> None:
    parsed = parse_centavos(pd.Series([None, "1,00"], dtype=object))
    assert pd.isna(parsed.values[0]) and not parsed.bad[0]
    assert parsed.values.dtype == "Int64"


@given(st.integers(-LIMIT, LIMIT))
def test_brazilian_text_round_trips(n: int) -> None:
    assert centavos(brazilian(n), brazilian(n, thousands=False)) == [n, n]


@given(st.integers(-LIMIT, LIMIT))
def test_us_text_round_trips(n: int) -> None:
    us = brazilian(n).translate(str.maketrans(".,", ",."))
    plain = brazilian(n, thousands=False).replace(",", ".")
    assert centavos(us, plain) == [n, n]


@given(st.integers(-LIMIT, LIMIT))
def test_float_cells_round_trip(n: int) -> None:
    # a spreadsheet holds R$ 1.234,56 as the float nearest to 1234.56; Decimal(str()) gets it back
    assert centavos(n / 100) == [n]


@given(st.lists(st.integers(0, LIMIT), min_size=1, max_size=50))
def test_whole_columns(values: list[int]) -> None:
    assert centavos(*[brazilian(v) for v in values]) == values


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, LIMIT), min_size=1, max_size=40), st.sampled_from([";", ","]))
def test_transfers_file_round_trips(values: list[int], sep: str) -> None:
    """Through the whole loader: a transfers file of Brazilian amounts gives back every centavo."""
    quote = '"' if sep == "," else ""  # with ',' as separator a spreadsheet quotes 1.234,56
    lines = [f"month{sep}team_id{sep}amount"] + [f"10/2012{sep}ESF-01{sep}{quote}{brazilian(v)}{quote}"
                                                 for v in values]
    with tempfile.TemporaryDirectory() as tmp:
        directory = write_mini(Path(tmp), transfers="\n".join(lines) + "\n")
        assert load_dataset(directory).transfers["amount"].tolist() == values
