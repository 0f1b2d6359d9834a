"""Checks that look at several rows or files at once: overlapping postings, repeated scores, and
teams and staff that other files name but the roster does not have."""

from __future__ import annotations

import difflib
from typing import Callable, Mapping, NamedTuple

import numpy as np
import pandas as pd

from p4p_rules.data.cells import Coded
from p4p_rules.data.problems import Report
from p4p_rules.model.vocabulary import CYCLE_START, normalize

# The first day of each PMAQ cycle; a transfer month belongs to the cycle whose window holds it.
CYCLE_STARTS = {cycle: pd.Timestamp(*ymd) for cycle, ymd in CYCLE_START.items()}
FOREVER = pd.Timestamp.max.normalize()  # the end of a posting that has not ended


def overlapping_postings(roster: pd.DataFrame, report: Report, scope: tuple[str, ...] = (),
                         staff: IdKeys | None = None) -> None:
    """The same person in two postings on the same day: both rows are reported, each naming the other.

    `scope` names the columns that make ids unique (["municipality"] in national files: a staff id
    or team id is only unique within its municipality); the same in every check below.  `staff`:
    the roster's id_keys of staff_id, if already known (finding repeated people is then cheap)."""
    key = ["staff_id", *scope]
    if staff is None:
        known = roster.dropna(subset=["staff_id", "start_date"])
        known = known[known.duplicated(key, keep=False)]
    else:
        dated = staff.present & roster["start_date"].notna().to_numpy()
        known = roster[dated][pd.Series(staff.pair[dated]).duplicated(keep=False).to_numpy()]
    known = known[[*key, "start_date", "end_date", "row"]]
    known = known.assign(end_date=known["end_date"].fillna(FOREVER))
    # One sweep per person in order of start: a posting overlaps an earlier one exactly when it starts
    # by the latest end so far, and it is paired with the posting that holds that end.  Every posting
    # in an overlap is reported, in linear time: comparing all pairs would be quadratic, and a file
    # repeating one person's row 100,000 times would exhaust memory.
    known = known.sort_values([*key, "start_date", "row"], kind="stable")
    by_person = [known[k] for k in key]
    latest_end = known["end_date"].groupby(by_person, dropna=False).cummax()
    holder = known["row"].where(known["end_date"].eq(latest_end)).groupby(by_person, dropna=False).ffill()
    before_end = latest_end.groupby(by_person, dropna=False).shift()
    before_holder = holder.groupby(by_person, dropna=False).shift()
    # dates are inclusive: a posting ending on the day the next one starts overlaps by that day
    hit = known["start_date"] <= before_end
    for staff_id, a, b in zip(known.loc[hit, "staff_id"], known.loc[hit, "row"], before_holder[hit], strict=True):
        row, other = min(int(a), int(b)), max(int(a), int(b))
        report.add(row, "staff_id", "D140", staff_id=staff_id, row=row, other=other)
        report.add(other, "staff_id", "D140", staff_id=staff_id, row=row, other=other)


def repeated_scores(scores: pd.DataFrame, report: Report, scope: tuple[str, ...] = ()) -> None:
    """Two rows for the same team and cycle: which one counts would be a guess."""
    key = ["team_id", "cycle", *scope]
    known = scores.dropna(subset=["team_id", "cycle"])
    first = known.drop_duplicates(key)
    again = known[known.duplicated(key)].merge(first, on=key, suffixes=("", "_first"))
    for team, cycle, row, first_row in zip(again["team_id"], again["cycle"], again["row"], again["row_first"],
                                           strict=True):
        report.add(int(row), "team_id", "D145", team=team, cycle=int(cycle), row=int(first_row), other=int(row))


SCOPE_SEPARATOR = "\x1f"  # joins a scope and an id into one key; no cell holds a control character


