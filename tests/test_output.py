"""Amounts written as exact reais text, column at a time, and the same as one at a time."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from p4p_rules.output import _reais_texts, _with_reais, _write_csv, _write_csv_columns, reais


def test_reais_by_hand():
    assert [reais(c) for c in (0, 5, -5, 100, -100, 123456, -123456, 10**12 + 7)] == [
        "0.00", "0.05", "-0.05", "1.00", "-1.00", "1234.56", "-1234.56", "10000000000.07"]


@given(st.lists(st.integers(min_value=-10**15, max_value=10**15), max_size=50))
def test_a_column_reads_as_each_amount_does(amounts):
    assert _reais_texts(amounts) == [reais(a) for a in amounts]


def test_tables_keep_centavos_beside_reais():
    out = _with_reais(pd.DataFrame({"staff_id": ["1", "2"], "amount": pd.Series([-1, 250001], dtype="int64")}))
    assert out["amount"].tolist() == ["-0.01", "2500.01"]
    assert out["amount_centavos"].tolist() == [-1, 250001]


# ---- CSV: written column-wise where that gives pandas' bytes, by pandas otherwise ------------------------------
def _both_ways(df: pd.DataFrame, tmp_path) -> tuple[bytes, bytes]:
    fast, slow = tmp_path / "fast.csv", tmp_path / "slow.csv"
    _write_csv(df, fast)
    df.to_csv(slow, index=False, encoding="utf-8")
    return fast.read_bytes(), slow.read_bytes()


def _table(**columns) -> pd.DataFrame:
    base = {"period": ["2014-01", "2014-01", "2014-02"], "staff_id": ["10001", "10002", "10001"],
            "name": ["Ana Souza", "Bárbara Xavier", None], "amount": pd.Series([12345, 0, -7], dtype="int64"),
            "articles": ["art. 1; art. 2", "art. 3-A", ""]}
    base.update(columns)
    return _with_reais(pd.DataFrame(base))


def test_csv_bytes_are_pandas_bytes(tmp_path):
    fast, slow = _both_ways(_table(), tmp_path)
    assert fast == slow
    assert fast.decode().splitlines()[1] == "2014-01,10001,Ana Souza,123.45,art. 1; art. 2,12345"


@pytest.mark.parametrize("awkward, quoted", [("Souza, Ana", '"Souza, Ana"'), ('Ana "Aninha" Souza', '"Ana ""Aninha"" Souza"'),
                                             ("Ana\nSouza", '"Ana\nSouza"'),
                                             ("Ana\rSouza", "Ana\rSouza")])  # pandas leaves a lone CR unquoted
def test_a_cell_that_needs_quotes_is_quoted_as_pandas_quotes_it(tmp_path, awkward, quoted):
    fast, slow = _both_ways(_table(name=["x", awkward, "y"]), tmp_path)
    assert fast == slow
    assert f",{quoted},".encode() in fast


@pytest.mark.parametrize("column", [[True, False, True], [1.5, 2.0, None], [None, None, None], ["a", 1, None],
                                    [float("nan"), "b", None], pd.array([1, None, 3], dtype="Int64")])
def test_other_cells_are_written_as_pandas_writes_them(tmp_path, column):
    fast, slow = _both_ways(_table(extra=column), tmp_path)
    assert fast == slow


def test_an_empty_table_and_a_one_column_table(tmp_path):
    fast, slow = _both_ways(_table().iloc[0:0], tmp_path)
    assert fast == slow == b"period,staff_id,name,amount,articles,amount_centavos\n"
    fast, slow = _both_ways(pd.DataFrame({"name": ["", "a"]}), tmp_path)
    assert fast == slow == b'name\n""\na\n'


def test_plain_tables_are_not_written_by_pandas(tmp_path, monkeypatch):
    """The column-wise path is taken (pandas' writer is not called) for text and whole-number columns."""
    def pandas_writer(*args, **kwargs):
        raise AssertionError("pandas' to_csv was used")
    monkeypatch.setattr(pd.DataFrame, "to_csv", pandas_writer)
    _write_csv(_table(name=["Souza, Ana", None, 'A "B"']), tmp_path / "payments.csv")
    assert (tmp_path / "payments.csv").read_bytes().startswith(b"period,staff_id,name,amount,articles,amount_centavos\n")


cells = st.one_of(st.none(), st.text(alphabet=st.sampled_from(list('ab ,;"\n\rçã0.-')), max_size=6))


@given(st.lists(st.tuples(cells, cells, st.integers(-10**12, 10**12)), max_size=30))
def test_any_text_is_written_as_pandas_writes_it(rows):
    import tempfile
    from pathlib import Path
    df = pd.DataFrame(rows, columns=["a", "b", "n"]).astype({"a": object, "b": object, "n": "int64"})
    with tempfile.TemporaryDirectory() as tmp:
        fast, slow = _both_ways(df, Path(tmp))
    assert fast == slow


def test_unhashable_and_numpy_text_cells_are_written_as_pandas_writes_them(tmp_path):
    import numpy as np
    fast, slow = _both_ways(_table(extra=[[1, 2], ["a"], None]), tmp_path)
    assert fast == slow
    fast, slow = _both_ways(_table(extra=pd.Series([np.str_("a,b"), np.str_("c"), None], dtype=object)), tmp_path)
    assert fast == slow and b'"a,b"' in fast


# ---- a table given as lists per column (a national run's): the same bytes as its DataFrame -------------------
def _from_lists(columns: dict, tmp_path) -> tuple[bytes, bytes]:
    """The table written from its lists, and by pandas from the DataFrame a single run would make of it
    (money columns int64, every other column of objects)."""
    from p4p_rules.output import MONEY
    lists, pandas = tmp_path / "lists.csv", tmp_path / "pandas.csv"
    _write_csv_columns(columns, lists)
    frame = pd.DataFrame({c: pd.Series(v, dtype="int64" if c in MONEY else object) for c, v in columns.items()})
    _with_reais(frame).to_csv(pandas, index=False, encoding="utf-8")
    return lists.read_bytes(), pandas.read_bytes()


def _columns(**extra) -> dict:
    base = {"municipality": ["2500106", "2500106", "2611606"], "staff_id": ["10001", "10002", "10001"],
            "name": ["Ana Souza", None, 'Ana "Aninha", Souza'], "amount": [12345, 0, -7],
            "status": ["paid", "ineligible:on_leave,not_posted", "paid"], "pool": [10, 20, 30]}
    return {**base, **extra}


def test_a_table_of_lists_is_written_as_its_dataframe_is(tmp_path):
    lists, pandas = _from_lists(_columns(), tmp_path)
    assert lists == pandas
    assert lists.decode().splitlines()[0] == "municipality,staff_id,name,amount,status,pool,amount_centavos,pool_centavos"
    assert lists.decode().splitlines()[2] == '2500106,10002,,0.00,"ineligible:on_leave,not_posted",0.20,0,20'


@pytest.mark.parametrize("column", [[1, 2, 3], [1, None, 3], [True, False, True], [1.5, 2.0, None],
                                    [None, None, None], ["a", 1, None], [float("nan"), "b", None], ["x\ny", "", "z"]])
def test_other_lists_are_written_as_their_dataframe_is(tmp_path, column):
    lists, pandas = _from_lists(_columns(extra=column), tmp_path)
    assert lists == pandas


def test_an_empty_table_of_lists(tmp_path):
    lists, pandas = _from_lists({name: [] for name in _columns()}, tmp_path)
    assert lists == pandas


@given(st.lists(st.tuples(cells, cells, st.integers(-10**12, 10**12)), max_size=30))
def test_any_list_of_text_is_written_as_its_dataframe_is(rows):
    import tempfile
    from pathlib import Path
    columns = {"a": [r[0] for r in rows], "b": [r[1] for r in rows], "amount": [r[2] for r in rows]}
    with tempfile.TemporaryDirectory() as tmp:
        lists, pandas = _from_lists(columns, Path(tmp))
    assert lists == pandas


def test_tables_of_lists_are_written_as_csv_only(tmp_path):
    from p4p_rules.output import write_tables
    with pytest.raises(ValueError, match="CSV only"):
        write_tables({"payments": _columns()}, tmp_path / "out", "xlsx")


# ---- a long table of lists is written by two processes, with the same bytes -----------------------------------
@pytest.mark.parametrize("extra, in_two", [(["x", None, "y,z", "w", None, "v"], True),  # plain: in two processes
                                           (["x", None, "y", 1.5, None, "v"], False),  # the second half is not plain
                                           ([1.5, None, "y", "x", None, "v"], False)])  # the first half is not plain
def test_a_long_table_written_by_two_processes_has_the_same_bytes(tmp_path, monkeypatch, extra, in_two):
    import p4p_rules.output as output
    monkeypatch.setattr(output, "SPLIT_ROWS", 2)
    split, done = output._write_in_two, []
    monkeypatch.setattr(output, "_write_in_two", lambda columns, path: done.append(split(columns, path)) or done[-1])
    columns = {"municipality": ["1", "1", "2", "2", "3", "3"], "name": ["Ana", None, 'B "b"', "C, c", "D", "E"],
               "amount": [1, -2, 300, 0, 45678, 9], "extra": extra}
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    output._write_csv_columns(columns, one, jobs=1)
    output._write_csv_columns(columns, two, jobs=2)
    assert two.read_bytes() == one.read_bytes() == _from_lists(columns, tmp_path)[1]
    assert done == [in_two]  # (jobs=1 does not split)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lists.csv", "one.csv", "pandas.csv", "two.csv"]


@pytest.mark.parametrize("error", [PermissionError(13, "Permission denied"), ValueError("a bug")])
def test_a_half_that_cannot_be_written_leaves_the_whole_table_to_this_process(tmp_path, monkeypatch, capfd, error):
    """The forked process fails to write its half (its file cannot be made, or a bug): the table is
    written again here, whole (where an error would be reported), nothing of the failed half is left,
    and the forked process prints no traceback."""
    import p4p_rules.output as output
    monkeypatch.setattr(output, "SPLIT_ROWS", 2)
    real = output._write_rows

    def fails_in_the_child(header, texts, path):
        if path.name.endswith(".second-half"):
            raise error
        real(header, texts, path)

    monkeypatch.setattr(output, "_write_rows", fails_in_the_child)
    columns = _columns()
    assert output._write_in_two(columns, tmp_path / "half.csv") is False
    output._write_csv_columns(columns, tmp_path / "two.csv", jobs=2)
    assert (tmp_path / "two.csv").read_bytes() == _from_lists(columns, tmp_path)[1]
    assert not list(tmp_path.glob("*.second-half"))
    assert "Traceback" not in capfd.readouterr().err


# ---- what cannot be written is the user's to fix: a clear message, exit 2, nothing left -----------------------
def test_a_folder_that_cannot_be_made_is_an_output_error_in_the_laws_language(tmp_path):
    from p4p_rules.output import OutputError, write_tables

    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        write_tables({"payments": pd.DataFrame({"staff_id": ["1"], "amount": [5]})}, in_the_way, "csv")
    assert caught.value.render("en") == f"error: cannot write to {in_the_way}: File exists"
    assert caught.value.render("pt") == f"erro: não foi possível gravar em {in_the_way}: File exists"
    assert in_the_way.read_text(encoding="utf-8") == "x"


def test_a_table_longer_than_a_sheet_is_refused_before_anything_is_written(tmp_path):
    from p4p_rules.output import XLSX_MAX_ROWS, OutputError, write_tables

    out = tmp_path / "out"
    rows = XLSX_MAX_ROWS  # with the header, one row more than a sheet holds
    tables = {"ledger": pd.DataFrame({"amount": [1]}), "payments": pd.DataFrame({"amount": [1] * rows})}
    with pytest.raises(OutputError) as caught:
        write_tables(tables, out, "xlsx")
    assert caught.value.render("en") == ("error: payments has 1,048,576 rows and an XLSX sheet holds 1,048,575 "
                                         "(and the header): use --format csv")
    assert "payments tem 1.048.576 linhas" in caught.value.render("pt")
    assert not out.exists()
    assert [p.name for p in write_tables({"payments": pd.DataFrame({"amount": [1, 2, 3]})}, out, "xlsx")] == [
        "payments.xlsx"]  # (a table that fits is written)


def test_run_diff_and_a_national_run_say_so_and_exit_2(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    from p4p_rules.synth import synthesize

    root = Path(__file__).resolve().parents[1]
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("x", encoding="utf-8")
    synthesize(2, 1, tmp_path / "country", months=2, layout="national")
    laws = sorted(str(p) for p in (tmp_path / "country" / "laws").glob("*.p4p"))
    commands = [["run", "laws/m05.p4p", "--data", "laws/data/m05"],
                ["diff", "laws/m05.p4p", "--to-version", "lei_2013"],
                ["run", *laws, "--data", str(tmp_path / "country" / "national")]]
    for command in commands:
        done = subprocess.run([sys.executable, "-m", "p4p_rules.cli", *command, "--out", str(in_the_way)],
                              capture_output=True, text=True, cwd=root)
        assert done.returncode == 2, (command, done.stderr)
        # (a batch prints through the terminal report, which wraps long lines at spaces)
        assert f"erro: não foi possível gravar em {in_the_way}: File exists" in " ".join(done.stderr.split())
        assert "internal error" not in done.stderr and "Traceback" not in done.stderr
