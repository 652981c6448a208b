"""Tables that PDF or web extraction flattened into body text, read cell by cell:

- a row of values under a line of column years ("1985 1990 1995 1998 1999 2000" /
  "Number of Households Surveyed 66642 66960 67340 68300 67430 68116");
- a pipe table whose first column holds the years and whose header names each column with its unit
  and scale ("Year | Rural Population (10 000 persons) |" / "1978 | 80320.0 |").

Each value takes the year of its column (or row) and the unit and scale of its row (or column) label;
the years and the label's scale are not claims (D3 of sentences_heldout4, E10 of sentences_heldout5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ruralrev.extract.amounts import count_unit
from ruralrev.extract.digits import number_value
from ruralrev.extract.vocabulary import vocabulary

YEAR = r"(?:1[89]|20)\d\d"
YEARS_LINE = re.compile(rf"^[^\S\n]*(?P<years>{YEAR}(?:[^\S\n]+{YEAR}){{2,}})[^\S\n]*$", re.M)
VALUE = re.compile(r"(?<![\w.,])-?\d+(?:,\d{3})*(?:\.\d+)?(?![\w.,]*\d)")
ROW = re.compile(
    r"^[^\S\n]*(?P<label>[A-Za-z][^\d|\n]*?)[^\S\n]+(?P<values>-?\d[\d,.]*(?:[^\S\n]+-?\d[\d,.]*)+)[^\S\n]*$", re.M
)
PIPE_HEADER = re.compile(r"^[^\S\n]*\|?[^\S\n]*Years?[^\S\n]*\|(?P<cells>[^\n]+)$", re.M | re.I)
PIPE_ROW = re.compile(rf"^[^\S\n]*\|?[^\S\n]*(?P<year>{YEAR})[^\S\n]*\|(?P<cells>[^\n]+)$", re.M)
# a label's unit note: "(10 000 persons)", "(households)", "(yuan)"
NOTE = re.compile(r"\((?P<scale>10(?:[ ,\u2009\u202f]?000)+|100)?\s*(?P<unit>[A-Za-z][A-Za-z /]*?)\s*\)")


@dataclass(frozen=True)
class Cell:
    """One value of a flattened table: offsets into the text, value (scale applied), unit, year, label."""

    start: int
    end: int
    value: float
    unit: str | None
    year: int
    label: str


def label_unit(label: str) -> tuple[str | None, int]:
    """(unit, scale) named by a row or column label: its note in parentheses, else its last count noun
    ("Number of Households Surveyed" -> household)."""
    note = NOTE.search(label)
    words = note["unit"].split() if note else re.findall(r"[A-Za-z]+", label)
    scale = int(re.sub(r"\D", "", note["scale"])) if note and note["scale"] else 1
    measures = vocabulary()["measure_units"]
    for word in reversed(words):
        unit = measures.get(word.lower()) or count_unit(word)
        if unit:
            return unit, scale
    return None, scale


def _values(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(start + m.start(), start + m.end(), m.group()) for m in VALUE.finditer(text[start:end])]


def row_cells(text: str, start: int, end: int) -> list[Cell]:
    """Cells of rows written under a line of column years, as many values as years."""
    cells: list[Cell] = []
    for header in YEARS_LINE.finditer(text, start, end):
        years = [int(y) for y in header["years"].split()]
        for row in ROW.finditer(text, header.end(), end):
            values = _values(text, row.start("values"), row.end("values"))
            if len(values) != len(years) or any(re.fullmatch(YEAR, v) for _, _, v in values):
                break
            unit, scale = label_unit(row["label"])
            cells += [
                Cell(a, b, float(number_value(v) * scale), unit, year, row["label"].strip())
                for (a, b, v), year in zip(values, years)
            ]
    return cells


def pipe_cells(text: str, start: int, end: int) -> list[Cell]:
    """Cells of a pipe table whose rows start with their year and whose header labels the columns."""
    cells: list[Cell] = []
    for header in PIPE_HEADER.finditer(text, start, end):
        labels = [c.strip() for c in header["cells"].split("|")]
        columns = [label_unit(label) for label in labels]
        for row in PIPE_ROW.finditer(text, header.end(), end):
            offset = row.start("cells")
            for k, cell in enumerate(row["cells"].split("|")):
                value = VALUE.fullmatch(cell.strip())
                if value and k < len(columns) and columns[k][0]:
                    a = offset + cell.index(value.group())
                    unit, scale = columns[k]
                    cells.append(
                        Cell(
                            a,
                            a + len(value.group()),
                            float(number_value(value.group()) * scale),
                            unit,
                            int(row["year"]),
                            labels[k],
                        )
                    )
                offset += len(cell) + 1
    return cells


def table_cells(text: str, start: int, end: int) -> list[Cell]:
    """Every cell of the flattened tables in text[start:end], in order."""
    return sorted(row_cells(text, start, end) + pipe_cells(text, start, end), key=lambda c: c.start)


def table_span(text: str, start: int, end: int, cells: list[Cell]) -> tuple[int, int] | None:
    """The lines a block's tables take (from the first header to the last cell), or None without cells."""
    if not cells:
        return None
    first = min(
        [m.start() for m in YEARS_LINE.finditer(text, start, end)]
        + [m.start() for m in PIPE_HEADER.finditer(text, start, end)]
        + [cells[0].start]
    )
    return first, cells[-1].end
