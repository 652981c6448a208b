"""Shared fixtures: the repository root and a writable copy of data/raw."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A writable copy of data/raw."""
    return Path(shutil.copytree(RAW, tmp_path / "raw"))
