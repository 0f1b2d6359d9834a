"""One payment period, in the order of the semantics: split the pool down the tree of shares,
allocate the teams' pool among teams, divide each team's money among its members, and send every
unpaid remainder to its declared destination (docs/engine.md)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from math import lcm
from typing import Any

from mypy_extensions import mypyc_attr

from p4p_rules.engine import money as money_module
from p4p_rules.engine.books import CARRY_OVER, UNDISTRIBUTED, Books, Payment
from p4p_rules.engine.people import Absence, Posting, Standing, period_conditions, period_facts, standing
from p4p_rules.engine.schedule import Period
from p4p_rules.engine.view import Cited, LawView, exact_decimal, percent
from p4p_rules.model import law as m
from p4p_rules.model import vocabulary as vocab

# The engine reaches money's functions through its module object, looked up at run time: the
# property tests replace them with broken roundings to show each is caught (tests/properties/bugs.py),
# and a compiled engine calling compiled money directly would not see the replacement.
money: Any = money_module


class LawCannotBeApplied(Exception):
    """The law in force says something impossible for this period (e.g. shares above 100%)."""


# init=False with an __init__ of its own, __reduce__, acyclic: see "Compiled classes" in engine/native.py
@mypyc_attr(acyclic=True)
@dataclass(init=False)
class Score:
    team_id: str
    cycle: int
    evaluation_date: dt.date
    score: Fraction | None          # exact, from the text of the score (scores are weights, not money)
    category: str

    def __init__(self, team_id: str, cycle: int, evaluation_date: dt.date, score: Fraction | None,
                 category: str) -> None:
        self.team_id, self.cycle, self.evaluation_date, self.score, self.category = (team_id, cycle,
                                                                                     evaluation_date, score, category)

    def __reduce__(self) -> tuple:
        return (Score, (self.team_id, self.cycle, self.evaluation_date, self.score, self.category))


class Inputs:
    """The data of a run, indexed for the engine (and what the engine derives from them once)."""

    def __init__(self, postings_by_team: dict[str, list[Posting]], postings_by_person: dict[str, list[Posting]],
                 absences_by_person: dict[str, list[Absence]], scores_by_team: dict[str, list[Score]],
                 transfers: dict[tuple[dt.date, str | None], int]) -> None:
        self.postings_by_team = postings_by_team
        self.postings_by_person = postings_by_person
        self.absences_by_person = absences_by_person
        self.scores_by_team = scores_by_team
        self.transfers = transfers      # (month, team or None) -> centavos
        self._people_of: dict[str, list[tuple[str, list[Posting], list[Posting], list[Absence]]]] = {}
        self._standings: dict[int, tuple[LawView, dict[tuple, Standing]]] = {}

    def people_of(self, team: str) -> list[tuple[str, list[Posting], list[Posting], list[Absence]]]:
        """Each person ever posted in the team, by staff id, with their postings there, all their
        postings and their absences (computed once: read for every person of every period)."""
        cache = self._people_of
        if team not in cache:
            grouped: dict[str, list[Posting]] = defaultdict(list)
            for p in self.postings_by_team.get(team, []):
                grouped[p.staff_id].append(p)
            cache[team] = [(staff, in_team, self.postings_by_person.get(staff, in_team),
                            self.absences_by_person.get(staff, NO_ABSENCES))
                           for staff, in_team in sorted(grouped.items())]
        return cache[team]

    def standings(self, view: LawView) -> dict[tuple, Standing]:
        """The standings already evaluated for one law version on these inputs (see _members)."""
        cache = self._standings
        entry = cache.get(id(view))
        if entry is None or entry[0] is not view:  # the entry holds the view: its id cannot be reused
            entry = cache[id(view)] = (view, {})
        return entry[1]

    def score_for(self, team: str, period: Period) -> Score | None:
        """The latest evaluation on or before the end of the period."""
        found = [s for s in self.scores_by_team.get(team, []) if s.evaluation_date <= period.end]
        # two evaluations on one day: the later cycle's counts (not whichever row came first)
        return max(found, key=lambda s: (s.evaluation_date, s.cycle)) if found else None


NO_ABSENCES: list[Absence] = []  # the absences of someone without any (shared: never changed)


def index_inputs(roster: tuple[list, ...], absences_columns: tuple[list, ...], scores_columns: tuple[list, ...],
                 transfers_columns: tuple[list, ...]) -> Inputs:
    """Index the engine's columns (run.Records): postings by team and by person, absences, scores,
    transfers (compiled with the engine: it runs once per municipality, over every row)."""
    postings_by_team: dict[str, list[Posting]] = defaultdict(list)
    postings_by_person: dict[str, list[Posting]] = defaultdict(list)
    for staff, name, team, cadre, start, end, signed, hours in zip(*roster, strict=True):
        p = Posting(str(staff), str(name), team, str(cadre), start, end, signed, hours)
        postings_by_person[p.staff_id].append(p)
        if team is not None:
            postings_by_team[team].append(p)
    absences: dict[str, list[Absence]] = defaultdict(list)
    for staff, start, end, kind in zip(*absences_columns, strict=True):
        # start_date is a required column (the loader reports empty cells): start is never None here
        absences[str(staff)].append(Absence(str(staff), start, end, str(kind)))
    scores: dict[str, list[Score]] = defaultdict(list)
    for team, cycle, when, score, category in zip(*scores_columns, strict=True):
        scores[str(team)].append(Score(str(team), cycle, when, score, str(category)))
    transfers: dict[tuple[dt.date, str | None], int] = defaultdict(int)
    for month, team, amount in zip(*transfers_columns, strict=True):
        transfers[(month, team)] += amount
    # postings in date order, whatever the order of the file's rows: a person's posting "latest in
    # the period" (the cadre they are paid as) must not depend on where a row stands
    for postings in (*postings_by_team.values(), *postings_by_person.values()):
        postings.sort(key=_posting_order)
    return Inputs(dict(postings_by_team), dict(postings_by_person), dict(absences), dict(scores), dict(transfers))


def _posting_order(p: Posting) -> tuple[dt.date, dt.date]:
    return (p.start, p.end or dt.date.max)


@mypyc_attr(acyclic=True)
@dataclass(init=False)
class TeamState:
    team_id: str
    transfer: int
    score: Score | None
    category: str | None            # after the law's treatment of disqualified teams
    failed: str | None              # why the team gets nothing
    floor: bool
    amount: int
    cites: list[str]

    def __init__(self, team_id: str, transfer: int, score: Score | None, category: str | None,
                 failed: str | None = None, floor: bool = False, amount: int = 0,
                 cites: list[str] | None = None) -> None:
        self.team_id, self.transfer, self.score, self.category = team_id, transfer, score, category
        self.failed, self.floor, self.amount, self.cites = failed, floor, amount, [] if cites is None else cites

    def __reduce__(self) -> tuple:
        return (TeamState, (self.team_id, self.transfer, self.score, self.category, self.failed, self.floor,
                            self.amount, self.cites))


@mypyc_attr(acyclic=True)
@dataclass(init=False)
class Member:  # (no __reduce__: never pickled, it lives only while a period is divided)
    posting: Posting
    postings: list[Posting]          # this person's postings in the unit's teams
    standing: Standing
    nominal: int
    # the nominal part before rounding, exact_num / exact_den (what a remainder to the team is shared
    # by); a pair of ints, not a Fraction: no gcd per member on the hot path, and only ratios matter
    exact_num: int
    exact_den: int
    paid: int
    cites: list[str]
    weight: Fraction | int
    by_rule: bool                    # paid by an earmark or a fixed amount (the law states the amount)
    evaluation: dt.date | None
    in_team: list[Posting]           # every posting in the team (evaluation rules)

    def __init__(self, posting: Posting, postings: list[Posting], standing: Standing,
                 evaluation: dt.date | None = None, in_team: list[Posting] | None = None) -> None:
        self.posting, self.postings, self.standing, self.evaluation = posting, postings, standing, evaluation
        self.in_team = [] if in_team is None else in_team
        self.nominal, self.exact_num, self.exact_den, self.paid = 0, 0, 1, 0
        self.cites = []
        self.weight, self.by_rule = 1, False


def _exact(value) -> Fraction | int:
    """A decimal of the law as an exact number: an int when whole (ints add much faster than Fractions)."""
    f = exact_decimal(value)
    return f.numerator if f.denominator == 1 else f


def _total(values: Iterable[Fraction | int]) -> Fraction | int:
    """The sum of exact amounts (a plain `sum` of them would be typed int in the compiled engine)."""
    out: Fraction | int = 0
    for v in values:
        out += v
    return out


def _over_one_denominator(values: list[tuple[int, int]]) -> list[int]:
    """Numerator/denominator pairs as ints in the same proportions (over their common denominator)."""
    den = lcm(*(d for _, d in values)) if values else 1
    return [n * (den // d) for n, d in values]


def _route(view: LawView, books: Books, source: str, amount: int, cites: list[str], team: str | None = None,
           to_team=None) -> None:
    """Send a remainder where the law says.

    For 'to the team', `to_team(amount, cite)` redistributes it and returns True; where there is no
    team to give it to (nobody left, or money that never reached a team) it is booked undistributed.
    """
    if amount <= 0:
        return
    dest, cite = view.destination(source)
    if dest is None:
        books.book(UNDISTRIBUTED, source, amount, cites, team)
    elif dest == "team":
        if to_team is None or not to_team(amount, cite or ""):
            books.book(UNDISTRIBUTED, source, amount, cites + [cite or ""], team)
    elif dest == "next_period":
        books.book(CARRY_OVER, source, amount, cites + [cite or ""], team)
    else:
        books.book(dest, source, amount, cites + [cite or ""], team)


def compute_period(view: LawView | None, period: Period, inputs: Inputs, carry_in: int) -> Books:
    months = set(period.months)
    team_transfer: dict[str, int] = defaultdict(int)
    municipal = 0
    for (month, team), amount in inputs.transfers.items():
        if month in months:
            period.money_months.add(month)
            if team is None:
                municipal += amount
            else:
                team_transfer[team] += amount
                period.team_months.setdefault(team, set()).add(month)
    pool = municipal + sum(team_transfer.values()) + carry_in
    books = Books(period, view.version if view else None, pool, carry_in)
    if view is None:
        books.book(UNDISTRIBUTED, "no_law_in_force", pool, [])
        return books

    leaves = _split_tree(view, books, pool)
    books.nodes = dict(leaves)
    teams_pool, teams_cites = leaves.pop(vocab.TEAMS, (0, []))
    for node, (amount, cites) in leaves.items():
        pay = [c for c in view.all(m.PayShare) if _normal(view, c.provision.share) == _normal(view, node)]
        if pay:
            _pay_share(view, books, period, inputs, amount, pay[-1], cites)
        else:
            books.book(node, "share", amount, cites)

    teams = _allocate(view, books, period, inputs, team_transfer, teams_pool, teams_cites)
    books.teams = {ts.team_id: ts for ts in teams}
    _divide(view, books, period, inputs, teams, teams_cites)
    books.check_conservation()
    return books


# ---- step 3: the tree of shares ------------------------------------------------------------------
def _split_tree(view: LawView, books: Books, pool: int) -> dict[str, tuple[int, list[str]]]:
    splits: dict[str, tuple[Cited, list[Fraction], bool]] = view.memo("splits", _splits, view)
    if not splits:
        return {vocab.TEAMS: (pool, [])}
    leaves: dict[str, tuple[int, list[str]]] = {}
    # depth first, in the law's order, with a stack rather than a nested recursive function: such a
    # function refers to itself, a reference cycle that keeps the period's books alive until the
    # cyclic collector runs (a national batch runs with it off)
    todo: list[tuple[str, int, list[str]]] = [(vocab.FUNDS, pool, [])]
    while todo:
        node, amount, cites = todo.pop()
        split = splits.get(_normal(view, node))
        if split is None:
            key = vocab.TEAMS if node == vocab.TEAMS else node
            prev_amount, prev_cites = leaves.get(key, (0, []))
            leaves[key] = (prev_amount + amount, prev_cites or cites)
            continue
        c, fractions, over_100 = split
        if over_100:
            total = sum(s.percent for s in c.provision.shares)  # exact decimals, for the message
            raise LawCannotBeApplied(f"the shares of '{node}' add up to {total}%, more than 100% ({c.cite})")
        parts, rest = money.shares(amount, fractions, keys=list(range(len(fractions))))
        if rest:
            books.book(UNDISTRIBUTED, f"unassigned part of {node}", rest, cites + [c.cite])
        todo.extend(reversed([(share.node, part, cites + [c.cite])
                              for share, part in zip(c.provision.shares, parts, strict=True)]))
    return leaves


def _splits(view: LawView) -> dict[str, tuple[Cited, list[Fraction], bool]]:
    """Each split of the law by the (normalised) node it divides: its shares as exact fractions,
    and whether they add up to more than the whole (read once per version, not per period)."""
    out: dict[str, tuple[Cited, list[Fraction], bool]] = {}
    for c in view.all(m.Split):
        fractions = [percent(s.percent) for s in c.provision.shares]
        out[_normal(view, c.provision.parent)] = (c, fractions, _total(fractions) > 1)
    return out


def _normal(view: LawView, name: str) -> str:
    """vocab.normalize(name), remembered per version: the law's node names are asked for every period."""
    known: dict[str, str] = view.memo("normalized", dict)
    found = known.get(name)
    if found is None:
        found = known[name] = vocab.normalize(name)
    return found


