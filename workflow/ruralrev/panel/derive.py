"""Derived indicators, each with its formula and raw inputs in `derivation`.

- urbanization_rate (census): urban_population / total_population * 100 from one census-table row,
  for every coded unit (county, prefecture, province, China) in 2010 and 2020;
- urbanization_rate_change_2010_2020 (census, percentage_point, dated 2020): 2020 rate - 2010 rate
  of one unit, the 2010 row carried to its 2020 code by the crosswalk (a ten-year change, kept apart
  from the year-on-year `urbanization_rate_change`);
- urban_rural_income_ratio (annual, ratio): preferred urban / preferred rural disposable income.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

CHANGE_2010_2020 = "urbanization_rate_change_2010_2020"
NOTES = {
    "urbanization_rate": "computed by ruralrev from the census urban and total counts; not a published rate",
    CHANGE_2010_2020: "computed by ruralrev: 2020 minus 2010 census rate of the same unit; not a published change",
    "urban_rural_income_ratio": "computed by ruralrev from the preferred urban and rural incomes; not a published ratio",
}
CENSUS_VINTAGE = {2010: "derived from 6th census yearbook counts", 2020: "derived from 7th census yearbook counts"}


def _rows(frame: pd.DataFrame, **columns) -> pd.DataFrame:
    out = frame.assign(**columns)
    # The note says in words that the figure is computed; the formula and inputs are in `derivation`.
    out["note"] = NOTES[columns["indicator"]]
    out["source"] = "derived"
    out["reliability"] = 0.0
    out["resolution"] = 0.0
    out["raw_row"] = pd.array([pd.NA] * len(out), dtype="Int64")
    return out


def census_urbanization_rates(census_rows: pd.DataFrame) -> pd.DataFrame:
    """Urbanization rate of every census-table row that has both its urban and total count."""
    counts = census_rows[census_rows["indicator"].isin(["total_population", "urban_population"])]
    wide = counts.pivot_table(
        index=["raw_file", "raw_row", "geo_code", "geo_code_original", "year"],
        columns="indicator",
        values="value",
        aggfunc="first",
    ).reset_index()
    wide = wide.dropna(subset=["total_population", "urban_population"])
    wide = wide[wide["total_population"] > 0]
    rate = wide["urban_population"] / wide["total_population"] * 100
    derivation = (
        "urban_population / total_population * 100; inputs: "
        + wide["raw_file"]
        + " row "
        + wide["raw_row"].astype(int).astype(str)
    )
    return _rows(
        wide[["raw_file", "raw_row", "geo_code", "geo_code_original", "year"]].drop(columns="raw_row"),
        indicator="urbanization_rate",
        value=rate.to_numpy(),
        unit="percent",
        definition="census",
        vintage=wide["year"].map(CENSUS_VINTAGE).to_numpy(),
        derivation=derivation.to_numpy(),
    )


def census_rate_changes(rates: pd.DataFrame) -> pd.DataFrame:
    """2010 -> 2020 change of the census urbanization rate, in percentage points, per 2020 code."""
    by_year = {
        year: rates[rates["year"] == year].drop_duplicates("geo_code").set_index("geo_code") for year in (2010, 2020)
    }
    both = by_year[2020].index.intersection(by_year[2010].index)
    later, earlier = by_year[2020].loc[both], by_year[2010].loc[both]
    change = later["value"] - earlier["value"]
    derivation = (
        "urbanization_rate[2020 census] - urbanization_rate[2010 census]; inputs: "
        + earlier["derivation"].str.split("inputs: ").str[1]
        + ", "
        + later["derivation"].str.split("inputs: ").str[1]
    )
    frame = pd.DataFrame({"geo_code": both, "geo_code_original": later["geo_code_original"].to_numpy()})
    return _rows(
        frame,
        indicator=CHANGE_2010_2020,
        year=2020,
        value=change.to_numpy(),
        unit="percentage_point",
        definition="census",
        vintage="derived from 6th and 7th census yearbook counts",
        raw_file=(earlier["raw_file"] + ";" + later["raw_file"]).to_numpy(),
        derivation=derivation.to_numpy(),
    )


def income_ratios(panel: pd.DataFrame) -> pd.DataFrame:
    """Urban / rural disposable income from the preferred rows, where both exist for a place and year."""
    preferred = panel[
        panel["preferred"] & panel["indicator"].isin(["disposable_income_urban", "disposable_income_rural"])
    ]
    urban = preferred[preferred["indicator"] == "disposable_income_urban"].set_index(["geo_code", "year"])
    rural = preferred[preferred["indicator"] == "disposable_income_rural"].set_index(["geo_code", "year"])
    both = urban.index.intersection(rural.index)
    if both.empty:
        return panel.iloc[0:0]
    urban, rural = urban.loc[both], rural.loc[both]
    derivation = (
        "disposable_income_urban / disposable_income_rural; inputs: "
        + urban["raw_file"]
        + " row "
        + urban["raw_row"].astype(str)
        + ", "
        + rural["raw_file"]
        + " row "
        + rural["raw_row"].astype(str)
    )
    frame = pd.DataFrame(
        {
            "geo_code": both.get_level_values(0),
            "year": both.get_level_values(1),
            "geo_code_original": urban["geo_code_original"].to_numpy(),
        }
    )
    return _rows(
        frame,
        indicator="urban_rural_income_ratio",
        value=(urban["value"] / rural["value"]).to_numpy(),
        unit="ratio",
        definition="annual",
        vintage="derived from preferred disposable incomes",
        raw_file=np.where(
            urban["raw_file"] == rural["raw_file"], urban["raw_file"], urban["raw_file"] + ";" + rural["raw_file"]
        ),
        derivation=derivation.to_numpy(),
    )
