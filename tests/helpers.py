"""Helpers shared by the integration tests and tools/bench.py: a runnable scratch copy of the project."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COPY = (
    "Snakefile",
    "config",
    "workflow",
    "profiles",
    "notebooks",
    "data/raw",
    "tests/config",
    "matplotlibrc",
    "environment.yml",
)


def copy_project(target: Path) -> Path:
    """A runnable copy of the project (code, config, notebooks, raw data) without outputs."""
    for name in COPY:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def project_env(project: Path) -> dict[str, str]:
    """The environment of a run in a scratch copy: its jobs import the copy's own package, not the checkout's
    (installed editable), so a copy runs the code it holds even while the checkout is being edited."""
    return {**os.environ, "PYTHONPATH": str(Path(project) / "workflow")}


def planned_rules(dry_run_output: str) -> set[str]:
    """Rule names in the job-stats table of `snakemake -n` (empty when nothing is to be done)."""
    table = dry_run_output.split("Job stats:", 1)[1] if "Job stats:" in dry_run_output else ""
    rows = [line.split() for line in table.splitlines()[3:]]
    return {row[0] for row in rows if len(row) == 2 and row[1].isdigit() and row[0] != "total"}


def accept_raw_changes(project: Path) -> None:
    """Accept changed raw files of a scratch copy the deliberate way: `ruralrev manifest --update`."""
    subprocess.run(
        [sys.executable, "-m", "ruralrev", "manifest", "--update"],
        cwd=project,
        env=project_env(project),
        check=True,
        capture_output=True,
    )
