"""The report's content: references as validated data, honest figure statuses, p-values at their resolution,
the policy table whole with English titles first, and findings that state results with registry numbers only."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from ruralrev.errors import UserError
from ruralrev.report import coupling_spatial, discussion, documents, figures, findings, references

ROOT = Path(__file__).resolve().parents[2]
NUMBER = re.compile(r"(?<![\w.\-−+])[-+−]?\d(?:[\d,]*\d)?(?:\.\d+)?(?![\w])")
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


def test_the_references_file_is_valid_and_every_method_entry_names_where_it_was_checked():
    refs = references.load(ROOT / "workflow/report/references.yaml")
    assert {entry["id"] for entry in refs["documents"]} == {
        "liupanshui_coupling_abstract",
        "batang_common_prosperity",
        "poverty_alleviation_revitalization_connection",
        "urbanization_revitalization_commentary",
        "zheng_2025_urban_rural_coordination",
    }
    assert all(entry["checked_at"].startswith("http") for entry in refs["methods"])
    page = references.chapter(refs, "<h2>Data sources</h2>")
    assert page.index("Documents read") < page.index("Method literature") < page.index("Data sources")


def test_a_references_file_with_an_unknown_key_or_no_checked_page_is_refused(tmp_path):
    bad = tmp_path / "references.yaml"
    bad.write_text("methods:\n  - {id: x, authors: [A], year: 2000, title: T, venue: V}\n", encoding="utf-8")
    with pytest.raises(UserError, match="checked_at"):
        references.load(bad)
    bad.write_text("documents:\n  - {id: d, genre: paper, title: T, doi: 10.1/x}\n", encoding="utf-8")
    with pytest.raises(UserError, match="doi"):
        references.load(bad)


def test_a_papers_figure_drawn_by_another_analysis_is_not_rebuildable_and_never_called_rebuilt():
    row = {"id": "p_figure_2", "status": "rebuilt", "reason": "", "files": "reports/figures/coupling_coordination.png"}
    words, why = figures.status_of(row)
    assert words == "Not rebuildable" and "not in the corpus" in why
    own = {"id": "p_figure_1", "status": "rebuilt", "reason": "", "files": "reports/figures/p_figure_1.png"}
    words, why = figures.status_of(own)
    assert "rebuilt" not in words.lower() and "not in the corpus" in why


def test_moran_p_values_are_printed_at_their_permutation_resolution():
    frame = pd.DataFrame({"p_sim": [0.001, 0.02], "permutations": [999, 99]})
    assert coupling_spatial.p_text(frame)["p_text"].tolist() == ["0.001", "0.02"]


def test_the_policy_table_keeps_every_row_with_english_titles_first_and_no_source_ids_in_the_titles(tmp_path):
    raw = pd.read_csv(ROOT / "data/raw/tables/policy_documents.csv", dtype={"year": str})
    page = documents.policy_table(raw, tmp_path)
    assert page.count("<tr>") == len(raw) + 1  # header row and every row
    head = re.search(r"<thead>(.*?)</thead>", page).group(1)
    assert head.index("English title") < head.index("Chinese title")
    body = re.search(r"<tbody>(.*?)</tbody>", page).group(1)
    assert not re.search(r"\bD\d{3}\b", body)
    assert (tmp_path / "policy-documents.csv").exists()


def _values() -> dict:
    def entry(name, value, text):
        return {"name": name, "value": value, "unit": "", "text": text, "source": "test"}

    items = {
        "documents.count": (5, "5"),
        "region.a.name": ("Liupanshui", "Liupanshui"),
        "region.a.level": ("prefecture", "prefecture"),
        "region.a.province": ("Guizhou", "Guizhou"),
        "urbanization.places": ("520200 520000", "100000 520000 520200"),
        "urbanization.520200.name": ("Liupanshui", "Liupanshui"),
        "urbanization.520000.name": ("Guizhou", "Guizhou"),
        "urbanization.520200.2010": (28.64, "28.64%"),
        "urbanization.520200.2020": (48.87, "48.87%"),
        "urbanization.520200.change": (20.23, "+20.23 pp"),
        "urbanization.520000.2010": (33.78, "33.78%"),
        "urbanization.520000.2020": (53.15, "53.15%"),
        "urbanization.520000.change": (19.37, "+19.37 pp"),
        "county.520204.name": ("Shuicheng", "Shuicheng"),
        "county.520204.2010": (2.68, "2.68%"),
        "county.520204.2020": (32.41, "32.41%"),
        "county.520204.change": (29.73, "+29.73 pp"),
        "county.520204.comparable": (False, "not like for like"),
        "county.520204.caveat": ("its 2010 count is another code's", "its 2010 count is another code's"),
        "claims.checked": (38, "38"),
        "claims.confirmed": (20, "20"),
        "claims.contradicted": (0, "0"),
        "claims.wrong_year": (1, "1"),
        "claims.unverifiable": (17, "17"),
    }
    return {name: entry(name, value, text) for name, (value, text) in items.items()}


def test_abstract_and_findings_state_results_with_registry_numbers_only():
    values = _values()
    known = {n.lstrip("+-") for e in values.values() for n in NUMBER.findall(str(e["text"]))}
    for text in (
        findings.abstract(values, {}),
        findings.key_findings(values, {}, ["tab-census-a"]),
        discussion.chapter(values) + discussion.conclusions(values),
    ):
        plain = re.sub(r"<[^>]+>", " ", text)
        unknown = {n.lstrip("+-") for n in NUMBER.findall(plain)} - known
        assert not {n for n in unknown if not YEAR.match(n)}, unknown
    abstract = findings.abstract(values, {})
    assert "48.87%" in abstract and "53.15%" in abstract and "not like for like" in abstract
    assert "documents (" not in abstract and "words" not in abstract  # results, not counts of what was read
    items = findings.key_findings(values, {}, ["tab-census-a"])
    assert 2 <= items.count("<li>") <= 7 and 'href="#tab-census-a"' in items
