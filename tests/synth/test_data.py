"""Synthetic data: every folder passes the loader, and the tables tell a consistent story."""

from __future__ import annotations

import pandas as pd
import pytest

from p4p_rules.batch import law_names
from p4p_rules.data import load_dataset
from p4p_rules.load import compile_file
from p4p_rules.synth.tables import CATEGORIES, FULL_VALUE_CENTAVOS, PERCENT

PERCENT_OF = dict(zip(["excellent", "very_good", "good", "fair", "poor", "disqualified"], PERCENT))
BANDS = {"excellent": (85, 100), "very_good": (70, 85), "good": (55, 70), "fair": (40, 55), "poor": (0, 40)}


@pytest.fixture(scope="module")
def datasets(small):
    out, _ = small
    loaded = {}
    for law in sorted((out / "laws").glob("*.p4p")):
        cadres, categories, cbo = law_names(compile_file(law))
        loaded[law.stem] = load_dataset(out / "data" / law.stem, extra_cadres=cadres, extra_categories=categories,
                                        extra_cbo=cbo)
    return loaded


def test_every_folder_loads(small, datasets):
    _, summary = small
    assert len(datasets) == summary.municipalities
    assert sum(len(d.roster) for d in datasets.values()) == summary.roster_rows
    assert sum(d.roster["staff_id"].nunique() for d in datasets.values()) == summary.people
    assert sum(len(d.absences) for d in datasets.values()) == summary.absence_rows
    assert summary.absence_rows > 0


def test_transfers_follow_the_category(datasets):
    for code, d in datasets.items():
        category = d.scores.set_index("team_id")["category"]
        expected = d.transfers["team_id"].map(category).map(PERCENT_OF) * FULL_VALUE_CENTAVOS // 100
        assert (d.transfers["amount"] == expected).all(), code
        per_team = d.transfers.groupby("team_id").size()
        assert (per_team == 12).all() and set(per_team.index) == set(d.scores["team_id"])
        months = sorted(d.transfers["month"].unique())
        assert months[0] == pd.Timestamp("2016-01-01") and months[-1] == pd.Timestamp("2016-12-01")


def test_scores_are_cycle_3_and_in_their_band(datasets):
    for code, d in datasets.items():
        s = d.scores
        assert (s["cycle"] == 3).all()
        assert s["evaluation_date"].lt(pd.Timestamp("2016-01-01")).all()
        assert s["evaluation_date"].dt.day_of_week.lt(5).all(), "evaluations fall on weekdays"
        disqualified = s["category"] == "disqualified"
        assert s.loc[disqualified, "score"].isna().all()
        for cat, (lo, hi) in BANDS.items():
            scores = s.loc[s["category"] == cat, "score"]
            assert scores.between(lo, hi).all(), (code, cat)
    assert set(CATEGORIES) >= {"ótimo", "desclassificada"}


def test_teams_have_the_cadres_of_a_family_health_team(datasets):
    sizes = []
    for code, d in datasets.items():
        r = d.roster
        in_teams = r[r["team_id"].notna()]
        evaluation = d.scores.set_index("team_id")["evaluation_date"]
        on_day = in_teams["team_id"].map(evaluation)
        present = in_teams[(in_teams["start_date"] <= on_day)
                           & (in_teams["end_date"].isna() | (in_teams["end_date"] >= on_day))]
        for team, members in present.groupby("team_id"):
            cadres = members["cadre"].value_counts()
            sizes.append(len(members))
            assert cadres.get("community_health_agent", 0) <= 8, (code, team)
            assert len(members) <= 16, (code, team)
        outside = r[r["team_id"].isna()]
        assert set(outside["cadre"]) <= {"coordinator"}
    assert 8 <= sum(sizes) / len(sizes) <= 12


def test_turnover_contracts_and_hours(datasets):
    roster = pd.concat([d.roster for d in datasets.values()], ignore_index=True)
    ended = roster["end_date"].notna()
    hired = roster["start_date"] >= pd.Timestamp("2016-01-01")
    assert ended.mean() > 0.03 and hired.mean() > 0.03
    assert not roster["signed_contract"].all()
    assert set(roster["weekly_hours"]) >= {20, 40}
    assert set(roster["contract_type"]) == {"efetivo", "contratado", "comissionado"}


def test_absences_belong_to_the_roster(datasets):
    kinds = set()
    for code, d in datasets.items():
        assert set(d.absences["staff_id"]) <= set(d.roster["staff_id"])
        kinds |= set(d.absences["kind"])
        one_day = d.absences[d.absences["kind"] == "unjustified"]
        assert (one_day["start_date"] == one_day["end_date"]).all()
    assert {"vacation", "unjustified", "inss"} <= kinds
