"""`check LAW --data DIR` / `--roster FILE`: what each loophole moves on real data, period by period, and
the roster's cadres the law does not cover (C004).  Figures are checked against the engine's own tables
for the same data, computed here."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pandas as pd

from p4p_rules.data import load_dataset
from p4p_rules.engine.run import run
from p4p_rules.lint import Options, check_paths
from p4p_rules.lint.realdata import synthetic_dataset
from p4p_rules.load import compile_file
from p4p_rules.model import vocabulary as vocab
from tests.lint.helpers import LAWS, cli
from tests.lint.test_rule_docs import examples

DATA = LAWS / "data" / "m05"


@lru_cache(maxsize=None)
def checked(law: str, data: Path | None = DATA, roster: Path | None = None):
    result = check_paths([LAWS / f"{law}.p4p"], Options(isolated=True, data=data, roster=roster))
    assert result.usage_error is None
    return result.findings


@lru_cache(maxsize=None)
def engine_run(law: str):
    compiled = compile_file(LAWS / f"{law}.p4p")
    return run(compiled, load_dataset(DATA))


def data_line(witness: str) -> str:
    [line] = [x.strip() for x in witness.splitlines() if "nos dados de" in x or "in the data of" in x]
    return line


def per_period(line: str) -> dict[str, int]:
    """'… 2014-07..2014-09 R$ 833,40; 2015-01..2015-06 (2 períodos) R$ 5,00 cada; total …' -> {label: centavos}."""
    out = {}
    for item in line.split(": ", 1)[1].split("; "):
        m = re.fullmatch(r"(\S+)(?: \((\d+) per[ií]od\w*\))? R\$ ([\d.,]+)(?: cada| each)?", item)
        if m:
            out[m.group(1)] = int(re.sub(r"\D", "", m.group(3)))
    return out


def test_m05_with_data_reports_money_paid_to_people_not_evaluated_per_period():
    """T002 (no tenure condition): per period, the money paid to people who were not in the team on the day of
    its evaluation — here recomputed from the engine's payments, the roster and the scores."""
    [f] = [f for f in checked("m05") if f.code == "T002" and [v for v, _ in f.versions] == ["lei_2013"]]
    line = data_line(f.witness)
    assert line.startswith(f"nos dados de {DATA}: 2013-03 R$ 166,91; 2014-07..2014-09 R$ 833,40;")
    assert line.endswith("total R$ 6.610,96 em 5 de 6 período(s)")
    r = engine_run("m05")
    data = load_dataset(DATA)
    scores = data.scores
    posted = defaultdict(list)
    for staff, team, a, b in zip(data.roster.staff_id, data.roster.team_id, data.roster.start_date,
                                 data.roster.end_date):
        posted[(staff, team)].append((a.date(), b.date() if not pd.isna(b) else dt.date.max))
    expected: dict[str, int] = defaultdict(int)
    periods = r.periods.set_index("period")
    for p in r.payments.itertuples():
        if periods.loc[p.period, "law_version"] != "lei_2013" or not p.amount or p.team_id is None:
            continue
        end = pd.Timestamp(p.period.split("..")[-1]) + pd.offsets.MonthEnd(0)
        s = scores[(scores.team_id == p.team_id)]
        s = s.assign(when=[d if not pd.isna(d) else pd.Timestamp(dt.date(*vocab.CYCLE_START[c]))
                           for d, c in zip(s.evaluation_date, s.cycle)])
        when = s[s.when <= end].when.max().date()
        if not any(a <= when <= b for a, b in posted[(p.staff_id, p.team_id)]):
            expected[p.period] += int(p.amount)
    assert per_period(line) == {k: v for k, v in expected.items() if v}


