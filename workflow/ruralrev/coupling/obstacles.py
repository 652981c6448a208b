"""Obstacle degree: which indicators and dimensions hold a place back (the field's companion of the CCD).

For indicator j of subsystem s with weight w_j within s, factor contribution F_j = B_s w_j (B_U1 = alpha,
B_U2 = beta, the subsystems' weights in T), deviation I_ij = 1 - y_ij (y the normalised value), and

    O_ij = F_j I_ij / sum_k F_k I_ik          (shares of one place-year, summing to 1)

A dimension's obstacle degree is the sum of its indicators'.
"""

from __future__ import annotations

import pandas as pd

from ruralrev.coupling.system import System

COLUMNS = ["geo_code", "year", "level", "subsystem", "dimension", "indicator", "obstacle", "rank"]


def obstacle_degrees(normalised: pd.DataFrame, weights: pd.Series, system: System, alpha: float, beta: float):
    """Indicator obstacle degrees per scored row of `normalised`, as a wide table (NaN for an indicator a config
    exception lets the row lack: it holds nothing back that was measured)."""
    subsystem_weight = {"U1": alpha, "U2": beta}
    factor = pd.Series({item.name: subsystem_weight[item.subsystem] * weights[item.name] for item in system.indicators})
    scored = normalised[system.names].dropna(how="all")
    share = (1.0 - scored).mul(factor, axis=1)
    return share.div(share.sum(axis=1), axis=0)


def long_table(degrees: pd.DataFrame, system: System) -> pd.DataFrame:
    """Indicator and dimension rows per place-year, ranked within each level (1 = the largest obstacle)."""
    parts = []
    for (code, year), row in degrees.iterrows():
        row = row.dropna()
        indicators = pd.DataFrame(
            {
                "geo_code": code,
                "year": year,
                "level": "indicator",
                "subsystem": [system.get(name).subsystem for name in row.index],
                "dimension": [system.get(name).dimension for name in row.index],
                "indicator": row.index,
                "obstacle": row.to_numpy(),
            }
        )
        dimensions = (
            indicators.groupby(["subsystem", "dimension"], sort=False)["obstacle"].sum().reset_index()
        ).assign(geo_code=code, year=year, level="dimension", indicator="")
        for part in (indicators, dimensions):
            part["rank"] = part["obstacle"].rank(ascending=False, method="min").astype(int)
            parts.append(part)
    out = pd.concat(parts, ignore_index=True)[COLUMNS]
    return out.sort_values(["geo_code", "year", "level", "rank", "indicator"], kind="stable").reset_index(drop=True)
