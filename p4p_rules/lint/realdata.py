"""`check LAW --data DIR` / `--roster FILE`: what each loophole does on a municipality's own data.

With `--data DIR` the engine runs the whole law on the folder (as `p4p-rules run` does) and each
finding gets, per payment period of the versions it is about, how much money the loophole actually
moved: money left `undistributed` from the finding's source, kept by a share with no stated use,
fixed amounts or floors paid short, the per-head spread between teams of the same category, money
paid to people who were not in the team at its evaluation, and — for the concentration rule — the
share of the money reaching the top 10% of people.

With `--roster FILE` alone there are no transfers or scores: every team of the roster is given one
payment period of transfers at R$ 8.500,00 per month (the 2013 federal full value), all rated the
best category of the scale, evaluated on the 15th two months before the period.  The period is the
first full period of the law's frequency that starts after the roster's latest hiring date.

With either, C004 reports the roster's cadres that the law does not cover.  The figures are added
to the finding's `witness` text (one more line), so every output format shows them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import pandas as pd

from p4p_rules.data import DataError, load_dataset
from p4p_rules.data.checks import overlapping_postings
from p4p_rules.data.dataset import Dataset
from p4p_rules.data.problems import Report
from p4p_rules.data.read import read_cells
from p4p_rules.data.schema import ROSTER, Input
from p4p_rules.data.tables import Cells, parse_roster
from p4p_rules.data.words import cadre_words, cbo_cadres
from p4p_rules.engine.books import UNDISTRIBUTED, Books
from p4p_rules.engine.period import LawCannotBeApplied
from p4p_rules.engine.run import RunResult, run
from p4p_rules.engine.schedule import add_months
from p4p_rules.lint.facts import LawFacts, VersionFacts
from p4p_rules.lint.finding import Finding
from p4p_rules.lint.witness import FULL_VALUE, calendar_for, score_of
from p4p_rules.load import CompiledLaw
from p4p_rules.model import law as m
from p4p_rules.model import vocabulary as vocab

FOREVER = dt.date(9999, 12, 31)


@dataclass
class RealData:
    """A municipality's data for one law, and the engine's run over it (computed once)."""

    compiled: CompiledLaw
    dataset: Dataset
    label: str
    synthetic: bool = False                 # roster only: transfers and scores were made up
    _result: RunResult | None = field(default=None, repr=False)
    error: str | None = None                # the engine could not apply the law

    @property
    def result(self) -> RunResult | None:
        if self._result is None and self.error is None:
            try:
                self._result = run(self.compiled, self.dataset)
            except LawCannotBeApplied as e:
                self.error = str(e)
            except (ValueError, ArithmeticError) as e:  # the engine fails on this law: no figures
                self.error = f"{type(e).__name__}: {e}"
        return self._result


# ---- loading ------------------------------------------------------------------------------------------
def _law_names(compiled: CompiledLaw) -> tuple[list[str], list[str], dict[str, str]]:
    from p4p_rules.batch import law_names  # (batch imports the output writers: load it only when needed)
    return law_names(compiled)


def load(compiled: CompiledLaw, data: Path | None, roster: Path | None) -> RealData:
    """The data for a law: a folder (--data), or a roster file alone (--roster). Raises DataError."""
    cadres, categories, cbo = _law_names(compiled)
    lang = compiled.law.language
    if data is not None:
        dataset = load_dataset(Path(data), extra_cadres=cadres, language=lang, extra_categories=categories,
                               extra_cbo=cbo)
        if roster is not None:  # a roster file given as well replaces the folder's roster
            dataset = Dataset(read_roster(Path(roster), cadres, cbo, lang), dataset.scores, dataset.transfers,
                              dataset.absences, dataset.sources)
        return RealData(compiled, dataset, str(data))
    assert roster is not None
    table = read_roster(Path(roster), cadres, cbo, lang)
    return RealData(compiled, synthetic_dataset(compiled, table), str(roster), synthetic=True)


def _typed(frame: pd.DataFrame, spec: Input) -> pd.DataFrame:
    out = frame[list(spec.dtypes)].astype(spec.dtypes).reset_index(drop=True)
    for name, dtype in spec.dtypes.items():
        if dtype == "object":
            out[name] = out[name].where(out[name].notna(), None)
    return out


def read_roster(path: Path, cadres: Iterable[str], cbo: dict[str, str], language: str) -> pd.DataFrame:
    """One roster file (CSV, XLSX or Parquet), read and checked as `run` reads it."""
    report = Report(str(path), language)
    if not path.is_file():
        report.add(None, None, "D100", name=str(path))
        raise DataError(report.problems, language)
    cells = read_cells(path, report)
    if cells is None:
        raise DataError(report.problems, language)
    frame = parse_roster(Cells(cells, ROSTER, report), cadre_words(cadres), cbo_cadres(cbo), cbo)
    overlapping_postings(frame, report)
    if report.problems:
        raise DataError(report.problems, language)
    return _typed(frame, ROSTER)


def synthetic_dataset(compiled: CompiledLaw, roster: pd.DataFrame) -> Dataset:
    """Transfers and scores for one period, for a roster given alone (see the module's doc)."""
    starts = [d.date() for d in roster["start_date"] if not pd.isna(d)]
    after = max(starts) if starts else dt.date(2014, 1, 1)
    text = compiled.at(after) or compiled.texts[-1]
    from p4p_rules.engine.view import LawView
    view = LawView.of(text)
    cal = calendar_for(view)
    n = len(cal.months)
    # the first month after `after` that starts a period of the version's frequency
    first = add_months(after.replace(day=1), 1)
    while (first.month - cal.months[0].month) % (12 if n == 12 else n):
        first = add_months(first, 1)
    months = [add_months(first, i) for i in range(n)]
    scale = view.scale() or list(vocab.FOUR_LEVEL)
    best = scale[0]
    evaluation = add_months(months[0], -2).replace(day=15)
    teams = sorted({str(t) for t in roster["team_id"]
                    if t is not None and not (isinstance(t, float) and math.isnan(t))})
    scores = pd.DataFrame({
        "team_id": pd.Series(teams, dtype=object), "cycle": pd.Series([3] * len(teams), dtype="int64"),
        "evaluation_date": pd.Series([pd.Timestamp(evaluation)] * len(teams), dtype="datetime64[ns]"),
        "score": pd.Series([score_of(best, scale)] * len(teams), dtype="float64"),
        "category": pd.Series([best] * len(teams), dtype=object),
        "row": pd.Series(range(2, len(teams) + 2), dtype="int64")})
    rows = [(pd.Timestamp(mo), t) for mo in months for t in teams]
    transfers = pd.DataFrame({
        "month": pd.Series([r[0] for r in rows], dtype="datetime64[ns]"),
        "team_id": pd.Series([r[1] for r in rows], dtype=object),
        "amount": pd.Series([FULL_VALUE] * len(rows), dtype="int64"),
        "row": pd.Series(range(2, len(rows) + 2), dtype="int64")})
    absences = pd.DataFrame({"staff_id": pd.Series([], dtype=object),
                             "start_date": pd.Series([], dtype="datetime64[ns]"),
                             "end_date": pd.Series([], dtype="datetime64[ns]"), "kind": pd.Series([], dtype=object),
                             "row": pd.Series([], dtype="int64")})
    return Dataset(roster, scores, transfers, absences)


# ---- C004: roster cadres the law does not cover ------------------------------------------------------------
def _date(v) -> dt.date | None:
    return None if v is None or pd.isna(v) else pd.Timestamp(v).date()


def _covered(v: VersionFacts) -> tuple[Callable[[str], bool], set[str]]:
    """Whether a cadre in a team can be paid under the version, and the cadres a paid share reaches."""
    view = v.view
    eligible = v.last(m.Eligible)
    weights = v.last(m.DivideByWeight)
    targeted: set[str] = set()
    for c in v.all(m.Earmark):
        targeted |= view.expand([c.provision.target])
    for c in v.all(m.FixedAmount):
        targeted |= view.expand(c.provision.recipients)
    listed = view.expand(eligible.provision.members) if eligible else None
    weight: dict[str, float] = {}
    if weights:
        for w in weights.provision.weights:
            for k in view.expand([w.name]):
                weight.setdefault(k, float(w.value))
    shares: set[str] = set()
    for c, frac in v.pay_shares():
        if frac > 0:
            shares |= view.expand(c.provision.recipients)

    def in_team(key: str) -> bool:
        if key in targeted or key in shares:
            return True
        if not v.pays_teams:
            return False
        if listed is not None and key not in listed:
            return False
        return not weights or weight.get(key, 0) > 0
    return in_team, shares


def cadre_findings(facts: LawFacts, real: RealData, rule) -> list[Finding]:
    """C004: for each version, the roster's cadres (of people posted while it is in force) it does not cover."""
    roster = real.dataset.roster
    people = list(zip(roster["staff_id"], roster["team_id"], roster["cadre"], roster["start_date"], roster["end_date"],
                      strict=True))
    out: list[Finding] = []
    for v in facts.versions:
        if not v.pays_staff:
            continue
        in_team, shares = _covered(v)
        since, until = v.effective, v.text.until or FOREVER
        missing: dict[str, dict[str, set[str]]] = defaultdict(lambda: {"team": set(), "out": set()})
        for staff, team, cadre, start, end in people:
            a, b = _date(start) or dt.date.min, _date(end) or FOREVER
            if a > until or b < since:
                continue
            key = v.view.cadre_key(str(cadre))
            has_team = team is not None and not (isinstance(team, float) and math.isnan(team))
            if has_team and not in_team(key):
                missing[key]["team"].add(str(staff))
            elif not has_team and key not in shares:
                missing[key]["out"].add(str(staff))
        if not missing:
            continue
        at = v.last(m.Eligible) or v.last(m.DivideByWeight) or v.top_split
        node = at.provision if at else v.node
        where_pt = at.cite if at else "a lei"
        where_en = at.cite if at else "the law"
        parts_pt, parts_en = [], []
        total = 0
        for key in sorted(missing, key=lambda k: v.cadre(k)):
            team_n, out_n = len(missing[key]["team"]), len(missing[key]["out"])
            total += team_n + out_n
            name = v.cadre(key)
            bits_pt = [f"{team_n} em equipe" if team_n else "", f"{out_n} fora de equipe" if out_n else ""]
            bits_en = [f"{team_n} in a team" if team_n else "", f"{out_n} outside teams" if out_n else ""]
            parts_pt.append(f"{name} ({', '.join(b for b in bits_pt if b)})")
            parts_en.append(f"{name} ({', '.join(b for b in bits_en if b)})")
        names = ", ".join(v.cadre(k) for k in sorted(missing, key=lambda k: v.cadre(k)))
        out.append(v.finding(
            rule, node,
            f"o cadastro ({real.label}) tem {total} pessoa(s) de cargos que a lei não cobre ({where_pt}): "
            f"{'; '.join(parts_pt)}; essas pessoas nada recebem, e a lei não diz se é essa a intenção",
            f"the roster ({real.label}) has {total} people of cadres the law does not cover ({where_en}): "
            f"{'; '.join(parts_en)}; they get nothing, and the law does not say whether that is meant",
            f"inclua {names} entre os elegíveis (ou dê-lhes peso ou parcela), ou registre a exclusão com "
            f"'# p4p: ignore[{rule.code}] motivo'",
            f"add {names} to the eligible cadres (or give them a weight or a share), or record the exclusion with "
            f"'# p4p: ignore[{rule.code}] reason'",
            key=(rule.code, getattr(node, "pos", None), tuple(sorted(missing)))))
    return out


# ---- how much each finding moves, per period -----------------------------------------------------------------
def _books(result: RunResult, versions: set[str]) -> list[Books]:
    return [b for b in result.books if b.version in versions]


def _sum_ledger(b: Books, match: Callable[[str, str], bool]) -> int:
    return sum(line.amount for line in b.ledger if match(line.destination, line.source))


def _undistributed(source_match: Callable[[str], bool]):
    return lambda b: _sum_ledger(b, lambda d, s: d == UNDISTRIBUTED and source_match(s))


def _node_in(v: VersionFacts, node) -> object:
    from p4p_rules.lint.witness import _provision_in
    return _provision_in(v, node)


def _months(b: Books, team: str | None = None) -> int:
    """The months a 'per month' amount counts in a period, as the engine counts them (docs/engine.md §4, §6):
    the months with transfers (of the team, for a team floor), or the period's months."""
    per_team = getattr(b.period, "team_months", None)
    if team is not None and per_team and per_team.get(team):
        return len(per_team[team])
    money = getattr(b.period, "money_months", None)
    return len(money) if money else len(b.period.months)


def _measure(f: Finding, v: VersionFacts, real: RealData):
    """A function of a period's books giving the money the finding moves there (None: nothing to measure)."""
    node = _node_in(v, f.node)
    if f.code == "M002" and isinstance(node, m.Split):
        parent = vocab.normalize(node.parent)
        return _undistributed(lambda s: s.startswith("unassigned part of ")
                              and vocab.normalize(s[len("unassigned part of "):]) == parent)
    if f.code == "M003" and len(f.key) > 1:
        source = f.key[1]
        return _undistributed(lambda s: s == source)
    if f.code == "C001":
        return _undistributed(lambda s: s == "earmark")
    if f.code == "M004":
        share = node.node if isinstance(node, m.Share) else None
        if share is None and v.top_split is not None:
            share = next((sh.node for sh in v.top_split.provision.shares if f"'{sh.node}'" in f.message), None)
        if share is None:
            return None
        key = vocab.normalize(share)
        return lambda b: _sum_ledger(b, lambda d, s: vocab.normalize(d) == key)
    if f.code == "M008":
        return lambda b: b.pool - sum(p.amount for p in b.payments)
    if f.code == "M005" and isinstance(node, m.FixedAmount):
        cadres = v.view.expand(node.recipients)

        def short(b: Books) -> int:
            each = node.amount * (_months(b) if node.per_month else 1)
            return sum(each - p.nominal for p in b.payments
                       if p.team_id is not None and v.view.cadre_key(p.cadre) in cadres and p.nominal < each)
        return short
    if f.code == "M005" and isinstance(node, m.TeamFloor) and node.amount is not None:
        cats = set(node.categories)
        floor, per_month = node.amount, node.per_month

        def floor_short(b: Books) -> int:
            return sum(max(0, floor * (_months(b, tid) if per_month else 1) - ts.amount)
                       for tid, ts in b.teams.items()
                       if ts.floor and (ts.category in cats or (ts.score and ts.score.category in cats)))
        return floor_short
    if f.code == "M005" and isinstance(node, m.PersonFloor):
        return lambda b: sum(node.amount - p.amount for p in b.payments
                             if p.team_id is not None and p.status == "paid" and p.amount < node.amount)
    if f.code == "M007" and len(f.key) > 1:
        alloc = v.by_category()
        if alloc is None:
            return None
        listed = {cv.category for cv in alloc.provision.values}
        if f.key[1] == "scale":
            missing = {c for c in v.scale if c not in listed and c not in v.floor_categories()}
        else:
            missing = {vocab.DISQUALIFIED}

        def unpaid(b: Books) -> int:  # the transfers of the teams of those categories, which got nothing
            return sum(ts.transfer for ts in b.teams.values()
                       if ts.score and ts.score.category in missing and not ts.amount)
        return unpaid
    if f.code == "T002":
        return _not_evaluated(real)
    if f.code == "A003" and len(f.key) > 2:
        return _overlap(f.key[1], f.key[2], node, v)
    return None


def _overlap(kind: str, detail, node, v: VersionFacts):
    """A003: the money the provision the engine follows moves (paid to excluded teams or to cadres outside the
    eligible list; cut from a floor or a fixed amount by the cap).  None for the kinds it cannot tell."""
    if kind in ("excluded_floor", "excluded_redirect"):
        cat = detail

        def paid_excluded(b: Books) -> int:
            return sum(ts.amount for ts in b.teams.values()
                       if cat in (ts.category, ts.score.category if ts.score else None)
                       and (ts.floor if kind == "excluded_floor" else ts.failed))
        return paid_excluded
    if kind == "not_eligible":
        outside = set(detail)
        return lambda b: sum(p.amount for p in b.payments
                             if p.status == "paid" and v.view.cadre_key(p.cadre) in outside)
    cap = v.last(m.PersonCap)
    if cap is None:
        return None
    limit = cap.provision.amount
    if kind == "cap_floor" and isinstance(node, m.PersonFloor):
        return lambda b: sum(node.amount - p.amount for p in b.payments
                             if p.status == "paid" and p.amount == limit < node.amount)
    if kind == "cap_fixed" and isinstance(node, m.FixedAmount):
        cadres = v.view.expand(node.recipients)

        def cut(b: Books) -> int:
            each = node.amount * (_months(b) if node.per_month else 1)
            return sum(min(each, p.nominal) - p.amount for p in b.payments
                       if p.status == "paid" and v.view.cadre_key(p.cadre) in cadres and p.amount == limit < each)
        return cut
    return None


def _not_evaluated(real: RealData):
    """Money paid to people who were not in the team on the day of its evaluation."""
    postings: dict[tuple[str, str], list[tuple[dt.date, dt.date]]] = defaultdict(list)
    r = real.dataset.roster
    for staff, team, start, end in zip(r["staff_id"], r["team_id"], r["start_date"], r["end_date"], strict=True):
        if team is not None and not (isinstance(team, float) and math.isnan(team)):
            postings[(str(staff), str(team))].append((_date(start) or dt.date.min, _date(end) or FOREVER))

    def paid(b: Books) -> int:
        total = 0
        for p in b.payments:
            if not p.team_id:
                continue
            ts = b.teams.get(p.team_id)
            when = ts.score.evaluation_date if ts is not None and ts.score else None
            if when is None or not p.amount:
                continue
            if not any(a <= when <= z for a, z in postings.get((p.staff_id, p.team_id), [])):
                total += p.amount
        return total
    return paid


def _spread(v: VersionFacts):
    """S001: per category, the lowest and highest amount per person among teams of that category."""
    def spread(b: Books) -> tuple[str, int, int, int] | None:
        per_team: dict[str, list[int]] = defaultdict(list)
        cat_of: dict[str, str] = {}
        for p in b.payments:
            if p.team_id is not None and p.status == "paid":
                per_team[p.team_id].append(p.amount)
                cat_of[p.team_id] = p.category or ""
        by_cat: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for t, amounts in per_team.items():
            by_cat[cat_of[t]].append((sum(amounts) // len(amounts), len(amounts)))
        best = None
        for cat, heads in by_cat.items():
            if len(heads) < 2:
                continue
            lo, hi = min(heads), max(heads)
            if hi[0] > lo[0] and (best is None or hi[0] - lo[0] > best[2] - best[1]):
                best = (cat, lo[0], hi[0], hi[0] - lo[0])
        return best
    return spread


def _top_share(b: Books) -> tuple[int, int, float] | None:
    """T004: the share of the period's payments reaching the top 10% of the people paid."""
    amounts = sorted((p.amount for p in b.payments if p.amount > 0), reverse=True)
    if not amounts:
        return None
    k = max(1, math.ceil(len(amounts) / 10))
    return k, len(amounts), sum(amounts[:k]) / sum(amounts)


def annotate(findings: list[Finding], facts: LawFacts, real: RealData) -> None:
    """Add to each finding a line with what its loophole did on the data, period by period."""
    lang = facts.lang
    t = facts.t
    result = real.result
    label = real.label
    head = t(f"nos dados de {label}", f"in the data of {label}") + (
        t(" (um período de repasses simulado para as equipes do cadastro)",
          " (one simulated period of transfers for the roster's teams)") if real.synthetic else "")
    by_name = {v.name: v for v in facts.versions}
    for f in findings:
        if f.code.startswith("L") or f.code == "C004":
            continue
        names = {n for n, _ in f.versions}
        v = next((by_name[n] for n, _ in f.versions if n in by_name), None)
        if v is None:
            continue
        if result is None:
            if real.error and f.code in ("M001",):
                _add(f, f"{head}: " + t(f"o motor não aplica a lei ({real.error})",
                                        f"the engine cannot apply the law ({real.error})"))
            continue
        books = _books(result, names)
        if not books:
            continue
        text = None
        if f.code == "S001":
            spread = _spread(v)
            items = []
            for b in books:
                s = spread(b)
                if s:
                    cat, lo, hi, _ = s
                    items.append((b.period.label, f"{v.category(cat)}: {facts.printer.money(lo)}–"
                                                  f"{facts.printer.money(hi)}" + t(" por pessoa", " per person")))
            text = "; ".join(_runs(items, lang, False)) if items else t(
                f"nenhuma diferença por pessoa entre equipes da mesma categoria em {len(books)} período(s)",
                f"no difference per person between teams of the same category in {len(books)} period(s)")
        elif f.code == "T004":
            items = []
            for b in books:
                s = _top_share(b)
                if s:
                    k, n, share = s
                    pct = f"{share * 100:.1f}".replace(".", "," if lang == "pt" else ".")
                    items.append((b.period.label, t(f"{pct}% para {k} de {n} pessoas (10%)",
                                                    f"{pct}% to {k} of {n} people (10%)")))
            text = "; ".join(_runs(items, lang, False)) if items else None
        else:
            measure = _measure(f, v, real)
            if measure is None:
                continue
            per = [(b.period.label, int(measure(b))) for b in books]
            moved = [(lab, a) for lab, a in per if a]
            total = sum(a for _, a in moved)
            money = facts.printer.money
            if moved:
                text = "; ".join(_runs([(lab, money(a)) for lab, a in moved], lang, True)) + "; " + t(
                    f"total {money(total)} em {len(moved)} de {len(per)} período(s)",
                    f"total {money(total)} in {len(moved)} of {len(per)} period(s)")
            else:
                text = t(f"{money(0)} em {len(per)} período(s)", f"{money(0)} in {len(per)} period(s)")
        if text:
            _add(f, f"{head}: {text}")


def _runs(items: list[tuple[str, str]], lang: str, money: bool) -> list[str]:
    """Period by period, with consecutive periods that say the same merged: '2014-01..2014-06 (2 períodos)
    R$ 5,00 cada' (for money) or '… (2 períodos, em cada um) …'."""
    out: list[tuple[str, str, int, str]] = []
    for label, text in items:
        if out and out[-1][3] == text:
            first, _, n, _ = out[-1]
            out[-1] = (first, label, n + 1, text)
        else:
            out.append((label, label, 1, text))
    lines = []
    for first, last, n, text in out:
        if n == 1:
            lines.append(f"{first} {text}")
            continue
        span = f"{first.split('..')[0]}..{last.split('..')[-1]}"
        if money:
            lines.append(f"{span} ({n} {'períodos' if lang == 'pt' else 'periods'}) {text} "
                         f"{'cada' if lang == 'pt' else 'each'}")
        else:
            lines.append(f"{span} ({n} {'períodos, em cada um' if lang == 'pt' else 'periods, in each'}) {text}")
    return lines


def _add(f: Finding, line: str) -> None:
    f.witness = f"{f.witness}\n  {line}" if f.witness else line
