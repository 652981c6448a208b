"""Read and validate the raw statistical tables (`data/raw/tables/*.csv`) against their pandera schemas.

Every cell is read as text and checked before anything is converted, so a malformed file ends in
one UserError naming the file, the 1-based data row (the CSV line is that number + 1) and the column.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from ruralrev.errors import UserError

NUMBER = r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$"
NUMBER_OR_EMPTY = r"^(-?\d+(\.\d+)?([eE][-+]?\d+)?)?$"
CODE_OR_EMPTY = r"^(\d{6})?$"
SNAKE = r"^[a-z][a-z0-9_]*$"
YEAR = r"^(19|20)\d\d$"
YEAR_OR_RANGE_OR_EMPTY = r"^((19|20)\d\d(-(19|20)\d\d)?)?$"

KINDS = ("national", "regional", "census_2010", "census_2020")

def _text(regex: str | None = None, nullable: bool = False, what: str = "") -> pa.Column:
    checks = [pa.Check.str_matches(regex, error=what or regex)] if regex else []
    return pa.Column(str, checks=checks, nullable=nullable)


def _not_blank(what: str) -> pa.Column:
    return pa.Column(str, checks=[pa.Check.str_matches(r"\S", error=what)])


COMMON_FLAT = {
    "indicator": _text(SNAKE, what="a snake_case indicator name"),
    "value": _text(NUMBER_OR_EMPTY, what="a number or empty"),
    "unit": pa.Column(str),
    "source_ref": _not_blank("a source reference"),
    "source_note": pa.Column(str),
}

SCHEMAS = {
    "national": pa.DataFrameSchema(
        {
            **COMMON_FLAT,
            "geo": _not_blank("a place name"),
            "year": _text(YEAR, what="a 4-digit year"),
            "vintage": pa.Column(str),
        },
        strict=False,
    ),
    "regional": pa.DataFrameSchema(
        {
            **COMMON_FLAT,
            "geo_name": _not_blank("a place name"),
            "geo_code": _text(CODE_OR_EMPTY, what="a 6-digit admin code or empty"),
            "year": _text(YEAR_OR_RANGE_OR_EMPTY, what="a 4-digit year, a range like 2010-2015, or empty"),
        },
        strict=False,
    ),
    "census_2010": pa.DataFrameSchema(
        {
            "name": pa.Column(str),
            "admin_code": _text(CODE_OR_EMPTY, what="a 6-digit admin code or empty"),
            **{
                column: _text(NUMBER_OR_EMPTY, what="a number or empty")
                for column in ("population", "urban_population", "rural_population", "minority_share_pct")
            },
        },
        strict=False,
    ),
    "census_2020": pa.DataFrameSchema(
        {
            "admin_code": _text(CODE_OR_EMPTY, what="a 6-digit admin code or empty"),
            "province": pa.Column(str),
            "prefecture": pa.Column(str),
            "county": _not_blank("a county name"),
            **{
                column: _text(NUMBER_OR_EMPTY, what="a number or empty")
                for column in ("population", "urban_population", "rural_population", "minority_share_pct")
            },
        },
        strict=False,
    ),
}


def table_kind(file_name: str, columns: list[str]) -> str:
    """Which schema a raw table follows, from its file name and header."""
    stem = Path(file_name).stem
    if stem.startswith("census_2010"):
        return "census_2010"
    if stem.startswith("census_2020"):
        return "census_2020"
    if "vintage" in columns or stem.startswith("national_"):
        return "national"
    return "regional"


def _first_failure(error: pa.errors.SchemaErrors, file_name: str) -> UserError:
    cases = error.failure_cases
    first = cases.sort_values("index", na_position="first", kind="stable").iloc[0]
    column = first["column"]
    check = str(first["check"])
    if first["index"] is None or pd.isna(first["index"]):
        if "column_in_dataframe" in check:
            return UserError(
                f"{file_name}: column {first['failure_case']!r} is missing from the header; "
                "restore it (see data/raw/SOURCES.md for the table's columns)"
            )
        return UserError(f"{file_name}: column {column!r} fails check {check}; fix the column")
    row = int(first["index"]) + 1
    bad = first["failure_case"]
    wanted = check if not check.startswith("str_matches") else "a value of the documented form"
    return UserError(
        f"{file_name}: data row {row} (CSV line {row + 1}), column {column!r}: "
        f"{bad!r} is not {wanted}; correct the cell (empty = missing value)"
    )


def validate_table(frame: pd.DataFrame, file_name: str) -> pd.DataFrame:
    """The frame itself if it satisfies its schema; otherwise one UserError for the first bad cell."""
    kind = table_kind(file_name, list(frame.columns))
    try:
        return SCHEMAS[kind].validate(frame, lazy=True)
    except pa.errors.SchemaErrors as error:
        raise _first_failure(error, file_name) from None


def parse_table(text: str, file_name: str) -> pd.DataFrame:
    """A raw table's CSV text as an all-text frame (empty cell = ''), validated."""
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise UserError(f"{file_name}: not a readable CSV ({error}); repair the file") from None
    frame.attrs["file"] = file_name
    return validate_table(frame, file_name)


def read_table(path: Path) -> pd.DataFrame:
    """Read and validate one raw table file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UserError(f"{path.name}: not UTF-8 text; re-save the file as UTF-8") from None
    return parse_table(text, path.name)


def read_tables(tables_dir: Path) -> dict[str, pd.DataFrame]:
    """Every `*.csv` in a folder, read and validated, keyed by file name."""
    tables_dir = Path(tables_dir)
    paths = sorted(tables_dir.glob("*.csv"))
    if not paths:
        raise UserError(f"{tables_dir}: no raw tables (*.csv) found; point to data/raw/tables")
    return {path.name: read_table(path) for path in paths}


def to_number(column: pd.Series) -> pd.Series:
    """A validated text column as floats; empty cells become NaN (missing stays missing)."""
    return pd.to_numeric(column.str.strip().replace("", None), errors="raise").astype(float)
