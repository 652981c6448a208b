"""The report as a reader meets it: in a real headless Chromium, as PDF pages, and its prose numbers.

Uses the shared end-to-end build (`built`, tests/integration/conftest.py). The browser is Debian's
`chromium` driven by Playwright (no browser download); `make setup` installs it and poppler-utils.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

pytestmark = pytest.mark.integration

CHROMIUM = "/usr/bin/chromium"
# Prose: everything outside tables, figures, code, quoted document text, the contents list and the build facts.
SKIPPED = {"table", "figure", "pre", "code", "blockquote", "nav", "dl", "style", "title", "head"}
NUMBER = re.compile(r"(?<![\w.\-−+])[-+−]?\d(?:[\d,]*\d)?(?:\.\d+)?(?![\w])")
# Explicit exceptions: years, section and appendix numbers, "Figure/Table N" labels, days of a month.
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
LABELLED = re.compile(r"(?:figure|table|section|appendix)\s+\d+", re.IGNORECASE)
DAY_OF_MONTH = re.compile(
    r"\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
)


class ProseText(HTMLParser):
    """Text of the page outside SKIPPED elements, section numbers and cross-reference labels."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth, self.chunks = 0, []

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        # the reference list quotes other publications' titles and dates: not the report's own prose
        if tag in SKIPPED or self.depth or "secno" in classes or "table-block" in classes or "references" in classes:
            self.depth += 1 if tag not in ("img", "br", "wbr", "meta", "link", "hr") else 0

    def handle_endtag(self, tag):
        if self.depth and tag not in ("img", "br", "wbr", "meta", "link", "hr"):
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth:
            self.chunks.append(data)


def registry_numbers(values: dict) -> set[str]:
    """Every number the registry holds, as written in its formatted texts and as its plain value."""
    found = set()
    for entry in values.values():
        found.update(n.lstrip("+-−") for n in NUMBER.findall(str(entry["text"])))
        if isinstance(entry["value"], (int, float)) and not isinstance(entry["value"], bool):
            found.add(f"{entry['value']:g}".lstrip("-"))
    return found


def prose_numbers(page: str) -> list[str]:
    parser = ProseText()
    parser.feed(page)
    text = DAY_OF_MONTH.sub(" ", LABELLED.sub(" ", " ".join(parser.chunks)))
    return [n.lstrip("+-−") for n in NUMBER.findall(text)]


def test_every_number_in_the_prose_is_in_the_values_registry(built):
    page = (built / "reports/report.html").read_text(encoding="utf-8")
    values = json.loads((built / "data/processed/values.json").read_text(encoding="utf-8"))
    known = registry_numbers(values)
    numbers = prose_numbers(page)
    assert len(numbers) > 20, "the prose states its findings with numbers"
    unknown = sorted({n for n in numbers if n not in known and not YEAR.match(n)})
    assert not unknown, f"numbers in the prose that the values registry does not hold: {unknown}"


def test_registry_entries_name_value_unit_text_and_source(built):
    values = json.loads((built / "data/processed/values.json").read_text(encoding="utf-8"))
    assert {"claims.checked", "claims.confirmed", "claims.wrong_year", "area.batang.computed"} <= set(values)
    for name, entry in values.items():
        assert set(entry) == {"name", "value", "unit", "text", "source"} and entry["name"] == name and entry["source"]


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    assert Path(CHROMIUM).exists(), (
        "Debian's chromium is missing: run `make setup` (installs chromium and poppler-utils)"
    )
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def open_page(browser, path: Path, width: int):
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.goto(path.as_uri(), wait_until="load")
    return page, errors


@pytest.mark.parametrize("width", [1280, 390])
def test_html_in_a_real_browser(built, browser, width):
    report = built / "reports/report.html"
    page, errors = open_page(browser, report, width)
    assert page.evaluate("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)"), (
        "an image did not decode"
    )
    assert page.evaluate("document.images.length") >= 5
    broken = page.evaluate(
        "Array.from(document.querySelectorAll('a[href^=\"#\"]')).map(a => a.getAttribute('href').slice(1))"
        ".filter(id => !document.getElementById(decodeURIComponent(id)))"
    )
    assert not broken, f"internal links without a target: {broken[:10]}"
    files = page.evaluate(
        "Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))"
        ".filter(h => !h.startsWith('#') && !/^https?:/.test(h))"
    )
    # a link to a PDF's page ("x.pdf#page=2") points at the file x.pdf
    targets = [unquote(href.split("#")[0]) for href in files]
    assert files and all((report.parent / target).is_file() for target in targets), [
        t for t in targets if not (report.parent / t).is_file()
    ]
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px at {width} px"
    assert not errors, errors
    page.close()


def test_markup_in_a_document_is_shown_as_text_in_the_browser(tmp_path, browser):
    import pandas as pd

    from ruralrev.report import documents
    from ruralrev.report.present import Column, table_html

    hostile = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">'
    docs = pd.DataFrame([{"id": "d", "title": hostile, "words": 1, "sections": 0, "captions": 0, "claims": 1}])
    body = documents.inventory_table(docs, None) + documents.mark(f"It says {hostile}.", "says")
    body += table_html(pd.DataFrame({"caption": [hostile]}), [Column("caption", "Caption")], hostile, "hostile")
    page_path = tmp_path / "page.html"
    page_path.write_text(f"<!DOCTYPE html><html><body>{body}</body></html>", encoding="utf-8")
    page, errors = open_page(browser, page_path, 1280)
    assert page.evaluate("window.pwned === undefined") and page.evaluate("document.images.length") == 0
    assert "<script>window.pwned = 1</script>" in page.inner_text("body")
    assert not errors, errors


