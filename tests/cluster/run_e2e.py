"""`make test-cluster`: the end-to-end test config through the SLURM profile, byte for byte against a local run.

In a scratch copy of the project: `snakemake -c2` locally, outputs set aside, then the same run with
`--profile profiles/slurm` on the cluster that tests/cluster/cluster.sh started (same directory, so
that nothing but the executor differs). Every file under data/processed/ and reports/ must be
identical, every job outside `localrules` must have run as a SLURM job, and a job that fails on the
cluster (a malformed raw table) must leave no output. Prints how long each part took.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.helpers import copy_project  # noqa: E402

OUTPUTS = ("data/processed", "reports")
RUN_STATE = ("logs", "benchmarks", ".snakemake")
E2E = ("--configfile", "tests/config/e2e.yaml")
# The plugin waits 40 s before its first status query by default; the test's jobs take seconds.
# Jobs of these rules run on the submitting machine (localrules in workflow/rules/targets.smk).
LOCAL = ("all", "verify_raw_inputs")
CLUSTER = ("--profile", "profiles/slurm", "--slurm-init-seconds-before-status-checks", "2")


def environment(project: Path) -> dict[str, str]:
    """Jobs import the copy's own package, not the clone's (which may be edited while the test runs).

    sbatch passes the environment on to the SLURM jobs.
    """
    return {**os.environ, "PYTHONPATH": str(project / "workflow")}


def snakemake(project: Path, *args: str) -> subprocess.CompletedProcess:
    # --configfile takes several files, so it goes last.
    command = [sys.executable, "-m", "snakemake", *args, *E2E]
    return subprocess.run(command, cwd=project, env=environment(project), capture_output=True, text=True, timeout=3600)


def check(result: subprocess.CompletedProcess, what: str) -> None:
    if result.returncode != 0:
        sys.exit(f"{what} failed:\n{result.stderr[-6000:]}")


def digests(root: Path) -> dict[str, str]:
    """sha256 of every file under the output folders, by path relative to root."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in OUTPUTS
        for path in sorted((root / folder).rglob("*"))
        if path.is_file()
    }


def slurm_jobs(run_log: str) -> list[str]:
    """States of the SLURM jobs this run submitted (squeue keeps finished jobs for MinJobAge)."""
    run_id = re.search(r"SLURM run ID: (\S+)", run_log).group(1)
    listing = subprocess.run(
        ["squeue", "--states=all", "--noheader", "--format=%T", "--name", run_id],
        capture_output=True,
        text=True,
        check=True,
    )
    return listing.stdout.split()


def first_difference(aside: Path, project: Path, path: str) -> str:
    """A few lines of unified diff of one output, local run against cluster run."""
    folder = next(folder for folder in OUTPUTS if path.startswith(folder + "/"))
    local_file = aside / folder.replace("/", "_") / Path(path).relative_to(folder)
    cluster_file = project / path
    if not (local_file.exists() and cluster_file.exists()):
        return f"{path}: only in the {'local' if local_file.exists() else 'cluster'} run"
    lines = [
        file.read_bytes().decode("utf-8", "replace").replace("><", ">\n<").splitlines()
        for file in (local_file, cluster_file)
    ]
    diff = difflib.unified_diff(*lines, f"local/{path}", f"cluster/{path}", n=1, lineterm="")
    return "\n".join(line[:300] for line in list(diff)[:30])


def timed(label: str, started: float) -> float:
    now = time.perf_counter()
    print(f"{label}: {now - started:.0f} s", flush=True)
    return now


def compare_local_and_cluster(project: Path, aside: Path) -> None:
    started = time.perf_counter()
    check(snakemake(project, "--cores", "2", "all"), "local run")
    local = digests(project)
    for folder in OUTPUTS:
        shutil.move(project / folder, aside / folder.replace("/", "_"))
    for folder in RUN_STATE:
        shutil.rmtree(project / folder)
    started = timed("local run (snakemake -c2 all)", started)

    result = snakemake(project, *CLUSTER, "all")
    check(result, "cluster run")
    started = timed("cluster run (snakemake --profile profiles/slurm all)", started)
    cluster = digests(project)
    differ = sorted(path for path in local.keys() | cluster.keys() if local.get(path) != cluster.get(path))
    if differ:
        print(first_difference(aside, project, differ[0]))
        sys.exit(f"cluster outputs differ from the local run: {', '.join(differ)}")
    output = result.stdout + result.stderr
    states = slurm_jobs(output)
    plan = dict(re.findall(r"^(\w+)\s+(\d+)$", output.split("Job stats:", 1)[1].split("\n\n", 1)[0], re.MULTILINE))
    remote = int(plan["total"]) - sum(int(plan.get(rule, 0)) for rule in LOCAL)
    if len(states) != remote or set(states) != {"COMPLETED"}:
        sys.exit(f"expected {remote} COMPLETED SLURM jobs, got {states}")
    print(f"identical: {len(cluster)} files; {remote} of {plan['total']} jobs ran as SLURM jobs, all COMPLETED")


def failed_job_leaves_nothing(project: Path) -> None:
    """A malformed raw table: the panel job fails on the cluster, its outputs are removed."""
    started = time.perf_counter()
    table = project / "data/raw/tables/national_poverty_fund.csv"
    lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].replace(",2017,", ",twenty17,", 1)
    table.write_text("".join(lines), encoding="utf-8")
    update = [sys.executable, "-m", "ruralrev", "manifest", "--update"]
    subprocess.run(update, cwd=project, env=environment(project), check=True, capture_output=True)
    result = snakemake(project, *CLUSTER, "harmonize")
    if result.returncode == 0:
        sys.exit("the panel job should have failed on the malformed table")
    left = [name for name in ("indicators.parquet", "indicators.csv") if (project / "data/processed" / name).exists()]
    if left:
        sys.exit(f"the failed cluster job left output behind: {left}")
    logs = [path for path in (project / "logs/slurm").rglob("*.log") if "ruralrev: error:" in path.read_text()]
    if not any("national_poverty_fund.csv" in path.read_text() for path in logs):
        sys.exit("no SLURM job log names the malformed table")
    timed("failed cluster job leaves no output", started)


def main() -> None:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ruralrev-cluster-") as scratch:
        project = copy_project(Path(scratch) / "project")
        aside = Path(scratch) / "local"
        aside.mkdir()
        compare_local_and_cluster(project, aside)
        failed_job_leaves_nothing(project)
    timed("test-cluster total", started)


if __name__ == "__main__":
    main()
