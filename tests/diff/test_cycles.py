"""Across rounds: the same people under the law in force in cycle 2 and in cycle 3, each on its own data."""

import datetime as dt

import pytest

from p4p_rules.diff import DiffError, DiffRequest, cycle_window, diff
from p4p_rules.engine.run import run

from .helpers import M05, M05_DATA, compiled, dataset_for


def _by_person(payments, first, last):
    out = {}
    for staff, paid_on, amount in zip(payments["staff_id"], payments["payment_date"], payments["amount"]):
        day = dt.date.fromisoformat(paid_on)
        if first <= day and (last is None or day <= last):
            out[staff] = out.get(staff, 0) + int(amount)
    return out


def test_cycle_windows():
    assert cycle_window(2) == (dt.date(2013, 4, 1), dt.date(2015, 9, 30))
    assert cycle_window(3) == (dt.date(2015, 10, 1), None)
    with pytest.raises(DiffError, match="unknown cycle 7"):
        cycle_window(7)


def test_m05_cycle_2_against_cycle_3_per_person():
    result = diff(DiffRequest(M05, data=M05_DATA, cycles=(2, 3)))
    # one ordinary run of the law, its payments split by payment date (computed here independently)
    payments = run(compiled(M05), dataset_for(M05)).payments
    c2 = _by_person(payments, dt.date(2013, 4, 1), dt.date(2015, 9, 30))
    c3 = _by_person(payments, dt.date(2015, 10, 1), None)
    persons = result.impact.persons.set_index("staff_id")
    assert set(persons.index) == set(c2) | set(c3)
    for person, row in persons.iterrows():
        assert (row["old"], row["new"]) == (c2.get(person, 0), c3.get(person, 0)), person
        assert row["change"] == c3.get(person, 0) - c2.get(person, 0)
    # the versions in force: lei_2013 in cycle 2, lei_2015 in cycle 3; their articles 1, 2 and 4 differ
    assert (result.old.version, result.new.version) == ("lei_2013", "lei_2015")
    assert [c.number for c in result.changes] == ["1", "2", "4"]
    assert result.impact.old.versions == ["lei_2013"] and result.impact.new.versions == ["lei_2015"]
    assert result.attribution is None
    # 12957 was hired in October 2017: paid in cycle 3 only
    assert persons.at["12957", "old"] == 0 and persons.at["12957", "new"] > 0


def test_cycles_refuse_what_does_not_apply(tmp_path):
    with pytest.raises(DiffError, match="needs --data"):
        diff(DiffRequest(M05, cycles=(2, 3)))
    with pytest.raises(DiffError, match="two different cycles"):
        diff(DiffRequest(M05, data=M05_DATA, cycles=(2, 2)))
    with pytest.raises(DiffError, match="leave out --from"):
        diff(DiffRequest(M05, data=M05_DATA, cycles=(2, 3), start=dt.date(2014, 1, 1)))
    with pytest.raises(DiffError, match="one law file"):
        diff(DiffRequest(M05, M05, data=M05_DATA, cycles=(2, 3)))
