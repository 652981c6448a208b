"""Tables and figures a person can read: labels in words with units, numbers at a stated rounding.

A table is described by its columns (`Column`: the frame's key, a label in words, a kind that fixes
the formatting). Missing values show as an em dash explained by a legend, never as nan. Tables
longer than `MAX_ROWS` are written in full to `reports/tables/<id>.csv` and summarised in the body.
Everything from a document or raw file is escaped; only columns of kind "html" (built here from
escaped parts) pass through. Figure and table numbers are filled in later (`numbering`).
"""

from __future__ import annotations

import base64
import html
import importlib.util
import math
import numbers
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ruralrev.files import write_csv
from ruralrev.report.numbering import TAG

MAX_ROWS = 25
DASH = "—"
LEGEND = f"{DASH} not published or not found in any source read."
ROUNDING = (
    "Tables round rates and percentages to two decimals, persons in millions to two and yuan in billions to three; "
    "other values are printed as published."
)


@dataclass(frozen=True)
class Column:
    """One column of a readable table: frame key, label in words (with unit), kind of value."""

    key: str
    label: str
    kind: str = (
        "text"  # text | note (may rightly be empty) | code | count | year | rate | million | billion | number | html
    )
    secondary: bool = False  # ids and codes: shown small and muted, after the columns a reader needs
    plain: str | None = None  # for an "html" column: the frame key of its plain text, written to the CSV


def is_missing(value) -> bool:
    """None, NaN, pd.NA, or an empty string."""
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def format_number(value, kind: str) -> str:
    """A number formatted for reading by its column kind (see ROUNDING)."""
    value = float(value)
    if kind == "year":
        return str(int(value))
    if kind == "count":
        return f"{value:,.0f}"
    if kind == "rate":
        return f"{value:,.2f}"
    if kind == "million":
        return f"{value / 1e6:,.2f}"
    if kind == "billion":
        return f"{value / 1e9:,.3f}".rstrip("0").rstrip(".")
    if value.is_integer():
        return f"{value:,.0f}"
    return f"{value:,.6g}" if abs(value) >= 1e6 else f"{value:,.6f}".rstrip("0").rstrip(".")


UNIT_WORDS = {"km2": "km²", "count": "", "percentage_point": "percentage points", "person": "persons", "ha": "ha"}


def format_with_unit(value, unit) -> str:
    """A statistic in its own unit, scaled for reading: '556.68 million persons', '48.87%'."""
    if is_missing(value):
        return DASH
    unit = unit if isinstance(unit, str) else ""
    if unit == "person" and abs(float(value)) >= 1e6:
        return f"{format_number(value, 'million')} million persons"
    if unit == "yuan" and abs(float(value)) >= 1e9:
        return f"{format_number(value, 'billion')} billion yuan"
    if unit == "percent":
        return f"{format_number(value, 'rate')}%"
    return f"{format_number(value, 'number')} {UNIT_WORDS.get(unit, unit)}".strip()


def breakable(text: str) -> str:
    """Escaped text with break opportunities after _ / and . so identifiers wrap between parts, not inside."""
    escaped = html.escape(text)
    for mark in ("_", "/"):
        escaped = escaped.replace(mark, mark + "<wbr>")
    return escaped


def cell(value, column: Column) -> str:
    """One <td>: escaped text, a formatted number, or the dash for missing."""
    classes = ["secondary"] if column.secondary else []
    if column.kind == "html":
        return f'<td class="{" ".join(classes)}">{value}</td>' if classes else f"<td>{value}</td>"
    if column.kind == "note" and is_missing(value):
        return "<td></td>"
    if is_missing(value):
        return f'<td class="{" ".join(classes + ["missing"])}">{DASH}</td>'
    if column.kind in ("count", "year", "rate", "million", "billion", "number") and isinstance(value, numbers.Real):
        return f'<td class="{" ".join(classes + ["num"])}">{format_number(value, column.kind)}</td>'
    text = f"<code>{breakable(str(value))}</code>" if column.kind == "code" else html.escape(str(value))
    return f'<td class="{" ".join(classes)}">{text}</td>' if classes else f"<td>{text}</td>"


LINE_EM = 79.0  # the A4 page's 182 mm of text in em of the appendix tables' 6.5 pt
PADDING_EM = 0.8  # a cell's padding left and right
LONGEST_WORD_EM = 9.0  # longer words (addresses, file names, ids) break anywhere in a printed appendix table
STEP_EM = 0.5


