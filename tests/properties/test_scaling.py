"""Doubling every transfer doubles every payment — up to the rounding, for laws with no R$ amount.

The issue asks: "doubling every transfer doubles every payment within one centavo". For **one**
largest-remainder division that holds (proved and tested in
`test_one_division_doubles_within_one_centavo`). Across a chain of divisions it cannot be
promised: each rounding is within a centavo of exact, and doubling can change which way several of
them go (FINDINGS.md F1). What the spec guarantees, and the property tested here:

**Invariant.** For a law meeting the preconditions below, with every transfer row doubled, each
payment row (per period, person, team and cadre) changes from e to e' with
|e' − 2e| ≤ 3·s − 1, where s = (number of `repartir` splits in the law) + 4 is a bound on the
number of roundings on a payment's path; the first period's pool is exactly doubled; the run still
conserves money.

**Why.** Without rounding every step is linear in the transfers: shares of the tree (§3),
allocation among teams — floors aside — by transfer, equally, by score, by category weight or share, with
redirects and failed teams' money shared by the paid teams (§4, computed exactly and **rounded once**),
earmarks, weights, equal parts (§6), pro-rata factors (§5). Each division rounds its parts by less
than a centavo (§0: each part is its floor or its floor + 1) and passes an earlier error on
multiplied by a fraction ≤ 1. So a payment is its exact value x plus an error |ε| < s: one
rounding per split on its path, one for the allocation among teams, at most two in the team
(earmark, then the equal or weighted division), one for pro-rata. Then e(2T) − 2·e(T) =
ε(2T) − 2·ε(T), less than 3·s in size.

**Preconditions** (the generated laws are rewritten to meet them):

- no amount in reais — it does not double: fixed amounts `pagar R$ … por pessoa` (§6.2), team
  floors `piso para …` (§4; a percentage floor is rounded down on its own), person floors and caps
  `piso/teto R$ … por pessoa` (§6);
- no step within a team that divides again a sum of amounts that were already rounded —
  `igualar entre equipes` and `agrupar … entre equipes` (§6) pool rounded parts, and a remainder
  of people sent `para equipe` (§7) is divided again together with what the paid members hold;
  the pooled sum carries the roundings of every part in it, and the bound above is not derived
  for that. The allocation among teams used to have this too (F2: failed teams' money
  shared by rounded parts, redirects summed from rounded gifts); since §4 rounds once it meets the
  bound, and redirects and `sobra de reprovadas para equipe` are generated;
- no carry-over (`para próximo período`): it would chain the errors of one period into the next.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import event, given, target
from hypothesis import strategies as st

from p4p_rules.engine import money
from p4p_rules.model import law as m
from tests.properties import bugs
from tests.properties.cases import (HAND_WORKED, Case, ends, engine_cases, load, payments_by_key, provisions,
                                    rewritten, row_counts, run_engine, with_tables, written)
from tests.properties.profiles import bounded
from tests.properties.test_conservation import conservation_problems

FINDINGS = Path(__file__).parent / "findings"


def within_the_bound(p):
    """Drop what the module docstring's preconditions exclude."""
    if isinstance(p, (m.FixedAmount, m.PersonCap, m.PersonFloor, m.TeamFloor, m.Equalize, m.PoolLevel)):
        return None
    if isinstance(p, m.Remainder) and (p.destination == "next_period"
                                       or (p.destination == "team" and p.source != "failed_teams")):
        return None
    return p


bounded_cases = rewritten(engine_cases, within_the_bound)


def roundings(compiled) -> int:
    """s: a bound on the roundings on one payment's path (see the module docstring)."""
    splits = max(sum(isinstance(p, m.Split) for a in t.articles for _, p in a.all_provisions())
                 for t in compiled.texts)
    return splits + 4


def doubled(dataset):
    transfers = dataset.transfers.copy()
    transfers["amount"] = transfers["amount"] * 2
    return with_tables(dataset, transfers=transfers)


def scaling_problems(once, twice, tolerance: int) -> list[str]:
    """Payments that are not twice what they were within `tolerance` centavos per payment row."""
    out = []
    a, b = payments_by_key(once), payments_by_key(twice)
    rows_a, rows_b = row_counts(once), row_counts(twice)
    for key in sorted(set(a) | set(b)):
        allowed = tolerance * max(1, rows_a[key], rows_b[key])
        if abs(b[key] - 2 * a[key]) > allowed:
            out.append(f"payment {key}: {a[key]} -> {b[key]} (2 x {a[key]} = {2 * a[key]}, allowed ±{allowed})")
    if len(once.periods) and len(twice.periods):
        if int(twice.periods["pool"].iloc[0]) != 2 * int(once.periods["pool"].iloc[0]):
            out.append(f"first pool: {once.periods['pool'].iloc[0]} -> {twice.periods['pool'].iloc[0]}")
    return out


