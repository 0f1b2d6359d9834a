"""Turn raw cells into text, yes/no flags and CBO codes, a whole column at a time."""

from __future__ import annotations

import datetime as dt
import functools
import numbers
from decimal import Decimal
from typing import Callable, NamedTuple

import pandas as pd

from p4p_rules.model.vocabulary import normalize


class Parsed(NamedTuple):
    """A parsed column and where it went wrong: `bad` marks cells that are present but unreadable."""

    values: pd.Series
    bad: pd.Series


def on_distinct(parse: Callable[[pd.Series], Parsed]) -> Callable[[pd.Series], Parsed]:
    """Parse each distinct cell once and spread the result: 100 000 transfer rows hold a few dozen
    months and amounts, so this is what keeps parsing fast, not the regular expressions."""
    @functools.wraps(parse)
    def parse_distinct(col: pd.Series) -> Parsed:
        codes, uniques = pd.factorize(col.astype(object), use_na_sentinel=True)
        if len(uniques) * 2 > len(col):
            return parse(col)
        # a trailing None gives missing cells (code -1, i.e. the last position) their own result
        distinct = parse(pd.Series([*uniques, None], dtype=object))
        return Parsed(distinct.values.take(codes).set_axis(col.index),
                      distinct.bad.take(codes).set_axis(col.index))
    return parse_distinct


def normalized(text: pd.Series) -> pd.Series:
    """vocabulary.normalize of each text cell, computed once per distinct spelling."""
    spellings = {v: normalize(v) for v in text.dropna().unique() if isinstance(v, str)}
    out = text.map(spellings).astype(object)
    return out.where(out.notna(), None)


def is_text(col: pd.Series) -> pd.Series:
    """Which cells are str.  CSV columns are all text, so the common case costs one dtype check."""
    if pd.api.types.infer_dtype(col, skipna=True) in ("string", "empty"):
        return col.notna()
    return col.map(lambda v: isinstance(v, str)).astype(bool)


def as_text(col: pd.Series) -> pd.Series:
    """Cells as text the way a person reads them: a numeric XLSX cell 12690.0 is matrícula '12690'."""
    text = is_text(col)
    if bool((text | col.isna()).all()):
        return col
    out = col.copy()
    other = col.notna() & ~text
    out[other] = [_number_text(v) for v in col[other]]
    return out


def _number_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, (numbers.Real, Decimal)):
        d = Decimal(str(value))
        if not d.is_finite():  # inf, nan: shown as the spreadsheet shows them
            return str(value)
        if d == d.to_integral_value():
            return str(int(d))
        return str(d)
    if isinstance(value, dt.date):  # also datetime and pd.Timestamp
        return value.strftime("%d/%m/%Y")
    return str(value)


# Brazilian spreadsheets say sim/não, checkbox columns hold an x, and Excel in pt-BR exports
# booleans as VERDADEIRO/FALSO.
TRUE_WORDS = frozenset({"sim", "s", "yes", "y", "true", "t", "verdadeiro", "v", "1", "x"})
FALSE_WORDS = frozenset({"nao", "n", "no", "false", "f", "falso", "0"})


@on_distinct
def parse_flags(col: pd.Series) -> Parsed:
    """Yes/no cells as bool (missing cells False, for the caller to decide what that means)."""
    words = normalized(as_text(col))
    yes = words.isin(TRUE_WORDS)
    no = words.isin(FALSE_WORDS)
    return Parsed(yes.astype(bool), (col.notna() & ~yes & ~no).astype(bool))


def checkbox_column(col: pd.Series) -> bool:
    """A column of x marks: there, an empty cell means 'no' rather than 'not filled in'."""
    text = as_text(col)
    return bool(text.str.casefold().eq("x").any())


@on_distinct
def parse_cbo(col: pd.Series) -> Parsed:
    """CBO codes as 6 digits: '225142', '2251-42' (as the CBO book prints them) or a numeric cell."""
    text = as_text(col)
    digits = text.str.replace(r"^(\d{4})[-.\s]?(\d{2})$", r"\1\2", regex=True)
    # a numeric cell loses leading zeros (CBO family 0 is the armed forces), so pad it back
    numeric = col.notna() & ~is_text(col)
    digits = digits.where(~numeric, digits.str.zfill(6))
    ok = digits.str.fullmatch(r"\d{6}").fillna(False).astype(bool)
    return Parsed(digits.where(ok, None), (col.notna() & ~ok).astype(bool))
