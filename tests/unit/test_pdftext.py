"""PDF documents: the text layer in reading order without layout noise, page numbers of claims, captions and
sections, and one clear line for a scan, an encrypted or a broken PDF (fixtures: tools/make_test_pdfs.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ruralrev import cli, manifest
from ruralrev.errors import UserError
from ruralrev.extract.corpus import extract_paths
from ruralrev.extract.pdftext import (
    Box,
    Line,
    body_boxes,
    join_wrapped,
    page_of,
    page_starts,
    paragraphs,
    read_pdf,
    reading_order,
)
from ruralrev.extract.reading import read_document
from ruralrev.extract.sentences import normalized_view

PDFS = Path(__file__).resolve().parents[1] / "data" / "pdf"
TWO_COLUMNS = PDFS / "guizhou_two_columns.pdf"


@pytest.fixture(scope="module")
def layer() -> str:
    return read_pdf(TWO_COLUMNS)


@pytest.fixture(scope="module")
def tables():
    return extract_paths([TWO_COLUMNS])


def test_text_layer_reads_the_columns_in_order_without_running_heads_or_page_numbers(layer):
    # the left column (1 Introduction, 2 Population) before the right one (Table 1), page 1 before page 2
    order = ["1 Introduction", "2 Population", "Outmigration", "Table 1:", "Figure 1.", "3 Incomes", "4 Conclusion"]
    positions = [layer.index(marker) for marker in order]
    assert positions == sorted(positions)
    assert "Test document for ruralrev" not in layer  # the running head of both pages
    assert "– 1 –" not in layer and "– 2 –" not in layer
    assert layer.count("\f") == 2 and layer.endswith("\f")
    assert page_of(page_starts(layer), layer.index("3 Incomes")) == 2


def test_soft_line_breaks_and_hyphenation_are_joined_inside_a_box(layer):
    # the renderer broke "popula-tions" and "dispos-able"-like words with U+2010 at line ends
    assert "\u2010" not in layer.replace("\u2010\n", "")  # a hyphen is left only at a column's last line
    assert "registered populations exceeded" in layer
    assert "38,562,148 residents" in layer
    # a paragraph is one line; headings and captions stay lines of their own
    assert "\n2 Population\n" in layer
    assert "\nTable 1: Urban and rural residents of Guizhou at the seventh national census, 2020 (persons)\n" in layer


def test_claims_point_into_the_text_layer_and_carry_their_page(tables, layer):
    claims = tables["claims"].set_index("text")
    rate = claims.loc["53.15 percent"]
    assert (rate["value"], rate["unit"], rate["year"], rate["place"], rate["indicator"], rate["page"]) == (
        53.15,
        "percent",
        2020,
        "Guizhou",
        "urbanization_rate",
        1,
    )
    assert claims.loc["11,642 yuan", "indicator"] == "per_capita_disposable_income"
    for row in tables["claims"].itertuples():
        assert layer[row.start : row.end] == row.text
    assert set(tables["claims"]["page"]) <= {1, 2}


def test_captions_and_sections_of_a_pdf_come_out_as_from_text(tables):
    captions = tables["captions"]
    assert list(zip(captions["kind"], captions["number"], captions["page"])) == [("table", "1", 1), ("figure", "1", 1)]
    assert captions.iloc[0]["caption"].startswith("Urban and rural residents of Guizhou")
    sections = tables["sections"].set_index("heading")
    assert sections.loc["Introduction", "page"] == 1 and sections.loc["Incomes and public services", "page"] == 2
    document = tables["documents"].iloc[0]
    assert (document["file"], document["pages"], document["title"]) == (
        "guizhou_two_columns.pdf",
        2,
        "Urbanization and rural incomes in Guizhou: a test document",
    )


def test_a_stored_text_layer_is_read_instead_of_the_pdf(tmp_path):
    (tmp_path / "guizhou_two_columns.txt").write_text("Stored.\n\f", encoding="utf-8")
    assert read_document(TWO_COLUMNS, tmp_path) == "Stored.\n\f"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("scanned.pdf", r"scanned\.pdf: the PDF has no text layer \(1 pages of images: a scan\?\); run OCR"),
        ("encrypted.pdf", r"encrypted\.pdf: the PDF is encrypted and needs a password"),
        ("broken.pdf", r"broken\.pdf: not a readable PDF .*download or export it again"),
    ],
)
def test_unreadable_pdfs_are_one_line_naming_the_file(tmp_path, name, expected):
    if name == "broken.pdf":
        (tmp_path / name).write_bytes(TWO_COLUMNS.read_bytes()[:1500])  # cut off, as by a failed download
        path = tmp_path / name
    else:
        path = PDFS / name
    with pytest.raises(UserError, match=expected):
        read_pdf(path)


def test_pdf_text_stops_or_skips_as_config_says(tmp_path, capsys):
    out = tmp_path / "scanned.txt"
    assert cli.main(["pdf-text", str(PDFS / "scanned.pdf"), "--out", str(out)]) == 1
    assert not out.exists()
    assert capsys.readouterr().err.startswith("ruralrev: error: ")
    assert cli.main(["pdf-text", str(PDFS / "scanned.pdf"), "--out", str(out), "--unreadable", "skip"]) == 0
    assert out.read_text(encoding="utf-8") == ""
    warning = capsys.readouterr().err.strip()
    assert warning.startswith("ruralrev: warning: ") and "scanned.pdf" in warning and "skip" in warning


def test_a_pdf_named_txt_is_told_to_be_renamed(tmp_path):
    path = tmp_path / "report.txt"
    shutil.copy(TWO_COLUMNS, path)
    with pytest.raises(UserError, match=r"report\.txt: is a PDF file named \.txt; rename it to report\.pdf"):
        read_document(path)


def test_manifest_refuses_a_txt_and_a_pdf_of_the_same_name_and_unread_suffixes(raw_copy):
    shutil.copy(TWO_COLUMNS, raw_copy / "documents" / "batang_common_prosperity.pdf")
    with pytest.raises(UserError, match=r"batang_common_prosperity\.pdf and batang_common_prosperity\.txt: two"):
        manifest.updated_entries(raw_copy, [])
    (raw_copy / "documents" / "batang_common_prosperity.pdf").unlink()
    (raw_copy / "documents" / "Notes.PDF").write_bytes(b"%PDF-1.4\n")
    with pytest.raises(UserError, match=r"Notes\.PDF: documents/ holds documents the workflow reads"):
        manifest.verify(raw_copy)


def _box(texts: list[str], x0: float, x1: float, top: float, widths: list[float] | None = None) -> Box:
    widths = widths or [x1 - x0] * len(texts)
    lines = tuple(Line(t, x0, x0 + w, top - 12 * (k + 1), top - 12 * k) for k, (t, w) in enumerate(zip(texts, widths)))
    return Box(lines, top, top - 12 * len(texts), x0, x1)


def test_a_line_ends_its_paragraph_only_where_the_next_word_would_have_fitted():
    # 10 points a character: "in" (2 characters) would have fitted after the short second line
    box = _box(["Rural incomes rose by", "7.9 percent.", "In 2023 the"], 0, 210, 500, [210, 120, 110])
    assert paragraphs(box) == ["Rural incomes rose by 7.9 percent.", "In 2023 the"]
    assert join_wrapped("dispos\u2010", "able income") == "disposable income"
    assert join_wrapped("常住人口城镇化率达到51.", "61%") == "常住人口城镇化率达到51.61%"
    assert join_wrapped("income of 17,", "131 yuan") == "income of 17,131 yuan"
    assert join_wrapped("well-", "Known") == "well- Known"


def test_running_heads_with_their_page_numbers_and_chinese_page_numbers_are_dropped():
    def page(number: int) -> tuple[float, list[Box]]:
        head = _box([f"Rural Review 2023, No. {number}"], 50, 300, 590)
        body = _box([f"Body text of page {number}."], 50, 300, 400)
        foot = _box([f"第 {number} 页 共 3 页"], 150, 200, 30)
        return 600.0, [head, body, foot]

    kept = body_boxes([page(1), page(2), page(3)])
    assert [[b.lines[0].text for b in boxes] for boxes in kept] == [[f"Body text of page {n}."] for n in (1, 2, 3)]


def test_reading_order_reads_columns_under_a_title_and_around_a_full_width_figure():
    title = _box(["Title"], 40, 380, 560)
    left_top, right_top = _box(["L1"], 40, 200, 520), _box(["R1"], 220, 380, 520)
    figure = _box(["Figure 1. A full-width caption"], 40, 380, 300)
    left_bottom, right_bottom = _box(["L2"], 40, 200, 250), _box(["R2"], 220, 380, 250)
    shuffled = [right_bottom, figure, left_top, title, right_top, left_bottom]
    order = [b.lines[0].text for b in reading_order(shuffled)]
    assert order == ["Title", "L1", "R1", "Figure 1. A full-width caption", "L2", "R2"]


def test_line_breaks_inside_numbers_are_joined_in_the_normalized_view():
    assert normalized_view("rate 51.\n61% up").text == "rate 51.61% up"
    assert normalized_view("income 17,\n131 yuan").text == "income 17,131 yuan"
    assert normalized_view("fell to 3.\n4. Conclusions").text == "fell to 3.\n4. Conclusions"
    assert normalized_view("in 2019.\n2020 was").text == "in 2019.\n2020 was"
    assert normalized_view("mi\u2010\n\f\ngrants").text == "migrants"
