"""A reference evaluator ("oracle") for docs/engine.md, written independently of p4p_rules/engine.

Deliberately simple and slow: plain Python loops over plain Python objects, exact
`fractions.Fraction` arithmetic, integer centavos.  Every function implements one step of
docs/engine.md and quotes, in its docstring, the sentence(s) of the spec it implements.  Where the
spec is silent or ambiguous the most literal reading is taken and the choice is marked
"AMBIGUITY" (the list is in tests/oracle/README.md).

Only the law model (p4p_rules.load / p4p_rules.model) and the data loader (p4p_rules.data) are
used; nothing under p4p_rules/engine is read or imported.

Entry point: `run_oracle(law_path, data_dir, start=None, end=None) -> list[OraclePeriod]`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Iterable

from p4p_rules.data import load_dataset
from p4p_rules.load import CompiledLaw, compile_file
from p4p_rules.model import law as m
from p4p_rules.model.vocabulary import CYCLE_START, DISQUALIFIED, FUNDS, TEAMS, normalize

UNJUSTIFIED = "unjustified"  # the data loader's canonical id for `falta_injustificada`


class OracleError(Exception):
    """The law cannot be applied (e.g. shares above 100%)."""


# =====================================================================================
# Plain data
# =====================================================================================

@dataclass(frozen=True)
class Posting:
    staff_id: str
    name: str
    team_id: str | None
    cadre: str
    start: dt.date
    end: dt.date | None  # None: still in post
    signed: bool
    hours: int


@dataclass(frozen=True)
class Absence:
    staff_id: str
    start: dt.date
    end: dt.date | None  # None: still running
    kind: str


@dataclass(frozen=True)
class Evaluation:
    team_id: str
    cycle: int
    date: dt.date | None  # None: undated (allowed for a disqualified row)
    score: Fraction | None  # None: no score (disqualified)
    category: str


@dataclass(frozen=True)
class Transfer:
    month: tuple[int, int]
    team_id: str | None  # None: municipality-level row
    amount: int


@dataclass
class Data:
    postings: list[Posting]
    absences: list[Absence]
    evaluations: list[Evaluation]
    transfers: list[Transfer]


@dataclass
class PaymentRow:
    staff_id: str
    team_id: str | None
    amount: int
    eligible: bool


@dataclass
class OraclePeriod:
    label: str
    months: list[tuple[int, int]]
    payment_date: dt.date
    version: str
    transfers: int
    carry_in: int
    pool: int
    rows: list[PaymentRow] = field(default_factory=list)
    ledger: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    # situations met in this period where the oracle's reading is known to differ from the engine
    # (see README.md); the property test uses them to tell known disagreements from new ones
    notes: set[str] = field(default_factory=set)

    @property
    def payments(self) -> dict[str, int]:
        """Amount paid per person (a person paid through two teams or a share has one sum)."""
        out: dict[str, int] = defaultdict(int)
        for r in self.rows:
            out[r.staff_id] += r.amount
        return dict(out)

    @property
    def carry_out(self) -> int:
        return sum(a for (dest, _), a in self.ledger.items() if dest == "carry_over")


# =====================================================================================
# §0 Money and rounding
# =====================================================================================

def largest_remainder(total: int, weights: list[Fraction], keys: list[Any]) -> list[int]:
    """§0: "Every division of an amount uses largest-remainder rounding: each part gets the floor of
    its exact value; the centavos left over go, one each, to the parts with the largest fractional
    remainders; ties go to the part with the smallest key ... The parts always add up to the whole
    exactly."  The exact value of part i is total * w_i / sum(w)."""
    assert len(weights) == len(keys)
    weight_sum = sum(weights, Fraction(0))
    if not weights:
        return []
    assert weight_sum > 0, "nothing to divide by"
    exact = [Fraction(total) * Fraction(w) / weight_sum for w in weights]
    parts = [math.floor(e) for e in exact]
    left = total - sum(parts)
    order = sorted(range(len(parts)), key=lambda i: (-(exact[i] - parts[i]), keys[i]))
    for i in order[:left]:
        parts[i] += 1
    assert sum(parts) == total
    return parts


def split_by_percentages(total: int, percents: list[Fraction]) -> tuple[list[int], int]:
    """§0: "Shares are exact fractions (12,5% is 1/8)."  "When a set of percentages leaves a rest
    (e.g. shares adding to 95%), the rest takes part in the rounding as one more part, placed
    last."  Ties among the shares go by declaration order.  Returns (parts, rest)."""
    fractions = [Fraction(p) / 100 for p in percents]
    rest_fraction = 1 - sum(fractions, Fraction(0))
    assert rest_fraction >= 0
    weights = fractions + [rest_fraction]
    keys = [(0, i) for i in range(len(fractions))] + [(1, 0)]
    if sum(weights) == 0:
        return [0] * len(fractions), total
    parts = largest_remainder(total, weights, keys)
    return parts[:-1], parts[-1]


def divide_equally(total: int, keys: list[Any]) -> list[int]:
    """§0 applied to equal parts: "each part gets the floor ... ties go to ... staff id for people"."""
    return largest_remainder(total, [Fraction(1)] * len(keys), keys)


# =====================================================================================
# Reading the law in force
# =====================================================================================

class Rules:
    """The provisions of one consolidated version, read literally (last one wins for singletons)."""

    def __init__(self, text: m.LawInForce):
        self.version = text.version
        self.provisions: list[Any] = [p for a in text.articles for _, p in a.all_provisions()]

    def all(self, cls) -> list[Any]:
        return [p for p in self.provisions if isinstance(p, cls)]

    def last(self, cls) -> Any | None:
        found = self.all(cls)
        return found[-1] if found else None

    # --- names ---------------------------------------------------------------------------
    def groups(self) -> dict[str, list[str]]:
        return {normalize(g.name): list(g.members) for g in self.all(m.GroupDecl)}

    def expand(self, names: Iterable[str], _seen: frozenset[str] = frozenset()) -> set[str]:
        """Cadre names (normalised) meant by a list of cadres and/or groups."""
        groups = self.groups()
        out: set[str] = set()
        for name in names:
            key = normalize(name)
            if key in groups and key not in _seen:
                out |= self.expand(groups[key], _seen | {key})
            else:
                out.add(key)
        return out

    def cadre_in(self, cadre: str, names: Iterable[str]) -> bool:
        return normalize(cadre) in self.expand(names)

    # --- §1 --------------------------------------------------------------------------------
    def frequency(self) -> tuple[int, int | None]:
        f = self.last(m.Frequency)
        return (1, None) if f is None else (f.months, f.in_month)

    def lag(self) -> int:
        lag = self.last(m.Lag)
        return 0 if lag is None else lag.months

    # --- §4 --------------------------------------------------------------------------------
    def scale(self) -> list[str]:
        s = self.last(m.Scale)
        return [] if s is None else list(s.categories)

    # --- §7 --------------------------------------------------------------------------------
    def destination(self, source: str) -> str | None:
        """§7: "Each remainder goes where the law says (`sobra de X para …`, or `sobra de tudo para …`
        for every source without a rule of its own)"; None = no rule."""
        own = [r for r in self.all(m.Remainder) if r.source == source]
        if own:
            return own[-1].destination
        every = [r for r in self.all(m.Remainder) if r.source == "all"]
        return every[-1].destination if every else None


