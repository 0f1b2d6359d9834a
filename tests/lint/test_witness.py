"""Witnesses: for each money rule, the case the witness states, rebuilt here by hand and run through the
engine, shows the very amounts the witness states.

The datasets below are built independently of p4p_rules/lint/witness.py (own rows, own dates: the
witness search uses 2014, these cases mostly use other years), with the loader's columns and dtypes
(p4p_rules/data/schema.py).  Each test reads the amounts out of the witness sentence and compares them
with the engine's ledger or payments for the rebuilt case.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pandas as pd
import pytest

from p4p_rules.data.dataset import Dataset
from p4p_rules.data.schema import ABSENCES, ROSTER, SCORES, TRANSFERS
from p4p_rules.engine.period import LawCannotBeApplied
from p4p_rules.engine.run import RunResult, run
from p4p_rules.lint import Options, check_paths, check_text
from p4p_rules.load import compile_text
from tests.lint.helpers import LAWS, en, pt

SPLIT = "art. 1:\n  repartir recursos em equipes 60%, infraestrutura 40%\n"
TEAM = ["physician", "nurse", "nursing_technician", "community_health_agent"]   # "médico, enfermeiro, técnico…, acs"
TEAM_PT = "médico, enfermeiro, técnico_de_enfermagem, acs"
TEAM_EN = "physician, nurse, nursing_technician, community_health_agent"
FULL = 850_000                                   # R$ 8.500,00 a month: the 2013 federal value
PERCENT = {"well_above_average": 100, "above_average": 60, "below_average": 20, "insufficient": 0,
           "excellent": 100, "very_good": 80, "good": 60, "fair": 20, "poor": 0, "disqualified": 0}


# ---- building a case by hand ---------------------------------------------------------------------------
def person(cadre: str, start: str = "2005-03-01", end: str | None = None, signed: bool = True, hours: int = 40) -> dict:
    return {"cadre": cadre, "start": start, "end": end, "signed": signed, "hours": hours}


def dataset(teams: list[tuple[str, list[dict]]], months: list[str], evaluation: str) -> Dataset:
    """Teams (category, people), a transfer for each team and month at R$ 8.500,00 × the category's %."""
    roster, scores, transfers = [], [], []
    for i, (category, people) in enumerate(teams, 1):
        team = f"USF {i}"
        for p in people:
            roster.append({"staff_id": str(1000 + len(roster)), "name": f"Pessoa {len(roster)}", "team_id": team,
                           "cadre": p["cadre"], "cbo": None, "start_date": pd.Timestamp(p["start"]),
                           "end_date": pd.Timestamp(p["end"]) if p["end"] else pd.NaT, "contract_type": "efetivo",
                           "signed_contract": p["signed"], "weekly_hours": p["hours"], "row": len(roster) + 2})
        score = {"well_above_average": 85.0, "above_average": 65.0, "below_average": 45.0, "insufficient": 10.0,
                 "excellent": 95.0, "good": 60.0, "fair": 50.0, "poor": 5.0}.get(category, float("nan"))
        scores.append({"team_id": team, "cycle": 2, "evaluation_date": pd.Timestamp(evaluation), "score": score,
                       "category": category, "row": i + 1})
        for month in months:
            transfers.append({"month": pd.Timestamp(month), "team_id": team, "amount": FULL * PERCENT[category] // 100,
                              "row": len(transfers) + 2})

    def table(spec, rows):
        frame = pd.DataFrame(rows, columns=list(spec.dtypes)) if rows else pd.DataFrame(columns=list(spec.dtypes))
        frame = frame.astype(spec.dtypes)
        for name, dtype in spec.dtypes.items():
            if dtype == "object":
                frame[name] = frame[name].astype(object).where(frame[name].notna(), None)
        return frame
    return Dataset(table(ROSTER, roster), table(SCORES, scores), table(TRANSFERS, transfers), table(ABSENCES, []))


def months(first: str, n: int) -> list[str]:
    start = pd.Timestamp(first)
    return [str((start + pd.DateOffset(months=i)).date()) for i in range(n)]


