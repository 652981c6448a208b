"""Chinese tables flattened into text with bars, as statistical communiqués publish them:

    指标名称 | 绝对数(万人) | 占年末常住人口比重(%) |
    年末常住人口 | 3856 | 100 |

A header line names each column's unit and scale in parentheses ("(万人)", "(亿元)", "(%)"; "比上年增长(%)" is a
change); the numbers of each row below take them, in order. Years come from the table's caption ("表1 2022年...")
as the passage's framing year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ruralrev.extract.cn_vocabulary import vocabulary
from ruralrev.extract.numbers import NumberMention

NOTE = re.compile(r"\(\s*(?P<scale>万亿|亿|万|千)?\s*(?P<unit>[^()\d]{1,4}?)\s*\)")
CELL_NUMBER = re.compile(r"^\s*(?P<n>-?\d+(?:\.\d+)?)\s*$")
CHANGE = re.compile(r"增长|增加|减少|下降|提高|变化|增速|增幅")


@dataclass(frozen=True)
class Header:
    """The columns a table's header names: (unit, scale, qualifier) of each column with a unit note."""

    columns: tuple[tuple[str, float, str | None], ...]


def _column(cell: str) -> tuple[str, float, str | None] | None:
    note = NOTE.search(cell)
    if not note:
        return None
    vocab = vocabulary()
    unit = vocab["units"].get(note["unit"].strip())
    if unit is None:
        return None
    scale = vocab["scales"].get(note["scale"], 1000 if note["scale"] == "千" else 1) if note["scale"] else 1
    return unit, scale, "change" if CHANGE.search(cell) else None


def read_line(line: str, passage) -> list[NumberMention] | None:
    """The claims of one line of a bar table (folded text): [] for its header (kept in `passage.table`) or a row
    without numbers, the row's numbers with their column's unit and scale, or None for a line that is no row
    of a table with such a header."""
    if "|" not in line:
        passage.table = None
        return None
    cells = line.split("|")
    columns = [c for c in (_column(cell) for cell in cells) if c]
    if columns:
        passage.table = Header(tuple(columns))
        return []
    header = passage.table
    if header is None:
        return None
    numbers, offset = [], 0
    for cell in cells:
        if match := CELL_NUMBER.match(cell):
            numbers.append((offset + match.start("n"), offset + match.end("n"), float(match["n"])))
        offset += len(cell) + 1
    if len(numbers) != len(header.columns):
        return []
    return [
        NumberMention(
            a, b, float(Decimal(str(value)) * Decimal(str(scale))), unit, qualifier, scale != 1, b, None, None
        )
        for (a, b, value), (unit, scale, qualifier) in zip(numbers, header.columns)
    ]
