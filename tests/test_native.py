"""The engine's compiled build (p4p_rules/engine/native.py) is used only while it matches the source,
and the plain-Python engine gives the same payments as the build in use."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from p4p_rules.engine import native

ROOT = Path(__file__).resolve().parents[1]


def _fake_build(tmp: Path, hashes: dict[str, str]) -> Path:
    """A build folder as `native.build` leaves it (the binaries are empty files: only their names count)."""
    modules = tmp / "p4p_rules" / "engine"
    modules.mkdir(parents=True)
    for name in native.COMPILED:
        (modules / f"{name}.cpython-311-x86_64-linux-gnu.so").write_bytes(b"")
    (tmp / native.MANIFEST).write_text(json.dumps({"python": native.interpreter(), "sources": hashes}))
    return modules


def test_a_build_of_the_current_sources_is_taken(tmp_path, monkeypatch):
    monkeypatch.delenv("P4P_RULES_PURE_PYTHON", raising=False)
    modules = _fake_build(tmp_path, native.source_hashes())
    assert native.fresh_build(tmp_path) == modules


def test_a_build_of_an_older_source_is_ignored(tmp_path, monkeypatch):
    monkeypatch.delenv("P4P_RULES_PURE_PYTHON", raising=False)
    hashes = native.source_hashes()
    hashes["period"] = "0" * 64  # period.py was edited after the build
    _fake_build(tmp_path, hashes)
    assert native.fresh_build(tmp_path) is None


def test_an_edited_source_makes_the_build_stale(tmp_path, monkeypatch):
    monkeypatch.delenv("P4P_RULES_PURE_PYTHON", raising=False)
    engine = tmp_path / "engine"
    shutil.copytree(native.ENGINE, engine, ignore=shutil.ignore_patterns("__pycache__"))
    build = tmp_path / "build"
    _fake_build(build, native.source_hashes(engine))
    assert native.fresh_build(build, engine) is not None
    with open(engine / "people.py", "a") as f:
        f.write("\n# an edit\n")
    assert native.fresh_build(build, engine) is None


def test_a_half_built_or_foreign_build_is_ignored(tmp_path, monkeypatch):
    monkeypatch.delenv("P4P_RULES_PURE_PYTHON", raising=False)
    assert native.fresh_build(tmp_path) is None  # no manifest
    modules = _fake_build(tmp_path, native.source_hashes())
    (modules / f"{native.COMPILED[0]}.cpython-311-x86_64-linux-gnu.so").unlink()
    assert native.fresh_build(tmp_path) is None  # a module missing
    _fake_build(tmp_path / "other", native.source_hashes())
    manifest = json.loads((tmp_path / "other" / native.MANIFEST).read_text())
    manifest["python"] = "cpython-27"
    (tmp_path / "other" / native.MANIFEST).write_text(json.dumps(manifest))
    assert native.fresh_build(tmp_path / "other") is None  # built for another Python
    # the same Python version, another build of it (pyenv's instead of Debian's): compiled again
    manifest["python"] = f"{sys.implementation.cache_tag} 3.11.0 (main, Jan 1 2023) [another compiler]"
    (tmp_path / "other" / native.MANIFEST).write_text(json.dumps(manifest))
    assert native.fresh_build(tmp_path / "other") is None
    manifest["python"] = native.interpreter()
    (tmp_path / "other" / native.MANIFEST).write_text(json.dumps(manifest))
    assert native.fresh_build(tmp_path / "other") is not None  # (the case above failed for its reason)


def test_pure_python_can_be_forced(tmp_path, monkeypatch):
    _fake_build(tmp_path, native.source_hashes())
    monkeypatch.setenv("P4P_RULES_PURE_PYTHON", "1")
    assert native.fresh_build(tmp_path) is None


def test_the_engine_in_use_is_the_fresh_build_when_there_is_one():
    # `make test` builds it first: then this whole suite ran against the compiled engine
    compiled = native.in_use()
    if os.environ.get("P4P_RULES_PURE_PYTHON") or native.fresh_build() is None:
        assert not any(compiled.values())
    else:
        assert all(compiled.values()), compiled


def _run_m14(out: Path, pure: bool) -> str:
    env = {k: v for k, v in os.environ.items() if k != "P4P_RULES_PURE_PYTHON"}
    if pure:
        env["P4P_RULES_PURE_PYTHON"] = "1"
    code = ("import sys\nfrom p4p_rules.engine import native\nfrom p4p_rules.cli import main\n"
            "print(all(native.in_use().values()), file=sys.stderr)\n"
            f"sys.argv = ['p4p-rules', 'run', 'laws/m14.p4p', '--data', 'laws/data/m14', '--out', {str(out)!r}]\n"
            "main()\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stderr.splitlines()[0]


def test_plain_python_and_the_build_in_use_write_the_same_files(tmp_path, monkeypatch):
    """M14's bundled example (turnover, absences, a disqualified team, three cycles) run both ways."""
    assert _run_m14(tmp_path / "pure", pure=True) == "False"
    compiled = _run_m14(tmp_path / "default", pure=False)
    monkeypatch.delenv("P4P_RULES_PURE_PYTHON", raising=False)
    assert compiled == str(native.fresh_build() is not None)
    for name in ("payments.csv", "ledger.csv", "periods.csv"):
        pure = (tmp_path / "pure" / name).read_bytes()
        assert len(pure) > 200 and pure == (tmp_path / "default" / name).read_bytes(), name


def test_the_engine_objects_cross_processes_whole():
    """A batch's workers send each run's books back by pickle: every engine object in them (payments,
    ledger lines, teams with their scores, the period) and the per-person ones (postings, absences,
    standings, cited provisions) come back equal, compiled or not.  A compiled class whose __init__
    takes arguments cannot be unpickled without its own __reduce__ (mypyc calls __init__ with none)."""
    import copy
    import datetime as dt
    import pickle
    from fractions import Fraction

    from p4p_rules.engine.people import Absence, Posting, Standing
    from p4p_rules.engine.period import Score
    from p4p_rules.engine.view import Cited
    from p4p_rules.load import compile_file
    from p4p_rules.data import load_dataset
    from p4p_rules.engine.run import run

    law = compile_file(ROOT / "laws" / "m14.p4p")
    books = run(law, load_dataset(ROOT / "laws" / "data" / "m14", language="pt")).books
    teams = [ts for b in books for ts in b.teams.values()]
    assert books[0].payments and books[0].ledger and any(ts.failed for ts in teams) and any(ts.cites for ts in teams)
    assert pickle.loads(pickle.dumps(books)) == books
    others = [Posting("1", "Ana", None, "acs", dt.date(2014, 1, 1), None, True, 30),
              Absence("1", dt.date(2014, 2, 1), dt.date(2014, 2, 3), "inss"),
              Standing(False, 0, ["on_leave"], ["art. 4"]), Standing(True, Fraction(1, 3)),
              Score("ESF-01", 2, dt.date(2014, 5, 2), Fraction(171, 2), "good"), Cited(law.law, "art. 1")]
    for thing in others:
        assert pickle.loads(pickle.dumps(thing)) == thing and copy.deepcopy(thing) == thing, thing
