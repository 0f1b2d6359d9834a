"""Fixtures: an editable copy of the M5 data and a minimal valid dataset, both in tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.data_loading.helpers import M05, write_mini


@pytest.fixture
def m05(tmp_path: Path) -> Path:
    """A copy of the bundled M5 data that a test may edit."""
    target = tmp_path / "m05"
    shutil.copytree(M05, target, ignore=shutil.ignore_patterns("*.md"))
    return target


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    return write_mini(tmp_path / "mini")
