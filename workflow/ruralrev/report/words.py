"""Words for codes: indicator names and source references as a reader sees them."""

from __future__ import annotations

import pandas as pd

# Labels where the indicator name alone reads badly; others are its words with the first capitalised.
LABELS = {
    "gdp": "GDP",
    "gdp_per_capita": "GDP per capita",
    "land_area": "Land area",
    "urbanization_rate": "Urbanization rate",
    "urbanization_rate_change": "Change of the urbanization rate",
    "poverty_fund_central": "Central special poverty-alleviation fund",
    "linkage_fund_central": "Central linkage fund for rural revitalization",
    "elevation_range_max": "Elevation, highest",
    "elevation_range_min": "Elevation, lowest",
    "elevation_max": "Elevation, highest",
    "elevation_min": "Elevation, lowest",
    "cultivated_land_slope_gt25deg": "Cultivated land on slopes over 25°",
}


def indicator_label(indicator) -> str:
    """'rural_population' -> 'Rural population'; known abbreviations kept."""
    if not isinstance(indicator, str) or not indicator:
        return "indicator not identified"
    if indicator in LABELS:
        return LABELS[indicator]
    words = indicator.replace("_", " ")
    return words[:1].upper() + words[1:]


def source_ref(row: pd.Series) -> str:
    """'W29 · national_poverty_fund.csv, row 7', or the derivation's inputs for a derived value."""
    if row.get("source") == "derived":
        return f"derived · {row.get('derivation', '')}"
    raw_row = row.get("raw_row")
    where = f", row {int(raw_row)}" if pd.notna(raw_row) else ""
    return f"{row.get('source')} · {row.get('raw_file')}{where}"