# ---- a share paid straight to a cadre (e.g. coordinators) -------------------------------------
def _pay_share(view: LawView, books: Books, period: Period, inputs: Inputs, amount: int, pay, cites: list[str]) -> None:
    cadres = view.expand(pay.provision.recipients)
    members: list[Member] = []
    for staff, postings in sorted(inputs.postings_by_person.items()):
        here = [p for p in postings if view.cadre_key(p.cadre) in cadres
                and p.start <= period.end and (p.end or dt.date.max) >= period.start]
        if here:
            st = standing(view, period, here, postings, inputs.absences_by_person.get(staff, []), None, in_team=False)
            members.append(Member(here[-1], here, st))
    cites = cites + [pay.cite]
    if not members:
        _route(view, books, "ineligible", amount, cites)
        return
    parts = money.split(amount, [1] * len(members), [mb.posting.staff_id for mb in members])
    for member, part in zip(members, parts, strict=True):
        member.nominal = part
        member.exact_num, member.exact_den = amount, len(members)
    _settle(view, books, members, cites, team=None, unit_amount=amount)


# ---- step 4: allocation among teams ---------------------------------------------------------------
def _allocate(view: LawView, books: Books, period: Period, inputs: Inputs, team_transfer: dict[str, int],
              pool: int, cites: list[str]) -> list[TeamState]:
    ids = sorted(set(team_transfer) | ({t for t in inputs.postings_by_team if t} if not team_transfer else set()))
    disq = view.last(m.Disqualified)
    teams: list[TeamState] = []
    for t in ids:
        sc = inputs.score_for(t, period)
        category = sc.category if sc else None
        ts = TeamState(t, team_transfer.get(t, 0), sc, category)
        if sc is None:
            ts.failed = "no_score"
        elif category == vocab.DISQUALIFIED:
            if disq and disq.provision.treatment == "as_category":
                ts.category = disq.provision.category
                ts.cites.append(disq.cite)
            else:
                ts.failed = "disqualified"
                if disq:
                    ts.cites.append(disq.cite)
        teams.append(ts)
    min_cat = view.last(m.MinimumCategory)
    min_score = view.last(m.MinimumScore)
    for ts in teams:
        if ts.failed:
            continue
        if min_cat and ts.category is not None and view.rank(ts.category) > view.rank(min_cat.provision.category):
            ts.failed = "below_minimum_category"
            ts.cites.append(min_cat.cite)
        if min_score and (ts.score is None or ts.score.score is None
                          or ts.score.score < view.memo("minimum_score", _exact, min_score.provision.score)):
            ts.failed = ts.failed or "below_minimum_score"
            ts.cites.append(min_score.cite)
    if not teams:
        _route(view, books, "failed_teams", pool, cites)
        return teams

    # The whole of step 4 is computed in exact fractions and rounded once at the end (docs/engine.md
    # §4): rounding each stage (floors, parts, redirects, failed teams' money) and then dividing the
    # rounded amounts again would let one tie-break centavo be multiplied, so that two teams equal in
    # everything the law looks at could end several centavos apart.
    exact: dict[str, Fraction | int] = {ts.team_id: 0 for ts in teams}
    failed_money: Fraction | int = 0   # money no paid team's part takes: failed parts and parts not given

    # floors first: a team in a floor category receives the floor, and no other allocation
    remaining: Fraction | int = pool
    floor_wanted: list[tuple[TeamState, int, str]] = []
    for c in view.all(m.TeamFloor):
        cats = set(c.provision.categories)
        for ts in teams:
            raw = ts.score.category if ts.score else None
            if ts.floor or not ({ts.category, raw} & cats):
                continue
            if c.provision.percent_of_transfer is not None:
                wanted = int(Fraction(ts.transfer) * percent(c.provision.percent_of_transfer))
            else:
                # "per month" counts the months of the period in which the team received a transfer
                months_paid = len(period.team_months.get(ts.team_id, set())) or len(period.money_months)
                wanted = (c.provision.amount or 0) * (months_paid if c.provision.per_month else 1)
            ts.floor = True
            floor_wanted.append((ts, wanted, c.cite))
    if floor_wanted:
        total_wanted = sum(w for _, w, _ in floor_wanted)
        for ts, wanted, cite in floor_wanted:
            # floors that exceed the pool are scaled down in proportion
            exact[ts.team_id] = wanted if total_wanted <= pool else Fraction(pool * wanted, total_wanted)
            ts.cites.append(cite)
            ts.failed = None
        remaining = pool - min(total_wanted, pool)

    alloc = view.last(m.Allocate)
    mode = alloc.provision.mode if alloc else "equal"
    alloc_cites = [alloc.cite] if alloc else []
    others = [ts for ts in teams if not ts.floor]
    if others and remaining:
        values = view.memo("allocation_values", _allocation_values, alloc)
        if mode == "category_share":
            # a full part is the rest over the number of teams; each team its category's percentage of it
            n = len(others)
            for ts in others:
                value = values.get(ts.category or "")  # a percentage; a category not listed gets nothing
                exact[ts.team_id] = Fraction(remaining * value.numerator, 100 * n * value.denominator) if value else 0
            failed_money += remaining - _total(exact[ts.team_id] for ts in others)
        else:
            if mode == "transfer":
                exact_weights: list[Fraction | int] = [ts.transfer for ts in others]
            elif mode == "score":
                exact_weights = [ts.score.score if ts.score and ts.score.score is not None else 0 for ts in others]
            elif mode == "category_weight":
                exact_weights = [values.get(ts.category or "", 0) for ts in others]
            else:
                exact_weights = [1] * len(others)
            # only their proportions count: as ints over their common denominator (scores and
            # category weights are exact decimals), which add and multiply far faster than fractions
            weights = money.common_denominator(exact_weights)[0]
            weight_sum = sum(weights)
            if weight_sum > 0 and not floor_wanted and not view.all(m.Redirect):
                _by_weight_only(view, books, teams, weights, pool, cites, alloc_cites)
                return teams
            if weight_sum > 0:
                for ts, w in zip(others, weights, strict=True):
                    exact[ts.team_id] = Fraction(remaining * w, weight_sum) if w else 0
            else:
                failed_money += remaining
        for ts in others:
            ts.cites.extend(alloc_cites)
    else:
        failed_money += remaining

    redirected: dict[str, Fraction | int] = {}
    for c in view.all(m.Redirect):
        givers = [ts for ts in teams if not ts.failed and ts.category in c.provision.from_categories]
        takers = [ts for ts in teams if ts.category in c.provision.to_categories
                  or (ts.score and ts.score.category in c.provision.to_categories)]
        if not givers or not takers:
            continue
        given: Fraction | int = 0
        for ts in givers:
            give = exact[ts.team_id] * percent(c.provision.percent)
            exact[ts.team_id] -= give
            given += give
            ts.cites.append(c.cite)
        for ts in takers:
            redirected[ts.team_id] = redirected.get(ts.team_id, 0) + Fraction(given, len(takers))
            ts.cites.append(c.cite)

    # the money of failed teams reverts as the law says; a failed team keeps only what was redirected to it
    for ts in teams:
        if ts.failed:
            failed_money += exact[ts.team_id]
            exact[ts.team_id] = 0
        if ts.team_id in redirected:
            exact[ts.team_id] += redirected[ts.team_id]
    destination, dest_cite = view.destination("failed_teams")
    paid = [ts for ts in teams if not ts.failed and exact[ts.team_id] > 0]
    if failed_money and destination == "team" and paid:
        # "to the team": shared by the paid teams in proportion to their (exact) parts
        paid_sum = _total(exact[ts.team_id] for ts in paid)
        for ts in paid:
            exact[ts.team_id] += Fraction(failed_money * exact[ts.team_id]) / paid_sum
            ts.cites.append(dest_cite or "")
        failed_money = 0

    # one rounding for the whole step: the teams (ties to the smallest team id), failed money last
    if pool:
        amounts = money.split(pool, [exact[ts.team_id] for ts in teams] + [failed_money],
                              [(0, ts.team_id) for ts in teams] + [(1, "")])
        for ts, amount in zip(teams, amounts[:-1], strict=True):
            ts.amount = amount
        _route(view, books, "failed_teams", amounts[-1], cites + alloc_cites)
    return teams


