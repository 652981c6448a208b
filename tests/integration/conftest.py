"""The one end-to-end build every integration test that reads outputs shares (so `make test` builds once)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT, accept_raw_changes, copy_project, project_env

CONFIGS = ("tests/config/e2e.yaml", "tests/config/extra_region.yaml")
# Documents dropped into data/raw/documents as a user would, accepted with `ruralrev manifest --update`.
DROPPED_DOCUMENTS = ("tests/data/pdf/guizhou_two_columns.pdf", "tests/data/documents/guizhou_zh.txt")


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """A scratch copy of the project after `snakemake all` on the small config plus an extra region, with a PDF
    and a Chinese document added the way a user adds them."""
    project = copy_project(tmp_path_factory.mktemp("e2e"))
    for document in DROPPED_DOCUMENTS:
        shutil.copy(ROOT / document, project / "data/raw/documents")
    accept_raw_changes(project)
    command = [sys.executable, "-m", "snakemake", "--cores", "2", "all", "--configfile", *CONFIGS]
    result = subprocess.run(
        command, cwd=project, env=project_env(project), capture_output=True, text=True, timeout=1200
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return project
