"""The coupling section of the report: method, classes, figure, weights, national series, provincial
ranking, study areas and sensitivity, as HTML from the coupling stage's outputs (ruralrev.coupling.summary)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd

from ruralrev.coupling import narrative, summary
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
    """The class table of D, laid across: one column per class (its range above its name)."""
    table = summary.class_table(config)
    frame = pd.DataFrame(
        [dict(zip(map(str, table.index), table["D"])), dict(zip(map(str, table.index), table["class"]))]
    )
    columns = [Column(str(i), f"Class {i + 1}") for i in table.index]
    return table_html(
        frame, columns, "The classes of the coupling coordination degree D (range of D, class)", "coupling-classes"
    )


def figure(reports_dir: Path) -> str:
    """The workflow's coupling coordination figure (China and the study areas' provinces) with its caption."""
    base = Path(reports_dir) / "figures" / "coupling_coordination"
    caption = html.escape(base.with_suffix(".txt").read_text(encoding="utf-8").strip())
    return figure_html(
        base.with_suffix(".png"),
        caption,
        "coupling_coordination",
        "U1, U2 and D of China over time and D of the study areas' provinces, with the D classes",
    )


def indicators(frame: pd.DataFrame) -> str:
    """The indicator system with each indicator's dimension, direction, definition, price basis, source and weight,
    and the dimensions without data."""
    columns = [
        Column("subsystem", "Subsystem"),
        Column("dimension", "Dimension"),
        Column("direction", "Direction"),
        Column("definition", "Definition"),
        Column("source", "Sources"),
        Column("weight", "Entropy weight", "rate"),
    ]
    note = (
        "Entropy weights are estimated once on the pooled panel of all province-years and sum to one within each "
        "subsystem. Source ids link to the References."
    )
    return (
        table_html(
            summary.indicator_table(frame).query("status == ''"),
            columns,
            "The indicator system",
            "coupling-indicators",
            note=html.escape(note),
        )
        + f"<p>{_inline(summary.missing_sentence(frame))}</p>"
    )


def national(coupling: pd.DataFrame) -> str:
    """China's series year by year."""
    columns = [Column("year", "Year", "year"), *INDEX, Column("note", "Note")]
    return table_html(
        summary.national_table(coupling), columns, "China: U1, U2, C and D by year", "coupling-national", wide=True
    )


def ranking(coupling: pd.DataFrame, tables_dir: Path, ends: int = 5) -> str:
    """The provinces ranked by D in the latest computed year: the first and last `ends` and the study areas'
    provinces in the body, every province in the CSV beside the report."""
    frame = summary.ranking_table(coupling)
    year = summary.latest_year(coupling)
    highlight = set(summary.study_area_provinces(coupling))
    ranks = frame["rank"].rank(method="first")
    shown = frame[(ranks <= ends) | (ranks > len(frame) - ends) | frame["geo_code"].astype(str).isin(highlight)]
    columns = [
        Column("rank", "Rank", "count"),
        Column("place", "Province"),
        *INDEX,
        Column("boundary", "Near a class boundary", "note"),
        Column("relative_development", "U2/U1", "rate"),
        Column("lag_type", "Lag type"),
    ]
    return long_table(
        frame,
        columns,
        f"Provinces ranked by the coordination degree D, {year}",
        "coupling-ranking",
        tables_dir,
        shown=shown,
        what_shown=f"the first and last {ends} provinces and the study areas' provinces",
        wide=True,  # ten columns: in the page's width, the class and lag-type words would wrap every row to three lines
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
    """What moves D: each variant refitted and compared with the main result."""
    columns = [
        Column("variant", "Variant"),
        Column("mean_D", "Mean D", "rate"),
        Column("mean_abs_change_D", "Mean |change| of D", "rate"),
        Column("spearman_last", "Spearman of ranks, last year", "rate"),
        Column("class_changes_last", "Provinces changing class, last year", "count"),
        Column("china_D_last", "China's D, last year", "rate"),
    ]
    return table_html(
        summary.sensitivity_table(frame),
        columns,
        "What moves D: the model refitted under each alternative",
        "coupling-sensitivity",
    )


def sentences(coupling: pd.DataFrame, values: dict) -> str:
    """The finding (China's level and trend on the provinces' scale, the study areas' provinces' ranks), the most
    and least coordinated provinces and the study areas' provinces' lag types."""
    highlight = summary.study_area_provinces(coupling)
    finding = summary.finding(coupling, highlight)
    return f"<p>{_inline(finding)}</p><p>{_inline(narrative.finding_sentences(coupling, values, highlight))}</p>"


def paragraph(text: str) -> str:
    """One sentence or paragraph of the narrative as HTML."""
    return f"<p>{_inline(text)}</p>"


def limits(values: dict, indicators: pd.DataFrame) -> str:
    """The limits of the result, each with its number."""
    return _markdown_to_html(narrative.limits_markdown(values, summary.missing_dimensions(indicators)))


def obstacles(frame: pd.DataFrame, tables_dir: Path) -> str:
    """What holds each province back most in the latest year (obstacle degree)."""
    table = summary.obstacle_table(frame)
    columns = [
        Column("place", "Place"),
        Column("dimension", "Largest obstacle: dimension"),
        Column("dimension_share", "Share of the dimension", "rate"),
        Column("indicator", "Largest obstacle: indicator", "code"),
        Column("indicator_share", "Share of the indicator", "rate"),
        Column("second", "Second indicator", "code"),
        Column("second_share", "Share of the second", "rate"),
        Column("geo_code", "Code", "code", secondary=True),
    ]
    year = int(table["year"].iloc[0]) if len(table) else ""
    return long_table(
        table,
        columns,
        f"Obstacle degree: what holds each province (and China) back most, {year}",
        "coupling-obstacles",
        tables_dir,
        shown=table,
        what_shown=f"all {len(table)} places",
    )


def gini(frame: pd.DataFrame) -> str:
    """The Gini of D and its Dagum decomposition by year."""
    columns = [
        Column("year", "Year", "year"),
        Column("total", "Gini of D", "rate"),
        Column("within", "Within regions", "rate"),
        Column("between", "Net between regions", "rate"),
        Column("transvariation", "Transvariation", "rate"),
        Column("between_share", "Between: share of the Gini", "rate"),
    ]
    return table_html(
        summary.gini_table(frame), columns, "Regional inequality of D: Dagum's Gini decomposition", "coupling-gini"
    )


def chart(reports_dir: Path, name: str, alt: str) -> str:
    """A chart of the coupling stage with its caption (sensitivity, distribution)."""
    base = Path(reports_dir) / "figures" / name
    caption = html.escape(base.with_suffix(".txt").read_text(encoding="utf-8").strip())
    return figure_html(base.with_suffix(".png"), caption, name, alt)
