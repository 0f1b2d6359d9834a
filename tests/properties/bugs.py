"""Deliberate bugs, put into the engine with monkeypatch, that each property must notice.

They replace the public functions of `p4p_rules.engine.money` (`split`, `shares`: the one place
money is divided, docs/engine.md §0), not its private helpers, so they survive rewrites of how the
rounding is computed inside. Each is written here from the spec, without calling the real code.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Callable

import pytest

import p4p_rules.engine.money as money

# rounding(total, exact parts, keys of the parts or None) -> centavos per part
Rounding = Callable[[int, list[Fraction], list | None], list[int]]


def floor_only(total: int, exact: list[Fraction], keys: list | None = None) -> list[int]:
    """Largest remainder without its second half: each part its floor, the leftovers to nobody."""
    return [x.numerator // x.denominator for x in exact]


def negative_last(total: int, exact: list[Fraction], keys: list | None = None) -> list[int]:
    """Conserves every centavo but may make a part -1: the leftovers and one more centavo to the
    first part, taken from the last."""
    parts = floor_only(total, exact)
    parts[0] += total - sum(parts) + 1
    parts[-1] -= 1
    return parts


def truncating_then_first(total: int, exact: list[Fraction], keys: list | None = None) -> list[int]:
    """Conserves money, never negative, but ignores the fractional remainders: the leftovers go to
    the first parts (a common hand-written mistake)."""
    parts = floor_only(total, exact)
    for i in range(total - sum(parts)):
        parts[i % len(parts)] += 1
    return parts


def use_rounding(monkeypatch: pytest.MonkeyPatch, rounding: Rounding) -> None:
    """Make money.split, money.shares (and scale_to, which calls split) round with `rounding`."""

    def split(total, weights, keys=None):
        weights = [Fraction(w) for w in weights]
        if not weights:
            return []
        whole = sum(weights)
        return rounding(total, [Fraction(total) * w / whole for w in weights], keys)

    def shares(total, fractions, keys=None):
        fractions = [Fraction(f) for f in fractions]
        exact = [Fraction(total) * f for f in fractions] + [Fraction(total) * (1 - sum(fractions, Fraction(0)))]
        parts = rounding(total, exact, None if keys is None else [(0, k) for k in keys] + [(1, "")])
        return parts[:-1], parts[-1]

    monkeypatch.setattr(money, "split", split)
    monkeypatch.setattr(money, "shares", shares)


def engine_self_check_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """Switch off the engine's own conservation check (§8), so that the property alone must see it."""
    from p4p_rules.engine.books import Books

    monkeypatch.setattr(Books, "check_conservation", lambda self: None)


def leftovers_to_first(total: int, exact: list[Fraction], keys: list | None = None) -> list[int]:
    """Conserves money, never negative, but every centavo left after the floors goes to the first
    part (ties and remainders ignored): parts alike in every respect end several centavos apart."""
    parts = floor_only(total, exact)
    parts[0] += total - sum(parts)
    return parts
