"""Amounts written as exact reais text, column at a time, and the same as one at a time."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from p4p_rules.output import _reais_texts, _with_reais, reais


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
