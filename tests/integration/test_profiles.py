"""The profiles: plain `snakemake` works (profiles/default), and the SLURM profile plans the whole run.

The SLURM profile is run for real on a one-node cluster by `make test-cluster` (tests/cluster/);
here a dry run checks that it loads and gives the jobs its resources without needing SLURM.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import copy_project, project_env

pytestmark = pytest.mark.integration

E2E = ("--configfile", "tests/config/e2e.yaml")


def snakemake(project: Path, *args: str) -> tuple[int, str]:
    """Exit code and everything Snakemake printed."""
    command = [sys.executable, "-m", "snakemake", *args]
    result = subprocess.run(command, cwd=project, env=project_env(project), capture_output=True, text=True, timeout=900)
    return result.returncode, result.stdout + result.stderr


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("profiles"))


def test_bare_snakemake_plans_the_study(project):
    code, output = snakemake(project, "-n")
    assert code == 0, output[-3000:]
    assert "workflow specific profile profiles/default" in output
    assert re.search(r"^build_report\s+1$", output, re.MULTILINE)


def test_bare_snakemake_runs_without_cores_given(project):
    code, output = snakemake(project, "data/processed/verified_tables.csv")
    assert code == 0, output[-3000:]
    assert "cores have to be specified" not in output
    assert (project / "data/processed/verified_tables.csv").stat().st_size > 0


def test_slurm_profile_plans_every_job_with_its_resources(project):
    code, output = snakemake(project, "-n", "--profile", "profiles/slurm", "all", *E2E)
    assert code == 0, output[-3000:]
    assert "Using profiles profiles/slurm and workflow specific profile profiles/default" in output
    assert re.search(r"^build_report\s+1$", output, re.MULTILINE)


def test_slurm_profile_names_only_rules_that_exist(project):
    # A renamed rule would silently lose its measured resources.
    code, output = snakemake(project, "--list-rules")
    assert code == 0, output[-3000:]
    rules = set(output.split())
    profile = yaml.safe_load((project / "profiles/slurm/config.yaml").read_text(encoding="utf-8"))
    assert set(profile["set-resources"]) <= rules, set(profile["set-resources"]) - rules
    assert {"build_panel", "build_report", "run_notebook"} <= set(profile["set-resources"])


def test_slurm_profile_gives_every_submitted_rule_its_resources(project):
    # A new rule without an entry would be submitted with the default 1000 MB: county contiguity needs more.
    code, output = snakemake(project, "--list-rules")
    assert code == 0, output[-3000:]
    targets = (project / "workflow/rules/targets.smk").read_text(encoding="utf-8")
    local = set(re.search(r"^localrules:\n((?:\s+\w+,?\n)+)", targets, re.MULTILINE).group(1).replace(",", " ").split())
    submitted = {line.strip() for line in output.splitlines() if re.fullmatch(r"[a-z_]+", line.strip())} - local
    profile = yaml.safe_load((project / "profiles/slurm/config.yaml").read_text(encoding="utf-8"))
    assert submitted <= set(profile["set-resources"]), submitted - set(profile["set-resources"])
