"""The bundled example data of M5 (laws/data/m05): consistent, as documented, and holding every
case its README lists."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from p4p_rules.model.vocabulary import CADRES, CATEGORIES, DISQUALIFIED, FIVE_LEVEL, FOUR_LEVEL, LEAVE_KINDS

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "laws" / "data" / "m05"
GENERATOR = ROOT / "laws" / "data" / "make_m05.py"
README = (DATA / "README.md").read_text(encoding="utf-8")

COLUMNS = {
    "roster.csv": ["staff_id", "name", "team_id", "cadre", "cbo", "start_date", "end_date",
                   "contract_type", "signed_contract", "weekly_hours"],
    "scores.csv": ["team_id", "cycle", "evaluation_date", "score", "category"],
    "transfers.csv": ["month", "team_id", "amount"],
    "absences.csv": ["staff_id", "start_date", "end_date", "kind"],
}
TEAMS = [f"ESF-{i:02d}" for i in range(1, 13)]
FULL_VALUE_CENTAVOS = 850_000
# As documented in the README ("transfers.csv", "scores.csv", "Timeline").
PERCENT = {
    "insatisfatório": 0, "mediano": 20, "acima_da_média": 60, "muito_acima_da_média": 100,
    "ruim": 0, "regular": 20, "bom": 60, "muito_bom": 80, "ótimo": 100, "desclassificada": 0,
}
BANDS = {
    "insatisfatório": (0, 40), "mediano": (40, 60), "acima_da_média": (60, 80),
    "muito_acima_da_média": (80, 100.01),
    "ruim": (0, 40), "regular": (40, 55), "bom": (55, 70), "muito_bom": (70, 85), "ótimo": (85, 100.01),
}
D = pd.Timestamp
CYCLES = {
    1: {"evaluation": (D(2012, 6, 4), D(2012, 7, 27)), "certified": D(2012, 9, 28),
        "months": (D(2012, 10, 1), D(2013, 3, 1))},
    2: {"evaluation": (D(2013, 11, 11), D(2014, 2, 28)), "certified": D(2014, 5, 30),
        "months": (D(2014, 6, 1), D(2015, 9, 1))},
    3: {"evaluation": (D(2016, 10, 17), D(2017, 2, 24)), "certified": D(2017, 3, 31),
        "months": (D(2017, 4, 1), D(2017, 12, 1))},
}
DATA_END = D(2017, 12, 31)
NON_LEAVE_KINDS = ["falta_injustificada"]  # an absence laws count, not a leave
NURSING = ["nursing_technician", "nursing_assistant"]   # domain.md: "a nursing assistant/technician"
ORAL_HEALTH = ["oral_health_technician", "oral_health_assistant"]


def read(name: str) -> pd.DataFrame:
    df = pd.read_csv(DATA / name, sep=";", decimal=",", thousands=".", encoding="utf-8",
                     dtype={"staff_id": str, "team_id": str, "cbo": str},
                     keep_default_na=False, na_values=[""])
    for col in ("start_date", "end_date", "evaluation_date"):
        if col in df:
            df[col] = pd.to_datetime(df[col], dayfirst=True, format="%d/%m/%Y")
    if "month" in df:
        df["month"] = pd.to_datetime(df["month"], format="%m/%Y")
    return df


@pytest.fixture(scope="module")
def roster() -> pd.DataFrame:
    df = read("roster.csv")
    df["cadre_id"] = df["cadre"].map(CADRES.lookup)
    return df


@pytest.fixture(scope="module")
def scores() -> pd.DataFrame:
    df = read("scores.csv")
    df["category_id"] = df["category"].map(CATEGORIES.lookup)
    return df


@pytest.fixture(scope="module")
def transfers() -> pd.DataFrame:
    return read("transfers.csv")


@pytest.fixture(scope="module")
def absences() -> pd.DataFrame:
    return read("absences.csv")


def members_on(roster: pd.DataFrame, team: str, day: pd.Timestamp) -> pd.DataFrame:
    r = roster[roster["team_id"] == team]
    return r[(r["start_date"] <= day) & (r["end_date"].isna() | (r["end_date"] >= day))]


def evaluation_day(scores: pd.DataFrame, team: str, cycle: int) -> pd.Timestamp:
    return scores[(scores["team_id"] == team) & (scores["cycle"] == cycle)]["evaluation_date"].item()


def category(scores: pd.DataFrame, team: str, cycle: int) -> str:
    return scores[(scores["team_id"] == team) & (scores["cycle"] == cycle)]["category"].item()


def window(cycle: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of the months with transfers in that cycle."""
    first, last = CYCLES[cycle]["months"]
    return first, last + pd.offsets.MonthEnd(0)


