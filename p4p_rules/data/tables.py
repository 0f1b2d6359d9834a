"""Turn the raw cells of each input into its normalised table, reporting every bad cell."""

from __future__ import annotations

from typing import Callable, Mapping

import numpy as np
import pandas as pd

from p4p_rules.data.cells import Coded, Parsed, Shared, as_text, is_text, is_x, on_text, parse_cbo, parse_flags
from p4p_rules.data.dates import parse_dates, parse_months, year_out_of_range
from p4p_rules.data.numbers import parse_centavos, parse_decimal, parse_int
from p4p_rules.data.problems import Report
from p4p_rules.data.read import ROW
from p4p_rules.data.schema import (ABSENCES, CYCLES, DEFAULT_WEEKLY_HOURS, MAX_WEEKLY_HOURS, ROSTER, SCORES,
                                   TRANSFERS, Input)
from p4p_rules.data.words import Words, cbo_codes_of
from p4p_rules.model.vocabulary import CADRES, DISQUALIFIED


class Cells:
    """The raw cells of one file, and problem reports located at their row and column."""

    def __init__(self, frame: pd.DataFrame, spec: Input, report: Report,
                 coded: Mapping[str, Coded | Shared] | None = None):
        self.frame = frame
        self.spec = spec
        self.report = report
        self.rows = frame[ROW]
        # each column and its text are asked for many times (a check, then its message); a
        # national roster has 460 000 rows, so they are worked out once, and a column of text is
        # handled by its distinct values (`coded`, which the reader may already have)
        self._cols: dict[str, pd.Series] = {}
        self._texts: dict[str, pd.Series] = {}
        self._missing: dict[str, pd.Series] = {}
        self._coded: dict[str, Coded | None] = {n: c for n, c in (coded or {}).items() if isinstance(c, Coded)}
        self._shared = {n: c for n, c in (coded or {}).items() if isinstance(c, Shared)}

    def has(self, name: str) -> bool:
        return name in self.frame.columns

    def col(self, name: str) -> pd.Series:
        """The column, or all-missing when the file does not have it (already reported)."""
        if name not in self._cols:
            self._cols[name] = (self.frame[name] if self.has(name)
                                else pd.Series(None, index=self.frame.index, dtype=object))
        return self._cols[name]

    def coded(self, name: str) -> Coded | None:
        """The column by its distinct values, if every cell is text or empty (else None)."""
        if name not in self._coded:
            col = self.col(name)
            text = pd.api.types.infer_dtype(col, skipna=True) in ("string", "empty")
            self._coded[name] = Coded.of(col) if text else None
        return self._coded[name]

    def missing(self, name: str) -> pd.Series:
        """Which cells of the column are empty."""
        if name not in self._missing:
            coded, shared = self.coded(name), self._shared.get(name)
            if coded is not None:
                self._missing[name] = pd.Series(coded.codes < 0, index=self.frame.index)
            elif shared is not None:
                empty = np.fromiter((v is None for v in shared.objects), dtype=bool, count=len(shared.objects))
                self._missing[name] = pd.Series(empty.take(shared.codes), index=self.frame.index)
            else:
                self._missing[name] = self.col(name).isna()
        return self._missing[name]

    def parse(self, name: str, parse: Callable[[pd.Series], Parsed]) -> Parsed:
        """An @on_distinct parser of the column."""
        coded, shared = self.coded(name), self._shared.get(name)
        if coded is not None:
            return coded.parse(parse, self.frame.index)
        return parse(self.col(name)) if shared is None else shared.parse(parse, self.col(name))

    def each(self, name: str, apply: Callable[[pd.Series], pd.Series]) -> pd.Series:
        """`apply` (cell by cell) of the column's text, once per distinct value."""
        coded = self.coded(name)
        return on_text(self.text(name), apply) if coded is None else coded.apply(apply, self.frame.index)

    def text(self, name: str) -> pd.Series:
        if name not in self._texts:
            shared = self._shared.get(name) if self.coded(name) is None else None
            self._texts[name] = as_text(self.col(name)) if shared is None else shared.text(self.frame.index)
        return self._texts[name]

    def check_header(self, columns: tuple[str, ...]) -> None:
        expected = self.report.help("expected_columns", names=", ".join(self.spec.known_columns))
        for name in columns:
            if not self.has(name):
                self.report.add(self.frame.attrs.get("header_row", 1), name, "D104", expected, column=name)

    def flag(self, mask: pd.Series, column: str, code: str,
             help: str | Callable[[object], str | None] | None = None, **args: object) -> None:
        """One problem per marked row.  Args that are Series give each row its own value."""
        marked = mask.fillna(False).astype(bool)
        for i in marked.index[marked]:
            values = {k: (v[i] if isinstance(v, pd.Series) else v) for k, v in args.items()}
            self.report.add(int(self.rows[i]), column, code, help(i) if callable(help) else help, **values)

    def require(self, name: str, missing: pd.Series | None = None) -> None:
        """Empty cells of a required column are problems (if the column is there at all)."""
        if self.has(name):
            self.flag(self.missing(name) if missing is None else missing, name, "D110")

    def suggestion(self, words: Words, text: pd.Series) -> Callable[[object], str | None]:
        def hint(i: object) -> str | None:
            name = words.suggest(str(text[i]))
            return self.report.help("did_you_mean", name=name) if name else None
        return hint

    def dates(self, name: str) -> pd.Series:
        parsed = self.parse(name, parse_dates)
        self.flag(parsed.bad, name, "D111", lambda i: self._date_help(name, i), text=self.text(name))
        return parsed.values

    def _date_help(self, name: str, i: object) -> str:
        # a number in a date column is a cell Excel shows as a number (a serial), not a typing error
        cell = self.col(name)[i]
        if year_out_of_range(cell):
            return self.report.help("date_range")
        return self.report.help("date" if isinstance(cell, str) else "date_cell")

    def ends_after_starts(self, start: pd.Series, end: pd.Series) -> None:
        self.flag(end < start, "end_date", "D120", start=self.text("start_date"), end=self.text("end_date"))

    def table(self, columns: dict[str, pd.Series]) -> pd.DataFrame:
        out = pd.DataFrame(columns, index=self.frame.index)
        out["row"] = self.rows.astype("int64")
        return out


