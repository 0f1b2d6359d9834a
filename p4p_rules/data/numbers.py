"""Read amounts as exact integer centavos, and scores and whole numbers, a whole column at a time.

Money never passes through float.  Text is taken apart with regular expressions and the digits
are turned into integers; a numeric spreadsheet cell (a float) goes through Decimal(str(value)),
which gives back the shortest decimal that the float stands for, i.e. what the cell showed.

Which mark is the decimal one, in text:
- a comma and a dot: the one further right is decimal (`1.234,56` Brazilian, `1,234.56` US);
- only commas: the comma is decimal, as in a Brazilian CSV (`1234,56`, `0,1`); `1,234` has three
  decimals and is refused rather than guessed;
- only dots: a dot followed by exactly three digits (in well-formed groups, `1.234`,
  `1.234.567`) is a thousands separator, as Brazilian spreadsheets write it; otherwise a single
  dot with one or two digits after it is decimal (`1234.56`, as Parquet/US exports write it).
  No reading of an amount is lost by this: `1.234` as a decimal would be a fraction of a
  centavo, which is never a valid amount.
At most two decimals; `R$`, spaces and a leading sign are allowed.
"""

from __future__ import annotations

import numbers
from decimal import Decimal, InvalidOperation

import pandas as pd

from p4p_rules.data.cells import Parsed, as_text, is_text, on_distinct

# An integer part is plain digits, or digits grouped by threes where the first group does not
# start with 0 (so `0.500` is not five hundred).
BRAZILIAN = r"^(?P<sign>[-+]?)(?P<int>[1-9]\d{0,2}(?:\.\d{3})+|\d+)(?:,(?P<frac>\d{1,2}))?$"
US = r"^(?P<sign>[-+]?)(?P<int>[1-9]\d{0,2}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d{1,2}))?$"
MAX_DIGITS = 15  # digits of reais: R$ 999 trillion is beyond any budget, and centavos stay inside int64


@on_distinct
def parse_centavos(col: pd.Series) -> Parsed:
    """Amounts in centavos (nullable Int64; <NA> where missing or bad)."""
    out = pd.Series(pd.NA, index=col.index, dtype="Int64")
    bad = pd.Series(False, index=col.index)
    text = is_text(col)
    if text.any():
        values, wrong = parse_centavos_text(col[text])
        out[text] = values
        bad[text] = wrong
    other = col.notna() & ~text
    if other.any():
        natives = [_native_centavos(v) for v in col[other]]
        out[other] = pd.array(natives, dtype="Int64")
        bad[other] = [v is None for v in natives]
    return Parsed(out, bad)


def parse_centavos_text(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Vectorised parse of amount text; returns (Int64 centavos, bad mask)."""
    t = text.astype(str).str.replace(r"R\$|\s", "", regex=True).str.replace("\u2212", "-", regex=False)
    has_comma = t.str.contains(",", regex=False)
    has_dot = t.str.contains(".", regex=False)
    last_is_dot = t.str.rfind(".") > t.str.rfind(",")
    br = t.str.extract(BRAZILIAN)
    us = t.str.extract(US)
    use_us = (has_comma & has_dot & last_is_dot) | (~has_comma & br["int"].isna())
    parts = br.where(~use_us, us)
    digits = parts["int"].str.replace(r"[.,]", "", regex=True)
    bad = (digits.isna() | (digits.str.len() > MAX_DIGITS)).astype(bool)
    reais = digits.where(~bad, "0").astype("int64")
    cents = parts["frac"].where(~bad & parts["frac"].notna(), "").str.ljust(2, "0").astype("int64")
    sign = parts["sign"].eq("-").map({True: -1, False: 1}).astype("int64")
    values = ((reais * 100 + cents) * sign).astype("Int64").mask(bad)
    return values, bad


def _native_centavos(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Integral):
        return int(value) * 100 if abs(int(value)) < 10 ** MAX_DIGITS else None
    if isinstance(value, (numbers.Real, Decimal)):
        try:
            d = Decimal(str(value))
        except InvalidOperation:
            return None
        if not d.is_finite():
            return None
        cents = d * 100
        if cents != cents.to_integral_value():  # more than two decimals: a fraction of a centavo
            return None
        if abs(cents) >= 10 ** (MAX_DIGITS + 2):  # as for text: beyond any budget, and beyond int64
            return None
        return int(cents)
    return None


@on_distinct
def parse_decimal(col: pd.Series) -> Parsed:
    """Non-money decimals (scores) as float: `81,47` or `81.47`, no thousands separator."""
    out = pd.Series(float("nan"), index=col.index, dtype="float64")
    text = is_text(col)
    t = col[text].astype(str).str.replace(",", ".", regex=False)
    ok = t.str.fullmatch(r"[-+]?\d+(?:\.\d+)?|[-+]?\.\d+").astype(bool)
    out[t.index[ok]] = t[ok].astype("float64")
    bad = pd.Series(False, index=col.index)
    bad[t.index[~ok]] = True
    other = col.notna() & ~text
    for i, v in col[other].items():  # only typed formats get here, with few such cells
        if isinstance(v, (numbers.Real, Decimal)) and not isinstance(v, bool):
            out[i] = float(v)
        else:
            bad[i] = True
    return Parsed(out, bad.astype(bool))


@on_distinct
def parse_int(col: pd.Series) -> Parsed:
    """Whole numbers (cycle, weekly hours) as nullable Int64; `2`, `2.0` from a numeric cell."""
    text = as_text(col)
    ok = text.str.fullmatch(r"[-+]?\d{1,9}").fillna(False).astype(bool)
    out = pd.Series(pd.NA, index=col.index, dtype="Int64")
    out[ok] = text[ok].astype("int64")
    return Parsed(out, (col.notna() & ~ok).astype(bool))
