"""Urbanization rate of several places over time: year-end lines, census markers, gaps kept as gaps."""

from __future__ import annotations

import pandas as pd

from ruralrev import plotstyle
from ruralrev.errors import UserError
from ruralrev.figures.series import (
    COLOURS, YEAR_END_KINDS, Drawing, as_plotted, definition_kind, missing_years, select, year_ranges,
)
from ruralrev.geo import boundaries
from ruralrev.years import year_runs

PLACE_STYLES = (("blue", "o"), ("orange", "s"), ("green", "^"), ("vermillion", "D"), ("purple", "v"), ("sky_blue", "P"))


def _other_vintages(indicators: pd.DataFrame, plotted: pd.DataFrame, name: str) -> list[str]:
    """Non-preferred rows for plotted points whose value differs: listed so the reader sees revisions."""
    others = indicators[
        (indicators["indicator"] == "urbanization_rate") & ~indicators["preferred"].astype(bool)
        & indicators["value"].notna()
    ]
    notes: list[str] = []
    for _, point in plotted.iterrows():
        same = others[(others["geo_code"].astype(str) == point["geo_code"])
                      & (pd.to_numeric(others["year"], errors="coerce").astype(float) == point["year"])
                      & (others["definition"].map(definition_kind) == definition_kind(point["definition"]))]
        differing = same[same["value"].astype(float).round(2) != round(float(point["value"]), 2)]
        for value, group in differing.groupby(differing["value"].astype(float).round(2), sort=True):
            vintages = "; ".join(sorted(set(group["vintage"].astype(str))))
            notes.append(f"{name} {point['year']}: {value:.2f} ({vintages}) vs plotted {point['value']:.2f}")
    return notes


def _place_names(places: tuple[str, ...] | list[str]) -> list[tuple[str, str]]:
    """(code, display name) of each place; a UserError for unknown codes or more places than styles."""
    if not 1 <= len(places) <= len(PLACE_STYLES):
        raise UserError(f"figure 'urbanization_rate': give 1 to {len(PLACE_STYLES)} places, got {len(places)}; "
                        "edit urbanization_figure_places in the config")
    named = []
    for code in places:
        code = str(code).strip()
        try:
            named.append((code, boundaries.resolve(code).display_name))
        except UserError as error:
            raise UserError(f"figure 'urbanization_rate', place {code!r}: {error}") from None
    return named


def urbanization_rate(indicators: pd.DataFrame, places: tuple[str, ...] | list[str]) -> Drawing:
    """Urbanization rate of the places (config: urbanization_figure_places) 2010–2022; gaps stay gaps."""
    years = range(2010, 2023)
    named = _place_names(places)
    figure = plotstyle.new_figure()
    axis = figure.add_subplot()
    plotted, missing, alternatives = [], [], []
    for (geo_code, name), (colour, marker) in zip(named, PLACE_STYLES):
        line = select(indicators, "urbanization_rate", geo_code, years, YEAR_END_KINDS, other_kinds=True)
        census = select(indicators, "urbanization_rate", geo_code, years, ("census",))
        census = census[~census["year"].isin(line["year"])]
        line_data, census_data = as_plotted(line, "urbanization_rate"), as_plotted(census, "urbanization_rate")
        for number, run in enumerate(year_runs(line_data["year"].tolist())):
            part = line_data[line_data["year"].isin(run)]
            axis.plot(part["year"], part["value"], color=COLOURS[colour], marker=marker, label=name if number == 0 else None)
        if not census_data.empty:
            axis.plot(census_data["year"], census_data["value"], linestyle="none", marker=marker, markerfacecolor="white",
                      markeredgecolor=COLOURS[colour], markeredgewidth=1.3, label=f"{name}, census (1 Nov)")
        gaps = missing_years(line_data, years)
        if gaps:
            shown = f"; census value shown for {year_ranges(census_data['year'].tolist())}" if not census_data.empty else ""
            missing.append(f"{name}: no year-end value for {year_ranges(gaps)}{shown}")
        alternatives += _other_vintages(indicators, line_data, name)
        plotted += [line_data, census_data]
    data = pd.concat(plotted, ignore_index=True)
    if data.empty:
        wanted = ", ".join(f"{name} ({code})" for code, name in named)
        raise UserError(f"figure 'urbanization_rate': the panel has no preferred urbanization_rate rows for {wanted} "
                        "in 2010–2022; run the harmonize stage or check urbanization_figure_places")
    axis.set_xticks(list(range(2010, 2023, 2)))
    axis.set_xlim(2009.5, 2022.5)
    axis.set_ylabel("urban share of resident population (%)")
    axis.set_title("Urbanization rate, 2010–2022")
    axis.legend(loc="lower right", ncols=2)
    caption = ("Urbanization rate (urban share of the resident population, %), year-end, 2010–2022: "
               f"{', '.join(name for _, name in named)}; preferred vintage of each point. "
               "Lines join consecutive years only; open markers are census "
               "counts (1 November) where no year-end value exists.")
    if missing:
        caption += " Missing (gaps, not interpolated): " + "; ".join(missing) + "."
    if alternatives:
        caption += " Other vintages not plotted: " + "; ".join(alternatives) + "."
    return Drawing(figure, data, caption)

