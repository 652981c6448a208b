"""The coupling's inputs from the panel: each configured indicator computed from preferred annual or year-end
panel rows (a numerator, optionally divided by a denominator of the same place and year, optionally scaled to
China's value of the same year), with the provenance of every part, and the wide table of places x years.

Money amounts must enter price-free: no provincial price index is available, so an amount in yuan is either
divided by another amount of the same place and year or by China's value of the same year.
"""

from __future__ import annotations

import pandas as pd

from ruralrev.coupling.system import CHINA, Indicator, System
from ruralrev.errors import UserError

KINDS = ("year_end", "annual")
PROVENANCE = ("vintage", "source", "raw_file", "raw_row")
COLUMNS = ["geo_code", "year", "indicator", "value", "unit", *PROVENANCE]


def panel_rows(indicators: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """Preferred annual/year-end rows of the named panel indicators, one per (indicator, geo_code, year)."""
    rows = indicators[
        indicators["indicator"].isin(names)
        & indicators["preferred"].astype(bool)
        & indicators["definition"].isin(KINDS)
        & indicators["value"].notna()
        & indicators["year"].notna()
    ].copy()
    rows["year"] = rows["year"].astype(int)
    rows["geo_code"] = rows["geo_code"].astype(str)
    rows["raw_row"] = rows["raw_row"].astype("string").fillna("")
    rows["raw_file"] = rows["raw_file"].astype("string").fillna("")
    # year_end before annual where an indicator has both (none has in the panel today).
    rows["_kind"] = rows["definition"].map(KINDS.index)
    rows = rows.sort_values(["indicator", "geo_code", "year", "_kind"], kind="stable")
    rows = rows.drop_duplicates(["indicator", "geo_code", "year"]).drop(columns="_kind")
    return rows[COLUMNS].reset_index(drop=True)


def _join(parts: list[pd.DataFrame], keys: list[str]) -> pd.DataFrame:
    """Rows present in every part (inner join on keys); provenance joined with ';' in part order."""
    out = parts[0].rename(columns={c: f"{c}_0" for c in ["value", "unit", *PROVENANCE]})
    for number, part in enumerate(parts[1:], start=1):
        renamed = part.rename(columns={c: f"{c}_{number}" for c in ["value", "unit", *PROVENANCE]})
        out = out.merge(renamed, on=keys)
    for column in PROVENANCE:
        # Column-wise concatenation: agg(";".join, axis=1) calls Python once per row (3.5 s of the coupling step).
        joined = out[f"{column}_0"].astype(str)
        for n in range(1, len(parts)):
            joined = joined + ";" + out[f"{column}_{n}"].astype(str)
        out[column] = joined
    out["source"] = out["source"].map(_unique_ids)
    return out


def _unique_ids(text: str) -> str:
    """'P100;P100;P06' -> 'P100;P06': each source id once, in order (vintages and rows keep every part)."""
    return ";".join(dict.fromkeys(part for part in str(text).split(";") if part))


def price_basis(item: Indicator, units: dict[str, str]) -> str:
    """How prices leave the indicator, from the panel units; UserError if a money amount would stay in current
    prices (no provincial price index is available to deflate it)."""
    money_top = "yuan" in units.get(item.numerator, "")
    money_bottom = bool(item.denominator) and "yuan" in units.get(item.denominator or "", "")
    if item.relative_to_china:
        return "relative to China's value in the same year (the national price level cancels)"
    if money_top and money_bottom:
        return "ratio of two current-price amounts of the same place and year (prices cancel)"
    if money_top or money_bottom:
        raise UserError(
            f"coupling.indicators {item.name!r}: a money amount in current prices ({item.numerator}"
            f"{' / ' + item.denominator if item.denominator else ''}); no provincial price index is available, so "
            "divide it by another money amount of the same place and year or set relative_to_china: true"
        )
    return "not a money amount"


def indicator_rows(base: pd.DataFrame, item: Indicator) -> pd.DataFrame:
    """One indicator's rows: numerator [/ denominator] [/ China's same ratio], with joined provenance."""
    keys = ["geo_code", "year"]
    parts = [base[base["indicator"] == item.numerator].drop(columns="indicator")]
    if item.denominator:
        parts.append(base[base["indicator"] == item.denominator].drop(columns="indicator"))
    joined = _join(parts, keys)
    value = joined["value_0"] / joined["value_1"] if item.denominator else joined["value_0"]
    unit = joined["unit_0"] + ("/" + joined["unit_1"] if item.denominator else "")
    rows = joined[keys].assign(value=value, unit=unit, **{c: joined[c] for c in PROVENANCE})
    if item.relative_to_china:
        china = rows[rows["geo_code"] == CHINA].drop(columns="geo_code")
        both = rows.merge(china, on="year", suffixes=("", "_china"))
        provenance = {c: both[c].astype(str) + ";" + both[f"{c}_china"].astype(str) for c in PROVENANCE}
        provenance["source"] = provenance["source"].map(_unique_ids)
        rows = both[keys].assign(value=both["value"] / both["value_china"], unit="ratio to China", **provenance)
    return rows.assign(indicator=item.name)[COLUMNS]


def series(indicators: pd.DataFrame, system: System) -> tuple[pd.DataFrame, dict[str, str]]:
    """(rows of every configured indicator, {indicator: price basis}) from the panel."""
    wanted = sorted({name for item in system.indicators for name in item.panel_indicators})
    base = panel_rows(indicators, wanted)
    units = base.drop_duplicates("indicator").set_index("indicator")["unit"].astype(str).to_dict()
    bases = {item.name: price_basis(item, units) for item in system.indicators}
    parts = [indicator_rows(base, item) for item in system.indicators]
    rows = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=COLUMNS)
    return rows.sort_values(["indicator", "geo_code", "year"]).reset_index(drop=True), bases


def wide_table(rows: pd.DataFrame, codes: list[str], years: list[int], names: list[str]) -> pd.DataFrame:
    """Values on the full grid of places x years (NaN where the panel has none)."""
    grid = pd.MultiIndex.from_product([codes, list(years)], names=["geo_code", "year"])
    here = rows[rows["geo_code"].isin(codes) & rows["year"].isin(list(years))]
    wide = here.pivot(index=["geo_code", "year"], columns="indicator", values="value")
    return wide.reindex(index=grid, columns=names)
