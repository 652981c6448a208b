"""Study regions: the regions table (names, level, parents, equal-area size) and their outlines."""

from __future__ import annotations

import re

import pandas as pd

from ruralrev.errors import UserError
from ruralrev.geo import boundaries, shapes

REGION_COLUMNS = [
    "region_id",
    "admin_code",
    "name_zh",
    "name_en",
    "name_en_full",
    "level",
    "province",
    "prefecture",
    "area_km2",
]
REGION_ID = re.compile(r"[a-z0-9_]+")


def read_outline(unit: boundaries.AdminUnit):
    """The unit's outline (GeoDataFrame, EPSG:4326)."""
    return boundaries.read_boundary(unit)


def area_km2(unit: boundaries.AdminUnit) -> float:
    """Area of a unit's outline in km2 (0.1 km2), measured in a Lambert azimuthal equal-area projection centred
    on it: the same number the study-area sheet prints."""
    outline = shapes.read_geometry(unit.geojson)
    return shapes.area_km2(outline, shapes.local_equal_area(outline.bounds)[0])


def map_members(unit: boundaries.AdminUnit) -> tuple[boundaries.AdminUnit, list[boundaries.AdminUnit]]:
    """(the unit whose subdivisions frame a study area, those subdivisions): a county is shown among its
    prefecture's counties; a municipality's single prefecture-level unit is replaced by its districts."""
    frame = boundaries.resolve(unit.parent_code) if unit.level == "county" and unit.parent_code else unit
    members = boundaries.children(frame) or [frame]
    if len(members) == 1 and members[0].code != frame.code:
        members = boundaries.children(members[0]) or members
    return frame, members


def _parent_names(unit: boundaries.AdminUnit) -> tuple[str, str]:
    """(province, prefecture) display names of a unit; empty where the level has none."""
    province = boundaries.resolve(unit.province_code).display_name if unit.province_code else ""
    prefecture = boundaries.resolve(unit.prefecture_code).display_name if unit.prefecture_code else ""
    if unit.level == "prefecture":  # cnmaps names a prefecture's own prefecture field after itself
        prefecture = unit.display_name
    return province, prefecture


def _checked_entry(position: int, entry: dict, seen: set[str]) -> tuple[str, str]:
    """The (region_id, admin_code) of one config entry; UserError naming the entry if malformed."""
    if not isinstance(entry, dict) or "id" not in entry or "admin_code" not in entry:
        raise UserError(
            f"config regions[{position}]: each region needs 'id' and 'admin_code' (got {entry!r}); add the missing key"
        )
    region_id, admin_code = str(entry["id"]), str(entry["admin_code"]).strip()
    if not REGION_ID.fullmatch(region_id):
        raise UserError(
            f"config regions[{position}]: region id {region_id!r} may only hold lowercase letters, "
            "digits and underscores (it names output files); rename it, e.g. 'liupanshui'"
        )
    if region_id in seen:
        raise UserError(f"config regions[{position}]: region id {region_id!r} is used twice; make ids unique")
    if not re.fullmatch(r"\d{6}", admin_code):
        raise UserError(
            f"config regions[{position}] ({region_id}): admin_code {admin_code!r} is not a 6-digit code; "
            "use e.g. 520200 for Liupanshui"
        )
    return region_id, admin_code


def region_table(regions: list[dict]) -> pd.DataFrame:
    """regions.csv rows for config entries {id, admin_code}: names, level, parents, area_km2."""
    rows, seen = [], set()
    for position, entry in enumerate(regions):
        region_id, admin_code = _checked_entry(position, entry, seen)
        seen.add(region_id)
        try:
            unit = boundaries.resolve(admin_code)
        except UserError as error:
            raise UserError(f"config region {region_id!r}: {error}") from None
        province, prefecture = _parent_names(unit)
        rows.append(
            {
                "region_id": region_id,
                "admin_code": admin_code,
                "name_zh": unit.name_zh,
                "name_en": unit.name_en,
                "name_en_full": unit.name_en_full,
                "level": unit.level,
                "province": province,
                "prefecture": prefecture,
                "area_km2": area_km2(unit),
            }
        )
    table = pd.DataFrame(rows, columns=REGION_COLUMNS)
    return table.sort_values("region_id").reset_index(drop=True)
