"""The bundled example data (laws/data/mNN): consistent, as documented, and holding every case each
README lists. The generic checks run on every data set; the cases are listed per set below (from
each README) and checked against the files."""

from __future__ import annotations

import importlib.util
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pytest

from p4p_rules.load import compile_file
from p4p_rules.model import law as m
from p4p_rules.model.vocabulary import CADRES, CATEGORIES, DISQUALIFIED, FIVE_LEVEL, FOUR_LEVEL, LEAVE_KINDS

ROOT = Path(__file__).resolve().parents[1]
DATA_ROOT = ROOT / "laws" / "data"
GENERATOR = DATA_ROOT / "make_data.py"
SETS = sorted(p.name for p in DATA_ROOT.glob("m[0-9][0-9]") if (p / "roster.csv").is_file())

COLUMNS = {
    "roster.csv": ["staff_id", "name", "team_id", "cadre", "cbo", "start_date", "end_date",
                   "contract_type", "signed_contract", "weekly_hours"],
    "scores.csv": ["team_id", "cycle", "evaluation_date", "score", "category"],
    "transfers.csv": ["month", "team_id", "amount"],
    "absences.csv": ["staff_id", "start_date", "end_date", "kind"],
}
FULL_VALUE_CENTAVOS = 850_000
# As documented in m05/README.md ("transfers.csv", "scores.csv", "Timeline"), for every set.
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
N_MONTHS = 6 + 16 + 9
DATA_END = D(2017, 12, 31)
NON_LEAVE_KINDS = ["falta_injustificada"]  # an absence laws count, not a leave
NURSING = ["nursing_technician", "nursing_assistant"]   # domain.md: "a nursing assistant/technician"
ORAL_HEALTH = ["oral_health_technician", "oral_health_assistant"]
OUTSIDE_CADRES = ["coordinator", "unit_manager"]  # the only staff outside the teams
UNIT_MANAGER_CBO = "131210"  # M17's `cadre unit_manager` names no CBO code; m17/README.md gives this one