def scoped_key(table: pd.DataFrame, column: str, scope: tuple[str, ...] = ()) -> pd.Series:
    """The column itself, or 'scope<US>id' strings when ids are unique only within a scope."""
    if not scope:
        return table[column]
    key = table[scope[0]].astype(str)
    for name in (*scope[1:], column):
        key = key + SCOPE_SEPARATOR + table[name].astype(str)
    return key.astype(object)  # plain str objects: isin against a set of keys hashes them, fast


class IdKeys(NamedTuple):
    """The ids of one table's rows (with their scope) as numbers, numbered across tables by id_keys."""

    present: np.ndarray  # the row has the id
    known: np.ndarray    # equal where scoped_key is; -1 where the id or a scope is empty (scoped_key's NaN)
    pair: np.ndarray     # equal where the id and every scope are equal (an empty cell equals an empty cell)


CodedColumns = Callable[[str], "Coded | None"]  # a table's columns of text by distinct values (Cells.coded)


def id_keys(tables: Mapping[str, pd.DataFrame], column: str, scope: tuple[str, ...] = (),
            coded: Mapping[str, CodedColumns] | None = None) -> dict[str, IdKeys]:
    """Each table's ids (`scoped_key`) as numbers, equal across the tables where the keys are:
    comparing numbers is what keeps these checks fast on the whole country's files.  `coded` gives
    a table's columns by their distinct values when its reader knew them (then only the distinct
    values are numbered); it must describe the table's own columns."""
    names = list(tables)
    coded = coded or {}
    pair: np.ndarray | None = None
    empty: np.ndarray | None = None
    present = np.zeros(0, dtype=bool)
    separator = False
    for part in (*scope, column):
        columns = [_coded(tables[n], part, coded.get(n)) for n in names]
        # one numbering for the distinct values of every table, then each table's codes through it
        joint, values = pd.factorize(np.concatenate([c.values for c in columns]))
        separator = separator or (bool(scope) and any(SCOPE_SEPARATOR in v for v in values if isinstance(v, str)))
        offsets = np.cumsum([0] + [len(c.values) for c in columns])
        codes = np.concatenate([np.append(joint[a:b], -1).take(c.codes)
                                for c, a, b in zip(columns, offsets[:-1], offsets[1:], strict=True)])
        empty = codes < 0 if empty is None else empty | (codes < 0)
        present = codes >= 0
        # renumber the pairs so far: the product of two numberings could outgrow int64
        pair = codes + 1 if pair is None else pd.factorize(pair * (len(values) + 1) + codes + 1)[0]
    assert pair is not None and empty is not None
    known = np.where(empty, -1, pair)
    if separator:
        # a cell holding the separator could join two different pairs into one key: number the keys
        keys = np.concatenate([scoped_key(tables[n], column, scope).to_numpy(dtype=object) for n in names])
        known = pd.factorize(keys)[0]
    sizes = np.cumsum([len(tables[n]) for n in names])[:-1]
    return {n: IdKeys(*parts) for n, *parts in zip(names, np.split(present, sizes), np.split(known, sizes),
                                                   np.split(pair, sizes), strict=True)}


def _coded(table: pd.DataFrame, column: str, coded: CodedColumns | None) -> Coded:
    known = coded(column) if coded is not None else None
    return known if known is not None else Coded.of(table[column])


