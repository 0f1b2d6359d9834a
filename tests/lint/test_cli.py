"""`p4p-rules check` as people use it: formats, selection, statistics, exit codes, configuration, rules/rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.lint.helpers import LAWS, ROOT, cli

CLEAN = '''lei "Lei nº 5/2013" município "Vila Exemplo" uf PB
versão original "Lei nº 5/2013" vigência 01/04/2013
art. 1:
  repartir recursos em equipes 60%, infraestrutura 40%
  dividir igualmente
  igualar entre equipes da mesma categoria
  pagamento semestral
  exigir lotado na avaliação
  sobra de inelegíveis para infraestrutura
'''

ERROR = CLEAN.replace("equipes 60%", "equipes 70%")               # M001: 110%
EARMARK = CLEAN + "  reservar 20% para dentista\n"                 # C001 (warning)


@pytest.fixture
def laws(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, text in (("clean", CLEAN), ("error", ERROR), ("earmark", EARMARK)):
        p = tmp_path / f"{name}.p4p"
        p.write_text(text, encoding="utf-8")
        out[name] = p
    return out


# ---- exit codes ------------------------------------------------------------------------------------
def test_clean_law_exits_0_and_says_ok(laws):
    r = cli("check", laws["clean"])
    assert (r.returncode, r.stderr) == (0, "")
    assert f"{laws['clean']}: ok — 1 version(s): original (2013-04-01)\n" in r.stdout
    assert "All checks passed (1 file)." in r.stdout


def test_warnings_exit_0_errors_exit_1_exit_zero_forces_0(laws):
    warn = cli("check", laws["earmark"])
    assert warn.returncode == 0 and "C001 aviso" in warn.stdout
    err = cli("check", laws["error"], laws["earmark"])
    assert err.returncode == 1 and "M001 erro" in err.stdout and "C001 aviso" in err.stdout
    assert "Found 2 findings (1 error, 1 warning, 0 info) in 2 files." in err.stdout
    assert cli("check", "--exit-zero", laws["error"]).returncode == 0


def test_parse_errors_keep_their_rendering_and_exit_2(laws, tmp_path):
    bad = tmp_path / "bad.p4p"
    bad.write_text('lei "X"\nversão original vigência 01/01/2012\nart. 1:\n  repatir recursos em equipes 60%\n',
                   encoding="utf-8")
    r = cli("check", bad, laws["error"])
    assert r.returncode == 2
    assert f"{bad}:4:3: E100" in r.stderr and "1 problem found." in r.stderr
    assert "M001" in r.stdout          # the other law is still checked
    assert "Traceback" not in r.stdout + r.stderr


def test_usage_errors_exit_2(laws):
    r = cli("check", laws["clean"], "--select", "Z9")
    assert r.returncode == 2 and "unknown rule or prefix: 'Z9'" in r.stderr
    r = cli("check", laws["clean"], "--output-format", "xml")
    assert r.returncode == 2 and "--output-format must be one of" in r.stderr


# ---- full and concise ---------------------------------------------------------------------------------
def test_full_output_has_source_caret_versions_help_and_rule_page(laws):
    r = cli("check", laws["earmark"], "--select", "C001")
    lines = r.stdout.splitlines()
    head = next(i for i, l in enumerate(lines) if ": C001 aviso: " in l)
    assert lines[head].startswith(f"{laws['earmark']}:10:3: C001 aviso: a reserva de 20% para dentista")
    assert lines[head + 1] == "  10 |   reservar 20% para dentista"
    assert lines[head + 2] == " " * 9 + "^" * len("reservar 20% para dentista")
    assert lines[head + 3] == "  versões: original (01/04/2013)"
    assert lines[head + 4].startswith("  exemplo: uma equipe muito_acima_da_média (") and "sem dentista" in lines[head + 4]
    assert lines[head + 5].startswith("  ajuda: diga o que acontece com a reserva")
    assert lines[head + 6] == "  regra: earmark-without-rule — docs/rules/C001.md"


def test_concise_output_is_one_line_per_finding(laws):
    r = cli("check", laws["earmark"], laws["error"], "--output-format", "concise", "--select", "M001,C001")
    out = r.stdout.splitlines()
    assert out[0].startswith(f"{laws['earmark']}:10:3: C001 aviso: ") and out[0].endswith(" [original]")
    assert out[1].startswith(f"{laws['error']}:4:3: M001 erro: ")
    assert out[2] == "Found 2 findings (1 error, 1 warning, 0 info) in 2 files."


# ---- json, github (sarif: test_sarif.py) -------------------------------------------------------------------------------
def test_json_output(laws):
    r = cli("check", laws["earmark"], "--output-format", "json", "--select", "C")
    data = json.loads(r.stdout)
    assert [d["code"] for d in data] == ["C001"]
    d = data[0]
    assert (d["file"], d["line"], d["column"], d["severity"], d["language"]) == (str(laws["earmark"]), 10, 3,
                                                                                 "warning", "pt")
    assert d["versions"] == [{"name": "original", "effective": "2013-04-01"}]
    assert "sem dentista deixa R$ " in d["witness"] and d["url"] == "docs/rules/C001.md" and d["help"]
    assert json.loads(cli("check", laws["clean"], "--output-format", "json").stdout) == []


def test_github_annotations(laws):
    r = cli("check", laws["error"], laws["earmark"], "--output-format", "github", "--select", "M001,C001,S")
    lines = r.stdout.splitlines()
    assert lines[0].startswith(f"::error file={laws['error']},line=4,col=3,title=M001 shares-over-100::")
    assert "110%25" in lines[0]                                            # '%' is escaped
    assert lines[1].startswith(f"::warning file={laws['earmark']},line=10,col=3,title=C001 earmark-without-rule::")
    assert r.returncode == 1


# ---- selection and statistics ----------------------------------------------------------------------------
def test_select_and_ignore_by_code_prefix_and_name():
    m04 = LAWS / "m04.p4p"

    def found(*args: str) -> set[str]:
        return {d["code"] for d in json.loads(cli("check", m04, "--output-format", "json", *args).stdout)}

    everything = found()
    assert {"C001", "M003", "M004", "S001", "T002", "V003"} <= everything
    assert found("--select", "C") == {"C001", "C003"}
    assert found("--select", "earmark-without-rule") == {"C001"}
    assert found("--select", "C", "--select", "M004") == {"C001", "C003", "M004"}
    assert found("--ignore", "C,V", "--ignore", "fixed-amount-per-team") == everything - {"C001", "C003", "V003", "S001"}
    assert found("--ignore", "C", "--select", "C001") == {"C001"}            # the most specific selector wins
    assert found("--select", "ALL", "--ignore", "M00") == everything - {c for c in everything if c.startswith("M00")}


def test_statistics():
    r = cli("check", *sorted(LAWS.glob("m*.p4p")), "--statistics")
    rows = r.stdout.splitlines()
    assert r.returncode == 0
    counts = [int(row.split()[0]) for row in rows[:-1]]
    assert counts == sorted(counts, reverse=True)
    assert any(row.split()[1:3] == ["C001", "earmark-without-rule"] for row in rows)
    assert rows[-1].startswith("Found ") and rows[-1].endswith(" in 20 files.")
    stats = json.loads(cli("check", LAWS / "m04.p4p", "--statistics", "--output-format", "json").stdout)
    assert {"code": "C001", "name": "earmark-without-rule", "severity": "warning", "count": 2} in stats


# ---- configuration ---------------------------------------------------------------------------------------------
def test_p4p_rules_toml_found_upwards(tmp_path):
    sub = tmp_path / "leis" / "2013"
    sub.mkdir(parents=True)
    law = sub / "lei.p4p"
    law.write_text(EARMARK, encoding="utf-8")
    (tmp_path / "p4p-rules.toml").write_text('select = ["C"]\noutput-format = "concise"\n[severity]\nC001 = "error"\n',
                                             encoding="utf-8")
    r = cli("check", law, cwd=tmp_path)
    assert r.returncode == 1
    assert r.stdout.splitlines()[0].startswith(f"{law}:10:3: C001 erro: ")
    # the command line wins over the file
    r = cli("check", law, "--output-format", "json", "--select", "T", cwd=tmp_path)
    assert r.returncode == 0 and json.loads(r.stdout) == []
    assert cli("check", law, "--isolated", cwd=tmp_path).returncode == 0


def test_pyproject_tool_table_and_explicit_config(tmp_path):
    law = tmp_path / "lei.p4p"
    law.write_text(EARMARK, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.p4p-rules]\nignore = ["earmark-without-rule"]\n',
                                             encoding="utf-8")
    r = cli("check", law, "--output-format", "json", cwd=tmp_path)
    assert "C001" not in {d["code"] for d in json.loads(r.stdout)}
    other = tmp_path / "strict.toml"
    other.write_text('[severity]\nearmark-without-rule = "error"\n', encoding="utf-8")
    assert cli("check", law, "--config", other, cwd=tmp_path).returncode == 1


@pytest.mark.parametrize("text, message", [
    ('selct = ["C"]\n', "unknown key 'selct'"),
    ('select = ["Q"]\n', "'select' names an unknown rule: 'Q'"),
    ('output-format = "xml"\n', "'output-format' must be one of"),
    ('[severity]\nC001 = "fatal"\n', "the severity of C001 must be error, warning or info"),
    ('select = [\n', "not valid TOML"),
])
def test_bad_configuration_is_a_usage_error(tmp_path, text, message):
    law = tmp_path / "lei.p4p"
    law.write_text(CLEAN, encoding="utf-8")
    (tmp_path / "p4p-rules.toml").write_text(text, encoding="utf-8")
    r = cli("check", law, cwd=tmp_path)
    assert r.returncode == 2 and message in r.stderr and "Traceback" not in r.stderr


# ---- rules and rule ---------------------------------------------------------------------------------------------
def test_rules_lists_the_catalogue():
    r = cli("rules")
    assert r.returncode == 0
    assert "M — money" in r.stdout and "C — cadres" in r.stdout
    row = next(l for l in r.stdout.splitlines() if " C001 " in l)
    assert row.split()[:3] == ["C001", "earmark-without-rule", "warning"]
    data = json.loads(cli("rules", "--format", "json").stdout)
    assert len(data) == 26 and {d["severity"] for d in data} == {"error", "warning", "info"}


def test_rule_prints_the_doc_page_by_code_or_name():
    page = (ROOT / "docs" / "rules" / "T001.md").read_text(encoding="utf-8")
    assert cli("rule", "T001").stdout == page
    assert cli("rule", "monthly-payment").stdout == page
    r = cli("rule", "X123")
    assert r.returncode == 2 and "unknown rule 'X123'" in r.stderr
