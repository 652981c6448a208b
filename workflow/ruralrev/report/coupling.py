"""The coupling section of the report: method, classes, figure, weights, national series, provincial
ranking, study areas and sensitivity, as HTML from the coupling stage's outputs (ruralrev.coupling.summary)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd

from ruralrev.coupling import summary
from ruralrev.report.present import Column, figure_html, long_table, table_html

INDEX = [
    Column("U1", "U1 urbanization", "rate"),
    Column("U2", "U2 rural revitalization", "rate"),
    Column("C", "C coupling", "rate"),
    Column("D", "D coordination", "rate"),
    Column("class", "Class of D"),
]


def _inline(text: str) -> str:
    """Escaped text with `code` and **bold** marked up (formulas are code: their digits are not prose numbers)."""
    escaped = html.escape(text)
    escaped = re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)
    return re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", escaped)


def _markdown_to_html(text: str) -> str:
    """The method text (paragraphs and one list) as HTML."""
    out, items = [], []
    for block in text.split("\n") + [""]:
        if block.startswith("- "):
            items.append(f"<li>{_inline(block[2:])}</li>")
            continue
        if items:
            out.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if block.strip():
            out.append(f"<p>{_inline(block)}</p>")
    return "".join(out)


def method(config: dict) -> str:
    """The method with its formulas and the configured choices."""
    return _markdown_to_html(summary.method_markdown(config))


def classes(config: dict) -> str:
    """The class table of D."""
    return table_html(
        summary.class_table(config),
        [Column("D", "Range of D"), Column("class", "Class")],
        "The classes of the coupling coordination degree D",
        "coupling-classes",
    )


def figure(reports_dir: Path) -> str:
    """The rebuilt Figure 2 with its caption."""
    base = Path(reports_dir) / "figures" / "coupling_coordination"
    caption = html.escape(base.with_suffix(".txt").read_text(encoding="utf-8").strip())
    return figure_html(
        base.with_suffix(".png"),
        caption,
        "coupling_coordination",
        "U1, U2 and D of China over time and D of the study areas' provinces, with the D classes",
    )


def weights(frame: pd.DataFrame) -> str:
    """Entropy weights per sample, and why an indicator was left out."""
    columns = [
        Column("scope", "Sample"),
        Column("subsystem", "Subsystem"),
        Column("indicator", "Indicator", "code"),
        Column("direction", "Direction"),
        Column("weight", "Entropy weight", "rate"),
        Column("place_years", "Place-years with a value", "count"),
        Column("coverage", "Coverage"),
        Column("status", "Used or left out"),
    ]
    note = (
        "Entropy weights depend on the sample: they are estimated from the spread of each indicator across the "
        "sample's place-years, so another window or another set of places gives other weights."
    )
    return table_html(
        summary.weights_table(frame),
        columns,
        "Indicators and entropy weights",
        "coupling-weights",
        note=html.escape(note),
        wide=True,
    )


def national(coupling: pd.DataFrame) -> str:
    """China's series year by year."""
    columns = [Column("year", "Year", "year"), *INDEX, Column("note", "Note")]
    return table_html(
        summary.national_table(coupling), columns, "China: U1, U2, C and D by year", "coupling-national", wide=True
    )


def ranking(coupling: pd.DataFrame, tables_dir: Path) -> str:
    """The provinces ranked by D in the latest computed year."""
    frame = summary.ranking_table(coupling)
    year = summary.latest_year(coupling)
    columns = [
        Column("rank", "Rank", "count"),
        Column("place", "Province"),
        *INDEX,
        Column("geo_code", "Code", "code", secondary=True),
    ]
    return long_table(
        frame,
        columns,
        f"Provinces ranked by the coordination degree D, {year}",
        "coupling-ranking",
        tables_dir,
        shown=frame,
        what_shown=f"all {len(frame)} provinces",
    )


def study_areas(coupling: pd.DataFrame) -> str:
    """Which subsystem lacks data in each study area."""
    columns = [
        Column("place", "Study area"),
        Column("note", "Why D is not computed"),
        Column("geo_code", "Code", "code", secondary=True),
    ]
    return table_html(
        summary.study_area_table(coupling), columns, "Study areas: data for the two subsystems", "coupling-study-areas"
    )


def sensitivity(frame: pd.DataFrame) -> str:
    """D under alpha/beta 0.3–0.7 and without each indicator in turn."""
    columns = [
        Column("scope", "Sample"),
        Column("variant", "Variant"),
        Column("rows", "Place-years compared", "count"),
        Column("mean_abs_change_D", "Mean |change| of D", "rate"),
        Column("max_abs_change_D", "Largest |change| of D", "rate"),
        Column("class_changes", "Place-years changing class", "count"),
        Column("rank_correlation_latest", "Rank correlation, latest year", "rate"),
        Column("note", "Note"),
    ]
    return table_html(
        summary.sensitivity_table(frame),
        columns,
        "Sensitivity of D to alpha/beta and to each indicator",
        "coupling-sensitivity",
        wide=True,
    )


def sentences(coupling: pd.DataFrame, config: dict) -> str:
    """The finding (China's class and trend, the study areas' provinces' ranks) and the missing-value count."""
    finding = summary.finding(coupling, summary.study_area_provinces(coupling))
    return f"<p>{_inline(finding)}</p><p>{_inline(summary.missing_summary(coupling, config))}</p>"