# --- the cases each README lists -----------------------------------------------------------------
# left: (staff_id, team, cycle) in the team on its evaluation day, left during that cycle's transfers.
# hired: (staff_id, team, cycle) started after the team's evaluation, in post while the money comes.
# large_small: (large team, small team, cycles with the same category, members of each on the day).
# movers: staff_id -> teams in order. part_time: staff_id -> weekly hours (everyone else 40).
# absences: (staff_id, kind, how many). other_ids: further ids or teams the README names in bold.
CASES = {
    "m04": dict(
        teams=18, no_dentist=["ESF-05", "ESF-11", "ESF-16"],
        left=[("22598", "ESF-10", 1), ("23675", "ESF-03", 2), ("20847", "ESF-01", 2), ("22531", "ESF-12", 2),
              ("23686", "ESF-17", 3), ("23481", "ESF-15", 3)],
        hired=[("24071", "ESF-10", 1), ("24112", "ESF-03", 2), ("24146", "ESF-01", 2), ("24147", "ESF-08", 2),
               ("24182", "ESF-12", 2), ("24211", "ESF-13", 2), ("24228", "ESF-17", 3), ("24229", "ESF-15", 3)],
        large_small=("ESF-04", "ESF-11", (2, 3), 15, 8), disqualified=[("ESF-09", 2), ("ESF-14", 3)],
        movers={"21171": ["ESF-13", "ESF-18"]},
        part_time={"23329": 30, "24108": 30, "24031": 20, "22308": 20}, unsigned=["20275", "23642"],
        absences=[("23516", "licença_maternidade", 1), ("22821", "cessão", 1), ("22633", "inss", 1),
                  ("23318", "sem_vencimentos", 1), ("23901", "falta_injustificada", 3)],
        other_ids=["ESF-08", "22389", "ESF-03", "23635", "ESF-06", "24052", "22622"],
    ),
    "m05": dict(
        teams=12, no_dentist=["ESF-07", "ESF-11"],
        left=[("11846", "ESF-10", 1), ("11579", "ESF-06", 2), ("12715", "ESF-03", 2), ("12103", "ESF-12", 3)],
        hired=[("12801", "ESF-10", 1), ("12863", "ESF-06", 2), ("12870", "ESF-02", 2), ("12907", "ESF-03", 2),
               ("12957", "ESF-12", 3)],
        large_small=("ESF-04", "ESF-11", (2, 3), 15, 8), disqualified=[("ESF-09", 2)],
        movers={"11227": ["ESF-02", "ESF-08"]},
        part_time={"11118": 20, "12839": 20, "11099": 30, "12807": 30}, unsigned=["11023", "12287"],
        absences=[("12587", "licença_maternidade", 1), ("11668", "inss", 1), ("10867", "cessão", 1),
                  ("10295", "sem_vencimentos", 1), ("11861", "falta_injustificada", 5)],
        other_ids=["12807", "ESF-01", "ESF-08", "10580", "12446", "10613", "12793", "12324"],
    ),
    "m14": dict(
        teams=32, no_dentist=["ESF-05", "ESF-10", "ESF-15", "ESF-22", "ESF-31"],
        left=[("41879", "ESF-12", 1), ("45528", "ESF-04", 2), ("46210", "ESF-07", 2), ("46405", "ESF-26", 2),
              ("45077", "ESF-30", 3), ("46491", "ESF-28", 3)],
        hired=[("46649", "ESF-12", 1), ("46711", "ESF-03", 2), ("46727", "ESF-04", 2), ("46741", "ESF-07", 2),
               ("46762", "ESF-19", 2), ("46764", "ESF-25", 2), ("46774", "ESF-30", 3), ("46809", "ESF-28", 3)],
        large_small=("ESF-04", "ESF-31", (2, 3), 15, 8), disqualified=[("ESF-09", 2), ("ESF-24", 3)],
        movers={"43158": ["ESF-25", "ESF-26"]},
        part_time={"41439": 30, "46666": 30, "44500": 20, "46708": 20, "46598": 20, "42685": 30},
        unsigned=["42906"],
        absences=[("46559", "inss", 1), ("43592", "inss", 1), ("46136", "sem_vencimentos", 1),
                  ("42222", "licença_maternidade", 1), ("44239", "suspensão", 1), ("42697", "cessão", 1),
                  ("40868", "falta_injustificada", 2)],
        other_ids=["ESF-19", "43988", "46380", "ESF-06", "46631", "44115", "46229"],
    ),
    "m15": dict(
        teams=14, no_dentist=["ESF-04", "ESF-07"],
        left=[("52074", "ESF-06", 1), ("50819", "ESF-14", 2), ("51997", "ESF-03", 3)],
        hired=[("52947", "ESF-06", 1), ("53007", "ESF-09", 2), ("53020", "ESF-14", 2), ("53042", "ESF-11", 2),
               ("53072", "ESF-03", 3)],
        large_small=("ESF-03", "ESF-07", (2, 3), 15, 8), disqualified=[("ESF-08", 2), ("ESF-13", 3)],
        movers={"51638": ["ESF-11", "ESF-12"]},
        part_time={"50620": 30, "52983": 30, "50744": 20, "52912": 20}, unsigned=["52394"],
        absences=[("52728", "inss", 1), ("50121", "licença_maternidade", 1), ("50511", "cessão", 1),
                  ("52094", "sem_vencimentos", 1), ("50387", "falta_injustificada", 1)],
        other_ids=["52759", "52932", "52047", "50958"],
    ),
    "m17": dict(
        teams=16, no_dentist=["ESF-04", "ESF-08"],
        left=[("72473", "ESF-07", 1), ("73601", "ESF-11", 2), ("70254", "ESF-14", 2), ("70698", "ESF-16", 3)],
        hired=[("73903", "ESF-11", 2), ("73910", "ESF-14", 2), ("73944", "ESF-16", 3), ("73959", "ESF-03", 3)],
        large_small=("ESF-03", "ESF-08", (2, 3), 15, 8), disqualified=[("ESF-09", 2), ("ESF-13", 3)],
        movers={"71311": ["ESF-03", "ESF-10"]},
        part_time={"73665": 30, "73458": 20, "73821": 30, "73740": 20, "73704": 30, "73883": 20},
        unsigned=["71746"],
        absences=[("73539", "inss", 1), ("73264", "inss", 1), ("72064", "licença_maternidade", 1),
                  ("70753", "sem_vencimentos", 1), ("73698", "cessão", 1), ("71916", "falta_injustificada", 1)],
        other_ids=["ESF-07", "73804", "72354", "73775", "72985", "72320", "73791"],
    ),
}


