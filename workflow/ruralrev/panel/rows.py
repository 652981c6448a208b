"""Raw tables flattened into long rows: one row per value with its raw file and row, its panel indicator
(from data/indicator_map.csv), its definition and its value converted to the base unit."""

from __future__ import annotations

import fnmatch
from functools import lru_cache

import numpy as np
import pandas as pd

from ruralrev.errors import UserError
from ruralrev.files import package_data
from ruralrev.panel.gazetteer import CHINA
from ruralrev.panel.tables import table_kind, to_number
from ruralrev.panel.units import factor_to_base, round_published

SKIPPED_COLUMNS = ["file", "row", "name", "reason"]
CENSUS_FILES = ("census_2010_counties.csv", "census_2020_counties.csv")
CENSUS_SOURCE = "GitHub leiii/census data/census/census_county_{year}_v1.xlsx @0ba0f1efae092f4aa6569ef38e53b3bb4d2f0087"
CENSUS_VINTAGE = {
    2010: "6th census yearbook (2010-11-01; leiii/census)",
    2020: "7th census yearbook (2020-11-01; leiii/census)",
}
CENSUS_VALUES = {
    "population": "persons",
    "urban_population": "persons",
    "rural_population": "persons",
    "minority_share_pct": "%",
}


@lru_cache(maxsize=1)
def indicator_map() -> pd.DataFrame:
    """Raw indicator -> panel indicator and definition (first matching row wins)."""
    with package_data("indicator_map.csv").open(encoding="utf-8") as handle:
        return pd.read_csv(handle, dtype=str, keep_default_na=False)


def _flat_rows(name: str, table: pd.DataFrame) -> pd.DataFrame:
    """A national or regional table in the common long layout."""
    national = table_kind(name, list(table.columns)) == "national"
    return pd.DataFrame(
        {
            "raw_file": name,
            "raw_row": np.arange(1, len(table) + 1),
            "raw_indicator": table["indicator"].to_numpy(),
            "raw_name": table["geo" if national else "geo_name"].to_numpy(),
            "raw_code": "" if national else table["geo_code"].to_numpy(),
            "year_text": table["year"].to_numpy(),
            "value_text": table["value"].to_numpy(),
            "unit_text": table["unit"].to_numpy(),
            "vintage": table["vintage"].to_numpy() if "vintage" in table.columns else "",
            "source_ref": table["source_ref"].to_numpy(),
            "note": table["source_note"].to_numpy(),
            "national": national,
        }
    )