def centavos(text: str) -> int:
    digits = re.sub(r"\D", "", text)
    return int(digits)


def amounts(witness: str) -> list[int]:
    return [centavos(a) for a in re.findall(r"R\$ ([\d.,]+\d)", witness)]


def witness_of(law: str, code: str) -> str:
    found = [f for f in check_text(law, "law.p4p", [code]) if f.code == code]
    assert len(found) == 1, [f.message for f in found]
    assert found[0].witness, f"{code}: no witness"
    return found[0].witness


def undistributed(result: RunResult, source: str) -> int:
    led = result.ledger
    return int(led[(led["destination"] == "undistributed") & (led["source"] == source)]["amount"].sum())


def paid_by_team(result: RunResult) -> dict[str, int]:
    return {t: int(a) for t, a in result.payments.groupby("team_id")["amount"].sum().items()}


def pool(result: RunResult) -> int:
    return int(result.periods["pool"].sum())


# ---- one test per money rule -----------------------------------------------------------------------------
def test_c001_team_without_the_earmarked_cadre():
    law = pt(SPLIT, "art. 3:\n  reservar 20% para dentista\n  dividir por peso: médico 3, enfermeiro 2")
    w = witness_of(law, "C001")
    assert re.fullmatch(r"uma equipe muito_acima_da_média \(médico, enfermeiro\) sem dentista deixa R\$ \S+ de "
                        r"R\$ \S+ sem destino em 1 mês de repasses \(art\. 3\)", w), w
    lost, total = amounts(w)
    r = run(compile_text(law), dataset([("well_above_average", [person("physician"), person("nurse")])],
                                       ["2016-05-01"], "2016-02-10"))
    assert (undistributed(r, "earmark"), pool(r)) == (lost, total) == (102_000, 850_000)


def test_m002_shares_under_100_in_english():
    law = en("art. 1:\n  split funds into teams 60%, management 40%\n"
             "  split management into infrastructure 50%, training 45%")
    w = witness_of(law, "M002")
    assert w.startswith(f"a team rated well_above_average ({TEAM_EN}) leaves R$ ") and w.endswith("(art. 1)"), w
    lost, total = amounts(w)
    r = run(compile_text(law), dataset([("well_above_average", [person(c) for c in TEAM])], ["2013-07-01"],
                                       "2013-05-02"))
    assert (undistributed(r, "unassigned part of management"), pool(r)) == (lost, total)
    assert lost == 850_000 * 40 // 100 * 5 // 100  # 5% of management's 40%


def test_m003_ineligible_person_hired_after_the_evaluation():
    law = pt(SPLIT, "art. 2:\n  dividir igualmente\n  exigir lotado na avaliação\n  pagamento semestral")
    w = witness_of(law, "M003")
    assert w.startswith(f"uma equipe muito_acima_da_média ({TEAM_PT}) em que o médico chegou depois da avaliação "
                        "deixa R$ ") and "em 6 meses de repasses (art. 2)" in w, w
    lost, total = amounts(w)
    people = [person("physician", start="2013-05-20")] + [person(c) for c in TEAM[1:]]
    r = run(compile_text(law), dataset([("well_above_average", people)], months("2013-07-01", 6), "2013-05-14"))
    assert (undistributed(r, "ineligible"), pool(r)) == (lost, total)
    assert lost == 6 * 510_000 // 4  # the physician's quarter of the team's six months


def test_m003_pro_rata_cut_of_someone_who_left_halfway():
    law = pt(SPLIT, "art. 2:\n  dividir igualmente\n  proporcional aos dias\n  teto R$ 2.000,00 por pessoa")
    found = {f.message.split(" não tem")[0]: f.witness for f in check_text(law, "law.p4p", ["M003"])}
    w = found["o corte proporcional"]
    assert w.startswith(f"uma equipe muito_acima_da_média ({TEAM_PT}) em que o médico saiu na metade do período "
                        "deixa R$ "), w
    lost, total = amounts(w)
    # January has 31 days: "half the period" is the first 15 days
    people = [person("physician", end="2015-01-15")] + [person(c) for c in TEAM[1:]]
    r = run(compile_text(law), dataset([("well_above_average", people)], ["2015-01-01"], "2014-11-03"))
    assert (undistributed(r, "pro_rata"), pool(r)) == (lost, total)


