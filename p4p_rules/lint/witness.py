"""Witnesses: for a money loophole, the smallest synthetic case where it bites, found by the engine.

For each finding of a rule where money can be lost, created or misdirected, `attach` builds small
made-up municipalities for the version the finding is about — one or two teams (a few more only to
test team floors), each relevant cadre present or absent, each category of the scale (and
disqualified), each of the law's conditions true or false for one person — with one payment period
of the law's frequency of federal transfers at the 2013 value, R$ 8.500,00 per team per month times
the category's percentage.  It runs the engine (`p4p_rules.engine.run.run`) on each case in a fixed
order, smallest first, and stops at the first case where the loophole bites: money booked
`undistributed` from the finding's source, a fixed amount paid short, a better team paid less, a
per-head spread between teams of the same grade...  The finding then carries a one-line witness in
the law's language; a money finding whose search finds nothing is dropped (see
docs/rules/README.md, "Witnesses").

The synthetic calendar is fixed: the first full period of the law's frequency in 2014 (for an
annual payment in a named month, the twelve months ending in that month of 2014); every team is
evaluated on the 15th of the month two months before the period; people are posted from
01/01/2010 with no end, sign the contract and work 40 hours a week unless the case says otherwise.
The version is run on its own (its effective date does not matter to the case).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from decimal import Decimal
from fractions import Fraction
from typing import Callable, Iterable, Iterator

import numpy as np
import pandas as pd

from p4p_rules.data.dataset import Dataset
from p4p_rules.data.schema import ABSENCES, ROSTER, SCORES, TRANSFERS, Input
from p4p_rules.engine.books import UNDISTRIBUTED
from p4p_rules.engine.period import LawCannotBeApplied, TeamState
from p4p_rules.engine.run import RunResult, run
from p4p_rules.engine.schedule import add_months, month_end
from p4p_rules.engine.view import percent
from p4p_rules.lint.facts import LawFacts, VersionFacts
from p4p_rules.lint.finding import Finding
from p4p_rules.load import CompiledLaw
from p4p_rules.model import law as m
from p4p_rules.model import vocabulary as vocab

FULL_VALUE = 850_000                      # R$ 8.500,00 per team per month (2013 federal value, EAB)
YEAR = 2014
HIRED = dt.date(2010, 1, 1)
FEDERAL_PERCENT = {                       # % of the full value by certification category
    "well_above_average": 100, "above_average": 60, "below_average": 20, "insufficient": 0,
    "excellent": 100, "very_good": 80, "good": 60, "fair": 20, "poor": 0, vocab.DISQUALIFIED: 0,
}
SCORE = {                                 # a score inside each category's band (laws/data/m05/README.md)
    "well_above_average": 90.0, "above_average": 70.0, "below_average": 50.0, "insufficient": 20.0,
    "excellent": 92.0, "very_good": 77.0, "good": 62.0, "fair": 47.0, "poor": 20.0,
}
DEFAULT_TEAM = ("physician", "nurse", "nursing_technician", "community_health_agent")
# cadres tried, in this order, for "a team with nobody the law pays"
COMMON_CADRES = ("community_health_agent", "nursing_technician", "support", "administrative", "endemic_agent",
                 "nursing_assistant", "oral_health_assistant", "physician", "nurse", "dentist")
MAX_ACS = 12                              # most community agents a family health team may have
MAX_FLOOR_TEAMS = 4
MAX_RUNS_PER_VERSION = 150                # the whole search of one version, all findings together

WITNESS_RULES = ("M001", "M002", "M003", "M004", "M005", "M006", "M007", "M008", "C001", "S001", "A003")


# ---- cases --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Person:
    cadre: str
    way: str | None = None          # how this person fails one of the law's conditions (see _posting)


@dataclass(frozen=True)
class TeamSpec:
    category: str
    people: tuple[Person, ...]


@dataclass(frozen=True)
class Case:
    teams: tuple[TeamSpec, ...]
    outsiders: tuple[Person, ...] = ()
    pt: str = field(default="", compare=False)
    en: str = field(default="", compare=False)
    cite: str | None = field(default=None, compare=False)     # the provision the case exercises


@dataclass
class Witness:
    """The case that shows a loophole, what the engine did with it, and the sentence."""

    text: str
    case: Case
    version: str
    amount: int                      # the money the loophole loses, cuts or moves (centavos)
    pool: int                        # the money of the period
    calendar: "Calendar"


@dataclass(frozen=True)
class Calendar:
    months: tuple[dt.date, ...]
    evaluation: dt.date
    payment: dt.date

    @property
    def start(self) -> dt.date:
        return self.months[0]

    @property
    def end(self) -> dt.date:
        return month_end(self.months[-1])


def calendar_for(view) -> Calendar:
    """The first full period of the version's frequency in 2014, its evaluation and payment dates."""
    freq, lag = view.last(m.Frequency), view.last(m.Lag)
    n = freq.provision.months if freq else 1
    named = freq.provision.in_month if freq else None
    if named:
        last = dt.date(YEAR, named, 1)
        months = tuple(add_months(last, i - 11) for i in range(12))
    else:
        months = tuple(dt.date(YEAR, 1 + i, 1) for i in range(n))
    payment = month_end(add_months(month_end(months[-1]), lag.provision.months if lag else 0))
    evaluation = add_months(months[0], -2).replace(day=15)
    return Calendar(months, evaluation, payment)


def transfer_of(category: str, scale: list[str]) -> int:
    """A team's monthly transfer: R$ 8.500,00 times its category's federal percentage."""
    if category in FEDERAL_PERCENT:
        return FULL_VALUE * FEDERAL_PERCENT[category] // 100
    if category in scale and len(scale) > 1:  # a custom scale: evenly from 100% down to 0%
        return FULL_VALUE * (len(scale) - 1 - scale.index(category)) // (len(scale) - 1)
    return FULL_VALUE


def score_of(category: str, scale: list[str]) -> float | None:
    if category == vocab.DISQUALIFIED:
        return None
    if category in SCORE:
        return SCORE[category]
    if category in scale and len(scale) > 1:
        return 90.0 - 70.0 * scale.index(category) / (len(scale) - 1)
    return 90.0


# ---- building a dataset ----------------------------------------------------------------------------
SPECS = {spec.name: spec for spec in (ROSTER, SCORES, TRANSFERS, ABSENCES)}


def _frame(spec: Input, rows: list[dict]) -> pd.DataFrame:
    """A table with exactly the loader's columns and dtypes (text columns hold str or None).

    Cases of one search share most of their tables (the same roster under each category), so
    tables are built once per content; the engine only reads them.
    """
    return _frame_of(spec.name, tuple(tuple(r.get(name) for name in spec.dtypes) for r in rows))


@lru_cache(maxsize=512)
def _frame_of(spec_name: str, rows: tuple[tuple, ...]) -> pd.DataFrame:
    spec = SPECS[spec_name]
    cols: dict[str, object] = {}
    for i, (name, dtype) in enumerate(spec.dtypes.items()):
        values = [r[i] for r in rows]
        if dtype == "object":
            cols[name] = pd.Series(values, dtype=object)
        elif dtype.startswith("datetime"):
            cols[name] = np.array([np.datetime64("NaT") if v is None else np.datetime64(v, "ns") for v in values],
                                  dtype=dtype)
        elif dtype == "float64":
            cols[name] = np.array([np.nan if v is None else v for v in values], dtype=dtype)
        else:
            cols[name] = np.array(values, dtype=dtype)
    return pd.DataFrame(cols, copy=False)


