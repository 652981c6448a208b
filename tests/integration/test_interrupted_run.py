"""Interrupted runs: a run killed in the middle of the panel build resumes where it stopped.

One scratch copy, the small end-to-end config and the `harmonize` stage (raw checks, then the
panel build, the longest early job), interrupted twice while the panel job runs:

- stopped: SIGTERM to the whole process group (Ctrl-C, a batch system stopping the run), SIGKILL
  to what is left after a grace period. Snakemake removes what the killed job had written and
  releases its lock; the next run redoes that job.
- crashed: SIGTERM to Snakemake, SIGKILL to the group 50 ms later, while the panel job is writing
  its outputs (power loss, the OOM killer). Outputs written so far stay, marked incomplete, and so
  does Snakemake's lock: after `snakemake --unlock` the next run rebuilds them, because
  profiles/default sets rerun-incomplete.

Each time `snakemake -n` states why each job must run, only the interrupted job reruns, the
outputs end byte-identical to an uninterrupted run and nothing under data/raw/ changes.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import copy_project, project_env

pytestmark = pytest.mark.integration

TARGET = ("harmonize", "--configfile", "tests/config/e2e.yaml")
PANEL = (
    "indicators.parquet",
    "indicators.csv",
    "conflicts.csv",
    "missing.csv",
    "skipped.csv",
    "gazetteer.csv",
    "crosswalk.csv",
    "datapackage.json",
)
FIRST = "indicators.parquet"  # the panel job writes this one first, the CSVs after it


def snakemake(project: Path, *args: str) -> tuple[int, str]:
    """Exit code and everything Snakemake printed."""
    command = [sys.executable, "-m", "snakemake", *args]
    result = subprocess.run(command, cwd=project, env=project_env(project), capture_output=True, text=True, timeout=900)
    return result.returncode, result.stdout + result.stderr


def digests(folder: Path) -> dict[str, str]:
    """sha256 by relative path of every file under folder, temporary files of killed writes left out."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.endswith(".tmp")
    }


def start_and_interrupt(project: Path, crash: bool) -> None:
    """Run the stage in its own process group; interrupt it once the panel job is writing."""
    run = subprocess.Popen(
        [sys.executable, "-m", "snakemake", "-c2", *TARGET],
        cwd=project,
        env=project_env(project),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    first = project / "data/processed" / FIRST
    deadline = time.monotonic() + 600
    while not first.exists():
        assert run.poll() is None, "the run ended before the panel job wrote anything"
        assert time.monotonic() < deadline, "the panel job did not start writing within 10 minutes"
        time.sleep(0.01)
    if crash:
        os.kill(run.pid, signal.SIGTERM)  # Snakemake would wait for the running job ...
        time.sleep(0.05)
        os.killpg(run.pid, signal.SIGKILL)  # ... but the hard kill comes first
    else:
        os.killpg(run.pid, signal.SIGTERM)
        try:
            run.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(run.pid, signal.SIGKILL)
    run.wait(timeout=60)
    assert run.returncode != 0


def planned(output: str) -> dict[str, int]:
    """Rule -> job count from Snakemake's 'Job stats' table."""
    table = output.split("Job stats:", 1)[1].split("total", 1)[0]
    return {rule: int(count) for rule, count in re.findall(r"^(\w+)\s+(\d+)$", table, re.MULTILINE)}


def reasons(output: str) -> list[str]:
    """The 'Reason:' line printed under each job of a plan."""
    return re.findall(r"^Job \d+: .*\nReason: (.+)$", output, re.MULTILINE)


@pytest.fixture
def uninterrupted(tmp_path):
    """The same stage run without interruption, in its own copy, on the core the panel job leaves free."""
    reference = copy_project(tmp_path / "uninterrupted")
    with open(tmp_path / "uninterrupted.log", "w") as log:
        run = subprocess.Popen(
            [sys.executable, "-m", "snakemake", "-c1", *TARGET],
            cwd=reference,
            env=project_env(reference),
            stdout=log,
            stderr=log,
        )
    yield reference, run
    if run.poll() is None:
        run.kill()
        run.wait()


def test_interrupted_panel_build_resumes_and_ends_identical(tmp_path, uninterrupted):
    reference, reference_run = uninterrupted
    project = copy_project(tmp_path / "interrupted")
    raw = digests(project / "data/raw")
    processed = project / "data/processed"

    # Stopped: the killed job's outputs are removed, no lock is left, the plan says what is missing.
    start_and_interrupt(project, crash=False)
    assert not any((processed / name).exists() for name in PANEL)
    checked = (processed / "verified_tables.csv").stat().st_mtime_ns
    code, plan = snakemake(project, "-n", *TARGET)
    assert code == 0 and "cannot be locked" not in plan, plan[-3000:]
    assert planned(plan) == {"build_panel": 1, "harmonize": 1}
    assert len(reasons(plan)) == 2 and any(reason.startswith("Missing output files: ") for reason in reasons(plan))

    # Crashed while writing: partial outputs and a stale lock stay behind.
    start_and_interrupt(project, crash=True)
    left = [name for name in PANEL if (processed / name).exists()]
    assert FIRST in left and len(left) < len(PANEL), f"not a partial panel: {left}"
    code, plan = snakemake(project, "-n", *TARGET)
    assert code == 0, plan[-3000:]
    assert planned(plan) == {"build_panel": 1, "harmonize": 1} and len(reasons(plan)) == 2
    # Without the default profile's rerun-incomplete, Snakemake stops and names what is incomplete.
    code, refusal = snakemake(project, "-n", "--workflow-profile", "none", *TARGET)
    assert code != 0 and f"data/processed/{FIRST}" in refusal.split("Incomplete files:", 1)[1]
    code, blocked = snakemake(project, "-c2", *TARGET)
    assert code != 0 and "--unlock" in blocked
    assert snakemake(project, "--unlock", *TARGET)[0] == 0

    code, resumed = snakemake(project, "-c2", *TARGET)
    assert code == 0, resumed[-3000:]
    assert planned(resumed) == {"build_panel": 1, "harmonize": 1}  # the raw checks are not redone
    assert (processed / "verified_tables.csv").stat().st_mtime_ns == checked
    assert reference_run.wait(timeout=900) == 0, (tmp_path / "uninterrupted.log").read_text()[-3000:]
    assert digests(processed) == digests(reference / "data/processed")
    assert digests(project / "data/raw") == raw
