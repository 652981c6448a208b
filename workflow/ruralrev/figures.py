"""The papers' figures redrawn from the harmonized panel: PNG, SVG, the plotted data as CSV, a caption."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Callable, NamedTuple

import pandas as pd

from ruralrev import geo, plotstyle
from ruralrev.errors import UserError
from ruralrev.files import write_csv
from ruralrev.years import year_runs

CHINA = "100000"
PLOTTED_COLUMNS = [
    "geo_code", "indicator", "definition", "year", "value", "unit", "vintage", "source",
    "raw_file", "raw_row", "derivation",
]
# Panel base unit -> (factor to the plotted unit, plotted unit).
PLOT_UNITS = {"person": (1e-6, "million persons"), "yuan": (1e-9, "billion yuan"), "percent": (1.0, "percent")}
YEAR_END_KINDS = ("year_end", "annual")
NOT_ANNUAL = ("census", "cumulative")
COLOURS = plotstyle.PALETTE


class Drawing(NamedTuple):
    figure: object
    plotted: pd.DataFrame
    caption: str


def definition_kind(definition: object) -> str:
    """Coarse kind of a panel definition: 'census', 'cumulative', 'year_end', 'annual' or the normalised text."""
    text = str(definition).strip().lower().replace("-", "_").replace(" ", "_")
    for kind in ("census", "cumulative", "year_end", "annual"):
        if kind in text:
            return kind
    return text


def select(indicators: pd.DataFrame, indicator: str, geo_code: str, years: range,
           kinds: tuple[str, ...], *, other_kinds: bool = False) -> pd.DataFrame:
    """Preferred rows of one series, one per year: the first kind in `kinds` wins; missing years stay absent.

    With other_kinds, definitions outside `kinds` are accepted after them, except census counts and
    multi-year totals, which are never points of an annual series.
    """
    rows = indicators[
        (indicators["indicator"] == indicator)
        & (indicators["geo_code"].astype(str) == geo_code)
        & indicators["year"].isin(list(years))
        & indicators["preferred"].astype(bool)
        & indicators["value"].notna()
    ].copy()
    rows["kind"] = rows["definition"].map(definition_kind)
    rank = {kind: position for position, kind in enumerate(kinds)}
    rows["rank"] = rows["kind"].map(lambda kind: rank.get(kind, len(kinds) if other_kinds and kind not in NOT_ANNUAL else None))
    rows = rows.dropna(subset=["rank"]).sort_values(["year", "rank", "definition"])
    return rows.drop_duplicates("year").drop(columns=["rank"]).reset_index(drop=True)


def as_plotted(rows: pd.DataFrame, figure_name: str) -> pd.DataFrame:
    """The rows in plotted units with their provenance, in the column order of the figure CSV."""
    if rows.empty:
        return pd.DataFrame(columns=PLOTTED_COLUMNS)
    out = rows.copy()
    for base_unit in out["unit"].unique():
        if base_unit not in PLOT_UNITS:
            raise UserError(f"figure {figure_name!r}: indicators has unit {base_unit!r}, expected one of "
                            f"{sorted(PLOT_UNITS)}; check the harmonize stage's unit conversion")
    # Rounded to 6 decimals only to drop float noise of the scaling (146.10000000000002 -> 146.1).
    out["value"] = [round(value * PLOT_UNITS[unit][0], 6) for value, unit in zip(out["value"], out["unit"])]
    out["unit"] = out["unit"].map(lambda unit: PLOT_UNITS[unit][1])
    for column in PLOTTED_COLUMNS:
        if column not in out:
            out[column] = pd.NA
    out["year"] = out["year"].astype(int)
    out["raw_row"] = pd.to_numeric(out["raw_row"], errors="coerce").astype("Int64")
    return out[PLOTTED_COLUMNS]


def year_ranges(years: list[int]) -> str:
    """Compact list of years: [2011, 2012, 2013, 2021] -> '2011–2013, 2021'."""
    runs = year_runs(years)
    return ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 1 else f"{run[0]}" for run in runs)


def missing_years(rows: pd.DataFrame, years: range) -> list[int]:
    return sorted(set(years) - set(rows["year"].astype(int)))


def _vintages(rows: pd.DataFrame) -> str:
    return " | ".join(sorted({str(v) for v in rows["vintage"].dropna() if str(v)}))


def _label_bars(axis, xs, heights) -> None:
    for x, height in zip(xs, heights):
        axis.text(x, height, f"{height:,.1f}", ha="center", va="bottom", fontsize=7.5)


def _require(rows: pd.DataFrame, figure_name: str, series: str) -> None:
    if rows.empty:
        raise UserError(f"figure {figure_name!r}: the panel has no preferred rows for {series}; "
                        "run the harmonize stage or check data/processed/indicators.csv")


def rural_population(indicators: pd.DataFrame) -> Drawing:
    """China's rural population 2017–2021, year-end bars, with the 7th-census count marked apart."""
    years = range(2017, 2022)
    year_end = select(indicators, "rural_population", CHINA, years, YEAR_END_KINDS)
    _require(year_end, "rural_population", "rural_population, China (100000), year-end 2017–2021")
    census = select(indicators, "rural_population", CHINA, range(2020, 2021), ("census",))
    bars, point = as_plotted(year_end, "rural_population"), as_plotted(census, "rural_population")
    figure = plotstyle.new_figure()
    axis = figure.add_subplot()
    axis.bar(bars["year"], bars["value"], width=0.6, color=COLOURS["blue"], label="year-end (31 Dec)")
    _label_bars(axis, bars["year"], bars["value"])
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
               f"(series: {_vintages(year_end)}). The 7th census count (reference date 1 November 2020) "
               "is a different measure and is marked separately, not joined to the year-end bars. " + " ".join(notes))
    return Drawing(figure, pd.concat([bars, point], ignore_index=True), caption.strip())