@lru_cache(maxsize=1)
def _font():
    """DejaVu Sans, the report's font, from matplotlib's copy (always installed with it; matplotlib not imported)."""
    from PIL import ImageFont

    folder = Path(importlib.util.find_spec("matplotlib").submodule_search_locations[0])
    return ImageFont.truetype(str(folder / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"), 100)


@lru_cache(maxsize=65536)
def _em(text: str) -> float:
    """Printed width of one line of text in em (a Chinese character, from the fallback font, is one em)."""
    latin = "".join(character for character in text if ord(character) < 0x2E80)
    return _font().getlength(latin) / 100 + (len(text) - len(latin))


def column_widths(labels: list[str], cells: list[list[str]]) -> list[float]:
    """Column widths in % of the table that make it short when printed: each column gets at least its longest word,
    then each further half em of the line goes to the column where it saves the most lines. WeasyPrint's automatic
    layout measures every word of every cell with Pango to size the columns (a third of the PDF's build time for
    the long appendix tables); one measurement of each word in the same font is close enough."""
    texts = [[" ".join(html.unescape(TAG.sub(" ", text)).split()) for text in row] for row in [labels, *cells]]
    lengths = np.array([[_em(text) for text in row] for row in texts])
    lengths[0] *= 1.1  # the heading is bold
    longest = [
        max([_em(word) for row in texts for word in row[column].split()] or [1.0]) for column in range(len(labels))
    ]
    widths = np.array([min(word * 1.1, LONGEST_WORD_EM) + PADDING_EM for word in longest])
    wanted = lengths.max(axis=0) + PADDING_EM

    def printed_lines(candidate: np.ndarray) -> float:
        return float(np.ceil(lengths / (candidate - PADDING_EM)).max(axis=1).sum())

    def lines_if_wider(column: int) -> float:
        candidate = widths.copy()
        candidate[column] += STEP_EM
        return printed_lines(candidate)

    while widths.sum() + STEP_EM <= LINE_EM and (widths < wanted).any():
        # fewest lines; among equals the column that still wants the most room
        best = min(np.flatnonzero(widths < wanted), key=lambda c: (lines_if_wider(c), widths[c] - wanted[c]))
        widths[best] += STEP_EM
    return [round(float(100 * width / widths.sum()), 1) for width in widths]


def table_html(
    frame: pd.DataFrame,
    columns: list[Column],
    caption: str,
    table_id: str,
    note: str = "",
    wide: bool = False,
    row_id: str | None = None,
) -> str:
    """A numbered, captioned table (caption text escaped; `note` is trusted HTML from this package)."""
    numeric = ("count", "year", "rate", "million", "billion", "number")
    head = "".join(
        f'<th scope="col" class="{"num" if c.kind in numeric else ""}{" secondary" if c.secondary else ""}">{html.escape(c.label)}</th>'
        for c in columns
    )
    records = frame.to_dict("records")
    cells = [[cell(row.get(c.key), c) for c in columns] for row in records]
    body = "".join(
        (f'<tr id="{html.escape(str(row[row_id]))}">' if row_id else "<tr>") + "".join(row_cells) + "</tr>"
        for row, row_cells in zip(records, cells)
    )
    widths = column_widths([c.label for c in columns], cells)
    # --w is read only by the print style of the appendices' tables (report.css); a screen lays tables out itself
    colgroup = "<colgroup>" + "".join(f'<col style="--w: {width:g}%">' for width in widths) + "</colgroup>"
    legend = (
        f" {LEGEND}"
        if any(is_missing(row.get(c.key)) for row in records for c in columns if c.kind not in ("html", "note"))
        else ""
    )
    # the rounding rule is said once, in the definitions of the methods chapter, not under every table
    foot_text = " ".join(part for part in (note, legend.strip()) if part)
    foot = f'<p class="table-note">{foot_text}</p>' if foot_text else ""
    return (
        f'<div class="table-block{" wide" if wide else ""}" id="tab-{table_id}">'
        f'<div class="table-scroll"><table class="rr"><caption><span class="label"></span> {html.escape(caption)}</caption>'
        f"{colgroup}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>{foot}</div>"
    )


def readable_frame(frame: pd.DataFrame, columns: list[Column]) -> pd.DataFrame:
    """The table's columns under their labels, numbers at full precision, for the full CSV."""
    keys = [(c.plain or c.key) if c.kind == "html" else c.key for c in columns if c.kind != "html" or c.plain]
    labels = {(c.plain or c.key): c.label for c in columns}
    return frame[keys].rename(columns=labels)


def write_full(frame: pd.DataFrame, columns: list[Column], table_id: str, tables_dir: Path) -> str:
    """Write the whole table to `<tables_dir>/<table_id>.csv`; return the link to it (relative to the report)."""
    write_csv(readable_frame(frame, columns), Path(tables_dir) / f"{table_id}.csv")
    # tables_dir is reports/tables/<notebook>; the report sits in reports/
    link = f"tables/{Path(tables_dir).name}/{table_id}.csv"
    return f'<a class="table-file" href="{link}">{link}</a>'


def long_table(
    frame: pd.DataFrame,
    columns: list[Column],
    caption: str,
    table_id: str,
    tables_dir: Path,
    shown: pd.DataFrame | None = None,
    what_shown: str = "",
    wide: bool = False,
    row_id: str | None = None,
) -> str:
    """A table written in full to `<tables_dir>/<table_id>.csv`; the body shows `shown` (≤ MAX_ROWS) and links to it."""
    link = write_full(frame, columns, table_id, tables_dir)
    if shown is None and len(frame) <= MAX_ROWS:
        return table_html(frame, columns, caption, table_id, note=f"Also as CSV: {link}.", wide=wide, row_id=row_id)
    shown = frame.head(MAX_ROWS) if shown is None else shown
    what = what_shown or f"the first {len(shown)} of {len(frame)} rows"
    note = f"Shown: {html.escape(what)}. The full table ({len(frame):,} rows) is in {link}."
    return table_html(shown, columns, caption, table_id, note=note, wide=wide, row_id=row_id)


# A figure's SVG goes into the PDF when it is at most this size: the charts' SVGs (70-180 kB) render in about a
# second each and make a smaller PDF than their PNGs; the maps' (0.6-16 MB, thousands of polygons) take 5-60 s
# each and triple the PDF's size, so they print as their PNG (build_report timed both ways, issue 20).
VECTOR_MAX_BYTES = 400_000
ALT_TEXT = "Alt text:"


def caption_parts(caption_html: str, alt: str) -> tuple[str, str]:
    """The caption to print and the image's alt text, from a caption file's (escaped) text.

    The figures stage writes `title`, a blank line, the caption (which opens with the title again), a blank line
    and `Alt text: ...`: the caption keeps the title once, and the alt text, when the file has one, goes to the
    alt attribute only (it describes the data for a screen reader, it is not for print)."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", caption_html) if part.strip()]
    alt_texts = [part[len(ALT_TEXT) :].strip() for part in paragraphs if part.startswith(ALT_TEXT)]
    paragraphs = [part for part in paragraphs if not part.startswith(ALT_TEXT)]
    if len(paragraphs) > 1 and paragraphs[1].startswith(paragraphs[0].rstrip(".")):
        paragraphs = paragraphs[1:]
    caption = " ".join(" ".join(part.split()) for part in paragraphs)
    return caption, html.unescape(alt_texts[0]) if alt_texts else alt


def enlarged(png: Path) -> str:
    """The file a reader opens to see a figure large (tap or click): its SVG beside it when small enough, else the
    PNG; as a link relative to the report (figures and maps sit in reports/<folder>/)."""
    svg = png.with_suffix(".svg")
    chosen = svg if svg.exists() and svg.stat().st_size <= VECTOR_MAX_BYTES else png
    return f"{chosen.parent.name}/{chosen.name}"


def figure_html(png: Path, caption_html: str, figure_id: str, alt: str) -> str:
    """A numbered figure with the PNG inlined and linked to its larger file; `caption_html` must already be escaped.

    The link names the SVG when the figure prints as a vector: the PDF build puts that file in the PNG's place."""
    png = Path(png)
    caption, alt = caption_parts(caption_html, alt)
    data = base64.b64encode(png.read_bytes()).decode("ascii")
    return (
        f'<figure class="rr-figure" id="fig-{figure_id}"><a class="enlarge" href="{html.escape(enlarged(png))}">'
        f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{data}"></a>'
        f'<figcaption><span class="label"></span> {caption}</figcaption></figure>'
    )


def xref(target: str) -> str:
    """A cross-reference ('fig-x' or 'tab-y') whose text ('Figure 3') is filled in by numbering."""
    return f'<a class="xref" href="#{html.escape(target)}"></a>'