@dataclass
class DataSet:
    name: str
    dir: Path
    readme: str
    roster: pd.DataFrame
    scores: pd.DataFrame
    transfers: pd.DataFrame
    absences: pd.DataFrame

    @property
    def teams(self) -> list[str]:
        return sorted(self.scores["team_id"].unique())


def read(path: Path) -> pd.DataFrame:
    df = pd.read_csv(path, sep=";", decimal=",", thousands=".", encoding="utf-8",
                     dtype={"staff_id": str, "team_id": str, "cbo": str},
                     keep_default_na=False, na_values=[""])
    for col in ("start_date", "end_date", "evaluation_date"):
        if col in df:
            df[col] = pd.to_datetime(df[col], dayfirst=True, format="%d/%m/%Y")
    if "month" in df:
        df["month"] = pd.to_datetime(df["month"], format="%m/%Y")
    return df


def law_cadres(name: str) -> dict[str, list[str]]:
    """The cadres the set's law declares itself (`cargo …` / `cadre …`), with their CBO codes."""
    law = ROOT / "laws" / f"{name}.p4p"
    out: dict[str, list[str]] = {}
    if law.is_file():
        for text in compile_file(law).texts:
            for article in text.articles:
                for _, p in article.all_provisions():
                    if isinstance(p, m.CadreDecl):
                        out[p.name] = list(p.cbo)
    return out


@lru_cache(maxsize=None)
def dataset(name: str) -> DataSet:
    d = DATA_ROOT / name
    roster = read(d / "roster.csv")
    own = law_cadres(name)
    roster["cadre_id"] = roster["cadre"].map(lambda c: CADRES.lookup(c) or (c if c in own else None))
    scores = read(d / "scores.csv")
    scores["category_id"] = scores["category"].map(CATEGORIES.lookup)
    return DataSet(name, d, (d / "README.md").read_text(encoding="utf-8"), roster, scores,
                   read(d / "transfers.csv"), read(d / "absences.csv"))


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


def cases(kind: str) -> list[tuple]:
    """(set, case) pairs for a parametrised test."""
    out = []
    for name, c in CASES.items():
        value = c[kind]
        out.extend((name, *v) if isinstance(v, tuple) else (name, v)
                   for v in (value.items() if isinstance(value, dict) else value))
    return out


def test_every_data_set_has_its_cases_listed():
    assert SETS == sorted(CASES) and len(SETS) >= 5


# --- file format -------------------------------------------------------------------------------

@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize("file", list(COLUMNS))
def test_file_is_utf8_semicolon_with_the_documented_header(name, file):
    raw = (DATA_ROOT / name / file).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no BOM"
    lines = raw.decode("utf-8").split("\n")
    assert lines[-1] == "" and all(lines[:-1]), "one record per line, ending with a newline"
    assert lines[0].split(";") == COLUMNS[file]
    assert all(line.count(";") == len(COLUMNS[file]) - 1 for line in lines[:-1])
    assert list(read(DATA_ROOT / name / file).columns) == COLUMNS[file]


@pytest.mark.parametrize("name", SETS)
def test_fields_are_written_the_brazilian_way(name):
    text = {file: (DATA_ROOT / name / file).read_text(encoding="utf-8") for file in COLUMNS}
    date, month = re.compile(r"\d{2}/\d{2}/\d{4}"), re.compile(r"\d{2}/\d{4}")
    for file, cols in COLUMNS.items():
        for line in text[file].splitlines()[1:]:
            row = dict(zip(cols, line.split(";"), strict=True))
            for col in ("start_date", "end_date", "evaluation_date"):
                if row.get(col):
                    assert date.fullmatch(row[col]), (file, line)
            if "month" in row:
                assert month.fullmatch(row["month"]), line
            if "amount" in row:
                assert re.fullmatch(r"\d{1,3}(\.\d{3})*,\d{2}", row["amount"]), line
            if row.get("score"):
                assert re.fullmatch(r"\d{1,3},\d{2}", row["score"]), line
    assert "8.500,00" in text["transfers.csv"] and "5.100,00" in text["transfers.csv"]


