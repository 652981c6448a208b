"""Regional inequality of D: the Dagum (1997) Gini decomposition by region, and kernel densities of D by year.

No kept Python library decomposes the Gini this way, so it is written here from Dagum's definitions.
With n values of mean m, k groups (n_j values, mean m_j), p_j = n_j / n and s_j = n_j m_j / (n m):

    G    = sum_i sum_r |y_i - y_r| / (2 n^2 m)                              the ordinary Gini
    G_jj = sum_i sum_r |y_ji - y_jr| / (2 n_j^2 m_j)                        within group j
    G_jh = sum_i sum_r |y_ji - y_hr| / (n_j n_h (m_j + m_h))                between groups j and h
    D_jh = (d_jh - p_jh) / (d_jh + p_jh),  j the group with the larger mean, d_jh the mean of (y_ji - y_hr)
           over pairs where it is positive (counted as 0 elsewhere), p_jh the same for (y_hr - y_ji)
    G_w  = sum_j G_jj p_j s_j
    G_nb = sum_{j<h} G_jh (p_j s_h + p_h s_j) D_jh                          net between-group
    G_t  = sum_{j<h} G_jh (p_j s_h + p_h s_j) (1 - D_jh)                    transvariation
    G = G_w + G_nb + G_t
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

DENSITY_COLUMNS = ["year", "D", "density"]
GINI_COLUMNS = ["year", "component", "groups", "value", "share"]


def _pairs(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return a[:, None] - b[None, :]


def gini(values) -> float:
    """The ordinary Gini coefficient: mean absolute difference over twice the mean."""
    y = np.asarray(values, dtype=float)
    return float(np.abs(_pairs(y, y)).sum() / (2 * len(y) ** 2 * y.mean()))


@dataclass(frozen=True)
class Dagum:
    """The decomposition: total, its three parts, and the within-group and between-group Gini coefficients."""

    total: float
    within: float
    between: float
    transvariation: float
    groups: dict[str, float]  # G_jj
    pairs: dict[tuple[str, str], float]  # G_jh, the group with the larger mean first


def dagum(values: pd.Series, groups: pd.Series) -> Dagum:
    """Dagum's decomposition of the Gini of `values` by `groups` (aligned series)."""
    y = values.to_numpy(dtype=float)
    n, mean = len(y), y.mean()
    members = {name: values[groups == name].to_numpy(dtype=float) for name in sorted(groups.unique(), key=str)}
    # Richer group first, so that D_jh is defined with j the group of larger mean (ties: by name).
    order = sorted(members, key=lambda name: (-members[name].mean(), str(name)))
    p = {name: len(members[name]) / n for name in order}
    s = {name: len(members[name]) * members[name].mean() / (n * mean) for name in order}
    within_group = {
        name: float(np.abs(_pairs(v, v)).sum() / (2 * len(v) ** 2 * v.mean())) for name, v in members.items()
    }
    within = sum(within_group[name] * p[name] * s[name] for name in order)
    between, transvariation, pair_gini = 0.0, 0.0, {}
    for position, j in enumerate(order):
        for h in order[position + 1 :]:
            diff = _pairs(members[j], members[h])
            g_jh = float(
                np.abs(diff).sum() / (len(members[j]) * len(members[h]) * (members[j].mean() + members[h].mean()))
            )
            d_jh, p_jh = diff.clip(min=0).mean(), (-diff).clip(min=0).mean()
            relative = (d_jh - p_jh) / (d_jh + p_jh) if d_jh + p_jh > 0 else 0.0
            weight = p[j] * s[h] + p[h] * s[j]
            between += g_jh * weight * relative
            transvariation += g_jh * weight * (1 - relative)
            pair_gini[(j, h)] = g_jh
    return Dagum(within + between + transvariation, within, between, transvariation, within_group, pair_gini)


def gini_table(d: pd.Series, region: pd.Series, years: pd.Series) -> pd.DataFrame:
    """Per year: the total Gini of D, its within, between and transvariation parts (with their shares of the
    total), each region's own Gini and each pair's between-group Gini."""
    rows = []
    for year in sorted(years.unique()):
        here = (years == year) & d.notna()
        parts = dagum(d[here], region[here])
        for component, value in (
            ("total", parts.total),
            ("within", parts.within),
            ("between", parts.between),
            ("transvariation", parts.transvariation),
        ):
            rows.append(
                {"year": int(year), "component": component, "groups": "", "value": value, "share": value / parts.total}
            )
        for name, value in parts.groups.items():
            rows.append({"year": int(year), "component": "within region", "groups": name, "value": value})
        for (j, h), value in parts.pairs.items():
            rows.append({"year": int(year), "component": "between regions", "groups": f"{j}–{h}", "value": value})
    return pd.DataFrame(rows, columns=GINI_COLUMNS)


def densities(d: pd.Series, years: pd.Series, points: int, bandwidth: str) -> pd.DataFrame:
    """Gaussian kernel density of D in each year on an even grid over [0, 1] (scipy; `bandwidth` scott|silverman)."""
    from scipy.stats import gaussian_kde

    grid = np.linspace(0.0, 1.0, points)
    rows = []
    for year in sorted(years.unique()):
        values = d[(years == year) & d.notna()].to_numpy(dtype=float)
        density = gaussian_kde(values, bw_method=bandwidth)(grid)
        rows.append(pd.DataFrame({"year": int(year), "D": grid, "density": density}))
    return pd.concat(rows, ignore_index=True)[DENSITY_COLUMNS]
