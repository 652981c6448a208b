"""What a reader of the PDF meets, page by page: how far down each page the content reaches, the text of each
page without its running header and footer, and the web links the PDF carries as link annotations.

Pages are rendered with poppler's `pdftoppm` and read with `pdftotext -layout` (poppler-utils, installed with
the browser by `make setup`); link annotations are read with pdfminer.six.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import unquote

from ruralrev.errors import UserError

# Dots per inch of the ink renders: enough to see a line of 9 pt text, cheap for 70 pages.
INK_DPI = 24
# A pixel darker than this (0 black, 255 white) is ink; anti-aliased pale greys of rules and shading are not.
INK_LEVEL = 200
# The page's top and bottom 6 % (18 mm of A4's height, 13 mm of its width): the running header and the page
# number sit there, inside the page margins (report.css), not the content.
MARGIN = 0.06


def _run(command: list[str]) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(command, capture_output=True, check=True)
    except FileNotFoundError as exc:
        raise UserError(f"{command[0]} is missing: install poppler-utils (make setup)") from exc
    except subprocess.CalledProcessError as exc:
        raise UserError(f"{command[0]} could not read the PDF: {exc.stderr.decode(errors='replace')[-300:]}") from exc


def filled_fractions(pdf: Path) -> list[float]:
    """For each page, how far down its body the last ink reaches (0 empty, 1 to the foot), and so how much of the
    page a break left empty below the content."""
    from PIL import Image

    fractions = []
    with tempfile.TemporaryDirectory() as folder:
        _run(["pdftoppm", "-r", str(INK_DPI), "-gray", str(pdf), f"{folder}/page"])
        renders = sorted(Path(folder).glob("page-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        for render in renders:
            image = Image.open(render)
            width, height = image.size
            top, bottom = int(height * MARGIN), int(height * (1 - MARGIN))
            pixels = image.crop((0, top, width, bottom)).load()
            inked_rows = [y for y in range(bottom - top) if any(pixels[x, y] < INK_LEVEL for x in range(width))]
            fractions.append(((inked_rows[-1] + 1) / (bottom - top)) if inked_rows else 0.0)
    return fractions


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """(width, height) in points of every page (a landscape page is wider than high)."""
    info = _run(["pdfinfo", "-f", "1", "-l", "100000", str(pdf)]).stdout.decode("utf-8", errors="replace")
    return [(float(w), float(h)) for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)]


def page_lines(pdf: Path) -> list[list[str]]:
    """For each page, its non-empty text lines in layout order, read from the page's body only (without the
    running header and the page number in its top and bottom margin)."""
    pages = []
    for number, (width, height) in enumerate(page_sizes(pdf), start=1):
        top = int(height * MARGIN)
        crop = ["-x", "0", "-y", str(top), "-W", str(int(width)), "-H", str(int(height) - 2 * top)]
        command = ["pdftotext", "-layout", "-enc", "UTF-8", "-f", str(number), "-l", str(number), *crop]
        text = _run([*command, str(pdf), "-"]).stdout.decode("utf-8")
        pages.append([line.strip() for line in text.replace("\f", "").splitlines() if line.strip()])
    return pages


def _squeeze(text: str) -> str:
    """Text without whitespace, lower case: pdftotext's spacing and the HTML's differ."""
    return re.sub(r"\s+", "", text).lower()


def web_links(pdf: Path) -> set[str]:
    """The http(s) addresses of the PDF's link annotations, percent-decoded."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    found = set()
    with open(pdf, "rb") as handle:
        document = PDFDocument(PDFParser(handle))
        for page in PDFPage.create_pages(document):
            for annotation in resolve1(page.annots) or []:
                action = resolve1(resolve1(annotation).get("A")) or {}
                uri = resolve1(action.get("URI")) if isinstance(action, dict) else None
                if isinstance(uri, bytes):
                    uri = uri.decode("utf-8", errors="replace")
                if isinstance(uri, str) and re.match(r"https?://", uri):
                    found.add(unquote(uri))
    return found


def orphans(lines: list[list[str]], keep_with_next: list[str], max_lines: int = 4) -> list[tuple[int, str]]:
    """(page number, text) of each heading or table caption that ends a page: the text of a page's last lines is
    exactly one of `keep_with_next` (headings and captions that must stay with what follows them)."""
    wanted = {_squeeze(text): text for text in keep_with_next if text.strip()}
    found = []
    for number, page in enumerate(lines[:-1], start=1):
        for count in range(1, min(max_lines, len(page)) + 1):
            tail = _squeeze("".join(page[-count:]))
            if tail in wanted:
                found.append((number, wanted[tail]))
                break
    return found


def chapter_ends(lines: list[list[str]], chapter_titles: list[str]) -> set[int]:
    """Page numbers that end a chapter: the last page, and every page followed by one that opens with a chapter's
    heading."""
    starts = {_squeeze(title) for title in chapter_titles if title.strip()}
    ends = {len(lines)}
    for number, page in enumerate(lines[1:], start=1):
        opening = _squeeze("".join(page[:2]))
        if any(opening.startswith(start) for start in starts):
            ends.add(number)
    return ends
