"""The layout checker on small hand-made pages: each check passes a clean page and fails the page with the fault.

PDFs are rendered with WeasyPrint from a few lines of HTML, as the report is; the page checks need poppler-utils.
"""

from __future__ import annotations

import re
import shutil

import pytest

from ruralrev import reportcheck
from ruralrev.register import ID_PATTERN
from ruralrev.reportcheck import markup, pages

needs_poppler = pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils not installed")
STYLE = "<style>@page { size: A4; margin: 20mm 14mm 18mm 14mm; } body { font: 10pt sans-serif; }</style>"
FILLER = "<p>" + "Words that fill a line of the page and then some more of them. " * 8 + "</p>"


def render(tmp_path, body: str, name: str = "page"):
    """The page as HTML and PDF files."""
    from weasyprint import HTML

    page = f"<!DOCTYPE html><html><head><title>T</title>{STYLE}</head><body>{body}</body></html>"
    html_path, pdf_path = tmp_path / f"{name}.html", tmp_path / f"{name}.pdf"
    html_path.write_text(page, encoding="utf-8")
    HTML(string=page).write_pdf(pdf_path)
    return pdf_path, html_path


def figure(ident: str, src: str, caption: str) -> str:
    return (
        f'<figure class="rr-figure" id="fig-{ident}"><img alt="a" src="{src}">'
        f'<figcaption><span class="label">Figure {ident}.</span> {caption}</figcaption></figure>'
    )


@needs_poppler
def test_a_page_left_mostly_empty_by_a_break_is_found_unless_a_chapter_follows(tmp_path):
    broken = FILLER + '<div style="break-before: page">' + FILLER * 12 + "</div>"
    pdf, html = render(tmp_path, broken, "broken")
    found = reportcheck.check_report(pdf, html).check("near-empty pages")
    assert len(found.faults) == 1 and found.faults[0].startswith("page 1:")
    chapter = FILLER + '<h1 style="break-before: page">2 Results</h1>' + FILLER * 12
    pdf, html = render(tmp_path, chapter, "chapter")
    assert reportcheck.check_report(pdf, html).check("near-empty pages").ok
    full = FILLER * 14
    assert pages.filled_fractions(render(tmp_path, full, "full")[0])[0] > 0.8


@needs_poppler
def test_a_heading_alone_at_a_page_foot_is_found(tmp_path):
    orphan = FILLER * 6 + '<h2>Lonely heading</h2><div style="break-before: page">' + FILLER + "</div>"
    pdf, html = render(tmp_path, orphan, "orphan")
    assert reportcheck.check_report(pdf, html).check("headings at a page foot").faults == ["page 1: Lonely heading"]
    kept = FILLER * 6 + '<h2 style="break-before: page">Kept heading</h2>' + FILLER
    pdf, html = render(tmp_path, kept, "kept")
    assert reportcheck.check_report(pdf, html).check("headings at a page foot").ok


@needs_poppler
def test_a_table_caption_alone_at_a_page_foot_is_found(tmp_path):
    table = (
        '<table><caption><span class="label">Table 1.</span> Counts by year</caption>'
        '<tbody style="break-before: page"><tr><td>2020</td><td>5</td></tr></tbody></table>'
    )
    pdf, html = render(tmp_path, FILLER * 6 + table)
    assert reportcheck.check_report(pdf, html).check("headings at a page foot").faults == [
        "page 1: Table 1. Counts by year"
    ]


@needs_poppler
def test_a_web_link_without_a_link_annotation_in_the_pdf_is_found(tmp_path):
    pdf, html = render(tmp_path, '<p><a href="https://example.org/数据?a=1">a source</a></p>')
    assert pages.web_links(pdf) == {"https://example.org/数据?a=1"}
    assert reportcheck.check_report(pdf, html).check("web links missing from the PDF").ok
    # the same HTML with a second link the PDF does not carry (the PDF was rendered before it was added)
    html.write_text(html.read_text(encoding="utf-8").replace("</p>", '<a href="https://example.org/b">b</a></p>'))
    missing = reportcheck.check_report(pdf, html).check("web links missing from the PDF")
    assert missing.faults == ["https://example.org/b"]


@needs_poppler
def test_more_pages_than_the_limit_fail_and_the_summary_says_so(tmp_path):
    many = "".join(f'<p style="break-before: page">{FILLER * 3}</p>' for _ in range(reportcheck.MAX_PAGES + 1))
    pdf, html = render(tmp_path, many)
    result = reportcheck.check_report(pdf, html)
    assert result.pages == reportcheck.MAX_PAGES + 1 and not result.check("page count").ok and not result.ok
    text = reportcheck.summary(result)
    assert text.splitlines()[0] == f"{reportcheck.MAX_PAGES + 1} pages (at most {reportcheck.MAX_PAGES})"
    assert "FAIL page count: 1" in text and "ok   headings at a page foot: 0" in text


def test_the_same_image_under_two_numbers_is_found():
    same = figure("1", "data:image/png;base64,AAAA", "One.") + figure("2", "data:image/png;base64,AAAA", "Two.")
    assert markup.duplicated_images(markup.read_markup(same)) == [["Figure 1", "Figure 2"]]
    other = figure("1", "data:image/png;base64,AAAA", "One.") + figure("2", "data:image/png;base64,BBBB", "Two.")
    assert markup.duplicated_images(markup.read_markup(other)) == []


def test_a_caption_over_the_limit_or_with_its_alt_text_printed_is_found():
    limit = reportcheck.MAX_CAPTION_CHARS
    page = (
        figure("1", "a", "Short and clear.")
        + figure("2", "b", "x" * (limit + 1))
        + figure("3", "c", "Income. Alt text: 2014 28,844.00")
    )
    found = markup.long_captions(markup.read_markup(page), limit)
    assert [label for label, _ in found] == ["Figure 2", "Figure 3"]
    assert dict(found)["Figure 2"] == limit + 1


def test_every_source_id_in_the_body_must_link_to_an_entry_of_the_reference_list():
    references = '<ol class="references"><li id="source-W5">W5 NBS.</li><li id="source-P25">P25 Wiki.</li></ol>'
    good = '<p>Rate <a class="source-link" href="#source-W5">W5</a>, area (<a href="#source-P25">P25</a>).</p>'
    assert markup.source_id_faults(markup.read_markup(good + references), ID_PATTERN) == []
    bad = '<p>Rate W5 and <a href="#source-W9">W9</a>.</p><table><tr><td>P99</td></tr></table>'
    faults = markup.source_id_faults(markup.read_markup(bad + references), ID_PATTERN)
    assert faults == [
        "P99: no entry in the reference list",
        "W5: printed without a link to its reference",
        "W9: no entry in the reference list",
    ]
    # with the register's ids only real ids count ("W9" is not one of them here)
    assert markup.source_id_faults(markup.read_markup(bad + references), ID_PATTERN, {"W5", "P25"}) == [
        "W5: printed without a link to its reference"
    ]


def test_headings_and_captions_are_read_with_their_numbers():
    page = (
        '<h1 id="x"><span class="secno">2</span> Results</h1><h3>Detail</h3>'
        '<table><caption><span class="label">Table 4.</span> Rates</caption></table>'
    )
    found = markup.read_markup(page)
    assert found.headings == [(1, "2 Results"), (3, "Detail")]
    assert found.captions == [("table", "Table 4", "Rates")]
    assert re.fullmatch(r"[0-9a-f]{64}", markup.read_markup(figure("1", "z", "c")).figures[0].image_hash)
