"""Impact diff: two sets of computed payments compared per person, cadre, team and category.

A *side* is the payments of one run (or of the periods of a run that fall in one cycle): one row
per payment row of the engine, with the team's category **as in the data** (the latest evaluation
of the period, before the law's treatment of disqualified teams), so that both sides group people
the same way whatever each law does with the category.

Money stays in integer centavos; per-head figures and fairness measures are exact fractions.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

import pandas as pd

from p4p_rules.diff.measures import change_fraction, gini, ratio, top_share
from p4p_rules.engine.books import CARRY_OVER, UNDISTRIBUTED, Books

ROW_COLUMNS = ["staff_id", "name", "team_id", "cadre", "category", "amount", "period", "payment_date"]


@dataclass
class Side:
    """The payments and money flows of one side of a comparison."""

    label: str
    rows: pd.DataFrame                      # ROW_COLUMNS, amount in centavos
    periods: list[str]                      # period labels computed
    versions: list[str]                     # law versions that computed them
    money_in: int                           # transfers of the periods computed
    to_staff: int
    destinations: dict[str, int]            # named destinations (management and its uses...)
    undistributed: int
    carried_beyond: int                     # carry-over out of the last period
    pending: int = 0                        # transfers of months whose period did not close in the range
    lists: dict[str, list] | None = None    # the same rows as plain lists, when built from the books

    def column(self, name: str) -> list:
        """One column of the rows as a list (the comparison reads them in plain Python)."""
        if self.lists is not None:
            return self.lists[name]
        return self.rows[name].tolist()


def side_from_books(label: str, books: list[Books], pending: int = 0) -> Side:
    data: dict[str, list] = {c: [] for c in ROW_COLUMNS}
    destinations: dict[str, int] = defaultdict(int)
    undistributed = money_in = 0
    versions: list[str] = []
    for b in books:
        if b.version and b.version not in versions:
            versions.append(b.version)
        money_in += b.pool - b.carry_in
        for line in b.ledger:
            if line.destination == UNDISTRIBUTED:
                undistributed += line.amount
            elif line.destination != CARRY_OVER:
                destinations[line.destination] += line.amount
        label_p, paid_on = b.period.label, b.period.payment_date
        for p in b.payments:
            team = b.teams.get(p.team_id) if p.team_id else None
            score = getattr(team, "score", None)
            data["staff_id"].append(p.staff_id)
            data["name"].append(p.name)
            data["team_id"].append(p.team_id or "")
            data["cadre"].append(p.cadre)
            if score is not None:
                category = score.category
            else:
                category = (p.category or "") if p.team_id else ""
            data["category"].append(category)
            data["amount"].append(p.amount)
            data["period"].append(label_p)
            data["payment_date"].append(paid_on)
    # object columns: pandas' string inference costs more than the rows of a municipality
    rows = pd.DataFrame({c: pd.Series(data[c], dtype="int64" if c == "amount" else object) for c in ROW_COLUMNS})
    to_staff = sum(data["amount"])
    carried = books[-1].carry_out() if books else 0
    return Side(label, rows, [b.period.label for b in books], versions, money_in, to_staff, dict(destinations),
                undistributed, carried, pending, data)


@dataclass
class Measure:
    key: str
    old: Fraction | int | None
    new: Fraction | int | None
    old_where: str = ""          # which cadre/category gives the extreme, when it applies
    new_where: str = ""


@dataclass
class Impact:
    old: Side
    new: Side
    persons: pd.DataFrame        # staff_id, name, cadre, teams, in_old, in_new, old, new, change, change_pct
    cadres: pd.DataFrame
    teams: pd.DataFrame
    categories: pd.DataFrame
    fairness: list[Measure]
    totals: list[tuple[str, str, int, int]]    # (key, destination name or '', old, new)
    counts: dict[str, int] = field(default_factory=dict)

    def top(self, n: int, gainers: bool = True) -> pd.DataFrame:
        p = self.persons
        p = p[p["change"] > 0] if gainers else p[p["change"] < 0]
        return p.sort_values(["change", "staff_id"], ascending=[not gainers, True]).head(n)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _person_totals(side: Side) -> dict[str, list]:
    """staff_id -> [name, cadre, teams paid through, amount], from the payment rows in one pass.

    Plain Python, not pandas: a diff compares a municipality of a hundred people, where each pandas
    operation's fixed cost weighs more than the work (docs/performance.md).  The name and cadre are
    the last ones given (missing cells skipped), as the person's latest row says."""
    out: dict[str, list] = {}
    if not len(side.rows):
        return out
    columns = (side.column(c) for c in ("staff_id", "name", "cadre", "team_id", "amount"))
    for staff, name, cadre, team, amount in zip(*columns, strict=True):
        entry = out.get(staff)
        if entry is None:
            entry = out[staff] = [None, None, set(), 0]
        if not _missing(name):
            entry[0] = name
        if not _missing(cadre):
            entry[1] = cadre
        if not _missing(team) and team != "":
            entry[2].add(str(team))
        entry[3] += int(amount)
    return out