def _by_weight_only(view: LawView, books: Books, teams: list[TeamState], weights: list[int], pool: int,
                    cites: list[str], alloc_cites: list[str]) -> None:
    """Step 4 when the teams' parts are by weight alone (no floor, no redirect): the one rounding
    of `_allocate`, done on the weights themselves, without fractions — the common case, kept fast.

    Each team's exact part is pool × w / Σw.  A failed team's part reverts: to the paid teams in
    proportion to their parts when the law sends it "to the team" — each paid team then holds
    pool × w / Σ(paid w) — otherwise it is one more part, rounded last.  Either way the exact
    parts are the weights scaled by one factor, and the largest remainder reads only their
    proportions: the same centavos as the exact fractions would give."""
    if not any(ts.failed for ts in teams):
        for ts, amount in zip(teams, money.split(pool, weights, [ts.team_id for ts in teams]), strict=True):
            ts.amount = amount
            ts.cites.extend(alloc_cites)
        return
    paid_weights = [0 if ts.failed else w for ts, w in zip(teams, weights, strict=True)]
    failed_weight = sum(weights) - sum(paid_weights)
    destination, dest_cite = view.destination("failed_teams")
    to_paid = bool(pool and failed_weight and destination == "team" and any(paid_weights))
    for ts, w in zip(teams, paid_weights, strict=True):
        ts.cites.extend(alloc_cites)
        if to_paid and w:
            ts.cites.append(dest_cite or "")
    amounts = money.split(pool, paid_weights + [0 if to_paid else failed_weight],
                          [(0, ts.team_id) for ts in teams] + [(1, "")])
    for ts, amount in zip(teams, amounts[:-1], strict=True):
        ts.amount = amount
    _route(view, books, "failed_teams", amounts[-1], cites + alloc_cites)


