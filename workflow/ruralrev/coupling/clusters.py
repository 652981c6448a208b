"""Spatial dependence of the provinces' D: global Moran's I in every year and local clusters (LISA) in the first
and last year, on the provinces' neighbours (contiguity, Hainan joined to its nearest province) with the shared
spatial code (ruralrev.spatial)."""

from __future__ import annotations

import pandas as pd

from ruralrev.spatial import autocorrelation, neighbours

MORAN_COLUMNS = ["year", *autocorrelation.MORAN_COLUMNS]
LISA_COLUMNS = ["geo_code", "place", "region", "year", "D", "local_I", "quadrant", "p_sim", "cluster"]


def moran_by_year(coupling: pd.DataFrame, edge_list: pd.DataFrame, options: dict) -> pd.DataFrame:
    """Moran's I of the provinces' D in each year with every province computed."""
    provinces = coupling[(coupling["scope"] == "provinces")].dropna(subset=["D"])
    rows = []
    for year, group in provinces.groupby("year"):
        values = group.set_index("geo_code")["D"].astype(float)
        w, alone = neighbours.weights(edge_list, values.index.tolist())
        if alone:  # a province without neighbours cannot enter: the year's statistic would not be comparable
            continue
        rows.append(
            {"year": int(year), **autocorrelation.global_moran(values, w, options["permutations"], options["seed"])}
        )
    return pd.DataFrame(rows, columns=MORAN_COLUMNS)


def lisa(coupling: pd.DataFrame, edge_list: pd.DataFrame, options: dict) -> pd.DataFrame:
    """Local Moran clusters of the provinces' D in the first and last year of the computed panel."""
    provinces = coupling[(coupling["scope"] == "provinces")].dropna(subset=["D"])
    parts = []
    for year in sorted({int(provinces["year"].min()), int(provinces["year"].max())}):
        group = provinces[provinces["year"] == year].set_index("geo_code")
        w, _ = neighbours.weights(edge_list, group.index.tolist())
        local = autocorrelation.local_clusters(
            group["D"].astype(float), w, options["permutations"], options["seed"], options["significance"]
        )
        local["year"] = year
        local["D"] = local["geo_code"].map(group["D"])
        local["place"] = local["geo_code"].map(group["place"])
        local["region"] = local["geo_code"].map(group["region"])
        parts.append(local)
    return pd.concat(parts, ignore_index=True)[LISA_COLUMNS].sort_values(["year", "geo_code"]).reset_index(drop=True)