@bounded(20)
@given(case=bounded_cases, end=ends)
def test_doubling_every_transfer_doubles_every_payment_up_to_the_rounding(case: Case, end):
    with written(case) as loaded:
        assert not any(isinstance(p, m.FixedAmount) for p in provisions(loaded.compiled))  # the rewrite worked
        once = run_engine(loaded.compiled, loaded.dataset, end)
        twice_data = doubled(loaded.dataset)
        twice = run_engine(loaded.compiled, twice_data, end)
        assert (once is None) == (twice is None)
        if once is None:
            return
        assert not conservation_problems(twice, twice_data)
        worst = max((abs(v - 2 * payments_by_key(once)[k]) for k, v in payments_by_key(twice).items()), default=0)
        event(f"largest |e' - 2e|: {min(worst, 3)}{'+' if worst >= 3 else ''}")
        target(float(len(once.payments) > 0), label="some payment rows")
        problems = scaling_problems(once, twice, 3 * roundings(loaded.compiled) - 1)
        assert not problems, "\n".join(problems[:20])


# ---- the issue's wording, on the pinned cases of FINDINGS.md ----------------------------------------------
def _once_twice(name: str):
    folder = FINDINGS / name
    loaded = load(folder / "law.p4p", folder)
    return run_engine(loaded.compiled, loaded.dataset), run_engine(loaded.compiled, doubled(loaded.dataset)), loaded


# Worked by hand in FINDINGS.md (F1, F2): each person's payment before and after doubling.
WORKED = {
    "doubling_rounding_chain": ({"10001": 139202, "10002": 170403, "10003": 170402},
                                {"10001": 278404, "10002": 340805, "10003": 340804}),
    "doubling_failed_teams_amplified": ({"10001": 500003, "10010": 500002},
                                        {"10001": 1000005, "10010": 1000005}),
}


@pytest.mark.parametrize("name", sorted(WORKED))
def test_pinned_cases_pay_what_the_spec_says(name):
    once, twice, loaded = _once_twice(name)
    assert ({k[1]: v for k, v in payments_by_key(once).items()},
            {k[1]: v for k, v in payments_by_key(twice).items()}) == WORKED[name]
    assert not conservation_problems(once, loaded.dataset)


@pytest.mark.parametrize("name", sorted(WORKED))
def test_issue_wording_holds_on_the_findings(name):
    """F1 and F2 broke "within one centavo" while §4 rounded at each stage (off by 2 and by 5); they
    meet it now that the allocation among teams is rounded once."""
    once, twice, _ = _once_twice(name)
    problems = scaling_problems(once, twice, 1)
    assert not problems, "\n".join(problems)


def test_two_equal_paid_teams_end_at_most_one_centavo_apart():
    """F2's equal-treatment side: ESF-01 and ESF-10 are alike in everything the law looks at."""
    once, twice, _ = _once_twice("doubling_failed_teams_amplified")
    for run in (once, twice):
        paid = payments_by_key(run).values()
        assert max(paid) - min(paid) <= 1


@bounded(200)
@given(total=st.integers(0, 10**9), weights=st.lists(st.integers(0, 10**6), min_size=1, max_size=12))
def test_one_division_doubles_within_one_centavo(total, weights):
    """The issue's wording holds for a single largest-remainder division.

    Proof. Part i is p = ⌊x⌋ + b and, doubled, p' = ⌊2x⌋ + b' (b, b' ∈ {0, 1}: got a centavo left
    over or not). With f the fraction of x, ⌊2x⌋ = 2⌊x⌋ + [f ≥ ½], so p' − 2p = [f ≥ ½] + b' − 2b,
    and it could only be ±2 in two ways; neither happens. Let L = Σ f_j be the centavos left over
    (the winners), H the number of parts with f_j ≥ ½; doubled, the fractions are 2f_j − [f_j ≥ ½],
    so L' = 2L − H; the order (−fraction, key) is kept among parts on the same side of ½.
    (+2) f_i ≥ ½ and i lost: L winners, all with f_j ≥ f_i ≥ ½, so H ≥ L + 1 and L' ≤ L − 1; those
    L still rank above i doubled, so i loses again (b' = 0).
    (−2) f_i < ½ and i won: at most L − 1 parts rank above it, every part with f_j ≥ ½ among them
    (H ≤ L − 1); doubled, only those can rank above i, and L' = 2L − H ≥ L + 1 > L − 1, so i wins
    again (b' = 1). ∎"""
    if not any(weights):
        weights = weights + [1]
    keys = list(range(len(weights)))
    once, twice = money.split(total, weights, keys), money.split(2 * total, weights, keys)
    assert all(abs(b - 2 * a) <= 1 for a, b in zip(once, twice, strict=True))


# ---- the property catches a bug ---------------------------------------------------------------------------
def whole_reais(total, exact, keys=None):
    """Parts rounded down to whole reais, the centavos left over to the first part (conserves money)."""
    parts = [(x.numerator // x.denominator) // 100 * 100 for x in exact]
    parts[0] += total - sum(parts)
    return parts


def test_catches_money_divided_in_whole_reais(monkeypatch):
    folder = next(f for f in HAND_WORKED if f.name == "alloc_by_transfer")  # meets the preconditions
    loaded = load(folder / "law.p4p", folder)
    assert rewritten_is_identity(loaded)
    tolerance = 3 * roundings(loaded.compiled) - 1

    def problems():
        once = run_engine(loaded.compiled, loaded.dataset)
        return scaling_problems(once, run_engine(loaded.compiled, doubled(loaded.dataset)), tolerance)

    assert problems() == []
    bugs.use_rounding(monkeypatch, whole_reais)
    assert problems(), "money divided in whole reais went unnoticed"


def rewritten_is_identity(loaded) -> bool:
    return all(within_the_bound(p) is p for p in provisions(loaded.compiled))
