"""Every law in laws/: parses, is formatted, round-trips, and has a version in force in cycles 1-3."""

import datetime as dt
from pathlib import Path

import pytest

from p4p_rules.load import compile_file, compile_text, parse_law, read_source
from p4p_rules.model.law import semantic
from p4p_rules.printer import print_in_force, print_law

ROOT = Path(__file__).resolve().parents[1]
LAWS = sorted((ROOT / "laws").glob("*.p4p"))
# a date well inside each PMAQ cycle (domain.md: cycle 1 Nov 2011-Mar 2013, 2 Apr 2013-Sep 2015, 3 Oct 2015-Dec 2019)
CYCLE_DATES = {1: dt.date(2012, 6, 1), 2: dt.date(2014, 6, 1), 3: dt.date(2016, 6, 1)}


def test_the_corpus_has_one_law_per_municipality_of_the_study():
    assert [p.stem for p in LAWS] == [f"m{i:02d}" for i in range(1, 21)]


@pytest.mark.parametrize("path", LAWS, ids=lambda p: p.stem)
def test_law_compiles_and_says_it_is_a_reconstruction(path):
    compiled = compile_file(path)
    head = read_source(path)[:600].lower()
    assert "reconstru" in head  # "reconstrução" / "reconstruction"
    assert compiled.law.municipality == f"M{int(path.stem[1:])}"


@pytest.mark.parametrize("path", LAWS, ids=lambda p: p.stem)
def test_law_file_is_in_canonical_format_and_formatting_is_idempotent(path):
    text = read_source(path)
    once = print_law(parse_law(text, str(path)))
    assert once == text, "run `p4p-rules fmt` on this file"
    assert print_law(parse_law(once, str(path))) == once


@pytest.mark.parametrize("path", LAWS, ids=lambda p: p.stem)
def test_parse_print_parse_is_the_identity(path):
    law = parse_law(read_source(path), str(path))
    again = parse_law(print_law(law), str(path))
    assert semantic(again) == semantic(law)


@pytest.mark.parametrize("path", LAWS, ids=lambda p: p.stem)
@pytest.mark.parametrize("cycle", [1, 2, 3])
def test_a_version_is_in_force_in_each_cycle_and_its_text_is_a_valid_law(path, cycle):
    compiled = compile_file(path)
    text = compiled.at(CYCLE_DATES[cycle])
    assert text is not None
    reparsed = compile_text(print_in_force(text), f"{path.stem}-consolidated")
    assert len(reparsed.texts) == 1
    assert semantic(reparsed.texts[0].articles[0]) == semantic(text.articles[0])
    assert [semantic(a) for a in reparsed.texts[0].articles] == [semantic(a) for a in text.articles]


def test_portuguese_and_english_keywords_give_an_identical_model():
    pt = compile_file(ROOT / "tests" / "data" / "bilingual_pt.p4p")
    en = compile_file(ROOT / "tests" / "data" / "bilingual_en.p4p")
    assert pt.law.language == "pt" and en.law.language == "en"

    def without_wording(model):
        # titles and legal wording are the law's own prose, translated by hand; everything else must agree
        data = semantic(model)

        def strip(v):
            if isinstance(v, dict):
                return {k: strip(x) for k, x in v.items() if k not in ("wording", "title")}
            if isinstance(v, list):
                return [strip(x) for x in v]
            return v
        return strip(data)

    assert without_wording(pt.law) == without_wording(en.law)
    assert [without_wording(t) for t in pt.texts] == [without_wording(t) for t in en.texts]
    # and the models are not trivially equal: the amendment really changed art. 2
    assert semantic(pt.texts[0].articles[1]) != semantic(pt.texts[1].articles[0])
