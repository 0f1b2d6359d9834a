"""A person's eligibility and pro-rata factor for one payment period (step 5 of the semantics)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from mypy_extensions import mypyc_attr

from p4p_rules.engine.schedule import Period, month_end
from p4p_rules.engine.view import LawView
from p4p_rules.model import law as m

FULL_TIME_HOURS = 40


# init=False with an __init__ of its own, __reduce__, acyclic: see "Compiled classes" in engine/native.py
@mypyc_attr(acyclic=True)
@dataclass(init=False)
class Posting:
    staff_id: str
    name: str
    team_id: str | None
    cadre: str
    start: dt.date
    end: dt.date | None
    signed: bool
    hours: int

    def __init__(self, staff_id: str, name: str, team_id: str | None, cadre: str, start: dt.date,
                 end: dt.date | None, signed: bool, hours: int) -> None:
        self.staff_id, self.name, self.team_id, self.cadre = staff_id, name, team_id, cadre
        self.start, self.end, self.signed, self.hours = start, end, signed, hours

    def __reduce__(self) -> tuple:
        return (Posting, (self.staff_id, self.name, self.team_id, self.cadre, self.start, self.end, self.signed,
                          self.hours))


@mypyc_attr(acyclic=True)
@dataclass(init=False)
class Absence:
    staff_id: str
    start: dt.date
    end: dt.date | None
    kind: str

    def __init__(self, staff_id: str, start: dt.date, end: dt.date | None, kind: str) -> None:
        self.staff_id, self.start, self.end, self.kind = staff_id, start, end, kind

    def __reduce__(self) -> tuple:
        return (Absence, (self.staff_id, self.start, self.end, self.kind))


@mypyc_attr(acyclic=True)
@dataclass(init=False)
class Standing:
    """Why a person is or is not paid in a period, and the fraction of a share they receive."""

    eligible: bool
    factor: Fraction | int           # exact; an int 1 or 0 when no pro-rata applies
    reasons: list[str]               # why not eligible (codes)
    cites: list[str]                 # articles applied

    def __init__(self, eligible: bool, factor: Fraction | int, reasons: list[str] | None = None,
                 cites: list[str] | None = None) -> None:
        self.eligible, self.factor = eligible, factor
        self.reasons = [] if reasons is None else reasons
        self.cites = [] if cites is None else cites

    def __reduce__(self) -> tuple:
        return (Standing, (self.eligible, self.factor, self.reasons, self.cites))


class Days:
    """A set of days kept as merged [first, last] ordinal intervals (periods are short; people few)."""

    def __init__(self, spans: list[tuple[int, int]] | None = None):
        merged: list[tuple[int, int]] = []
        if spans and len(spans) == 1:  # the usual case: one posting, one absence
            if spans[0][0] <= spans[0][1]:
                merged.append(spans[0])
            self.spans = merged
            return
        for a, b in sorted(s for s in (spans or []) if s[0] <= s[1]):
            if merged and a <= merged[-1][1] + 1:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        self.spans = merged

    def __or__(self, other: "Days") -> "Days":
        return Days(self.spans + other.spans)

    def __and__(self, other: "Days") -> "Days":
        out = []
        for a, b in self.spans:
            for c, d in other.spans:
                lo, hi = max(a, c), min(b, d)
                if lo <= hi:
                    out.append((lo, hi))
        return Days(out)

    def __sub__(self, other: "Days") -> "Days":
        out = list(self.spans)
        for c, d in other.spans:
            nxt = []
            for a, b in out:
                if d < a or c > b:
                    nxt.append((a, b))
                    continue
                if a < c:
                    nxt.append((a, c - 1))
                if d < b:
                    nxt.append((d + 1, b))
            out = nxt
        return Days(out)

    def __len__(self) -> int:
        return sum(b - a + 1 for a, b in self.spans)

    def __bool__(self) -> bool:
        return bool(self.spans)


def _days(start: dt.date, end: dt.date) -> Days:
    return Days([(start.toordinal(), end.toordinal())])


def _service_months(first_start: dt.date, at: dt.date) -> int:
    months = (at.year - first_start.year) * 12 + at.month - first_start.month
    return months - (1 if at.day < first_start.day else 0)


def standing(view: LawView, period: Period, postings: list[Posting], all_postings: list[Posting],
             absences: list[Absence], evaluation_date: dt.date | None, in_team: bool = True,
             team_postings: list[Posting] | None = None) -> Standing:
    """Evaluate the law's conditions for one person.

    `postings` are the person's postings that count here (in this team, or any for a share paid
    to a cadre), `all_postings` every posting of the person (for employment and service),
    `evaluation_date` the date of the external evaluation behind the team's category.  For a share
    paid to a cadre outside teams (`in_team=False`), the conditions about the team's evaluation
    do not apply: nobody outside a team was evaluated.
    """
    st = Standing(True, 1)  # an int 1 is exact, and cheaper than Fraction(1)
    # the evaluation conditions look at every posting in the team, not only those of the period
    at_evaluation = team_postings if team_postings is not None else postings
    first, last = period.start, period.end
    if len(postings) == 1:  # the usual case: one posting, a single interval
        p = postings[0]
        present = Days([(max(p.start, first).toordinal(), min(p.end or last, last).toordinal())])
    else:
        present = Days([(max(p.start, first).toordinal(), min(p.end or last, last).toordinal()) for p in postings])
    period_days = (last - first).days + 1

    # asked per person and period: read from the law once per version
    rules = view.memo("standing", _standing_rules, view)
    requires, leave_rules, waiting, lose, pro_rata = rules
    reasons, cites = st.reasons, st.cites
    for c in requires:
        cond = c.provision.condition
        if cond in ("posted_at_evaluation", "posted_in_evaluation_month") and not in_team:
            continue
        failed = None
        if cond == "posted_at_evaluation":
            if evaluation_date is None or not any(p.start <= evaluation_date <= (p.end or dt.date.max)
                                                  for p in at_evaluation):
                failed = "not_posted_at_evaluation"
        elif cond == "posted_in_evaluation_month":
            if evaluation_date is None:
                failed = "not_posted_in_evaluation_month"
            else:
                m_first = evaluation_date.replace(day=1)
                m_last = month_end(evaluation_date)
                if not any(p.start <= m_last and (p.end or dt.date.max) >= m_first for p in at_evaluation):
                    failed = "not_posted_in_evaluation_month"
        elif cond == "active_at_payment":
            if not _active_at_payment(period, all_postings):
                failed = "not_active_at_payment"
        elif cond == "signed_contract":
            if not all(p.signed for p in postings):
                failed = "contract_not_signed"
        elif cond == "minimum_service":
            if not _served(period, all_postings, c.provision.months or 0):
                failed = "insufficient_service"
        if failed:
            st.eligible = False
            reasons.append(failed)
            cites.append(c.cite)

    if absences or lose or not present:  # otherwise no leave or absence rule can bite
        present = _absences(st, leave_rules, waiting, lose, absences, present, first, last)
    _pro_rata(st, pro_rata, present, period_days, postings)
    if st.cites:
        st.cites = [c for c in dict.fromkeys(st.cites) if c]
    if not st.eligible:
        st.factor = 0
    return st


def _active_at_payment(period: Period, all_postings: list[Posting]) -> bool:
    return any(p.start <= period.payment_date <= (p.end or dt.date.max) for p in all_postings)


def _served(period: Period, all_postings: list[Posting], months: int) -> bool:
    return _service_months(min(p.start for p in all_postings), period.end) >= months


def period_conditions(view: LawView) -> list[tuple[bool, int]]:
    """The law's conditions whose outcome depends on the period, for `period_facts`: ('active at
    payment'?, months of service required) each."""
    return [(c.provision.condition == "active_at_payment", c.provision.months or 0) for c in view.all(m.Require)
            if c.provision.condition in ("active_at_payment", "minimum_service")]