def _service_months(start: dt.date, at: dt.date) -> int:
    months = (at.year - start.year) * 12 + at.month - start.month
    return months - (1 if at.day < start.day else 0)


def _posting(person: Person, cal: Calendar) -> tuple[dict, list[tuple[dt.date, dt.date | None, str]]]:
    """Roster fields and absences of one person, following the way they fail a condition."""
    start, end, signed, hours = HIRED, None, True, 40
    absences: list[tuple[dt.date, dt.date | None, str]] = []
    way = person.way or ""
    kind, _, arg = way.partition(":")
    half = cal.start + dt.timedelta(days=((cal.end - cal.start).days + 1) // 2)
    if kind == "late_hire":                      # posted after the evaluation
        start = cal.evaluation + dt.timedelta(days=1)
    elif kind == "late_month":                   # posted after the evaluation's month
        start = month_end(cal.evaluation) + dt.timedelta(days=1)
    elif kind == "left":                         # gone before the payment date
        end = min(cal.end, cal.payment - dt.timedelta(days=1))
    elif kind == "unsigned":
        signed = False
    elif kind == "short_service":                # fewer whole months of service than required
        start = add_months(cal.end, -int(arg)) + dt.timedelta(days=1)
        while _service_months(start, cal.end) >= int(arg):
            start += dt.timedelta(days=1)
    elif kind == "leave":                        # on an excluded leave the whole period
        absences.append((cal.start, cal.end, arg))
    elif kind == "leave_half":                   # on an excluded leave half the period
        absences.append((half, cal.end, arg))
    elif kind == "absences":                     # N days of unjustified absence in the period
        absences.append((cal.start, cal.start + dt.timedelta(days=int(arg) - 1), "unjustified"))
    elif kind == "joined_half":
        start = half
    elif kind == "left_half":
        end = half - dt.timedelta(days=1)
    elif kind == "part_time":
        hours = 20
    return {"start_date": start, "end_date": end, "signed_contract": signed, "weekly_hours": hours}, absences


def build_dataset(case: Case, cal: Calendar, scale: list[str]) -> Dataset:
    """The case as an in-memory Dataset, with the loader's columns and dtypes (data/schema.py)."""
    roster: list[dict] = []
    scores: list[dict] = []
    transfers: list[dict] = []
    absences: list[dict] = []
    n = 0

    def add(person: Person, team: str | None) -> None:
        nonlocal n
        n += 1
        staff = f"{n:03d}"
        fields, away = _posting(person, cal)
        roster.append({"staff_id": staff, "name": f"{person.cadre} {n}", "team_id": team, "cadre": person.cadre,
                       "cbo": None, "contract_type": "efetivo", "row": n + 1, **fields})
        for a, b, kind in away:
            absences.append({"staff_id": staff, "start_date": a, "end_date": b, "kind": kind,
                             "row": len(absences) + 2})

    for i, t in enumerate(case.teams, 1):
        team = f"E{i}"
        for p in t.people:
            add(p, team)
        scores.append({"team_id": team, "cycle": 3, "evaluation_date": cal.evaluation,
                       "score": score_of(t.category, scale), "category": t.category, "row": i + 1})
        for month in cal.months:
            transfers.append({"month": month, "team_id": team, "amount": transfer_of(t.category, scale),
                              "row": len(transfers) + 2})
    for p in case.outsiders:
        add(p, None)
    return Dataset(_frame(ROSTER, roster), _frame(SCORES, scores), _frame(TRANSFERS, transfers),
                   _frame(ABSENCES, absences))


# ---- words --------------------------------------------------------------------------------------------
class Words:
    """Phrases of witnesses in the law's language."""

    def __init__(self, v: VersionFacts, custom: dict[str, str]):
        self.v, self.pt, self.custom = v, v.lang == "pt", custom

    def t(self, pt: str, en: str) -> str:
        return pt if self.pt else en

    def cadre(self, key: str) -> str:
        return self.custom.get(key) or self.v.cadre(key)

    def cadres(self, keys: Iterable[str]) -> str:
        names = [self.cadre(k) for k in keys]
        if len(names) <= 1:
            return "".join(names)
        return ", ".join(names[:-1]) + self.t(" nem ", " or ") + names[-1]

    def money(self, centavos: int) -> str:
        return self.v.p.money(centavos)

    def category(self, cat: str) -> str:
        return self.v.category(cat)

    def team(self, cat: str, article: bool = True) -> str:
        if cat == vocab.DISQUALIFIED:
            return self.t("uma equipe desclassificada" if article else "equipe desclassificada",
                          "a disqualified team" if article else "disqualified team")
        c = self.category(cat)
        return self.t(f"uma equipe {c}" if article else f"equipe {c}",
                      f"a team rated {c}" if article else f"team rated {c}")

    def the_team(self, cat: str) -> str:
        if cat == vocab.DISQUALIFIED:
            return self.t("a equipe desclassificada", "the disqualified team")
        return self.t(f"a equipe {self.category(cat)}", f"the team rated {self.category(cat)}")

    def period(self, n: int) -> str:
        return self.t(f"em {n} {'mês' if n == 1 else 'meses'} de repasses",
                      f"in {n} month{'s' * (n != 1)} of transfers")

    def way(self, way: str) -> tuple[str, str]:
        kind, _, arg = way.partition(":")
        if kind in ("leave", "leave_half"):
            leave = vocab.LEAVE_KINDS.spelling(arg, self.v.lang)
            return ((f"esteve em {leave} o período todo", f"was on {leave} leave all period") if kind == "leave"
                    else (f"esteve em {leave} metade do período", f"was on {leave} leave half the period"))
        return {
            "late_hire": ("chegou depois da avaliação", "joined after the evaluation"),
            "late_month": ("chegou depois do mês da avaliação", "joined after the evaluation month"),
            "left": ("saiu antes do pagamento", "left before the payment"),
            "unsigned": ("não assinou o contrato", "did not sign the contract"),
            "short_service": (f"tem menos de {arg} meses de serviço", f"has less than {arg} months of service"),
            "absences": (f"teve {arg} faltas injustificadas", f"had {arg} unjustified absences"),
            "joined_half": ("chegou na metade do período", "joined halfway through the period"),
            "left_half": ("saiu na metade do período", "left halfway through the period"),
            "part_time": ("trabalha 20 horas por semana", "works 20 hours a week"),
        }[kind]


# ---- the search in one version ---------------------------------------------------------------------
Check = Callable[["VersionSearch", Case, RunResult], "Witness | None"]


class CannotApply(Exception):
    """The engine refuses the version (shares over 100%): no case can be run."""


class Unsearchable(Exception):
    """The finding's provision cannot be found in the version: nothing was searched."""


class VersionSearch:
    """Cases for one consolidated version, run through the engine once each (memoised)."""

    def __init__(self, v: VersionFacts):
        self.v = v
        self.view = v.view
        text = v.text.model_copy(update={"effective": dt.date(1900, 1, 1), "until": None})
        self.law = CompiledLaw(v.law_facts.law, [text])
        self.cal = calendar_for(self.view)
        self.scale = list(v.scale) or list(vocab.FOUR_LEVEL)
        self.categories = self.scale + [vocab.DISQUALIFIED]
        self.memo: dict[Case, RunResult | None] = {}
        self.runs = 0
        self.cannot: str | None = None
        self.capped = False                  # some case was not run: the search is not complete
        custom = {vocab.normalize(c.provision.name): c.provision.name for c in v.all(m.CadreDecl)}
        self.words = Words(v, custom)
        self._cadres()
        self._ways()

    # -- who is in a team --------------------------------------------------------------------------------
    def _expand(self, names: list[str]) -> list[str]:
        out: list[str] = []
        for n in names:
            for k in self._expand_one(n):
                if k not in out:
                    out.append(k)
        return out

    def _expand_one(self, name: str) -> list[str]:
        """Cadre keys named directly or through groups, in the order the law lists them."""
        return self.v.view.expand_ordered([name])

    def _cadres(self) -> None:
        v = self.v
        eligible = v.last(m.Eligible)
        weights = v.last(m.DivideByWeight)
        self.weight: dict[str, Fraction] = {}
        if weights:
            for w in weights.provision.weights:
                for k in self._expand_one(w.name):
                    self.weight.setdefault(k, Fraction(str(w.value)))
        self.targeted: list[str] = []
        for c in v.all(m.Earmark):
            self.targeted += [k for k in self._expand_one(c.provision.target) if k not in self.targeted]
        for c in v.all(m.FixedAmount):
            self.targeted += [k for k in self._expand(c.provision.recipients) if k not in self.targeted]
        if eligible:
            base = self._expand(eligible.provision.members)
        elif weights:
            base = [k for k, w in self.weight.items() if w > 0]
        else:  # everyone in a team takes part: a typical small family health team
            base = list(DEFAULT_TEAM)
        self.covered = set(base) | set(self.targeted) if (eligible or weights) else None
        self.in_team = base + [k for k in self.targeted if k not in base]
        shared = [k for k in self.in_team if k not in self.targeted and (not weights or self.weight.get(k, 0) > 0)]
        self.subject = shared[0] if shared else (self.in_team[0] if self.in_team else None)
        self.outsider_cadres: list[str] = []
        for c, frac in v.pay_shares():
            if frac > 0:
                ks = self._expand(c.provision.recipients)
                if ks and ks[0] not in self.outsider_cadres:
                    self.outsider_cadres.append(ks[0])
        self.outsiders = tuple(Person(k) for k in self.outsider_cadres)

    def people(self, without: Iterable[str] = (), way: str | None = None,
               extra: Iterable[str] = ()) -> tuple[Person, ...]:
        gone = set(without)
        out = [Person(k, way if k == self.subject else None) for k in self.in_team if k not in gone]
        out += [Person(k) for k in extra]
        return tuple(out)

    def _ways(self) -> None:
        """How one person can fail each condition of the version: (way, cite, is_pro_rata)."""
        v = self.v
        self.ways: list[tuple[str, str, bool]] = []
        leave_kinds: list[tuple[str, str]] = []
        for c in sorted(v.all(m.Require) + v.all(m.ExcludeLeave) + v.all(m.LoseAfterAbsences) + v.all(m.ProRata),
                        key=v.order):
            p = c.provision
            if isinstance(p, m.Require):
                way = {"posted_at_evaluation": "late_hire", "posted_in_evaluation_month": "late_month",
                       "active_at_payment": "left", "signed_contract": "unsigned"}.get(p.condition)
                if p.condition == "minimum_service" and p.months:
                    way = f"short_service:{p.months}"
                if way:
                    self.ways.append((way, c.cite, False))
            elif isinstance(p, m.ExcludeLeave) and p.leave_kinds:
                self.ways.append((f"leave:{p.leave_kinds[0]}", c.cite, False))
                leave_kinds.append((p.leave_kinds[0], c.cite))
            elif isinstance(p, m.LoseAfterAbsences):
                self.ways.append((f"absences:{max(1, p.absences)}", c.cite, False))
            elif isinstance(p, m.ProRata):
                if p.basis == "days":
                    self.ways += [(f"leave_half:{k}", c.cite, True) for k, _ in leave_kinds[:1]]
                    self.ways += [("left_half", c.cite, True), ("joined_half", c.cite, True)]
                else:
                    self.ways.append(("part_time", c.cite, True))

    # -- running ---------------------------------------------------------------------------------------------
    def result(self, case: Case) -> RunResult | None:
        if case in self.memo:
            return self.memo[case]
        if self.cannot is not None:
            raise CannotApply(self.cannot)
        if self.runs >= MAX_RUNS_PER_VERSION:
            self.capped = True
            return None
        if not any(transfer_of(t.category, self.scale) for t in case.teams):
            self.memo[case] = None  # no money at all: the engine would list no period, nothing can show
            return None
        self.runs += 1
        data = build_dataset(case, self.cal, self.scale)
        try:
            out = run(self.law, data)
        except LawCannotBeApplied as e:
            self.cannot = str(e)
            raise CannotApply(self.cannot) from None
        except (ValueError, ArithmeticError) as e:  # the engine fails on this version (e.g. earmarks over 100%)
            self.cannot = f"{type(e).__name__}: {e}"
            raise CannotApply(self.cannot) from None
        self.memo[case] = out
        return out

    def first(self, cases: Iterable[Case], check: Check) -> Witness | None:
        """The witness of the first case that bites; None when none does (Unsearchable when the bound on
        runs left some case untried: nothing is proven then)."""
        for case in cases:
            result = self.result(case)
            if result is None or not len(result.periods):
                continue
            w = check(self, case, result)
            if w is not None:
                return w
        if self.capped:
            raise Unsearchable
        return None

    def witness(self, case: Case, pt: str, en: str, amount: int, result: RunResult) -> Witness:
        return Witness(self.words.t(pt, en), case, self.v.name, amount, int(result.periods["pool"].iloc[0]), self.cal)

    # -- the space of cases, smallest first ---------------------------------------------------------------
    def members(self, people: tuple[Person, ...]) -> str:
        """'médico, enfermeiro, 12 acs': who is in a team, in the law's order."""
        counts: dict[str, int] = {}
        for p in people:
            counts[p.cadre] = counts.get(p.cadre, 0) + 1
        return ", ".join(f"{n} {self.words.cadre(k)}" if n > 1 else self.words.cadre(k) for k, n in counts.items())

    def one_team(self, cat: str, people: tuple[Person, ...], pt: str = "", en: str = "", cite: str | None = None,
                 outsiders: tuple[Person, ...] | None = None, show: bool = True) -> Case:
        """A case of one team; `show` names its members after the category: 'uma equipe bom (médico, enfermeiro)'."""
        w = self.words
        head = w.team(cat) + (f" ({self.members(people)})" if show and people else "")
        return Case((TeamSpec(cat, people),), self.outsiders if outsiders is None else outsiders,
                    head + (" " + pt if pt else ""), head + (" " + en if en else ""), cite)

    def defaults(self, poorest_first: bool = False) -> Iterator[Case]:
        """One team of each category: best first, or (for money that may not fit, or teams that may fail)
        the team with the least money first."""
        for cat in (self.poorest_first(self.categories) if poorest_first else self.categories):
            yield self.one_team(cat, self.people())

    def absent(self, cadres: list[str], cite: str | None) -> Iterator[Case]:
        gone = [k for k in cadres if k in self.in_team]
        if not gone:
            return
        names = self.words.cadres(cadres)
        for cat in self.categories:
            yield self.one_team(cat, self.people(without=gone), f"sem {names}", f"with no {names}", cite)

    def conditions(self, pro_rata: bool | None = None) -> Iterator[Case]:
        if self.subject is None:
            return
        who = self.words.cadre(self.subject)
        for way, cite, is_pro_rata in self.ways:
            if pro_rata is not None and is_pro_rata != pro_rata:
                continue
            pt, en = self.words.way(way)
            for cat in self.categories:
                yield self.one_team(cat, self.people(way=way), f"em que o {who} {pt}", f"whose {who} {en}", cite)

    def nobody(self, cite: str | None) -> Iterator[Case]:
        """A team with nobody the law pays: someone of a cadre it leaves out, or nobody at all."""
        other = next((k for k in COMMON_CADRES if self.covered is not None and k not in self.covered), None)
        for cat in self.categories:
            if other:
                who = self.words.cadre(other)
                yield self.one_team(cat, (Person(other),), f"só com um {who}", f"with only a {who}", cite, show=False)
            else:
                yield self.one_team(cat, (), "sem ninguém lotado", "with nobody posted", cite)

    def solo(self) -> Iterator[Case]:
        for k in self.in_team:
            who = self.words.cadre(k)
            for cat in self.categories:
                yield self.one_team(cat, (Person(k),), f"só com um {who}", f"with only a {who}", show=False)

    def no_outsiders(self, cite: str | None) -> Iterator[Case]:
        if not self.outsider_cadres:
            return
        names = self.words.cadres(self.outsider_cadres)
        for cat in self.categories:
            yield self.one_team(cat, self.people(), f"num município sem {names}", f"in a municipality with no {names}",
                                cite, outsiders=())

    def poorest_first(self, cats: list[str]) -> list[str]:
        return sorted(cats, key=lambda c: (transfer_of(c, self.scale), -self.categories.index(c)))

    def large(self) -> Iterator[Case]:
        """A team with the most community agents a family health team may have (money that may not fit:
        the team with the least money first)."""
        agent = "community_health_agent"
        if agent not in self.in_team:
            return
        extra = [agent] * (MAX_ACS - 1)
        for cat in self.poorest_first(self.categories):
            yield self.one_team(cat, self.people(extra=extra))

    def several(self, cats: list[str], people: tuple[Person, ...] | None = None, cite: str | None = None) -> Case:
        """Teams of the given categories, all with the same members: 'uma equipe ótimo e uma equipe ruim, cada uma
        com médico, enfermeiro'."""
        w = self.words
        people = self.people() if people is None else people
        counted: list[tuple[str, int]] = []
        for c in cats:
            if counted and counted[-1][0] == c:
                counted[-1] = (c, counted[-1][1] + 1)
            else:
                counted.append((c, 1))

        def teams(pt: bool) -> list[str]:
            out = []
            for c, n in counted:
                if n == 1:
                    out.append(w.team(c))
                elif c == vocab.DISQUALIFIED:
                    out.append(f"{n} equipes desclassificadas" if pt else f"{n} disqualified teams")
                else:
                    out.append(f"{n} equipes {w.category(c)}" if pt else f"{n} teams rated {w.category(c)}")
            return out
        pt_teams, en_teams = teams(True), teams(False)
        pt = ", ".join(pt_teams[:-1]) + " e " + pt_teams[-1]
        en = ", ".join(en_teams[:-1]) + " and " + en_teams[-1]
        if people:
            pt += f", cada uma com {self.members(people)}"
            en += f", each with {self.members(people)}"
        return Case(tuple(TeamSpec(c, people) for c in cats), self.outsiders, pt, en, cite)

    def pair(self, a: str, b: str, cite: str | None = None) -> Case:
        return self.several([a, b], cite=cite)

    def pairs(self) -> Iterator[Case]:
        """Two teams: one of the best category and one of each other category, worst first (the second
        team's money is smallest next to the best team, whatever the allocation; worse teams fail first)."""
        best = self.categories[0]
        for other in reversed(self.categories[1:]):
            yield self.pair(best, other)

    def floors(self) -> Iterator[Case]:
        """One team of a category without a floor and 1 to 4 teams of a floor category (fewest first)."""
        floor_cats = [cat for c in self.v.all(m.TeamFloor) for cat in c.provision.categories]
        if not floor_cats:
            return
        fc = floor_cats[0]
        others = self.poorest_first([c for c in self.categories if c not in floor_cats])
        for k in range(1, MAX_FLOOR_TEAMS + 1):
            for other in others:
                yield self.several([other] + [fc] * k)

    def bigger(self) -> Iterator[Case]:
        """Two teams of the same category, the second with one more member."""
        extra = next((k for k in ("community_health_agent", "nursing_technician") if k in self.in_team
                      and k not in self.targeted and (not self.weight or self.weight.get(k, 0) > 0)), self.subject)
        if extra is None:
            return
        small, big = self.people(), self.people(extra=[extra])
        w = self.words
        who = w.cadre(extra)
        for cat in self.categories:
            c = w.category(cat) if cat != vocab.DISQUALIFIED else w.t("desclassificadas", "disqualified")
            yield Case((TeamSpec(cat, small), TeamSpec(cat, big)), self.outsiders,
                       f"duas equipes {c}, uma de {len(small)} pessoas ({self.members(small)}) e outra com mais "
                       f"um {who}",
                       f"two teams rated {c}, one of {len(small)} people ({self.members(small)}) and one with another "
                       f"{who}")


# ---- what each rule looks for ---------------------------------------------------------------------------
def _undistributed(result: RunResult, match: Callable[[str], bool]) -> int:
    led = result.ledger
    return int(sum(a for d, s, a in zip(led["destination"], led["source"], led["amount"], strict=True)
                   if d == UNDISTRIBUTED and match(str(s))))


def _lost(source_match: Callable[[str], bool], cite: str | None) -> Check:
    def check(s: VersionSearch, case: Case, result: RunResult) -> Witness | None:
        lost = _undistributed(result, source_match)
        if not lost:
            return None
        w = s.words
        pool = int(result.periods["pool"].iloc[0])
        at = case.cite or cite
        where = f" ({at})" if at else ""
        period = w.period(len(s.cal.months))
        if len(case.teams) > 1:
            return s.witness(case, f"{case.pt}: {w.money(lost)} de {w.money(pool)} ficam sem destino {period}{where}",
                             f"{case.en}: {w.money(lost)} of {w.money(pool)} is left undistributed {period}{where}",
                             lost, result)
        return s.witness(case, f"{case.pt} deixa {w.money(lost)} de {w.money(pool)} sem destino {period}{where}",
                         f"{case.en} leaves {w.money(lost)} of {w.money(pool)} undistributed {period}{where}",
                         lost, result)
    return check


def _team_amounts(result: RunResult) -> dict[str, int]:
    books = result.books[0]
    return {tid: ts.amount for tid, ts in books.teams.items()}


def _source(name: str) -> Callable[[str], bool]:
    return lambda s: s == name


def _m001(s: VersionSearch, f: Finding, node) -> Witness | None:
    split = node if isinstance(node, m.Split) else None
    if split is None:
        raise Unsearchable
    case = next(s.defaults())
    try:
        s.result(case)
    except CannotApply:
        pass
    else:
        return None  # the engine applied it: nothing to show
    w = s.words
    pool = sum(transfer_of(t.category, s.scale) for t in case.teams) * len(s.cal.months)
    parent = vocab.normalize(split.parent)
    base = Fraction(pool) * s.v.fraction.get(parent, Fraction(1) if parent == vocab.FUNDS else Fraction(0))
    if base == 0:
        base = Fraction(pool)
    total = sum((percent(sh.percent) for sh in split.shares), Fraction(0))
    demand = int(base * total)
    excess = demand - int(base)
    name = s.v.share(split.parent)
    cite = s.v.cite(split)
    text = w.t(f"{case.pt}: dos {w.money(int(base))} de '{name}' {w.period(len(s.cal.months))}, as parcelas pedem "
               f"{w.money(demand)}, {w.money(excess)} a mais do que existe, e o motor não aplica a lei ({cite})",
               f"{case.en}: of the {w.money(int(base))} of '{name}' {w.period(len(s.cal.months))}, the shares ask for "
               f"{w.money(demand)}, {w.money(excess)} more than there is, and the engine cannot apply the law ({cite})")
    return Witness(text, case, s.v.name, excess, pool, s.cal)


def _m002(s: VersionSearch, f: Finding, node) -> Witness | None:
    if not isinstance(node, m.Split):
        raise Unsearchable
    parent = vocab.normalize(node.parent)
    def match(src: str) -> bool:
        return (src.startswith("unassigned part of ")
                and vocab.normalize(src[len("unassigned part of "):]) == parent)
    return s.first(s.defaults(), _lost(match, s.v.cite(node)))


def _m003(s: VersionSearch, f: Finding, node) -> Witness | None:
    source = f.key[1] if len(f.key) > 1 and f.key[0] == "M003" else None
    if source not in ("ineligible", "pro_rata", "cap", "failed_teams"):
        raise Unsearchable
    check = _lost(_source(source), s.v.cite(node))
    if source == "ineligible":
        eligible = s.v.last(m.Eligible)
        pay = [c for c, frac in s.v.pay_shares() if frac > 0]
        cases = _chain(s.conditions(pro_rata=False), s.nobody(eligible.cite if eligible else None),
                       s.no_outsiders(pay[0].cite if pay else None))
    elif source == "pro_rata":
        cases = s.conditions(pro_rata=True)
    elif source == "cap":
        cases = _chain(s.defaults(), s.solo())
    else:
        cases = _chain(s.defaults(poorest_first=True), s.pairs())
    return s.first(cases, check)


def _c001(s: VersionSearch, f: Finding, node) -> Witness | None:
    if not isinstance(node, m.Earmark):
        raise Unsearchable
    return s.first(s.absent(s._expand_one(node.target), s.v.cite(node)), _lost(_source("earmark"), s.v.cite(node)))


def _m004(s: VersionSearch, f: Finding, node) -> Witness | None:
    share = node.node if isinstance(node, m.Share) else None
    if share is None and s.v.top_split is not None:
        share = next((sh.node for sh in s.v.top_split.provision.shares if f"'{sh.node}'" in f.message), None)
    if share is None:
        raise Unsearchable
    key = vocab.normalize(share)
    cite = s.v.top_split.cite if s.v.top_split else ""

    def check(s: VersionSearch, case: Case, result: RunResult) -> Witness | None:
        led = result.ledger
        kept = int(sum(a for d, a in zip(led["destination"], led["amount"], strict=True)
                       if vocab.normalize(str(d)) == key))
        if not kept:
            return None
        w = s.words
        pool = int(result.periods["pool"].iloc[0])
        return s.witness(case, f"{case.pt}: {w.money(kept)} de {w.money(pool)} {w.period(len(s.cal.months))} ficam "
                               f"com '{share}', sem uso declarado ({cite})",
                         f"{case.en}: {w.money(kept)} of {w.money(pool)} {w.period(len(s.cal.months))} stay with "
                         f"'{share}', with no stated use ({cite})", kept, result)
    return s.first(s.defaults(), check)


def _m008(s: VersionSearch, f: Finding, node) -> Witness | None:
    cite = s.v.top_split.cite if s.v.top_split else ""

    def check(s: VersionSearch, case: Case, result: RunResult) -> Witness | None:
        per = result.periods
        pool, staff = int(per["pool"].iloc[0]), int(per["to_staff"].iloc[0])
        if not pool or staff:
            return None
        w = s.words
        return s.witness(case, f"{case.pt}: nenhum centavo dos {w.money(pool)} {w.period(len(s.cal.months))} chega "
                               f"aos profissionais ({cite})",
                         f"{case.en}: not one centavo of the {w.money(pool)} {w.period(len(s.cal.months))} reaches "
                         f"staff ({cite})", pool, result)
    return s.first(s.defaults(), check)


def _m005(s: VersionSearch, f: Finding, node) -> Witness | None:
    cite = s.v.cite(node)
    n = len(s.cal.months)
    w = s.words
    if isinstance(node, m.FixedAmount):
        cadres = set(s._expand(node.recipients))
        each = node.amount * (n if node.per_month else 1)

        def fixed(s: VersionSearch, case: Case, result: RunResult) -> Witness | None:
            # the fixed amount was scaled down (nominal below the promise); say what the person finally gets
            short = [(each - p.amount, p) for p in result.books[0].payments
                     if p.team_id is not None and s.view.cadre_key(p.cadre) in cadres and p.nominal < each
                     and p.status == "paid"]
            if not short:
                return None
            gap, p = max(short, key=lambda x: (x[0], x[1].staff_id))
            who = w.cadre(s.view.cadre_key(p.cadre))
            if len(case.teams) > 1 and p.team_id is not None:  # (always a team here: `short` keeps team members)
                the = w.the_team(_cat_of(case, p.team_id))
                who = f"{who} d{the}" if s.words.pt else f"{who} of {the}"
            return s.witness(case, f"{case.pt}: o {who} recebe {w.money(p.amount)} dos {w.money(each)} prometidos, "
                                   f"{w.money(gap)} a menos ({cite})",
                             f"{case.en}: the {who} gets {w.money(p.amount)} of the {w.money(each)} promised, "
                             f"{w.money(gap)} short ({cite})", gap, result)
        return s.first(_chain(s.defaults(poorest_first=True), s.pairs(), s.large(), s.floors()), fixed)
    if isinstance(node, m.TeamFloor) and node.amount is not None:
        wanted = node.amount * (n if node.per_month else 1)
        cats = set(node.categories)

        def floor(s: VersionSearch, case: Case, result: RunResult) -> Witness | None:
            books = result.books[0]
            got = [(tid, ts.amount) for tid, ts in books.teams.items() if ts.floor
                   and (ts.category in cats or (ts.score and ts.score.category in cats))]
            short = [(tid, a) for tid, a in got if a < wanted]
            if not short:
                return None
            tid, amount = min(short, key=lambda x: (x[1], x[0]))
            others = [(t, ts.amount) for t, ts in books.teams.items() if not ts.floor]
            rest_pt = rest_en = ""
            if others:
                o_tid, o_amount = others[0]
                o_cat = next(t.category for i, t in enumerate(case.teams, 1) if f"E{i}" == o_tid)
                rest_pt = f", e {w.the_team(o_cat)} fica com {w.money(o_amount)}"
                rest_en = f", and {w.the_team(o_cat)} is left with {w.money(o_amount)}"
            teams_pool = books.nodes.get(vocab.TEAMS, (0, []))[0]
            total = wanted * len(got)
            return s.witness(case, f"{case.pt}: os pisos somam {w.money(total)} e a parcela das equipes é "
                                   f"{w.money(teams_pool)}; cada equipe do piso recebe {w.money(amount)} em vez de "
                                   f"{w.money(wanted)}{rest_pt} ({cite})",
                             f"{case.en}: the floors add up to {w.money(total)} and the teams' share is "
                             f"{w.money(teams_pool)}; each floor team gets {w.money(amount)} instead of "
                             f"{w.money(wanted)}{rest_en} ({cite})", wanted - amount, result)
        return s.first(_chain(s.floors(), s.pairs()), floor)
    if isinstance(node, m.PersonFloor):
        amount = node.amount

        def person_floor(s: VersionSearch, case: Case, result: RunResult) -> Witness | None:
            by_team: dict[str, list] = {}
            for p in result.books[0].payments:
                if p.team_id is not None and p.status == "paid":
                    by_team.setdefault(p.team_id, []).append(p)
            for tid in sorted(by_team):
                paid = by_team[tid]
                if paid and all(p.amount < amount for p in paid):
                    top = max(p.amount for p in paid)
                    team_pt = "da equipe" if len(case.teams) == 1 else f"d{w.the_team(_cat_of(case, tid))}"
                    team_en = "of the team" if len(case.teams) == 1 else f"of {w.the_team(_cat_of(case, tid))}"
                    return s.witness(
                        case, f"{case.pt}: nenhuma das {len(paid)} pessoas {team_pt} alcança o piso de "
                              f"{w.money(amount)}; cada uma recebe no máximo {w.money(top)} ({cite})",
                        f"{case.en}: none of the {len(paid)} people {team_en} reaches the floor of "
                        f"{w.money(amount)}; each gets at most {w.money(top)} ({cite})", amount - top, result)
            return None
        return s.first(_chain(s.defaults(poorest_first=True), s.pairs(), s.large(), s.floors()), person_floor)
    raise Unsearchable


def _cat_of(case: Case, tid: str) -> str:
    return case.teams[int(tid[1:]) - 1].category


def _m006(s: VersionSearch, f: Finding, node) -> Witness | None:
    alloc = s.v.by_category()
    if alloc is None:
        raise Unsearchable
    values = {v.category: v.value for v in alloc.provision.values}
    better = node.category if isinstance(node, m.CategoryValue) else None
    if better is None or better not in values:
        raise Unsearchable
    worse = [c for c in s.scale if s.view.rank(c) > s.view.rank(better) and values.get(c, Decimal(0)) > values[better]]
    worse.sort(key=lambda c: (-values[c], s.view.rank(c)))
    w = s.words
    cite = alloc.cite

    def check(s: VersionSearch, case: Case, result: RunResult) -> Witness | None:
        amounts = _team_amounts(result)
        b, x = amounts.get("E1", 0), amounts.get("E2", 0)
        if b >= x:
            return None
        return s.witness(case, f"{case.pt}: {w.the_team(better)} recebe {w.money(b)} e "
                               f"{w.the_team(_cat_of(case, 'E2'))}, pior, recebe {w.money(x)} ({cite})",
                         f"{case.en}: {w.the_team(better)} gets {w.money(b)} and the worse "
                         f"{w.team(_cat_of(case, 'E2'), article=False)} gets {w.money(x)} ({cite})", x - b, result)
    return s.first((s.pair(better, c) for c in worse), check)


def _m007(s: VersionSearch, f: Finding, node) -> Witness | None:
    what = f.key[1] if len(f.key) > 1 and f.key[0] == "M007" else None
    alloc = s.v.by_category()
    if alloc is None or what not in ("scale", "disqualified"):
        raise Unsearchable
    listed = {v.category for v in alloc.provision.values}
    floors = s.v.floor_categories()
    if what == "scale":
        missing = [c for c in s.scale if c not in listed and c not in floors]
    else:
        missing = [vocab.DISQUALIFIED]
    best = next((c for c in s.scale if c in listed), s.scale[0])
    w = s.words
    cite = alloc.cite

    def check(s: VersionSearch, case: Case, result: RunResult) -> Witness | None:
        amounts = _team_amounts(result)
        pool = int(result.periods["pool"].iloc[0])
        for i, t in enumerate(case.teams, 1):
            if t.category in missing and amounts.get(f"E{i}", 0) == 0:
                others = [(j, a) for j, a in ((k, amounts.get(f"E{k}", 0)) for k in range(1, len(case.teams) + 1))
                          if j != i]
                if others:
                    j, a = others[0]
                    return s.witness(case, f"{case.pt}: {w.the_team(t.category)} nada recebe, e "
                                           f"{w.the_team(case.teams[j - 1].category)} recebe {w.money(a)} ({cite})",
                                     f"{case.en}: {w.the_team(t.category)} gets nothing, and "
                                     f"{w.the_team(case.teams[j - 1].category)} gets {w.money(a)} ({cite})", a, result)
                return s.witness(case, f"{case.pt}: a equipe nada recebe dos {w.money(pool)} "
                                       f"{w.period(len(s.cal.months))} ({cite})",
                                 f"{case.en}: the team gets nothing of the {w.money(pool)} "
                                 f"{w.period(len(s.cal.months))} ({cite})", pool, result)
        return None
    cases = _chain((s.one_team(c, s.people()) for c in missing), (s.pair(best, c) for c in missing if c != best))
    return s.first(cases, check)


def _s001(s: VersionSearch, f: Finding, node) -> Witness | None:
    allocation = s.v.allocation()
    cite = "; ".join(dict.fromkeys(c for c in (allocation.cite if allocation else None,
                                              s.v.cite(node) if node is not None else None) if c))
    w = s.words

    def check(s: VersionSearch, case: Case, result: RunResult) -> Witness | None:
        per: dict[tuple[str, str], int] = {}
        for p in result.books[0].payments:
            if p.team_id is not None and p.status == "paid":
                per.setdefault((p.team_id, s.view.cadre_key(p.cadre)), p.amount)
        spreads = [(per[("E1", k)] - per[("E2", k)], k) for (t, k) in per if t == "E1" and ("E2", k) in per]
        spreads = [x for x in spreads if x[0] > 0]
        if not spreads:
            return None
        gap, k = max(spreads, key=lambda x: (x[0], x[1]))
        who = w.cadre(k)
        n1, n2 = len(case.teams[0].people), len(case.teams[1].people)
        a1, a2 = per[("E1", k)], per[("E2", k)]
        at = f" ({cite})" if cite else ""
        return s.witness(case, f"{case.pt}: um {who} da equipe de {n1} recebe {w.money(a1)}, e um {who} da equipe de "
                               f"{n2}, {w.money(a2)}{at}",
                         f"{case.en}: a {who} of the team of {n1} gets {w.money(a1)}, and a {who} of the team of "
                         f"{n2} gets {w.money(a2)}{at}", gap, result)
    return s.first(s.bigger(), check)


def _team_states(result: RunResult) -> dict[str, TeamState]:
    return result.books[0].teams


def _ledger_of(result: RunResult, source: str) -> list[tuple[str, int]]:
    led = result.ledger
    return [(str(d), int(a)) for d, s, a in zip(led["destination"], led["source"], led["amount"], strict=True)
            if s == source]


def _destination(s: VersionSearch, destination: str) -> str:
    w = s.words
    if destination == UNDISTRIBUTED:
        return w.t("ficam sem destino", "are left undistributed")
    if destination == "carry_over":
        return w.t("passam ao próximo período", "go to the next period")
    return w.t(f"vão para '{s.v.share(destination)}'", f"go to '{s.v.share(destination)}'")


def _a003(s: VersionSearch, f: Finding, node) -> Witness | None:
    """Overlapping rules (lint/rules/ambiguity.py, A003): the case where the engine follows one of the two."""
    from p4p_rules.lint.rules.ambiguity import excluded_categories, floors_of  # noqa: PLC0415
    kind = f.key[1] if len(f.key) > 1 else None
    v, w, n = s.v, s.words, len(s.cal.months)
    said = v.p.provision
    best = s.categories[0]
    if kind in ("excluded_floor", "excluded_redirect", "excluded_value"):
        cat = f.key[2]
        ex = excluded_categories(v).get(cat)
        if ex is None:
            raise Unsearchable
        because_pt = f"apesar de '{said(ex.provision)}' ({ex.cite})"
        because_en = f"despite '{said(ex.provision)}' ({ex.cite})"
        if kind == "excluded_floor" and isinstance(node, m.TeamFloor):
            def floor(s: VersionSearch, case: Case, result: RunResult) -> Witness | None:
                ts = _team_states(result).get("E2")
                if ts is None or not ts.floor or not ts.amount:
                    return None
                a = ts.amount
                return s.witness(case, f"{case.pt}: {w.the_team(cat)} recebe {w.money(a)} pelo piso ({v.cite(node)}), "
                                       f"{because_pt}",
                                 f"{case.en}: {w.the_team(cat)} gets {w.money(a)} from the floor ({v.cite(node)}), "
                                 f"{because_en}", a, result)
            return s.first([s.pair(best, cat)], floor)
        if kind == "excluded_redirect" and isinstance(node, m.Redirect):
            def redirect(s: VersionSearch, case: Case, result: RunResult) -> Witness | None:
                ts = _team_states(result).get("E2")
                if ts is None or not ts.failed or not ts.amount:
                    return None
                a = ts.amount
                return s.witness(case, f"{case.pt}: {w.the_team(cat)} recebe {w.money(a)} redirecionados pelo "
                                       f"{v.cite(node)}, {because_pt}",
                                 f"{case.en}: {w.the_team(cat)} gets {w.money(a)} redirected by {v.cite(node)}, "
                                 f"{because_en}", a, result)
            givers = [c for c in node.from_categories if c != cat and c in s.categories]
            return s.first((s.pair(g, cat) for g in givers), redirect)
        if kind == "excluded_value" and isinstance(node, m.CategoryValue):
            alloc = v.by_category()
            if alloc is None:
                raise Unsearchable
            share = alloc.provision.mode == "category_share"
            alloc_cite = alloc.cite  # (bound here: `alloc` is assigned again below, so the closure cannot narrow it)
            shown_pt = f"da parcela {v.p.pct(node.value)}" if share else f"do peso {v.p.num(node.value)}"
            shown_en = f"the share {v.p.pct(node.value)}" if share else f"the weight {v.p.num(node.value)}"
            paid = [x.category for x in alloc.provision.values if x.value > 0 and x.category not in
                    excluded_categories(v) and x.category != cat]

            def value(s: VersionSearch, case: Case, result: RunResult) -> Witness | None:
                teams = _team_states(result)
                ts, other = teams.get("E2"), teams.get("E1")
                if ts is None or other is None or ts.amount or not other.amount:
                    return None
                lines = _ledger_of(result, "failed_teams")
                head_pt = f"{case.pt}: {w.the_team(cat)} nada recebe, apesar {shown_pt} no {alloc_cite}, porque " \
                          f"'{said(ex.provision)}' ({ex.cite})"
                head_en = f"{case.en}: {w.the_team(cat)} gets nothing despite {shown_en} in {alloc_cite}, because " \
                          f"of '{said(ex.provision)}' ({ex.cite})"
                if lines:
                    dest, lost = lines[0][0], sum(a for _, a in lines)
                    return s.witness(case, f"{head_pt}; {w.money(lost)} {_destination(s, dest)}",
                                     f"{head_en}; {w.money(lost)} {_destination(s, dest)}", lost, result)
                a = other.amount
                return s.witness(case, f"{head_pt}; {w.the_team(case.teams[0].category)} recebe {w.money(a)}",
                                 f"{head_en}; {w.the_team(case.teams[0].category)} gets {w.money(a)}", a, result)
            return s.first((s.pair(p, cat) for p in paid), value)
        raise Unsearchable
    if kind == "two_floors" and isinstance(node, m.TeamFloor):
        cats = [c for c in f.key[2] if c in s.categories]
        floor_cats = v.floor_categories()
        other = next((c for c in s.categories if c not in floor_cats and c not in cats), None)

        def wanted(p: m.TeamFloor, cat: str) -> int:
            if p.percent_of_transfer is not None:
                return int(Fraction(transfer_of(cat, s.scale) * n) * percent(p.percent_of_transfer))
            return (p.amount or 0) * (n if p.per_month else 1)

        def floors(s: VersionSearch, case: Case, result: RunResult) -> Witness | None:
            tid = f"E{len(case.teams)}"
            cat = case.teams[-1].category
            ts = _team_states(result).get(tid)
            found = floors_of(v, cat)
            if ts is None or not ts.floor or len(found) < 2:
                return None
            first = found[0]
            a, promised = ts.amount, wanted(node, cat)
            if first.provision is node or a == promised:
                return None
            return s.witness(case, f"{case.pt}: {w.the_team(cat)} recebe {w.money(a)} por '{said(first.provision)}' "
                                   f"({first.cite}); '{said(node)}' ({v.cite(node)}) lhe daria {w.money(promised)}",
                             f"{case.en}: {w.the_team(cat)} gets {w.money(a)} by '{said(first.provision)}' "
                             f"({first.cite}); '{said(node)}' ({v.cite(node)}) would give it {w.money(promised)}",
                             abs(promised - a), result)
        cases = _chain((s.pair(other, c) for c in cats if other is not None),
                       (s.one_team(c, s.people()) for c in cats))
        return s.first(cases, floors)
    if kind == "disqualified_value" and isinstance(node, m.CategoryValue):
        disq, alloc = v.last(m.Disqualified), v.by_category()
        target = disq.provision.category if disq else None
        if disq is None or alloc is None or target not in s.categories:
            raise Unsearchable
        values = {x.category: x.value for x in alloc.provision.values}

        def mapped(s: VersionSearch, case: Case, result: RunResult) -> Witness | None:
            teams = _team_states(result)
            d = teams.get(f"E{len(case.teams)}")
            t = teams.get(f"E{case.teams.index(next(x for x in case.teams if x.category == target)) + 1}")
            if d is None or t is None or d.amount != t.amount:
                return None
            a = d.amount
            own, theirs = v.p.num(node.value), v.p.num(values.get(target, Decimal(0)))
            return s.witness(case, f"{case.pt}: {w.the_team(vocab.DISQUALIFIED)} recebe {w.money(a)}, o mesmo que "
                                   f"{w.the_team(target)} (valor {theirs}), e não pelo seu valor {own} "
                                   f"({alloc.cite}), porque '{v.p.provision(disq.provision)}' ({disq.cite})",
                             f"{case.en}: {w.the_team(vocab.DISQUALIFIED)} gets {w.money(a)}, the same as "
                             f"{w.the_team(target)} (value {theirs}), not by its own value {own} ({alloc.cite}), "
                             f"because of '{v.p.provision(disq.provision)}' ({disq.cite})", a, result)
        cats = [best, vocab.DISQUALIFIED] if target == best else [best, target, vocab.DISQUALIFIED]
        return s.first([s.several(cats)], mapped)
    if kind == "not_eligible" and isinstance(node, (m.Earmark, m.FixedAmount)):
        outside = set(f.key[2])
        eligible = v.last(m.Eligible)

        def outsider(s: VersionSearch, case: Case, result: RunResult) -> Witness | None:
            paid = [p for p in result.books[0].payments if p.team_id is not None and p.status == "paid" and p.amount
                    and s.view.cadre_key(p.cadre) in outside]
            if not paid or eligible is None:
                return None
            p = paid[0]
            who = w.cadre(s.view.cadre_key(p.cadre))
            return s.witness(case, f"{case.pt}: o {who} recebe {w.money(p.amount)} pelo {v.cite(node)}, embora não "
                                   f"esteja entre os elegíveis ({eligible.cite})",
                             f"{case.en}: the {who} gets {w.money(p.amount)} by {v.cite(node)}, though not eligible "
                             f"({eligible.cite})", p.amount, result)
        return s.first(s.defaults(), outsider)
    if kind in ("cap_floor", "cap_fixed"):
        cap = v.last(m.PersonCap)
        if cap is None:
            raise Unsearchable
        limit = cap.provision.amount
        if kind == "cap_floor" and isinstance(node, m.PersonFloor):
            def capped_floor(s: VersionSearch, case: Case, result: RunResult) -> Witness | None:
                hit = [p for p in result.books[0].payments if p.status == "paid" and p.amount == limit < node.amount]
                if not hit:
                    return None
                p = hit[0]
                who = w.cadre(s.view.cadre_key(p.cadre))
                return s.witness(case, f"{case.pt}: o {who} recebe {w.money(limit)}, menos que o piso de "
                                       f"{w.money(node.amount)} ({v.cite(node)}): o teto ({cap.cite}) o corta",
                                 f"{case.en}: the {who} gets {w.money(limit)}, less than the floor of "
                                 f"{w.money(node.amount)} ({v.cite(node)}): the cap ({cap.cite}) cuts it",
                                 node.amount - limit, result)
            return s.first(_chain(s.defaults(), s.solo()), capped_floor)
        if kind == "cap_fixed" and isinstance(node, m.FixedAmount):
            each = node.amount * (n if node.per_month else 1)
            cadres = set(s._expand(node.recipients))

            def capped_fixed(s: VersionSearch, case: Case, result: RunResult) -> Witness | None:
                hit = [p for p in result.books[0].payments if p.status == "paid" and s.view.cadre_key(p.cadre) in cadres
                       and p.nominal >= each > p.amount == limit]
                if not hit:
                    return None
                p = hit[0]
                who = w.cadre(s.view.cadre_key(p.cadre))
                return s.witness(case, f"{case.pt}: o {who} recebe {w.money(limit)} dos {w.money(each)} fixados "
                                       f"({v.cite(node)}): o teto ({cap.cite}) corta {w.money(each - limit)}",
                                 f"{case.en}: the {who} gets {w.money(limit)} of the {w.money(each)} fixed "
                                 f"({v.cite(node)}): the cap ({cap.cite}) cuts {w.money(each - limit)}",
                                 each - limit, result)
            return s.first(_chain(s.defaults(), s.pairs()), capped_fixed)
    raise Unsearchable


PROBES: dict[str, Callable[[VersionSearch, Finding, object], Witness | None]] = {
    "M001": _m001, "M002": _m002, "M003": _m003, "M004": _m004, "M005": _m005, "M006": _m006, "M007": _m007,
    "M008": _m008, "C001": _c001, "S001": _s001, "A003": _a003,
}


def _chain(*parts: Iterable[Case]) -> Iterator[Case]:
    for p in parts:
        yield from p


# ---- attaching witnesses to findings ------------------------------------------------------------------------
def _provision_in(v: VersionFacts, node) -> object:
    """The finding's provision as it stands in this version (same object, or same place in the file)."""
    if node is None:
        return None
    pos = getattr(node, "pos", None)
    for c in v.view.cited:
        if c.provision is node:
            return node
    if pos is None:
        return node
    for c in v.view.cited:
        p = c.provision
        if getattr(p, "pos", None) == pos:
            return p
        for sub in (getattr(p, "shares", None) or getattr(p, "values", None) or []):
            if getattr(sub, "pos", None) == pos and type(sub) is type(node):
                return sub
    return node


def find(f: Finding, facts: LawFacts, searches: dict[str, VersionSearch] | None = None) -> tuple[Witness | None, bool]:
    """The witness of a finding (None if none), and whether the search could run at all."""
    probe = PROBES.get(f.code)
    if probe is None:
        return None, False
    searches = {} if searches is None else searches
    by_name = {v.name: v for v in facts.versions}
    ran = False
    for name, _ in f.versions:
        v = by_name.get(name)
        if v is None:
            continue
        s = searches.get(name)
        if s is None:
            s = searches[name] = VersionSearch(v)
        try:
            found = probe(s, f, _provision_in(v, f.node))
        except (CannotApply, Unsearchable):
            continue  # the engine cannot apply this version, or the provision is not in it: nothing searched
        ran = True
        if found is not None:
            return found, True
    return None, ran


def attach(findings: list[Finding], facts: LawFacts) -> list[Finding]:
    """Give every money finding its witness; drop those whose search finds nothing.

    A finding in a version the engine cannot apply at all (shares over 100%, M001) keeps no witness
    and is not dropped: no case could be run, so the search proves nothing.
    """
    searches: dict[str, VersionSearch] = {}
    out = []
    for f in findings:
        if f.code not in PROBES:
            out.append(f)
            continue
        w, ran = find(f, facts, searches)
        if w is not None:
            prefix = ""
            if len(f.versions) > 1:
                prefix = facts.t(f"na versão '{w.version}', ", f"in version '{w.version}', ")
            f.witness = prefix + w.text
            out.append(f)
        elif not ran:
            out.append(f)
    return out
