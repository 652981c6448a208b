"""Kinds `vintages` (one series with its earlier vintages where they differ) and `panels` (stacked series)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ruralrev import plotstyle
from ruralrev.figures.series import (
    COLOURS,
    YEAR_END_KINDS,
    Drawing,
    as_plotted,
    missing_years,
    require,
    select,
    year_ranges,
    years_of,
)
from ruralrev.years import year_runs

GROUP_STYLES = (("vermillion", "x"), ("green", "+"), ("purple", "1"), ("orange", "2"))
SERIES_STYLES = (("blue", "o"), ("orange", "s"), ("green", "^"))


def _group(vintage: str, groups: dict[str, list[str]]) -> str:
    text = vintage.lower()
    return next((label for label, keys in groups.items() if any(k.lower() in text for k in keys)), vintage)


def _gaps_note(name: str, rows: pd.DataFrame, years: range) -> str:
    gaps = missing_years(rows, years)
    return f"{name}: no value in any source read for {year_ranges(gaps)}" if gaps else ""


def draw_vintages(figure_id: str, spec: dict, data) -> Drawing:
    """The preferred series as a line; earlier vintages as markers where they differ; revised years marked."""
    years, place, threshold = years_of(spec), str(spec.get("place", "100000")), float(spec.get("min_difference", 0.05))
    indicators = data.indicators
    current = as_plotted(select(indicators, spec["series"], place, years, ("year_end",)), figure_id, "current")
    require(current, figure_id, f"{spec['series']}, {place}, year-end")
    others = as_plotted(
        select(indicators, spec["series"], place, years, ("year_end",), preferred=False), figure_id, "earlier vintage"
    )
    others["diff"] = others["value"] - others["year"].map(dict(zip(current["year"], current["value"])))
    others = others[others["diff"].abs() >= threshold].copy()
    others["group"] = others["vintage"].astype(str).map(lambda v: _group(v, spec.get("vintage_groups", {})))
    others = others.sort_values(["group", "year", "source"]).drop_duplicates(["group", "year", "value"])
    figure = plotstyle.new_figure((plotstyle.FULL_WIDTH_IN, 4.8))
    top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=(3, 1.3))
    for run in year_runs(current["year"].tolist()):
        part = current[current["year"].isin(run)]
        top.plot(
            part["year"],
            part["value"],
            color=COLOURS["blue"],
            linewidth=1.4,
            label="current series (preferred vintage)" if run[0] == current["year"].min() else None,
        )
    offsets = {
        label: (i - (others["group"].nunique() - 1) / 2) * 0.3
        for i, label in enumerate(sorted(others["group"].unique()))
    }
    for (label, group), (colour, marker) in zip(others.groupby("group", sort=True), GROUP_STYLES):
        top.plot(
            group["year"],
            group["value"],
            linestyle="none",
            marker=marker,
            markersize=5,
            color=COLOURS[colour],
            label=label,
        )
        bottom.bar(group["year"] + offsets[label], group["diff"], width=0.3, color=COLOURS[colour])
    revised = sorted(set(others["year"]))
    for year in revised:
        top.axvspan(year - 0.5, year + 0.5, color="#EEEEEE", zorder=0, linewidth=0)
    bottom.axhline(0, color="#4D4D4D", linewidth=0.6)
    top.set_ylabel(spec.get("ylabel", current["unit"].iloc[0]))
    bottom.set_ylabel("earlier − current\n(percentage points)")
    bottom.set_xlabel("year")
    top.legend(loc="upper left", fontsize=7)
    top.text(
        0.99,
        0.04,
        "grey bands: years an earlier vintage differs",
        transform=top.transAxes,
        ha="right",
        fontsize=7,
        color="#4D4D4D",
    )
    gaps = _gaps_note("current series", current, years)
    biggest = others.loc[others["diff"].abs().idxmax()] if not others.empty else None
    caption = (
        f"{spec['title']}. Line: the preferred (latest) vintage of each year. Markers: earlier vintages "
        f"where they differ by at least {threshold:g} percentage points ({len(revised)} years: {year_ranges(revised)}); "
        "lower panel: earlier minus current."
    )
    if biggest is not None:
        caption += (
            f" Largest revision: {int(biggest['year'])}, {biggest['value']:.2f} ({biggest['group']}) vs "
            f"{biggest['value'] - biggest['diff']:.2f} now ({biggest['diff']:+.2f})."
        )
    caption += f" {gaps}." if gaps else ""
    alt = (
        f"Line chart of {spec['series']} {years[0]}–{years[-1]}, from {current['value'].iloc[0]:.2f} in "
        f"{current['year'].iloc[0]} to {current['value'].iloc[-1]:.2f} in {current['year'].iloc[-1]}; earlier vintages "
        f"differ in {year_ranges(revised) or 'no year'}."
    )
    plotted = pd.concat([current, others.drop(columns=["diff", "group"])], ignore_index=True)
    return Drawing(figure, plotted, caption, alt, "partial" if gaps else "rebuilt", gaps)


def _panel(
    axis, figure_id: str, spec_panel: dict, place: str, years: range, indicators: pd.DataFrame, stated: set[int]
):
    frames, notes = [], []
    series = spec_panel["series"]
    labels = spec_panel.get("labels", series)
    width = 0.8 / len(series)
    points: list[tuple[float, float, str, str]] = []  # (year, value, label, colour) of the line series' markers
    for number, (name, label, (colour, marker)) in enumerate(zip(series, labels, SERIES_STYLES)):
        rows = as_plotted(select(indicators, name, place, years, YEAR_END_KINDS, other_kinds=True), figure_id, name)
        require(rows, figure_id, f"{name}, {place}")
        if spec_panel.get("style") == "bars":
            x = rows["year"] + (number - (len(series) - 1) / 2) * width
            axis.bar(x, rows["value"], width=width, color=COLOURS[colour], label=label)
            for xi, v in zip(x, rows["value"]):
                axis.text(xi, v, spec_panel.get("format", "{:,.1f}").format(v), ha="center", va="bottom", fontsize=7)
        else:
            derived = rows["source"] == "derived"
            for run in year_runs(rows["year"].tolist()):
                part = rows[rows["year"].isin(run)]
                axis.plot(
                    part["year"],
                    part["value"],
                    color=COLOURS[colour],
                    label=label if run[0] == rows["year"].min() else None,
                )
            axis.plot(
                rows.loc[~derived, "year"],
                rows.loc[~derived, "value"],
                linestyle="none",
                marker=marker,
                color=COLOURS[colour],
            )
            if derived.any():
                axis.plot(
                    rows.loc[derived, "year"],
                    rows.loc[derived, "value"],
                    linestyle="none",
                    marker=marker,
                    markerfacecolor="white",
                    color=COLOURS[colour],
                    label=f"{label}: computed from the incomes",
                )
                notes.append(
                    f"{label} computed by ruralrev (urban ÷ rural income) for {year_ranges(rows.loc[derived, 'year'].tolist())}, "
                    "where no published ratio was read"
                )
            fmt = spec_panel.get("format", "{:,.1f}")
            points += [(y, v, fmt.format(v), COLOURS[colour]) for y, v in zip(rows["year"], rows["value"])]
        counted = [year for year in years if year not in stated]  # a stated year is explained, not a gap
        gap = "" if name in spec_panel.get("context", []) else _gaps_note(label, rows, counted)
        notes += [gap] if gap else []
        frames.append(rows)
    axis.set_ylabel(spec_panel.get("ylabel", frames[0]["unit"].iloc[0]))
    top = max(f["value"].max() for f in frames) * 1.18
    axis.set_ylim(0, top)
    label_points(axis, points, near=top * 0.08)
    empty = sorted(set(years) - {int(y) for f in frames for y in f["year"]})
    for year in empty:  # a year no series of the panel has: said in place, not left blank
        axis.text(
            year,
            axis.get_ylim()[1] * 0.03,
            "no figure:\nthe series\nended" if year in stated else "no value\nin any\nsource read",
            ha="center",
            va="bottom",
            fontsize=7,
            color="#4D4D4D",
        )
    if len(series) > 1 or spec_panel.get("legend"):
        axis.legend(loc=spec_panel.get("legend", "upper right"), fontsize=7)
    if spec_panel.get("subtitle"):
        axis.set_title(spec_panel["subtitle"], fontsize=8.5)
    return frames, notes


def label_points(axis, points: list[tuple[float, float, str, str]], near: float) -> None:
    """Each marker's value written above it, except a marker with another series' marker of the same year just
    above it (closer than `near`): its value goes below, so the two labels do not print over each other."""
    for year, value, text, colour in points:
        crowded = any(y == year and value < v <= value + near for y, v, _, _ in points)
        axis.annotate(
            text,
            (year, value),
            xytext=(0, -5 if crowded else 4),
            textcoords="offset points",
            ha="center",
            va="top" if crowded else "baseline",
            fontsize=7,
            color=colour,
        )


def statement_notes(spec: dict, raw_dir, years: range) -> dict[int, str]:
    """Year -> what a published statement says for a year no series has (config `statements`: a statements
    table, the statement's indicator and the source id to quote), so a year with no number is not shown as
    'no value in any source read' when its publisher has said why there is none."""
    wanted = spec.get("statements")
    if not wanted:
        return {}
    table = pd.read_csv(Path(raw_dir) / "tables" / wanted["file"], dtype=str, keep_default_na=False)
    rows = table[(table["indicator"] == wanted["indicator"]) & table["source_ref"].str.startswith(wanted["source"])]
    notes = {}
    for row in rows.itertuples(index=False):
        year = int(row.year)
        if year in years and year not in notes:
            quote = "，".join(re.split(r"[，。；]|……", row.statement_text)[:2])
            notes[year] = (
                f"{year}: no figure, the series ends; {row.publisher}, {row.date} ({wanted['source']}): “{quote}”"
            )
    return notes


def draw_panels(figure_id: str, spec: dict, data) -> Drawing:
    """One panel per entry of `panels` (series, style line|bars, ylabel), sharing the year axis."""
    years, place = years_of(spec), str(spec.get("place", "100000"))
    figure = plotstyle.new_figure((plotstyle.FULL_WIDTH_IN, 2.4 * len(spec["panels"]) + 0.8))
    axes = figure.subplots(len(spec["panels"]), 1, sharex=True, squeeze=False)[:, 0]
    frames, notes = [], []
    stated = statement_notes(spec, data.raw_dir, years)
    for axis, spec_panel in zip(axes, spec["panels"]):
        got, said = _panel(axis, figure_id, spec_panel, place, years, data.indicators, set(stated))
        frames += got
        notes += said
    notes += list(stated.values())
    axes[-1].set_xticks(list(years))
    axes[-1].set_xlim(years[0] - 0.6, years[-1] + 0.6)
    axes[-1].set_xlabel("year")
    plotted = pd.concat(frames, ignore_index=True)
    gaps = [n for n in notes if "no value" in n]
    caption = f"{spec['title']}. {spec.get('definition', '')} Preferred vintage of each point; nothing interpolated."
    caption += "".join(f" {n}." for n in notes)
    alt = (
        f"{len(axes)}-panel chart, {years[0]}–{years[-1]}: "
        + "; ".join(
            f"{name}: " + ", ".join(f"{int(y)} {v:,.2f}" for y, v in zip(g["year"], g["value"]))
            for name, g in plotted.groupby("indicator", sort=False)
        )
        + "."
    )
    return Drawing(
        figure,
        plotted,
        caption.replace("  ", " "),
        alt,
        "partial" if gaps else "rebuilt",
        "; ".join(gaps),
        extra={"footer": "; ".join(gaps) + "." if gaps else ""},
    )
