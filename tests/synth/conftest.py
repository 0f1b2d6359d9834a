"""One small synthetic run shared by the synthetic-data tests (generating it is the slow part)."""

from __future__ import annotations

from pathlib import Path

import pytest

from p4p_rules.synth import SynthSummary, synthesize
from tests.synth.helpers import SEED, SMALL


@pytest.fixture(scope="session")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SynthSummary]:
    out = tmp_path_factory.mktemp("synth") / "out"
    return out, synthesize(SMALL, SEED, out)
