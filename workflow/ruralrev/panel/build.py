"""The harmonized indicator panel: every raw table row as (place, indicator, year, value in base units).

Indicator vocabulary (full list with definitions in `data/indicator_map.csv`):
total_population, urban_population, rural_population (person; definition census or year_end),
urbanization_rate (percent), urbanization_rate_change (percentage_point, annual: from the previous
year), urbanization_rate_change_2010_2020 (percentage_point, census: 6th to 7th census, dated 2020),
poverty_headcount (rural poor, 2010 standard), poverty_incidence,
poverty_reduction (annual), poverty_fund_central (中央财政专项扶贫资金), linkage_fund_central
(衔接推进乡村振兴补助资金, 2021+), disposable_income_urban / _rural / _all (yuan/person),
net_income_rural_old_basis, urban_rural_income_ratio, gdp, gdp_per_capita, primary_industry_share,
land_area (km2), cultivated_land_area (ha), grain_output (t), grain_sown_area (ha), and the
study-area facts (elevation_*, towns, townships, ...). Multi-year totals carry their window in the
name (poverty_fund_central_2011_2015). `definition` is one of year_end, census, annual,
cumulative, unspecified.
"""

from __future__ import annotations

import fnmatch
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ruralrev.errors import UserError
from ruralrev.files import package_data
from ruralrev.panel import derive, vintages
from ruralrev.panel.crosswalk import build_crosswalk, code_2020_of, reused_rows
from ruralrev.panel.datapackage import validate_outputs
from ruralrev.panel.gazetteer import CHINA, NameResolver, build_gazetteer, english_or_chinese
from ruralrev.panel.sources import identify_source, parse_sources
from ruralrev.panel.tables import read_tables, table_kind, to_number
from ruralrev.panel.units import factor_to_base, round_published

PANEL_COLUMNS = [
    "geo_code",
    "geo_name",
    "indicator",
    "year",
    "value",
    "unit",
    "vintage",
    "definition",
    "source",
    "preferred",
    "raw_file",
    "raw_row",
    "derivation",
    "geo_code_original",
    "note",
]
MISSING_COLUMNS = ["file", "row", "indicator", "geo", "note"]
SKIPPED_COLUMNS = ["file", "row", "name", "reason"]
DEFINITIONS = ("year_end", "census", "annual", "cumulative", "unspecified")
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
        value=np.array(values, dtype=float),
        unit=base,
        resolution=factor * np.power(10.0, -decimals.astype(float)),
    )


def parse_years(year_text: pd.Series) -> pd.Series:
    """Year as an integer; a window "2010-2015" counts as its last year; empty stays missing."""
    last = year_text.str.extract(r"(\d{4})$", expand=False)
    return pd.to_numeric(last, errors="coerce").astype("Int64")


def locate(
    rows: pd.DataFrame, resolver: NameResolver, code_2020: dict[str, str], current: set[str] = frozenset()
) -> pd.DataFrame:
    """geo_code of every row (2010 codes carried to 2020) and geo_code_original as published.

    The 6th-census rows follow the crosswalk for every code; any other row's code is carried only
    when it is no longer in use (`current`), since a code in use denotes its 2020 unit there.
    """
    resolved = {}
    for first in rows.drop_duplicates(["raw_name", "raw_code"]).itertuples(index=False):
        where = f"{first.raw_file}: data row {first.raw_row}"
        resolved[(first.raw_name, first.raw_code)] = resolver.resolve(first.raw_name, first.raw_code, where=where)
    codes = [resolved[key] for key in zip(rows["raw_name"], rows["raw_code"])]
    codes = pd.Series(codes, index=rows.index)
    census_2010 = rows["raw_file"] == CENSUS_FILES[0]
    carried = [code_2020_of_code(c, code_2020) if old or c not in current else c for c, old in zip(codes, census_2010)]
    return rows.assign(geo_code=carried, geo_code_original=rows["raw_code"])


def code_2020_of_code(code: str, code_2020: dict[str, str]) -> str:
    """The 2020 code of a unit (itself when it did not change or is unmatched)."""
    return code_2020.get(code, code)