def _allocation_values(alloc: Cited | None) -> dict[str, Fraction]:
    """The category values of the allocation among teams (weights or percentages), exact."""
    return {v.category: exact_decimal(v.value) for v in (alloc.provision.values if alloc else [])}


# ---- steps 5-6: division within teams ---------------------------------------------------------------
def _members(view: LawView, period: Period, inputs: Inputs, team: TeamState) -> list[Member]:
    first, last = period.start, period.end
    eligible = view.last(m.Eligible)
    covered = view.expand(eligible.provision.members) if eligible else None
    targeted = view.targeted()
    out = []
    evaluation = team.score.evaluation_date if team.score else None
    known = inputs.standings(view)
    conditions = view.memo("period_conditions", period_conditions, view)
    for _staff, in_team, all_postings, absences in inputs.people_of(team.team_id):
        if len(in_team) == 1:  # the usual case: one posting in the team, kept as its own list
            p = in_team[0]
            postings = in_team if p.start <= last and (p.end is None or p.end >= first) else []
        else:
            postings = [p for p in in_team if p.start <= last and (p.end is None or p.end >= first)]
        if not postings:
            continue
        key = view.cadre_key(postings[-1].cadre)
        if covered is not None and key not in covered and key not in targeted:
            continue
        # a person whose standing reads nothing else of the period than these facts is evaluated
        # once for every period that gives the same (people.period_facts); a Standing is never
        # changed once made, so one object can serve several periods
        facts = period_facts(conditions, period, postings, all_postings, absences)
        seen: tuple | None = None
        if facts is not None:
            # postings and in_team are the Inputs' own objects, alive as long as the cache (ids are safe)
            seen = (id(postings[0]) if len(postings) == 1 else tuple([id(p) for p in postings]), id(in_team),
                    evaluation, facts)
        st = known.get(seen) if seen is not None else None
        if st is None:
            st = standing(view, period, postings, all_postings, absences, evaluation, team_postings=in_team)
            if eligible:
                st.cites.insert(0, eligible.cite)
            if seen is not None:
                known[seen] = st
        out.append(Member(postings[-1], postings, st, evaluation=evaluation, in_team=in_team))
    return out


