"""Series for figures: the preferred panel rows of one indicator and place, in plotted units with provenance.

Rows flagged contradicted in the config (`figure_contradicted`: raw file and row) never reach a figure,
nor do derived rows computed from them; the caption names them instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from ruralrev.errors import UserError
from ruralrev.palette import PALETTE
from ruralrev.years import year_runs

CHINA = "100000"
PLOTTED_COLUMNS = [
    "figure",
    "role",
    "geo_code",
    "geo_name",
    "indicator",
    "definition",
    "year",
    "value",
    "unit",
    "vintage",
    "source",
    "raw_file",
    "raw_row",
    "derivation",
    "note",
]
# Panel base unit -> (factor to the plotted unit, plotted unit).
PLOT_UNITS = {
    "person": (1e-6, "million persons"),
    "yuan": (1e-9, "billion yuan"),
    "percent": (1.0, "%"),
    "yuan/person": (1.0, "yuan per person"),
    "ratio": (1.0, "ratio"),
}
YEAR_END_KINDS = ("year_end", "annual")
NOT_ANNUAL = ("census", "cumulative")
COLOURS = PALETTE
INPUT = re.compile(r"([\w.-]+\.csv) row (\d+)")


@dataclass
class Drawing:
    """What a figure kind returns: the matplotlib figure (None for tables), the plotted rows and the texts."""

    figure: object
    plotted: pd.DataFrame
    caption: str
    alt: str
    status: str = "rebuilt"
    reason: str = ""
    extra: dict = field(default_factory=dict)  # kind-specific outputs (tables: html)


def definition_kind(definition: object) -> str:
    """Coarse kind of a panel definition: 'census', 'cumulative', 'year_end', 'annual' or the normalised text."""
    text = str(definition).strip().lower().replace("-", "_").replace(" ", "_")
    for kind in ("census", "cumulative", "year_end", "annual"):
        if kind in text:
            return kind
    return text


def drop_contradicted(indicators: pd.DataFrame, contradicted: list[dict]) -> pd.DataFrame:
    """The panel without the rows flagged contradicted and without derived rows that used one as input."""
    if not contradicted:
        return indicators
    flagged = {(str(item["raw_file"]), int(item["raw_row"])) for item in contradicted}
    own = [
        (str(f), int(r)) in flagged if pd.notna(r) else False
        for f, r in zip(indicators["raw_file"], indicators["raw_row"])
    ]
    used = [any((f, int(r)) in flagged for f, r in INPUT.findall(str(d))) for d in indicators["derivation"].fillna("")]
    return indicators[~(pd.Series(own, index=indicators.index) | pd.Series(used, index=indicators.index))]


def select(
    indicators: pd.DataFrame,
    indicator: str,
    geo_code: str,
    years: range,
    kinds: tuple[str, ...],
    *,
    other_kinds: bool = False,
    preferred: bool = True,
) -> pd.DataFrame:
    """Preferred rows of one series, one per year: the first kind in `kinds` wins; missing years stay absent.

    With other_kinds, definitions outside `kinds` are accepted after them, except census counts and
    multi-year totals, which are never points of an annual series.
    """
    rows = indicators[
        (indicators["indicator"] == indicator)
        & (indicators["geo_code"].astype(str) == str(geo_code))
        & indicators["year"].isin(list(years))
        & (indicators["preferred"].astype(bool) == preferred)
        & indicators["value"].notna()
    ].copy()
    rows["kind"] = rows["definition"].map(definition_kind)
    rank = {kind: position for position, kind in enumerate(kinds)}
    rows["rank"] = rows["kind"].map(
        lambda kind: rank.get(kind, len(kinds) if other_kinds and kind not in NOT_ANNUAL else None)
    )
    rows = rows.dropna(subset=["rank"]).sort_values(["year", "rank", "definition"])
    if preferred:
        rows = rows.drop_duplicates("year")
    return rows.drop(columns=["rank", "kind"]).reset_index(drop=True)


def as_plotted(rows: pd.DataFrame, figure_id: str, role: str) -> pd.DataFrame:
    """The rows in plotted units with their provenance, in the column order of the figure CSV."""
    if rows.empty:
        return pd.DataFrame(columns=PLOTTED_COLUMNS)
    out = rows.copy()
    for base_unit in out["unit"].unique():
        if base_unit not in PLOT_UNITS:
            raise UserError(
                f"figure {figure_id!r}: indicators has unit {base_unit!r}, expected one of "
                f"{sorted(PLOT_UNITS)}; check the harmonize stage's unit conversion"
            )
    # Rounded to 6 decimals only to drop float noise of the scaling (146.10000000000002 -> 146.1).
    out["value"] = [round(value * PLOT_UNITS[unit][0], 6) for value, unit in zip(out["value"], out["unit"])]
    out["unit"] = out["unit"].map(lambda unit: PLOT_UNITS[unit][1])
    out["figure"], out["role"] = figure_id, role
    for column in PLOTTED_COLUMNS:
        if column not in out:
            out[column] = pd.NA
    out["year"] = out["year"].astype(int)
    out["raw_row"] = pd.to_numeric(out["raw_row"], errors="coerce").astype("Int64")
    return out[PLOTTED_COLUMNS].reset_index(drop=True)


def year_ranges(years: list[int]) -> str:
    """Compact list of years: [2011, 2012, 2013, 2021] -> '2011–2013, 2021'."""
    runs = year_runs(sorted(int(y) for y in years))
    return ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 1 else f"{run[0]}" for run in runs)


def missing_years(rows: pd.DataFrame, years: range) -> list[int]:
    """Years of the range without a row."""
    return sorted(set(years) - set(rows["year"].astype(int)))


def years_of(spec: dict) -> range:
    """The inclusive year range [first, last] of a registry entry."""
    first, last = spec["years"]
    return range(int(first), int(last) + 1)


def place_name(indicators: pd.DataFrame, geo_code: str) -> str:
    """The panel's display name of a place (English where known)."""
    names = indicators.loc[indicators["geo_code"].astype(str) == str(geo_code), "geo_name"].dropna()
    return str(names.iloc[0]) if not names.empty else str(geo_code)


def label_bars(axis, xs, heights, fmt: str = "{:,.1f}") -> None:
    """Value labels on top of bars."""
    for x, height in zip(xs, heights):
        axis.text(x, height, fmt.format(height), ha="center", va="bottom", fontsize=7)


def require(rows: pd.DataFrame, figure_id: str, series: str) -> None:
    """A UserError naming the series when the panel has none of it."""
    if rows.empty:
        raise UserError(
            f"figure {figure_id!r}: the panel has no preferred rows for {series}; "
            "run the harmonize stage or check the figure's entry in config `figures`"
        )
