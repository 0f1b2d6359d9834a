"""`p4p-rules diff` from the command line: what it prints, what it writes, its exit codes."""

import csv
import json
import subprocess
import sys

from .helpers import M05, M05_DATA, ROOT


def cli(*args):
    return subprocess.run([sys.executable, "-m", "p4p_rules.cli", "diff", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, env={"COLUMNS": "120", "PATH": "/usr/bin:/bin"})


def test_provisions_only():
    r = cli(M05, "--from-version", "original", "--to-version", "lei_2013")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "Artigos alterados" in out
    assert "art. 2 — alterado" in out and "art. 3 — alterado" in out and "art. 4 — alterado" in out
    assert "art. 1 —" not in out
    assert "pagamento trimestral" in out and "nada recebem." in out
    assert "Efeito sobre os dados" not in out


def test_impact_with_tables(tmp_path):
    out_dir = tmp_path / "diff"
    r = cli(M05, "--from-version", "original", "--to-version", "lei_2013", "--data", M05_DATA, "--from", "2014-06",
            "--to", "2015-09", "--out", out_dir)
    assert r.returncode == 0, r.stderr
    for heading in ("Efeito sobre os dados", "Quem mais ganha", "Quem mais perde", "Por cargo", "Por equipe",
                    "Por categoria", "Equidade", "Atribuição", "A atribuição depende dessa ordem"):
        assert heading in r.stdout, heading
    names = sorted(p.name for p in out_dir.iterdir())
    assert names == sorted([f"{n}.csv" for n in ("provisions", "persons", "cadres", "teams", "categories",
                                                 "fairness", "totals", "attribution", "steps")] + ["manifest.json"])
    with open(out_dir / "attribution.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    steps = ["art. 2_centavos", "art. 3_centavos", "art. 4_centavos"]
    for row in rows:
        assert sum(int(row[s]) for s in steps) == int(row["change_centavos"])
        assert int(row["new_centavos"]) - int(row["old_centavos"]) == int(row["change_centavos"])
    with open(out_dir / "persons.csv", encoding="utf-8") as f:
        persons = {row["staff_id"]: row for row in csv.DictReader(f)}
    assert persons["10535"]["outcome"] == "newly_paid" and persons["10535"]["old"] == "0.00"


def test_json_and_cycles(tmp_path):
    r = cli(M05, "--data", M05_DATA, "--cycles", "2", "3", "--out", tmp_path, "--format", "json")
    assert r.returncode == 0, r.stderr
    assert "ciclo 2" in r.stdout and "ciclo 3" in r.stdout and "não há atribuição" in r.stdout
    persons = json.loads((tmp_path / "persons.json").read_text(encoding="utf-8"))
    assert any(p["staff_id"] == "12957" and p["old_centavos"] == 0 and p["new_centavos"] > 0 for p in persons)
    assert not (tmp_path / "attribution.json").exists()


def test_english_law():
    r = cli(ROOT / "tests" / "data" / "bilingual_en.p4p")
    assert r.returncode == 0, r.stderr
    assert "Articles changed" in r.stdout and "art. 1 — repealed" in r.stdout and "art. 3-A — added" in r.stdout


def test_usage_errors():
    r = cli(M05, "--from-version", "lei_2099")
    assert r.returncode == 2 and "no version named 'lei_2099'" in r.stderr and "Traceback" not in r.stderr
    r = cli(M05, "--data", M05_DATA, "--cycles", "2", "9")
    assert r.returncode == 2 and "unknown cycle 9" in r.stderr
    r = cli(M05, "--from", "2014-06")
    assert r.returncode == 2 and "--data" in r.stderr
    r = cli(M05, "--data", ROOT / "nowhere")
    assert r.returncode == 2
    r = cli(ROOT / "nowhere.p4p")
    assert r.returncode == 2
