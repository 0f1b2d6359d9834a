"""Generated laws: model -> text -> model is the identity, and formatting is idempotent."""

from hypothesis import HealthCheck, given, settings

from p4p_rules.load import parse_law
from p4p_rules.model.law import PROVISION_KINDS, semantic
from p4p_rules.printer import print_law
from tests.strategies import laws, provisions


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(laws())
def test_print_then_parse_gives_back_the_same_law(law):
    text = print_law(law)
    parsed = parse_law(text, "generated.p4p")
    assert semantic(parsed) == semantic(law)
    # comments survive too, and printing the parsed law gives the same text
    assert print_law(parsed) == text


def test_the_generator_covers_every_provision_kind():
    kinds = set()

    @settings(max_examples=400, deadline=None, database=None)
    @given(provisions)
    def collect(p):
        kinds.add(p.kind)

    collect()
    assert kinds == set(PROVISION_KINDS)