# ---- roster -----------------------------------------------------------------------------------
def parse_roster(cells: Cells, cadres: Words, cbo_map: Mapping[str, str],
                 extra_cbo: Mapping[str, str]) -> pd.DataFrame:
    c = cells
    header = tuple(n for n in ROSTER.columns if not (n == "cadre" and c.has("cbo")))
    c.check_header(header)
    for name in ("staff_id", "name", "start_date"):
        c.require(name)
    start, end = c.dates("start_date"), c.dates("end_date")
    c.ends_after_starts(start, end)
    cadre, cbo = _cadres(c, cadres, cbo_map, extra_cbo)
    return c.table({
        "staff_id": c.text("staff_id"), "name": c.text("name"), "team_id": c.text("team_id"),
        "cadre": cadre, "cbo": cbo, "start_date": start, "end_date": end,
        "contract_type": c.text("contract_type"), "signed_contract": _signed(c),
        "weekly_hours": _weekly_hours(c),
    })


def _cadres(c: Cells, words: Words, cbo_map: Mapping[str, str],
            extra_cbo: Mapping[str, str]) -> tuple[pd.Series, pd.Series]:
    """Cadre ids from the cadre column (a name or a CBO code) or else the cbo column; both must agree."""
    language = c.report.language
    raw, text = c.col("cadre"), c.text("cadre")
    # secretariats often fill the cadre column with the CBO code their HR system exports
    code_like = c.each("cadre", lambda t: t.str.fullmatch(r"\d{4}[-.\s]?\d{2}")).fillna(False).astype(bool)
    if c.coded("cadre") is None:  # a numeric cell (XLSX, Parquet) is a code too
        code_like = code_like | (~c.missing("cadre") & ~is_text(raw))
    by_name = c.each("cadre", words.ids).where(~code_like, None)
    c.flag(~c.missing("cadre") & ~code_like & by_name.isna(), "cadre", "D130", c.suggestion(words, text), text=text)
    code_in_cadre = parse_cbo(raw.where(code_like, None)).values
    by_code = _lookup(code_in_cadre, cbo_map)
    c.flag(code_like & by_code.isna(), "cadre", "D131", c.report.help("cbo"), text=text)
    cadre = by_name.where(~code_like, by_code)

    cbo_parsed = c.parse("cbo", parse_cbo)
    cbo_text = c.text("cbo")
    c.flag(cbo_parsed.bad, "cbo", "D133", c.report.help("cbo"), text=cbo_text)
    cbo = cbo_parsed.values
    cbo_cadre = _lookup(cbo, cbo_map)
    only_cbo = c.missing("cadre") & cbo.notna()
    c.flag(only_cbo & cbo_cadre.isna(), "cbo", "D131", text=cbo_text)
    cadre = cadre.where(~only_cbo, cbo_cadre)
    # A custom cadre may share a built-in CBO code (a law can split physicians by contract), so
    # only a built-in cadre, or a code the law declares, can contradict the name.
    checkable = cadre.isin(list(CADRES.terms)) | cbo.isin(list(extra_cbo))
    mismatch = ~only_cbo & cadre.notna() & cbo_cadre.notna() & checkable & (cbo_cadre != cadre)
    if mismatch.any():  # the names of the cadres are looked up only for a message
        c.flag(mismatch, "cbo", "D132",
               lambda i: c.report.help("cbo_expected", text=text[i],
                                       codes=", ".join(cbo_codes_of(cadre[i], extra_cbo)) or "—"),
               cbo=cbo_text, text=text,
               cbo_cadre=cbo_cadre.map({v: CADRES.spelling(v, language) for v in cbo_cadre.dropna().unique()}))
    if c.has("cadre") or c.has("cbo"):
        c.flag(c.missing("cadre") & c.missing("cbo"), "cadre" if c.has("cadre") else "cbo", "D110")
    return cadre.where(cadre.notna(), None), cbo.where(cbo.notna(), code_in_cadre)