@pytest.mark.parametrize("name", SETS)
def test_files_are_small(name):
    for path in (DATA_ROOT / name).rglob("*.csv"):
        assert path.stat().st_size < 300_000, path


# --- roster ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", SETS)
def test_every_cadre_is_a_known_cadre_with_its_cbo(name):
    roster, own = dataset(name).roster, law_cadres(name)
    unknown = roster[roster["cadre_id"].isna()]["cadre"].unique().tolist()
    assert unknown == []
    for row in roster.itertuples():
        if row.cadre_id in own:  # a law's own cadre: its codes, or the one the README gives
            codes = own[row.cadre_id] or [UNIT_MANAGER_CBO]
        else:
            codes = CADRES.terms[row.cadre_id].cbo
        assert row.cbo in codes, (row.staff_id, row.cadre, row.cbo)


@pytest.mark.parametrize("name", SETS)
def test_roster_values_are_in_their_domains(name):
    ds = dataset(name)
    roster = ds.roster
    assert set(roster["contract_type"]) <= {"efetivo", "contratado", "comissionado"}
    assert set(roster["signed_contract"]) == {"sim", "não"}
    assert set(roster["weekly_hours"]) == {20, 30, 40}
    assert roster["staff_id"].str.fullmatch(r"\d{5}").all()
    assert set(roster["team_id"].dropna()) == set(ds.teams)
    assert len(ds.teams) == CASES[name]["teams"] and 10 <= len(ds.teams) <= 40
    assert roster["name"].notna().all() and roster["start_date"].notna().all()


@pytest.mark.parametrize("name", SETS)
def test_a_person_has_one_name_and_a_name_one_person(name):
    roster = dataset(name).roster
    assert (roster.groupby("staff_id")["name"].nunique() == 1).all()
    assert (roster.groupby("name")["staff_id"].nunique() == 1).all()


@pytest.mark.parametrize("name", SETS)
def test_postings_end_after_they_start_and_within_the_data(name):
    roster = dataset(name).roster
    ended = roster[roster["end_date"].notna()]
    assert (ended["end_date"] >= ended["start_date"]).all()
    assert (ended["end_date"] <= DATA_END).all()
    assert (roster["start_date"] <= DATA_END).all()


@pytest.mark.parametrize("name", SETS)
def test_no_person_has_overlapping_postings(name):
    for staff_id, rows in dataset(name).roster.groupby("staff_id"):
        rows = rows.sort_values("start_date")
        ends, starts = rows["end_date"].iloc[:-1].values, rows["start_date"].iloc[1:].values
        assert not pd.isna(ends).any() and (ends < starts).all(), staff_id


@pytest.mark.parametrize("name", SETS)
def test_staff_outside_the_teams_are_coordinators_or_unit_managers(name):
    roster = dataset(name).roster
    outside = roster[roster["team_id"].isna()]
    assert 2 <= len(outside) == outside["staff_id"].nunique()
    assert outside["cadre_id"].isin(OUTSIDE_CADRES).all()
    assert "coordinator" in set(outside["cadre_id"])
    assert not roster[roster["team_id"].notna()]["cadre_id"].isin(OUTSIDE_CADRES).any()
    for staff_id in outside["staff_id"]:
        assert f"**{staff_id}**" in dataset(name).readme, staff_id


@pytest.mark.parametrize("name", SETS)
def test_teams_have_the_required_composition_on_each_evaluation_day(name):
    ds = dataset(name)
    with_oral_health = 0
    for s in ds.scores.itertuples():
        members = members_on(ds.roster, s.team_id, s.evaluation_date)
        cadres = members["cadre_id"].tolist()
        assert 8 <= len(members) <= 15, (s.team_id, s.cycle, len(members))
        for needed in ("physician", "nurse"):
            assert needed in cadres, (s.team_id, s.cycle, needed)
        assert set(NURSING) & set(cadres), (s.team_id, s.cycle, "nursing technician or assistant")
        assert 4 <= cadres.count("community_health_agent") <= 8, (s.team_id, s.cycle)
        with_oral_health += "dentist" in cadres and bool(set(ORAL_HEALTH) & set(cadres))
    assert with_oral_health >= 0.75 * len(ds.scores), "most teams have a dentist and an oral-health technician"
    # the full cadre mix, somewhere in the municipality
    present = set(ds.roster["cadre_id"])
    assert {"physician", "nurse", "nursing_technician", "nursing_assistant", "community_health_agent",
            "endemic_agent", "dentist", "oral_health_technician", "oral_health_assistant", "administrative",
            "support", "coordinator"} <= present, name
    assert present & {"psychologist", "physiotherapist", "nutritionist", "social_worker"}, "NASF"


