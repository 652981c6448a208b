"""End to end: `snakemake atlas` for one small province in a scratch copy, and the refusal of an unknown code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from tests.helpers import copy_project, project_env

pytestmark = pytest.mark.integration
PROVINCE = "110000"  # Beijing: 16 county-level units, every one in both censuses
PROVINCE_NUMBER = int(PROVINCE)  # written as a number on purpose: codes may be numbers in config


def snakemake(project: Path, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "snakemake", "--cores", "2", *args, "--configfile", "tests/config/e2e.yaml"]
    return subprocess.run(command, cwd=project, env=project_env(project), capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def atlas_project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("atlas"))
    result = snakemake(project, "atlas", "--config", f"atlas=[{PROVINCE_NUMBER}]")
    assert result.returncode == 0, result.stderr[-4000:]
    return project


def test_atlas_draws_one_sheet_per_unit_with_the_panels_numbers(atlas_project):
    from ruralrev.geo import boundaries, layers

    units = layers.county_level_units(boundaries.resolve(PROVINCE))
    sheets = sorted(p.stem for p in (atlas_project / "reports" / "atlas" / PROVINCE).glob("*.png"))
    assert sheets == sorted(unit.code for unit in units)
    table = pd.read_csv(atlas_project / "data" / "processed" / "atlas.csv", dtype={"admin_code": str})
    assert len(table) == len(units) and (table["status"] == "drawn").all()
    panel = pd.read_parquet(atlas_project / "data" / "processed" / "indicators.parquet")
    panel = panel[panel["preferred"] & (panel["geo_code"] == "110108")].set_index(["indicator", "year"])["value"]
    haidian = table.set_index("admin_code").loc["110108"]
    assert haidian["population_2020"] == panel[("total_population", 2020)]
    assert haidian["urbanization_2020"] == pytest.approx(panel[("urbanization_rate", 2020)])
    assert haidian["urbanization_change_pp"] == pytest.approx(panel[("urbanization_rate_change_2010_2020", 2020)])
    page = (atlas_project / "reports" / "atlas" / "index.html").read_text(encoding="utf-8")
    assert page.count('class="card') == len(units) and "Haidian District" in page


def test_unknown_province_code_is_refused_before_anything_runs(tmp_path):
    project = copy_project(tmp_path)
    result = snakemake(project, "atlas", "--config", "atlas=['110001']")
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("ruralrev: error:")]
    assert len(errors) == 1 and "'110001'" in errors[0] and "110000 北京市 Beijing" in errors[0]
    assert "Traceback" not in result.stderr and not (project / "reports" / "atlas").exists()