def cycle_of_month(month: pd.Timestamp) -> int | None:
    for cycle, c in CYCLES.items():
        if c["months"][0] <= month <= c["months"][1]:
            return cycle
    return None


def postings(roster: pd.DataFrame, staff_id: str) -> pd.DataFrame:
    return roster[roster["staff_id"] == staff_id].sort_values("start_date")


# --- file format -------------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(COLUMNS))
def test_file_is_utf8_semicolon_with_the_documented_header(name):
    raw = (DATA / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no BOM"
    lines = raw.decode("utf-8").split("\n")
    assert lines[-1] == "" and all(lines[:-1]), "one record per line, ending with a newline"
    assert lines[0].split(";") == COLUMNS[name]
    assert all(line.count(";") == len(COLUMNS[name]) - 1 for line in lines[:-1])
    assert list(read(name).columns) == COLUMNS[name]


def test_fields_are_written_the_brazilian_way():
    text = {name: (DATA / name).read_text(encoding="utf-8") for name in COLUMNS}
    date, month = re.compile(r"\d{2}/\d{2}/\d{4}"), re.compile(r"\d{2}/\d{4}")
    for name, cols in COLUMNS.items():
        for line in text[name].splitlines()[1:]:
            row = dict(zip(cols, line.split(";")))
            for col in ("start_date", "end_date", "evaluation_date"):
                if row.get(col):
                    assert date.fullmatch(row[col]), (name, line)
            if "month" in row:
                assert month.fullmatch(row["month"]), line
            if "amount" in row:
                assert re.fullmatch(r"\d{1,3}(\.\d{3})*,\d{2}", row["amount"]), line
            if row.get("score"):
                assert re.fullmatch(r"\d{1,3},\d{2}", row["score"]), line
    assert "8.500,00" in text["transfers.csv"] and "5.100,00" in text["transfers.csv"]


# --- roster ------------------------------------------------------------------------------------

def test_every_cadre_is_a_known_cadre_with_its_cbo(roster):
    unknown = roster[roster["cadre_id"].isna()]["cadre"].unique().tolist()
    assert unknown == []
    for row in roster.itertuples():
        assert row.cbo in CADRES.terms[row.cadre_id].cbo, (row.staff_id, row.cadre, row.cbo)


def test_roster_values_are_in_their_domains(roster):
    assert set(roster["contract_type"]) <= {"efetivo", "contratado", "comissionado"}
    assert set(roster["signed_contract"]) == {"sim", "não"}
    assert set(roster["weekly_hours"]) == {20, 30, 40}
    assert roster["staff_id"].str.fullmatch(r"\d{5}").all()
    assert set(roster["team_id"].dropna()) == set(TEAMS)
    assert roster["name"].notna().all() and roster["start_date"].notna().all()


def test_a_person_has_one_name_and_a_name_one_person(roster):
    assert (roster.groupby("staff_id")["name"].nunique() == 1).all()
    assert (roster.groupby("name")["staff_id"].nunique() == 1).all()


def test_postings_end_after_they_start_and_within_the_data(roster):
    ended = roster[roster["end_date"].notna()]
    assert (ended["end_date"] >= ended["start_date"]).all()
    assert (ended["end_date"] <= DATA_END).all()
    assert (roster["start_date"] <= DATA_END).all()


def test_no_person_has_overlapping_postings(roster):
    for staff_id, rows in roster.groupby("staff_id"):
        rows = rows.sort_values("start_date")
        for (_, a), (_, b) in zip(rows.iloc[:-1].iterrows(), rows.iloc[1:].iterrows()):
            assert pd.notna(a["end_date"]) and a["end_date"] < b["start_date"], staff_id


def test_two_coordinators_outside_the_teams(roster):
    outside = roster[roster["team_id"].isna()]
    assert len(outside) == 2 and outside["staff_id"].nunique() == 2
    assert (outside["cadre_id"] == "coordinator").all()
    assert not (roster[roster["team_id"].notna()]["cadre_id"] == "coordinator").any()


def test_teams_have_the_required_composition_on_each_evaluation_day(roster, scores):
    with_oral_health = with_technicians = 0
    for s in scores.itertuples():
        members = members_on(roster, s.team_id, s.evaluation_date)
        cadres = members["cadre_id"].tolist()
        assert 8 <= len(members) <= 15, (s.team_id, s.cycle, len(members))
        for needed in ("physician", "nurse"):
            assert needed in cadres, (s.team_id, s.cycle, needed)
        assert set(NURSING) & set(cadres), (s.team_id, s.cycle, "nursing technician or assistant")
        with_technicians += "nursing_technician" in cadres
        assert 4 <= cadres.count("community_health_agent") <= 8, (s.team_id, s.cycle)
        with_oral_health += "dentist" in cadres and bool(set(ORAL_HEALTH) & set(cadres))
    assert with_technicians == len(scores) - 3, "only ESF-08 has a nursing assistant instead of a technician"
    assert with_oral_health >= 0.75 * len(scores), "most teams have a dentist and an oral-health technician"
    with_admin_or_support = roster[roster["cadre_id"].isin(["administrative", "support"])]["team_id"].nunique()
    assert 2 <= with_admin_or_support <= 5, "a few teams have admin or support staff"


# --- scores ------------------------------------------------------------------------------------

def test_every_team_has_one_score_per_cycle_and_every_scored_team_is_in_the_roster(roster, scores):
    assert sorted(zip(scores["team_id"], scores["cycle"])) == [(t, c) for t in TEAMS for c in (1, 2, 3)]
    assert set(scores["team_id"]) <= set(roster["team_id"].dropna())


def test_categories_use_the_scale_of_their_cycle(scores):
    assert scores["category_id"].notna().all()
    for s in scores.itertuples():
        scale = FOUR_LEVEL if s.cycle in (1, 2) else FIVE_LEVEL
        assert s.category_id in [*scale, DISQUALIFIED], (s.team_id, s.cycle, s.category)


def test_score_lies_in_its_category_band_and_disqualified_teams_have_none(scores):
    for s in scores.itertuples():
        if s.category_id == DISQUALIFIED:
            assert pd.isna(s.score), s.team_id
        else:
            low, high = BANDS[s.category]
            assert low <= s.score < high, (s.team_id, s.cycle, s.score, s.category)


def test_evaluation_days_fall_in_the_cycle_window_on_weekdays(scores):
    for s in scores.itertuples():
        first, last = CYCLES[s.cycle]["evaluation"]
        assert first <= s.evaluation_date <= last < CYCLES[s.cycle]["certified"]
        assert s.evaluation_date.weekday() < 5


# --- transfers ---------------------------------------------------------------------------------

def test_every_transfer_month_has_a_certification_of_that_cycle(transfers, scores):
    certified = set(zip(scores["team_id"], scores["cycle"]))
    for t in transfers.itertuples():
        cycle = cycle_of_month(t.month)
        assert cycle is not None, t
        assert (t.team_id, cycle) in certified, t
        assert t.month > CYCLES[cycle]["certified"], "money comes after the certification"
    assert transfers["month"].max() == D(2017, 12, 1)


def test_transfers_cover_each_certified_cycle_month_by_month(transfers):
    assert not transfers.duplicated(["month", "team_id"]).any()
    expected = {(m, team) for c in CYCLES.values()
                for m in pd.date_range(*c["months"], freq="MS") for team in TEAMS}
    assert set(zip(transfers["month"], transfers["team_id"])) == expected
    assert len(transfers) == 12 * (6 + 16 + 9)


def test_amount_is_the_full_value_times_the_category_percentage(transfers, scores):
    cat = {(s.team_id, s.cycle): s.category for s in scores.itertuples()}
    for t in transfers.itertuples():
        pct = PERCENT[cat[(t.team_id, cycle_of_month(t.month))]]
        assert round(t.amount * 100) == FULL_VALUE_CENTAVOS * pct // 100, t


def test_readme_documents_the_percentages():
    assert "R$ 8.500,00 per team per month" in README
    for name, pct in PERCENT.items():
        assert re.search(rf"\| `{name}`[^|]*\| {pct}%", README), name


# --- absences ----------------------------------------------------------------------------------

def test_absences_are_of_known_people_kinds_and_dates(absences, roster):
    assert set(absences["kind"]) == {"inss", "sem_vencimentos", "cessão", "licença_maternidade",
                                     "férias", "falta_injustificada"}
    for kind in set(absences["kind"]) - set(NON_LEAVE_KINDS):
        assert LEAVE_KINDS.lookup(kind) is not None, kind
    assert (absences["end_date"] >= absences["start_date"]).all()
    for a in absences.itertuples():
        p = postings(roster, a.staff_id)
        inside = (p["start_date"] <= a.start_date) & (p["end_date"].isna() | (p["end_date"] >= a.end_date))
        assert inside.any(), a


def test_a_persons_absences_do_not_overlap(absences):
    for staff_id, rows in absences.groupby("staff_id"):
        rows = rows.sort_values("start_date")
        assert (rows["start_date"].iloc[1:].values > rows["end_date"].iloc[:-1].values).all(), staff_id


# --- the cases the README lists ----------------------------------------------------------------

CASE_IDS = [
    "ESF-07", "ESF-11", "11846", "11579", "12715", "12103", "12801", "12863", "12870", "12907",
    "12957", "12807", "ESF-04", "ESF-09", "11227", "10580", "11668", "11861", "11118", "12839",
    "11099", "11023", "12287", "ESF-01", "ESF-08", "12587", "10867", "10295", "ESF-10", "12446",
    "10613", "12793", "12324",
]


def test_readme_names_every_case():
    for case_id in CASE_IDS:
        assert f"**{case_id}**" in README, case_id


def test_teams_without_a_dentist(roster):
    oral = ["dentist", *ORAL_HEALTH]
    for team in ("ESF-07", "ESF-11"):
        assert not roster[(roster["team_id"] == team) & roster["cadre_id"].isin(oral)].shape[0]
    teams_with_dentist = roster[roster["cadre_id"] == "dentist"]["team_id"].nunique()
    assert teams_with_dentist == 10


@pytest.mark.parametrize("staff_id, team, cycle", [
    ("11846", "ESF-10", 1), ("11579", "ESF-06", 2), ("12715", "ESF-03", 2), ("12103", "ESF-12", 3),
])
def test_staff_who_left_before_a_payment_date(roster, scores, staff_id, team, cycle):
    p = postings(roster, staff_id)
    assert len(p) == 1 and p["team_id"].item() == team
    assert staff_id in members_on(roster, team, evaluation_day(scores, team, cycle))["staff_id"].tolist()
    first, last = window(cycle)
    assert first <= p["end_date"].item() < last


@pytest.mark.parametrize("staff_id, team, cycle", [
    ("12801", "ESF-10", 1), ("12863", "ESF-06", 2), ("12870", "ESF-02", 2), ("12907", "ESF-03", 2),
    ("12957", "ESF-12", 3),
])
def test_staff_hired_after_the_external_evaluation(roster, scores, staff_id, team, cycle):
    p = postings(roster, staff_id)
    assert len(p) == 1 and p["team_id"].item() == team and pd.isna(p["end_date"].item())
    start = p["start_date"].item()
    assert start > evaluation_day(scores, team, cycle)
    assert start <= window(cycle)[1], "in post while that cycle's money comes in"


def test_nasf_psychologist_hired_between_two_evaluations(roster, scores):
    p = postings(roster, "12807")
    assert p["team_id"].item() == "ESF-02" and p["cadre_id"].item() == "psychologist"
    assert evaluation_day(scores, "ESF-02", 1) < p["start_date"].item() < evaluation_day(scores, "ESF-02", 2)
    assert postings(roster, "12839")[["team_id", "cadre_id"]].values.tolist() == [["ESF-05", "physiotherapist"]]


def test_a_large_and_a_small_team_with_the_same_category(roster, scores):
    for cycle in (2, 3):
        assert category(scores, "ESF-04", cycle) == category(scores, "ESF-11", cycle)
    assert category(scores, "ESF-04", 2) == "muito_acima_da_média"
    assert len(members_on(roster, "ESF-04", evaluation_day(scores, "ESF-04", 2))) == 15
    assert len(members_on(roster, "ESF-11", evaluation_day(scores, "ESF-11", 2))) == 8


def test_a_disqualified_team_in_one_cycle(scores, transfers):
    disqualified = scores[scores["category_id"] == DISQUALIFIED]
    assert list(zip(disqualified["team_id"], disqualified["cycle"])) == [("ESF-09", 2)]
    first, last = CYCLES[2]["months"]
    esf09 = transfers[(transfers["team_id"] == "ESF-09") & transfers["month"].between(first, last)]
    assert len(esf09) == 16 and (esf09["amount"] == 0).all()


def test_a_person_who_moved_between_teams(roster, scores):
    p = postings(roster, "11227")
    assert p["team_id"].tolist() == ["ESF-02", "ESF-08"]
    assert p["cadre_id"].tolist() == ["nurse", "nurse"]
    assert p["end_date"].iloc[0] + pd.Timedelta(days=1) == p["start_date"].iloc[1] == D(2015, 3, 1)
    assert "11227" in members_on(roster, "ESF-02", evaluation_day(scores, "ESF-02", 2))["staff_id"].tolist()
    retired = postings(roster, "10580")
    assert retired["team_id"].item() == "ESF-08" and retired["end_date"].item() == D(2015, 2, 28)
    assert roster["staff_id"].value_counts().max() == 2 and (roster["staff_id"].value_counts() == 2).sum() == 1


def _absences_of(absences, staff_id, kind):
    return absences[(absences["staff_id"] == staff_id) & (absences["kind"] == kind)]


def test_inss_leave_for_several_months(absences, roster):
    leave = _absences_of(absences, "11668", "inss")
    assert len(leave) == 1
    assert (leave["end_date"].item() - leave["start_date"].item()).days >= 90
    first, last = window(2)
    assert first <= leave["start_date"].item() and leave["end_date"].item() <= last
    assert postings(roster, "11668")[["team_id", "cadre_id"]].values.tolist() == [["ESF-05", "community_health_agent"]]


def test_unjustified_absences(absences):
    faltas = _absences_of(absences, "11861", "falta_injustificada")
    first, last = window(2)
    assert faltas["start_date"].between(first, last).sum() == 4
    assert len(faltas) == 5
    assert set(absences[absences["kind"] == "falta_injustificada"]["staff_id"]) == {"11861"}


def test_part_time_staff(roster):
    hours = dict(zip(roster["staff_id"], roster["weekly_hours"]))
    assert hours["11118"] == 20 and hours["12839"] == 20
    assert hours["11099"] == 30 and hours["12807"] == 30
    assert sorted(roster[roster["weekly_hours"] != 40]["staff_id"]) == ["11099", "11118", "12807", "12839"]


def test_staff_who_did_not_sign_the_participation_contract(roster):
    assert sorted(roster[roster["signed_contract"] == "não"]["staff_id"]) == ["11023", "12287"]


def test_a_team_improves_and_a_team_worsens(scores):
    def shares(team):
        return [PERCENT[category(scores, team, c)] for c in (1, 2, 3)]
    improving, worsening = shares("ESF-01"), shares("ESF-08")
    assert improving == sorted(improving) and len(set(improving)) == 3
    assert worsening == sorted(worsening, reverse=True) and len(set(worsening)) == 3


def test_other_absences(absences, roster):
    maternity = _absences_of(absences, "12587", "licença_maternidade")
    assert len(maternity) == 1 and postings(roster, "12587")["cadre"].item() == "enfermeira"
    assert len(_absences_of(absences, "10867", "cessão")) == 1
    assert len(_absences_of(absences, "10295", "sem_vencimentos")) == 1
    assert (absences["kind"] == "férias").sum() == 25


def test_teams_with_zero_transfers(transfers, scores):
    assert category(scores, "ESF-07", 1) == "insatisfatório" and category(scores, "ESF-10", 3) == "ruim"
    for team, cycle in (("ESF-07", 1), ("ESF-10", 3)):
        first, last = CYCLES[cycle]["months"]
        rows = transfers[(transfers["team_id"] == team) & transfers["month"].between(first, last)]
        assert len(rows) and (rows["amount"] == 0).all()


def test_assistants_and_other_cadres(roster):
    assert postings(roster, "12446")["cadre_id"].item() == "endemic_agent"
    aux = postings(roster, "10613")
    assert aux["cadre"].item() == "auxiliar_de_enfermagem" and aux["cbo"].item() == "322250"
    assert aux["cadre_id"].item() == "nursing_assistant"
    esf08 = roster[roster["team_id"] == "ESF-08"]["cadre_id"].tolist()
    assert "nursing_technician" not in esf08, "ESF-08 has an assistant and no technician"
    asb = roster[roster["cadre_id"] == "oral_health_assistant"]
    assert sorted(asb["team_id"]) == ["ESF-02", "ESF-06"]
    assert not roster[roster["team_id"].isin(["ESF-02", "ESF-06"])]["cadre_id"].eq("oral_health_technician").any()


def test_readme_row_counts(roster, scores, transfers, absences):
    for name, df in (("roster", roster), ("scores", scores), ("transfers", transfers), ("absences", absences)):
        assert re.search(rf"`{name}\.csv` \| {len(df)} \|", README), name


# --- the generator -----------------------------------------------------------------------------

def test_generator_rewrites_the_same_files(tmp_path):
    subprocess.run([sys.executable, str(GENERATOR), str(tmp_path)], check=True, timeout=60)
    for name in COLUMNS:
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name