# --- scores ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", SETS)
def test_every_team_has_one_score_per_cycle_and_every_scored_team_is_in_the_roster(name):
    ds = dataset(name)
    pairs = sorted(zip(ds.scores["team_id"], ds.scores["cycle"], strict=True))
    assert pairs == [(t, c) for t in ds.teams for c in (1, 2, 3)]
    assert set(ds.scores["team_id"]) <= set(ds.roster["team_id"].dropna())


@pytest.mark.parametrize("name", SETS)
def test_categories_use_the_scale_of_their_cycle(name):
    scores = dataset(name).scores
    assert scores["category_id"].notna().all()
    for s in scores.itertuples():
        scale = FOUR_LEVEL if s.cycle in (1, 2) else FIVE_LEVEL
        assert s.category_id in [*scale, DISQUALIFIED], (s.team_id, s.cycle, s.category)


@pytest.mark.parametrize("name", SETS)
def test_score_lies_in_its_category_band_and_disqualified_teams_have_none(name):
    for s in dataset(name).scores.itertuples():
        if s.category_id == DISQUALIFIED:
            assert pd.isna(s.score), s.team_id
        else:
            low, high = BANDS[s.category]
            assert low <= s.score < high, (s.team_id, s.cycle, s.score, s.category)


@pytest.mark.parametrize("name", SETS)
def test_evaluation_days_fall_in_the_cycle_window_on_weekdays(name):
    for s in dataset(name).scores.itertuples():
        first, last = CYCLES[s.cycle]["evaluation"]
        assert first <= s.evaluation_date <= last < CYCLES[s.cycle]["certified"]
        assert s.evaluation_date.weekday() < 5


# --- transfers ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", SETS)
def test_every_transfer_month_has_a_certification_of_that_cycle(name):
    ds = dataset(name)
    certified = set(zip(ds.scores["team_id"], ds.scores["cycle"], strict=True))
    for t in ds.transfers.itertuples():
        cycle = cycle_of_month(t.month)
        assert cycle is not None, t
        assert (t.team_id, cycle) in certified, t
        assert t.month > CYCLES[cycle]["certified"], "money comes after the certification"
    assert ds.transfers["month"].max() == D(2017, 12, 1)


@pytest.mark.parametrize("name", SETS)
def test_transfers_cover_each_certified_cycle_month_by_month(name):
    ds = dataset(name)
    assert not ds.transfers.duplicated(["month", "team_id"]).any()
    expected = {(mo, team) for c in CYCLES.values()
                for mo in pd.date_range(*c["months"], freq="MS") for team in ds.teams}
    assert set(zip(ds.transfers["month"], ds.transfers["team_id"], strict=True)) == expected
    assert len(ds.transfers) == len(ds.teams) * N_MONTHS


@pytest.mark.parametrize("name", SETS)
def test_amount_is_the_full_value_times_the_category_percentage(name):
    ds = dataset(name)
    cat = {(s.team_id, s.cycle): s.category for s in ds.scores.itertuples()}
    for t in ds.transfers.itertuples():
        pct = PERCENT[cat[(t.team_id, cycle_of_month(t.month))]]
        assert round(t.amount * 100) == FULL_VALUE_CENTAVOS * pct // 100, t


@pytest.mark.parametrize("name", SETS)
def test_readme_documents_the_percentages(name):
    readme = dataset(name).readme
    assert "R$ 8.500,00 per team per month" in readme
    for category_name, pct in PERCENT.items():
        assert re.search(rf"\| `{category_name}`[^|]*\| {pct}%", readme), category_name


