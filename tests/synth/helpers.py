"""Shared constants and helpers of the synthetic-data tests."""

from __future__ import annotations

import re
from pathlib import Path

SEED = 2016
SMALL = 20
# Laws that send a remainder "to the team" from a step where the engine drops it (see
# test_engine.py): until the engine routes those remainders, such laws fail its conservation check.
TO_TEAM = re.compile(r"^\s*sobra de (reprovadas|reserva|inelegíveis) para equipe\s*$", re.MULTILINE)


def files(root: Path) -> dict[str, bytes]:
    """Every file under `root`, by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
