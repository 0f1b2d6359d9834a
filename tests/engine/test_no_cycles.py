"""A payment run leaves no reference cycles: its objects are freed as soon as it ends.

A national batch runs thousands of laws with the cyclic collector off (it would walk the national
tables again and again); a cycle anywhere in a period's objects would keep all of them — every
payment of the period — alive until a collection, and the workers' memory would grow with the
country (a nested recursive function in the split of the pool did exactly that, ~1,500 objects per
municipality)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from p4p_rules.batch import law_names
from p4p_rules.data import load_dataset
from p4p_rules.engine.run import compute
from p4p_rules.load import compile_file

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = sorted(p.name for p in (ROOT / "laws" / "data").iterdir()
                 if p.is_dir() and (ROOT / "laws" / f"{p.name}.p4p").exists())


@pytest.mark.parametrize("name", BUNDLED)
def test_a_run_leaves_no_garbage_cycles(name):
    law = compile_file(ROOT / "laws" / f"{name}.p4p")
    cadres, categories, cbo = law_names(law)
    dataset = load_dataset(ROOT / "laws" / "data" / name, extra_cadres=cadres, extra_categories=categories,
                           extra_cbo=cbo, language=law.law.language)
    gc.collect()
    gc.disable()
    try:
        books, _ = compute(law, dataset)
        assert books  # the run paid something: there were objects to leak
        del books
        found: list = []
        gc.set_debug(gc.DEBUG_SAVEALL)
        try:
            gc.collect()
            found = list(gc.garbage)
        finally:
            gc.set_debug(0)
            gc.garbage.clear()
    finally:
        gc.enable()
    assert not found, f"{len(found)} objects in reference cycles, e.g. {sorted({type(o).__name__ for o in found})[:8]}"
