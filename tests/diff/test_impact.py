"""Impact diff and attribution on M5's amendments: equal to two independent runs, to the centavo."""

import datetime as dt
from pathlib import Path

import pytest

from p4p_rules.diff import DiffRequest, diff, provision_diff
from p4p_rules.diff.attribution import Step, plan, run_steps
from p4p_rules.load import compile_text

from .helpers import LAWS, M05, M05_DATA, compiled, dataset_for, totals_with_only

M05_AMENDMENTS = [("original", "lei_2013"), ("lei_2013", "lei_2015"), ("original", "lei_2015")]


def _check_against_runs(result, path, a, b, start=None, end=None, data=M05_DATA):
    old = totals_with_only(path, a, data, start=start, end=end)
    new = totals_with_only(path, b, data, start=start, end=end)
    persons = result.impact.persons.set_index("staff_id")
    assert set(persons.index) == set(old) | set(new)
    for person, row in persons.iterrows():
        assert row["old"] == old.get(person, 0), person
        assert row["new"] == new.get(person, 0), person
        assert row["change"] == new.get(person, 0) - old.get(person, 0), person
    return persons


def _check_attribution(result):
    att = result.attribution
    table = att.table.set_index("staff_id")
    steps = [f"step_{i + 1}" for i in range(len(att.steps))]
    persons = result.impact.persons.set_index("staff_id")
    # people paid only by an intermediate text (one article pays them, a later one takes it back) have rows too
    assert set(table.index) >= set(persons.index)
    for person in set(table.index) - set(persons.index):
        assert table.at[person, "old"] == 0 and table.at[person, "new"] == 0
        assert sum(int(table.at[person, s]) for s in steps) == 0
    for person, row in persons.iterrows():
        parts = [int(table.at[person, s]) for s in steps]
        assert sum(parts) == row["change"], person          # the waterfall adds up, to the centavo
        assert table.at[person, "old"] == row["old"] and table.at[person, "new"] == row["new"]
    # every step is a set of changed articles, each article exactly once, in article-number order
    applied = [c.number for s in att.steps for c in s.changes]
    assert sorted(applied) == sorted(c.number for c in result.changes if c.rules_changed)


@pytest.mark.parametrize("a,b", M05_AMENDMENTS)
def test_m05_per_person_change_equals_two_independent_runs(a, b):
    result = diff(DiffRequest(M05, from_version=a, to_version=b, data=M05_DATA))
    _check_against_runs(result, M05, a, b)
    _check_attribution(result)


def test_m05_lei_2013_on_cycle_2_months():
    start, end = dt.date(2014, 6, 1), dt.date(2015, 9, 1)
    result = diff(DiffRequest(M05, from_version="original", to_version="lei_2013", data=M05_DATA, start=start,
                              end=end))
    persons = _check_against_runs(result, M05, "original", "lei_2013", start, end)
    _check_attribution(result)
    # community health agents are not eligible under the original law: present on the new side only
    acs = persons[persons["cadre"] == "community_health_agent"]
    assert len(acs) > 50 and (acs["old"] == 0).all() and (~acs["in_old"]).all() and (acs["new"] > 0).all()
    assert all(p is None for p in acs["change_pct"])
    # ESF-09 is disqualified in cycle 2: excluded by the original law, paid as 'insatisfatório' by lei_2013
    teams = result.impact.teams.set_index("team")
    assert teams.at["ESF-09", "old"] == 0 and teams.at["ESF-09", "new"] > 0
    # the steps: art. 2 (disqualified teams), art. 3 (division), art. 4 (frequency), in that order
    assert [s.label for s in result.attribution.steps] == ["art. 2", "art. 3", "art. 4"]
    table = result.attribution.table.set_index("staff_id")
    esf09 = persons[persons["teams"] == "ESF-09"].index
    # the disqualified team's members who gain under art. 2 gain nothing else from art. 2 being absent
    assert all(table.at[p, "step_1"] > 0 for p in esf09 if persons.at[p, "in_old"] or table.at[p, "step_1"])
    assert all(table.at[p, "step_1"] == 0 for p in acs.index)   # agents only arrive with art. 3
    assert all(table.at[p, "step_2"] > 0 for p in acs.index)