def persons_table(old: Side, new: Side) -> pd.DataFrame:
    """One row per person on either side: name, cadre and teams (the new side's where present),
    on which sides they are, old and new totals, change and relative change; by staff id."""
    a, b = _person_totals(old), _person_totals(new)
    staff = sorted(set(a) | set(b), key=str)
    names, cadres, teams, olds, news = [], [], [], [], []
    for person in staff:
        before, after = a.get(person), b.get(person)
        names.append(after[0] if after is not None and after[0] is not None else (before or [None])[0])
        cadres.append(after[1] if after is not None and after[1] is not None else (before or [None, None])[1])
        teams.append(", ".join(sorted((after if after is not None else before)[2])))  # type: ignore[index]
        olds.append(before[3] if before is not None else 0)
        news.append(after[3] if after is not None else 0)
    out = pd.DataFrame({"staff_id": pd.Series([str(p) for p in staff], dtype=object).astype(str),
                        "name": pd.Series(names, dtype=object).astype(str),
                        "cadre": pd.Series(cadres, dtype=object).astype(str),
                        "teams": pd.Series(teams, dtype=object).astype(str)})
    out["in_old"] = [p in a for p in staff]
    out["in_new"] = [p in b for p in staff]
    out["old"] = pd.Series(olds, dtype="int64")
    out["new"] = pd.Series(news, dtype="int64")
    out["change"] = out["new"] - out["old"]
    out["change_pct"] = [change_fraction(o, n) for o, n in zip(olds, news, strict=True)]
    return out


def group_table(old: Side, new: Side, key: str) -> pd.DataFrame:
    """Per value of `key` (cadre, team_id, category): people paid, totals, per head, gainers and losers.

    A person counts in a group for the money they got through it (a person who moved team counts in
    both teams, each for the money paid there); gainers and losers compare that money.  Rows with no
    value of `key` (a share paid outside teams, for team_id) belong to no group.  Plain Python over
    the rows, like `_person_totals`.
    """
    pairs: dict[tuple[str, str], list[int]] = {}
    for index, side in enumerate((old, new)):
        if not len(side.rows):
            continue
        for value, staff, amount in zip(side.column(key), side.column("staff_id"), side.column("amount"),
                                        strict=True):
            if _missing(value):
                continue
            pairs.setdefault((value, staff), [0, 0])[index] += int(amount)
    groups: dict[str, list[int]] = {}  # value -> people old, people new, old, new, gainers, losers
    for (value, _), (o, n) in pairs.items():
        g = groups.setdefault(value, [0, 0, 0, 0, 0, 0])
        g[0] += o > 0
        g[1] += n > 0
        g[2] += o
        g[3] += n
        g[4] += n > o
        g[5] += n < o
    rows_out = []
    for value in sorted(groups):
        po, pn, to, tn, gain, lose = groups[value]
        rows_out.append({key: str(value), "people_old": po, "people_new": pn, "old": to, "new": tn,
                         "change": tn - to, "change_pct": change_fraction(to, tn),
                         "per_head_old": Fraction(to, po) if po else None,
                         "per_head_new": Fraction(tn, pn) if pn else None,
                         "gainers": gain, "losers": lose})
    cols = [key, "people_old", "people_new", "old", "new", "change", "change_pct", "per_head_old", "per_head_new",
            "gainers", "losers"]
    return pd.DataFrame(rows_out, columns=cols)


def team_spread(side: Side) -> tuple[dict[str, Fraction | None], dict[str, int]]:
    """Per category: the largest, over payment periods, of highest/lowest money per person paid among the
    teams of that category in the period (the team-size problem: same category, same period, different
    amounts per member); and how many teams were paid in that category."""
    spread: dict[str, Fraction | None] = {}
    teams: dict[str, set[str]] = defaultdict(set)
    if not len(side.rows):
        return spread, {}
    # per (category, period, team, person), then per team: plain Python over the rows (see _person_totals);
    # rows outside teams, or missing a category or period, belong to no team of a category
    per: dict[tuple, int] = {}
    columns = (side.column(c) for c in ("category", "period", "team_id", "staff_id", "amount"))
    for cat, period, team, staff, amount in zip(*columns, strict=True):
        if team == "" or _missing(team) or _missing(cat) or _missing(period):
            continue
        key = (cat, period, team, staff)
        per[key] = per.get(key, 0) + int(amount)
    by_team: dict[tuple, list[int]] = {}
    for (cat, period, team, _), amount in per.items():
        entry = by_team.setdefault((cat, period, team), [0, 0])
        entry[0] += amount
        entry[1] += amount > 0
    heads: dict[tuple[str, str], list[Fraction]] = defaultdict(list)
    for (cat, period, team) in sorted(by_team):
        total, paid = by_team[(cat, period, team)]
        if paid:
            heads[(str(cat), str(period))].append(Fraction(int(total), int(paid)))
            teams[str(cat)].add(str(team))
    for (cat, _), values in heads.items():
        r = ratio(values)
        best = spread.setdefault(cat, None)
        if r is not None and (best is None or r > best):
            spread[cat] = r
    return spread, {cat: len(t) for cat, t in teams.items()}


