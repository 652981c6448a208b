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

from pathlib import Path

import numpy as np
import pandas as pd

from ruralrev.errors import UserError
from ruralrev.files import read_text
from ruralrev.panel import derive, vintages
from ruralrev.panel.crosswalk import build_crosswalk, code_2020_of, reused_rows
from ruralrev.panel.datapackage import validate_outputs
from ruralrev.panel.gazetteer import NameResolver, build_gazetteer, english_or_chinese
from ruralrev.panel.rows import (
    CENSUS_FILES,
    CENSUS_VINTAGE,
    SKIPPED_COLUMNS,
    convert_values,
    flatten,
    map_indicators,
    parse_years,
)
from ruralrev.panel.sources import SourceIndex, parse_all_sources
from ruralrev.panel.tables import read_tables

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
DEFINITIONS = ("year_end", "census", "annual", "cumulative", "unspecified")


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
    index = SourceIndex(sources) if sources is not None else None
    known = {}
    for ref, national in zip(refs["source_ref"], refs["national"]):
        known[(ref, national)] = index.identify(ref, national) if index is not None else (ref, 2.0)
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
    tables_dir: Path,
    sources_paths: list[Path] = (),
    vintage_preference: dict[str, list[str]] | None = None,
    grades: dict[str, float] | None = None,
) -> dict[str, pd.DataFrame]:
    """Read and validate every raw table in `tables_dir`, match rows to the source ids of the SOURCES*.md files
    given, grade them by the source register's grades (`grades`, id -> score; the notes' own grade words where
    the register has no record), build the panel."""
    tables_dir = Path(tables_dir)
    tables = read_tables(tables_dir)
    for name in CENSUS_FILES:
        if name not in tables:
            raise UserError(f"{tables_dir}: {name} is missing; restore it from data/raw (see SOURCES.md)")
    markdowns = [read_text(Path(path), "source list") for path in sources_paths]
    sources = parse_all_sources(markdowns) if markdowns else None
    if sources is not None and grades:
        sources["reliability"] = sources["source_id"].map(grades).fillna(sources["reliability"])
    gazetteer = build_gazetteer(tables[CENSUS_FILES[0]], tables[CENSUS_FILES[1]])
    return build_panel(tables, gazetteer, vintage_preference, sources=sources)
