"""The bundled M5 data (laws/data/m05) loads into the documented tables, value for value."""

from __future__ import annotations

import csv
from decimal import Decimal

import pandas as pd
import pytest

from p4p_rules.data import Dataset, load_dataset
from p4p_rules.model.vocabulary import CADRES, CATEGORIES
from tests.data_loading.helpers import M05


def lines(name: str) -> list[dict[str, str]]:
    """The file read with the csv module only: an oracle independent of the loader."""
    with (M05 / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


@pytest.fixture(scope="module")
def data() -> Dataset:
    return load_dataset(M05)


def test_shapes_and_columns(data: Dataset) -> None:
    assert len(data.roster) == len(lines("roster.csv")) == 144
    assert len(data.scores) == len(lines("scores.csv")) == 36
    assert len(data.transfers) == len(lines("transfers.csv")) == 372
    assert len(data.absences) == len(lines("absences.csv")) == 34
    assert list(data.roster.columns) == ["staff_id", "name", "team_id", "cadre", "cbo", "start_date", "end_date",
                                         "contract_type", "signed_contract", "weekly_hours", "row"]
    assert list(data.scores.columns) == ["team_id", "cycle", "evaluation_date", "score", "category", "row"]
    assert list(data.transfers.columns) == ["month", "team_id", "amount", "row"]
    assert list(data.absences.columns) == ["staff_id", "start_date", "end_date", "kind", "row"]
    assert data.sources["roster"].endswith("roster.csv")


def test_dtypes(data: Dataset) -> None:
    r = data.roster
    assert str(r["start_date"].dtype) == str(r["end_date"].dtype) == "datetime64[ns]"
    assert r["signed_contract"].dtype == bool
    assert r["weekly_hours"].dtype == "int64"
    assert data.scores["cycle"].dtype == "int64" and data.scores["score"].dtype == "float64"
    assert data.transfers["amount"].dtype == "int64"
    assert str(data.transfers["month"].dtype) == "datetime64[ns]"
    for table, column in [(r, "staff_id"), (r, "team_id"), (r, "cbo"), (data.absences, "staff_id")]:
        assert table[column].dtype == object
        assert all(v is None or isinstance(v, str) for v in table[column])


def test_roster_values(data: Dataset) -> None:
    r = data.roster.set_index("row")
    assert r["staff_id"].tolist() == [line["staff_id"] for line in lines("roster.csv")]
    assert r.index.tolist() == list(range(2, 146))  # header is row 1
    assert r.loc[17, "staff_id"] == "11241" and r.loc[17, "cadre"] == "nursing_technician"
    # the two coordinators are outside teams
    coordinators = r[r["team_id"].isna()]
    assert sorted(coordinators["staff_id"]) == ["12324", "12793"]
    assert set(coordinators["cadre"]) == {"coordinator"}
    assert all(v is None for v in coordinators["team_id"])
    # the nurse who moved has two postings, the first ending the day before the second starts
    moves = r[r["staff_id"] == "11227"].sort_values("start_date")
    assert moves["team_id"].tolist() == ["ESF-02", "ESF-08"]
    assert moves["end_date"].iloc[0] == pd.Timestamp(2015, 2, 28) and pd.isna(moves["end_date"].iloc[1])
    assert moves["start_date"].iloc[1] == pd.Timestamp(2015, 3, 1)
    assert set(r.loc[~r["signed_contract"], "staff_id"]) == {"11023", "12287"}
    assert set(r.loc[r["weekly_hours"] == 20, "staff_id"]) == {"11118", "12839"}
    assert set(r.loc[r["weekly_hours"] == 30, "staff_id"]) == {"11099", "12807"}
    assert set(r["cadre"]) <= set(CADRES.terms)
    for cadre, cbo in zip(r["cadre"], r["cbo"]):
        assert cbo in CADRES.terms[cadre].cbo
    assert r["staff_id"].nunique() == 143


def test_scores_values(data: Dataset) -> None:
    s = data.scores.set_index(["team_id", "cycle"])
    assert len(s.index.unique()) == 36
    assert s.loc[("ESF-09", 2), "category"] == "disqualified" and pd.isna(s.loc[("ESF-09", 2), "score"])
    assert s.loc[("ESF-01", 1), "score"] == 55.76 and s.loc[("ESF-01", 1), "category"] == "below_average"
    assert s.loc[("ESF-01", 3), "category"] == "excellent"
    assert s.loc[("ESF-01", 1), "evaluation_date"] == pd.Timestamp(2012, 7, 26)
    assert set(s["category"]) <= set(CATEGORIES.terms)


def test_transfers_to_the_centavo(data: Dataset) -> None:
    t = data.transfers
    expected = [int(Decimal(line["amount"].replace(".", "").replace(",", ".")) * 100)
                for line in lines("transfers.csv")]
    assert t["amount"].tolist() == expected
    assert set(t["amount"]) == {0, 170_000, 510_000, 680_000, 850_000}
    assert (t["month"].dt.day == 1).all()
    assert t["month"].min() == pd.Timestamp(2012, 10, 1) and t["month"].max() == pd.Timestamp(2017, 12, 1)
    assert t["team_id"].notna().all()


def test_absences_values(data: Dataset) -> None:
    a = data.absences
    assert a["kind"].value_counts().to_dict() == {"vacation": 25, "unjustified": 5, "maternity": 1, "inss": 1,
                                                  "secondment": 1, "unpaid": 1}
    assert set(a.loc[a["kind"] == "unjustified", "staff_id"]) == {"11861"}
    inss = a[a["kind"] == "inss"].iloc[0]
    assert (inss["staff_id"], inss["start_date"], inss["end_date"]) == (
        "11668", pd.Timestamp(2015, 3, 10), pd.Timestamp(2015, 8, 20))


def test_loading_twice_gives_equal_datasets(data: Dataset) -> None:
    assert load_dataset(M05).equals(data)