def _nominal(view: LawView, books: Books, period: Period, amount: int, members: list[Member],
             cites: list[str], team: str | None) -> int:
    """Each member's share before conditions: earmarks, fixed amounts, then weights or equal parts.

    Returns the rest that nobody could take when the law sends it to the team: the members who
    were paid (earmarks, fixed amounts) share it when the unit is settled.
    """
    earmarks = view.all(m.Earmark)
    if earmarks:
        fractions, earmarked = view.memo("earmark_fractions", _earmark_fractions, earmarks)
        if earmarked > 1:
            total = sum(c.provision.percent for c in earmarks)
            raise LawCannotBeApplied(f"earmarks add up to {total}%, more than a team's money "
                                     f"({', '.join(c.cite for c in earmarks)})")
        parts, rest = money.shares(amount, fractions, list(range(len(earmarks))))
    else:
        fractions, parts, rest = [], [], amount  # what money.shares(amount, []) gives, without dividing
    taken: set[int] = set()
    for c, pct, part in zip(earmarks, fractions, parts, strict=True):
        cadres = view.expand([c.provision.target])
        group = [i for i, mb in enumerate(members) if view.cadre_key(mb.posting.cadre) in cadres and i not in taken]
        if not group:
            if view.destination("earmark")[0] == "team":
                rest += part  # "to the team": the earmark joins what the other members share
                members_cites = [c.cite, view.destination("earmark")[1] or ""]
                for mb in members:
                    mb.cites.extend(members_cites)
            else:
                _route(view, books, "earmark", part, cites + [c.cite], team)
            continue
        member_parts = money.split(part, [1] * len(group), [members[i].posting.staff_id for i in group])
        for i, share in zip(group, member_parts, strict=True):
            members[i].nominal += share
            members[i].exact_num, members[i].exact_den = amount * pct.numerator, pct.denominator * len(group)
            members[i].by_rule = True
            members[i].cites.append(c.cite)
        taken |= set(group)
    wanted: list[tuple[int, int, str]] = []  # (member, amount wanted, article)
    for c in view.all(m.FixedAmount):
        cadres = view.expand(c.provision.recipients)
        group = [i for i, mb in enumerate(members) if view.cadre_key(mb.posting.cadre) in cadres and i not in taken]
        each = c.provision.amount * (len(period.money_months) if c.provision.per_month else 1)
        wanted += [(i, each, c.cite) for i in group]
        taken |= set(group)
    if wanted:
        # every fixed amount of the unit is scaled down together, in proportion, when the money does
        # not reach (§6.2): no article is paid first because of where it stands in the law
        granted = money.scale_to(rest, [w for _, w, _ in wanted], [members[i].posting.staff_id for i, _, _ in wanted])
        total_wanted = sum(w for _, w, _ in wanted)
        for (i, each_wanted, cite), share in zip(wanted, granted, strict=True):
            members[i].nominal += share
            if total_wanted <= rest:
                members[i].exact_num, members[i].exact_den = each_wanted, 1
            else:
                members[i].exact_num, members[i].exact_den = rest * each_wanted, total_wanted
            members[i].by_rule = True
            members[i].cites.append(cite)
        rest -= sum(granted)
    others = [i for i in range(len(members)) if i not in taken]
    by_weight = view.last(m.DivideByWeight)
    division = by_weight or view.last(m.DivideEqually)
    if by_weight:
        table = view.memo("weights", _weight_table, view, by_weight)
        weights = [table.get(view.cadre_key(members[i].posting.cadre), 0) for i in others]
    else:
        weights = [1] * len(others)
    for i, w in zip(others, weights, strict=True):
        members[i].weight = w
    if rest and others and sum(weights) > 0:
        member_parts = money.split(rest, weights, [members[i].posting.staff_id for i in others])
        weight_sum = sum(weights)
        for i, w, share in zip(others, weights, member_parts, strict=True):
            members[i].nominal += share
            members[i].exact_num, members[i].exact_den = rest * w, weight_sum
            if division:
                members[i].cites.append(division.cite)
    elif rest:
        if members and view.destination("ineligible")[0] == "team":
            return rest
        _route(view, books, "ineligible", rest, cites + ([division.cite] if division else []), team)
    return 0


