"""The fast ways of reading national files give what the plain ways give: pyarrow's CSV reader what
pandas' gives, columns handled by their distinct values what cell-by-cell handling gives, ids
compared as numbers what comparing their 'scope<US>id' keys gives; and a national file with an empty
municipality cell is reported, not a crash."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from p4p_rules.data import DataError, load_dataset
from p4p_rules.data.cells import Coded, Shared, as_text, factorize_objects
from p4p_rules.data.checks import SCOPE_SEPARATOR, id_keys, scoped_key
from p4p_rules.data.dates import parse_dates
from p4p_rules.data.numbers import parse_centavos, parse_decimal, parse_int
from p4p_rules.data.read import ROW, _clean, _clean_cell, clean_cells, tokenise_arrow, tokenise_fast
from tests.data_loading.helpers import INPUTS, M05


def rows_of(tokenised: tuple[list[object], int, pd.DataFrame] | None) -> object:
    """Header, header row and (row, cells...) of each body row, as plain Python values."""
    if tokenised is None:
        return None
    header, header_row, body = tokenised
    cells = body.drop(columns=[ROW]).astype(object)
    return header, header_row, [(int(r), *(None if pd.isna(v) else v for v in values))
                                for r, values in zip(body[ROW], cells.itertuples(index=False), strict=True)]


# ---- CSV: pyarrow's reader and pandas' --------------------------------------------------------
REGULAR = [
    "id;nome\r\n1; Ana \r\n\r\n;\r\n2;Bia",  # CRLF, no newline at the end, a blank line, a row of separators
    "a;b;c;\n1;2;3;\n",                     # Excel's trailing separator: an untitled column
    "a\n1\n\n2\n",                          # one column, with a blank line
    ";;\n;;\na;b;c\n1;2;3\n",               # the header below rows of separators
    "a,b\n1.5,x\n",                         # another separator
    "a;b\n;\n",                             # only the header has something
]


@pytest.mark.parametrize("text", REGULAR)
def test_arrow_reads_regular_files_as_pandas_does(text: str) -> None:
    sep = "," if "," in text else ";"
    fast = tokenise_arrow(text, sep)
    assert fast is not None
    assert rows_of(fast) == rows_of(tokenise_fast(text, sep))


def test_arrow_rows_worked_out() -> None:
    assert rows_of(tokenise_arrow(REGULAR[0], ";")) == (["id", "nome"], 1, [(2, "1", " Ana "), (5, "2", "Bia")])
    assert rows_of(tokenise_arrow(REGULAR[3], ";")) == (["a", "b", "c"], 3, [(4, "1", "2", "3")])


@pytest.mark.parametrize("name", INPUTS)
def test_arrow_reads_the_bundled_files_as_pandas_does(name: str) -> None:
    text = (M05 / f"{name}.csv").read_text(encoding="utf-8")
    assert rows_of(tokenise_arrow(text, ";")) == rows_of(tokenise_fast(text, ";"))


@pytest.mark.parametrize("text", [
    'a;b\n"1;2";3\n',     # quotes: a field may hold the separator or a line break
    'a;b\n"x";3\n',       # ... and quotes are not part of the field
    "a;b;c\n1;2\n",       # a short row (pandas fills it in)
    "a;b\n1;2;3\n",       # a long row
    "a;b\r1;2\r",         # lone carriage returns end records but not lines
    "a;b\n1;\x002\n",     # NUL
    "\ufeffa;b\n1;2\n",   # a second byte-order mark, which pyarrow would skip
    "\n\na;b\n1;2\n",     # blank lines before the header: the first line is one field wide
    "",
])
def test_arrow_leaves_irregular_files_to_pandas(text: str) -> None:
    assert tokenise_arrow(text, ";") is None


# ---- cleaning typed columns by distinct value -------------------------------------------------
TYPED = [
    pd.Series([0.0, -0.0, np.nan, 1.5, 1.5, np.inf, -0.0, 12690.0]),
    pd.Series([7, 7, -3, 2**40, 7], dtype="int64"),
    pd.Series([True, False, True]),
    pd.Series(pd.to_datetime(["2015-03-01 00:00", None, "2015-03-01 14:30"])),
    pd.Series(pd.to_datetime(["2015-03-01", "2015-03-01"]).as_unit("s")),
    pd.Series(pd.to_datetime(["2013-01-01", None], utc=True)).dt.tz_convert("America/Recife"),
    pd.Series(pd.to_timedelta(["1D", None, "1D"])),
    pd.Series([True, 1, 1.0, "  x ", "", " ", None, np.nan, pd.NaT, pd.NA, [1, 2], Decimal("1.50"), Decimal("1.5"),
               -0.0, 0.0, dt.date(2015, 3, 1), dt.datetime(2015, 3, 1)], dtype=object),
    pd.Series(["a", None, "b"], dtype="category"),
    pd.Series([1, None, 3], dtype="Int64"),
    pd.Series([" a", "a ", None, "", "b"], dtype="str"),
]


def key(value: object) -> object:
    """A value, its type, and the sign of a zero: what a cell must keep through cleaning."""
    if isinstance(value, float):
        return ("float", "nan" if math.isnan(value) else value, math.copysign(1, value))
    if isinstance(value, Decimal):
        return ("Decimal", str(value))
    return (type(value).__name__, value if not isinstance(value, list) else tuple(value))


@pytest.mark.parametrize("col", TYPED, ids=lambda c: str(c.dtype))
def test_cleaning_by_distinct_value_is_cleaning_each_cell(col: pd.Series) -> None:
    # the reference: every cell through _clean_cell, as pandas converts it to an object
    reference = [_clean_cell(v) for v in col.astype(object)]
    cleaned, missing, _ = _clean(col)
    assert cleaned.dtype == object
    assert [key(v) for v in cleaned] == [key(v) for v in reference]
    assert missing.tolist() == [v is None for v in reference]


def test_cleaning_worked_out() -> None:
    assert clean_cells(pd.Series([" a", "a ", None, "", "b"], dtype="str")).tolist() == ["a", "a", None, None, "b"]
    cleaned = clean_cells(pd.Series([0.0, -0.0, np.nan]))
    assert [math.copysign(1, cleaned[0]), math.copysign(1, cleaned[1]), cleaned[2]] == [1.0, -1.0, None]


def test_equal_typed_cells_share_one_object() -> None:
    # what makes converting a typed column cost one call per distinct value (cells.per_object)
    cleaned = clean_cells(pd.Series([2**40, 2**40, 5]))
    assert cleaned[0] is cleaned[1]


def test_text_columns_come_with_their_distinct_values() -> None:
    cleaned, missing, coded = _clean(pd.Series([" a", "a ", None, " ", "b"], dtype="str"))
    assert isinstance(coded, Coded)
    assert sorted(coded.values) == ["a", "b"]
    assert [None if c < 0 else coded.values[c] for c in coded.codes] == cleaned.tolist() == ["a", "a", None, None, "b"]
    assert missing.tolist() == [False, False, True, True, False]


# ---- parsing by distinct value ----------------------------------------------------------------
def shared(cells: list[object]) -> tuple[pd.Series, Shared]:
    """A typed column as a reader gives it (equal cells as one object, if they were one), and its Shared."""
    col = pd.Series(cells, dtype=object)
    _, _, distinct = _clean(col)
    assert isinstance(distinct, Shared)
    return col, distinct


@pytest.mark.parametrize("parse", [parse_int, parse_decimal, parse_centavos, parse_dates])
def test_parsing_shared_objects_is_parsing_the_column(parse) -> None:  # type: ignore[no-untyped-def]
    one = 10**20
    # True == 1 == 1.0 and 0.0 == -0.0: the first of equal cells stands for them, as pd.factorize has it
    cells: list[object] = [True, 1, 1.0, -0.0, 0.0, None, one, one, Decimal("2.50"), Decimal("2.5"),
                           dt.date(2015, 3, 1), "12", "12", 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40]
    col, distinct = shared(cells)
    expected, got = parse(col), distinct.parse(parse, col)
    pd.testing.assert_series_equal(got.values, expected.values, check_names=False)
    pd.testing.assert_series_equal(got.bad, expected.bad, check_names=False)


def test_shared_text_is_as_text() -> None:
    col, distinct = shared([12690.0, 12690.0, True, 1, None, "x", dt.date(2015, 3, 1)])
    assert distinct.text(col.index).tolist() == as_text(col).tolist() == [
        "12690", "12690", "true", "1", None, "x", "01/03/2015"]


@pytest.mark.parametrize("cells", [
    [True, 1, 1.0, True, None, np.nan, "a", "a"],
    [Decimal("1.50"), Decimal("1.5"), None, Decimal("1.5")],
    [-0.0, 0.0, -0.0],
])
def test_factorize_objects_is_pd_factorize(cells: list[object]) -> None:
    col = pd.Series(cells, dtype=object)
    col = pd.Series(np.array([col[0]] * 3 + list(col), dtype=object))  # a shared object, as the readers give
    codes, uniques = factorize_objects(col)
    expected_codes, expected = pd.factorize(col)
    assert codes.tolist() == expected_codes.tolist()
    assert [key(v) for v in uniques] == [key(v) for v in expected]


# ---- ids as numbers ---------------------------------------------------------------------------
def test_id_keys_are_equal_where_scoped_keys_are() -> None:
    sep = SCOPE_SEPARATOR
    roster = pd.DataFrame({"municipality": ["1", "1", "2", None, "1", "a" + sep + "b", "a"],
                           "team_id": ["T", "U", "T", "T", None, "c", "b" + sep + "c"]}, dtype=object)
    scores = pd.DataFrame({"municipality": ["2", None, "1", "9"], "team_id": ["T", "X", "U", "T"]}, dtype=object)
    for tables in ({"roster": roster.iloc[:5], "scores": scores}, {"roster": roster, "scores": scores}):
        keys = id_keys(tables, "team_id", ("municipality",))
        known = np.concatenate([keys[n].known for n in tables])
        present = np.concatenate([keys[n].present for n in tables])
        spelt = pd.concat([scoped_key(t, "team_id", ("municipality",)) for t in tables.values()]).tolist()
        ids = pd.concat([t["team_id"] for t in tables.values()]).tolist()
        assert present.tolist() == [i is not None for i in ids]
        for a in range(len(spelt)):
            for b in range(len(spelt)):
                same = spelt[a] == spelt[b] or (pd.isna(spelt[a]) and pd.isna(spelt[b]))
                assert (known[a] == known[b]) == same, (spelt[a], spelt[b])
    # with a cell holding the separator, 'a<US>b' + 'c' and 'a' + 'b<US>c' are one key, as spelt
    keys = id_keys({"roster": roster}, "team_id", ("municipality",))["roster"]
    assert keys.known[5] == keys.known[6] and keys.pair[5] != keys.pair[6]
    assert keys.known[3] == -1 and keys.known[4] == -1  # no scope, no id


def test_id_keys_without_scope_are_the_ids() -> None:
    roster = pd.DataFrame({"staff_id": ["1", "2", None, "1"]}, dtype=object)
    absences = pd.DataFrame({"staff_id": ["2", "3"]}, dtype=object)
    keys = id_keys({"roster": roster, "absences": absences}, "staff_id")
    assert keys["roster"].known[0] != keys["roster"].known[1]
    assert keys["roster"].known[0] == keys["roster"].known[3] and keys["roster"].known[2] == -1
    assert keys["absences"].known[0] == keys["roster"].known[1]
    assert keys["absences"].known[1] not in keys["roster"].known


# ---- national files with an empty municipality cell --------------------------------------------
ROSTER = """\
municipality;staff_id;name;team_id;cadre;cbo;start_date;end_date;contract_type;signed_contract;weekly_hours
1;10001;Ana Lima;ESF-01;enfermeira;223565;01/01/2010;;efetivo;sim;40
2;10001;Bruno Reis;ESF-01;médico;225142;01/01/2010;;contratado;sim;40
"""
SCORES = """\
municipality;team_id;cycle;evaluation_date;score;category
1;ESF-01;1;10/07/2012;55,76;mediano
2;ESF-01;1;10/07/2012;60,00;bom
2;ESF-02;1;10/07/2012;60,00;bom
;ESF-01;1;10/07/2012;60,00;bom
"""
TRANSFERS = """\
municipality;month;team_id;amount
1;10/2012;ESF-01;1.700,00
2;10/2012;ESF-01;1.700,00
"""


def national(directory: Path, roster: str = ROSTER, scores: str = SCORES) -> Path:
    directory.mkdir()
    for name, text in (("roster", roster), ("scores", scores), ("transfers", TRANSFERS)):
        (directory / f"{name}.csv").write_text(text, encoding="utf-8")
    return directory


def test_a_row_without_municipality_is_reported_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(DataError) as info:
        load_dataset(national(tmp_path / "n"), language="en", scope="municipality")
    got = [(Path(p.file).name, p.row, p.column, p.code, p.help) for p in info.value.problems]
    assert got == [
        # ESF-02 is not a team of municipality 2, which has ESF-01
        ("scores.csv", 4, "team_id", "D141", "did you mean 'ESF-01'?"),
        # without a municipality, the row's team is no municipality's: nothing to suggest
        ("scores.csv", 5, "municipality", "D110", None),
        ("scores.csv", 5, "team_id", "D141", None),
    ]


def test_a_roster_team_without_municipality_is_suggested_nowhere(tmp_path: Path) -> None:
    roster = ROSTER + ";10003;Carla Dias;ESF-03;enfermeira;223565;01/01/2010;;efetivo;sim;40\n"
    scores = "\n".join(SCORES.splitlines()[:4]) + "\n"
    with pytest.raises(DataError) as info:
        load_dataset(national(tmp_path / "n", roster, scores), language="en", scope="municipality")
    got = [(Path(p.file).name, p.row, p.column, p.code, p.help) for p in info.value.problems]
    assert got == [("roster.csv", 4, "municipality", "D110", None),
                   ("scores.csv", 4, "team_id", "D141", "did you mean 'ESF-01'?")]


# ---- Parquet: dates and amounts numbered by Arrow ----------------------------------------------
def test_parquet_dates_and_decimals_are_read_as_pandas_reads_them(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from p4p_rules.data.problems import Report
    from p4p_rules.data.read import read_cells

    amounts = [Decimal("5100.00"), None, Decimal("-1.50"), Decimal("0.00"), Decimal("5100.00"), Decimal("0.01")]
    days = [dt.date(2016, 1, 1), dt.date(2016, 1, 1), None, dt.date(1600, 1, 1), dt.date(9999, 12, 31), None]
    path = tmp_path / "transfers.parquet"
    pq.write_table(pa.table({"amount": pa.array(amounts, pa.decimal128(15, 2)), "month": pa.array(days, pa.date32()),
                             "wide": pa.array(amounts, pa.decimal128(20, 3))}), path)
    cells = read_cells(path, Report(str(path), "en"))
    assert cells is not None
    plain = pd.read_parquet(path)
    for name in ("amount", "month", "wide"):
        assert [key(v) for v in cells[name]] == [key(_clean_cell(v)) for v in plain[name].astype(object)]
    assert cells["amount"][0] is cells["amount"][4] and cells["month"][0] is cells["month"][1]
    assert str(cells["wide"][0]) == "5100.000"  # the scale of the column, as pandas gives it