def test_m003_cap_on_a_one_person_team():
    law = pt(SPLIT, "art. 2:\n  dividir igualmente\n  proporcional aos dias\n  teto R$ 2.000,00 por pessoa")
    w = next(f.witness for f in check_text(law, "law.p4p", ["M003"]) if "teto" in f.message)
    assert w.startswith("uma equipe muito_acima_da_média só com um médico deixa R$ "), w
    lost, total = amounts(w)
    r = run(compile_text(law), dataset([("well_above_average", [person("physician")])], ["2013-09-01"],
                                       "2013-07-01"))
    assert (undistributed(r, "cap"), pool(r)) == (lost, total) == (510_000 - 200_000, 850_000)


def test_m003_failed_team_below_the_minimum_category():
    law = pt(SPLIT, "art. 2:\n  escala quatro_níveis\n  desclassificadas como insatisfatório\n"
                    "  distribuir equipes por peso de categoria: muito_acima_da_média 100, acima_da_média 75, "
                    "mediano 50, insatisfatório 25\n  categoria mínima mediano")
    w = witness_of(law, "M003")
    # the worst team comes first: a disqualified team, treated as insatisfatório, is below the minimum
    assert w.startswith(f"uma equipe muito_acima_da_média e uma equipe desclassificada, cada uma com {TEAM_PT}: R$ "), w
    lost, total = amounts(w)
    team = [person(c) for c in TEAM]
    r = run(compile_text(law), dataset([("well_above_average", team), ("disqualified", team)], ["2014-03-01"],
                                       "2013-12-01"))
    assert (undistributed(r, "failed_teams"), pool(r)) == (lost, total)
    assert lost == 510_000 * 25 // 125  # the insatisfatório weight, 25 of 125


