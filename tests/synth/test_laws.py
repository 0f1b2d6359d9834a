"""Synthetic laws: every one compiles, says it is synthetic, and the variants of the study occur."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from p4p_rules.load import compile_text
from p4p_rules.synth.laws import Place, law_draft
from p4p_rules.synth.names import STATES
from tests.synth.helpers import SEED

DRAFTS = 250


def test_every_generated_law_compiles(small):
    out, _ = small
    for law in sorted((out / "laws").glob("*.p4p")):
        text = law.read_text(encoding="utf-8")
        assert text.startswith("# Lei SINTÉTICA"), law.name
        compile_text(text, str(law))


def _drafts(first_month: dt.date = dt.date(2016, 1, 1), months: int = 12):
    for i in range(DRAFTS):
        uf, code, _ = STATES[i % len(STATES)]
        place = Place(f"m{i + 1:04d}", "Lagoa d'Água do Norte", uf, code * 100_000 + i)
        yield law_draft(place, SEED, i, first_month, months)


def test_many_laws_compile_and_cover_the_variants():
    seen: dict[str, Counter] = {k: Counter() for k in ("allocation", "division", "frequency", "amendment", "staff",
                                                         "tree", "lines")}
    for draft in _drafts():
        text = draft.text(SEED)
        compiled = compile_text(text, draft.place.code)
        assert compiled.at(dt.date(2016, 1, 31)) is not None, "a law must be in force from the first month"
        seen["allocation"][draft.allocation] += 1
        seen["division"][draft.division] += 1
        seen["frequency"][draft.frequency[0]] += 1
        seen["amendment"][draft.amendment] += 1
        seen["staff"][draft.staff] += 1
        seen["tree"][draft.tree] += 1
        for line in text.splitlines():
            m = re.match(r"\s+(exigir \w+|excluir afastamento|carência|perde após|proporcional \w+|teto|piso|"
                         r"reservar|pagar R\$|igualar|agrupar|redirecionar|categoria mínima|nota mínima|"
                         r"sobra de \w+ para \w+|defasagem|pagar parcela)", line)
            if m:
                seen["lines"][m.group(1)] += 1
    assert set(seen["allocation"]) == {"category_weight", "category_share", "equal", "transfer", "score"}
    assert set(seen["division"]) == {"equal", "weight_cadre", "weight_group", "clinical", "earmark", "fixed"}
    assert set(seen["frequency"]) == {"mensal", "bimestral", "trimestral", "quadrimestral", "semestral", "anual"}
    assert set(seen["amendment"]) == {None, "frequency", "split", "allocation", "conditions"}
    assert set(seen["staff"]) == {70, 65, 60, 55, 50, 45, 40, 30}
    assert set(seen["tree"]) == {"plain", "management", "professionals"}
    for provision in ("exigir lotado", "exigir ativo", "exigir contrato", "excluir afastamento", "perde após",
                      "proporcional aos", "teto", "reservar", "pagar R$", "igualar", "redirecionar",
                      "categoria mínima", "nota mínima", "defasagem", "pagar parcela", "sobra de inelegíveis para gestão",
                      "sobra de reprovadas para gestão", "sobra de proporcionalidade para gestão"):
        assert seen["lines"][provision] > 0, provision


def test_laws_for_a_later_window_and_a_short_one():
    for first, months in ((dt.date(2015, 10, 1), 1), (dt.date(2018, 7, 1), 18)):
        for draft in list(_drafts(first, months))[:60]:
            compiled = compile_text(draft.text(SEED), draft.place.code)
            assert compiled.at(first + dt.timedelta(days=27)) is not None


def test_a_law_depends_on_the_seed_and_the_municipality_only():
    place = Place("m0007", "Patos", "PB", 2500070)
    a = law_draft(place, SEED, 6, dt.date(2016, 1, 1), 12).text(SEED)
    assert a == law_draft(place, SEED, 6, dt.date(2016, 1, 1), 12).text(SEED)
    assert a != law_draft(place, SEED + 1, 6, dt.date(2016, 1, 1), 12).text(SEED + 1)


def test_tocantins_is_left_out_of_the_header():
    # 'uf TO' cannot be written: the grammar reads TO as the English keyword 'to'
    draft = law_draft(Place("m0001", "Palmeira", "TO", 1700010), SEED, 0, dt.date(2016, 1, 1), 12)
    text = draft.text(SEED)
    header = next(line for line in text.splitlines() if line.startswith("lei "))
    assert " uf " not in header and "ibge 1700010" in header
    compile_text(text)
