"""`diff`: what an amendment changes — in the text, in the money, for whom, and because of which article.

`diff(request)` does everything `p4p-rules diff` does apart from printing:

1. chooses the two consolidated texts (`versions.choose`) and lists the articles that differ
   (`provisions.provision_diff`);
2. with data: runs the engine twice on the same data and months, once with each text forced for
   every period (`versions.forced`), and compares the payments (`impact.compare`);
3. attributes each person's change to the changed articles, one step per article
   (`attribution`), checking that the steps add up to the change to the centavo;
4. with `cycles=(a, b)`: one ordinary run of the law over the data, its periods split by payment
   date into the two cycles, the same people compared across the cycles (no attribution).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from p4p_rules.batch import law_names
from p4p_rules.data import DataError, load_dataset
from p4p_rules.diff.attribution import Step, plan, run_steps
from p4p_rules.diff.impact import Impact, Side, compare, pending_transfers, side_from_books
from p4p_rules.diff.provisions import ArticleChange, provision_diff
from p4p_rules.diff.versions import DiffError, choose, forced
from p4p_rules.engine.period import Inputs, LawCannotBeApplied
from p4p_rules.engine.run import RunResult, compute, inputs_from, run
from p4p_rules.load import CompiledLaw, compile_file
from p4p_rules.model import vocabulary as vocab
from p4p_rules.model.law import LawInForce
from p4p_rules.syntax.diagnostics import LawError


@dataclass
class DiffRequest:
    law: Path
    other: Path | None = None                 # a second law file: diff law → other
    from_version: str | None = None
    to_version: str | None = None
    data: Path | None = None
    start: dt.date | None = None              # first month (impact diff)
    end: dt.date | None = None                # last month
    cycles: tuple[int, int] | None = None     # compare the law across two cycles
    attribution: bool = True


@dataclass
class Attribution:
    steps: list[Step]
    sides: list[Side]             # state after each step (the last is the new side)
    table: pd.DataFrame           # per person: old, one column per step (delta), new, change

    @property
    def labels(self) -> list[str]:
        return [s.label for s in self.steps]


@dataclass
class DiffResult:
    language: str
    old_file: Path
    new_file: Path
    old: LawInForce
    new: LawInForce
    changes: list[ArticleChange]
    impact: Impact | None = None
    attribution: Attribution | None = None
    cycles: tuple[int, int] | None = None
    cycle_windows: list[tuple[dt.date, dt.date | None]] = field(default_factory=list)
    months: tuple[dt.date | None, dt.date | None] = (None, None)
    data_sources: dict[str, str] = field(default_factory=dict)  # input name -> the data file read (with --data)

    @property
    def rule_changes(self) -> list[ArticleChange]:
        return [c for c in self.changes if c.rules_changed]


def _compile(path: Path) -> CompiledLaw:
    try:
        return compile_file(path)
    except LawError as e:
        raise DiffError(e.render()) from None


def _dataset(directory: Path, laws: list[CompiledLaw], language: str):
    cadres: list[str] = []
    categories: list[str] = []
    cbo: dict[str, str] = {}
    for law in laws:
        c, k, b = law_names(law)
        cadres += c
        categories += k
        cbo.update(b)
    try:
        return load_dataset(directory, extra_cadres=cadres, language=language, extra_categories=categories,
                            extra_cbo=cbo)
    except DataError as e:
        raise DiffError(e.render()) from None


def run_forced(compiled: CompiledLaw, text: LawInForce, dataset, start: dt.date | None,
               end: dt.date | None, inputs: Inputs | None = None) -> RunResult:
    """The engine with `text` in force on every date (see versions.forced).

    Only the books (and pending months) are filled in: a diff reads its sides from the books, and
    building the payment tables it never reads cost a good part of a small municipality's run.
    `inputs`: the dataset already indexed for the engine (a diff indexes it once for all its runs)."""
    books, pending = compute(forced(compiled, text), dataset, start, end, inputs=inputs)
    return RunResult(_NO_ROWS, _NO_ROWS, _NO_ROWS, books, pending)


_NO_ROWS = pd.DataFrame()


def _side(label: str, result: RunResult, dataset) -> Side:
    return side_from_books(label, result.books, pending_transfers(dataset, result.pending_months))


def cycle_window(cycle: int) -> tuple[dt.date, dt.date | None]:
    """First and last day of a PMAQ cycle (the last known cycle has no end)."""
    if cycle not in vocab.CYCLE_START:
        known = ", ".join(str(c) for c in sorted(vocab.CYCLE_START))
        raise DiffError(f"unknown cycle {cycle} (cycles: {known})")
    start = dt.date(*vocab.CYCLE_START[cycle])
    nxt = vocab.CYCLE_START.get(cycle + 1)
    return start, (dt.date(*nxt) - dt.timedelta(days=1)) if nxt else None


def _in_window(day: dt.date, window: tuple[dt.date, dt.date | None]) -> bool:
    return window[0] <= day and (window[1] is None or day <= window[1])


def diff(req: DiffRequest, dataset=None) -> DiffResult:
    """The whole diff; `dataset` (already loaded from req.data) saves reading the files again."""
    if req.cycles is not None:
        return diff_cycles(req, dataset)
    old_law = _compile(req.law)
    new_law = _compile(req.other) if req.other else None
    old, new = choose(old_law, new_law, req.from_version, req.to_version, str(req.law),
                      str(req.other or req.law))
    language = (new_law or old_law).law.language
    changes = provision_diff(old, new)
    result = DiffResult(language, req.law, req.other or req.law, old, new, changes, months=(req.start, req.end))
    if req.data is None:
        return result
    if dataset is None:
        dataset = _dataset(req.data, [old_law] + ([new_law] if new_law else []), language)
    result.data_sources = dict(dataset.sources)
    new_compiled = new_law or old_law
    inputs = inputs_from(dataset)  # every run of the diff reads the same data

    def runner(compiled: CompiledLaw, text: LawInForce) -> RunResult:
        try:
            return run_forced(compiled, text, dataset, req.start, req.end, inputs)
        except LawCannotBeApplied as e:
            raise DiffError(f"{text.version}: {e}", exit_code=1) from None

    old_side = _side(old.version, runner(old_law, old), dataset)
    new_side = _side(new.version, runner(new_compiled, new), dataset)
    result.impact = compare(old_side, new_side)
    if req.attribution:
        result.attribution = attribute(new_compiled, old, new, changes, dataset, req.start, req.end,
                                       old_side, new_side, inputs)
    return result


def attribute(compiled: CompiledLaw, old: LawInForce, new: LawInForce, changes: list[ArticleChange], dataset,
              start: dt.date | None, end: dt.date | None, old_side: Side, new_side: Side,
              inputs: Inputs | None = None) -> Attribution:
    rule_changes = [c for c in changes if c.rules_changed]
    steps = plan(old, new, changes)
    inputs = inputs or inputs_from(dataset)
    done = run_steps(steps, lambda text: run_forced(compiled, text, dataset, start, end, inputs),
                     lambda e: isinstance(e, LawCannotBeApplied), old, new, rule_changes)
    steps = [s for s, _ in done]
    sides = [_side(s.label, r, dataset) if r is not None else new_side for s, r in done]
    for step, side in zip(steps, sides, strict=True):
        step.totals = _staff_totals(side)
        step.money = {"to_staff": side.to_staff, "to_destinations": sum(side.destinations.values()),
                      "undistributed": side.undistributed, "carried_beyond": side.carried_beyond,
                      "people_paid": sum(1 for v in step.totals.values() if v > 0)}
    before = _staff_totals(old_side)
    rows = []
    people = sorted(set(before) | {p for s in steps for p in s.totals})
    for person in people:
        row: dict[str, object] = {"staff_id": person, "old": before.get(person, 0)}
        prev = before.get(person, 0)
        for i, step in enumerate(steps):
            now = step.totals.get(person, 0)
            row[f"step_{i + 1}"] = now - prev
            prev = now
        row["new"] = prev
        row["change"] = prev - before.get(person, 0)
        rows.append(row)
    cols = ["staff_id", "old"] + [f"step_{i + 1}" for i in range(len(steps))] + ["new", "change"]
    table = pd.DataFrame(rows, columns=cols)
    for c in cols[1:]:
        table[c] = table[c].astype("int64")
    return Attribution(steps, sides, table)


def _staff_totals(side: Side) -> dict[str, int]:
    """Each person's total on one side (every payment row, whatever the team)."""
    totals: dict[str, int] = {}
    if len(side.rows):
        for staff, amount in zip(side.column("staff_id"), side.column("amount"), strict=True):
            totals[str(staff)] = totals.get(str(staff), 0) + int(amount)
    return totals


