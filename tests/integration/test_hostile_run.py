"""Hostile inputs through the real workflow, in one scratch copy: file names that a shell would run, names
Snakemake cannot carry, a symbolic link, a config edit that must rerun its figure, a failing job whose error
line must be on the user's last screen."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from tests.helpers import accept_raw_changes, copy_project, planned_rules, project_env

pytestmark = pytest.mark.integration

E2E = ("tests/config/e2e.yaml",)
# Names a shell would read as commands, separators or quotes, and a CJK name with a space.
HOSTILE_DOCUMENTS = ["a$(touch PWNED).txt", "b;touch PWNED2;.txt", "my doc.txt", '六盘水 it\'s `x` "q".txt']
HOSTILE_SOURCES = "SOURCES_x$(touch PWNED3).md"


def snakemake(project: Path, *args: str, configs: tuple[str, ...] = E2E) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "snakemake", "--cores", "2", *args, "--configfile", *configs]
    return subprocess.run(command, cwd=project, env=project_env(project), capture_output=True, text=True, timeout=900)


def error_lines(result: subprocess.CompletedProcess) -> list[str]:
    return list(dict.fromkeys(line for line in result.stderr.splitlines() if line.startswith("ruralrev: error:")))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """A scratch copy with hostile document and source-list names, accepted and run through extract and harmonize."""
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    documents = project / "data/raw/documents"
    for name in HOSTILE_DOCUMENTS:
        (documents / name).write_text("In 2020 the urbanization rate of Guizhou reached 53.15%.\n", encoding="utf-8")
    (project / "data/raw" / HOSTILE_SOURCES).write_text("# More sources\n\nNone yet.\n", encoding="utf-8")
    accept_raw_changes(project)
    result = snakemake(project, "extract", "harmonize")
    assert result.returncode == 0, result.stderr[-3000:]
    return project


def test_hostile_names_run_no_command_and_are_read(hostile):
    assert not list(hostile.parent.rglob("PWNED*"))
    documents = set(pd.read_csv(hostile / "data/processed/documents.csv", dtype=str)["id"])
    assert {Path(name).stem for name in HOSTILE_DOCUMENTS} <= documents


@pytest.mark.parametrize("name", ["a{wildcard}.txt", "line\nbreak.txt"])
def test_names_with_braces_or_line_breaks_stop_the_run_at_start(hostile, name):
    path = hostile / "data/raw/documents" / name
    path.write_text("Text.\n", encoding="utf-8")
    try:
        result = snakemake(hostile, "-n", "extract")
    finally:
        path.unlink()
    assert result.returncode != 0
    assert len(error_lines(result)) == 1 and "braces or a line break" in error_lines(result)[0]
    assert "Traceback" not in result.stderr


def test_a_symlink_in_raw_stops_the_run_at_start(hostile, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("Text from outside the repository.\n", encoding="utf-8")
    link = hostile / "data/raw/documents/linked.txt"
    link.symlink_to(outside)
    try:
        result = snakemake(hostile, "-n", "extract")
    finally:
        link.unlink()
    assert result.returncode != 0
    assert len(error_lines(result)) == 1 and "linked.txt: a symbolic link" in error_lines(result)[0]


def test_a_document_metadata_entry_without_id_stops_the_run_at_start(hostile):
    metadata = hostile / "data/raw/documents/documents.yaml"
    saved = metadata.read_bytes()
    metadata.write_text("documents:\n  - file: my doc.txt\n    kind: paper\n", encoding="utf-8")
    accept_raw_changes(hostile)
    try:
        result = snakemake(hostile, "-n", "notebooks")
    finally:
        metadata.write_bytes(saved)
        accept_raw_changes(hostile)
    assert result.returncode != 0
    assert (
        len(error_lines(result)) == 1
        and "documents.yaml: entry 1 of `documents`: has no `id`" in error_lines(result)[0]
    )


def test_a_yaml_error_in_the_config_file_names_file_and_line(hostile):
    config = hostile / "config/config.yaml"
    saved = config.read_bytes()
    config.write_text(saved.decode("utf-8").replace("regions:", "regions: [", 1), encoding="utf-8")
    try:
        result = snakemake(hostile, "-n", "extract")
    finally:
        config.write_bytes(saved)
    assert result.returncode != 0
    assert len(error_lines(result)) == 1 and "config/config.yaml line" in error_lines(result)[0]


def test_a_failing_job_ends_the_screen_with_its_error_line(hostile):
    """The panel job fails on a formula cell; the error line is repeated under Snakemake's rule dump."""
    table = hostile / "data/raw/tables/national_poverty_fund.csv"
    saved = table.read_bytes()
    lines = saved.decode("utf-8").splitlines(keepends=True)
    lines[2] = lines[2].rstrip("\n") + "\n"
    head, rest = lines[2].split(",", 1)
    lines[2] = '"=HYPERLINK(""http://x"")",' + rest
    table.write_text("".join(lines), encoding="utf-8")
    accept_raw_changes(hostile)
    try:
        result = snakemake(hostile, "harmonize")
    finally:
        table.write_bytes(saved)
        accept_raw_changes(hostile)
    assert result.returncode != 0
    errors = error_lines(result)
    assert len(errors) == 1 and "national_poverty_fund.csv: data row 2" in errors[0] and "formula" in errors[0]
    assert any(line.startswith("ruralrev: error:") for line in result.stderr.splitlines()[-6:]), result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert not list((hostile / "data/processed").glob(".*.tmp"))


def test_editing_a_figure_title_in_config_reruns_exactly_that_figure(built, tmp_path):
    edit = tmp_path / "title.yaml"
    edit.write_text('figures:\n  liupanshui_figure_1:\n    title: "Urbanization rate, retitled"\n', encoding="utf-8")
    configs = ("tests/config/e2e.yaml", "tests/config/extra_region.yaml", str(edit))
    result = snakemake(built, "-n", "figures", configs=configs)
    assert result.returncode == 0, result.stderr[-2000:]
    planned = planned_rules(result.stdout)
    assert "plot_figure" in planned and "liupanshui_figure_1" in result.stdout
    assert not planned & {"build_panel", "extract_documents", "check_claims", "build_table"}
