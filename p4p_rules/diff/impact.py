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
    rows = pd.DataFrame(data, columns=ROW_COLUMNS)
    rows["amount"] = rows["amount"].astype("int64")
    to_staff = int(rows["amount"].sum()) if len(rows) else 0
    carried = books[-1].carry_out() if books else 0
    return Side(label, rows, [b.period.label for b in books], versions, money_in, to_staff, dict(destinations),
                undistributed, carried, pending)


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


def _person_totals(rows: pd.DataFrame) -> pd.DataFrame:
    if not len(rows):
        return pd.DataFrame(columns=["staff_id", "name", "cadre", "teams", "amount"])
    g = rows.groupby("staff_id", sort=True)
    out = g.agg(name=("name", "last"), cadre=("cadre", "last"), amount=("amount", "sum")).reset_index()
    # the teams each person was paid through, sorted and joined (whole-table: no function per person)
    teamed = rows.loc[rows["team_id"].notna() & (rows["team_id"] != ""), ["staff_id", "team_id"]]
    teamed = teamed.astype(str).drop_duplicates().sort_values(["staff_id", "team_id"])
    teams = teamed.groupby("staff_id", sort=True)["team_id"].agg(", ".join)
    # object first: when nobody has a team, map() gives float64 NaNs, which pandas will not fill with text
    out["teams"] = out["staff_id"].map(teams).astype(object).fillna("")
    return out


def persons_table(old: Side, new: Side) -> pd.DataFrame:
    a, b = _person_totals(old.rows), _person_totals(new.rows)
    m = a.merge(b, on="staff_id", how="outer", suffixes=("_old", "_new"), indicator=True)
    out = pd.DataFrame({"staff_id": m["staff_id"].astype(str)})
    for col in ("name", "cadre", "teams"):
        out[col] = m[f"{col}_new"].where(m[f"{col}_new"].notna(), m[f"{col}_old"]).astype(str)
    out["in_old"] = m["_merge"].isin(["both", "left_only"]).to_numpy()
    out["in_new"] = m["_merge"].isin(["both", "right_only"]).to_numpy()
    out["old"] = m["amount_old"].fillna(0).astype("int64").to_numpy()
    out["new"] = m["amount_new"].fillna(0).astype("int64").to_numpy()
    out["change"] = out["new"] - out["old"]
    out["change_pct"] = [change_fraction(int(o), int(n)) for o, n in zip(out["old"], out["new"], strict=True)]
    return out.sort_values("staff_id", kind="stable").reset_index(drop=True)


def _pairs(rows: pd.DataFrame, key: str) -> pd.Series:
    """Total per (key, person)."""
    if not len(rows):
        return pd.Series(dtype="int64", index=pd.MultiIndex.from_arrays([[], []], names=[key, "staff_id"]))
    return rows.groupby([key, "staff_id"], sort=True)["amount"].sum()


def group_table(old: Side, new: Side, key: str) -> pd.DataFrame:
    """Per value of `key` (cadre, team_id, category): people paid, totals, per head, gainers and losers.

    A person counts in a group for the money they got through it (a person who moved team counts in
    both teams, each for the money paid there); gainers and losers compare that money.
    """
    a, b = _pairs(old.rows, key), _pairs(new.rows, key)
    both = pd.concat([a.rename("old"), b.rename("new")], axis=1).fillna(0).astype("int64")
    flags = pd.DataFrame({"po": both["old"] > 0, "pn": both["new"] > 0, "old": both["old"], "new": both["new"],
                          "gain": both["new"] > both["old"], "lose": both["new"] < both["old"]})
    per = flags.groupby(level=0, sort=True).sum()  # one pass over the table, not one per group
    rows = []
    for value, po, pn, to, tn, gain, lose in zip(per.index, per["po"].tolist(), per["pn"].tolist(),
                                                 per["old"].tolist(), per["new"].tolist(), per["gain"].tolist(),
                                                 per["lose"].tolist(), strict=True):
        rows.append({key: str(value), "people_old": po, "people_new": pn, "old": to, "new": tn, "change": tn - to,
                     "change_pct": change_fraction(to, tn),
                     "per_head_old": Fraction(to, po) if po else None,
                     "per_head_new": Fraction(tn, pn) if pn else None,
                     "gainers": gain, "losers": lose})
    cols = [key, "people_old", "people_new", "old", "new", "change", "change_pct", "per_head_old", "per_head_new",
            "gainers", "losers"]
    return pd.DataFrame(rows, columns=cols)


def team_spread(rows: pd.DataFrame) -> tuple[dict[str, Fraction | None], dict[str, int]]:
    """Per category: the largest, over payment periods, of highest/lowest money per person paid among the
    teams of that category in the period (the team-size problem: same category, same period, different
    amounts per member); and how many teams were paid in that category."""
    spread: dict[str, Fraction | None] = {}
    teams: dict[str, set[str]] = defaultdict(set)
    if not len(rows):
        return spread, {}
    teamed = rows[rows["team_id"] != ""]
    per = teamed.groupby(["category", "period", "team_id", "staff_id"], sort=True)["amount"].sum()
    by_team = pd.DataFrame({"total": per, "paid": per > 0}).groupby(level=[0, 1, 2], sort=True).sum()
    heads: dict[tuple[str, str], list[Fraction]] = defaultdict(list)
    for (cat, period, team), total, paid in zip(by_team.index, by_team["total"].tolist(), by_team["paid"].tolist(),
                                                strict=True):
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
        for team, cat in zip(side.rows["team_id"], side.rows["category"], strict=True):
            if team and cat not in cats_by_team[team]:
                cats_by_team[team].append(cat)
    teams["categories"] = [cats_by_team.get(t, []) for t in teams["team"]]

    # categories: how many teams, and the spread of per-head amounts among them
    spread_old, teams_old = team_spread(old.rows)
    spread_new, teams_new = team_spread(new.rows)
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