# =====================================================================================
# Calendar helpers
# =====================================================================================

def last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(ym: tuple[int, int], n: int) -> tuple[int, int]:
    index = ym[0] * 12 + (ym[1] - 1) + n
    return index // 12, index % 12 + 1


def days(start: dt.date, end: dt.date) -> set[dt.date]:
    """Every day from start to end inclusive (slow on purpose: the engine uses intervals)."""
    out = set()
    d = start
    while d <= end:
        out.add(d)
        d += dt.timedelta(days=1)
    return out


def overlaps(start: dt.date, end: dt.date | None, first: dt.date, last: dt.date) -> bool:
    return start <= last and (end is None or end >= first)


def label_of(months: list[tuple[int, int]]) -> str:
    first, last = months[0], months[-1]
    a, b = f"{first[0]:04d}-{first[1]:02d}", f"{last[0]:04d}-{last[1]:02d}"
    return a if a == b else f"{a}..{b}"


# =====================================================================================
# §1 Periods and the version in force
# =====================================================================================

def closes_period(rules: Rules, month: tuple[int, int]) -> bool:
    """§1: "The version in force on the last day of a month gives the frequency (monthly when the law
    says nothing). A month closes a period when its number is a multiple of the period length ...
    or, for an annual payment in a named month, when it is that month"."""
    length, in_month = rules.frequency()
    if in_month is not None:
        return month[1] == in_month
    return month[1] % length == 0


def payment_date_of(rules: Rules, closing: tuple[int, int]) -> dt.date:
    """§1: "The payment date is the last day of the closing month plus the law's lag (`defasagem de
    2 meses`: two months later, last day of that month)."  AMBIGUITY: the lag is read from the
    version that closed the period (in force on the closing month's last day)."""
    y, mth = add_months(closing, rules.lag())
    return last_day(y, mth)


