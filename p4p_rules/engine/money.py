"""The one place where money is divided: exact fractions and largest-remainder rounding.

Money is an `int` number of centavos.  A whole is split into parts by exact `Fraction` weights;
each part gets the floor of its exact amount, and the centavos left over go one by one to the
parts with the largest fractional remainders.  Ties are broken by the parts' keys in ascending
order (declaration order for shares, team id for teams, staff id for people), so the result is
deterministic and independent of the order rows arrive in.  The parts always add up exactly to
the whole.

The arithmetic is exact but done on integers: every exact part is written as `numerator /
denominator` over one common denominator, so floors and remainders are integer divisions and
comparing remainders compares integers (the same order as comparing the fractions; it is only
faster — the engine splits money millions of times in a national run).
"""

from __future__ import annotations

from fractions import Fraction
from math import lcm
from typing import Hashable, Sequence, cast


def common_denominator(values: Sequence[Fraction | int]) -> tuple[list[int], int]:
    """Integers n_i and one denominator d with values[i] == n_i / d exactly."""
    for v in values:  # (a loop, not all(...) over a generator: this runs for every division)
        if type(v) is not int:
            break
    else:
        return cast("list[int]", list(values)), 1  # all ints: no conversion needed
    fracs = [v if isinstance(v, Fraction) else Fraction(v) for v in values]
    den = lcm(*(f.denominator for f in fracs)) if fracs else 1
    return [f.numerator * (den // f.denominator) for f in fracs], den


def split(total: int, weights: Sequence[Fraction | int], keys: Sequence[Hashable] | None = None) -> list[int]:
    """Divide `total` centavos in proportion to `weights` (all >= 0, not all 0), exactly."""
    if not isinstance(total, int):
        raise TypeError("money must be int centavos")
    if len(weights) == 0:
        return []
    nums, _ = common_denominator(weights)
    weight_sum = sum(nums)
    if weight_sum <= 0:
        raise ValueError("cannot split money by weights that are all zero")
    # part i is exactly total × w_i / Σw = (total × n_i) / Σn
    return _largest_remainder(total, [total * n for n in nums], weight_sum, keys)


def shares(total: int, fractions: Sequence[Fraction | int],
           keys: Sequence[Hashable] | None = None) -> tuple[list[int], int]:
    """Give each part `fraction × total` (fractions sum to at most 1); return the parts and the rest.

    The rest (what the fractions leave over) takes part in the rounding as one more part, placed
    last, so parts + rest == total exactly.
    """
    nums, den = common_denominator(fractions)
    rest = den - sum(nums)
    if rest < 0:
        raise ValueError("fractions add up to more than the whole")
    all_keys = None if keys is None else [(0, k) for k in keys] + [(1, "")]
    parts = _largest_remainder(total, [total * n for n in nums] + [total * rest], den, all_keys)
    return parts[:-1], parts[-1]


def scale_to(total: int, wanted: Sequence[int], keys: Sequence[Hashable] | None = None) -> list[int]:
    """Amounts wanted; if they exceed `total`, scale them down proportionally (exactly, rounded)."""
    if sum(wanted) <= total:
        return list(wanted)
    if sum(wanted) == 0:
        return [0] * len(wanted)
    return split(total, list(wanted), keys)


def _largest_remainder(total: int, numerators: Sequence[int], denominator: int,
                       keys: Sequence[Hashable] | None) -> list[int]:
    """Round the exact parts numerators[i] / denominator (which add up to `total`) to centavos."""
    count = len(numerators)
    if count and numerators.count(numerators[0]) == count:
        # equal parts (an equal division, the usual case): one floor for all, and every remainder is
        # the same, so the centavos left over go by key (then index), as the general case below does
        floor = numerators[0] // denominator
        parts = [floor] * count
        left = total - floor * count
        if left:
            by_key = sorted(zip(keys if keys is not None else range(count), range(count), strict=True))
            for _, i in by_key[:left]:
                parts[i] += 1
        return parts
    floors = [n // denominator for n in numerators]
    left = total - sum(floors)
    if left:
        # largest remainder first, ties by key; the index last only makes the order total (keys are
        # unique, and without keys the index is the key)
        ranked = sorted(zip([-(n % denominator) for n in numerators],
                            keys if keys is not None else range(len(numerators)), range(len(numerators)), strict=True))
        for _, _, i in ranked[:left]:
            floors[i] += 1
    return floors
