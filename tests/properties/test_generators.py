"""The generated engine cases cover every provision kind of the law model (so the properties that run
them are checked against every kind), and each property's rewritten laws keep what it says it keeps."""

from __future__ import annotations

from hypothesis import given, settings

from p4p_rules.load import compile_text
from p4p_rules.model.law import PROVISION_KINDS
from tests.properties.cases import engine_cases, provisions


def test_engine_cases_cover_every_provision_kind():
    kinds: set[str] = set()

    @settings(max_examples=60, deadline=None, database=None, derandomize=True)
    @given(engine_cases)
    def collect(case):
        kinds.update(p.kind for p in provisions(compile_text(case.law, "generated.p4p")))

    collect()
    assert kinds == set(PROVISION_KINDS), sorted(set(PROVISION_KINDS) - kinds)
