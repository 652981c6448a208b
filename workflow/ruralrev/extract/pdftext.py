"""The text layer of a PDF document, as the rest of the extract stage reads it: pdfminer.six's layout analysis
groups the characters of each page into lines and text boxes, which are put in reading order by where they
stand (columns found from the gutters between them, read one after the other), and layout noise is removed in
general: running heads and footers (a margin line repeated on several pages, its digits aside),
page numbers, soft line breaks inside paragraphs, words and numbers (hyphenation at a line end, "289.|12万人").

Each text box is one paragraph line or more: a line ends its paragraph only where the next line's first word
would have fitted after it (a short last line, a heading); every other line break is a soft wrap and is joined.
Every page ends with a form feed, as pdftotext writes it, so the page of an offset is the number of form feeds
before it plus one (`page_of`). The text layer is stored (data/processed/documents/<doc>.txt) and it is the
text that claims' offsets point into.

pdfminer.six, not pypdf or pypdfium2: only its layout analysis gives text boxes with their positions, from which
columns can be read in order (its own box order, `boxes_flow`, read the right column of a page before the left
one under a full-width title); it is pure Python, so it installs anywhere, and slow only on long files (each PDF
is read once, by its own job).
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ruralrev.errors import UserError

CJK = "\u3400-\u9fff\uf900-\ufaff"
CJK_PUNCT = "\u3000-\u303f\uff00-\uffef"
MARGIN = 0.1  # share of the page height at its top and bottom where running heads and footers stand
# a page number alone in a margin: "3", "- 3 -", "– 3 –", "Page 3", "Page 3 of 12", "3 / 12", "第3页", "第 3 页 共 12 页", "iv"
PAGE_NUMBER = re.compile(
    r"^[-–—\s]*(?:(?:page|p\.)\s*)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?[-–—\s]*$|^第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?$"
    r"|^[-–—\s]*[ivxlc]{1,6}[-–—\s]*$",
    re.I,
)
HYPHENS = "-\u2010\u00ad"  # hyphen-minus, the typographic hyphen renderers break words with, soft hyphen
SCAN_ADVICE = (
    "run OCR on it (e.g. `ocrmypdf -l chi_sim+eng in.pdf out.pdf`) or save its text as UTF-8 .txt, then accept "
    "the file with `ruralrev manifest --update`"
)


@dataclass(frozen=True)
class Line:
    """One line of a text box: its text, its left and right edges and its bottom and top (points)."""

    text: str
    x0: float
    x1: float
    y0: float = 0.0
    y1: float = 0.0


def same_baseline(lines: list[Line]) -> list[Line]:
    """The lines with pieces of one printed line joined: pdfminer cuts a line where a gap is wider than two
    characters, as the word spaces of a justified narrow column often are."""
    out: list[Line] = []
    for line in lines:
        # pdfminer may list the pieces in either order: join with the piece of the same line wherever it is
        for k, other in enumerate(out):
            overlap = min(other.y1, line.y1) - max(other.y0, line.y0)
            if overlap > 0.5 * min(other.y1 - other.y0, line.y1 - line.y0):
                left, right = (other, line) if other.x0 <= line.x0 else (line, other)
                text = f"{left.text.rstrip()} {right.text.lstrip()}"
                out[k] = Line(text, left.x0, max(left.x1, right.x1), min(left.y0, right.y0), max(left.y1, right.y1))
                break
        else:
            out.append(line)
    return out


@dataclass(frozen=True)
class Box:
    """One text box of a page: its lines, its top and bottom (points from the page bottom), left and right."""

    lines: tuple[Line, ...]
    top: float
    bottom: float
    x0: float = 0.0
    x1: float = 0.0


def gutters(boxes: list[Box]) -> list[tuple[float, float]]:
    """The white columns between the text columns of a page: gaps of at least 6 points in the horizontal extent
    of its column-sized boxes (narrower than 55 % of the text's width; titles and full-width figures aside)."""
    left, right = min(b.x0 for b in boxes), max(b.x1 for b in boxes)
    spans = sorted((b.x0, b.x1) for b in boxes if b.x1 - b.x0 < 0.55 * (right - left))
    found, reach = [], None
    for x0, x1 in spans:
        if reach is not None and x0 - reach >= 6:
            found.append((reach, x0))
        reach = x1 if reach is None else max(reach, x1)
    return found


def reading_order(boxes: list[Box]) -> list[Box]:
    """The boxes of a page in reading order: column by column, each top to bottom; a box that crosses a gutter
    (a title, a full-width table or caption) ends the columns above it, which are read before it."""
    if len(boxes) < 2 or not (found := gutters(boxes)):
        return sorted(boxes, key=lambda b: (-b.top, b.x0))
    spanning = sorted((b for b in boxes if any(b.x0 < g1 and b.x1 > g0 for g0, g1 in found)), key=lambda b: -b.top)
    order = []
    for k in range(len(spanning) + 1):
        above = spanning[k - 1].top if k else float("inf")
        below = spanning[k].top if k < len(spanning) else float("-inf")
        band = [b for b in boxes if b not in spanning and below < b.top <= above]
        order += sorted(band, key=lambda b: (sum(b.x0 >= g1 for _, g1 in found), -b.top))
        order += spanning[k : k + 1]
    return order


def _spaced(text: str) -> str:
    """A line with runs of spaces folded (justified text) and the spaces between Chinese characters dropped."""
    text = re.sub(r"[ \t\u00a0]+", " ", text.strip())
    return re.sub(rf"(?<=[{CJK}{CJK_PUNCT}]) (?=[{CJK}{CJK_PUNCT}])", "", text)


def join_wrapped(before: str, after: str) -> str:
    """Two lines of one paragraph joined at a soft wrap: a hyphen that broke a word dropped ("dispos-|able"),
    nothing between them inside Chinese text or a number ("289.|12万人", "17,|131"), else one space."""
    if before[-1:] in HYPHENS and before[-2:-1].isalpha() and re.match(r"[a-z]", after):
        return before[:-1] + after
    return before + _joint(before, after) + after


def _joint(before: str, after: str) -> str:
    if re.search(rf"[{CJK}{CJK_PUNCT}]$", before) or re.match(rf"[{CJK}{CJK_PUNCT}%]", after):
        return ""
    if re.search(r"\d[.,]$", before) and re.match(r"\d", after):
        return ""
    return " "


def paragraphs(box: Box) -> list[str]:
    """The box's lines joined into paragraphs: a line is a paragraph's last where the next line's first word
    would have fitted in the room left after it, else the break is a soft wrap."""
    right = max(line.x1 for line in box.lines)
    out: list[str] = []
    current = ""
    for k, line in enumerate(box.lines):
        text = _spaced(line.text)
        if not text:
            continue
        current = join_wrapped(current, text) if current else text
        following = box.lines[k + 1] if k + 1 < len(box.lines) else None
        if following is None:
            break
        next_text = _spaced(following.text)
        first_word = re.match(rf"[{CJK}{CJK_PUNCT}]|\S+", next_text)
        width = (line.x1 - line.x0) / max(len(text), 1)  # a character's mean width on this line
        room = right - line.x1
        if first_word and room > width * (len(first_word.group()) + 1.5):
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out


def _shape(text: str) -> str:
    """A margin line with its digits blanked: the running head of page 3 and of page 4 have the same shape."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip())).lower()


def _in_margin(box: Box, height: float) -> bool:
    return box.bottom >= height * (1 - MARGIN) or box.top <= height * MARGIN


def body_boxes(pages: list[tuple[float, list[Box]]]) -> list[list[Box]]:
    """Each page's boxes without running heads, footers and page numbers: a box in the top or bottom margin
    that is a page number, or whose shape (digits blanked) stands in a margin of at least two pages and a
    third of them (a journal's name on even pages, the article's on odd ones)."""
    shapes = Counter()
    for height, boxes in pages:
        shapes.update({_shape(" ".join(line.text for line in b.lines)) for b in boxes if _in_margin(b, height)})
    repeated = max(2, -(-len(pages) // 3))
    kept = []
    for height, boxes in pages:
        page = []
        for box in boxes:
            text = " ".join(line.text for line in box.lines).strip()
            if _in_margin(box, height) and (PAGE_NUMBER.match(text) or shapes[_shape(text)] >= repeated):
                continue
            page.append(box)
        kept.append(reading_order(page))
    return kept


def same_paragraph(boxes: list[Box]) -> list[Box]:
    """Boxes in reading order with the lines of one column that pdfminer cut into boxes joined again: the next
    box stands right under the box before (a gap under 0.7 of a line's height) with the same left edge, as
    lines with wide leading often are (Chinese text set at 1.5 lines). `paragraphs` then tells soft wraps from
    paragraph ends."""
    out: list[Box] = []
    for box in boxes:
        last = out[-1] if out else None
        height = (last.top - last.bottom) / len(last.lines) if last else 0
        if last and abs(box.x0 - last.x0) < 3 and 0 <= last.bottom - box.top < 0.7 * height:
            out[-1] = Box(last.lines + box.lines, last.top, box.bottom, last.x0, max(last.x1, box.x1))
        else:
            out.append(box)
    return out


def text_layer(pages: list[tuple[float, list[Box]]]) -> str:
    """The stored text of a PDF: its paragraphs one per line, a blank line between boxes, a form feed after
    every page."""
    out = []
    for boxes in body_boxes(pages):
        lines = ["\n".join(paragraphs(box)) for box in same_paragraph(boxes) if box.lines]
        out.append("\n\n".join(line for line in lines if line) + "\n\f")
    return "".join(out)


def page_starts(text: str) -> list[int]:
    """Offsets where the pages of a text layer start (the first at 0); [] for a text without form feeds."""
    if "\f" not in text:
        return []
    starts = [0] + [m.end() for m in re.finditer("\f", text)]
    return starts[:-1] if starts[-1] == len(text) else starts


def page_of(starts: list[int], offset: int) -> int | None:
    """The page (1-based) holding `offset`, or None for a text without pages."""
    return bisect.bisect_right(starts, offset) if starts else None


def _boxes(path: Path) -> list[tuple[float, list[Box]]]:
    """(page height, text boxes in reading order) of every page, from pdfminer.six's layout analysis."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextBox, LTTextLine

    pages = []
    for page in extract_pages(str(path), laparams=LAParams()):
        boxes = []
        for element in page:
            if isinstance(element, LTTextBox):
                lines = tuple(
                    same_baseline(
                        [
                            Line(line.get_text().rstrip("\n"), line.x0, line.x1, line.y0, line.y1)
                            for line in element
                            if isinstance(line, LTTextLine) and line.get_text().strip()
                        ]
                    )
                )
                if lines:
                    boxes.append(Box(lines, element.y1, element.y0, element.x0, element.x1))
        pages.append((page.height, boxes))
    return pages


def read_pdf(path: Path) -> str:
    """The text layer of the PDF at `path`; a UserError naming the file and what to do for a file that has no
    text layer (a scan), is encrypted with a password, or is not a readable PDF."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException

    path = Path(path)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings on odd but readable files are noise
    try:
        pages = _boxes(path)
    except OSError as error:
        raise UserError(f"{path}: cannot be read ({error.strerror}); check the path and rerun") from None
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise UserError(
            f"{path}: the PDF is encrypted and needs a password to open; save an unencrypted copy (open it with "
            "the password and print it to PDF), then accept it with `ruralrev manifest --update`"
        ) from None
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AttributeError) as error:
        reason = str(error).strip().splitlines()[0][:80] if str(error).strip() else type(error).__name__
        raise UserError(
            f"{path}: not a readable PDF ({reason}); download or export it again, then accept it with "
            "`ruralrev manifest --update`"
        ) from None
    text = text_layer(pages)
    if not re.search(r"\w", text):
        raise UserError(f"{path}: the PDF has no text layer ({len(pages)} pages of images: a scan?); {SCAN_ADVICE}")
    return text