def period_facts(conditions: list[tuple[bool, int]], period: Period, postings: list[Posting],
                 all_postings: list[Posting], absences: list[Absence]) -> tuple[bool, ...] | None:
    """All that a person's standing takes from the period, when that is little; else None.

    For a person with no absence at all and a posting that covers the whole period, `standing`
    reads the period only in the conditions 'active at payment' and 'minimum service'
    (`conditions`, from period_conditions): their outcomes, with the postings and the team's
    evaluation, decide the standing.  The engine uses this to evaluate such a person once for all
    the periods that give the same facts (most people, most periods) instead of once per period.
    """
    if absences:
        return None
    first, last = period.start, period.end
    for p in postings:
        if p.start <= first and (p.end is None or p.end >= last):
            break
    else:
        return None
    return tuple([_active_at_payment(period, all_postings) if active else _served(period, all_postings, months)
                  for active, months in conditions])


def _standing_rules(view: LawView) -> tuple:
    return (view.all(m.Require), view.all(m.ExcludeLeave), view.last(m.WaitingPeriod),
            view.last(m.LoseAfterAbsences), view.all(m.ProRata))


def _absences(st: Standing, leave_rules: list, waiting, lose, absences: list[Absence], present: Days,
              first: dt.date, last: dt.date) -> Days:
    """Leave and unjustified absences: the days still present, with `st` failed where they bite."""
    def fail(reason: str, cite: str) -> None:
        st.eligible = False
        st.reasons.append(reason)
        st.cites.append(cite)

    excluded_kinds: set[str] = set()
    leave_cite = None
    for c in leave_rules:
        excluded_kinds |= set(c.provision.leave_kinds)
        leave_cite = c.cite
    away = Days()
    for a in absences if excluded_kinds else ():
        if a.kind in excluded_kinds:
            end = a.end or last
            away |= _days(max(a.start, first), min(end, last))
            if waiting and a.end is not None:
                away |= _days(max(a.end + dt.timedelta(days=1), first),
                              min(a.end + dt.timedelta(days=waiting.provision.days), last))
    if away and away & present:
        st.cites.append(leave_cite or "")
        if waiting:
            st.cites.append(waiting.cite)
    if away:
        present -= away

    if lose:
        unjustified = 0
        for a in absences:
            if a.kind == "unjustified":
                unjustified += len(_days(max(a.start, first), min(a.end or a.start, last)))
        if unjustified >= lose.provision.absences:
            fail("unjustified_absences", lose.cite)

    if not present:
        fail("not_present_in_period" if not away else "on_leave", leave_cite or "")
    return present


def _pro_rata(st: Standing, pro_rata: list, present: Days, period_days: int, postings: list[Posting]) -> None:
    """The factor of the law's pro-rata rules: days present in the period, weekly hours."""
    for c in pro_rata:
        if c.provision.basis == "days":
            days = len(present)
            if days != period_days:
                st.factor *= Fraction(days, period_days)
        else:
            hours = max((p.hours for p in postings), default=FULL_TIME_HOURS)
            if hours < FULL_TIME_HOURS:
                st.factor *= Fraction(hours, FULL_TIME_HOURS)
        if st.factor < 1:
            st.cites.append(c.cite)
