"""The raw-data manifest: real files verify; tampered, missing and unlisted files are refused by name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ruralrev import manifest
from ruralrev.errors import UserError

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"


def test_every_vendored_raw_file_matches_the_manifest():
    entries = manifest.verify(RAW)
    listed = {e["path"] for e in entries}
    assert "tables/census_2020_counties.csv" in listed
    assert "documents/batang_common_prosperity.txt" in listed
    assert all(e["holds"] != "to be described" for e in entries)


def test_a_tampered_file_is_named(raw_copy):
    target = raw_copy / "tables" / "national_poverty_fund.csv"
    target.write_text(target.read_text(encoding="utf-8").replace("860.95", "960.95"), encoding="utf-8")
    with pytest.raises(UserError, match=r"national_poverty_fund\.csv: content differs"):
        manifest.verify(raw_copy)


def test_a_missing_file_is_named(raw_copy):
    (raw_copy / "documents" / "liupanshui_coupling_abstract.txt").unlink()
    with pytest.raises(UserError, match=r"liupanshui_coupling_abstract\.txt: listed .* but missing"):
        manifest.verify(raw_copy)


def test_an_unlisted_file_is_refused_until_accepted(raw_copy):
    new = raw_copy / "documents" / "new_paper.txt"
    new.write_text("In 2019, the rural population was 552 million.\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"new_paper\.txt: not in .*manifest --update"):
        manifest.verify(raw_copy)
    old = manifest.read_manifest(raw_copy)
    manifest.write_manifest(raw_copy, manifest.updated_entries(raw_copy, old))
    entries = {e["path"]: e for e in manifest.verify(raw_copy)}
    assert entries["documents/new_paper.txt"]["holds"] == "to be described"
    # descriptions of known files survive the update
    assert entries["tables/census_2010_counties.csv"]["holds"].startswith("6th census")


def test_cli_reports_one_line_and_no_traceback(raw_copy):
    (raw_copy / "SOURCES.md").write_text("changed\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "ruralrev", "manifest", "--raw", str(raw_copy)], capture_output=True, text=True
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ruralrev: error:") and "SOURCES.md" in lines[0]
    assert "Traceback" not in result.stderr


def test_a_corrupt_manifest_is_reported(raw_copy):
    (raw_copy / "manifest.yaml").write_text("files: [unclosed\n", encoding="utf-8")
    with pytest.raises(UserError, match="not valid YAML"):
        manifest.verify(raw_copy)
    yaml.safe_dump({"files": [{"path": "x"}]}, open(raw_copy / "manifest.yaml", "w"))
    with pytest.raises(UserError, match="expected a `files:` list"):
        manifest.verify(raw_copy)
