"""money.split and money.shares against largest remainder written here from the spec (docs/engine.md §0),
with Fractions: every part its floor, the centavos left over one each to the largest fractional
remainders, ties by key (then position).  Equal weights are drawn often: the engine divides them by a
shorter path of its own."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from p4p_rules.engine import money


def reference(total: int, exact: list[Fraction], keys: list) -> list[int]:
    parts = [int(x // 1) for x in exact]
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - parts[i]), keys[i], i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


weights = st.one_of(
    st.integers(1, 6).flatmap(lambda n: st.integers(0, 50).map(lambda w: [w] * n)),   # equal weights
    st.lists(st.fractions(0, 20, max_denominator=12), min_size=1, max_size=8),
)


@given(total=st.integers(0, 10_000_000), weights=weights, data=st.data())
def test_split_is_largest_remainder(total, weights, data):
    if sum(weights) == 0:
        return
    keys = data.draw(st.lists(st.sampled_from("abcdefgh"), min_size=len(weights), max_size=len(weights), unique=True))
    whole = sum(Fraction(w) for w in weights)
    expected = reference(total, [Fraction(total) * w / whole for w in weights], keys)
    assert money.split(total, weights, keys) == expected
    assert sum(expected) == total


@given(total=st.integers(0, 10_000_000), fractions=st.lists(st.fractions(0, 1, max_denominator=20), min_size=1,
                                                             max_size=5).filter(lambda fs: sum(fs) <= 1))
def test_shares_is_largest_remainder_with_the_rest_last(total, fractions):
    keys = [(0, i) for i in range(len(fractions))] + [(1, "")]
    exact = [Fraction(total) * f for f in fractions] + [Fraction(total) * (1 - sum(fractions))]
    expected = reference(total, exact, keys)
    parts, rest = money.shares(total, fractions, list(range(len(fractions))))
    assert (parts, rest) == (expected[:-1], expected[-1])


def test_equal_parts_leftovers_go_by_key_not_by_position():
    # 100 among 3 equal parts: 33 each and one centavo left, to the smallest key
    assert money.split(100, [1, 1, 1], ["c", "a", "b"]) == [33, 34, 33]
    assert money.split(101, [2, 2, 2], ["c", "a", "b"]) == [33, 34, 34]
    assert money.split(7, [1, 1, 1]) == [3, 2, 2]   # no keys: by position
