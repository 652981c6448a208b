"""National figures of the Batang paper: China's rural population and the central poverty funds."""

from __future__ import annotations

import pandas as pd

from ruralrev.figures.series import (
    CHINA, COLOURS, NOT_ANNUAL, YEAR_END_KINDS, Drawing, as_plotted, label_bars, missing_years, require, select,
    vintages_text, year_ranges,
)
from ruralrev import plotstyle

def rural_population(indicators: pd.DataFrame) -> Drawing:
    """China's rural population 2017–2021, year-end bars, with the 7th-census count marked apart."""
    years = range(2017, 2022)
    year_end = select(indicators, "rural_population", CHINA, years, YEAR_END_KINDS)
    require(year_end, "rural_population", "rural_population, China (100000), year-end 2017–2021")
    census = select(indicators, "rural_population", CHINA, range(2020, 2021), ("census",))
    bars, point = as_plotted(year_end, "rural_population"), as_plotted(census, "rural_population")
    figure = plotstyle.new_figure()
    axis = figure.add_subplot()
    axis.bar(bars["year"], bars["value"], width=0.6, color=COLOURS["blue"], label="year-end (31 Dec)")
    label_bars(axis, bars["year"], bars["value"])
    notes = []
    if not point.empty:
        value = point["value"].iloc[0]
        axis.plot([2020.45], [value], marker="D", markersize=6, markerfacecolor="white", linestyle="none",
                  markeredgecolor=COLOURS["vermillion"], markeredgewidth=1.5, label="7th census count (1 Nov 2020)")
        axis.annotate(f"census\n{value:,.1f}", (2020.45, value), xytext=(2020.45, value * 0.80), ha="center",
                      fontsize=7, color=COLOURS["vermillion"],
                      arrowprops={"arrowstyle": "-", "color": COLOURS["vermillion"], "lw": 0.6})
    else:
        notes.append("The 2020 census count is not in the panel and is not shown.")
    axis.set_xticks(list(years))
    axis.set_ylabel("million persons")
    axis.set_ylim(0, max(bars["value"].max(), point["value"].max() if not point.empty else 0) * 1.25)
    axis.set_title("Rural population of China, 2017–2021")
    axis.legend(loc="upper right", ncols=2)
    gaps = missing_years(year_end, years)
    if gaps:
        notes.append(f"No year-end value in the panel for {year_ranges(gaps)} (left empty).")
    caption = ("Rural population of China at year-end, 2017–2021, in million persons "
               f"(series: {vintages_text(year_end)}). The 7th census count (reference date 1 November 2020) "
               "is a different measure and is marked separately, not joined to the year-end bars. " + " ".join(notes))
    return Drawing(figure, pd.concat([bars, point], ignore_index=True), caption.strip())


def poverty_fund(indicators: pd.DataFrame) -> Drawing:
    """Central special poverty-alleviation funds 2016–2020 and, set apart, the 2021 successor fund."""
    fund = select(indicators, "poverty_fund_central", CHINA, range(2016, 2021), YEAR_END_KINDS, other_kinds=True)
    require(fund, "poverty_fund", "poverty_fund_central, China (100000), 2016–2020")
    successor = select(indicators, "linkage_fund_central", CHINA, range(2021, 2022), YEAR_END_KINDS, other_kinds=True)
    bars, linkage = as_plotted(fund, "poverty_fund"), as_plotted(successor, "poverty_fund")
    figure = plotstyle.new_figure()
    axis = figure.add_subplot()
    axis.bar(bars["year"], bars["value"], width=0.6, color=COLOURS["blue"], label="central special poverty-alleviation fund")
    label_bars(axis, bars["year"], bars["value"])
    axis.axvline(2020.5, color=COLOURS["grey"], linestyle="--", linewidth=0.8)
    top = max(bars["value"].max(), linkage["value"].max() if not linkage.empty else 0) * 1.32
    if not linkage.empty:
        axis.bar(linkage["year"], linkage["value"], width=0.6, facecolor="white", edgecolor=COLOURS["orange"],
                 hatch="///", linewidth=1.2, label="linkage fund (successor, different programme)")
        label_bars(axis, linkage["year"], linkage["value"])
        note = "2021: successor\nfund, a different\nprogramme"
    else:
        note = "2021: successor\nfund, not in\nthe panel"
    axis.text(2020.55, top * 0.98, note, fontsize=7, va="top", color="#4D4D4D")
    axis.set_xticks(list(range(2016, 2022)))
    axis.set_ylim(0, top)
    axis.set_ylabel("billion yuan")
    axis.set_title("Central government poverty funds, 2016–2021")
    axis.legend(loc="upper left")
    notes = []
    gaps = missing_years(fund, range(2016, 2021))
    if gaps:
        notes.append(f"No value in the panel for {year_ranges(gaps)} (left empty).")
    if linkage.empty:
        notes.append("The 2021 successor fund is not in the panel and is left empty.")
    caption = ("Central special poverty-alleviation funds (中央财政专项扶贫资金), 2016–2020, in billion yuan. "
               "From 2021 the central budget funds a successor, the linkage fund for consolidating poverty-alleviation "
               "gains and rural revitalization (衔接推进乡村振兴补助资金): a different programme, drawn hatched "
               "and to the right of the dashed line; the two are not one series. " + " ".join(notes))
    return Drawing(figure, pd.concat([bars, linkage], ignore_index=True), caption.strip())

