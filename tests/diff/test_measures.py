"""Fairness measures against values worked out by hand on tiny examples."""

from fractions import Fraction

import pandas as pd

from p4p_rules.diff import compare, gini, ratio, top_share
from p4p_rules.diff.impact import ROW_COLUMNS, Side


def test_gini_by_hand():
    # 0, 10, 20, 30, 40: sum of |xi - xj| over all ordered pairs = 400; 2 n² mean = 2·25·20 = 1000 -> 0.4
    assert gini([40, 0, 30, 10, 20]) == Fraction(2, 5)
    # everybody equal: 0; one person gets everything among 4: (n-1)/n = 3/4
    assert gini([7, 7, 7]) == 0
    assert gini([0, 0, 0, 100]) == Fraction(3, 4)
    # 1 and 3: |1-3|·2 / (2·4·2) = 4/16
    assert gini([1, 3]) == Fraction(1, 4)
    assert gini([]) is None and gini([0, 0]) is None


def test_top_tenth_share_by_hand():
    # 20 people: the top 2 (100 + 50) of a total of 150 + 18·10 = 330
    values = [100, 50] + [10] * 18
    assert top_share(values) == Fraction(150, 330)
    # 5 people: the top tenth is half of the best-paid person: 40/2 of 100
    assert top_share([0, 10, 20, 30, 40]) == Fraction(20, 100)
    # 15 people: one and a half people: 60 + 30/2 = 75 of 60 + 30 + 13·10 = 220
    assert top_share([60, 30] + [10] * 13) == Fraction(75, 220)
    assert top_share([0, 0]) is None


def test_ratio():
    assert ratio([Fraction(3), Fraction(1, 2), 0]) == 6
    assert ratio([5]) is None


def _side(label, rows):
    df = pd.DataFrame(rows, columns=ROW_COLUMNS)
    df["amount"] = df["amount"].astype("int64")
    return Side(label, df, ["2020-01"], [label], int(df["amount"].sum()), int(df["amount"].sum()), {}, 0, 0)


def test_compare_on_a_tiny_example():
    # before: A (physician, T1) 300, B (nurse, T1) 100, C (nurse, T2) 200; D (acs, T2) not paid
    # after:  A 200, B 200, C 100, D 100 (D newly paid)
    old = _side("a", [["A", "Ana", "T1", "physician", "above_average", 300, "2020-01", None],
                      ["B", "Bia", "T1", "nurse", "above_average", 100, "2020-01", None],
                      ["C", "Caio", "T2", "nurse", "above_average", 200, "2020-01", None]])
    new = _side("b", [["A", "Ana", "T1", "physician", "above_average", 200, "2020-01", None],
                      ["B", "Bia", "T1", "nurse", "above_average", 200, "2020-01", None],
                      ["C", "Caio", "T2", "nurse", "above_average", 100, "2020-01", None],
                      ["D", "Davi", "T2", "community_health_agent", "above_average", 100, "2020-01", None]])
    im = compare(old, new)
    p = im.persons.set_index("staff_id")
    assert list(p["change"]) == [-100, 100, -100, 100]
    assert p.at["D", "in_old"] == False and p.at["D", "old"] == 0 and p.at["D", "change_pct"] is None  # noqa: E712
    assert p.at["A", "change_pct"] == Fraction(-1, 3)
    assert im.counts == {"gainers": 2, "losers": 2, "unchanged": 0, "newly_paid": 1, "no_longer_paid": 0,
                         "people": 4}
    m = {x.key: x for x in im.fairness}
    # population: the 4 people paid on either side; before 0, 100, 200, 300 -> Gini 1000·... by hand:
    # sorted 0,100,200,300: Σ i·x = 0+200+600+1200 = 2000; 2·2000/(4·600) - 5/4 = 5/3 - 5/4 = 5/12
    assert m["gini"].old == Fraction(5, 12)
    # after 100,100,200,200: Σ i·x = 100+200+600+800 = 1700; 2·1700/(4·600) - 5/4 = 17/12 - 15/12 = 1/6
    assert m["gini"].new == Fraction(1, 6)
    # top tenth of 4 people = 0.4 of the best paid: 0.4·300/600 before, 0.4·200/600 after
    assert m["top10"].old == Fraction(1, 5) and m["top10"].new == Fraction(2, 15)
    assert m["people_paid"].old == 3 and m["people_paid"].new == 4
    # per capita by cadre: before physician 300, nurse 150 -> 2; after physician 200, nurse 150, acs 100 -> 2
    assert m["cadre_ratio"].old == 2 and m["cadre_ratio"].old_where == "physician/nurse"
    assert m["cadre_ratio"].new == 2 and m["cadre_ratio"].new_where == "physician/community_health_agent"
    # teams of the same category: T1 400/2 = 200 vs T2 200/1 before -> 1; after T1 200 vs T2 100 -> 2
    assert m["team_spread"].old == 1 and m["team_spread"].new == 2
    teams = im.teams.set_index("team")
    assert teams.at["T2", "people_old"] == 1 and teams.at["T2", "people_new"] == 2
    assert teams.at["T2", "per_head_new"] == 100
    cadres = im.cadres.set_index("cadre")
    assert cadres.at["nurse", "gainers"] == 1 and cadres.at["nurse", "losers"] == 1
