"""Turn raw cells into text, yes/no flags and CBO codes, a whole column at a time."""

from __future__ import annotations

import datetime as dt
import functools
import numbers
from decimal import Decimal
from typing import Callable, Iterable, NamedTuple

import numpy as np
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
        codes, uniques = factorize_objects(col.astype(object))
        if len(uniques) * 2 > len(col):
            return parse(col)
        # a trailing None gives missing cells (code -1, i.e. the last position) their own result
        distinct = parse(pd.Series([*uniques, None], dtype=object))
        return Parsed(distinct.values.take(codes).set_axis(col.index),
                      distinct.bad.take(codes).set_axis(col.index))
    return parse_distinct


def factorize_objects(col: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """pd.factorize of an object column (equal cells, one code; -1 for NA; the first cell of each
    value stands for it), hashing each distinct object once: the readers give equal typed cells
    one shared object, and hashing 460 000 dates or Decimals is slow."""
    values = col.to_numpy(dtype=object)
    ids = np.fromiter(map(id, values), dtype=np.intp, count=len(values))
    same, objects_ = pd.factorize(ids)
    if len(objects_) * 2 > len(values):  # few shared objects: nothing to gain
        return pd.factorize(col, use_na_sentinel=True)
    first = np.empty(len(objects_), dtype=np.intp)
    first[same] = np.arange(len(values))  # any occurrence will do: they are one object
    # in order of first appearance, so equal objects keep the first one as pd.factorize does
    codes, uniques = pd.factorize(pd.Series(values[first], dtype=object), use_na_sentinel=True)
    return codes.take(same), uniques


class Coded(NamedTuple):
    """A column of text by its distinct values: cell i is values[codes[i]], or empty where codes[i]
    is -1.  Every value occurs in the column.  A national roster column has 460 000 cells but a few
    thousand values: checks and parsers work on the values, then spread their results by the codes."""

    codes: np.ndarray
    values: np.ndarray  # object array of distinct str

    @classmethod
    def of(cls, text: pd.Series) -> Coded:
        """The coded form of a column of str and None."""
        codes, values = pd.factorize(text.to_numpy(dtype=object), use_na_sentinel=True)
        return cls(codes, values)

    def spread(self, distinct: pd.Series, index: pd.Index) -> pd.Series:
        """One result per cell from `distinct`: one per value, then one for the empty cells."""
        return distinct.take(self.codes).set_axis(index)

    def apply(self, apply: Callable[[pd.Series], pd.Series], index: pd.Index) -> pd.Series:
        """`apply` (cell by cell) of the column, computed once per value."""
        return self.spread(apply(pd.Series([*self.values, None], dtype=object)), index)

    def parse(self, parse: Callable[[pd.Series], Parsed], index: pd.Index) -> Parsed:
        """An @on_distinct parser of the column, each value parsed once."""
        distinct = getattr(parse, "__wrapped__", parse)(pd.Series([*self.values, None], dtype=object))
        return Parsed(self.spread(distinct.values, index), self.spread(distinct.bad, index))


class Shared(NamedTuple):
    """A typed column (XLSX, Parquet) by its distinct objects: cell i is objects[codes[i]], in the
    order the objects first appear.  Equal cells may be distinct objects (1 and True, 0.0 and -0.0),
    so conversions that tell them apart are made per object, and parsers per equal value."""

    codes: np.ndarray
    objects: np.ndarray

    def text(self, index: pd.Index) -> pd.Series:
        """as_text of the column, converting each object once."""
        return pd.Series(as_text(pd.Series(self.objects, dtype=object)).to_numpy().take(self.codes),
                         index=index, dtype=object)

    def parse(self, parse: Callable[[pd.Series], Parsed], col: pd.Series) -> Parsed:
        """An @on_distinct parser of the column `col` (which this describes): it parses each equal
        value once, the first of its cells standing for it, so this does the same on the objects."""
        codes, uniques = pd.factorize(pd.Series(self.objects, dtype=object), use_na_sentinel=True)
        if len(uniques) * 2 > len(col):
            return parse(col)
        codes = codes.take(self.codes)
        distinct = getattr(parse, "__wrapped__", parse)(pd.Series([*uniques, None], dtype=object))
        return Parsed(distinct.values.take(codes).set_axis(col.index), distinct.bad.take(codes).set_axis(col.index))


def on_text(col: pd.Series, apply: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """`apply` (cell by cell, e.g. a regular expression over `.str`) of a column of text and None,
    computed on each distinct cell once: a roster column of 460 000 cells holds a few dozen values."""
    codes, uniques = pd.factorize(col.to_numpy(dtype=object), use_na_sentinel=True)
    # a trailing None gives missing cells (code -1, i.e. the last position) their own result
    distinct = apply(pd.Series([*uniques, None], dtype=object))
    return distinct.take(codes).set_axis(col.index)


def objects(values: Iterable[object], count: int) -> np.ndarray:
    """An object array of `count` Python values (as they are: a list stays one cell, not a row)."""
    return np.fromiter(values, dtype=np.object_, count=count)


def per_object(cells: pd.Series, convert: Callable[[object], object]) -> np.ndarray:
    """convert(cell) for each cell, computed once per distinct object: the readers give equal typed
    cells one shared object (see read.py), so 460 000 dates cost a few thousand calls.  Keyed by
    identity, not equality, because equal cells can differ (True == 1, Decimal('1.5') == Decimal('1.50'))."""
    values = cells.to_numpy(dtype=object)
    ids = np.fromiter(map(id, values), dtype=np.intp, count=len(values))
    codes, uniques = pd.factorize(ids)
    first = np.empty(len(uniques), dtype=np.intp)
    first[codes] = np.arange(len(values))  # any occurrence will do: they are one object
    return objects(map(convert, values[first]), len(first)).take(codes)


def normalized(text: pd.Series) -> pd.Series:
    """vocabulary.normalize of each text cell, computed once per distinct spelling."""
    spellings = {v: normalize(v) for v in text.dropna().unique() if isinstance(v, str)}
    out = text.map(spellings).astype(object)
    return out.where(out.notna(), None)


# infer_dtype kinds that hold no str at all; any other mixed kind is checked cell by cell
NOT_TEXT = frozenset({"integer", "floating", "decimal", "complex", "boolean", "datetime64", "datetime", "date",
                      "timedelta64", "timedelta", "time", "period", "interval", "bytes"})


def is_text(col: pd.Series) -> pd.Series:
    """Which cells are str.  CSV columns are all text, so the common case costs one dtype check."""
    kind = pd.api.types.infer_dtype(col, skipna=True)
    if kind in ("string", "empty"):
        return col.notna()
    if kind in NOT_TEXT:  # a typed column (numbers, dates): no cell is text
        return pd.Series(False, index=col.index, name=col.name)
    return col.map(lambda v: isinstance(v, str)).astype(bool)


def as_text(col: pd.Series) -> pd.Series:
    """Cells as text the way a person reads them: a numeric XLSX cell 12690.0 is matrícula '12690'."""
    if pd.api.types.infer_dtype(col, skipna=True) in ("string", "empty"):
        return col  # already text (every CSV column): nothing to convert
    text = is_text(col)
    missing = col.isna()
    if bool((text | missing).all()):
        return col
    other = (~missing & ~text).to_numpy()
    if col.dtype != object:
        out = col.copy()
        out[other] = per_object(col[other], _number_text)
        return out
    cells = col.to_numpy(dtype=object).copy()
    cells[other] = per_object(col[other], _number_text)
    return pd.Series(cells, index=col.index, name=col.name, dtype=object)


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
    return bool(on_text(as_text(col), is_x).any())


def is_x(text: pd.Series) -> pd.Series:
    """Which cells of a text column are an x mark."""
    return text.str.casefold().eq("x")


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
