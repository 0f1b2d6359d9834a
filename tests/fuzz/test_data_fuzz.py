"""Bounded fuzzing of data files, in-process (the CI part; `make fuzz` runs the long one).

Damaged copies of M5's data must load, or give problems that name their file and, for a row or a
cell, its row and column; data that still loads must run under M5's law.  Hypothesis also puts
values of every native type (huge integers, infinities, far dates, odd text) into one column of
an XLSX or Parquet file of the loader tests' small dataset, where spreadsheet types meet parsing.
"""

from __future__ import annotations

import datetime as dt
import decimal
import io
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.fuzz.cases import seeded_failures
from tests.data_loading.helpers import MINI
from tests.fuzz.data_mutators import ODD_CELLS
from tests.fuzz.data_target import check_data_dir


def test_seeded_damaged_folders(tmp_path: Path) -> None:
    assert seeded_failures("data", tmp_path, range(8), deep=True) == []


VALUES = st.one_of(
    st.text(max_size=20), st.sampled_from(ODD_CELLS[:80]),
    st.integers(-(2**80), 2**80), st.floats(allow_nan=True, allow_infinity=True),
    st.datetimes(min_value=dt.datetime(1, 1, 1)), st.dates(), st.booleans(), st.none(),
    st.decimals(allow_nan=False, allow_infinity=False, places=3),
)
# the small valid dataset of the loader's tests: a case loads in a fraction of M5's time
INPUTS = {name.removesuffix(".csv"): [r.split(";") for r in text.strip().split("\n")] for name, text in MINI.items()}


def _xlsx(header: list[str], rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _parquet(header: list[str], rows: list[list[object]]) -> bytes:
    table = pa.table({h: pa.array([r[i] for r in rows]) for i, h in enumerate(header)})
    buf = io.BytesIO()
    pq.write_table(table, buf)
    return buf.getvalue()


@settings(derandomize=True, deadline=None, database=None, max_examples=20,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(sorted(INPUTS)), column=st.integers(0, 9), value=VALUES,
       fmt=st.sampled_from(["xlsx", "parquet"]), every_row=st.booleans())
def test_one_native_value_in_a_spreadsheet(tmp_path_factory, name: str, column: int, value: object, fmt: str,
                                           every_row: bool) -> None:
    header, *body = INPUTS[name]
    column %= len(header)
    rows: list[list[object]] = [list(r) for r in body]
    for i, row in enumerate(rows):
        if every_row or i == 0:
            row[column] = value
    if fmt == "parquet":  # a Parquet column has one type: the other cells become text of theirs
        for row in rows:
            if not every_row and row is not rows[0]:
                row[column] = None
    directory = tmp_path_factory.mktemp("data")
    for other in INPUTS:
        if other != name:
            (directory / f"{other}.csv").write_text(MINI[f"{other}.csv"], encoding="utf-8")
    try:
        data = (_xlsx if fmt == "xlsx" else _parquet)(header, rows)
    except (ValueError, TypeError, OverflowError, pa.ArrowException, decimal.InvalidOperation):
        assume(False)  # the writer itself refuses the value: no such file can exist
        return
    (directory / f"{name}.{fmt}").write_bytes(data)
    check_data_dir(directory)