def diff_cycles(req: DiffRequest, dataset=None) -> DiffResult:
    if req.other is not None:
        raise DiffError("--cycles compares one law across two cycles: give one law file")
    if req.from_version or req.to_version:
        raise DiffError("--cycles uses the version in force in each cycle: leave out --from-version/--to-version")
    if req.start or req.end:
        raise DiffError("--cycles chooses the months itself (each cycle's payments): leave out --from/--to")
    if req.data is None:
        raise DiffError("--cycles needs --data")
    assert req.cycles is not None  # diff() sends only requests with --cycles here
    a, b = req.cycles
    if a == b:
        raise DiffError("--cycles needs two different cycles")
    windows = [cycle_window(a), cycle_window(b)]
    compiled = _compile(req.law)
    language = compiled.law.language

    def in_force(window: tuple[dt.date, dt.date | None]) -> LawInForce:
        return compiled.at(window[0]) or compiled.texts[0]

    old, new = in_force(windows[0]), in_force(windows[1])
    result = DiffResult(language, req.law, req.law, old, new, provision_diff(old, new), cycles=(a, b),
                        cycle_windows=windows)
    if dataset is None:
        dataset = _dataset(req.data, [compiled], language)
    result.data_sources = dict(dataset.sources)
    try:
        whole = run(compiled, dataset)
    except LawCannotBeApplied as e:
        raise DiffError(f"{req.law}: {e}", exit_code=1) from None
    sides = []
    for cycle, window in zip((a, b), windows, strict=True):
        books = [bk for bk in whole.books if _in_window(bk.period.payment_date, window)]
        sides.append(side_from_books(f"{'ciclo' if language == 'pt' else 'cycle'} {cycle}", books))
    result.impact = compare(sides[0], sides[1])
    return result