def aligned_start(rules: Rules, month: tuple[int, int]) -> tuple[int, int]:
    """First month of the aligned period that contains `month`: the calendar block of the period
    length ("aligned to the calendar year"), or, for an annual payment in a named month, the 12
    months ending in the next occurrence of that month."""
    length, in_month = rules.frequency()
    if in_month is not None:
        closing = month
        while closing[1] != in_month:
            closing = add_months(closing, 1)
        return add_months(closing, -11)
    return (month[0], (month[1] - 1) // length * length + 1)


def walk_periods(law: CompiledLaw, months: list[tuple[int, int]]) -> list[tuple[list[tuple[int, int]], dt.date]]:
    """§1: "Months are walked in order. The version in force on the last day of a month gives the
    frequency ... A month closes a period when its number is a multiple of the period length —
    periods are aligned to the calendar year ... — or, for an annual payment in a named month, when
    it is that month (the period is then the 12 months ending in it). A period pools every month
    since the previous close; the first period of a run starts at the first month of its aligned
    period even when the data starts later ... Months after the last close are pending and not paid
    in the run."
    Read: the walk starts at the first month of the aligned period that contains the run's first
    month (under the version in force on that month's last day); from there every month, with
    data or not, closes or not under its own version.  AMBIGUITY: with a frequency change inside
    that first aligned period, a month before the data may close a (moneyless, unlisted) period of
    its own; after a change "every month since the previous close" wins over "the 12 months ending
    in it" (no month is paid twice or never)."""
    if not months:
        return []
    first_text = law.at(last_day(*months[0]))
    if first_text is None:
        raise OracleError(f"no version of the law in force on {last_day(*months[0])}")
    walk: list[tuple[int, int]] = []
    month = aligned_start(Rules(first_text), months[0])
    while month < months[0]:
        walk.append(month)
        month = add_months(month, 1)
    walk.extend(months)
    out = []
    pending: list[tuple[int, int]] = []
    for month in walk:
        pending.append(month)
        text = law.at(last_day(*month))
        if text is None:
            raise OracleError(f"no version of the law in force on {last_day(*month)}")
        rules = Rules(text)
        if closes_period(rules, month):
            out.append((pending, payment_date_of(rules, month)))
            pending = []
    return out


# =====================================================================================
# The run
# =====================================================================================

def law_declared_names(law: CompiledLaw) -> tuple[list[str], list[str], dict[str, str]]:
    """Cadres, custom categories and CBO codes the law declares (the data loader accepts them)."""
    cadres, categories, cbo = [], [], {}
    for text in law.texts:
        for article in text.articles:
            for _, p in article.all_provisions():
                if isinstance(p, m.CadreDecl):
                    cadres.append(p.name)
                    cbo.update({code: p.name for code in p.cbo})
                elif isinstance(p, m.Scale) and p.scale == "custom":
                    categories.extend(p.categories)
    return cadres, categories, cbo


def _date(v) -> dt.date | None:
    if v is None:
        return None
    try:
        if v != v:  # NaT / NaN
            return None
    except TypeError:
        pass
    return v.date() if hasattr(v, "date") else v


def read_data(data_dir: Path, law: CompiledLaw) -> Data:
    cadres, categories, cbo = law_declared_names(law)
    ds = load_dataset(Path(data_dir), extra_cadres=cadres, language=law.law.language,
                      extra_categories=categories, extra_cbo=cbo)
    postings = [Posting(str(r["staff_id"]), str(r["name"]), r["team_id"], str(r["cadre"]), _date(r["start_date"]),
                        _date(r["end_date"]), bool(r["signed_contract"]), int(r["weekly_hours"]))
                for r in ds.roster.to_dict("records")]
    absences = [Absence(str(r["staff_id"]), _date(r["start_date"]), _date(r["end_date"]), str(r["kind"]))
                for r in ds.absences.to_dict("records")]
    evaluations = []
    for r in ds.scores.to_dict("records"):
        score = r["score"]
        score = None if score is None or score != score else Fraction(str(score))
        evaluations.append(Evaluation(str(r["team_id"]), int(r["cycle"]), _date(r["evaluation_date"]), score,
                                      str(r["category"])))
    transfers = []
    for r in ds.transfers.to_dict("records"):
        d = _date(r["month"])
        transfers.append(Transfer((d.year, d.month), r["team_id"], int(r["amount"])))
    return Data(postings, absences, evaluations, transfers)


def months_to_walk(data: Data, start: dt.date | None, end: dt.date | None) -> list[tuple[int, int]]:
    """§1 "Months are walked in order": from the first to the last month with a transfer row
    (AMBIGUITY: the spec does not say where the walk starts), cut to the optional range."""
    if not data.transfers:
        return []
    first = min(t.month for t in data.transfers)
    last = max(t.month for t in data.transfers)
    if start is not None:
        first = max(first, (start.year, start.month))
    if end is not None:
        last = min(last, (end.year, end.month))
    out = []
    month = first
    while month <= last:
        out.append(month)
        month = add_months(month, 1)
    return out


def run_oracle(law_path: Path | str, data_dir: Path | str, start: dt.date | None = None,
               end: dt.date | None = None) -> list[OraclePeriod]:
    law = compile_file(law_path)
    data = read_data(Path(data_dir), law)
    periods: list[OraclePeriod] = []
    carry = 0
    for months, payment_date in walk_periods(law, months_to_walk(data, start, end)):
        text = law.at(payment_date)
        if text is None:
            raise OracleError(f"no version of the law in force on {payment_date}")
        period = compute_period(Rules(text), data, months, payment_date, carry)
        if period is None:
            continue
        check_conservation(period)
        periods.append(period)
        carry = period.carry_out
    return periods


# =====================================================================================
# One period
# =====================================================================================

@dataclass
class Ctx:
    """What every step of one period needs."""

    rules: Rules
    data: Data
    months: list[tuple[int, int]]
    first: dt.date
    last: dt.date
    payment_date: dt.date
    period: OraclePeriod

    @property
    def n_days(self) -> int:
        return (self.last - self.first).days + 1

    def book(self, destination: str, source: str, amount: int) -> None:
        if amount:
            assert amount > 0, (destination, source, amount)
            self.period.ledger[(destination, source)] += amount

    def route(self, source: str, amount: int) -> str | None:
        """§7: "Each remainder goes where the law says" — books `next_period`, a name, or
        `undistributed`; returns "team" (without booking) when the caller must redistribute."""
        if amount == 0:
            return None
        dest = self.rules.destination(source)
        if dest == "team":
            return "team"
        if dest is None:
            # "no rule: an undistributed ledger line, with the source"
            self.book("undistributed", source, amount)
        elif dest == "next_period":
            # "`próximo período` / `next period`: a `carry_over` ledger line, added to the next
            # period's pool"
            self.book("carry_over", source, amount)
        else:
            # "a name: a ledger line with that name"
            self.book(dest, source, amount)
        return None


def pool_of(data: Data, months: list[tuple[int, int]], carry_in: int) -> tuple[int, int]:
    """§2: "The pool of a period = the transfers of its months (team rows and municipality-level
    rows) + the money carried over from the previous period"."""
    transfers = sum(t.amount for t in data.transfers if t.month in months)
    return transfers, transfers + carry_in


def compute_period(rules: Rules, data: Data, months: list[tuple[int, int]], payment_date: dt.date,
                   carry_in: int) -> OraclePeriod | None:
    """§1: "The version in force on the payment date computes the period ... Periods with no money
    at all are not listed." """
    transfers, pool = pool_of(data, months, carry_in)
    if pool == 0:
        return None
    period = OraclePeriod(label_of(months), list(months), payment_date, rules.version, transfers, carry_in, pool)
    ctx = Ctx(rules, data, months, dt.date(months[0][0], months[0][1], 1), last_day(*months[-1]),
              payment_date, period)
    teams_money = share_tree(ctx, pool)
    team_amounts = allocate_teams(ctx, teams_money)
    divide_in_teams(ctx, team_amounts)
    return period


def check_conservation(period: OraclePeriod) -> None:
    """§8: "sum of payments + sum of ledger lines ... = pool, to the centavo; no amount is
    negative." """
    paid = sum(r.amount for r in period.rows)
    booked = sum(period.ledger.values())
    assert all(r.amount >= 0 for r in period.rows) and all(v >= 0 for v in period.ledger.values())
    assert paid + booked == period.pool, f"{period.label}: {paid} + {booked} != {period.pool}"


# =====================================================================================
# §3 The tree of shares
# =====================================================================================

def share_tree(ctx: Ctx, pool: int) -> int:
    """§3: "`repartir recursos em equipes 60%, gestão 40%` splits the pool; a split of a share splits
    that share. Shares below 100% leave a rest booked as `undistributed` ("unassigned part of X");
    shares above 100% stop the run with an error. A law with no split sends the whole pool to the
    teams."  Returns the money of the `equipes` leaf (summed, should it appear twice)."""
    splits = {normalize(s.parent): s for s in ctx.rules.all(m.Split)}
    teams_money = 0

    def visit(node: str, amount: int) -> None:
        nonlocal teams_money
        split = splits.get(normalize(node))
        if split is not None:
            percents = [Fraction(s.percent) for s in split.shares]
            if sum(percents) > 100:
                raise OracleError(f"the shares of {node} add up to more than 100%")
            parts, rest = split_by_percentages(amount, percents)
            for share, part in zip(split.shares, parts):
                visit(share.node, part)
            ctx.book("undistributed", f"unassigned part of {split.parent}", rest)
            return
        if normalize(node) == normalize(TEAMS):
            teams_money += amount
            return
        pay = [p for p in ctx.rules.all(m.PayShare) if normalize(p.share) == normalize(node)]
        if pay:
            pay_share(ctx, pay[-1], amount)
            return
        # "any other share: a ledger line with the share's name"
        ctx.book(node, "share", amount)

    if normalize(FUNDS) not in splits:
        return pool
    visit(FUNDS, pool)
    return teams_money


def pay_share(ctx: Ctx, provision: m.PayShare, amount: int) -> None:
    """§3: "a share paid to a cadre: divided equally among the people of that cadre posted during
    the period (in a team or not), under the person conditions and the pro-rata factor of step 5,
    except the conditions about a team's evaluation; caps and floors per person (step 6) apply to
    this payment on its own"; §7: "Where there is nobody to give it to (..., a share paid to a cadre
    nobody holds), it is booked `undistributed`".
    As in §6: the part of a person who fails a condition is the remainder `inelegíveis`, the cut of
    the factor `proporcionalidade`, the excess over the cap `teto`.  AMBIGUITY: a `team` destination
    for these remainders shares them among the share's paid recipients (as §7 does for a team)."""
    people: dict[str, list[Posting]] = defaultdict(list)
    for p in ctx.data.postings:
        if ctx.rules.cadre_in(p.cadre, provision.recipients) and overlaps(p.start, p.end, ctx.first, ctx.last):
            people[p.staff_id].append(p)
    ids = sorted(people)
    if not ids:
        if ctx.route("ineligible", amount) == "team":
            ctx.book("undistributed", "ineligible", amount)
        return
    recipients = [Participant(i, [], sorted(people[i], key=lambda p: p.start)[-1].cadre,
                              sorted(people[i], key=lambda p: p.start)) for i in ids]
    for r, part in zip(recipients, divide_equally(amount, ids)):
        r.nominal = part
        r.exact = Fraction(amount, len(ids))
    settle(ctx, recipients, [], in_team=False)


# =====================================================================================
# §4 Allocation among teams
# =====================================================================================

@dataclass
class Team:
    team_id: str
    transfer: int
    evaluation: Evaluation | None
    category: str | None  # after `desclassificadas como …`
    failed: bool
    floor: int | None = None  # the floor claimed, for floor teams
    exact: Fraction = Fraction(0)  # its exact part, before the one rounding of §4
    part: int = 0  # money after allocation, redirect and failed-teams remainder (rounded)
    redirect_in: Fraction = Fraction(0)


def teams_of_period(ctx: Ctx) -> list[str]:
    """§4: "Teams of the period: the teams with a transfer row in the period, even of R$ 0,00 (if
    transfers are only municipality-level: every team of the roster)." """
    with_rows = {t.team_id for t in ctx.data.transfers if t.month in ctx.months and t.team_id is not None}
    if with_rows:
        return sorted(with_rows)
    return sorted({p.team_id for p in ctx.data.postings if p.team_id is not None})


def evaluation_day(e: Evaluation) -> dt.date:
    """§4: "an evaluation without a date (a disqualified team) counts from the start of its cycle"."""
    return e.date if e.date is not None else dt.date(*CYCLE_START[e.cycle])


def latest_evaluation(ctx: Ctx, team_id: str) -> Evaluation | None:
    """§4: "Each team's category is the one of its latest evaluation on or before the end of the
    period"."""
    found = [e for e in ctx.data.evaluations if e.team_id == team_id and evaluation_day(e) <= ctx.last]
    return max(found, key=evaluation_day) if found else None


def team_category_and_failure(ctx: Ctx, evaluation: Evaluation | None) -> tuple[str | None, bool]:
    """§4: "A team gets nothing ("fails") when it has no evaluation; when it is disqualified and the
    law says `desclassificadas excluídas` or nothing (with `desclassificadas como ruim` it is treated
    as `ruim`); when its category is worse than `categoria mínima`; or its score below `nota
    mínima`."  AMBIGUITY: a category outside the scale is never "worse"; a missing score is below
    any minimum score."""
    if evaluation is None:
        return None, True
    category = evaluation.category
    if category == DISQUALIFIED:
        treatment = ctx.rules.last(m.Disqualified)
        if treatment is None or treatment.treatment == "excluded":
            return category, True
        category = treatment.category
    minimum = ctx.rules.last(m.MinimumCategory)
    if minimum is not None:
        scale = ctx.rules.scale()
        if category in scale and minimum.category in scale and scale.index(category) > scale.index(minimum.category):
            return category, True
    min_score = ctx.rules.last(m.MinimumScore)
    if min_score is not None:
        if evaluation.score is None or evaluation.score < Fraction(min_score.score):
            return category, True
    return category, False


def build_teams(ctx: Ctx) -> list[Team]:
    teams = []
    for team_id in teams_of_period(ctx):
        transfer = sum(t.amount for t in ctx.data.transfers if t.month in ctx.months and t.team_id == team_id)
        evaluation = latest_evaluation(ctx, team_id)
        category, failed = team_category_and_failure(ctx, evaluation)
        teams.append(Team(team_id, transfer, evaluation, category, failed))
    return teams


def floor_claim(ctx: Ctx, team: Team, provision: m.TeamFloor) -> int:
    """§4: "the floor — `20% do repasse` (of its own transfer in the period, rounded down) or
    `R$ 500,00 por equipe [por mês]` (per month: times the months of the period in which the team
    received a transfer)".  AMBIGUITY: a month with a row for the team counts, even of R$ 0,00 (as
    for "teams of the period"); when transfers are only municipality-level, a month with any row."""
    if provision.percent_of_transfer is not None:
        return math.floor(Fraction(provision.percent_of_transfer) / 100 * team.transfer)
    if not provision.per_month:
        return provision.amount
    rows = {t.month for t in ctx.data.transfers if t.month in ctx.months and t.team_id == team.team_id}
    if not rows and not any(t.team_id is not None for t in ctx.data.transfers if t.month in ctx.months):
        rows = {t.month for t in ctx.data.transfers if t.month in ctx.months}
    return provision.amount * len(rows)


def apply_floors(ctx: Ctx, teams: list[Team], teams_money: int) -> Fraction:
    """§4: "Floors come first: a team whose category is named in `piso para …` receives the floor
    ... and takes no other part. If the floors exceed the teams' pool they are scaled down."
    AMBIGUITY: "A team gets nothing ("fails") when ..." and "a team whose category is named in
    `piso para …` receives the floor" conflict for a team that fails a threshold (or is a
    disqualified team excluded, with `piso para desclassificada`).  Read: the floor wins — a floor
    is the least a team of that category receives (language.md: "Teams of the listed categories
    receive at least this much", with the example `piso para insatisfatório, desclassificada`,
    which could never apply otherwise); such a team is then a paid team.  A team with no
    evaluation has no category and no floor.  Exact amounts (§4: "computed in exact fractions and
    rounded once").  Returns the rest."""
    floors = ctx.rules.all(m.TeamFloor)
    claims: list[tuple[Team, int]] = []
    for team in teams:
        provisions = [f for f in floors if team.category is not None and team.category in f.categories]
        if provisions:
            team.failed = False
            claims.append((team, floor_claim(ctx, team, provisions[-1])))
    total = sum(c for _, c in claims)
    for team, claim in claims:
        team.floor = claim
        team.exact = Fraction(claim) if total <= teams_money else Fraction(teams_money) * claim / total
    return Fraction(teams_money - total) if total <= teams_money else Fraction(0)


def team_weight(ctx: Ctx, team: Team, allocate: m.Allocate | None) -> Fraction:
    """§4 table: by transfer "its own transfer in the period"; equally "(also when the law is silent)"
    1; by score "its score"; by category weight "its category's weight (0 if not listed)".
    AMBIGUITY: no score (or no evaluation) weighs 0."""
    mode = "equal" if allocate is None else allocate.mode
    if mode == "transfer":
        return Fraction(team.transfer)
    if mode == "equal":
        return Fraction(1)
    if mode == "score":
        return Fraction(0) if team.evaluation is None or team.evaluation.score is None else team.evaluation.score
    if mode == "category_weight":
        for v in allocate.values:
            if v.category == team.category:
                return Fraction(v.value)
        return Fraction(0)
    raise AssertionError(mode)


def allocate_rest(ctx: Ctx, others: list[Team], rest: Fraction) -> Fraction:
    """§4: "The rest is allocated among the other teams (failed ones included) by the mode" ...
    "`por parcela de categoria`: a full part is the rest divided by the number of teams; each team
    receives its category's percentage of a full part; what is not given is money of failed
    teams."  AMBIGUITY: when every weight is 0 (or there is no team), the whole rest is not given
    and is money of failed teams too.  Exact amounts.  Returns the money not given."""
    allocate = ctx.rules.last(m.Allocate)
    if not others:
        return rest
    if allocate is not None and allocate.mode == "category_share":
        full_part = rest / len(others)
        for t in others:
            pct = next((Fraction(v.value) for v in allocate.values if v.category == t.category), Fraction(0))
            t.exact = full_part * pct / 100
        return rest - sum((t.exact for t in others), Fraction(0))
    weights = [team_weight(ctx, t, allocate) for t in others]
    total = sum(weights, Fraction(0))
    if total == 0:
        return rest
    for t, w in zip(others, weights):
        t.exact = rest * w / total
    return Fraction(0)


def redirect(ctx: Ctx, teams: list[Team]) -> None:
    """§4: "Redirect (`redirecionar 10% de ótimo para ruim`): each team of the from categories gives
    that percentage of its part; the total is divided equally among the teams of the to categories
    (including teams that failed a threshold, which then receive this part)."  Exact amounts.
    Read literally, teams with a floor give and receive like any other team of their category.
    AMBIGUITY: a failed team does not give (its part is failed money, "a team gets nothing"); with
    no team of the to categories nothing moves."""
    for provision in ctx.rules.all(m.Redirect):
        receivers = [t for t in teams if t.category in provision.to_categories]
        givers = [t for t in teams if t.category in provision.from_categories and not t.failed]
        if not receivers:
            continue
        given = Fraction(0)
        for t in givers:
            give = t.exact * Fraction(provision.percent) / 100
            t.exact -= give
            given += give
        for t in receivers:
            t.redirect_in += given / len(receivers)


def allocate_teams(ctx: Ctx, teams_money: int) -> list[Team]:
    """§4 in order: floors, the rest by the mode, redirect, then the failed teams' parts: "Failed
    teams: their parts are the remainder `reprovadas` / `failed_teams` (step 7). When its destination
    is `equipe`, the money is shared among the paid teams in proportion to their (exact) parts."
    Then "the whole step is computed in exact fractions and rounded once at the end: largest
    remainder over the teams (ties to the smallest team id) with the failed teams' money as one
    more part, placed last".  AMBIGUITY: "paid teams" include floor teams."""
    teams = build_teams(ctx)
    rest = apply_floors(ctx, teams, teams_money)
    others = [t for t in teams if t.floor is None]
    failed_money = allocate_rest(ctx, others, rest)
    redirect(ctx, teams)
    for t in teams:
        if t.failed:
            failed_money += t.exact
            t.exact = Fraction(0)
        t.exact += t.redirect_in
    paid = [t for t in teams if not t.failed]
    paid_total = sum((t.exact for t in paid), Fraction(0))
    if failed_money and ctx.rules.destination("failed_teams") == "team" and paid_total > 0:
        for t in paid:
            t.exact += failed_money * t.exact / paid_total
        failed_money = Fraction(0)
    if teams_money == 0:
        return teams
    parts = largest_remainder(teams_money, [t.exact for t in teams] + [failed_money],
                              [(0, t.team_id) for t in teams] + [(1, "")])
    for t, part in zip(teams, parts):
        t.part = part
    if parts[-1]:
        if ctx.route("failed_teams", parts[-1]) == "team":
            ctx.book("undistributed", "failed_teams", parts[-1])  # no paid team to give it to
    return teams


# =====================================================================================
# §5 People: eligibility and pro-rata
# =====================================================================================

@dataclass
class Participant:
    staff_id: str
    teams: list[Team]  # the unit's teams the person is posted in (two if they moved inside a unit)
    cadre: str
    postings: list[Posting]  # this person's postings in those teams overlapping the period
    nominal: int = 0
    exact: Fraction = Fraction(0)  # the nominal part before rounding (§7: remainders to the team)
    by_rule: bool = False  # paid by an earmark or a fixed amount (§6.1, §6.2)
    eligible: bool = True
    factor: Fraction = Fraction(1)
    received: int = 0

    @property
    def key(self) -> tuple[str, str]:
        """Ties go to the smallest staff id (§0); the team only keeps keys apart."""
        return (self.staff_id, self.teams[0].team_id if self.teams else "")


def participants_of(ctx: Ctx, teams: list[Team]) -> list[Participant]:
    """§5: "The participants of a team are the people with a posting in the team overlapping the
    period whose cadre is listed in `elegíveis` (all cadres when the law has no such list), plus the
    recipients of earmarks and fixed amounts."  For a unit of several teams (§6 `igualar`), the
    participants of its teams, each person once (AMBIGUITY: a person who moved between two teams of
    one unit is one participant of the unit, not two)."""
    eligible = ctx.rules.last(m.Eligible)
    extra_names = [e.target for e in ctx.rules.all(m.Earmark)]
    for f in ctx.rules.all(m.FixedAmount):
        extra_names.extend(f.recipients)
    team_ids = {t.team_id for t in teams}
    by_person: dict[str, list[Posting]] = defaultdict(list)
    for p in ctx.data.postings:
        if p.team_id not in team_ids or not overlaps(p.start, p.end, ctx.first, ctx.last):
            continue
        listed = eligible is None or ctx.rules.cadre_in(p.cadre, eligible.members)
        if listed or ctx.rules.cadre_in(p.cadre, extra_names):
            by_person[p.staff_id].append(p)
    out = []
    for staff_id in sorted(by_person):
        postings = sorted(by_person[staff_id], key=lambda p: p.start)
        posted_in = [t for t in teams if any(p.team_id == t.team_id for p in postings)]
        out.append(Participant(staff_id, posted_in, postings[-1].cadre, postings))
    return out


def posted_days(ctx: Ctx, postings: list[Posting]) -> set[dt.date]:
    out: set[dt.date] = set()
    for p in postings:
        start = max(p.start, ctx.first)
        end = ctx.last if p.end is None else min(p.end, ctx.last)
        out |= days(start, end)
    return out


def excluded_days(ctx: Ctx, staff_id: str) -> set[dt.date]:
    """Days of the period on an excluded leave, or in the `carência` after returning from one (the
    N days after the leave's last day).  A leave still running excludes every day from its start."""
    exclude = ctx.rules.all(m.ExcludeLeave)
    if not exclude:
        return set()
    kinds = {k for e in exclude for k in e.leave_kinds}
    waiting = ctx.rules.last(m.WaitingPeriod)
    wait = 0 if waiting is None else waiting.days
    out: set[dt.date] = set()
    for a in ctx.data.absences:
        if a.staff_id != staff_id or a.kind not in kinds:
            continue
        end = ctx.last if a.end is None else min(a.end + dt.timedelta(days=wait), ctx.last)
        start = max(a.start, ctx.first)
        if start <= end:
            out |= days(start, end)
    return out


def whole_months(start: dt.date, end: dt.date) -> int:
    """Whole months from start to end (15/08/2013 → 31/01/2014 is 5 months and 16 days: 5)."""
    n = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        n -= 1
    return n


def unjustified_days(ctx: Ctx, staff_id: str) -> int:
    out: set[dt.date] = set()
    for a in ctx.data.absences:
        if a.staff_id == staff_id and a.kind == UNJUSTIFIED:
            start = max(a.start, ctx.first)
            end = ctx.last if a.end is None else min(a.end, ctx.last)
            if start <= end:
                out |= days(start, end)
    return len(out)


def person_failures(ctx: Ctx, staff_id: str, postings: list[Posting], teams: list[Team] | None) -> list[str]:
    """§5 table of conditions; `teams` None = a share paid to a cadre (§3), where the conditions that
    depend on a team's evaluation do not apply (with several teams, one that passes is enough).
    - `exigir lotado na avaliação`: "no posting in this team (of any date) covering the team's
      evaluation date"
    - `exigir lotado no mês da avaliação`: "no posting in this team (of any date) overlapping the
      evaluation month"
    - `exigir ativo no pagamento`: "no posting (any team) on the payment date"
    - `exigir contrato assinado`: "the roster's signed-contract flag is not set"
    - `exigir N meses de serviço`: "fewer than N whole months from the first posting's start to the
      period's end"
    - `perde após N faltas injustificadas`: "N or more days of unjustified absence in the period"
    - `excluir afastamento`: "every day of the person's posting in the period is on an excluded leave
      (or in the carência after returning from one)"
    AMBIGUITY: the signed-contract flag is read on the postings considered (any unset one fails)."""
    reasons = []
    all_postings = [p for p in ctx.data.postings if p.staff_id == staff_id]
    for req in ctx.rules.all(m.Require):
        if req.condition in ("posted_at_evaluation", "posted_in_evaluation_month") and teams is not None:
            ok = False
            for team in teams:
                if team.evaluation is None:
                    continue
                e = evaluation_day(team.evaluation)
                first, last = (e, e) if req.condition == "posted_at_evaluation" else \
                    (dt.date(e.year, e.month, 1), last_day(e.year, e.month))
                # "no posting in this team (of any date) ...": any of the person's postings counts
                ok = ok or any(p.team_id == team.team_id and overlaps(p.start, p.end, first, last)
                               for p in all_postings)
            if not ok:
                reasons.append(req.condition)
        elif req.condition == "active_at_payment":
            if not any(overlaps(p.start, p.end, ctx.payment_date, ctx.payment_date) for p in all_postings):
                reasons.append("active_at_payment")
        elif req.condition == "signed_contract":
            if not all(p.signed for p in postings):
                reasons.append("signed_contract")
        elif req.condition == "minimum_service":
            first_start = min(p.start for p in all_postings)
            if whole_months(first_start, ctx.last) < (req.months or 0):
                reasons.append("minimum_service")
    lose = ctx.rules.last(m.LoseAfterAbsences)
    if lose is not None and unjustified_days(ctx, staff_id) >= lose.absences:
        reasons.append("absences")
    if ctx.rules.all(m.ExcludeLeave):
        if not (posted_days(ctx, postings) - excluded_days(ctx, staff_id)):
            reasons.append("excluded_leave")
    return reasons


def pro_rata_factor(ctx: Ctx, person: Participant) -> Fraction:
    """§5: "Pro-rata factor (1 when the law has none): `proporcional aos dias` — days present (posted,
    not on excluded leave, not in a waiting period) ÷ days in the period; `proporcional às horas` —
    weekly hours ÷ 40 (at most 1). Both multiply when both are present."  §6: "A person posted in
    two teams of one unit during the period is one participant, and the days of both postings
    count as present".  AMBIGUITY: the hours are those of the person's latest posting in the team."""
    factor = Fraction(1)
    bases = {p.basis for p in ctx.rules.all(m.ProRata)}
    if "days" in bases:
        present = posted_days(ctx, person.postings) - excluded_days(ctx, person.staff_id)
        factor *= Fraction(len(present), ctx.n_days)
    if "hours" in bases:
        factor *= min(Fraction(person.postings[-1].hours, 40), Fraction(1))
    return factor


# =====================================================================================
# §6 Division within a team
# =====================================================================================

@dataclass
class Unit:
    teams: list[Team]
    people: list[Participant]

    @property
    def money(self) -> int:
        return sum(t.part for t in self.teams)

    @property
    def category(self) -> str | None:
        return self.teams[0].category


def units_of(ctx: Ctx, teams: list[Team]) -> list[Unit]:
    """§6: "A team's money (its unit; with `igualar entre equipes da mesma categoria` the unit is all
    paid teams of the same category together) is divided"; §4: "Members of a team that receives
    nothing get no payment rows."  So the teams divided are those with money (more than 0): a failed
    team has none ("gets nothing") unless it receives redirected money.  AMBIGUITY: "paid teams"
    are read as the teams with money, so a failed team that receives redirected money joins the
    unit of its category."""
    divided = [t for t in teams if t.part > 0]
    units: list[Unit] = []
    if ctx.rules.last(m.Equalize) is not None:
        by_category: dict[Any, list[Team]] = defaultdict(list)
        for t in divided:
            by_category[t.category].append(t)
        units.extend(Unit(ts, []) for ts in by_category.values())
    else:
        units.extend(Unit([t], []) for t in divided)
    for unit in units:
        unit.people = participants_of(ctx, unit.teams)
    return units


def cadre_weight(ctx: Ctx, cadre: str) -> Fraction:
    """§6.3: "by `dividir por peso` weights (a cadre not listed weighs 0), or equally" — read: by
    weights when the law has `dividir por peso` (even if it also says `dividir igualmente`),
    otherwise equally.  A weight may name a group; AMBIGUITY: the first entry that names the cadre
    or one of its groups counts."""
    by_weight = ctx.rules.last(m.DivideByWeight)
    if by_weight is None:
        return Fraction(1)
    for w in by_weight.weights:
        if ctx.rules.cadre_in(cadre, [w.name]):
            return Fraction(w.value)
    return Fraction(0)


def nominal_parts(ctx: Ctx, unit: Unit) -> list[tuple[str, int]]:
    """§6 steps 1–3; returns the remainders that arose (source, amount).
    1. "Earmarks (`reservar 20% para dentista`): that percentage of the unit's money, divided equally
       among the participants of that cadre. With none, it is the remainder `reserva` / `earmark`.
       Earmark recipients take no other part."
    2. "Fixed amounts (`pagar R$ 300,00 por pessoa para acs [por mês]`): each recipient's amount
       (with `por mês`, times the months of the period that had transfers), scaled down if the
       money does not reach."
    3. "The rest, among the other participants: by `dividir por peso` weights (a cadre not listed
       weighs 0), or equally. If nobody can take it, it is the remainder `inelegíveis`."
    §7: "An earmark with nobody of its cadre goes back into the unit's money before the fixed
    amounts (step 6.2), and what they leave is shared by the team's other members (step 6.3)."
    AMBIGUITY: several earmarks are one set of percentages (one rounding, the rest last); a person
    takes the first earmark / fixed amount naming their cadre; weights adding to 0 mean nobody can
    take the rest."""
    remainders: list[tuple[str, int]] = []
    money = unit.money
    taken: set[tuple[str, str]] = set()
    earmarks = ctx.rules.all(m.Earmark)
    rest = money
    joins_rest = 0
    if earmarks:
        if sum(Fraction(e.percent) for e in earmarks) > 100:
            # AMBIGUITY: the spec only says so of shares ("shares above 100% stop the run")
            raise OracleError("earmarks add up to more than 100%")
        parts, rest = split_by_percentages(money, [Fraction(e.percent) for e in earmarks])
        for earmark, amount in zip(earmarks, parts):
            who = [p for p in unit.people if p.key not in taken and ctx.rules.cadre_in(p.cadre, [earmark.target])]
            if not who:
                if ctx.rules.destination("earmark") == "team":
                    # §7: "An earmark with nobody of its cadre goes back into the unit's money
                    # before the fixed amounts (step 6.2)"
                    joins_rest += amount
                else:
                    remainders.append(("earmark", amount))
                continue
            for p, part in zip(who, divide_equally(amount, [p.key for p in who])):
                p.nominal += part
                p.exact += Fraction(money) * Fraction(earmark.percent) / 100 / len(who)
                p.by_rule = True
                taken.add(p.key)
    rest += joins_rest
    fixed: list[tuple[Participant, int]] = []
    # "with `por mês`, times the months of the period that had transfers" (a row, even of R$ 0,00)
    months_with_transfers = len({t.month for t in ctx.data.transfers if t.month in ctx.months})
    for provision in ctx.rules.all(m.FixedAmount):
        for p in unit.people:
            if p.key not in taken and ctx.rules.cadre_in(p.cadre, provision.recipients):
                fixed.append((p, provision.amount * (months_with_transfers if provision.per_month else 1)))
                p.by_rule = True
                taken.add(p.key)
    wanted = sum(a for _, a in fixed)
    if wanted <= rest:
        for p, a in fixed:
            p.nominal += a
            p.exact += a
        rest -= wanted
    else:
        for (p, a), part in zip(fixed, largest_remainder(rest, [Fraction(a) for _, a in fixed],
                                                         [p.key for p, _ in fixed])):
            p.nominal += part
            p.exact += Fraction(rest) * a / wanted
        rest = 0
    others = [p for p in unit.people if p.key not in taken]
    weights = [cadre_weight(ctx, p.cadre) for p in others]
    if not others or sum(weights) == 0:
        # (sent "to the team", it goes to the members paid by earmarks or fixed amounts, step 7)
        remainders.append(("ineligible", rest))
    else:
        weight_sum = sum(weights, Fraction(0))
        for p, w, part in zip(others, weights, largest_remainder(rest, weights, [p.key for p in others])):
            p.nominal += part
            p.exact += Fraction(rest) * w / weight_sum
    return remainders


def pool_groups(ctx: Ctx, units: list[Unit]) -> None:
    """§6.4: "`agrupar X entre equipes da mesma categoria`: the parts of the X participants of all
    teams of the same category that step 3 paid are pooled and divided again among them by their
    step-3 weights (`dividir por peso`, or equal). Earmarks and fixed amounts are amounts the law
    states for their recipients: they are not pooled."  AMBIGUITY:
    "all teams" = the teams with money (§6 units); when all the weights are 0 the parts stay as
    they are."""
    for provision in ctx.rules.all(m.PoolLevel):
        by_category: dict[Any, list[Participant]] = defaultdict(list)
        for unit in units:
            for p in unit.people:
                if ctx.rules.cadre_in(p.cadre, [provision.group]) and not p.by_rule:
                    by_category[unit.category].append(p)
        for people in by_category.values():
            people.sort(key=lambda p: p.key)
            total = sum(p.nominal for p in people)
            weights = [cadre_weight(ctx, p.cadre) for p in people]
            if sum(weights) == 0:  # AMBIGUITY: no weight to divide by: the parts stay as they are
                continue
            weight_sum = sum(weights, Fraction(0))
            for p, w, part in zip(people, weights, largest_remainder(total, weights, [p.key for p in people])):
                p.nominal = part
                p.exact = Fraction(total) * w / weight_sum


def apply_person_floor(ctx: Ctx, paid: list[Participant]) -> None:
    """§6: "`piso R$ X por pessoa`: participants below the floor are raised to it with money taken
    from those above it, in proportion to their excess; when that cannot reach, all get equal
    parts".  AMBIGUITY: applied to the eligible participants of the unit; equal parts of what they
    received together."""
    floor = ctx.rules.last(m.PersonFloor)
    if floor is None or not paid:
        return
    x = floor.amount
    below = [p for p in paid if p.received < x]
    above = [p for p in paid if p.received > x]
    deficit = sum(x - p.received for p in below)
    if deficit == 0:
        return
    excess = sum(p.received - x for p in above)
    if excess >= deficit:
        taken = largest_remainder(deficit, [Fraction(p.received - x) for p in above], [p.key for p in above])
        for p, t in zip(above, taken):
            p.received -= t
        for p in below:
            p.received = x
    else:
        total = sum(p.received for p in paid)
        for p, part in zip(paid, divide_equally(total, [p.key for p in paid])):
            p.received = part


def apply_cap(ctx: Ctx, people: list[Participant]) -> int:
    """§6: "`teto R$ X por pessoa`: the excess over the cap is the remainder `teto` / `cap`."""
    cap = ctx.rules.last(m.PersonCap)
    if cap is None:
        return 0
    cut = 0
    for p in people:
        if p.received > cap.amount:
            cut += p.received - cap.amount
            p.received = cap.amount
    return cut


def to_team_in_proportion(ctx: Ctx, received: dict, exact: dict, keys: list, amount: int, source: str,
                          cap: int | None) -> int:
    """§7: "`equipe` / `team`: the remainder and what the team's paid participants hold are divided
    again together, in one rounding, in proportion to what they received before rounding (not above
    a cap; what a cap cuts again is booked for the cap's destination, and `undistributed` if that is
    the team again)".  `received` maps keys to amounts held, `exact` to what they received before
    rounding; both updated in place.  "Where there is nobody to give it to (no eligible member,
    ...), it is booked `undistributed`".  AMBIGUITY: "not above a cap" is read as "participants
    already at (or above) the cap take no part"; those below it receive in proportion and may pass
    it, and the cap cuts again.  When the receivers received nothing at all, "in proportion" is read
    as equal parts (there is somebody to give it to).  Returns what the cap cuts again."""
    receivers = [k for k in keys if cap is None or received[k] < cap]
    if not receivers:
        ctx.book("undistributed", source, amount)
        return 0
    weights = [Fraction(exact[k]) for k in receivers]
    if sum(weights, Fraction(0)) == 0:
        weights = [Fraction(1)] * len(receivers)
    together = amount + sum(received[k] for k in receivers)
    weight_sum = sum(weights, Fraction(0))
    for k, w, part in zip(receivers, weights, largest_remainder(together, weights, receivers)):
        received[k] = part
        exact[k] = Fraction(together) * w / weight_sum
    cut = 0
    if cap is not None:
        for k in receivers:
            if received[k] > cap:
                cut += received[k] - cap
                received[k] = cap
    return cut


def settle(ctx: Ctx, people: list[Participant], remainders: list[tuple[str, int]], in_team: bool = True) -> None:
    """§6 after the nominal parts: "an ineligible participant's nominal part is the remainder
    `inelegíveis`; an eligible one receives nominal × factor; the cut is the remainder
    `proporcionalidade` (the pair paid/cut is rounded like a share with a rest: the cut is placed
    last and loses a tie); `piso` ...; `teto` ...", then §7 for each remainder.  `people` is a unit's
    participants, or (in_team False) the recipients of a share paid to a cadre.  AMBIGUITY: the
    remainders are settled in the order they arise (earmark, ineligible, pro_rata, cap), each
    rounded on its own."""
    pro_rata_cut = 0
    ineligible = sum(a for s, a in remainders if s == "ineligible")
    earmark = sum(a for s, a in remainders if s == "earmark")
    for p in people:
        reasons = person_failures(ctx, p.staff_id, p.postings, p.teams if in_team else None)
        if reasons:
            p.eligible = False
            ineligible += p.nominal
            p.received = 0
            continue
        p.factor = pro_rata_factor(ctx, p)
        if p.factor == 1:
            p.received = p.nominal
        else:
            (paid,), cut = split_by_percentages(p.nominal, [p.factor * 100])
            p.received = paid
            pro_rata_cut += cut
    paid_people = [p for p in people if p.eligible]
    # §7: what each received before rounding: the nominal part before rounding times the factor;
    # AMBIGUITY: where a floor moved money, what they received is what they then hold
    exact = {p.key: p.exact * p.factor for p in paid_people}
    before = [p.received for p in paid_people]
    apply_person_floor(ctx, paid_people)
    if [p.received for p in paid_people] != before:
        exact = {p.key: Fraction(p.received) for p in paid_people}
    cap_cut = apply_cap(ctx, paid_people)  # (whoever holds the cap takes no part in what follows)
    cap_provision = ctx.rules.last(m.PersonCap)
    cap = None if cap_provision is None else cap_provision.amount
    received = {p.key: p.received for p in paid_people}
    keys = [p.key for p in paid_people]
    cut_again = 0
    for source, amount in (("earmark", earmark), ("ineligible", ineligible), ("pro_rata", pro_rata_cut)):
        if ctx.route(source, amount) == "team":
            cut_again += to_team_in_proportion(ctx, received, exact, keys, amount, source, cap)
    if ctx.rules.destination("cap") == "team":
        # the cap's own excess goes back to the team once; what the cap cuts again is undistributed
        again = to_team_in_proportion(ctx, received, exact, keys, cap_cut, "cap", cap) if cap_cut else 0
        ctx.book("undistributed", "cap", cut_again + again)
    else:
        ctx.route("cap", cap_cut + cut_again)
    for p in paid_people:
        p.received = received[p.key]
    for p in people:
        team_id = p.teams[-1].team_id if p.teams else None
        ctx.period.rows.append(PaymentRow(p.staff_id, team_id, p.received, p.eligible))


def divide_in_teams(ctx: Ctx, teams: list[Team]) -> None:
    """§6 for every unit: nominal parts (steps 1–3), pooling across teams (step 4), then each
    participant's conditions, factor, floor, cap and the remainders (§7).  A unit whose money has
    nobody to go to books it as the remainder `inelegíveis`."""
    units = units_of(ctx, teams)
    unit_remainders = [nominal_parts(ctx, unit) for unit in units]
    pool_groups(ctx, units)
    for unit, remainders in zip(units, unit_remainders):
        settle(ctx, unit.people, remainders)
