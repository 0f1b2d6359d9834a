"""The same data in every form a municipality may send it — UTF-8 with a BOM, Windows-1252, CRLF,
',' separator with '.' decimals, XLSX (text or typed cells), Parquet — loads to the same Dataset."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from p4p_rules.data import Dataset, load_dataset
from tests.data_loading.helpers import INPUTS, M05


@pytest.fixture(scope="module")
def expected() -> Dataset:
    return load_dataset(M05)


def assert_same(a: Dataset, b: Dataset) -> None:
    for name in INPUTS:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_exact=True)
    assert a.equals(b)


def rows(name: str) -> list[list[str]]:
    with (M05 / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f, delimiter=";"))


def write_csv(path: Path, table: list[list[str]], *, sep: str = ";", encoding: str = "utf-8",
              newline: str = "\n") -> None:
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator=newline).writerows(table)
    path.write_bytes(out.getvalue().encode(encoding))


def typed(name: str) -> pd.DataFrame:
    """The file as typed columns, read the way its README shows (amounts as float reais)."""
    df = pd.read_csv(M05 / f"{name}.csv", sep=";", decimal=",", thousands=".", encoding="utf-8",
                     dtype={"staff_id": str, "team_id": str, "cbo": str, "signed_contract": str},
                     keep_default_na=False, na_values=[""])
    for col in ("start_date", "end_date", "evaluation_date"):
        if col in df:
            df[col] = pd.to_datetime(df[col], format="%d/%m/%Y")
    if "month" in df:
        df["month"] = pd.to_datetime(df["month"], format="%m/%Y")
    return df


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252", "utf-16"])
def test_encodings(tmp_path: Path, expected: Dataset, encoding: str) -> None:
    for name in INPUTS:
        write_csv(tmp_path / f"{name}.csv", rows(name), encoding=encoding)
    if encoding == "cp1252":  # really not UTF-8: the accented names are single bytes
        assert "é".encode("cp1252") in (tmp_path / "roster.csv").read_bytes()
    assert_same(load_dataset(tmp_path), expected)


def test_windows_line_ends(tmp_path: Path, expected: Dataset) -> None:
    for name in INPUTS:
        write_csv(tmp_path / f"{name}.csv", rows(name), encoding="cp1252", newline="\r\n")
    assert_same(load_dataset(tmp_path), expected)


def test_comma_separator_and_dot_decimals(tmp_path: Path, expected: Dataset) -> None:
    for name in INPUTS:
        table = rows(name)
        header = table[0]
        for column in ("amount", "score"):
            if column in header:
                i = header.index(column)
                for line in table[1:]:
                    line[i] = line[i].replace(".", "").replace(",", ".")
        write_csv(tmp_path / f"{name}.csv", table, sep=",")
    assert "8500.00" in (tmp_path / "transfers.csv").read_text()
    assert_same(load_dataset(tmp_path), expected)


def test_comma_separator_with_quoted_brazilian_amounts(tmp_path: Path, expected: Dataset) -> None:
    for name in INPUTS:
        write_csv(tmp_path / f"{name}.csv", rows(name), sep=",")
    assert '"8.500,00"' in (tmp_path / "transfers.csv").read_text()
    assert_same(load_dataset(tmp_path), expected)


def test_xlsx_with_text_cells(tmp_path: Path, expected: Dataset) -> None:
    import openpyxl

    for name in INPUTS:
        book = openpyxl.Workbook()
        for line in rows(name):
            book.active.append([cell if cell != "" else None for cell in line])
        book.save(tmp_path / f"{name}.xlsx")
    assert_same(load_dataset(tmp_path), expected)


def test_xlsx_with_typed_cells(tmp_path: Path, expected: Dataset) -> None:
    for name in INPUTS:
        df = typed(name)
        if name == "roster":  # numeric cells where a spreadsheet user would have typed numbers
            df["staff_id"] = df["staff_id"].astype(int)
            df["cbo"] = df["cbo"].astype(int)
        df.to_excel(tmp_path / f"{name}.xlsx", index=False)
    assert_same(load_dataset(tmp_path), expected)


def test_parquet_typed(tmp_path: Path, expected: Dataset) -> None:
    for name in INPUTS:
        typed(name).to_parquet(tmp_path / f"{name}.parquet", index=False)
    assert_same(load_dataset(tmp_path), expected)


def test_parquet_with_decimal_amounts(tmp_path: Path, expected: Dataset) -> None:
    for name in INPUTS:
        df = typed(name)
        if name == "transfers":
            df["amount"] = [Decimal(line[2].replace(".", "").replace(",", ".")) for line in rows(name)[1:]]
        df.to_parquet(tmp_path / f"{name}.parquet", index=False)
    import pyarrow.parquet as pq

    assert str(pq.read_schema(tmp_path / "transfers.parquet").field("amount").type).startswith("decimal")
    assert_same(load_dataset(tmp_path), expected)


def test_parquet_of_text(tmp_path: Path, expected: Dataset) -> None:
    for name in INPUTS:
        table = rows(name)
        pd.DataFrame(table[1:], columns=table[0]).to_parquet(tmp_path / f"{name}.parquet", index=False)
    assert_same(load_dataset(tmp_path), expected)


def test_each_input_in_a_different_format(tmp_path: Path, expected: Dataset) -> None:
    write_csv(tmp_path / "roster.csv", rows("roster"), encoding="cp1252")
    typed("scores").to_excel(tmp_path / "scores.xlsx", index=False)
    typed("transfers").to_parquet(tmp_path / "transfers.parquet", index=False)
    write_csv(tmp_path / "absences.csv", rows("absences"), sep=",", encoding="utf-8-sig")
    data = load_dataset(tmp_path)
    assert_same(data, expected)
    assert Path(data.sources["scores"]).name == "scores.xlsx"


def test_upper_case_file_names_and_headers(tmp_path: Path, expected: Dataset) -> None:
    for name in INPUTS:
        table = rows(name)
        table[0] = [h.replace("_", " ").title() for h in table[0]]  # "Staff Id", "Start Date", …
        write_csv(tmp_path / f"{name.upper()}.CSV", table)
    assert_same(load_dataset(tmp_path), expected)


def test_absences_are_optional(tmp_path: Path, expected: Dataset) -> None:
    for name in ("roster", "scores", "transfers"):
        write_csv(tmp_path / f"{name}.csv", rows(name))
    data = load_dataset(tmp_path)
    assert data.absences.empty
    assert list(data.absences.columns) == list(expected.absences.columns)
    assert (data.absences.dtypes == expected.absences.dtypes).all()
    assert "absences" not in data.sources