def _max_where(values: dict[str, Fraction | None]) -> tuple[Fraction | None, str]:
    found = [(v, k) for k, v in values.items() if v is not None]
    if not found:
        return None, ""
    v, k = max(found, key=lambda t: (t[0], t[1]))
    return v, k


def _cadre_extremes(per_capita: dict[str, Fraction]) -> tuple[Fraction | None, str]:
    positive = {k: v for k, v in per_capita.items() if v > 0}
    r = ratio(positive.values())
    if r is None:
        return None, ""
    hi = max(positive, key=lambda k: (positive[k], k))
    lo = min(positive, key=lambda k: (positive[k], k))
    return r, f"{hi}/{lo}"


def compare(old: Side, new: Side) -> Impact:
    persons = persons_table(old, new)
    cadres = group_table(old, new, "cadre")
    teams = group_table(old, new, "team_id").rename(columns={"team_id": "team"})
    categories = group_table(old, new, "category")

    # teams: the categories each team had (as in the data), over both sides
    cats_by_team: dict[str, list[str]] = defaultdict(list)
    for side in (old, new):
        for team, cat in zip(side.column("team_id"), side.column("category"), strict=True):
            if team and cat not in cats_by_team[team]:
                cats_by_team[team].append(cat)
    teams["categories"] = [cats_by_team.get(t, []) for t in teams["team"]]

    # categories: how many teams, and the spread of per-head amounts among them
    spread_old, teams_old = team_spread(old)
    spread_new, teams_new = team_spread(new)
    categories["teams_old"] = [teams_old.get(c, 0) for c in categories["category"]]
    categories["teams_new"] = [teams_new.get(c, 0) for c in categories["category"]]
    categories["spread_old"] = [spread_old.get(c) for c in categories["category"]]
    categories["spread_new"] = [spread_new.get(c) for c in categories["category"]]

    # fairness: population = everybody paid something on either side (0 on the side that did not pay)
    paid = persons[(persons["old"] > 0) | (persons["new"] > 0)]
    old_vals, new_vals = [int(v) for v in paid["old"]], [int(v) for v in paid["new"]]
    pc_old = {c: v for c, v in zip(cadres["cadre"], cadres["per_head_old"], strict=True) if v is not None}
    pc_new = {c: v for c, v in zip(cadres["cadre"], cadres["per_head_new"], strict=True) if v is not None}
    cr_old, cw_old = _cadre_extremes(pc_old)
    cr_new, cw_new = _cadre_extremes(pc_new)
    ts_old, tw_old = _max_where({k: v for k, v in spread_old.items() if k})
    ts_new, tw_new = _max_where({k: v for k, v in spread_new.items() if k})
    n_old, n_new = sum(1 for v in old_vals if v > 0), sum(1 for v in new_vals if v > 0)
    fairness = [
        Measure("people_paid", n_old, n_new),
        Measure("gini", gini(old_vals), gini(new_vals)),
        Measure("top10", top_share(old_vals), top_share(new_vals)),
        Measure("cadre_ratio", cr_old, cr_new, cw_old, cw_new),
        Measure("team_spread", ts_old, ts_new, tw_old, tw_new),
        Measure("mean_paid", Fraction(sum(old_vals), n_old) if n_old else None,
                Fraction(sum(new_vals), n_new) if n_new else None),
    ]

    totals: list[tuple[str, str, int, int]] = [("money_in", "", old.money_in, new.money_in),
                                               ("to_staff", "", old.to_staff, new.to_staff)]
    for dest in sorted(set(old.destinations) | set(new.destinations)):
        totals.append(("destination", dest, old.destinations.get(dest, 0), new.destinations.get(dest, 0)))
    totals += [("undistributed", "", old.undistributed, new.undistributed),
               ("carried_beyond", "", old.carried_beyond, new.carried_beyond),
               ("pending", "", old.pending, new.pending)]

    ch = persons["change"]
    counts = {"gainers": int((ch > 0).sum()), "losers": int((ch < 0).sum()), "unchanged": int((ch == 0).sum()),
              "newly_paid": int(((persons["old"] == 0) & (persons["new"] > 0)).sum()),
              "no_longer_paid": int(((persons["old"] > 0) & (persons["new"] == 0)).sum()),
              "people": len(persons)}
    return Impact(old, new, persons, cadres, teams, categories, fairness, totals, counts)


def pending_transfers(dataset, months: list[dt.date]) -> int:
    """Transfers of the given months (the months a run left pending)."""
    if not months:
        return 0
    t = dataset.transfers
    wanted = {m.replace(day=1) for m in months}
    firsts = [pd.Timestamp(v).date().replace(day=1) for v in t["month"]]
    return int(sum(int(a) for f, a in zip(firsts, t["amount"], strict=True) if f in wanted))
