"""The time-bounded runner behind `make fuzz`, run briefly: real cases on guarded workers find no
failure, and its guards catch a case that hangs and one that eats memory, saving each for replay."""

from __future__ import annotations

import json
from pathlib import Path

from tests.fuzz.runner import fuzz, main


def test_a_short_run_finds_no_failure(tmp_path: Path) -> None:
    summary = fuzz(6, ("law", "data"), seed=7_000, timeout=60, workers=2, out=tmp_path, cli_every=0, log=lambda m: None)
    assert summary.failures == [], summary.report()
    assert summary.cases["law"] > 0 and summary.cases["data"] > 0
    assert "cases/s" in summary.report()


def test_the_guards_catch_a_hang_and_a_memory_hog(tmp_path: Path) -> None:
    summary = fuzz(0.5, ("hang", "hog"), seed=1, timeout=3, memory_mb=300, workers=2, out=tmp_path, cli_every=0,
                   log=lambda m: None)
    reasons = {(f.kind, f.reason) for f in summary.failures}
    assert reasons == {("hang", "timeout"), ("hog", "memory")}
    for f in summary.failures:
        meta = json.loads((f.saved / "case.json").read_text(encoding="utf-8"))
        assert (meta["kind"], meta["seed"], meta["reason"]) == (f.kind, f.seed, f.reason)
        assert (f.saved / "law.p4p").read_text(encoding="utf-8") == f"{f.kind} {f.seed}\n"


def test_a_saved_case_replays(tmp_path: Path, capsys) -> None:
    case = tmp_path / "law-5-contract"
    case.mkdir()
    (case / "law.p4p").write_text('lei "T"\nversão original vigência 01/03/2012\nart. 1:\n  xyz\n', encoding="utf-8")
    (case / "case.json").write_text(json.dumps({"kind": "law", "seed": 5, "mutations": ["by hand"]}), encoding="utf-8")
    assert main(["--replay", str(case)]) == 0
    assert "outcome: diagnostic (no failure)" in capsys.readouterr().out
