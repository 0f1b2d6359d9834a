"""A sample of damaged inputs through the real command line: exit code 2, a position, no traceback."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from pathlib import Path

from tests.fuzz.cases import M05_LAW, cli_command
from tests.fuzz.data_mutators import M05, odd_cell, to_csv
from tests.fuzz.law_mutators import binary_junk, corpus, swap_tokens


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cli_command() + list(args), capture_output=True, text=True, timeout=300,
                          encoding="utf-8", errors="replace")


def test_a_damaged_law_through_check_and_show(tmp_path: Path) -> None:
    rng = random.Random(3)
    text = swap_tokens(corpus()[4], rng)                       # m05, two tokens swapped
    data = binary_junk(text.encode("utf-8"), rng)              # then cut and followed by junk bytes
    law = tmp_path / "damaged.p4p"
    law.write_bytes(data)
    position = re.compile(rf"^{re.escape(str(law))}:\d+:\d+: E1\d\d ", re.M)
    for args in (["check", "--isolated", str(law)], ["show", str(law)]):
        r = cli(*args)
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        assert position.search(r.stderr), r.stderr
        assert "Traceback" not in r.stderr + r.stdout and "internal error" not in r.stderr


def test_a_law_too_big_through_check(tmp_path: Path) -> None:
    law = tmp_path / "huge.p4p"
    law.write_text('law "T"\n' + "# padding\n" * 110_000, encoding="utf-8")   # 1,100,008 bytes
    r = cli("check", str(law))
    assert r.returncode == 2
    assert r.stderr.startswith(f"{law}:1:1: E150 error: file too large: 1100008 bytes (the limit is 1000000)")


def test_damaged_data_through_run(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(M05, data, ignore=shutil.ignore_patterns("*.md", "expected"))
    rng = random.Random(11)
    table = [r.split(";") for r in (M05 / "transfers.csv").read_text(encoding="utf-8").splitlines()]
    for _ in range(3):
        table = odd_cell(table, rng)
    (data / "transfers.csv").write_bytes(to_csv(table, random.Random(0), []))
    r = cli("run", str(M05_LAW), "--data", str(data), "--from", "2014-01", "--to", "2014-03")
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr + r.stdout and "internal error" not in r.stderr
    lines = r.stderr.splitlines()
    assert lines and all(line.startswith(str(data)) for line in lines), r.stderr
    assert re.search(rf"^{re.escape(str(data / 'transfers.csv'))}:\d+: (coluna|column) '", r.stderr, re.M), r.stderr