# --- absences ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", SETS)
def test_absences_are_of_known_people_kinds_and_dates(name):
    ds = dataset(name)
    kinds = set(ds.absences["kind"])
    assert {"inss", "sem_vencimentos", "cessão", "licença_maternidade", "férias", "falta_injustificada"} <= kinds
    for kind in kinds - set(NON_LEAVE_KINDS):
        assert LEAVE_KINDS.lookup(kind) is not None, kind
    assert (ds.absences["end_date"] >= ds.absences["start_date"]).all()
    for a in ds.absences.itertuples():
        p = postings(ds.roster, a.staff_id)
        inside = (p["start_date"] <= a.start_date) & (p["end_date"].isna() | (p["end_date"] >= a.end_date))
        assert inside.any(), a


@pytest.mark.parametrize("name", SETS)
def test_a_persons_absences_do_not_overlap(name):
    for staff_id, rows in dataset(name).absences.groupby("staff_id"):
        rows = rows.sort_values("start_date")
        assert (rows["start_date"].iloc[1:].values > rows["end_date"].iloc[:-1].values).all(), staff_id


@pytest.mark.parametrize("name, staff_id, kind, count", cases("absences"))
def test_the_absences_the_readme_lists(name, staff_id, kind, count):
    ds = dataset(name)
    assert len(ds.absences[(ds.absences["staff_id"] == staff_id) & (ds.absences["kind"] == kind)]) == count
    if kind == "falta_injustificada":
        assert set(ds.absences[ds.absences["kind"] == kind]["staff_id"]) == {staff_id}
    else:
        assert f"**{staff_id}**" in ds.readme


@pytest.mark.parametrize("name", SETS)
def test_every_absence_but_ordinary_vacations_is_a_listed_case(name):
    ds = dataset(name)
    listed = {(s, k) for s, k, _ in CASES[name]["absences"]}
    others = ds.absences[ds.absences["kind"] != "férias"]
    assert set(zip(others["staff_id"], others["kind"], strict=True)) == listed


# --- the cases the READMEs list ------------------------------------------------------------------

def case_ids(name: str) -> list[str]:
    c = CASES[name]
    ids = [*c["no_dentist"], *(x[0] for x in c["left"]), *(x[0] for x in c["hired"]), *c["large_small"][:2],
           *(t for t, _ in c["disqualified"]), *c["movers"], *c["part_time"], *c["unsigned"],
           *(s for s, _, _ in c["absences"]), *c["other_ids"]]
    return list(dict.fromkeys(ids))


@pytest.mark.parametrize("name", SETS)
def test_readme_names_every_case(name):
    for case_id in case_ids(name):
        assert f"**{case_id}**" in dataset(name).readme, case_id


@pytest.mark.parametrize("name, team", cases("no_dentist"))
def test_teams_without_a_dentist(name, team):
    roster = dataset(name).roster
    assert not roster[(roster["team_id"] == team) & roster["cadre_id"].isin(["dentist", *ORAL_HEALTH])].shape[0]


@pytest.mark.parametrize("name", SETS)
def test_every_other_team_has_a_dentist(name):
    ds = dataset(name)
    with_dentist = set(ds.roster[ds.roster["cadre_id"] == "dentist"]["team_id"])
    assert with_dentist == set(ds.teams) - set(CASES[name]["no_dentist"])


@pytest.mark.parametrize("name, staff_id, team, cycle", cases("left"))
def test_staff_who_left_before_a_payment_date(name, staff_id, team, cycle):
    ds = dataset(name)
    p = postings(ds.roster, staff_id)
    assert len(p) == 1 and p["team_id"].item() == team
    assert staff_id in members_on(ds.roster, team, evaluation_day(ds.scores, team, cycle))["staff_id"].tolist()
    first, last = window(cycle)
    assert first <= p["end_date"].item() < last


@pytest.mark.parametrize("name, staff_id, team, cycle", cases("hired"))
def test_staff_hired_after_the_external_evaluation(name, staff_id, team, cycle):
    ds = dataset(name)
    p = postings(ds.roster, staff_id)
    assert len(p) == 1 and p["team_id"].item() == team and pd.isna(p["end_date"].item())
    start = p["start_date"].item()
    assert start > evaluation_day(ds.scores, team, cycle)
    assert start <= window(cycle)[1], "in post while that cycle's money comes in"