def test_m003_category_share_below_a_full_part_in_english():
    law = en("art. 1:\n  split funds into teams 60%, infrastructure 40%",
             "art. 2:\n  scale four_level\n  disqualified as insufficient\n"
             "  allocate teams by category share: well_above_average 100%, above_average 75%, "
             "below_average 50%, insufficient 25%")
    w = witness_of(law, "M003")
    # the team with the least money comes first
    assert w.startswith(f"a team rated below_average ({TEAM_EN}) leaves R$ "), w
    lost, total = amounts(w)
    r = run(compile_text(law), dataset([("below_average", [person(c) for c in TEAM])], ["2013-10-01"], "2013-08-20"))
    assert (undistributed(r, "failed_teams"), pool(r)) == (lost, total) == (102_000 // 2, 170_000)


def test_m004_management_keeps_its_share():
    law = pt("art. 1:\n  repartir recursos em equipes 50%, gestão 50%")
    w = witness_of(law, "M004")
    assert re.fullmatch(r"uma equipe muito_acima_da_média \(.*\): R\$ \S+ de R\$ \S+ em 1 mês de repasses ficam com "
                        r"'gestão', sem uso declarado \(art\. 1\)", w), w
    kept, total = amounts(w)
    r = run(compile_text(law), dataset([("well_above_average", [person(c) for c in TEAM])], ["2016-08-01"],
                                       "2016-06-01"))
    led = r.ledger
    assert (int(led[led["destination"] == "gestão"]["amount"].sum()), pool(r)) == (kept, total) == (425_000, 850_000)


def test_m005_fixed_amount_paid_short_in_english():
    law = en("art. 1:\n  split funds into teams 60%, infrastructure 40%",
             "art. 2:\n  pay R$ 1,450.00 per person to physician per month")
    w = witness_of(law, "M005")
    assert w.startswith(f"a team rated below_average ({TEAM_EN}): the physician gets R$ "), w
    got, promised, short = amounts(w)
    r = run(compile_text(law), dataset([("below_average", [person(c) for c in TEAM])], ["2014-05-01"], "2014-03-03"))
    pay = r.payments
    physician = int(pay[pay["cadre"] == "physician"]["amount"].sum())
    assert (physician, promised, short) == (got, 145_000, promised - got) and got == 102_000


LAW_M005 = pt(SPLIT, "art. 2:\n  escala quatro_níveis\n  desclassificadas como insatisfatório\n"
                     "  piso para insatisfatório: R$ 1.000,00 por equipe por mês\n"
                     "  pagar R$ 450,00 por pessoa para médico, enfermeiro\n  piso R$ 100,00 por pessoa")


def test_m005_team_floors_exceed_the_teams_share():
    w = next(f.witness for f in check_text(LAW_M005, "law.p4p", ["M005"]) if "por equipe" in f.message)
    assert w.startswith(f"uma equipe mediano e 2 equipes insatisfatório, cada uma com {TEAM_PT}: os pisos somam "), w
    floors, share, each, wanted, other = amounts(w)
    team = [person(c) for c in TEAM]
    r = run(compile_text(LAW_M005), dataset([("below_average", team), ("insufficient", team), ("insufficient", team)],
                                            ["2013-06-01"], "2013-04-15"))
    by_team = paid_by_team(r)
    assert (by_team.get("USF 1", 0), by_team["USF 2"], by_team["USF 3"]) == (other, each, each)
    assert (floors, share, wanted) == (200_000, 170_000 * 60 // 100, 100_000)


def test_m005_fixed_amount_next_to_a_floor_team():
    w = next(f.witness for f in check_text(LAW_M005, "law.p4p", ["M005"]) if "valor fixo" in f.message)
    assert w.startswith(f"uma equipe mediano e uma equipe insatisfatório, cada uma com {TEAM_PT}: o enfermeiro da "
                        "equipe mediano recebe R$ "), w
    got, promised, short = amounts(w)
    team = [person(c) for c in TEAM]
    r = run(compile_text(LAW_M005), dataset([("below_average", team), ("insufficient", team)], ["2013-06-01"],
                                            "2013-04-15"))
    pay = r.payments
    nurse = int(pay[(pay["team_id"] == "USF 1") & (pay["cadre"] == "nurse")]["amount"].sum())
    assert (nurse, promised, short) == (got, 45_000, promised - got)


def test_m005_per_person_floor_nobody_reaches():
    w = next(f.witness for f in check_text(LAW_M005, "law.p4p", ["M005"]) if "por pessoa (" in f.message
             and "piso" in f.message)
    assert w.startswith("uma equipe mediano (médico, enfermeiro, técnico_de_enfermagem, 12 acs): nenhuma das 15 "
                        "pessoas da equipe alcança o piso de R$ 100,00; cada uma recebe no máximo R$ "), w
    floor, top = amounts(w)
    team = [person(c) for c in TEAM[:3]] + [person("community_health_agent")] * 12
    r = run(compile_text(LAW_M005), dataset([("below_average", team)], ["2013-06-01"], "2013-04-15"))
    paid = r.payments["amount"]
    assert len(paid) == 15 and int(paid.max()) == top < floor == 10_000


def test_m006_better_category_gets_less():
    law = pt(SPLIT, "art. 2:\n  escala quatro_níveis\n  desclassificadas como insatisfatório\n"
                    "  distribuir equipes por peso de categoria: muito_acima_da_média 75, acima_da_média 100, "
                    "mediano 50, insatisfatório 25")
    w = witness_of(law, "M006")
    assert w.startswith(f"uma equipe muito_acima_da_média e uma equipe acima_da_média, cada uma com {TEAM_PT}: a "
                        "equipe muito_acima_da_média recebe R$ "), w
    better, worse = amounts(w)
    team = [person(c) for c in TEAM]
    r = run(compile_text(law), dataset([("well_above_average", team), ("above_average", team)], ["2014-09-01"],
                                       "2014-06-30"))
    assert (paid_by_team(r)["USF 1"], paid_by_team(r)["USF 2"]) == (better, worse)
    assert better < worse


def test_m007_category_without_a_value_gets_nothing():
    law = pt(SPLIT, "art. 2:\n  escala cinco_níveis\n"
                    "  distribuir equipes por peso de categoria: ótimo 100, muito_bom 80, bom 60, regular 40")
    found = {f.key[1]: f.witness for f in check_text(law, "law.p4p", ["M007"])}
    w = found["scale"]
    assert w.startswith(f"uma equipe ótimo e uma equipe ruim, cada uma com {TEAM_PT}: a equipe ruim nada recebe, e a "
                        "equipe ótimo recebe R$ "), w
    [other] = amounts(w)
    team = [person(c) for c in TEAM]
    r = run(compile_text(law), dataset([("excellent", team), ("poor", team)], ["2016-04-01"], "2016-01-20"))
    assert paid_by_team(r) == {"USF 1": other} and other == 510_000
    assert "a equipe desclassificada nada recebe" in found["disqualified"]


def test_m008_nothing_reaches_staff():
    law = en("art. 1:\n  split funds into teams 0%, management 100%")
    w = witness_of(law, "M008")
    assert w.startswith(f"a team rated well_above_average ({TEAM_EN}): not one centavo of the R$ "), w
    [total] = amounts(w)
    r = run(compile_text(law), dataset([("well_above_average", [person(c) for c in TEAM])], ["2013-12-01"],
                                       "2013-10-01"))
    assert pool(r) == total and int(r.payments["amount"].sum()) == 0


def test_m001_shares_over_100_cannot_be_applied():
    law = pt("art. 1:\n  repartir recursos em equipes 70%, gestão 40%")
    w = witness_of(law, "M001")
    assert w.startswith(f"uma equipe muito_acima_da_média ({TEAM_PT}): dos R$ "), w
    total, demand, excess = amounts(w)
    with pytest.raises(LawCannotBeApplied):
        run(compile_text(law), dataset([("well_above_average", [person(c) for c in TEAM])], ["2013-08-01"],
                                       "2013-06-10"))
    assert (total, demand, excess) == (850_000, 850_000 * 110 // 100, 85_000)


def test_s001_per_head_spread_between_teams_of_the_same_grade():
    law = pt(SPLIT, "art. 2:\n  escala quatro_níveis\n  desclassificadas como insatisfatório\n"
                    "  distribuir equipes por peso de categoria: muito_acima_da_média 4, acima_da_média 3, "
                    "mediano 2, insatisfatório 1",
             "art. 3:\n  dividir por peso: médico 3, enfermeiro 2")
    w = witness_of(law, "S001")
    assert w.startswith("duas equipes muito_acima_da_média, uma de 2 pessoas (médico, enfermeiro) e outra com mais um "
                        "médico: um médico da equipe de 2 recebe R$ "), w
    small, big = amounts(w)
    r = run(compile_text(law), dataset([("well_above_average", [person("physician"), person("nurse")]),
                                        ("well_above_average", [person("physician"), person("nurse"),
                                                                person("physician")])], ["2015-02-01"], "2014-12-01"))
    pay = r.payments
    doctors = pay[pay["cadre"] == "physician"].groupby("team_id")["amount"].max()
    assert (int(doctors["USF 1"]), int(doctors["USF 2"])) == (small, big) and small > big


# ---- the search, the corpus and the timing ----------------------------------------------------------------
def test_a_money_finding_the_search_cannot_show_is_dropped():
    # disqualified teams receive no federal transfer, so allocating by transfer loses nothing
    law = pt(SPLIT, "art. 2:\n  escala quatro_níveis\n  desclassificadas excluídas\n  distribuir equipes por repasse")
    assert [f.code for f in check_text(law, "law.p4p", ["M003"], witness=False)] == ["M003"]
    assert not check_text(law, "law.p4p", ["M003"])


def test_findings_of_a_version_the_engine_cannot_apply_are_kept_without_witness():
    law = pt("art. 1:\n  repartir recursos em equipes 70%, gestão 40%\n  reservar 20% para dentista")
    found = {f.code: f for f in check_text(law, "law.p4p", ["M001", "C001"])}
    assert found["M001"].witness and found["C001"].witness is None


def test_the_witness_names_the_version_when_the_finding_spans_several():
    law = pt(SPLIT, "art. 3:\n  reservar 20% para dentista\n  dividir por peso: médico 3, enfermeiro 2",
             'emenda e2 "Lei nº 2/2014" vigência 01/01/2014', "altera art. 1:\n"
             "  repartir recursos em equipes 50%, infraestrutura 50%")
    [f] = check_text(law, "law.p4p", ["C001"])
    assert [v for v, _ in f.versions] == ["original", "e2"]
    assert f.witness.startswith("na versão 'original', uma equipe muito_acima_da_média (médico, enfermeiro) sem "
                                "dentista deixa R$ 1.020,00 de R$ 8.500,00")


def test_m04_earmark_finding_has_a_concrete_amount_that_the_engine_reproduces():
    """The M4 case of the study: 20% of a team's money reserved for a dentist the team does not have."""
    result = check_paths([LAWS / "m04.p4p"], Options(isolated=True, select=["C001"]))
    first, amended = result.findings
    assert first.witness == ("uma equipe muito_acima_da_média (médico, enfermeiro, técnico_de_enfermagem, "
                             "técnico_de_saúde_bucal) sem dentista deixa R$ 5.100,00 de R$ 51.000,00 sem destino em "
                             "6 meses de repasses (art. 3)")
    assert amended.witness.startswith("na versão 'lei_2013', uma equipe muito_acima_da_média (médico, enfermeiro, "
                                      "técnico_de_enfermagem, técnico_de_saúde_bucal, acs) sem dentista deixa R$ ")
    # rebuilt in the second half of 2012, when the original version was in force: same loss
    lost, total = amounts(first.witness)
    team = [person(c) for c in ("physician", "nurse", "nursing_technician", "oral_health_technician")]
    law = compile_text((LAWS / "m04.p4p").read_text(encoding="utf-8"))
    r = run(law, dataset([("well_above_average", team)], months("2012-07-01", 6), "2012-06-12"))
    assert r.periods["law_version"].tolist() == ["original"]
    assert (undistributed(r, "earmark"), pool(r)) == (lost, total)


def test_corpus_witnesses_and_timing(capsys):
    """Every money finding of the corpus has a witness; the time of the whole check is printed, not asserted."""
    paths = sorted(LAWS.glob("m*.p4p"))
    start = time.perf_counter()
    with_w = check_paths(paths, Options(isolated=True))
    middle = time.perf_counter()
    without = check_paths(paths, Options(isolated=True, witness=False))
    end = time.perf_counter()
    money = [f for f in with_w.findings if f.code in ("M001", "M002", "M003", "M004", "M005", "M006", "M007", "M008",
                                                      "C001", "S001")]
    assert money and all(f.witness for f in money)
    dropped = len(without.findings) - len(with_w.findings)
    with capsys.disabled():
        print(f"\ncheck laws/*.p4p ({len(paths)} laws): {middle - start:.2f} s with witnesses "
              f"({len(money)} witnessed, {dropped} dropped), {end - middle:.2f} s without")


def test_check_without_witness_from_the_command_line(tmp_path: Path):
    from tests.lint.helpers import cli
    law = tmp_path / "law.p4p"
    law.write_text(pt(SPLIT, "art. 3:\n  reservar 20% para dentista"), encoding="utf-8")
    assert "exemplo: uma equipe" in cli("check", law, "--select", "C001").stdout
    assert "exemplo:" not in cli("check", law, "--select", "C001", "--no-witness").stdout
