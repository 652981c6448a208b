"""The coupling's inputs from the panel: preferred annual or year-end rows of each configured indicator,
ratios (`per`) computed where numerator and denominator share a place and year, and the wide table of a
sample (places x years, NaN where the panel has no value)."""

from __future__ import annotations

import pandas as pd

from ruralrev.coupling.checks import SUBSYSTEM_KEYS, indicator_name

KINDS = ("year_end", "annual")


def ratios_of(config: dict) -> dict[str, tuple[str, str | None]]:
    """Configured name -> (panel indicator, panel indicator it is divided by, or None)."""
    return {
        indicator_name(item): (item["indicator"], item.get("per"))
        for key in SUBSYSTEM_KEYS
        for item in config["subsystems"][key]
    }


def panel_rows(indicators: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """Preferred annual/year-end rows of the named panel indicators, one per (indicator, geo_code, year)."""
    rows = indicators[
        indicators["indicator"].isin(names)
        & indicators["preferred"].astype(bool)
        & indicators["definition"].isin(KINDS)
        & indicators["value"].notna()
        & indicators["year"].notna()
    ].copy()
    rows["year"] = rows["year"].astype(int)
    rows["geo_code"] = rows["geo_code"].astype(str)
    rows["raw_row"] = rows["raw_row"].astype("string")
    # year_end before annual where an indicator has both (none has in the panel today).
    rows["_kind"] = rows["definition"].map(KINDS.index)
    rows = rows.sort_values(["indicator", "geo_code", "year", "_kind"], kind="stable")
    return rows.drop_duplicates(["indicator", "geo_code", "year"]).drop(columns="_kind").reset_index(drop=True)


def series(indicators: pd.DataFrame, ratios: dict[str, tuple[str, str | None]]) -> pd.DataFrame:
    """Rows of every configured indicator; a ratio is computed where numerator and denominator share a year."""
    wanted = sorted({part for pair in ratios.values() for part in pair if part})
    base = panel_rows(indicators, wanted)
    parts = []
    for name, (numerator, denominator) in ratios.items():
        top = base[base["indicator"] == numerator]
        if not denominator:
            parts.append(top.assign(indicator=name))
            continue
        both = top.merge(base[base["indicator"] == denominator], on=["geo_code", "year"], suffixes=("", "_per"))
        joined = {
            column: both[column].astype(str) + ";" + both[f"{column}_per"].astype(str)
            for column in ("vintage", "raw_file", "raw_row")
        }
        # Two sources for one value: both ids, in numerator/denominator order.
        source = (
            both["source"]
            .astype(str)
            .where(
                both["source"] == both["source_per"], both["source"].astype(str) + ";" + both["source_per"].astype(str)
            )
        )
        parts.append(
            both.assign(
                indicator=name,
                value=both["value"] / both["value_per"],
                source=source,
                unit=both["unit"] + "/" + both["unit_per"],
                **joined,
            )[top.columns]
        )
    return pd.concat(parts, ignore_index=True) if parts else base.iloc[0:0]


def wide_table(rows: pd.DataFrame, codes: list[str], years: range, names: list[str]) -> pd.DataFrame:
    """Values on the full grid of places x years (NaN where the panel has none)."""
    grid = pd.MultiIndex.from_product([codes, list(years)], names=["geo_code", "year"])
    here = rows[rows["geo_code"].isin(codes) & rows["year"].isin(list(years))]
    wide = here.pivot(index=["geo_code", "year"], columns="indicator", values="value")
    return wide.reindex(index=grid, columns=names)