def test_m05_with_data_money_rules_say_what_they_moved_in_each_period():
    found = {(f.code, f.line): f for f in checked("m05")}
    r = engine_run("m05")
    und = r.ledger[r.ledger.destination == "undistributed"]
    # M5's data never leaves a team with nobody eligible: the ineligible money is R$ 0,00 in every period
    for line in (29, 50):
        assert data_line(found[("M003", line)].witness).endswith("R$ 0,00 em "
                                                                 f"{5 if line == 29 else 6} período(s)")
    assert und[und.source == "ineligible"].empty
    # S001: per person, the lowest and highest amount among teams of the same category
    spread = data_line(found[("S001", 30)].witness)
    assert spread == (f"nos dados de {DATA}: 2012-10..2013-02 (5 períodos, em cada um) acima_da_média: "
                      "R$ 536,49–R$ 894,15 por pessoa")
    pay = r.payments[(r.payments.period == "2012-10") & (r.payments.status == "paid")]
    heads = pay[pay.category == "above_average"].groupby("team_id")["amount"].agg(lambda a: int(a.sum()) // len(a))
    assert (int(heads.min()), int(heads.max())) == (53_649, 89_415)


def test_m04_earmark_on_m05_data_per_period_matches_the_ledger():
    """The M4 dentist earmark on a municipality where ESF-07 and ESF-11 have no dentist."""
    findings = checked("m04")
    amended = next(f for f in findings if f.code == "C001" and f.versions[0][0] == "lei_2013")
    line = data_line(amended.witness)
    compiled = compile_file(LAWS / "m04.p4p")
    r = run(compiled, load_dataset(DATA))
    led = r.ledger[(r.ledger.destination == "undistributed") & (r.ledger.source == "earmark")
                   & r.ledger.law_version.isin(["lei_2013", "lei_2015"])]
    by_period = {k: int(v) for k, v in led.groupby("period")["amount"].sum().items()}
    shown = per_period(line)
    # merged runs ("(2 períodos) R$ X cada") stand for each of their periods
    assert sum(shown.values()) <= sum(by_period.values())
    assert line.endswith(f"total R$ {_brl(sum(by_period.values()))} em {len(by_period)} de {len(by_period)} período(s)")
    for label, amount in shown.items():
        first, last = label.split("..")[0], label.split("..")[-1]
        inside = [v for k, v in by_period.items() if k.split("..")[0] >= first and k.split("..")[-1] <= last]
        assert inside and all(v == amount for v in inside), label


def _brl(centavos: int) -> str:
    reais, cents = divmod(centavos, 100)
    return f"{reais:,}".replace(",", ".") + f",{cents:02d}"


def test_c004_roster_cadres_the_law_does_not_cover_on_m05():
    [f] = [f for f in checked("m05") if f.code == "C004" and f.versions[0][0] == "lei_2013"]
    assert f.severity == "warning" and f.line == 50
    for part in ("auxiliar_de_enfermagem (1 em equipe)", "coordenador (2 fora de equipe)", "psicólogo (1 em equipe)",
                 "fisioterapeuta (1 em equipe)"):
        assert part in f.message
    assert "acs" not in f.message.split(":")[1]   # lei_2013 made community agents eligible
    assert not [f for f in check_paths([LAWS / "m05.p4p"], Options(isolated=True)).findings if f.code == "C004"]


def test_c004_doc_page_example_with_a_roster(tmp_path: Path):
    roster = tmp_path / "roster.csv"
    roster.write_text("staff_id;name;team_id;cadre;start_date;end_date;contract_type;signed_contract\n"
                      "1;Ana Lima;ESF-08;médica;01/03/2010;;efetivo;sim\n"
                      "2;Bruno Reis;ESF-08;enfermeiro;01/03/2010;;efetivo;sim\n"
                      "3;Carla Dias;ESF-08;auxiliar_de_enfermagem;01/03/2010;;efetivo;sim\n", encoding="utf-8")
    ex = examples("C004")
    found = {}
    for name in ("Example", "Corrected"):
        law = tmp_path / f"{name}.p4p"
        law.write_text(ex[name], encoding="utf-8")
        found[name] = check_paths([law], Options(isolated=True, roster=roster, select=["C004"])).findings
    [f] = found["Example"]
    assert "auxiliar_de_enfermagem (1 em equipe)" in f.message and f.code == "C004"
    assert found["Corrected"] == []


def test_roster_alone_shows_the_top_10_percent_share_for_concentration(tmp_path: Path):
    r = cli("check", LAWS / "m08.p4p", "--roster", DATA / "roster.csv", "--select", "T004,C004", "--output-format",
            "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    [t004] = [d for d in data if d["code"] == "T004"]
    line = data_line(t004["witness"])
    m = re.search(r"(\d{4}-\d\d\.\.\d{4}-\d\d) (\d+,\d)% para (\d+) de (\d+) pessoas \(10%\)", line)
    assert m and "um período de repasses simulado" in line, line
    # recomputed from the engine on the same simulated period
    compiled = compile_file(LAWS / "m08.p4p")
    from p4p_rules.lint.realdata import read_roster
    sim = synthetic_dataset(compiled, read_roster(DATA / "roster.csv", [], {}, "pt"))
    pay = run(compiled, sim).payments
    amounts = sorted((int(a) for a in pay.amount if a > 0), reverse=True)
    k = -(-len(amounts) // 10)
    assert (int(m.group(3)), int(m.group(4))) == (k, len(amounts))
    assert m.group(2) == f"{sum(amounts[:k]) / sum(amounts) * 100:.1f}".replace(".", ",")
    assert any(d["code"] == "C004" for d in data)


def test_data_problems_exit_2(tmp_path: Path):
    r = cli("check", LAWS / "m05.p4p", "--data", tmp_path / "missing")
    assert r.returncode == 2 and "pasta de dados não encontrada" in r.stderr


def test_full_output_shows_the_data_line_under_the_example():
    r = cli("check", "laws/m05.p4p", "--data", "laws/data/m05", "--select", "M005")
    lines = r.stdout.splitlines()
    i = next(i for i, line in enumerate(lines) if line.startswith("  exemplo: uma equipe mediano e 2 equipes"))
    assert lines[i + 1] == "  nos dados de laws/data/m05: R$ 0,00 em 6 período(s)"