def _earmark_fractions(earmarks: list) -> tuple[list[Fraction], Fraction | int]:
    fractions = [percent(c.provision.percent) for c in earmarks]
    return fractions, _total(fractions)


def _weight_table(view: LawView, by_weight) -> dict[str, int]:
    """Each cadre's weight in the division by weight, as ints in the law's proportions."""
    exact: dict[str, Fraction | int] = {}
    for w in by_weight.provision.weights:
        for cadre in view.expand([w.name]):
            exact.setdefault(cadre, _exact(w.value))
    # weights only ever count in proportion to each other: over their common denominator
    # they are ints (1.5 and 1 become 3 and 2), which the rounding adds far faster
    scaled, _ = money.common_denominator(list(exact.values()))
    return dict(zip(exact, scaled, strict=True))


def _settle(view: LawView, books: Books, members: list[Member], cites: list[str], team: str | None,
            category: str | None = None, unit_amount: int = 0, unassigned: int = 0) -> None:
    """Conditions, pro-rata, caps and floors; remainders to their destinations; payment rows."""
    remainders: dict[str, int] = defaultdict(int)
    remainders["ineligible"] += unassigned
    for mb in members:
        if not mb.standing.eligible:
            remainders["ineligible"] += mb.nominal
            continue
        if mb.standing.factor == 1:
            mb.paid = mb.nominal
            continue
        paid, cut = money.shares(mb.nominal, [mb.standing.factor], [mb.posting.staff_id])
        mb.paid = paid[0]
        remainders["pro_rata"] += cut
    cap = view.last(m.PersonCap)
    floor = view.last(m.PersonFloor)
    eligible = [mb for mb in members if mb.standing.eligible]
    floor_moved = False
    if floor and eligible:
        before = [mb.paid for mb in eligible]
        _apply_floor(eligible, floor.provision.amount, floor.cite)
        floor_moved = [mb.paid for mb in eligible] != before
    if cap:
        for mb in eligible:
            if mb.paid > cap.provision.amount:
                remainders["cap"] += mb.paid - cap.provision.amount
                mb.paid = cap.provision.amount
                mb.cites.append(cap.cite)
    # what each member received before rounding (a remainder to the team is shared by it): the
    # nominal part, exact, times the factor; where the floor moved money, what they then hold
    received: dict[str, tuple[int, int]] = {}

    def to_team(amount: int, dest_cite: str) -> bool:
        receivers = [mb for mb in eligible if (not cap or mb.paid < cap.provision.amount)]
        if not receivers:
            return False
        # the remainder and what the receivers hold are divided again together, in one rounding, in
        # proportion to what they received before rounding: sharing it by rounded amounts would
        # multiply a tie-break centavo (two members alike in everything ending centavos apart)
        if not received:  # (built when a remainder first goes back to the team)
            for mb in eligible:
                f = mb.standing.factor
                received[mb.posting.staff_id] = ((mb.paid, 1) if floor_moved else
                                                 (mb.exact_num * f.numerator, mb.exact_den * f.denominator))
        weights = _over_one_denominator([received[mb.posting.staff_id] for mb in receivers])
        if not any(weights):
            weights = [1] * len(receivers)
        pot = amount + sum(mb.paid for mb in receivers)
        weight_sum = sum(weights)
        shares = money.split(pot, weights, [r.posting.staff_id for r in receivers])
        for mb, w, share in zip(receivers, weights, shares, strict=True):
            mb.paid = share
            received[mb.posting.staff_id] = (pot * w, weight_sum)
            mb.cites.append(dest_cite)
        if cap:  # what redistribution pushed over the cap cannot go back to the team again
            excess = 0
            for mb in receivers:
                if mb.paid > cap.provision.amount:
                    excess += mb.paid - cap.provision.amount
                    mb.paid = cap.provision.amount
            _route(view, books, "cap", excess, cites + [cap.cite], team)  # no to_team: undistributed
        return True

    for source in ("ineligible", "pro_rata", "cap"):
        _route(view, books, source, remainders[source], cites, team, to_team=to_team)
    # most members of a unit cite the same articles: build each distinct list once (never mutated)
    known: dict[tuple[tuple[str, ...], tuple[str, ...]], list[str]] = {}
    payments = books.payments
    for mb in members:
        st = mb.standing
        status = "paid" if st.eligible else "ineligible:" + ",".join(st.reasons)
        key = (tuple(st.cites), tuple(mb.cites))
        articles = known.get(key)
        if articles is None:
            articles = known[key] = list(dict.fromkeys([c for c in cites + st.cites + mb.cites if c]))
        p = mb.posting
        payments.append(Payment(p.staff_id, p.name, p.team_id, p.cadre, mb.paid, status, st.factor, articles,
                                category, mb.nominal, unit_amount))


