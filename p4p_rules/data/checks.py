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


def overlapping_postings(roster: pd.DataFrame, report: Report) -> None:
    """The same person in two postings on the same day: both rows are reported, each naming the other."""
    known = roster.dropna(subset=["staff_id", "start_date"])
    known = known[known["staff_id"].duplicated(keep=False)][["staff_id", "start_date", "end_date", "row"]]
    known = known.assign(end_date=known["end_date"].fillna(FOREVER))
    pairs = known.merge(known, on="staff_id", suffixes=("", "_other"))
    # dates are inclusive: a posting ending on the day the next one starts overlaps by that day
    pairs = pairs[(pairs["row"] < pairs["row_other"])
                  & (pairs["start_date"] <= pairs["end_date_other"])
                  & (pairs["start_date_other"] <= pairs["end_date"])]
    for staff_id, row, other in zip(pairs["staff_id"], pairs["row"], pairs["row_other"]):
        report.add(int(row), "staff_id", "D140", staff_id=staff_id, row=int(row), other=int(other))
        report.add(int(other), "staff_id", "D140", staff_id=staff_id, row=int(row), other=int(other))


def repeated_scores(scores: pd.DataFrame, report: Report) -> None:
    """Two rows for the same team and cycle: which one counts would be a guess."""
    known = scores.dropna(subset=["team_id", "cycle"])
    first = known.drop_duplicates(["team_id", "cycle"])
    again = known[known.duplicated(["team_id", "cycle"])].merge(first, on=["team_id", "cycle"],
                                                                 suffixes=("", "_first"))
    for team, cycle, row, first_row in zip(again["team_id"], again["cycle"], again["row"], again["row_first"]):
        report.add(int(row), "team_id", "D145", team=team, cycle=int(cycle), row=int(first_row), other=int(row))


def unknown_teams(table: pd.DataFrame, teams: set[str], code: str, roster_file: str, report: Report) -> None:
    """Rows naming a team the roster does not have (an empty team_id names no team)."""
    unknown = table["team_id"].notna() & ~table["team_id"].isin(list(teams))
    # 'esf-1' for 'ESF-01': compare team names the way a clerk reads them
    by_form = {normalize(t): t for t in sorted(teams)}
    for team, row in zip(table.loc[unknown, "team_id"], table.loc[unknown, "row"]):
        close = difflib.get_close_matches(normalize(team), list(by_form), n=1, cutoff=0.75)
        hint = report.help("did_you_mean", name=by_form[close[0]]) if close else None
        report.add(int(row), "team_id", code, hint, team=team, roster=roster_file)


def cycle_of(months: pd.Series) -> pd.Series:
    """PMAQ cycle of each month (0 before cycle 1 started)."""
    cycle = pd.Series(0, index=months.index, dtype="int64")
    for number, start in CYCLE_STARTS.items():
        cycle = cycle.where(~(months >= start), number)
    return cycle


def teams_without_score(transfers: pd.DataFrame, scores: pd.DataFrame, teams: set[str],
                        scores_file: str, report: Report) -> None:
    """A roster team that received transfers in a cycle must have that cycle's score (its category
    decides the bonus).  Reported at the team's first transfer row of the cycle."""
    # a score row whose cycle could not be read is already reported; it may be the missing one
    unsure = set(scores.loc[scores["cycle"].isna(), "team_id"].dropna())
    paid = transfers[transfers["team_id"].isin(list(teams - unsure)) & transfers["month"].notna()]
    paid = paid.assign(cycle=cycle_of(paid["month"]))
    paid = paid[paid["cycle"] > 0].drop_duplicates(["team_id", "cycle"])
    scored = scores.dropna(subset=["team_id", "cycle"])[["team_id", "cycle"]].astype({"cycle": "int64"})
    missing = paid.merge(scored.drop_duplicates(), on=["team_id", "cycle"], how="left", indicator=True)
    missing = missing[missing["_merge"] == "left_only"]
    for team, cycle, row in zip(missing["team_id"], missing["cycle"], missing["row"]):
        report.add(int(row), "team_id", "D143", team=team, cycle=int(cycle), scores=scores_file)


def unknown_staff(absences: pd.DataFrame, staff: set[str], roster_file: str, report: Report) -> None:
    unknown = absences["staff_id"].notna() & ~absences["staff_id"].isin(list(staff))
    for staff_id, row in zip(absences.loc[unknown, "staff_id"], absences.loc[unknown, "row"]):
        report.add(int(row), "staff_id", "D144", staff_id=staff_id, roster=roster_file)
