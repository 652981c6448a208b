"""Series for figures: the preferred panel rows of one indicator and place, in plotted units with provenance."""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from ruralrev import plotstyle
from ruralrev.errors import UserError
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


def vintages_text(rows: pd.DataFrame) -> str:
    return " | ".join(sorted({str(v) for v in rows["vintage"].dropna() if str(v)}))


def label_bars(axis, xs, heights) -> None:
    for x, height in zip(xs, heights):
        axis.text(x, height, f"{height:,.1f}", ha="center", va="bottom", fontsize=7.5)


def require(rows: pd.DataFrame, figure_name: str, series: str) -> None:
    if rows.empty:
        raise UserError(f"figure {figure_name!r}: the panel has no preferred rows for {series}; "
                        "run the harmonize stage or check data/processed/indicators.csv")

