"""Claims in table and figure captions. The caption's label ("Table 3:") and title are not claims, but
what follows them is read: a sentence ("Table 3: In 2018 Batang had 1,660 registered poor households.")
or a table flattened into text ("Figure 2. Poverty incidence (%) in Yunnan, 2014–2019: 17.8, 12.0, ...",
"... (households) 2016 2017 2018 / 4335 3046 1660"), whose values take the unit the caption declares in
parentheses and, one by one, the years of its header or of the span in its title (D3 of sentences_heldout4)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ruralrev.extract import numbers

LABEL = re.compile(r"^\W*(?:Table|Figure|Fig\.)\s*\d+[a-z]?\s*[.:]?(?:\*\*|__)?\s*")
NOTE = re.compile(r"\(([^()]*)\)")
# a unit note: "(%)", "(yuan)", "(households)", "(area: 10,000 mu)", "(unit: 10,000 yuan)"
NOTE_UNIT = re.compile(
    r"^\s*(?:[A-Za-z ]+:\s*)?(?P<scale>[\d,.]+\s*|(?:ten thousand|hundred million|thousand|million|billion)\s+)?"
    r"(?P<unit>[^\d()]+?)\s*$",
    re.I,
)
VALUE = re.compile(r"(?<![\w.,])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w,]*\d)|(?<![\w.,])-?\d+(?:\.\d+)?(?![\w.,]*\d)")
YEAR_TOKEN = re.compile(r"(?:1[89]|20)\d\d")


@dataclass(frozen=True)
class Caption:
    """What follows a caption's label: its title, unit note spans, declared unit and where its data start."""

    notes: list[tuple[int, int]]
    unit: str | None
    data_start: int | None  # offset of a flattened series after the title; None where there is none


def declared_unit(inner: str) -> str | None:
    """Unit named by a caption's parenthesized note, or None ("(%)" -> percent, "(households)" -> household)."""
    match = NOTE_UNIT.match(inner)
    if not match or match["scale"]:
        return None  # a scaled unit ("10,000 mu") is a unit of a table's cells, not of values written here
    word, vocabulary = match["unit"].strip().lower(), numbers.vocabulary()
    if word in vocabulary["measure_units"]:
        return vocabulary["measure_units"][word]
    if word in vocabulary["person_nouns"]:
        return "person"
    if word in vocabulary["household_nouns"]:
        return "household"
    return vocabulary["count_nouns"].get(word) or None


def read_caption(rest: str) -> Caption:
    """The parts of a caption's text after its label."""
    notes = [(m.start(), m.end()) for m in NOTE.finditer(rest)]
    unit = next((u for m in NOTE.finditer(rest) if (u := declared_unit(m[1]))), None)
    data_start = None
    colon = next((m for m in re.finditer(r":\s*(?=-?\d)", rest) if not any(a <= m.start() < b for a, b in notes)), None)
    if colon:
        data_start = colon.end()
    elif unit and (
        after_note := next(
            (m for m in NOTE.finditer(rest) if declared_unit(m[1]) and re.match(r"\s+\d", rest[m.end() :])), None
        )
    ):
        data_start = after_note.end()
    return Caption(notes, unit, data_start)


def series(rest: str, caption: Caption) -> list[tuple[int, int, float, int | None]]:
    """(start, end, value, year) of each value of a flattened series; a value is dated when the values are
    as many as the years of the header written before them, or else of the title's span ("2014–2019")."""
    data = rest[caption.data_start :]
    tokens = [(caption.data_start + m.start(), caption.data_start + m.end(), m.group()) for m in VALUE.finditer(data)]
    header = [int(t) for _, _, t in tokens if YEAR_TOKEN.fullmatch(t)]
    values = [(a, b, float(t.replace(",", ""))) for a, b, t in tokens if not YEAR_TOKEN.fullmatch(t)]
    if not header:
        title = rest[: caption.data_start]
        span = re.search(r"\b((?:19|20)\d\d)\s*(?:-|–|—|~|to)\s*((?:19|20)\d\d)\b", title)
        header = list(range(int(span[1]), int(span[2]) + 1)) if span else []
    years = header if len(header) == len(values) else [None] * len(values)
    return [(a, b, value, year) for (a, b, value), year in zip(values, years)]


CELL = re.compile(r"(?P<label>[^:|]*?)\s*:\s*(?P<value>-?\d[\d,]*(?:\.\d+)?)\s*(?=\||$)")
CHANGE_LABEL = re.compile(r"\b(?:growth|change|increase|decrease|decline)\b", re.I)


def labelled_cells(rest: str, caption: Caption) -> list[tuple[int, int, float, int | None, str | None, str | None]]:
    """(start, end, value, year, unit, qualifier) of the cells of a caption flattened as "label: value" between
    bars ("... (yuan), Guizhou | 2019: 10756 | 2020: 11642 | growth 2021 (%): 10.4"): each value takes the year
    and the unit note of its own label, else the caption's unit; a growth label makes a change. [] where the
    caption has fewer than two such cells."""
    cells = []
    offset = 0
    for part in rest.split("|"):
        cell = CELL.fullmatch(part.strip())
        if cell:
            label, at = cell["label"], offset + part.index(cell["value"], part.index(":"))
            years = YEAR_TOKEN.findall(label)
            note = next((u for m in NOTE.finditer(label) if (u := declared_unit(m[1]))), None)
            cells.append(
                (
                    at,
                    at + len(cell["value"]),
                    float(cell["value"].replace(",", "")),
                    int(years[-1]) if years else None,
                    note or caption.unit,
                    "change" if CHANGE_LABEL.search(label) else None,
                )
            )
        offset += len(part) + 1
    return cells if len(cells) >= 2 else []
