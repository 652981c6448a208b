"""Shared fixtures: the repository root and a scratch copy of it for workflow runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"


@pytest.fixture
def repo_root() -> Path:
    return ROOT


def copy_project(target: Path) -> Path:
    """A runnable copy of the project (code, config, notebooks, raw data), without outputs."""
    for name in ("Snakefile", "config", "workflow", "notebooks", "data/raw", "tests/config", "matplotlibrc", "environment.yml"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A writable copy of data/raw."""
    return Path(shutil.copytree(RAW, tmp_path / "raw"))