def poverty_fund(indicators: pd.DataFrame) -> Drawing:
    """Central special poverty-alleviation funds 2016–2020 and, set apart, the 2021 successor fund."""
    fund = select(indicators, "poverty_fund_central", CHINA, range(2016, 2021), YEAR_END_KINDS, other_kinds=True)
    _require(fund, "poverty_fund", "poverty_fund_central, China (100000), 2016–2020")
    successor = select(indicators, "linkage_fund_central", CHINA, range(2021, 2022), YEAR_END_KINDS, other_kinds=True)
    bars, linkage = as_plotted(fund, "poverty_fund"), as_plotted(successor, "poverty_fund")
    figure = plotstyle.new_figure()
    axis = figure.add_subplot()
    axis.bar(bars["year"], bars["value"], width=0.6, color=COLOURS["blue"], label="central special poverty-alleviation fund")
    _label_bars(axis, bars["year"], bars["value"])
    axis.axvline(2020.5, color=COLOURS["grey"], linestyle="--", linewidth=0.8)
    top = max(bars["value"].max(), linkage["value"].max() if not linkage.empty else 0) * 1.32
    if not linkage.empty:
        axis.bar(linkage["year"], linkage["value"], width=0.6, facecolor="white", edgecolor=COLOURS["orange"],
                 hatch="///", linewidth=1.2, label="linkage fund (successor, different programme)")
        _label_bars(axis, linkage["year"], linkage["value"])
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


DEFAULT_PLACES = ("100000", "520000", "520200")  # the Liupanshui paper's Figure 1: China, Guizhou, Liupanshui
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
            named.append((code, geo.display_name(code)))
        except UserError as error:
            raise UserError(f"figure 'urbanization_rate', place {code!r}: {error}") from None
    return named


def urbanization_rate(indicators: pd.DataFrame, places: tuple[str, ...] | list[str] = DEFAULT_PLACES) -> Drawing:
    """Urbanization rate of the places (default China, Guizhou, Liupanshui) 2010–2022; gaps stay gaps."""
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


FIGURES: dict[str, Callable[[pd.DataFrame], Drawing]] = {
    "rural_population": rural_population,
    "poverty_fund": poverty_fund,
    "urbanization_rate": urbanization_rate,
}


def render(name: str, indicators: pd.DataFrame, out_dir: Path, **options) -> dict:
    """Draw one figure into out_dir as <name>.png/.svg/.csv; returns the paths, caption and plotted rows.

    options go to the figure function (only urbanization_rate takes one: places, a list of admin codes).
    """
    if name not in FIGURES:
        raise UserError(f"unknown figure {name!r}; choose one of {', '.join(sorted(FIGURES))}")
    accepted = set(inspect.signature(FIGURES[name]).parameters) - {"indicators"}
    if set(options) - accepted:
        raise UserError(f"figure {name!r} takes no option {sorted(set(options) - accepted)}; "
                        f"it accepts {sorted(accepted) or 'none'}")
    out_dir = Path(out_dir)
    with plotstyle.style():
        drawing = FIGURES[name](indicators, **options)
        paths = plotstyle.save(drawing.figure, out_dir / f"{name}.png", out_dir / f"{name}.svg")
    plotted = drawing.plotted.sort_values(["indicator", "geo_code", "definition", "year"]).reset_index(drop=True)
    csv_path = out_dir / f"{name}.csv"
    write_csv(plotted, csv_path)
    return {**paths, "csv": csv_path, "caption": drawing.caption, "plotted": plotted}
