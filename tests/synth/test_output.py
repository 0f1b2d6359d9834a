"""What `synthesize` writes: the layout `p4p-rules run` expects, the same bytes for the same seed,
Parquet holding the same data as CSV, and its arguments checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from p4p_rules.data import load_dataset
from p4p_rules.synth import synthesize
from tests.synth.helpers import SEED, SMALL, files

INPUTS = ("roster", "scores", "transfers", "absences")


def test_layout_is_what_a_batch_run_expects(small):
    out, summary = small
    codes = [f"m{i:04d}" for i in range(1, SMALL + 1)]
    assert sorted(p.stem for p in (out / "laws").glob("*.p4p")) == codes
    assert sorted(p.name for p in (out / "data").iterdir()) == codes   # data/<law stem>/
    for code in codes:
        assert sorted(p.name for p in (out / "data" / code).iterdir()) == sorted(f"{n}.csv" for n in INPUTS)
    assert summary.municipalities == SMALL
    assert summary.files_written == len(files(out)) == SMALL * 5 + 2   # laws, 4 inputs each, README, index


def test_summary_counts_match_the_files(small):
    out, summary = small
    rows = {name: 0 for name in INPUTS}
    for folder in (out / "data").iterdir():
        for name in INPUTS:
            lines = (folder / f"{name}.csv").read_text(encoding="utf-8").splitlines()
            rows[name] += len(lines) - 1
    assert rows == {"roster": summary.roster_rows, "scores": summary.score_rows,
                    "transfers": summary.transfer_rows, "absences": summary.absence_rows}
    assert summary.score_rows == summary.teams
    assert summary.transfer_rows == summary.teams * 12
    index = (out / "municipalities.csv").read_text(encoding="utf-8").splitlines()
    assert index[0] == "code;name;uf;ibge;teams;people;law"
    assert len(index) == SMALL + 1
    assert sum(int(line.split(";")[4]) for line in index[1:]) == summary.teams
    assert sum(int(line.split(";")[5]) for line in index[1:]) == summary.people


def test_readme_documents_the_transfer_rule(small):
    out, summary = small
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert "**R$ 8.500,00**" in readme
    for row in ("| `ótimo` | 100% | 8.500,00 |", "| `muito_bom` | 80% | 6.800,00 |", "| `bom` | 60% | 5.100,00 |",
                "| `regular` | 40% | 3.400,00 |", "| `ruim` | 20% | 1.700,00 |", "| `desclassificada` | 0% | 0,00 |"):
        assert row in readme
    assert f"| seed | {SEED} |" in readme
    assert f"| teams | {summary.teams:,} |" in readme


def test_csv_follows_the_example_conventions(small):
    out, _ = small
    folder = out / "data" / "m0001"
    roster = (folder / "roster.csv").read_bytes()
    assert not roster.startswith(b"\xef\xbb\xbf") and b"\r" not in roster and roster.endswith(b"\n")
    header, first = roster.decode("utf-8").splitlines()[:2]
    assert header == "staff_id;name;team_id;cadre;cbo;start_date;end_date;contract_type;signed_contract;weekly_hours"
    fields = first.split(";")
    assert len(fields) == 10 and fields[2].startswith("ESF-")
    assert fields[8] in ("sim", "não")
    transfers = (folder / "transfers.csv").read_text(encoding="utf-8").splitlines()
    assert transfers[0] == "month;team_id;amount"
    assert transfers[1].startswith("01/2016;ESF-01;")
    assert transfers[1].rsplit(";", 1)[1] in ("8.500,00", "6.800,00", "5.100,00", "3.400,00", "1.700,00", "0,00")


def test_same_seed_gives_the_same_bytes(small, tmp_path):
    out, _ = small
    again = tmp_path / "again"
    synthesize(SMALL, SEED, again)
    assert files(again) == files(out)


def test_another_seed_gives_other_data(small, tmp_path):
    out, _ = small
    other = tmp_path / "other"
    synthesize(SMALL, SEED + 1, other)
    mine, theirs = files(out), files(other)
    assert mine.keys() == theirs.keys()
    different = [k for k in mine if mine[k] != theirs[k]]
    assert len(different) > 0.9 * len(mine)


def test_parquet_holds_the_same_data_as_csv(tmp_path):
    csv_out, pq_out = tmp_path / "csv", tmp_path / "parquet"
    synthesize(4, SEED, csv_out, months=6, start="2017-03")
    synthesize(4, SEED, pq_out, months=6, start="2017-03", fmt="parquet")
    for code in ("m0001", "m0002", "m0003", "m0004"):
        assert sorted(p.name for p in (pq_out / "data" / code).iterdir()) == sorted(f"{n}.parquet" for n in INPUTS)
        assert (csv_out / "laws" / f"{code}.p4p").read_bytes() == (pq_out / "laws" / f"{code}.p4p").read_bytes()
        from_csv = load_dataset(csv_out / "data" / code)
        from_parquet = load_dataset(pq_out / "data" / code)
        assert from_csv.equals(from_parquet), code
    again = tmp_path / "again"
    synthesize(4, SEED, again, months=6, start="2017-03", fmt="parquet")
    assert files(again) == files(pq_out)


def test_switching_format_leaves_one_file_per_input(tmp_path):
    out = tmp_path / "out"
    synthesize(2, SEED, out)
    synthesize(2, SEED, out, fmt="parquet")
    for code in ("m0001", "m0002"):
        assert sorted(p.suffix for p in (out / "data" / code).iterdir()) == [".parquet"] * 4
        load_dataset(out / "data" / code)


def test_window_is_configurable(tmp_path):
    summary = synthesize(3, SEED, tmp_path / "w", months=30, start="2016-07")
    assert summary.transfer_rows == summary.teams * 30
    months = [line.split(";")[0] for line in
              (tmp_path / "w" / "data" / "m0001" / "transfers.csv").read_text(encoding="utf-8").splitlines()[1:]]
    assert months[0] == "07/2016" and months[-1] == "12/2018"


@pytest.mark.parametrize("kwargs, message", [
    ({"municipalities": 0}, "municipalities"),
    ({"months": 0}, "months"),
    ({"fmt": "xlsx"}, "fmt"),
    ({"start": "2015-09"}, "2015-10"),
    ({"start": "2016-13"}, "YYYY-MM"),
    ({"start": "jan/2016"}, "YYYY-MM"),
    ({"seed": -1}, "seed"),
])
def test_bad_arguments_are_refused(tmp_path, kwargs, message):
    args = {"municipalities": 2, "seed": 1, "out": tmp_path / "x"} | kwargs
    with pytest.raises(ValueError, match=message):
        synthesize(**args)
    assert not (tmp_path / "x").exists()
