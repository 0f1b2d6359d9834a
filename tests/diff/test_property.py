"""A law diffed against itself changes nothing for anybody (property test), on M5's data and on
synthetic municipalities; amendments of synthetic laws equal two independent runs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from p4p_rules.diff import DiffRequest, diff
from p4p_rules.synth import synthesize

from .helpers import LAWS, M05_DATA, compiled, dataset_for
from .test_impact import _check_against_runs, _check_attribution

SYNTH: dict[str, Path] = {}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    synthesize(10, 11, out, months=12)
    return out


def _cases(synthetic: Path) -> list[tuple[Path, Path]]:
    cases = [(path, M05_DATA) for path in sorted(LAWS.glob("m*.p4p"))]
    cases += [(path, synthetic / "data" / path.stem) for path in sorted((synthetic / "laws").glob("*.p4p"))]
    return cases


MONTHS = [dt.date(2012, 10, 1), dt.date(2013, 3, 1), dt.date(2014, 6, 1), dt.date(2015, 9, 1),
          dt.date(2016, 1, 1), dt.date(2016, 12, 1), dt.date(2017, 12, 1)]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_law_against_itself_changes_nothing(synthetic, data):
    path, directory = data.draw(st.sampled_from(_cases(synthetic)), label="law")
    version = data.draw(st.sampled_from([t.version for t in compiled(path).texts]), label="version")
    bounds = data.draw(st.one_of(st.none(), st.tuples(st.sampled_from(MONTHS), st.sampled_from(MONTHS))
                                 .map(sorted)), label="months")
    start, end = bounds if bounds else (None, None)
    result = diff(DiffRequest(path, from_version=version, to_version=version, data=directory, start=start, end=end),
                  dataset_for(path, directory))
    assert result.changes == []
    im = result.impact
    assert (im.persons["change"] == 0).all() and (im.persons["old"] == im.persons["new"]).all()
    assert (im.persons["in_old"] == im.persons["in_new"]).all()
    assert im.counts["gainers"] == im.counts["losers"] == 0
    for key, _, old, new in im.totals:
        assert old == new, key
    for m in im.fairness:
        assert m.old == m.new, m.key
    for table in (im.cadres, im.teams, im.categories):
        assert (table["change"] == 0).all() and (table["gainers"] == 0).all() and (table["losers"] == 0).all()
    assert result.attribution.steps == []
    assert list(result.attribution.table.columns) == ["staff_id", "old", "new", "change"]


def test_every_amendment_of_synthetic_laws(synthetic):
    amended = 0
    for path, directory in _cases(synthetic):
        if directory == M05_DATA:
            continue
        texts = compiled(path).texts
        for a, b in zip(texts, texts[1:]):
            result = diff(DiffRequest(path, from_version=a.version, to_version=b.version, data=directory),
                          dataset_for(path, directory))
            _check_against_runs(result, path, a.version, b.version, data=directory)
            _check_attribution(result)
            amended += 1
    assert amended >= 2
