"""End to end: the Snakemake workflow on a small config, in a scratch copy of the project.

One full run (report included), then: nothing left to do, stage targets, determinism, and
bad inputs that must end early with one `ruralrev: error:` line and no partial output.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT, accept_raw_changes, copy_project, planned_rules, project_env

pytestmark = pytest.mark.integration


E2E = ("tests/config/e2e.yaml",)
E2E_PLUS_REGION = ("tests/config/e2e.yaml", "tests/config/extra_region.yaml")


def snakemake(
    project: Path, *args: str, configs: tuple[str, ...] = E2E, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    # --configfile takes several files, so it goes last, after the flags and targets.
    command = [sys.executable, "-m", "snakemake", "--cores", "2", *args, "--configfile", *configs]
    environment = {**project_env(project), **(env or {})}
    return subprocess.run(command, cwd=project, env=environment, capture_output=True, text=True, timeout=900)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_full_run_builds_every_deliverable(built):
    for path in [
        "reports/report.html",
        "reports/report.pdf",
        "reports/maps/batang.png",
        "reports/maps/batang.svg",
        "reports/maps/zhongshan.png",
        "reports/notebooks/study_area_batang.ipynb",
        "reports/notebooks/study_area_zhongshan.ipynb",
        "reports/figures/batang_figure_1.svg",
        "data/processed/claims.csv",
        "data/processed/indicators.parquet",
        "data/processed/claim_checks.csv",
        "data/processed/datapackage.json",
    ]:
        assert (built / path).stat().st_size > 0, path
    assert (built / "reports/report.pdf").read_bytes().startswith(b"%PDF")


def test_report_is_self_contained_and_hides_code(built):
    page = (built / "reports/report.html").read_text(encoding="utf-8")
    # nothing is fetched (no remote image, script or stylesheet); links a reader follows to a source are fine
    assert not re.search(r'src="(https?:)?//|<link[^>]+href="(https?:)?//', page), "the report must not fetch anything"
    assert "<script" not in page
    assert "import pandas" not in page  # code cells are hidden
    assert page.count("data:image/png;base64,") >= 5  # figures and maps inline
    # one chapter of study areas, each configured region under its own heading
    assert "The study areas" in page
    assert all(re.search(rf"<h2[^>]*>(?:<[^>]+>)*\s*{name}\s*<", page) for name in ("Batang", "Zhongshan"))


def test_second_run_plans_nothing(built):
    result = snakemake(built, "-n", "all", configs=E2E_PLUS_REGION)
    assert result.returncode == 0
    assert "Nothing to be done" in result.stdout + result.stderr


def test_outputs_are_byte_identical_when_rebuilt(built):
    """Rebuilt without the warm start (each job in its own interpreter, as on a cluster): the same bytes as the
    first run, whose jobs ran as copies of the warm process (ruralrev.warm). The PDF also checks that a copy gets
    its command's environment: the report rule sets SOURCE_DATE_EPOCH, which dates the PDF."""
    outputs = [
        "data/processed/indicators.csv",
        "data/processed/claims.csv",
        "data/processed/claim_checks.csv",
        "reports/figures/national_urbanization_rate.png",
        "reports/figures/national_urbanization_rate.svg",
        "reports/maps/batang.svg",
        "data/processed/values.json",
        "reports/report.html",
        "reports/report.pdf",
        # Permutation tests with a fixed seed, and the maps drawn from them.
        "data/processed/coupling_lisa.csv",
        "data/processed/county_urbanization.csv",
        "reports/figures/coupling_lisa.png",
        "reports/figures/county_urbanization_lisa.png",
        "reports/figures/coupling_lisa.svg",
    ]
    # The report's full tables too.
    outputs += sorted(str(path.relative_to(built)) for path in (built / "reports/tables").glob("*/*.csv"))
    # The executed notebooks too (papermill's run times and random cell id are scrubbed).
    notebooks = sorted(str(path.relative_to(built)) for path in (built / "reports/notebooks").glob("*.ipynb"))
    assert len(notebooks) >= 6, notebooks
    outputs += notebooks
    before = {path: digest(built / path) for path in outputs}
    result = snakemake(built, "--forceall", "all", configs=E2E_PLUS_REGION, env={"RURALREV_WARM": "off"})
    assert result.returncode == 0, result.stderr[-3000:]
    assert {path: digest(built / path) for path in outputs} == before


