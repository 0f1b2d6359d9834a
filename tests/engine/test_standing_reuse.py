"""A person's standing evaluated once and reused for later periods (period.py `_members`, people.py
`period_facts`) gives the payments that evaluating every period afresh gives.

Each period of a run is computed again on its own — fresh inputs, fresh view, nothing carried from
the periods before it but the money — and must pay exactly what the run paid in it: every row,
amount, status, factor and article."""

from __future__ import annotations

from pathlib import Path

import pytest

from p4p_rules.batch import law_names
from p4p_rules.data import load_dataset
from p4p_rules.engine.period import compute_period
from p4p_rules.engine.run import compute, inputs_from
from p4p_rules.engine.schedule import periods
from p4p_rules.engine.view import LawView
from p4p_rules.load import compile_file
from p4p_rules.synth import synthesize

ROOT = Path(__file__).resolve().parents[2]


def _rows(books) -> list[tuple]:
    return [(p.staff_id, p.team_id, p.cadre, p.amount, p.status, p.factor, tuple(p.articles)) for p in books.payments]


def _each_period_afresh(law, dataset, run_books) -> None:
    assert run_books
    by_label = {b.period.label: b for b in run_books}
    all_months = sorted({m for b in run_books for m in b.period.months})
    plan, _ = periods(all_months, law.at)
    checked = 0
    for period in plan:
        ran = by_label.get(period.label)
        if ran is None:
            continue
        text = law.at(period.payment_date)
        alone = compute_period(LawView.of(text) if text else None, period, inputs_from(dataset), ran.carry_in)
        assert _rows(alone) == _rows(ran), f"period {period.label}"
        checked += 1
    assert checked == len(run_books)


def _check_folder(law_path: Path, data: Path) -> int:
    law = compile_file(law_path)
    cadres, categories, cbo = law_names(law)
    dataset = load_dataset(data, extra_cadres=cadres, extra_categories=categories, extra_cbo=cbo,
                           language=law.law.language)
    books, _ = compute(law, dataset)
    _each_period_afresh(law, dataset, books)
    return sum(len(b.payments) for b in books)


@pytest.mark.parametrize("name", ["m04", "m05", "m14", "m15", "m17"])
def test_bundled_examples_pay_each_period_as_computed_alone(name):
    assert _check_folder(ROOT / "laws" / f"{name}.p4p", ROOT / "laws" / "data" / name) > 0


def test_synthetic_municipalities_pay_each_period_as_computed_alone(tmp_path):
    synthesize(24, 11, tmp_path, months=24)
    rows = 0
    for law in sorted((tmp_path / "laws").glob("*.p4p")):
        rows += _check_folder(law, tmp_path / "data" / law.stem)
    assert rows > 1000
