"""Kind `places`: one indicator for several places over years; year-end lines, census markers, gaps kept as gaps.

A line joins consecutive year-end values only; a place without a year-end series gets markers, never a line.
"""

from __future__ import annotations

import pandas as pd

from ruralrev import plotstyle
from ruralrev.errors import UserError
from ruralrev.figures.series import (
    CHINA,
    COLOURS,
    YEAR_END_KINDS,
    Drawing,
    as_plotted,
    missing_years,
    place_name,
    select,
    year_ranges,
    years_of,
)
from ruralrev.geo import boundaries
from ruralrev.years import year_runs

PLACE_STYLES = (("blue", "o"), ("orange", "s"), ("green", "^"), ("vermillion", "D"), ("purple", "v"), ("sky_blue", "P"))


def _other_vintages(indicators: pd.DataFrame, plotted: pd.DataFrame, name: str) -> list[str]:
    """Non-preferred rows for plotted points whose value differs: listed so the reader sees revisions."""
    notes: list[str] = []
    for point in plotted.itertuples():
        same = indicators[
            (indicators["indicator"] == point.indicator)
            & ~indicators["preferred"].astype(bool)
            & (indicators["geo_code"] == point.geo_code)
            & (indicators["year"] == point.year)
            & (indicators["definition"] == point.definition)
            & indicators["value"].notna()
        ]
        differing = same[same["value"].astype(float).round(2) != round(float(point.value), 2)]
        for value, group in differing.groupby(differing["value"].astype(float).round(2), sort=True):
            vintages = "; ".join(sorted(set(group["vintage"].astype(str))))
            notes.append(f"{name} {point.year}: {value:.2f} ({vintages}) vs plotted {point.value:.2f}")
    return notes


def _flag_notes(spec: dict, contradicted: list[dict], codes: list[str]) -> list[str]:
    """Captions name the contradicted rows of the figure's places and indicator family."""
    return [
        f"{item['raw_file']} row {item['raw_row']} is flagged contradicted and not plotted: {item['reason']}"
        for item in contradicted
        if str(item.get("geo_code", "")) in codes
    ]


def draw(figure_id: str, spec: dict, data) -> Drawing:
    """The entry's `series` for its `places` over its `years`."""
    indicator, years, codes = spec["series"], years_of(spec), [str(c) for c in spec.get("places", [])]
    if not 1 <= len(codes) <= len(PLACE_STYLES):
        raise UserError(
            f"config `figures`, entry {figure_id!r}: give 1 to {len(PLACE_STYLES)} places, got {len(codes)}"
        )
    indicators = data.indicators
    figure = plotstyle.new_figure()
    axis = figure.add_subplot()
    plotted, missing, names, alternatives = [], [], [], []
    for code, (colour, marker) in zip(codes, PLACE_STYLES):
        if code != CHINA and not boundaries.is_known(code):
            raise UserError(
                f"config `figures`, entry {figure_id!r}, place {code!r}: unknown admin code; "
                "use a 6-digit code of the 2020s division (China = 100000)"
            )
        name = place_name(indicators, code)
        names.append(name)
        line = as_plotted(
            select(indicators, indicator, code, years, YEAR_END_KINDS, other_kinds=True), figure_id, "year_end"
        )
        census = select(indicators, indicator, code, years, ("census",))
        census = as_plotted(census[~census["year"].isin(line["year"])], figure_id, "census")
        for number, run in enumerate(year_runs(line["year"].tolist())):
            part = line[line["year"].isin(run)]
            axis.plot(
                part["year"],
                part["value"],
                color=COLOURS[colour],
                marker=marker,
                linestyle="-" if len(run) > 1 else "none",
                label=f"{name}, year-end" if number == 0 else None,
            )
        if not census.empty:
            axis.plot(
                census["year"],
                census["value"],
                linestyle="none",
                marker=marker,
                markersize=6.5,
                markerfacecolor="white",
                markeredgecolor=COLOURS[colour],
                markeredgewidth=1.4,
                label=f"{name}, census (1 Nov)",
            )
            for year, value in zip(census["year"], census["value"]):
                axis.annotate(
                    f"{value:.1f}",
                    (year, value),
                    xytext=(6, -3),
                    textcoords="offset points",
                    fontsize=7,
                    color=COLOURS[colour],
                )
        gaps = missing_years(line, years)
        if gaps:
            shown = f"; census value shown for {year_ranges(census['year'].tolist())}" if not census.empty else ""
            missing.append(f"{name}: no year-end value for {year_ranges(gaps)} in any source read{shown}")
        plotted += [line, census]
        alternatives += _other_vintages(indicators, line, name)
    data_rows = pd.concat([p for p in plotted if not p.empty], ignore_index=True)
    if data_rows.empty:
        raise UserError(
            f"figure {figure_id!r}: the panel has no preferred {indicator} rows for {', '.join(codes)} "
            f"in {years[0]}–{years[-1]}; run the harmonize stage or check the entry's places"
        )
    axis.set_xticks(list(range(years[0], years[-1] + 1, 2)))
    axis.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    axis.set_xlabel("year")
    axis.set_ylabel(spec.get("ylabel", data_rows["unit"].iloc[0]))
    axis.legend(loc=spec.get("legend", "lower right"), ncols=2)
    caption = (
        f"{spec['title']}. {spec.get('definition', indicator)}, year-end, {years[0]}–{years[-1]}: "
        f"{', '.join(names)}; preferred vintage of each point. Lines join consecutive year-end values only; "
        "open markers are census counts (1 November) where no year-end value exists."
    )
    if missing:
        caption += " Missing (not interpolated): " + "; ".join(missing) + "."
    if alternatives:
        caption += " Other vintages not plotted: " + "; ".join(alternatives) + "."
    flags = _flag_notes(spec, data.contradicted, codes)
    if flags:
        caption += " " + " ".join(flags) + "."
    alt = (
        f"Chart of {spec.get('definition', indicator)} {years[0]}–{years[-1]} for {', '.join(names)}. "
        + "; ".join(
            f"{place_name(indicators, c)}: " + ", ".join(f"{int(y)} {v:.1f}" for y, v in zip(g["year"], g["value"]))
            for c, g in data_rows.groupby("geo_code", sort=False)
        )
        + "."
    )
    status, reason = ("partial", "; ".join(missing)) if missing else ("rebuilt", "")
    return Drawing(
        figure,
        data_rows,
        caption,
        alt,
        status,
        reason,
        extra={"footer": ("Missing (not interpolated): " + "; ".join(missing) + ".") if missing else ""},
    )
