"""`check laws/*.p4p`: the findings match what the study reports for those municipalities."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from p4p_rules.lint.runner import FileReport, Options, check_paths
from tests.lint.helpers import LAWS, line_of


@lru_cache(maxsize=1)
def corpus() -> dict[str, FileReport]:
    result = check_paths(sorted(LAWS.glob("m*.p4p")), Options(isolated=True))
    assert result.usage_error is None and result.exit_code() == 0
    return {r.path.stem: r for r in result.reports}


def findings(law: str, code: str):
    return [f for f in corpus()[law].findings if f.code == code]


def source(law: str) -> str:
    return (LAWS / f"{law}.p4p").read_text(encoding="utf-8")


def test_every_law_compiles_and_no_corpus_finding_is_an_error():
    assert len(corpus()) == 20
    assert all(r.error is None for r in corpus().values())
    assert not [f for r in corpus().values() for f in r.findings if f.severity == "error"]


def test_m04_earmark_for_the_dentist_has_no_rule():
    """Table 3: funds earmarked for a cadre the team lacks, with no rule for that share (M4)."""
    found = findings("m04", "C001")
    lines = [i for i, line in enumerate(source("m04").splitlines(), 1) if "reservar 20% para dentista" in line]
    assert [(f.line, f.col) for f in found] == [(lines[0], 3), (lines[1], 3)]   # original art. 3, then as amended
    assert [[v for v, _ in f.versions] for f in found] == [["original"], ["lei_2013", "lei_2015"]]
    assert all("dentista" in f.message and f.language == "pt" for f in found)


def test_m19_monthly_payment_reads_as_salary_until_cycle_3():
    """Table 3/4: M19 paid monthly, then moved to 4-monthly so the bonus is not seen as salary."""
    [f] = findings("m19", "T001")
    assert f.line == line_of(source("m19"), "payment monthly")
    assert [v for v, _ in f.versions] == ["original", "chw_inclusion"]   # not four_monthly
    assert "salary" in f.message


def test_management_use_not_stated_m04_m19_m12():
    for law, share in (("m04", "gestão"), ("m19", "management"), ("m12", "management")):
        [f] = findings(law, "M004")
        assert f"'{share}'" in f.message
    assert not findings("m01", "M004")  # M1 splits management's share into uses


def test_no_bonus_to_staff_m12_and_before_the_amendments_m09_m03_m13():
    assert [v for f in findings("m12", "M008") for v, _ in f.versions] == ["original", "chw_inclusion", "cycle3_scale"]
    for law in ("m09", "m03", "m13"):
        [f] = findings(law, "M008")
        assert [v for v, _ in f.versions] == ["original"]


def test_team_size_m05_until_equalised_and_m20_always():
    m05 = findings("m05", "S001")
    assert [[v for v, _ in f.versions] for f in m05] == [["original"]]   # lei_2013 adds 'igualar'
    m20_versions = {v for f in findings("m20", "S001") for v, _ in f.versions}
    assert m20_versions == {"original", "inclusão_acs", "mensal_igualitário", "apoio_administrativo"}
    assert not findings("m17", "S001")


def test_turnover_with_a_long_lag_m02_m03():
    for law in ("m02", "m03"):
        assert findings(law, "T002"), law
        assert findings(law, "T003"), law
    [m02] = findings("m02", "T002")
    assert [v for v, _ in m02.versions] == ["original"]   # lei_2013 requires posting at evaluation


def test_signed_contract_concentrates_money_m08():
    [f] = findings("m08", "T004")
    assert "exigir contrato assinado" in f.message


def test_support_staff_excluded_m18_m12_m19():
    for law in ("m18", "m12", "m19"):
        assert any("apoio" in f.message or "support" in f.message for f in findings(law, "C003")), law
    [m20_last] = [f for f in findings("m20", "C003") if f.versions[-1][0] == "apoio_administrativo"]
    assert "deixa de fora ace:" in m20_last.message  # M20 included support and admin staff in 2017


def test_amendments_that_lost_the_failed_teams_rule():
    """M11, M13, M18 replaced art. 2 without repeating its '§ 1 sobra de reprovadas …'."""
    for law in ("m11", "m13", "m18"):
        assert any("esta versão o perdeu" in f.message for f in findings(law, "M003")), law


def test_counts_per_municipality_are_stable():
    counts = {law: Counter(f.code for f in r.findings) for law, r in corpus().items()}
    assert counts["m04"]["C001"] == 2 and counts["m19"]["T001"] == 1
    assert sum(sum(c.values()) for c in counts.values()) > 100
