"""Fairness measures, computed exactly (fractions of centavos, never float).

- `gini(values)`: the Gini coefficient, mean absolute difference over twice the mean:
  G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² x̄), computed as 2 Σᵢ i·x₍ᵢ₎ / (n Σx) − (n + 1) / n with the
  values sorted ascending (i from 1).  0 = everybody gets the same; → 1 = one person gets everything.
- `top_share(values, 1/10)`: the share of the total received by the best-paid tenth of the
  people, read off the Lorenz curve: with n people the top n/10 are taken, the last one in part
  (143 people: the top 14 and 3/10 of the 15th).
- `ratio(values)`: highest over lowest of positive values (None with fewer than two).
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Iterable


def gini(values: Iterable[int]) -> Fraction | None:
    xs = sorted(int(v) for v in values)
    n, total = len(xs), sum(xs)
    if n == 0 or total == 0:
        return None
    weighted = sum(i * x for i, x in enumerate(xs, 1))
    return Fraction(2 * weighted, n * total) - Fraction(n + 1, n)


def top_share(values: Iterable[int], fraction: Fraction = Fraction(1, 10)) -> Fraction | None:
    xs = sorted((int(v) for v in values), reverse=True)
    n, total = len(xs), sum(xs)
    if n == 0 or total == 0:
        return None
    k = n * fraction
    whole = math.floor(k)
    part = k - whole
    taken = Fraction(sum(xs[:whole]))
    if part and whole < n:
        taken += part * xs[whole]
    return taken / total


def ratio(values: Iterable[Fraction | int]) -> Fraction | None:
    xs = [Fraction(v) for v in values if v > 0]
    if len(xs) < 2:
        return None
    return max(xs) / min(xs)


def change_fraction(old: int, new: int) -> Fraction | None:
    """(new − old) / old, None when old is 0 (a percentage of nothing is not a number)."""
    return Fraction(new - old, old) if old else None
