"""Checks that look at several rows or files at once: overlapping postings, repeated scores, and
teams and staff that other files name but the roster does not have."""

from __future__ import annotations

import difflib

import pandas as pd

from p4p_rules.data.problems import Report
from p4p_rules.model.vocabulary import CYCLE_START, normalize

# The first day of each PMAQ cycle; a transfer month belongs to the cycle whose window holds it.
CYCLE_STARTS = {cycle: pd.Timestamp(*ymd) for cycle, ymd in CYCLE_START.items()}
FOREVER = pd.Timestamp.max.normalize()  # the end of a posting that has not ended


def overlapping_postings(roster: pd.DataFrame, report: Report, scope: tuple[str, ...] = ()) -> None:
    """The same person in two postings on the same day: both rows are reported, each naming the other.

    `scope` names the columns that make ids unique (["municipality"] in national files: a staff id
    or team id is only unique within its municipality); the same in every check below."""
    key = ["staff_id", *scope]
    known = roster.dropna(subset=["staff_id", "start_date"])
    known = known[known.duplicated(key, keep=False)][[*key, "start_date", "end_date", "row"]]
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


def unknown_teams(table: pd.DataFrame, teams: set, code: str, roster_file: str, report: Report,
                  scope: tuple[str, ...] = ()) -> None:
    """Rows naming a team the roster does not have (an empty team_id names no team).

    `teams` holds team ids, or `scoped_key` keys with a scope."""
    keys = scoped_key(table, "team_id", scope)
    unknown = table["team_id"].notna() & ~keys.isin(list(teams))
    if not unknown.any():
        return
    def where(key: str) -> str:
        return key.rsplit(SCOPE_SEPARATOR, 1)[0] if scope else ""

    in_scope: dict[str, list[str]] = {}
    for t in sorted(teams):
        in_scope.setdefault(where(t), []).append(t.rsplit(SCOPE_SEPARATOR, 1)[-1])
    for team, row, key in zip(table.loc[unknown, "team_id"], table.loc[unknown, "row"], keys[unknown], strict=True):
        # 'esf-1' for 'ESF-01': compare team names the way a clerk reads them (in the same scope)
        by_form = {normalize(t): t for t in in_scope.get(where(key), [])}
        close = difflib.get_close_matches(normalize(team), list(by_form), n=1, cutoff=0.75)
        hint = report.help("did_you_mean", name=by_form[close[0]]) if close else None
        report.add(int(row), "team_id", code, hint, team=team, roster=roster_file)


def cycle_of(months: pd.Series) -> pd.Series:
    """PMAQ cycle of each month (0 before cycle 1 started)."""
    cycle = pd.Series(0, index=months.index, dtype="int64")
    for number, start in CYCLE_STARTS.items():
        cycle = cycle.where(~(months >= start), number)
    return cycle


def teams_without_score(transfers: pd.DataFrame, scores: pd.DataFrame, teams: set,
                        scores_file: str, report: Report, scope: tuple[str, ...] = ()) -> None:
    """A roster team that received transfers in a cycle must have that cycle's score (its category
    decides the bonus).  Reported at the team's first transfer row of the cycle."""
    # a score row whose cycle could not be read is already reported; it may be the missing one
    undated = scores[scores["cycle"].isna() & scores["team_id"].notna()]
    unsure = set(scoped_key(undated, "team_id", scope))
    known = transfers["team_id"].notna() & scoped_key(transfers, "team_id", scope).isin(list(teams - unsure))
    paid = transfers[known & transfers["month"].notna()]
    paid = paid.assign(cycle=cycle_of(paid["month"]))
    key = ["team_id", "cycle", *scope]
    paid = paid[paid["cycle"] > 0].drop_duplicates(key)
    scored = scores.dropna(subset=["team_id", "cycle"])[key].astype({"cycle": "int64"})
    missing = paid.merge(scored.drop_duplicates(), on=key, how="left", indicator=True)
    missing = missing[missing["_merge"] == "left_only"]
    for team, cycle, row in zip(missing["team_id"], missing["cycle"], missing["row"], strict=True):
        report.add(int(row), "team_id", "D143", team=team, cycle=int(cycle), scores=scores_file)


def unknown_staff(absences: pd.DataFrame, staff: set, roster_file: str, report: Report,
                  scope: tuple[str, ...] = ()) -> None:
    unknown = absences["staff_id"].notna() & ~scoped_key(absences, "staff_id", scope).isin(list(staff))
    for staff_id, row in zip(absences.loc[unknown, "staff_id"], absences.loc[unknown, "row"], strict=True):
        report.add(int(row), "staff_id", "D144", staff_id=staff_id, roster=roster_file)