def unknown_teams(table: pd.DataFrame, keys: IdKeys, roster: pd.DataFrame, roster_keys: IdKeys, code: str,
                  roster_file: str, report: Report, scope: tuple[str, ...] = ()) -> None:
    """Rows naming a team the roster does not have (an empty team_id names no team).

    `keys` and `roster_keys`: `id_keys` of team_id in `table` and in the roster."""
    unknown = keys.present & ~np.isin(keys.known, _known(roster_keys))
    if not unknown.any():
        return
    def where(key: str) -> str:
        return key.rsplit(SCOPE_SEPARATOR, 1)[0] if scope else ""

    # the roster's teams by scope, for suggestions; a team without a scope is in none of them
    first = ~pd.Series(roster_keys.known).duplicated().to_numpy() & roster_keys.present & (roster_keys.known >= 0)
    in_scope: dict[str, list[str]] = {}
    for t in sorted(set(scoped_key(roster[first], "team_id", scope))):
        in_scope.setdefault(where(t), []).append(t.rsplit(SCOPE_SEPARATOR, 1)[-1])
    rows = table[unknown]
    for team, row, key, known in zip(rows["team_id"], rows["row"], scoped_key(rows, "team_id", scope),
                                     keys.known[unknown] >= 0, strict=True):
        # 'esf-1' for 'ESF-01': compare team names the way a clerk reads them (in the same scope)
        by_form = {normalize(t): t for t in in_scope.get(where(key), [])} if known else {}
        close = difflib.get_close_matches(normalize(team), list(by_form), n=1, cutoff=0.75)
        hint = report.help("did_you_mean", name=by_form[close[0]]) if close else None
        report.add(int(row), "team_id", code, hint, team=team, roster=roster_file)


def _known(roster_keys: IdKeys) -> np.ndarray:
    """The keys of the roster's rows that have the id (-1 among them if one of those has no scope)."""
    return pd.unique(roster_keys.known[roster_keys.present])


def cycle_of(months: pd.Series) -> pd.Series:
    """PMAQ cycle of each month (0 before cycle 1 started)."""
    cycle = pd.Series(0, index=months.index, dtype="int64")
    for number, start in CYCLE_STARTS.items():
        cycle = cycle.where(~(months >= start), number)
    return cycle


def teams_without_score(transfers: pd.DataFrame, keys: IdKeys, scores: pd.DataFrame, score_keys: IdKeys,
                        roster_keys: IdKeys, scores_file: str, report: Report, scope: tuple[str, ...] = ()) -> None:
    """A roster team that received transfers in a cycle must have that cycle's score (its category
    decides the bonus).  Reported at the team's first transfer row of the cycle.  Keys: id_keys of team_id."""
    # a score row whose cycle could not be read is already reported; it may be the missing one
    undated = scores["cycle"].isna().to_numpy() & score_keys.present
    teams = np.setdiff1d(_known(roster_keys), score_keys.known[undated])
    paying = keys.present & np.isin(keys.known, teams) & transfers["month"].notna().to_numpy()
    paid = transfers[paying]
    paid = paid.assign(cycle=cycle_of(paid["month"]))
    in_cycle = (paid["cycle"] > 0).to_numpy()
    paid = paid[in_cycle]
    # the first row of each team and cycle, found on numbers: drop_duplicates then has few rows left
    first = ~pd.Series(keys.pair[paying][in_cycle] * 4 + paid["cycle"].to_numpy()).duplicated().to_numpy()
    key = ["team_id", "cycle", *scope]
    paid = paid[first].drop_duplicates(key)
    scored = scores.dropna(subset=["team_id", "cycle"])[key].astype({"cycle": "int64"})
    missing = paid.merge(scored.drop_duplicates(), on=key, how="left", indicator=True)
    missing = missing[missing["_merge"] == "left_only"]
    for team, cycle, row in zip(missing["team_id"], missing["cycle"], missing["row"], strict=True):
        report.add(int(row), "team_id", "D143", team=team, cycle=int(cycle), scores=scores_file)


def unknown_staff(absences: pd.DataFrame, keys: IdKeys, roster_keys: IdKeys, roster_file: str, report: Report) -> None:
    """Absences of a staff id the roster does not have; keys: id_keys of staff_id."""
    unknown = keys.present & ~np.isin(keys.known, _known(roster_keys))
    for staff_id, row in zip(absences.loc[unknown, "staff_id"], absences.loc[unknown, "row"], strict=True):
        report.add(int(row), "staff_id", "D144", staff_id=staff_id, roster=roster_file)
