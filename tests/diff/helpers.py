"""Shared helpers for the diff tests: M5's law and data, and independent runs with one version forced."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from p4p_rules.batch import law_names
from p4p_rules.data import load_dataset
from p4p_rules.engine.run import run
from p4p_rules.load import CompiledLaw, compile_file

ROOT = Path(__file__).resolve().parents[2]
LAWS = ROOT / "laws"
M05 = LAWS / "m05.p4p"
M05_DATA = LAWS / "data" / "m05"


@lru_cache(maxsize=None)
def compiled(path: Path) -> CompiledLaw:
    return compile_file(path)


@lru_cache(maxsize=None)
def dataset_for(path: Path, data: Path = M05_DATA):
    cadres, categories, cbo = law_names(compiled(path))
    return load_dataset(data, extra_cadres=cadres, extra_categories=categories, extra_cbo=cbo,
                        language=compiled(path).law.language)


@lru_cache(maxsize=None)
def totals_with_only(path: Path, version: str, data: Path = M05_DATA, start: dt.date | None = None,
                     end: dt.date | None = None) -> dict[str, int]:
    """Each person's total when `version` is the only text of the law, in force since 1900: computed here
    without p4p_rules.diff, to check the diff against."""
    law = compiled(path)
    text = law.version(version)
    assert text is not None
    only = CompiledLaw(law.law, [text.model_copy(update={"effective": dt.date(1900, 1, 1), "until": None})])
    result = run(only, dataset_for(path, data), start, end)
    out: dict[str, int] = {}
    for staff, amount in zip(result.payments["staff_id"], result.payments["amount"]):
        out[str(staff)] = out.get(str(staff), 0) + int(amount)
    return out
