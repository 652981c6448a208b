"""Inputs a hostile but fair tester tries: file names, formulas, encodings, broken metadata, full disks, kills.
Each ends in one `ruralrev: error:` line naming the file, key or row (or is handled), never a traceback."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pandas as pd
import pytest
import yaml

from ruralrev import cli, files, manifest
from ruralrev.config import check_raw_references, validate_config
from ruralrev.errors import UserError, error_lines
from ruralrev.metadata import read_documents_yaml
from ruralrev.panel import tables

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "workflow" / "schemas" / "config.schema.yaml"


def shipped() -> dict:
    return yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))


# --- spreadsheet formulas ---------------------------------------------------------------------------------


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x","a")', "@SUM(A1:A2)", "+1+cmd|' /C calc'!A0", "-2+3", "\tx"])
def test_a_formula_like_raw_cell_is_refused_with_file_row_and_column(cell):
    frame = pd.read_csv(ROOT / "data/raw/tables/national_poverty_fund.csv", dtype=str, keep_default_na=False)
    frame.loc[1, "source_note"] = cell
    bad = frame.to_csv(index=False, lineterminator="\n")
    with pytest.raises(UserError, match=r"national_poverty_fund\.csv: data row 2, column 'source_note': .*formula"):
        tables.parse_table(bad, "national_poverty_fund.csv")


@pytest.mark.parametrize("cell", ["-1.5", "+2", "-", "+", "1e3", "", "a=b", "minus -3"])
def test_numbers_directions_and_plain_text_are_data(cell):
    assert not files.is_formula_like(cell)


def test_published_csvs_neutralise_formula_text_but_keep_numbers(tmp_path):
    frame = pd.DataFrame(
        {"text": ["=HYPERLINK(1)", "@SUM(A1)", "-3.5", "+", "plain", "\tx"], "value": [1.0, -2.0, 3, 4, 5, 6]}
    )
    published = tmp_path / "reports" / "tables" / "t.csv"
    files.write_csv(frame, published)
    back = pd.read_csv(published, keep_default_na=False, dtype={"text": str})
    assert back["text"].tolist() == ["'=HYPERLINK(1)", "'@SUM(A1)", "-3.5", "+", "plain", "'\tx"]
    assert back["value"].tolist() == [1.0, -2.0, 3, 4, 5, 6]
    # data/processed keeps the text as it is (code reads it back); only what readers open is neutralised
    processed = tmp_path / "data" / "processed" / "t.csv"
    files.write_csv(frame, processed)
    assert pd.read_csv(processed, keep_default_na=False)["text"][0] == "=HYPERLINK(1)"


# --- encodings and metadata shape ---------------------------------------------------------------------------


def test_gbk_text_is_one_line_naming_file_and_line(tmp_path):
    path = tmp_path / "SOURCES_extra.md"
    path.write_bytes("# 来源\n| S1 | 国家统计局 |\n".encode("gbk"))
    with pytest.raises(UserError, match=r"SOURCES_extra\.md line 1: not UTF-8 .*re-save"):
        files.read_text(path, "source list")


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("regions:\n  - id: a\n    admin_code: [\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"config\.yaml line \d+: not valid YAML"):
        files.read_yaml_file(path, "config file")


@pytest.mark.parametrize(
    "body, message",
    [
        ("documents:\n  - file: a.txt\n    kind: paper\n", r"entry 1 of `documents`: has no `id`"),
        ("documents:\n  - id: a\n  - id: a\n", r"entry 2 of `documents`: id 'a' appears twice"),
        ("documents:\n  - id: a\n    focus_places: Batang\n", r"`focus_places` must be a list"),
        ("documents: {id: a}\n", r"expected a top-level `documents:` list"),
        ("documents:\n  - just text\n", r"entry 1 of `documents`: expected a mapping"),
    ],
)
def test_malformed_document_metadata_is_one_line(tmp_path, body, message):
    path = tmp_path / "documents.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(UserError, match=message):
        read_documents_yaml(path)


def test_shipped_document_metadata_reads():
    entries = read_documents_yaml(ROOT / "data/raw/documents/documents.yaml")
    assert "batang_common_prosperity" in entries


# --- raw file names, links and folders ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["a{b}.txt", "line\nbreak.txt"])
def test_names_snakemake_cannot_carry_are_refused(raw_copy, name):
    (raw_copy / "documents" / name).write_text("Text.\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"braces or a line break"):
        manifest.updated_entries(raw_copy, manifest.read_manifest(raw_copy))


def test_a_symlink_in_raw_is_refused(raw_copy, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("secret\n", encoding="utf-8")
    (raw_copy / "documents" / "link.txt").symlink_to(outside)
    with pytest.raises(UserError, match=r"link\.txt: a symbolic link"):
        manifest.updated_entries(raw_copy, manifest.read_manifest(raw_copy))
    with pytest.raises(UserError, match=r"link\.txt: a symbolic link"):
        manifest.verify(raw_copy)


def test_a_document_in_a_sub_folder_is_refused(raw_copy):
    (raw_copy / "documents" / "more").mkdir()
    (raw_copy / "documents" / "more" / "paper.txt").write_text("Text.\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"more/paper\.txt: documents are read from .* not from sub-folders"):
        manifest.updated_entries(raw_copy, manifest.read_manifest(raw_copy))


# --- config that names raw files, study areas ----------------------------------------------------------------


def test_a_province_as_study_area_is_refused_with_what_to_do():
    config = shipped()
    config["regions"].append({"id": "guizhou", "admin_code": "520000"})
    with pytest.raises(UserError, match=r"region 'guizhou': 520000 is a province; .*atlas"):
        validate_config(config, SCHEMA)


def test_config_naming_a_missing_table_is_refused_by_key(raw_copy):
    config = validate_config(shipped(), SCHEMA)
    entries = manifest.verify(ROOT / "data/raw")
    check_raw_references(config, entries, raw_copy)  # the shipped config names only vendored tables
    typo = json.loads(json.dumps(config))
    typo["figure_contradicted"][0]["raw_file"] = "study_area_urbanisation.csv"
    with pytest.raises(UserError, match=r"figure_contradicted\[0\]\.raw_file: 'study_area_urbanisation\.csv'"):
        check_raw_references(typo, entries, raw_copy)
    deleted = [e for e in entries if e["path"] != "tables/cultivated_land.csv"]
    with pytest.raises(UserError, match=r"figures\.\w+\.file: 'cultivated_land\.csv' is not a table"):
        check_raw_references(config, deleted, raw_copy)
    wrong_row = json.loads(json.dumps(config))
    wrong_row["figure_contradicted"][0]["raw_row"] = 1  # a Sichuan row
    with pytest.raises(UserError, match=r"figure_contradicted\[0\]: data row \d+ .* is place"):
        check_raw_references(wrong_row, entries, raw_copy)


# --- full disks, read-only folders, killed writers ------------------------------------------------------------


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "no space left"), (errno.EROFS, "read-only")])
def test_disk_full_or_read_only_is_one_line_naming_the_folder(tmp_path, monkeypatch, code, words):
    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
    target = tmp_path / "processed" / "claims.csv"
    with pytest.raises(UserError, match=rf"{tmp_path / 'processed'}: cannot write: .*{words}"):
        files.write_csv(pd.DataFrame({"a": [1]}), target)
    assert list(target.parent.iterdir()) == []


def test_the_command_turns_a_disk_error_into_one_line(tmp_path, monkeypatch, capsys):
    def full(args):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "reports" / "report.pdf"))

    monkeypatch.setattr(cli.commands, "cmd_crosscheck", full)
    code = cli.main(["crosscheck", "--claims", "c", "--indicators", "i", "--out", "o"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err) == 1
    assert err[0].startswith(f"ruralrev: error: {tmp_path / 'reports'}: cannot write: no space left")


def test_a_killed_writer_leaves_nothing_the_next_write_keeps(tmp_path):
    target = tmp_path / "reports" / "report.pdf"
    target.parent.mkdir()
    stale = target.parent / ".report.pdf.abc123.tmp"  # what a hard kill mid-write leaves
    stale.write_bytes(b"")
    files.write_json({"a": 1}, target)
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.pdf"]


# --- the error line at the end of a failed run ----------------------------------------------------------------


def test_error_lines_of_this_run_are_found_in_job_logs(tmp_path):
    old, new = tmp_path / "old.log", tmp_path / "sub" / "new.log"
    new.parent.mkdir()
    old.write_text("ERROR ruralrev: error: from an earlier run\n", encoding="utf-8")
    os.utime(old, (1, 1))
    new.write_text("INFO reading\nERROR ruralrev: error: t.csv: data row 3: bad\n", encoding="utf-8")
    assert error_lines(tmp_path, since=100) == ["ruralrev: error: t.csv: data row 3: bad"]


def test_a_failing_notebook_is_one_line_and_leaves_no_file(tmp_path, capsys, monkeypatch):
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "ruralrev", "language": "python", "display_name": "ruralrev"}
    notebook.cells = [
        nbformat.v4.new_code_cell("name = 'x'", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("raise KeyError(name)"),
    ]
    source, target = tmp_path / "nb.ipynb", tmp_path / "reports" / "notebooks" / "nb.ipynb"
    nbformat.write(notebook, source)
    scratch = tmp_path / "tmp"  # the executed copy goes to the temporary folder: a private one here
    scratch.mkdir()
    monkeypatch.setattr(files.tempfile, "tempdir", str(scratch))
    code = cli.main(["--log", str(tmp_path / "job.log"), "notebook", str(source), str(target), "--param", "name=id"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err) == 1
    assert err[0].startswith(f"ruralrev: error: {source}: cell 2 failed: KeyError: 'id'")
    assert not target.parent.exists() or not list(target.parent.iterdir())
    assert list(scratch.iterdir()) == []
