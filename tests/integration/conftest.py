"""The one end-to-end build every integration test that reads outputs shares (so `make test` builds once)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import copy_project, project_env

CONFIGS = ("tests/config/e2e.yaml", "tests/config/extra_region.yaml")


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """A scratch copy of the project after `snakemake all` on the small config plus an extra region."""
    project = copy_project(tmp_path_factory.mktemp("e2e"))
    command = [sys.executable, "-m", "snakemake", "--cores", "2", "all", "--configfile", *CONFIGS]
    result = subprocess.run(
        command, cwd=project, env=project_env(project), capture_output=True, text=True, timeout=1200
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return project
