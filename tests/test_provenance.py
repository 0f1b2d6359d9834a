"""`run --out` writes a manifest next to the outputs: the tool's version, each law and data file with
its SHA-256, the months asked for, and each output file with its rows and SHA-256 — every hash here
computed again from the files themselves."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from p4p_rules import __version__
from p4p_rules.synth import synthesize

ROOT = Path(__file__).resolve().parents[1]
LAW = ROOT / "laws" / "m05.p4p"
DATA = ROOT / "laws" / "data" / "m05"


def cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "p4p_rules.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def data_rows(path: Path) -> int:
    with open(path, encoding="utf-8", newline="") as f:
        return sum(1 for _ in csv.reader(f)) - 1  # (the header)


def test_a_run_says_what_it_was_made_from_and_what_it_wrote(tmp_path):
    out = tmp_path / "out"
    r = cli("run", LAW, "--data", DATA, "--out", out, "--from", "2012-10", "--to", "2012-12")
    assert r.returncode == 0, r.stderr
    assert "manifest.json" in r.stdout
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["tool"] == {"name": "p4p-rules", "version": __version__}
    assert manifest["laws"] == [{"file": str(LAW), "sha256": sha256(LAW), "ibge": None}]
    assert manifest["data"] == {p.stem: {"file": str(p), "sha256": sha256(p)} for p in sorted(DATA.glob("*.csv"))}
    assert manifest["months"] == {"from": "2012-10", "to": "2012-12"}
    assert list(manifest["outputs"]) == ["payments", "ledger", "periods"]
    for name, described in manifest["outputs"].items():
        written = out / f"{name}.csv"
        assert described == {"file": written.name, "rows": data_rows(written), "sha256": sha256(written)}
    assert manifest["outputs"]["periods"]["rows"] == 3  # October to December 2012


def test_the_same_inputs_give_the_same_manifest_and_another_file_another_hash(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    first, again, changed = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for out in (first, again):
        assert cli("run", "laws/m05.p4p", "--data", data, "--out", out).returncode == 0
    assert (first / "manifest.json").read_bytes() == (again / "manifest.json").read_bytes()  # no date in it
    assert json.loads((first / "manifest.json").read_text(encoding="utf-8"))["months"] == {"from": None, "to": None}
    roster = (data / "roster.csv").read_text(encoding="utf-8")
    (data / "roster.csv").write_text(roster.replace("\n", "\r\n"), encoding="utf-8")  # the same rows, other bytes
    assert cli("run", "laws/m05.p4p", "--data", data, "--out", changed).returncode == 0
    before, after = (json.loads((o / "manifest.json").read_text(encoding="utf-8")) for o in (first, changed))
    assert after["data"]["roster"]["sha256"] == sha256(data / "roster.csv") != before["data"]["roster"]["sha256"]
    assert after["outputs"] == before["outputs"]  # the same payments, to the byte
    assert after["laws"] == before["laws"] == [{"file": "laws/m05.p4p", "sha256": sha256(LAW), "ibge": None}]


@pytest.fixture(scope="module")
def country(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("country")
    synthesize(4, 3, folder, months=3, layout="national")
    return folder


def test_a_national_run_lists_every_law_with_its_code_and_the_national_files(country, tmp_path):
    laws = sorted((country / "laws").glob("*.p4p"))
    out = tmp_path / "out"
    r = cli("run", *laws, "--data", country / "national", "--out", out)
    assert r.returncode == 0, r.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    payments = list(csv.DictReader(open(out / "payments.csv", encoding="utf-8", newline="")))
    assert [law["file"] for law in manifest["laws"]] == [str(p) for p in laws]
    declared = [re.search(r"\bibge (\d{7})\b", law.read_text(encoding="utf-8")).group(1) for law in laws]
    assert [law["ibge"] for law in manifest["laws"]] == declared
    assert {row["municipality"] for row in payments} <= set(declared)
    assert all(law["sha256"] == sha256(Path(law["file"])) for law in manifest["laws"])
    assert manifest["data"] == {p.stem: {"file": str(p), "sha256": sha256(p)}
                                for p in sorted((country / "national").glob("*.csv"))}
    assert manifest["outputs"]["payments"] == {"file": "payments.csv", "rows": len(payments),
                                               "sha256": sha256(out / "payments.csv")}


def test_a_run_over_a_folder_per_law_writes_a_manifest_for_each(tmp_path):
    synthesize(2, 5, tmp_path / "s", months=2)
    laws = sorted((tmp_path / "s" / "laws").glob("*.p4p"))
    out = tmp_path / "out"
    assert cli("run", *laws, "--data", tmp_path / "s" / "data", "--out", out).returncode == 0
    for law in laws:
        manifest = json.loads((out / law.stem / "manifest.json").read_text(encoding="utf-8"))
        assert [entry["file"] for entry in manifest["laws"]] == [str(law)]
        assert {Path(d["file"]).parent for d in manifest["data"].values()} == {tmp_path / "s" / "data" / law.stem}
        payments = out / law.stem / "payments.csv"
        assert manifest["outputs"]["payments"]["sha256"] == sha256(payments)


def test_a_diff_says_which_law_versions_and_data_it_compared(tmp_path):
    out = tmp_path / "diff"
    r = cli("diff", LAW, "--to-version", "lei_2013", "--data", DATA, "--from", "2014-06", "--to", "2014-09",
            "--out", out)
    assert r.returncode == 0, r.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["laws"] == [{"file": str(LAW), "sha256": sha256(LAW), "ibge": None}]  # one file, two versions
    assert manifest["versions"] == {"from": "original", "to": "lei_2013"}
    assert manifest["months"] == {"from": "2014-06", "to": "2014-09"}
    assert manifest["data"] == {p.stem: {"file": str(p), "sha256": sha256(p)} for p in sorted(DATA.glob("*.csv"))}
    tables = sorted(p for p in out.glob("*.csv"))
    assert sorted(o["file"] for o in manifest["outputs"].values()) == [p.name for p in tables]
    for described in manifest["outputs"].values():
        assert described["sha256"] == sha256(out / described["file"])
        assert described["rows"] == data_rows(out / described["file"])