def _lookup(codes: pd.Series, table: Mapping[str, str]) -> pd.Series:
    """table[code] for each cell (None where missing or not in the table), once per distinct code."""
    return on_text(codes, lambda distinct: _lookup_each(distinct, table))


def _lookup_each(codes: pd.Series, table: Mapping[str, str]) -> pd.Series:
    found = codes.map(dict(table)).astype(object)
    return found.where(found.notna(), None)


def _signed(c: Cells) -> pd.Series:
    parsed = c.parse("signed_contract", parse_flags)
    c.flag(parsed.bad, "signed_contract", "D119", c.report.help("bool"), text=c.text("signed_contract"))
    # in a column of x marks an empty cell is an unmarked box, i.e. 'no'; elsewhere it is a gap
    if c.has("signed_contract") and not c.each("signed_contract", is_x).any():
        c.require("signed_contract")
    return parsed.values


def _weekly_hours(c: Cells) -> pd.Series:
    parsed = c.parse("weekly_hours", parse_int)
    text = c.text("weekly_hours")
    c.flag(parsed.bad, "weekly_hours", "D117", text=text)
    hours = parsed.values
    c.flag(hours.notna() & ((hours < 1) | (hours > MAX_WEEKLY_HOURS)), "weekly_hours", "D121", text=text)
    return hours.fillna(DEFAULT_WEEKLY_HOURS)


# ---- scores -----------------------------------------------------------------------------------
def parse_scores(cells: Cells, categories: Words) -> pd.DataFrame:
    c = cells
    c.check_header(SCORES.columns)
    c.require("team_id")
    c.require("cycle")
    c.require("category")
    cycle_text = c.text("cycle")
    cycle = c.parse("cycle", parse_int).values
    valid = cycle.isin(list(CYCLES)).fillna(False).astype(bool)
    c.flag(~c.missing("cycle") & ~valid, "cycle", "D118", text=cycle_text)
    cycle = cycle.where(valid)  # a cycle 4 is no cycle: cross-file checks must not rely on it

    category_text = c.text("category")
    category = c.each("category", categories.ids)
    c.flag(category_text.notna() & category.isna(), "category", "D134", c.suggestion(categories, category_text),
           text=category_text)
    # a disqualified team may never have had its evaluation day
    c.require("evaluation_date", c.missing("evaluation_date") & category.ne(DISQUALIFIED))
    evaluated = c.dates("evaluation_date")

    score_text = c.text("score")
    score = c.parse("score", parse_decimal)
    c.flag(score.bad, "score", "D115", c.report.help("number"), text=score_text)
    c.flag((score.values < 0) | (score.values > 100), "score", "D116", text=score_text)
    return c.table({"team_id": c.text("team_id"), "cycle": cycle, "evaluation_date": evaluated,
                    "score": score.values, "category": category})


# ---- transfers --------------------------------------------------------------------------------
def parse_transfers(cells: Cells) -> pd.DataFrame:
    c = cells
    c.check_header(TRANSFERS.columns)
    c.require("month")
    c.require("amount")
    month = c.parse("month", parse_months)
    c.flag(month.bad, "month", "D112", c.report.help("month"), text=c.text("month"))
    amount_text = c.text("amount")
    amount = c.parse("amount", parse_centavos)
    c.flag(amount.bad, "amount", "D113", c.report.help("amount"), text=amount_text)
    c.flag(amount.values < 0, "amount", "D114", text=amount_text)
    # an empty team_id is the municipality-level total of that month
    return c.table({"month": month.values, "team_id": c.text("team_id"), "amount": amount.values})


# ---- absences ---------------------------------------------------------------------------------
def parse_absences(cells: Cells, kinds: Words) -> pd.DataFrame:
    c = cells
    c.check_header(ABSENCES.columns)
    c.require("staff_id")
    c.require("start_date")
    c.require("kind")
    # an empty end_date is a leave still running at the end of the data, as in the roster
    start, end = c.dates("start_date"), c.dates("end_date")
    c.ends_after_starts(start, end)
    kind_text = c.text("kind")
    kind = c.each("kind", kinds.ids)
    c.flag(kind_text.notna() & kind.isna(), "kind", "D135", c.suggestion(kinds, kind_text), text=kind_text)
    return c.table({"staff_id": c.text("staff_id"), "start_date": start, "end_date": end, "kind": kind})