def pdf_pages(pdf: Path, out: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", "30", "-gray", str(pdf), str(out / "page")], check=True)
    return sorted(out.glob("page-*.pgm"))


def test_pdf_pages_are_not_blank_and_hold_every_number_and_title(built, tmp_path):
    from PIL import Image

    pdf = built / "reports/report.pdf"
    pages = pdf_pages(pdf, tmp_path)
    assert len(pages) > 10
    for path in pages:
        image = Image.open(path)
        width, height = image.size
        body = image.crop((0, int(height * 0.05), width, int(height * 0.95)))  # without running header and footer
        inked = sum(body.histogram()[:200])  # pixels darker than paper
        assert inked > 50, f"{path.name} is blank"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", " ", text)
    page = (built / "reports/report.html").read_text(encoding="utf-8")
    labels = set(re.findall(r'<span class="label">((?:Figure|Table) \d+)\.</span>', page))
    assert labels and all(f"{label}." in flat for label in labels), sorted(
        label for label in labels if f"{label}." not in flat
    )
    titles = re.findall(r"<h1 id=\"[^\"]+\"><span class=\"secno\">[^<]*</span> ([^<]+)</h1>", page)
    assert len(titles) >= 8 and all(re.sub(r"\s+", " ", title.replace("&#x27;", "'")) in flat for title in titles)
    assert b"/Outlines" in pdf_objects(pdf), "the PDF has no outline (bookmarks)"
    # The charts print as vectors with their text as text: the longest horizontal label of each is in the PDF's text.
    vectors = re.findall(r'<a class="enlarge" href="(figures/[^"]+\.svg)"', page)
    assert vectors
    for svg in vectors:
        labels = re.findall(
            r'<text [^>]*transform="rotate\(-0 [^>]*>([^<]+)</text>', (built / "reports" / svg).read_text()
        )
        longest = max((html.unescape(label) for label in labels), key=len)
        assert re.sub(r"\s+", " ", longest) in flat, (svg, longest)


def pdf_objects(pdf: Path) -> bytes:
    """The PDF's bytes with every Flate stream inflated (object streams hold the catalog and outline)."""
    data = pdf.read_bytes()
    inflated = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        try:
            inflated.append(zlib.decompressobj().decompress(data[match.end() : match.end() + 2_000_000]))
        except zlib.error:
            continue
    return b"".join(inflated)


SOURCE_ID = re.compile(r"\b(GH\d+|W\d+|P\d{2,3}|S0\d|D\d{3}|Q\d{3})\b")


def test_every_source_id_in_the_report_resolves_to_a_reference_with_a_link(built):
    """Source ids in text and tables link to their entry of the reference list; each entry names its publisher
    and holds a live link; the PDF carries those links."""
    page = (built / "reports/report.html").read_text(encoding="utf-8")
    entries = dict(re.findall(r'<li id="source-([^"]+)">(.*?)</li>', page, flags=re.S))
    assert len(entries) >= 10
    for source_id, entry in entries.items():
        assert re.search(r'<a href="https?://', entry) or "Address not recorded" in entry, source_id
    text = re.sub(r"<[^>]+>", " ", page.split('<ol class="references">')[0])
    mentioned = set(SOURCE_ID.findall(text))
    assert mentioned and mentioned <= set(entries), sorted(mentioned - set(entries))
    linked = set(re.findall(r'href="#source-([^"]+)"', page))
    assert mentioned <= linked
    # "official" is said of a source only when its publisher is a statistics bureau, a ministry or a government
    assert not re.search(r"official \((?:encyclopedia|news report|journal|third-party compilation)", page)
    uris = set(re.findall(rb"/URI \((https?://[^)]*)\)", pdf_objects(built / "reports/report.pdf")))
    assert len(uris) >= len(entries) // 2, len(uris)


def layout(built):
    from ruralrev import register, reportcheck

    known = set(register.read_register(built / "data/raw/source_register.csv")["source_id"])
    result = reportcheck.check_report(
        built / "reports/report.pdf", built / "reports/report.html", register.ID_PATTERN, known
    )
    print(reportcheck.summary(result))  # shown by pytest when a check fails
    return result


def test_the_layout_holds_no_near_empty_page_no_heading_at_a_foot_every_link_and_source_id(built):
    """The layout rules the report's build controls: breaks only where chapters start, headings kept with what
    follows, every web link a link in the PDF, every source id in the body a link to its reference."""
    result = layout(built)
    assert result.pages > 10
    for name in (
        "near-empty pages",
        "headings at a page foot",
        "web links missing from the PDF",
        "source ids without a reference",
    ):
        assert result.check(name).ok, (name, result.check(name).faults)


def test_the_content_fits_the_page_budget_with_no_figure_twice_and_short_captions(built):
    result = layout(built)
    for name in ("page count", "figures twice", "long captions"):
        assert result.check(name).ok, (name, result.check(name).faults)


def test_the_chapters_that_run_on_hold_no_figure(built):
    """report.css lets the chapters of text and tables run on after the chapter before; a figure in one of them
    could fail to fit and leave the page before it empty, so none may hold one."""
    css = (built / "workflow/report/report.css").read_text(encoding="utf-8")
    run_on = re.findall(r'h1\[id\$="(-[a-z-]+)"\]', css)
    assert {"-data-and-methods", "-discussion-and-conclusions", "-references"} <= set(run_on)
    page = (built / "reports/report.html").read_text(encoding="utf-8")
    chapters = re.split(r"(?=<h1 id=)", page)
    for suffix in run_on:
        chapter = next(part for part in chapters if re.match(rf'<h1 id="[^"]*{suffix}"', part))
        assert "<figure" not in chapter, suffix
