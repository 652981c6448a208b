"""Formatting for the report: HTML tables where a missing value is shown as missing, never as 0."""

from __future__ import annotations

import html
import math
import numbers

import pandas as pd

MISSING = '<span class="missing">missing</span>'
COUNTER_COLUMNS = {"raw_row", "row", "start", "end", "number", "sentence_start", "sentence_end"}


def is_counter(column: str) -> bool:
    """Years, row numbers and offsets: whole numbers written without thousands separators."""
    name = str(column).lower()
    return name in COUNTER_COLUMNS or name == "year" or name.endswith("year") or name.startswith("year") or name.endswith("_year")


def format_value(value, unit: str | None = None) -> str:
    """A number for reading: thousands separators, at most 6 significant decimals, unit appended."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.6g}" if abs(value) >= 1e6 else f"{value:,.6f}".rstrip("0").rstrip(".")
    else:
        text = html.escape(str(value))
    return f"{text} {html.escape(unit)}" if unit and isinstance(unit, str) else text


def html_table(
    frame: pd.DataFrame,
    numeric: tuple[str, ...] = (),
    raw_html: tuple[str, ...] = (),
    css_class: str = "",
    statistics: tuple[str, ...] = (),
) -> str:
    """An HTML table; `numeric` columns right-aligned and formatted, `raw_html` columns not escaped.

    An empty cell of a statistic (the `numeric` and `statistics` columns) shows as "missing";
    an empty descriptive cell (a qualifier, a title) that may rightly be absent shows as a dash.
    """
    head = "".join(f'<th class="{"num" if c in numeric else ""}">{html.escape(str(c))}</th>' for c in frame.columns)
    rows = []
    for record in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, record):
            if column in raw_html:
                cells.append(f"<td>{value}</td>")
            elif value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
                cells.append(f"<td>{MISSING}</td>" if column in numeric or column in statistics else "<td>–</td>")
            elif is_counter(column) and isinstance(value, numbers.Real) and float(value).is_integer():
                cells.append(f'<td class="num">{int(value)}</td>')
            elif column in numeric:
                cells.append(f'<td class="num">{format_value(value)}</td>')
            else:
                cells.append(f"<td>{html.escape(str(value))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table class="{css_class}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def highlight(sentence: str, claim: str) -> str:
    """The sentence with the claim's text marked, escaped for HTML."""
    if not isinstance(sentence, str) or not sentence:
        return html.escape(str(claim))
    index = sentence.find(claim) if isinstance(claim, str) else -1
    if index < 0:
        return html.escape(sentence)
    return (
        html.escape(sentence[:index]) + "<mark>" + html.escape(claim) + "</mark>" + html.escape(sentence[index + len(claim):])
    )
