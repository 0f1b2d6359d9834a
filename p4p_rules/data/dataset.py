"""The front door for data: a folder of input files in, a validated Dataset out (or every problem)."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Iterable, Mapping

import numpy as np
import pandas as pd

from p4p_rules.data import checks
from p4p_rules.data.files import find_input
from p4p_rules.data.problems import DataError, DataProblem, Report
from p4p_rules.data.read import read_coded
from p4p_rules.data.schema import ABSENCES, INPUTS, ROSTER, SCORES, TRANSFERS, Input
from p4p_rules.data.tables import Cells, parse_absences, parse_roster, parse_scores, parse_transfers
from p4p_rules.data.words import absence_words, cadre_words, category_words, cbo_cadres


@dataclass(frozen=True, eq=False)
class Dataset:
    """The four inputs as normalised tables (columns and dtypes in schema.py; `row` is the source row).

    roster: staff_id, name, team_id (None outside teams), cadre, cbo, start_date, end_date (NaT while
    employed), contract_type, signed_contract, weekly_hours.  scores: team_id, cycle, evaluation_date,
    score (NaN if none), category.  transfers: month (first day), team_id (None = municipality total),
    amount (int centavos).  absences: staff_id, start_date, end_date (NaT while running), kind.
    """

    roster: pd.DataFrame
    scores: pd.DataFrame
    transfers: pd.DataFrame
    absences: pd.DataFrame
    sources: Mapping[str, str] = field(default_factory=dict)  # input name -> file it was read from

    def equals(self, other: "Dataset") -> bool:
        """Same tables (the files they came from may differ)."""
        return all(getattr(self, n).equals(getattr(other, n)) for n in ("roster", "scores", "transfers", "absences"))


def load_dataset(directory: Path, *, extra_cadres: Iterable[str] = (), language: str = "pt",
                 extra_categories: Iterable[str] = (), extra_cbo: Mapping[str, str] | None = None,
                 scope: str | None = None) -> Dataset:
    """Read and check roster, scores, transfers (and absences, if there) from `directory`.

    `extra_cadres` / `extra_categories` are names the law declares (its own cadres, a custom scale),
    accepted as spelt there; `extra_cbo` maps CBO codes to the law's own cadres.  Raises DataError
    with every problem of every file; returns nothing partial.

    With `scope` (national files: "municipality"), every file must have that column; ids are
    unique only within it, and names no built-in vocabulary knows are kept as spelt, to be checked
    against each municipality's law (`national.unknown_names`).  Split the result with `split_dataset`.
    """
    directory = Path(directory)
    if not directory.is_dir():
        report = Report(str(directory), language)
        report.add(None, None, "D107")
        raise DataError(report.problems, language)
    extra_cbo = dict(extra_cbo or {})
    reports = {spec.name: Report(str(directory), language) for spec in INPUTS}
    frames: dict[str, pd.DataFrame] = {}
    cells: dict[str, Cells] = {}
    sources: dict[str, str] = {}
    for spec in INPUTS:
        report = reports[spec.name]
        path = find_input(directory, spec.name, required=spec.required, report=report)
        if path is None:
            continue
        report.file = sources[spec.name] = str(path)
        read = read_coded(path, report)
        if read is not None:
            raw = cells[spec.name] = Cells(read[0], spec, report, read[1])
            frame = _parse(spec, raw, extra_cadres, extra_categories, extra_cbo, open_words=scope is not None)
            frames[spec.name] = _with_scope(frame, raw, scope) if scope else frame

    _cross_check(frames, reports, sources, (scope,) if scope else (), {n: c.coded for n, c in cells.items()})
    problems = [p for spec in INPUTS for p in _in_order(reports[spec.name].problems, spec)]
    if problems:
        raise DataError(problems, language)
    extra = (scope,) if scope else ()
    return Dataset(
        roster=_typed(frames["roster"], ROSTER, extra),
        scores=_typed(frames["scores"], SCORES, extra),
        transfers=_typed(frames["transfers"], TRANSFERS, extra),
        absences=_typed(frames.get("absences", _empty(ABSENCES, extra)), ABSENCES, extra),
        sources=sources,
    )


class Split(Mapping[str, Dataset]):
    """A dataset cut by the values of a scope column: each part is sliced only when asked for.

    The tables are sorted by the scope once (stably: rows keep their file order within a part);
    a part is then four slices, which costs microseconds, instead of a group-by over the country."""

    NAMES = ("roster", "scores", "transfers", "absences")

    def __init__(self, dataset: Dataset, scope: str):
        self.sources = dataset.sources
        self.tables: dict[str, pd.DataFrame] = {}
        self.bounds: dict[str, dict[str, tuple[int, int]]] = {}
        keys: set[str] = set()
        for name in self.NAMES:
            table = getattr(dataset, name)
            column = table[scope]
            if pd.api.types.infer_dtype(column, skipna=False) == "string":  # str in every cell: the usual
                # sort the numbers of the distinct values (numbered in sorted order), not 460 000 strings
                order = column.to_numpy(dtype=object)
                codes, _ = pd.factorize(order, sort=True)
                sort = np.argsort(codes, kind="stable")
                ordered, change = order[sort], codes[sort]
            else:
                order = column.astype(str).to_numpy(dtype=object)
                sort = pd.Series(order).argsort(kind="stable").to_numpy()
                ordered = change = order[sort]
            self.tables[name] = table.drop(columns=[scope]).iloc[sort].reset_index(drop=True)
            starts = [0, *(np.flatnonzero(change[1:] != change[:-1]) + 1).tolist()] if len(ordered) else []
            edges = starts + [len(ordered)]
            self.bounds[name] = {str(ordered[a]): (a, b) for a, b in pairwise(edges)}
            keys |= set(self.bounds[name])
        self._keys = sorted(keys)
        self._known = keys

    def __getitem__(self, key: str) -> Dataset:
        if key not in self._known:
            raise KeyError(key)
        parts = {}
        for name in self.NAMES:
            a, b = self.bounds[name].get(key, (0, 0))
            parts[name] = self.tables[name].iloc[a:b].reset_index(drop=True)
        return Dataset(**parts, sources=self.sources)

    def __iter__(self):
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def split_dataset(dataset: Dataset, scope: str) -> Split:
    """One Dataset per value of the scope column (e.g. per municipality), without that column."""
    return Split(dataset, scope)


def _with_scope(frame: pd.DataFrame, cells: Cells, scope: str) -> pd.DataFrame:
    """Keep the scope column (text) beside the parsed columns; it is required in every file."""
    cells.check_header((scope,))
    cells.require(scope)
    return frame.assign(**{scope: cells.text(scope).set_axis(frame.index)})


def _parse(spec: Input, cells: Cells, extra_cadres: Iterable[str], extra_categories: Iterable[str],
           extra_cbo: Mapping[str, str], open_words: bool = False) -> pd.DataFrame:
    if spec is ROSTER:
        return parse_roster(cells, cadre_words(extra_cadres, open_words), cbo_cadres(extra_cbo), extra_cbo)
    if spec is SCORES:
        return parse_scores(cells, category_words(extra_categories, open_words))
    if spec is TRANSFERS:
        return parse_transfers(cells)
    return parse_absences(cells, absence_words())


def _cross_check(frames: dict[str, pd.DataFrame], reports: dict[str, Report], sources: dict[str, str],
                 scope: tuple[str, ...] = (), coded: Mapping[str, checks.CodedColumns] | None = None) -> None:
    """Checks across files, run only where the files they need could be read: a missing roster or a
    roster without team_id would make every team look unknown.  `coded`: each input's columns of
    text by their distinct values, where known (Cells.coded), which makes comparing ids cheap."""
    roster = frames.get("roster")
    scores, transfers, absences = frames.get("scores"), frames.get("transfers"), frames.get("absences")
    if scores is not None:
        checks.repeated_scores(scores, reports["scores"], scope)
    if roster is None:
        return
    with_staff = {n: t for n, t in (("roster", roster), ("absences", absences)) if t is not None}
    staff = checks.id_keys(with_staff, "staff_id", scope, coded)
    checks.overlapping_postings(roster, reports["roster"], scope, staff["roster"])
    if not _missing_column(reports["roster"], "team_id"):
        with_teams = {n: t for n, t in (("roster", roster), ("scores", scores), ("transfers", transfers))
                      if t is not None}
        teams = checks.id_keys(with_teams, "team_id", scope, coded)
        if scores is not None:
            checks.unknown_teams(scores, teams["scores"], roster, teams["roster"], "D141", sources["roster"],
                                 reports["scores"], scope)
        if transfers is not None:
            checks.unknown_teams(transfers, teams["transfers"], roster, teams["roster"], "D142",
                                 sources["roster"], reports["transfers"], scope)
            if scores is not None and not _missing_column(reports["scores"], "team_id", "cycle"):
                checks.teams_without_score(transfers, teams["transfers"], scores, teams["scores"], teams["roster"],
                                           sources["scores"], reports["transfers"], scope)
    if absences is not None and not _missing_column(reports["roster"], "staff_id"):
        checks.unknown_staff(absences, staff["absences"], staff["roster"], sources["roster"], reports["absences"])


def _missing_column(report: Report, *names: str) -> bool:
    return any(p.code == "D104" and p.column in names for p in report.problems)


def _in_order(problems: list[DataProblem], spec: Input) -> list[DataProblem]:
    """By row, then by the column's place in the file's layout; file-level problems first."""
    order = {name: i for i, name in enumerate(spec.dtypes)}
    return sorted(problems, key=lambda p: (p.row or 0, order.get(p.column or "", -1)))


def _empty(spec: Input, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    dtypes = {**spec.dtypes, **{name: "object" for name in extra}}
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in dtypes.items()})


def _typed(frame: pd.DataFrame, spec: Input, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """The table with exactly the schema's columns (plus `extra`) and dtypes; text columns hold str or None."""
    dtypes = {**spec.dtypes, **{name: "object" for name in extra}}
    out = frame[list(dtypes)].astype(dtypes).reset_index(drop=True)
    for name, dtype in dtypes.items():
        if dtype == "object":
            missing = out[name].isna().to_numpy()
            if any(v is not None for v in out[name].to_numpy()[missing]):  # NaN, NaT or pd.NA: None instead
                out[name] = out[name].where(~missing, None)
    return out
