"""compile_many: what compiling each file alone gives, in the order given, on one process or on a pool."""

from __future__ import annotations

import gc
import pickle
from pathlib import Path

import pytest

from p4p_rules.load import CompiledLaw, _compile_chunk, _from_worker, compile_file, compile_many
from p4p_rules.syntax.diagnostics import LawError

ROOT = Path(__file__).resolve().parents[1]
LAWS = sorted((ROOT / "laws").glob("*.p4p"))


def _outcome(result: CompiledLaw | LawError) -> tuple:
    """Everything a caller can see: the models with positions and comments, or the rendered diagnostics."""
    if isinstance(result, LawError):
        return ("error", [(d.code, d.file, d.line, d.col) for d in result.diagnostics], result.render())
    return ("law", result.law.model_dump(mode="json"), [t.model_dump(mode="json") for t in result.texts])


def _alone(path: Path) -> tuple:
    try:
        return _outcome(compile_file(path))
    except LawError as e:
        return _outcome(e)


@pytest.fixture
def paths(tmp_path: Path) -> list[Path]:
    # a law that parses but names an undefined cadre, one that does not parse, one that is not there
    m05 = (ROOT / "laws" / "m05.p4p").read_text(encoding="utf-8")
    undefined = tmp_path / "undefined.p4p"
    undefined.write_text(m05.replace("elegíveis: ", "elegíveis: enfermeiro_chefe, ", 1), encoding="utf-8")
    unreadable = tmp_path / "syntax.p4p"
    unreadable.write_text(m05.replace("art. 2", "art. dois", 1), encoding="utf-8")
    # more files than a pool is used for (16), the bad ones among them
    return LAWS[:7] + [undefined] + LAWS[7:14] + [unreadable, tmp_path / "missing.p4p"] + LAWS[14:]


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_compile_many_gives_what_compiling_each_file_gives_in_order(paths, jobs):
    paths = paths * 4  # enough chunks for the pool to take some
    expected = [_alone(p) for p in paths]
    assert [e[0] for e in expected].count("error") == 12  # the bad files really are bad
    assert {d[0] for e in expected if e[0] == "error" for d in e[1]} >= {"E140", "E100", "E151"}
    results = compile_many(paths, jobs=jobs)
    assert [_outcome(r) for r in results] == expected


def test_what_a_worker_sends_back_becomes_what_compiling_in_this_process_gives(paths):
    # the worker's side and the parent's side of the pool, with the pickling in between: the pool itself
    # may leave a worker few chunks, or none, as this process compiles chunks too
    answers = pickle.loads(pickle.dumps(_compile_chunk(paths), protocol=pickle.HIGHEST_PROTOCOL))
    results = [_from_worker(p, a) for p, a in zip(paths, answers, strict=True)]
    assert [_outcome(r) for r in results] == [_alone(p) for p in paths]
    compiled = results[paths.index(ROOT / "laws" / "m05.p4p")]
    assert isinstance(compiled, CompiledLaw) and compiled.law.municipality == "M5"
    # consolidated again in the parent, its texts share the articles of the law, as in one process
    first = compiled.law.versions[0].articles[0]
    assert any(a is first for t in compiled.texts for a in t.articles)
    assert compiled.at(compiled.texts[-1].effective) is compiled.texts[-1]


def test_compile_many_leaves_the_garbage_collector_as_it_found_it(paths):
    assert gc.isenabled()
    compile_many(paths[:3], jobs=1)
    compile_many(paths, jobs=2)
    assert gc.isenabled()
    gc.disable()
    try:
        compile_many(paths[:3], jobs=1)
        assert not gc.isenabled()
    finally:
        gc.enable()
