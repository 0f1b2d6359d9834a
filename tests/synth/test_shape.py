"""The national shape at 5,570 municipalities, on the tables in memory (writing 28,000 files would
measure the disk, not the generator): about 43,000 teams, heavy-tailed, 350–480 thousand people."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from p4p_rules.synth import tables
from p4p_rules.synth.roles import ACS
from tests.synth.helpers import SEED


@pytest.fixture(scope="module")
def nation():
    started = time.perf_counter()
    nat = tables.build(5570, np.random.default_rng(SEED), tables.Window(np.datetime64("2016-01", "M"), 12))
    return nat, time.perf_counter() - started


def test_builds_quickly(nation):
    _, seconds = nation
    assert seconds < 10   # about half a second on a laptop; the bound only catches a per-row loop


def test_about_43000_teams_heavy_tailed(nation):
    nat, _ = nation
    teams = nat.munis["teams"]
    assert abs(teams.sum() - 43_000) <= 430
    assert teams.min() >= 1
    assert ((teams >= 1) & (teams <= 10)).mean() > 0.75   # most municipalities have 1–10 teams
    assert 2 <= teams.median() <= 6
    assert teams.max() >= 300                               # a few capitals with hundreds
    assert (teams >= 100).sum() >= 10


def test_national_roster_size(nation):
    nat, _ = nation
    people = int(nat.munis["people"].sum())
    assert 400_000 <= people <= 480_000
    r = nat.roster
    assert len(np.unique(r["muni"] * 1_000_000 + r["staff_id"])) == people
    # some people move between teams of the same municipality: one staff id, two postings
    assert len(r["muni"]) > people


def test_team_posts_and_cadres(nation):
    nat, _ = nation
    comp = tables.team_composition(10_000, np.random.default_rng(SEED))
    size = comp.sum(axis=1)
    assert size.min() >= 8 and size.max() <= 15
    assert 9 <= size.mean() <= 11
    assert comp[:, ACS].min() >= 4 and comp[:, ACS].max() <= 8
    cadres = pd.Series(nat.roster["cadre"]).value_counts()
    agents = cadres.get("acs", 0) + cadres.get("agente_comunitário_de_saúde", 0)
    assert 180_000 <= agents <= 280_000
    assert cadres.get("médico", 0) + cadres.get("médica", 0) >= 43_000   # every team, plus successors


def test_categories_and_absences(nation):
    nat, _ = nation
    categories = pd.Series(nat.scores["category"]).value_counts(normalize=True)
    assert set(categories.index) == set(tables.CATEGORIES)
    assert 0.02 <= categories["desclassificada"] <= 0.04
    with_absence = len(np.unique(nat.absences["muni"] * 1_000_000 + nat.absences["staff_id"]))
    assert 0.02 <= with_absence / nat.munis["people"].sum() <= 0.10   # a few per cent