def _apply_floor(members: list[Member], floor: int, cite: str) -> None:
    """Raise members below the floor, taking from those above it in proportion to their excess."""
    deficit = sum(max(0, floor - mb.paid) for mb in members)
    surplus = sum(max(0, mb.paid - floor) for mb in members)
    if not deficit:
        return
    if surplus >= deficit:
        donors = [mb for mb in members if mb.paid > floor]
        takes = money.split(deficit, [mb.paid - floor for mb in donors], [mb.posting.staff_id for mb in donors])
        for mb, t in zip(donors, takes, strict=True):
            mb.paid -= t
        for mb in members:
            if mb.paid < floor:
                mb.paid = floor
                mb.cites.append(cite)
    else:  # not enough for everyone to reach the floor: equal parts
        total = sum(mb.paid for mb in members)
        parts = money.split(total, [1] * len(members), [mb.posting.staff_id for mb in members])
        for mb, part in zip(members, parts, strict=True):
            mb.paid = part
            mb.cites.append(cite)


def _merged(view: LawView, period: Period, inputs: Inputs, first: Member, other: Member) -> Member:
    """One participant for a person posted in two teams of one equalised unit: both postings count."""
    staff = first.posting.staff_id
    postings = sorted(first.postings + other.postings, key=lambda p: p.start)
    st = standing(view, period, postings, inputs.postings_by_person.get(staff, postings),
                  inputs.absences_by_person.get(staff, []), first.evaluation,
                  team_postings=first.in_team + other.in_team)
    eligible = view.last(m.Eligible)
    if eligible:
        st.cites.insert(0, eligible.cite)
    return Member(first.posting, postings, st, evaluation=first.evaluation, in_team=first.in_team + other.in_team)