@pytest.mark.parametrize("name", SETS)
def test_a_large_and_a_small_team_with_the_same_category(name):
    ds = dataset(name)
    large, small, cycles, n_large, n_small = CASES[name]["large_small"]
    for cycle in cycles:
        assert category(ds.scores, large, cycle) == category(ds.scores, small, cycle)
        assert len(members_on(ds.roster, large, evaluation_day(ds.scores, large, cycle))) == n_large
        assert len(members_on(ds.roster, small, evaluation_day(ds.scores, small, cycle))) == n_small
    assert PERCENT[category(ds.scores, large, cycles[0])] >= 60, "both are among the best"


@pytest.mark.parametrize("name", SETS)
def test_disqualified_teams(name):
    ds = dataset(name)
    disqualified = ds.scores[ds.scores["category_id"] == DISQUALIFIED]
    assert sorted(zip(disqualified["team_id"], disqualified["cycle"], strict=True)) == CASES[name]["disqualified"]
    for team, cycle in CASES[name]["disqualified"]:
        first, last = CYCLES[cycle]["months"]
        rows = ds.transfers[(ds.transfers["team_id"] == team) & ds.transfers["month"].between(first, last)]
        assert len(rows) == len(pd.date_range(first, last, freq="MS")) and (rows["amount"] == 0).all()


@pytest.mark.parametrize("name", SETS)
def test_movers(name):
    ds = dataset(name)
    counts = ds.roster["staff_id"].value_counts()
    assert sorted(counts[counts > 1].index) == sorted(CASES[name]["movers"])
    for staff_id, teams in CASES[name]["movers"].items():
        p = postings(ds.roster, staff_id)
        assert p["team_id"].tolist() == teams and p["cadre_id"].nunique() == 1
        assert p["end_date"].iloc[0] < p["start_date"].iloc[1] <= p["end_date"].iloc[0] + pd.Timedelta(days=7)


@pytest.mark.parametrize("name", SETS)
def test_part_time_staff(name):
    roster = dataset(name).roster
    hours = dict(zip(roster["staff_id"], roster["weekly_hours"], strict=True))
    expected = CASES[name]["part_time"]
    assert {s: hours[s] for s in expected} == expected
    assert sorted(roster[roster["weekly_hours"] != 40]["staff_id"]) == sorted(expected)


@pytest.mark.parametrize("name", SETS)
def test_staff_who_did_not_sign_the_participation_contract(name):
    roster = dataset(name).roster
    assert sorted(roster[roster["signed_contract"] == "não"]["staff_id"]) == sorted(CASES[name]["unsigned"])


@pytest.mark.parametrize("name", SETS)
def test_readme_row_counts(name):
    ds = dataset(name)
    for file, df in (("roster", ds.roster), ("scores", ds.scores), ("transfers", ds.transfers),
                     ("absences", ds.absences)):
        assert re.search(rf"`{file}\.csv` \| {len(df)} \|", ds.readme), file


# --- M5 only: cases of its own -------------------------------------------------------------------

def test_m05_composition_details():
    ds = dataset("m05")
    with_technicians = sum("nursing_technician" in members_on(ds.roster, s.team_id, s.evaluation_date)
                           ["cadre_id"].tolist() for s in ds.scores.itertuples())
    assert with_technicians == len(ds.scores) - 3, "only ESF-08 has a nursing assistant instead of a technician"
    with_admin_or_support = ds.roster[ds.roster["cadre_id"].isin(["administrative", "support"])]["team_id"].nunique()
    assert 2 <= with_admin_or_support <= 5, "a few teams have admin or support staff"
    outside = ds.roster[ds.roster["team_id"].isna()]
    assert sorted(outside["staff_id"]) == ["12324", "12793"]


def test_m05_nasf_psychologist_hired_between_two_evaluations():
    ds = dataset("m05")
    p = postings(ds.roster, "12807")
    assert p["team_id"].item() == "ESF-02" and p["cadre_id"].item() == "psychologist"
    assert evaluation_day(ds.scores, "ESF-02", 1) < p["start_date"].item() < evaluation_day(ds.scores, "ESF-02", 2)
    assert postings(ds.roster, "12839")[["team_id", "cadre_id"]].values.tolist() == [["ESF-05", "physiotherapist"]]


