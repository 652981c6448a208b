"""The claim check's inputs read and cleaned: claims.csv (with its optional kind and unit_from columns), the
panel's rows of the places the claims name, and the index of place names."""

from __future__ import annotations

import re

import pandas as pd

from ruralrev.crosscheck import aggregates
from ruralrev.errors import UserError

CHINA = "100000"
CLAIM_COLUMNS = ["doc", "start", "end", "text", "value", "unit", "year", "place", "indicator", "qualifier", "sentence"]
PANEL_COLUMNS = ["geo_code", "indicator", "year", "value", "unit", "vintage", "definition", "source", "preferred"]
# The panel flags one preferred row per definition; a year's headline figure is the first of these.
DEFINITION_ORDER = {"year_end": 0, "annual": 1, "unspecified": 2, "census": 3, "cumulative": 4}
PLACE_SUFFIXES = re.compile(r"\s+(city|county|district|prefecture|province)$", re.IGNORECASE)
# Fixed order of panel rows, so that ties never depend on the order rows arrive in.
PANEL_ORDER = ["indicator", "_definition", "definition", "vintage", "source", "raw_file", "raw_row", "value"]


def place_index(names: pd.DataFrame) -> dict[str, str]:
    """Lower-cased English name, alias and Chinese name -> admin code."""
    index: dict[str, str] = {}
    for row in names.itertuples(index=False):
        for name in [row.name_en, row.name_zh, *str(row.aliases).split(";")]:
            if name.strip():
                index.setdefault(name.strip().lower(), str(row.admin_code))
    return index


def resolve_place(place: str, places: dict[str, str]) -> str | None:
    """Admin code of a claim's place ("Liupanshui City" -> 520200); China when no place is stated."""
    place = place or "China"
    return places.get(place.lower()) or places.get(PLACE_SUFFIXES.sub("", place).lower())


def definition_kind(definition: str) -> str:
    """The agreed definition vocabulary for any spelling of it ("year-end resident" -> year_end)."""
    text = definition.strip().lower().replace("-", "_").replace(" ", "_")
    for kind in ("census", "cumulative", "year_end", "annual"):
        if kind in text:
            return kind
    return text or "unspecified"


def require(frame: pd.DataFrame, columns: list[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise UserError(f"{what} lacks column(s) {', '.join(missing)}; re-run the stage that writes it")


def clean_claims(claims: pd.DataFrame) -> pd.DataFrame:
    claims = claims.copy()
    for column in ["unit", "place", "indicator", "qualifier", "sentence", "text"]:
        claims[column] = claims[column].fillna("").astype(str).str.strip()
    claims["value"] = pd.to_numeric(claims["value"], errors="coerce")
    claims["year"] = pd.to_numeric(claims["year"], errors="coerce").astype("Int64")
    # kind and unit_from came with issue 20: a claims.csv written before them states statistics, carries no unit
    kinds = claims["kind"] if "kind" in claims else pd.Series("", index=claims.index)
    claims["kind"] = kinds.fillna("").astype(str).str.strip().replace("", "statistic")
    sources = claims["unit_from"] if "unit_from" in claims else pd.Series(pd.NA, index=claims.index)
    claims["unit_from"] = pd.to_numeric(sources, errors="coerce").astype("Int64")
    return claims


def clean_panel(indicators: pd.DataFrame) -> pd.DataFrame:
    panel = indicators.copy()
    panel["year"] = pd.to_numeric(panel["year"], errors="coerce").astype("Int64")
    panel["value"] = pd.to_numeric(panel["value"], errors="coerce")
    panel["preferred"] = panel["preferred"].map(lambda p: str(p).strip().lower() in ("true", "1"))
    for column in ["unit", "vintage", "definition", "source", "indicator"]:
        panel[column] = panel[column].fillna("").astype(str)
    kinds = {text: definition_kind(text) for text in panel["definition"].unique()}
    panel["definition"] = panel["definition"].map(kinds)
    panel["_definition"] = panel["definition"].map(DEFINITION_ORDER).fillna(len(DEFINITION_ORDER))
    for column in ["raw_file", "raw_row"]:
        panel[column] = panel[column].map(aggregates.row_number) if column in panel else None
    # Missing official values stay missing: they can neither confirm nor contradict a claim.
    panel = panel.dropna(subset=["value", "year"]).astype({"year": int})
    panel = panel.sort_values(PANEL_ORDER, na_position="last", kind="stable").reset_index(drop=True)
    panel["_order"] = panel.index
    # Plain Python strings: the per-claim filtering below is much faster on them than on Arrow strings.
    text = [c for c in panel.columns if pd.api.types.is_string_dtype(panel[c])]
    return panel.astype({c: object for c in text})