def test_each_side_accounts_for_every_centavo():
    result = diff(DiffRequest(M05, from_version="lei_2013", to_version="lei_2015", data=M05_DATA))
    for side in (result.impact.old, result.impact.new):
        assert side.money_in == side.to_staff + sum(side.destinations.values()) + side.undistributed + \
            side.carried_beyond
        assert side.to_staff == int(side.rows["amount"].sum())
    # lei_2015 creates the 'prêmio_satisfação' share, paid to staff, out of management's 40%
    assert result.impact.new.destinations["custeio"] < result.impact.old.destinations["custeio"]


def _amendments():
    for path in sorted(LAWS.glob("m*.p4p")):
        texts = compiled(path).texts
        for a, b in zip(texts, texts[1:]):
            yield pytest.param(path, a.version, b.version, id=f"{path.stem}:{b.version}")


@pytest.mark.parametrize("path,a,b", list(_amendments()))
def test_every_amendment_in_laws_on_m05_data(path, a, b):
    """Every amendment of every law in laws/, on the bundled data (M5's, the only data bundled)."""
    result = diff(DiffRequest(path, from_version=a, to_version=b, data=M05_DATA), dataset_for(path))
    _check_against_runs(result, path, a, b)
    _check_attribution(result)


GROUPED = """lei "Dependências" município "X" uf PE
versão original "Lei 1" vigência 01/01/2012
art. 1 "Recursos":
  repartir recursos em equipes 60%, gestão 40%
art. 2 "Equipes":
  escala quatro_níveis
  desclassificadas excluídas
  distribuir equipes igualmente
art. 3 "Divisão":
  elegíveis: médico, enfermeiro
  dividir igualmente
art. 4 "Frequência":
  pagamento mensal
emenda lei_2 "Lei 2" vigência 01/01/2014
altera art. 3 "Divisão, com a enfermagem":
  elegíveis: médico, enfermagem
  dividir igualmente
altera art. 4 "Trimestral":
  pagamento trimestral
acrescenta art. 5 "A enfermagem":
  grupo enfermagem: enfermeiro, técnico_de_enfermagem, auxiliar_de_enfermagem
"""


def test_an_article_naming_a_group_of_a_later_article_is_applied_with_it(tmp_path: Path):
    law_file = tmp_path / "grouped.p4p"
    law_file.write_text(GROUPED, encoding="utf-8")
    law = compile_text(GROUPED, str(law_file))
    changes = provision_diff(law.version("original"), law.version("lei_2"))
    steps = plan(law.version("original"), law.version("lei_2"), changes)
    # art. 3 alone names 'enfermagem', defined only by art. 5: they form one step, placed at art. 3
    assert [s.label for s in steps] == ["art. 3 + art. 5", "art. 4"]
    assert steps[0].reason and "enfermagem" in steps[0].reason and steps[1].reason is None
    result = diff(DiffRequest(law_file, data=M05_DATA))
    assert [s.label for s in result.attribution.steps] == ["art. 3 + art. 5", "art. 4"]
    _check_attribution(result)
    technicians = result.impact.persons[result.impact.persons["cadre"] == "nursing_technician"]
    assert (technicians["old"] == 0).all() and (technicians["new"] > 0).all()


class Refused(Exception):
    pass


def test_a_step_the_engine_refuses_is_merged_with_the_next():
    law = compiled(M05)
    old, new = law.version("original"), law.version("lei_2013")
    changes = provision_diff(old, new)
    steps = plan(old, new, changes)
    assert [s.label for s in steps] == ["art. 2", "art. 3", "art. 4"]
    ran = []

    def runner(text):
        ran.append(text.version)
        if text.version == "original + art. 2":
            raise Refused("shares above 100%")
        return text.version

    done = run_steps(steps, runner, lambda e: isinstance(e, Refused), old, new,
                     [c for c in changes if c.rules_changed])
    assert [s.label for s, _ in done] == ["art. 2 + art. 3", "art. 4"]
    merged: Step = done[0][0]
    assert merged.reason == "shares above 100%" and merged.reason_kind == "run"
    assert done[0][1] == "original + art. 2 + art. 3" and done[1][1] is None   # the last step is the new law
    assert ran == ["original + art. 2", "original + art. 2 + art. 3"]
