"""Amounts written as exact reais text, column at a time, and the same as one at a time."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from p4p_rules.output import _reais_texts, _with_reais, _write_csv, reais


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
