"""The outputs printed in docs/diff.md are what `p4p-rules diff` prints today (at 100 columns)."""

import os
import re
import subprocess
import sys

import pytest

from .helpers import ROOT

DOC = ROOT / "docs" / "diff.md"
BLOCK = re.compile(r"<!-- (output|excerpt): (.*?) -->\n```text\n\$ p4p-rules diff .*?\n(.*?)\n```", re.S)


def _blocks():
    return [pytest.param(kind, args, body, id=f"{kind}:{args}") for kind, args, body in
            BLOCK.findall(DOC.read_text(encoding="utf-8"))]


def _clean(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.splitlines()).strip("\n")


def test_the_page_has_examples():
    assert len(_blocks()) >= 2


@pytest.mark.parametrize("kind,args,body", _blocks())
def test_printed_output_matches(kind, args, body):
    env = dict(os.environ, COLUMNS="100")
    r = subprocess.run([sys.executable, "-m", "p4p_rules.cli", "diff", *args.split()], capture_output=True,
                       text=True, cwd=ROOT, env=env)
    assert r.returncode == 0, r.stderr
    printed, shown = _clean(r.stdout), _clean(body)
    if kind == "output":
        assert printed == shown, "docs/diff.md is out of date: regenerate the block (see the end of the page)"
    else:
        assert shown in printed, "docs/diff.md is out of date: regenerate the block (see the end of the page)"