def test_a_stage_target_plans_only_what_it_needs(tmp_path):
    project = copy_project(tmp_path)
    plan = snakemake(project, "-n", "maps").stdout
    assert "build_regions" in plan and "plot_region_map" in plan
    assert "extract_documents" not in plan and "run_notebook" not in plan and "build_report" not in plan


def error_lines(result: subprocess.CompletedProcess) -> list[str]:
    """The distinct `ruralrev: error:` lines (a failed job's line is printed by the job, then repeated at the end)."""
    return list(dict.fromkeys(line for line in result.stderr.splitlines() if line.startswith("ruralrev: error:")))


def error_line_is_near_the_end(result: subprocess.CompletedProcess) -> bool:
    """The user's last screen shows the error: it is within the last few lines, under Snakemake's rule dump."""
    return any(line.startswith("ruralrev: error:") for line in result.stderr.splitlines()[-6:])


@pytest.mark.parametrize(
    "config_text, expected",
    [
        ('add_regions: [{id: nowhere, admin_code: "999999"}]\n', "unknown admin code '999999'"),
        ("regoins: []\n", "unknown key 'regoins'"),
        ("add_regions: [{id: x, admin_code: [513301]}]\n", "should be of type"),
    ],
)
def test_bad_config_stops_before_any_job(tmp_path, config_text, expected):
    project = copy_project(tmp_path)
    (project / "bad.yaml").write_text(config_text, encoding="utf-8")
    result = snakemake(project, "all", configs=("tests/config/e2e.yaml", "bad.yaml"))
    assert result.returncode != 0
    assert len(error_lines(result)) == 1 and expected in error_lines(result)[0]
    assert "Traceback" not in result.stderr
    assert not (project / "data/processed").exists() or not any((project / "data/processed").iterdir())


def test_tampered_raw_file_stops_the_run(tmp_path):
    project = copy_project(tmp_path)
    table = project / "data/raw/tables/national_population.csv"
    table.write_text(table.read_text(encoding="utf-8").replace("509.79", "519.79"), encoding="utf-8")
    result = snakemake(project, "harmonize")
    assert result.returncode != 0
    assert len(error_lines(result)) == 1 and "national_population.csv: content differs" in error_lines(result)[0]
    assert "Traceback" not in result.stderr


def test_malformed_table_names_file_and_row_and_leaves_no_output(tmp_path):
    project = copy_project(tmp_path)
    table = project / "data/raw/tables/national_poverty_fund.csv"
    lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].replace(",2017,", ",twenty17,", 1)
    table.write_text("".join(lines), encoding="utf-8")
    accept_raw_changes(project)
    result = snakemake(project, "harmonize")
    assert result.returncode != 0
    errors = error_lines(result)
    assert len(errors) == 1 and "national_poverty_fund.csv" in errors[0] and "year" in errors[0]
    assert error_line_is_near_the_end(result), result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert not (project / "data/processed/indicators.parquet").exists()
    assert not (project / "data/processed/indicators.csv").exists()


def test_undecodable_document_names_the_file(tmp_path):
    project = copy_project(tmp_path)
    (project / "data/raw/documents/scanned.txt").write_bytes("Rural population 552 million".encode("utf-16"))
    accept_raw_changes(project)
    result = snakemake(project, "extract")
    assert result.returncode != 0
    errors = error_lines(result)
    assert len(errors) == 1 and "scanned.txt" in errors[0]
    assert error_line_is_near_the_end(result), result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert not (project / "data/processed/claims.csv").exists()


def test_a_dropped_pdf_and_chinese_document_flow_through_extraction_the_claim_check_and_the_report(built):
    import pandas as pd

    layer = (built / "data/processed/documents/guizhou_two_columns.txt").read_text(encoding="utf-8")
    claims = pd.read_csv(built / "data/processed/claims.csv")
    pdf = claims[claims["doc"] == "guizhou_two_columns"]
    assert len(pdf) >= 5 and set(pdf["page"]) <= {1, 2}
    assert all(layer[row.start : row.end] == row.text for row in pdf.itertuples())
    assert claims.loc[claims["doc"] != "guizhou_two_columns", "page"].isna().all()  # text documents have no pages
    checks = pd.read_csv(built / "data/processed/claim_checks.csv")
    verdicts = dict(zip(checks["text"], checks["verdict"]))
    assert verdicts["53.15 percent"] == "confirmed" and verdicts["11,642 yuan"] == "confirmed"
    page = (built / "reports/report.html").read_text(encoding="utf-8")
    assert 'href="../data/raw/documents/guizhou_two_columns.pdf#page=1"' in page  # the claim's page of the PDF
    # the Chinese document (simplified and traditional) is checked against the panel as an English one is
    chinese = checks[checks["doc"] == "guizhou_zh"].set_index("text")
    assert chinese.loc["303.16万人", ["place", "indicator", "verdict"]].tolist() == [
        "Liupanshui",
        "total_population",
        "confirmed",
    ]
    assert chinese.loc["43834元", "verdict"] == "confirmed"  # 城鎮居民人均可支配收入為43834元: the urban series
    assert (chinese["verdict"] == "confirmed").all() and len(chinese) == 9
    assert "<mark>303.16万人</mark>" in page


