"""Bounded fuzzing of law text, in-process (the CI part; `make fuzz` runs the long one).

Damaged laws of the corpus must compile, or give diagnostics that point inside the file; a law
that still compiles must print, pass the loophole rules and run over M5's data without failing.
The cases are fixed (seeded, derandomized hypothesis), so CI runs the same ones every time.
"""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from p4p_rules.load import compile_text
from p4p_rules.syntax.diagnostics import LawError
from tests.fuzz.cases import seeded_failures
from tests.fuzz.law_mutators import BYTE_MUTATORS, TEXT_MUTATORS, corpus
from tests.fuzz.law_target import check_diagnostics, check_law_file

CI = settings(derandomize=True, deadline=None, database=None, max_examples=50,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def test_seeded_mutations_of_the_corpus(tmp_path: Path) -> None:
    assert seeded_failures("law", tmp_path, range(300), deep=False) == []


def test_seeded_mutations_that_still_compile_also_check_and_run(tmp_path: Path) -> None:
    assert seeded_failures("law", tmp_path, range(1_000, 1_012), deep=True) == []


@CI
@given(law=st.sampled_from(range(len(corpus()))),
       steps=st.lists(st.tuples(st.sampled_from(range(len(TEXT_MUTATORS))), st.integers(0, 2**16)),
                      min_size=1, max_size=4),
       byte_step=st.none() | st.tuples(st.sampled_from(range(len(BYTE_MUTATORS))), st.integers(0, 2**16)))
def test_chains_of_mutations(tmp_path_factory, law: int, steps: list[tuple[int, int]],
                             byte_step: tuple[int, int] | None) -> None:
    """Hypothesis chooses the mutations, so a failure shrinks to the fewest and simplest."""
    text = corpus()[law]
    for m, seed in steps:
        text = TEXT_MUTATORS[m](text, random.Random(seed))
    data = text.encode("utf-8", errors="surrogatepass")
    if byte_step is not None:
        data = BYTE_MUTATORS[byte_step[0]](data, random.Random(byte_step[1]))
    path = tmp_path_factory.mktemp("law") / "law.p4p"
    path.write_bytes(data)
    check_law_file(path)


@CI
@given(law=st.sampled_from(range(len(corpus()))), at=st.floats(0, 1), inserted=st.text(max_size=40))
def test_any_text_inserted_anywhere(law: int, at: float, inserted: str) -> None:
    text = corpus()[law]
    pos = int(at * len(text))
    text = text[:pos] + inserted + text[pos:]
    try:
        compile_text(text, "inserted.p4p")
    except LawError as e:
        check_diagnostics(e, "inserted.p4p", max(1, text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1))


@CI
@given(data=st.binary(max_size=3_000))
def test_any_bytes_as_a_law_file(tmp_path_factory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("bytes") / "junk.p4p"
    path.write_bytes(data)
    check_law_file(path)
