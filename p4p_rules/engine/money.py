"""The one place where money is divided: exact fractions and largest-remainder rounding.

Money is an `int` number of centavos.  A whole is split into parts by exact `Fraction` weights;
each part gets the floor of its exact amount, and the centavos left over go one by one to the
parts with the largest fractional remainders.  Ties are broken by the parts' keys in ascending
order (declaration order for shares, team id for teams, staff id for people), so the result is
deterministic and independent of the order rows arrive in.  The parts always add up exactly to
the whole.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Hashable, Sequence


def split(total: int, weights: Sequence[Fraction | int], keys: Sequence[Hashable] | None = None) -> list[int]:
    """Divide `total` centavos in proportion to `weights` (all >= 0, not all 0), exactly."""
    if not isinstance(total, int):
        raise TypeError("money must be int centavos")
    n = len(weights)
    if n == 0:
        return []
    weight_sum = sum((Fraction(w) for w in weights), Fraction(0))
    if weight_sum <= 0:
        raise ValueError("cannot split money by weights that are all zero")
    exact = [Fraction(total) * Fraction(w) / weight_sum for w in weights]
    return _round(total, exact, keys)


def shares(total: int, fractions: Sequence[Fraction], keys: Sequence[Hashable] | None = None) -> tuple[list[int], int]:
    """Give each part `fraction × total` (fractions sum to at most 1); return the parts and the rest.

    The rest (what the fractions leave over) takes part in the rounding as one more part, placed
    last, so parts + rest == total exactly.
    """
    rest_fraction = 1 - sum(fractions, Fraction(0))
    if rest_fraction < 0:
        raise ValueError("fractions add up to more than the whole")
    exact = [Fraction(total) * f for f in fractions] + [Fraction(total) * rest_fraction]
    all_keys = list(keys) + [(1, "")] if keys is not None else None
    if all_keys is not None:
        all_keys = [(0, k) for k in keys] + [(1, "")]  # type: ignore[union-attr]
    parts = _round(total, exact, all_keys)
    return parts[:-1], parts[-1]


def scale_to(total: int, wanted: Sequence[int], keys: Sequence[Hashable] | None = None) -> list[int]:
    """Amounts wanted; if they exceed `total`, scale them down proportionally (exactly, rounded)."""
    if sum(wanted) <= total:
        return list(wanted)
    if sum(wanted) == 0:
        return [0] * len(wanted)
    return split(total, [Fraction(w) for w in wanted], keys)


def _round(total: int, exact: Sequence[Fraction], keys: Sequence[Hashable] | None) -> list[int]:
    floors = [int(e.numerator // e.denominator) for e in exact]
    left = total - sum(floors)
    if left:
        order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), keys[i] if keys is not None else i))
        for i in order[:left]:
            floors[i] += 1
    return floors