def documented_columns() -> dict[str, list[str]]:
    """The column table of workflow/README.md: file pattern -> columns."""
    readme = (ROOT / "workflow" / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Columns of every stage file", 1)[1]
    rows = re.findall(r"^\| `([^`]+)` \| ([^|]+) \|$", table, flags=re.M)
    return {pattern: [c.strip() for c in columns.split(",")] for pattern, columns in rows}


def test_workflow_readme_lists_the_columns_every_stage_writes(built):
    documented = documented_columns()
    written = sorted(built.glob("data/processed/*.csv")) + sorted(built.glob("reports/figures/*.csv"))
    for path in written:
        relative = str(path.relative_to(built))
        pattern = next((p for p in documented if fnmatch.fnmatch(relative, p.replace("<name>", "*"))), None)
        assert pattern, f"{relative} is not described in workflow/README.md's column table"
        header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
        assert header == documented[pattern], f"{relative}: README lists {documented[pattern]}, stage writes {header}"


def test_every_package_module_is_a_code_input_of_some_job(built):
    result = snakemake(built, "--detailed-summary", "all", configs=E2E_PLUS_REGION)
    assert result.returncode == 0, result.stderr[-2000:]
    inputs = set()
    for line in result.stdout.splitlines()[1:]:
        fields = line.split("\t")
        if len(fields) > 4:
            inputs |= set(fields[4].split(","))
    package = built / "workflow" / "ruralrev"
    modules = [p for p in package.rglob("*") if p.suffix in (".py", ".csv", ".yaml") and "__pycache__" not in p.parts]
    # Modules that run in the Snakemake process itself (rules/common.smk): they shape the DAG and reach the
    # jobs only through their inputs and params, which Snakemake tracks.
    workflow_only = {"workflow/ruralrev/config.py", "workflow/ruralrev/codeinputs.py"}
    # How a job's interpreter starts (the warm start, the notebooks' kernel): the same bytes with or without them.
    workflow_only |= {"workflow/ruralrev/warm.py", "workflow/ruralrev/kernel.py"}
    # The layout checker reads the finished report (`ruralrev report-check`, the reader tests): it makes no output.
    checker = {str(p.relative_to(built)) for p in (package / "reportcheck").glob("*.py")}
    unused = [
        str(p.relative_to(built)) for p in modules if str(p.relative_to(built)) not in inputs | workflow_only | checker
    ]
    assert not unused, f"modules no job lists among its inputs (edits to them would rerun nothing): {unused}"


@pytest.mark.parametrize(
    "module, must_plan, must_not_plan",
    [
        ("files.py", ["extract_documents", "build_panel", "check_claims", "build_report"], []),
        ("crosscheck/precision.py", ["check_claims"], ["extract_documents", "build_panel", "plot_region_map"]),
    ],
)
def test_editing_a_module_reruns_the_jobs_that_import_it(built, module, must_plan, must_not_plan):
    path = built / "workflow" / "ruralrev" / module
    original, stat = path.read_bytes(), path.stat()
    try:
        # A change of content: Snakemake ignores a touch that leaves the checksum unchanged.
        path.write_bytes(original + b"\n# edited by the test\n")
        plan = snakemake(built, "-n", "all", configs=E2E_PLUS_REGION).stdout
    finally:
        path.write_bytes(original)
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    planned = planned_rules(plan)
    assert set(must_plan) <= planned, f"editing {module} does not rerun {set(must_plan) - planned}"
    assert not set(must_not_plan) & planned, (
        f"editing {module} reruns {set(must_not_plan) & planned}, which do not import it"
    )
