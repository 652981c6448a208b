"""The source register: every source id any table uses resolves to a record with publisher, title, where to
check it and a grade; "official" only for a government publisher; malformed records are one line."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from ruralrev import register
from ruralrev.errors import UserError

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"


@pytest.fixture(scope="module")
def records() -> pd.DataFrame:
    return register.read_register(RAW / "source_register.csv")


def test_every_record_names_publisher_title_grade_and_where_to_check(records):
    assert records["source_id"].is_unique and len(records) >= 120
    for row in records.to_dict("records"):
        assert row["publisher"] and row["title"] and row["grade"], row["source_id"]
        # one documented exception: a newspaper article whose address the notes do not give
        assert register.link(row).startswith(("http://", "https://")) or row["source_id"] == "Q117", row["source_id"]


def test_every_policy_document_source_resolves(records):
    table = pd.read_csv(RAW / "tables" / "policy_documents.csv", dtype=str, keep_default_na=False)
    cited = {i for ref in table["source_ref"] for i in re.findall(r"\bD\d{3}\b", ref)}
    assert cited and cited <= set(records["source_id"])


def test_ids_sharing_a_repository_are_told_apart_by_path(records):
    by_id = records.set_index("source_id")
    assert by_id.loc["P102", "repository"] == by_id.loc["P132", "repository"]
    assert by_id.loc["P102", "path"] != by_id.loc["P132", "path"]
    assert register.link({**by_id.loc["P132"].to_dict()}).endswith("分省年度数据_整合.csv")


def test_official_only_for_government_publishers(records):
    by_id = records.set_index("source_id")
    wikipedia = {**by_id.loc["P12"].to_dict()}  # Liupanshui's area read from a Wikipedia infobox
    assert by_id.loc["P12", "publisher_kind"] == "encyclopedia"
    assert register.status(wikipedia).startswith("published figure (encyclopedia")
    ministry = {**by_id.loc["W29"].to_dict()}  # a Ministry of Finance figure read from a copy
    assert register.status(ministry) == "official (ministry, read from a copy)"
    assert register.attribution(ministry) == "Ministry of Finance (official: ministry, read from a copy)"
    assert register.attribution(wikipedia).startswith("Wikipedia contributors (encyclopedia, ")


def test_the_register_grades_agree_with_the_notes():
    """The register is the authority for grades; switching to it changed no grade of an id in use."""
    from ruralrev.panel.sources import parse_all_sources

    notes = parse_all_sources([p.read_text(encoding="utf-8") for p in sorted(RAW.glob("SOURCES*.md"))])
    grades = register.grades(register.read_register(RAW / "source_register.csv"))
    disagree = {
        row.source_id: (row.reliability, grades[row.source_id])
        for row in notes.drop_duplicates("source_id").itertuples()
        if row.source_id in grades and grades[row.source_id] != row.reliability
    }
    assert disagree == {}


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda t: t.replace(",statistics_bureau,", ",bureau,", 1), r"column 'publisher_kind': 'bureau'"),
        (lambda t: t.replace(",copy,", ",photocopy,", 1), r"column 'read_as': 'photocopy'"),
        (lambda t: t.replace("D100,Xinhua News Agency", "D100,", 1), r"data row 1 \(D100\), column 'publisher': empty"),
        (lambda t: t.replace("D101,", "D100,", 1), r"source id D100 appears twice"),
    ],
)
def test_a_malformed_record_is_one_line(change, message):
    text = (RAW / "source_register.csv").read_text(encoding="utf-8")
    with pytest.raises(UserError, match=message):
        register.parse_register(change(text))
