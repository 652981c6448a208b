"""Read and validate the raw statistical tables (`data/raw/tables/*.csv`) against their pandera schemas.

Every cell is read as text and checked before anything is converted, so a malformed file ends in
one UserError naming the file, the 1-based data row (the CSV line is that number + 1) and the column.
After the form, the range: percents lie in 0-100, counts and amounts are not negative, and a census
row's urban + rural population equals its total (where all three are published).
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from ruralrev.errors import UserError
from ruralrev.files import refuse_formulas
from ruralrev.panel.units import factor_to_base

NUMBER = r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$"
NUMBER_OR_EMPTY = r"^(-?\d+(\.\d+)?([eE][-+]?\d+)?)?$"
CODE_OR_EMPTY = r"^(\d{6})?$"
SNAKE = r"^[a-z][a-z0-9_]*$"
YEAR = r"^(19|20)\d\d$"
YEAR_OR_RANGE_OR_EMPTY = r"^((19|20)\d\d(-(19|20)\d\d)?)?$"

KINDS = ("national", "regional", "census_2010", "census_2020")
# Raw tables that are not statistics (no indicator/value columns): read by the figures stage, not the panel.
# Tables of documents and statements, not of statistics: read by the stages that present them, never by the panel.
NOT_STATISTICS = ("policy_documents.csv", "rural_poverty_statements.csv")


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
    # National tables name the place in `geo`; regional ones in geo_name/geo_code, with or without a vintage
    # column (the provincial additions carry one).
    if "geo" in columns or stem.startswith("national_"):
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
    """The frame itself if it satisfies its schema and ranges; otherwise one UserError for the first bad cell."""
    kind = table_kind(file_name, list(frame.columns))
    try:
        frame = SCHEMAS[kind].validate(frame, lazy=True)
    except pa.errors.SchemaErrors as error:
        raise _first_failure(error, file_name) from None
    check_ranges(frame, file_name, kind)
    return frame


# Base units whose figures cannot be negative (counts of persons and units, money, areas, mass, ratios).
NON_NEGATIVE = {"person", "yuan", "ha", "t", "km2", "county", "village", "count", "ratio"}
CENSUS_COUNTS = ("population", "urban_population", "rural_population")
# Census yearbooks round nothing, but digitised copies may carry a person of slack.
CENSUS_SUM_TOLERANCE = 1.0
# Rows whose published counts are known not to add up, accepted as published (the value is never
# corrected here) and reported: (file, 1-based data row, name as printed) -> why.
KNOWN_INCONSISTENT = {
    ("census_2010_counties.csv", 2278, "西沙群岛"): (
        "urban 444 + rural 45 != total 444 in the leiii/census digitisation of the 6th census yearbook; "
        "the row has no admin code and stays out of the panel (skipped.csv)"
    )
}


def _range_error(file_name: str, row: int, column: str, value: float, problem: str) -> UserError:
    return UserError(
        f"{file_name}: data row {row} (CSV line {row + 1}), column {column!r}: {value:g} {problem}; "
        "correct the cell against its source (or its unit), empty = missing value"
    )


def _flat_ranges(frame: pd.DataFrame, file_name: str) -> list[tuple[int, str, float, str]]:
    values = to_number(frame["value"])
    bad = []
    for unit in frame["unit"].unique():
        try:
            base = factor_to_base(unit)[1]
        except UserError:
            continue  # an unknown unit is reported with its row by the harmonize stage
        here = (frame["unit"] == unit) & values.notna()
        if base == "percent":
            out = here & ((values < 0) | (values > 100))
            bad += [(i, "value", values[i], "is outside 0-100 for a percent") for i in frame.index[out]]
        elif base in NON_NEGATIVE:
            out = here & (values < 0)
            bad += [(i, "value", values[i], f"is negative for a figure in {base}") for i in frame.index[out]]
    return bad


def _census_ranges(frame: pd.DataFrame) -> list[tuple[int, str, float, str]]:
    total, urban, rural = (to_number(frame[c]) for c in CENSUS_COUNTS)
    share = to_number(frame["minority_share_pct"])
    bad = []
    for column, values in zip(CENSUS_COUNTS, (total, urban, rural)):
        bad += [(i, column, values[i], "is a negative count") for i in frame.index[values < 0]]
    bad += [
        (i, "minority_share_pct", share[i], "is outside 0-100 for a percent")
        for i in frame.index[(share < 0) | (share > 100)]
    ]
    bad += [
        (i, "urban_population", urban[i], f"exceeds the total population {total[i]:g}")
        for i in frame.index[urban > total]
    ]
    # Only rows that publish all three counts can be checked; a blank cell is a missing value.
    off = (urban + rural - total).abs() > CENSUS_SUM_TOLERANCE
    bad += [
        (i, "rural_population", rural[i], f"plus urban {urban[i]:g} is not the total {total[i]:g}")
        for i in frame.index[off]
    ]
    return bad


def check_ranges(frame: pd.DataFrame, file_name: str, kind: str) -> None:
    """UserError for the first cell (in row order) whose value is impossible for what it counts."""
    bad = _census_ranges(frame) if kind.startswith("census") else _flat_ranges(frame, file_name)
    names = frame["name"] if "name" in frame.columns else frame.get("county", frame.get("geo_name"))
    for index, column, value, problem in sorted(bad, key=lambda b: b[0]):
        row = int(index) + 1
        name = clean_cell(names[index]) if names is not None else ""
        if (file_name, row, name) in KNOWN_INCONSISTENT:
            continue
        raise _range_error(file_name, row, column, value, problem)


def clean_cell(text: str) -> str:
    """A name cell without the yearbook's indentation."""
    return str(text).replace("\u3000", " ").strip()


def parse_table(text: str, file_name: str) -> pd.DataFrame:
    """A raw table's CSV text as an all-text frame (empty cell = ''), validated."""
    try:
        # Bytes, not a StringIO: pandas re-encodes a text buffer in chunks and carries the surplus bytes of
        # multi-byte characters forward, copying a growing remainder on every read (quadratic in the size
        # of a table written in Chinese).
        frame = pd.read_csv(io.BytesIO(text.encode("utf-8")), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise UserError(f"{file_name}: not a readable CSV ({error}); repair the file") from None
    frame.attrs["file"] = file_name
    refuse_formulas(frame, file_name)
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
    """Every statistics `*.csv` in a folder (all but NOT_STATISTICS), read and validated, keyed by file name."""
    tables_dir = Path(tables_dir)
    paths = sorted(p for p in tables_dir.glob("*.csv") if p.name not in NOT_STATISTICS)
    if not paths:
        raise UserError(f"{tables_dir}: no raw tables (*.csv) found; point to data/raw/tables")
    return {path.name: read_table(path) for path in paths}


def to_number(column: pd.Series) -> pd.Series:
    """A validated text column as floats; empty cells become NaN (missing stays missing)."""
    return pd.to_numeric(column.str.strip().replace("", None), errors="raise").astype(float)