def test_m05_large_team_is_well_above_average_in_cycle_2():
    ds = dataset("m05")
    assert category(ds.scores, "ESF-04", 2) == "muito_acima_da_média"


def test_m05_a_person_who_moved_between_teams():
    ds = dataset("m05")
    p = postings(ds.roster, "11227")
    assert p["end_date"].iloc[0] + pd.Timedelta(days=1) == p["start_date"].iloc[1] == D(2015, 3, 1)
    assert "11227" in members_on(ds.roster, "ESF-02", evaluation_day(ds.scores, "ESF-02", 2))["staff_id"].tolist()
    retired = postings(ds.roster, "10580")
    assert retired["team_id"].item() == "ESF-08" and retired["end_date"].item() == D(2015, 2, 28)


def test_m05_inss_leave_for_several_months():
    ds = dataset("m05")
    leave = ds.absences[(ds.absences["staff_id"] == "11668") & (ds.absences["kind"] == "inss")]
    assert (leave["end_date"].item() - leave["start_date"].item()).days >= 90
    first, last = window(2)
    assert first <= leave["start_date"].item() and leave["end_date"].item() <= last
    assert postings(ds.roster, "11668")[["team_id", "cadre_id"]].values.tolist() == \
        [["ESF-05", "community_health_agent"]]


def test_m05_unjustified_absences():
    ds = dataset("m05")
    faltas = ds.absences[(ds.absences["staff_id"] == "11861") & (ds.absences["kind"] == "falta_injustificada")]
    first, last = window(2)
    assert faltas["start_date"].between(first, last).sum() == 4


def test_m05_other_absences():
    ds = dataset("m05")
    assert postings(ds.roster, "12587")["cadre"].item() == "enfermeira"
    assert (ds.absences["kind"] == "férias").sum() == 25


def test_m05_a_team_improves_and_a_team_worsens():
    scores = dataset("m05").scores

    def shares(team):
        return [PERCENT[category(scores, team, c)] for c in (1, 2, 3)]
    improving, worsening = shares("ESF-01"), shares("ESF-08")
    assert improving == sorted(improving) and len(set(improving)) == 3
    assert worsening == sorted(worsening, reverse=True) and len(set(worsening)) == 3


def test_m05_teams_with_zero_transfers():
    ds = dataset("m05")
    assert category(ds.scores, "ESF-07", 1) == "insatisfatório" and category(ds.scores, "ESF-10", 3) == "ruim"
    for team, cycle in (("ESF-07", 1), ("ESF-10", 3)):
        first, last = CYCLES[cycle]["months"]
        rows = ds.transfers[(ds.transfers["team_id"] == team) & ds.transfers["month"].between(first, last)]
        assert len(rows) and (rows["amount"] == 0).all()


def test_m05_assistants_and_other_cadres():
    roster = dataset("m05").roster
    assert postings(roster, "12446")["cadre_id"].item() == "endemic_agent"
    aux = postings(roster, "10613")
    assert aux["cadre"].item() == "auxiliar_de_enfermagem" and aux["cbo"].item() == "322250"
    assert aux["cadre_id"].item() == "nursing_assistant"
    esf08 = roster[roster["team_id"] == "ESF-08"]["cadre_id"].tolist()
    assert "nursing_technician" not in esf08, "ESF-08 has an assistant and no technician"
    asb = roster[roster["cadre_id"] == "oral_health_assistant"]
    assert sorted(asb["team_id"]) == ["ESF-02", "ESF-06"]
    assert not roster[roster["team_id"].isin(["ESF-02", "ESF-06"])]["cadre_id"].eq("oral_health_technician").any()


# --- the generator -----------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _generator():
    """laws/data/make_data.py, imported from its path (laws/ is not a package)."""
    spec = importlib.util.spec_from_file_location("p4p_make_data", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def test_one_spec_per_data_set():
    assert _generator().spec_names() == SETS


@pytest.mark.parametrize("name", SETS)
def test_generator_rewrites_the_same_files(name, tmp_path):
    make_data = _generator()
    make_data.generate(make_data.load_spec(name), tmp_path)
    for file in COLUMNS:
        assert (tmp_path / file).read_bytes() == (DATA_ROOT / name / file).read_bytes(), file
