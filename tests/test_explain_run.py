"""`run` and `explain` on the bundled M5 data: outputs written atomically, conservation, explanations."""

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from p4p_rules.batch import run_one
from p4p_rules.engine import money

ROOT = Path(__file__).resolve().parents[1]
LAW = ROOT / "laws" / "m05.p4p"
DATA = ROOT / "laws" / "data" / "m05"


def cli(*args):
    return subprocess.run([sys.executable, "-m", "p4p_rules.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT)


@pytest.fixture(scope="module")
def m05():
    outcome = run_one(LAW, DATA, None, "csv", None, None)
    assert outcome.error is None, outcome.error
    return outcome.result


def test_every_period_conserves_money_to_the_centavo(m05):
    assert len(m05.periods) > 5
    for b in m05.books:
        assert sum(p.amount for p in b.payments) + sum(line.amount for line in b.ledger) == b.pool
    per = m05.periods
    assert (per["to_staff"] + per["to_destinations"] + per["carry_out"] + per["undistributed"] == per["pool"]).all()


def test_pool_is_the_sum_of_the_transfers_of_the_period(m05):
    # 12 teams; October 2012 transfers from laws/data/m05/transfers.csv, added here independently
    with open(DATA / "transfers.csv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f, delimiter=";") if r["month"] == "10/2012"]
    expected = sum(int(r["amount"].replace(".", "").replace(",", "")) for r in rows)
    first = m05.periods.iloc[0]
    assert first["period"] == "2012-10" and first["transfers"] == expected


def test_original_law_splits_60_40(m05):
    # M5's original law: teams 60%, management ("custeio") 40% of R$ 45.900,00 in October 2012
    first = m05.books[0]
    assert first.pool == 4_590_000
    assert sum(p.amount for p in first.payments) == 2_754_000
    assert sum(line.amount for line in first.ledger if line.destination == "custeio") == 1_836_000


def test_run_writes_all_files_and_summary(tmp_path):
    r = cli("run", LAW, "--data", DATA, "--out", tmp_path / "out", "--from", "2012-10", "--to", "2012-12")
    assert r.returncode == 0, r.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["ledger.csv", "manifest.json", "payments.csv", "periods.csv"]
    with open(tmp_path / "out" / "periods.csv", encoding="utf-8") as f:
        periods = list(csv.DictReader(f))
    assert [p["period"] for p in periods] == ["2012-10", "2012-11", "2012-12"]
    assert periods[0]["pool"] == "45900.00"


@pytest.mark.parametrize("fmt", ["xlsx", "json"])
def test_run_other_formats(tmp_path, fmt):
    r = cli("run", LAW, "--data", DATA, "--out", tmp_path, "--from", "2012-10", "--to", "2012-10", "--format", fmt)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / f"payments.{fmt}").stat().st_size > 100


def test_bad_data_writes_nothing_and_exits_2(tmp_path):
    bad = tmp_path / "data"
    bad.mkdir()
    for name in ("roster", "scores", "transfers"):
        (bad / f"{name}.csv").write_text((DATA / f"{name}.csv").read_text(encoding="utf-8"), encoding="utf-8")
    text = (bad / "transfers.csv").read_text(encoding="utf-8").splitlines()
    text[1] = text[1].rsplit(";", 1)[0] + ";-5,00"
    (bad / "transfers.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    r = cli("run", LAW, "--data", bad, "--out", out)
    assert r.returncode == 2 and "transfers.csv:2" in r.stderr and "Traceback" not in r.stderr
    assert not out.exists() or not any(out.iterdir())


def test_explain_cites_articles_and_wording():
    r = cli("explain", LAW, "--data", DATA, "--staff", "11668", "--period", "2015-01")
    assert r.returncode == 0, r.stderr
    assert "Período 2015-01..2015-03" in r.stdout and "art. 3" in r.stdout and "“" in r.stdout
    missing = cli("explain", LAW, "--data", DATA, "--staff", "00000")
    assert missing.returncode == 1 and "00000" in missing.stdout


def test_money_is_never_a_float():
    with pytest.raises(TypeError):
        money.split(10.5, [1, 1])  # type: ignore[arg-type]
    # no engine module converts anything to float
    for path in (ROOT / "p4p_rules" / "engine").glob("*.py"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert "float(" not in line, f"{path.name}:{n} uses float: {line.strip()}"