def _divide(view: LawView, books: Books, period: Period, inputs: Inputs, teams: list[TeamState],
            cites: list[str]) -> None:
    equalize = view.last(m.Equalize)
    pool_level = view.last(m.PoolLevel)
    paid_teams = [ts for ts in teams if ts.amount]
    units: list[tuple[list[TeamState], list[Member]]] = []
    if equalize:
        by_cat: dict[str, list[TeamState]] = defaultdict(list)
        for ts in paid_teams:
            by_cat[ts.category or ""].append(ts)
        for cat in sorted(by_cat):
            group = by_cat[cat]
            members = [mb for ts in group for mb in _members(view, period, inputs, ts)]
            units.append((group, members))
    else:
        units = [([ts], _members(view, period, inputs, ts)) for ts in paid_teams]

    unassigned: list[int] = []
    for index, (group, members) in enumerate(units):
        amount = sum(ts.amount for ts in group)
        team_id = group[0].team_id if len(group) == 1 else None
        unit_cites = cites + [c for ts in group for c in ts.cites] + ([equalize.cite] if equalize else [])
        unit_cites = list(dict.fromkeys(unit_cites))
        # keys must be unique within a unit: one person posted in two equalised teams counts once,
        # with the days of both postings (a move inside the unit is not an absence)
        seen: dict[str, Member] = {}
        for mb in members:
            if mb.posting.staff_id in seen:
                seen[mb.posting.staff_id] = _merged(view, period, inputs, seen[mb.posting.staff_id], mb)
            else:
                seen[mb.posting.staff_id] = mb
        members = list(seen.values())
        units[index] = (group, members)
        unassigned.append(_nominal(view, books, period, amount, members, unit_cites, team_id))

    if pool_level:
        cadres = view.expand([pool_level.provision.group])
        pooled_by_cat: dict[str, list[Member]] = defaultdict(list)
        for group, members in units:
            for mb in members:
                # earmarks and fixed amounts are amounts the law states: they are not pooled (§6.4)
                if view.cadre_key(mb.posting.cadre) in cadres and not mb.by_rule:
                    pooled_by_cat[group[0].category or ""].append(mb)
        for pooled in pooled_by_cat.values():
            total = sum(mb.nominal for mb in pooled)
            weights = [mb.weight for mb in pooled]
            if total and sum(weights) > 0:
                parts = money.split(total, weights, [mb.posting.staff_id for mb in pooled])
                nums, _ = money.common_denominator(weights)
                for mb, num, part in zip(pooled, nums, parts, strict=True):
                    mb.nominal = part
                    mb.exact_num, mb.exact_den = total * num, sum(nums)
                    mb.cites.append(pool_level.cite)

    for (group, members), rest in zip(units, unassigned, strict=True):
        team_id = group[0].team_id if len(group) == 1 else None
        unit_cites = list(dict.fromkeys(cites + [c for ts in group for c in ts.cites]))
        if not members:
            continue  # nobody to pay: _nominal already sent the unit's money to its destination
        if equalize:
            # the article that equalises comes after the person's own conditions, before what
            # was applied to them alone (a payment's articles: the unit's, the person's, theirs)
            for mb in members:
                mb.cites.insert(0, equalize.cite)
        _settle(view, books, members, unit_cites, team_id, group[0].category, sum(ts.amount for ts in group), rest)