def build_panel(
    tables: dict[str, pd.DataFrame],
    gazetteer: pd.DataFrame,
    vintage_preference: dict[str, list[str]] | None = None,
    sources: pd.DataFrame | None = None,
) -> dict[str, pd.DataFrame]:
    """indicators, conflicts, crosswalk, gazetteer, missing and skipped frames from validated raw tables."""
    preference = vintages.DEFAULT_VINTAGE_PREFERENCE if vintage_preference is None else vintage_preference
    census_2010, census_2020 = tables[CENSUS_FILES[0]], tables[CENSUS_FILES[1]]
    crosswalk = build_crosswalk(census_2010, census_2020, gazetteer)
    resolver = NameResolver(gazetteer, census_2010, census_2020)

    raw, skipped = flatten(tables)
    # 6th-census rows whose code now denotes another territory leave the panel for skipped.csv.
    reused = reused_rows(raw, crosswalk, CENSUS_FILES[0])
    skipped = pd.concat([skipped, reused[SKIPPED_COLUMNS].drop_duplicates(["file", "row"])], ignore_index=True)
    raw = raw.drop(index=reused["index"].tolist())
    raw = map_indicators(raw)
    empty = raw["value_text"].str.strip() == ""
    missing = pd.DataFrame(
        {
            "file": raw.loc[empty, "raw_file"],
            "row": raw.loc[empty, "raw_row"],
            "indicator": raw.loc[empty, "indicator"],
            "geo": raw.loc[empty, "raw_code"]
            .where(raw.loc[empty, "raw_code"] != "", raw.loc[empty, "raw_name"])
            .str.strip(),
            "note": raw.loc[empty, "note"],
        },
        columns=MISSING_COLUMNS,
    )
    rows = convert_values(raw[~empty].copy())
    current = set(gazetteer.loc[gazetteer["in_cnmaps"] | gazetteer["in_census_2020"], "admin_code"])
    rows = locate(rows, resolver, code_2020_of(crosswalk), current)
    # The panel note is the raw table's source_note verbatim; census tables have none.
    rows["note"] = rows["note"].where(~rows["raw_file"].isin(CENSUS_FILES), "")
    rows["year"] = parse_years(rows["year_text"])
    rows = _attach_sources(rows, sources)
    rows["derivation"] = ""

    census = rows[rows["raw_file"].isin(CENSUS_FILES)]
    rates = derive.census_urbanization_rates(census)
    changes = derive.census_rate_changes(rates)
    panel = pd.concat([rows, rates, changes], ignore_index=True)
    panel = vintages.choose_preferred(panel, preference)
    ratios = derive.income_ratios(panel)
    if not ratios.empty:
        panel = vintages.choose_preferred(pd.concat([panel, ratios], ignore_index=True), preference)

    names = english_or_chinese(gazetteer)
    panel["geo_name"] = panel["geo_code"].map(names).fillna("")
    conflicts = vintages.find_conflicts(panel)
    indicators = _finish(panel)
    return validate_outputs(
        {
            "indicators": indicators,
            "conflicts": conflicts,
            "crosswalk": crosswalk,
            "gazetteer": gazetteer,
            "missing": missing.sort_values(["file", "row"]).reset_index(drop=True),
            "skipped": skipped.sort_values(["file", "row"]).reset_index(drop=True),
        }
    )


def _attach_sources(rows: pd.DataFrame, sources: pd.DataFrame | None) -> pd.DataFrame:
    """Source id and reliability per row; the regional tables' vintage from their source."""
    refs = rows[["source_ref", "national"]].drop_duplicates()
    known = {}
    for ref, national in refs.itertuples(index=False):
        known[(ref, national)] = identify_source(ref, sources, national) if sources is not None else (ref, 2.0)
    ids = [known[key] for key in zip(rows["source_ref"], rows["national"])]
    rows = rows.assign(source=[i for i, _ in ids], reliability=[r for _, r in ids])
    # Regional tables have no vintage column: the vintage follows from the kind of source.
    no_vintage = rows["vintage"] == ""
    regional_vintage = np.select(
        [rows["source"] == "S01", rows["source"] == "S02"],
        [
            rows["year"].map(CENSUS_VINTAGE).fillna("census yearbook (leiii/census)"),
            "provincial yearbook series (S02 third-party compilation)",
        ],
        default="as published",
    )
    return rows.assign(vintage=rows["vintage"].where(~no_vintage, regional_vintage))


def _finish(panel: pd.DataFrame) -> pd.DataFrame:
    out = panel[PANEL_COLUMNS].copy()
    out["year"] = out["year"].astype("Int64")
    out["raw_row"] = out["raw_row"].astype("Int64")
    out["preferred"] = out["preferred"].astype(bool)
    out["value"] = out["value"].astype(float)
    out = out.sort_values(
        ["indicator", "geo_code", "year", "definition", "vintage", "raw_file", "raw_row"],
        na_position="first",
        kind="stable",
    )
    return out.reset_index(drop=True)


def build_from_dir(
    tables_dir: Path, sources_paths: list[Path] = (), vintage_preference: dict[str, list[str]] | None = None
) -> dict[str, pd.DataFrame]:
    """Read and validate every raw table in `tables_dir`, grade rows by the SOURCES*.md files given, build the panel."""
    tables_dir = Path(tables_dir)
    tables = read_tables(tables_dir)
    for name in CENSUS_FILES:
        if name not in tables:
            raise UserError(f"{tables_dir}: {name} is missing; restore it from data/raw (see SOURCES.md)")
    parsed = [parse_sources(Path(path).read_text(encoding="utf-8")) for path in sources_paths]
    sources = pd.concat(parsed, ignore_index=True) if parsed else None
    gazetteer = build_gazetteer(tables[CENSUS_FILES[0]], tables[CENSUS_FILES[1]])
    return build_panel(tables, gazetteer, vintage_preference, sources=sources)