def _census_rows(name: str, table: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A census table in the long layout (one row per count), and the rows that have no admin code."""
    year = 2010 if "2010" in name else 2020
    label = table["name"] if year == 2010 else table["county"]
    code = table["admin_code"].copy()
    if year == 2020:
        # The 2020 table keys China (全国) by an empty code.
        code = code.where(~((code == "") & (table["province"] == "全国")), CHINA)
    keep = code != ""
    skipped = pd.DataFrame(
        {
            "file": name,
            "row": np.flatnonzero(~keep) + 1,
            "name": label[~keep].str.strip().to_numpy(),
            "reason": "no admin code in the census table (blank separator, 市辖区/县 group, development zone "
            "or a unit without code); not a unit of the gazetteer",
        }
    )
    parts = []
    for column, unit in CENSUS_VALUES.items():
        parts.append(
            pd.DataFrame(
                {
                    "raw_file": name,
                    "raw_row": np.flatnonzero(keep) + 1,
                    "raw_indicator": column,
                    "raw_name": label[keep].to_numpy(),
                    "raw_code": code[keep].to_numpy(),
                    "year_text": str(year),
                    "value_text": table.loc[keep, column].to_numpy(),
                    "unit_text": unit,
                    "vintage": CENSUS_VINTAGE[year],
                    "source_ref": CENSUS_SOURCE.format(year=year),
                    "note": "blank in the census table (not published)",
                    "national": False,
                }
            )
        )
    return pd.concat(parts, ignore_index=True), skipped


def flatten(tables: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """All raw tables as one long frame of raw rows, plus the census rows that cannot be keyed."""
    parts, skipped = [], []
    for name in sorted(tables):
        if name in CENSUS_FILES:
            rows, skip = _census_rows(name, tables[name])
            parts.append(rows)
            skipped.append(skip)
        else:
            parts.append(_flat_rows(name, tables[name]))
    skipped_frame = pd.concat(skipped, ignore_index=True) if skipped else pd.DataFrame(columns=SKIPPED_COLUMNS)
    return pd.concat(parts, ignore_index=True), skipped_frame


def map_indicators(raw: pd.DataFrame, mapping: pd.DataFrame | None = None) -> pd.DataFrame:
    """Panel indicator, definition and expected unit for every raw row; UserError for an unmapped one."""
    mapping = indicator_map() if mapping is None else mapping
    text = (raw["vintage"] + " " + raw["note"]).str.lower()
    indicator = pd.Series("", index=raw.index)
    definition = pd.Series("", index=raw.index)
    expected = pd.Series("", index=raw.index)
    todo = pd.Series(True, index=raw.index)
    file_names = list(raw["raw_file"].unique())
    for rule in mapping.itertuples(index=False):
        hit = todo & (raw["raw_indicator"] == rule.raw_indicator)
        hit &= raw["raw_file"].isin(fnmatch.filter(file_names, rule.raw_file))
        if rule.raw_year:
            hit &= raw["year_text"] == rule.raw_year
        if rule.text_contains:
            hit &= text.str.contains("|".join(s.lower() for s in rule.text_contains.split("|")), regex=True)
        indicator[hit], definition[hit], expected[hit] = rule.indicator, rule.definition, rule.unit
        todo &= ~hit
    if todo.any():
        first = raw[todo].iloc[0]
        raise UserError(
            f"{first['raw_file']}: data row {first['raw_row']}: indicator {first['raw_indicator']!r} is not in "
            "ruralrev/data/indicator_map.csv; add a row mapping it to a panel indicator and definition"
        )
    return raw.assign(indicator=indicator, definition=definition, expected_unit=expected)


def convert_values(rows: pd.DataFrame) -> pd.DataFrame:
    """Values in base units, their unit, and each value's resolution (its last digit, in base units)."""
    factors = {}
    for unit_text in rows["unit_text"].unique():
        try:
            factors[unit_text] = factor_to_base(unit_text)
        except UserError as error:
            first = rows[rows["unit_text"] == unit_text].iloc[0]
            raise UserError(f"{first['raw_file']}: data row {first['raw_row']}, column 'unit': {error}") from None
    factor = rows["unit_text"].map(lambda u: factors[u][0])
    base = rows["unit_text"].map(lambda u: factors[u][1])
    # A per-capita indicator published in yuan is yuan per person: the indicator says "per capita".
    base = base.where(~((base == "yuan") & (rows["expected_unit"] == "yuan/person")), "yuan/person")
    wrong = (rows["expected_unit"] != "") & (base != rows["expected_unit"])
    if wrong.any():
        first = rows[wrong].iloc[0]
        raise UserError(
            f"{first['raw_file']}: data row {first['raw_row']}, column 'unit': {first['unit_text']!r} is not a unit "
            f"of {first['indicator']} (expected {first['expected_unit']}); correct the unit or indicator_map.csv"
        )
    decimals = rows["value_text"].str.extract(r"\.(\d+)$", expand=False).fillna("").str.len()
    raw_values = to_number(rows["value_text"])
    # Rounded to the published precision: a person writes 13364000000, not 13363999999.999998.
    values = [round_published(v * f, int(d), f) for v, d, f in zip(raw_values, decimals, factor)]
    return rows.assign(
        value=np.array(values, dtype=float), unit=base, resolution=factor * np.power(10.0, -decimals.astype(float))
    )


def parse_years(year_text: pd.Series) -> pd.Series:
    """Year as an integer; a window "2010-2015" counts as its last year; empty stays missing."""
    last = year_text.str.extract(r"(\d{4})$", expand=False)
    return pd.to_numeric(last, errors="coerce").astype("Int64")
