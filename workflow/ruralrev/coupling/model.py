"""The formulas of the coupling coordination degree (CCD) model, as pure functions on numbers and tables.

For indicator j with bounds [lo_j, hi_j] (from the fitting sample) and shift s:

    y_ij = s + (1 - s) (x_ij - lo_j) / (hi_j - lo_j)     "+": more is better
    y_ij = s + (1 - s) (hi_j - x_ij) / (hi_j - lo_j)     "-": less is better

Weights within a subsystem (they sum to 1):
    entropy   p_ij = y_ij / sum_i y_ij;  e_j = -sum_i p_ij ln p_ij / ln n;  w_j = (1 - e_j) / sum_k (1 - e_k)
    CRITIC    c_j = sd_j * sum_k (1 - r_jk);  w_j = c_j / sum_k c_k      (r: Pearson correlation of the y)
    equal     w_j = 1 / m

Subsystem index U (weighted sum, or entropy-TOPSIS closeness):
    U_i = sum_j w_j y_ij
    U_i = d-_i / (d+_i + d-_i),  d+-_i = sqrt(sum_j (w_j y_ij - v+-_j)^2),  v+_j / v-_j the largest / smallest
          w_j y_ij of the fitting sample

Coupling, development and coordination of two subsystems:
    C = 2 sqrt(U1 U2) / (U1 + U2)                                   standard
    C = sqrt((1 - |U1 - U2|) * min(U1, U2) / max(U1, U2))           modified: Wang Shujia et al. (2021),
        "Research on misuses and modification of coupling coordination degree model in China", Journal of Natural
        Resources 36(3): 793-810, their n-system formula for n = 2
    T = alpha U1 + beta U2;  D = sqrt(C T)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

COUPLING_FORMULAS = ("standard", "modified")


def normalise(values: pd.Series, low: float, high: float, direction: str, shift: float, clip: bool = False):
    """Min-max normalisation with direction onto [shift, 1] between given bounds; NaN stays NaN.

    clip: values outside the bounds (scoring with bounds from another sample) are held at the bounds.
    """
    if not high > low:
        raise ValueError(f"{values.name}: constant or empty, cannot be normalised")
    scaled = (values - low) / (high - low)
    if clip:
        scaled = scaled.clip(0.0, 1.0)
    scaled = scaled if direction == "+" else 1.0 - scaled
    return shift + (1.0 - shift) * scaled


def entropy(normalised: pd.Series) -> float:
    """Information entropy e_j of one normalised indicator over its non-missing rows (n >= 2; 0 ln 0 = 0)."""
    y = normalised.dropna().to_numpy(dtype=float)
    p = y / y.sum()
    logs = np.log(p, out=np.zeros_like(p), where=p > 0)
    return float(-(p * logs).sum() / np.log(len(y)))


def entropy_weights(normalised: pd.DataFrame) -> pd.DataFrame:
    """Entropy and weight of each column (one subsystem); the weights sum to 1."""
    e = pd.Series({name: entropy(normalised[name]) for name in normalised.columns}, dtype=float)
    d = 1.0 - e
    if d.sum() <= 0:
        raise ValueError("no indicator varies: entropy weights are undefined")
    return pd.DataFrame({"entropy": e, "weight": d / d.sum()})


def critic_weights(normalised: pd.DataFrame) -> pd.Series:
    """CRITIC weights (contrast times conflict) of the columns; one column gets weight 1."""
    if normalised.shape[1] == 1:
        return pd.Series(1.0, index=normalised.columns)
    spread = normalised.std(ddof=1)
    conflict = (1.0 - normalised.corr()).sum()
    information = spread * conflict
    return information / information.sum()


def equal_weights(columns) -> pd.Series:
    """Equal weights 1/m."""
    columns = list(columns)
    return pd.Series(1.0 / len(columns), index=columns)


def weighted_sum(normalised: pd.DataFrame, weights: pd.Series) -> pd.Series:
    """U per row over the available indicators, their weights rescaled to sum to 1 (a complete row: sum w y)."""
    present = normalised.notna()
    available = present.mul(weights, axis=1).sum(axis=1)
    score = normalised.fillna(0.0).mul(weights, axis=1).sum(axis=1) / available
    return score.where(present.any(axis=1))


def ideal_points(normalised: pd.DataFrame, weights: pd.Series) -> pd.DataFrame:
    """The best (v+) and worst (v-) weighted value of each indicator in a fitting sample (entropy-TOPSIS)."""
    weighted = normalised.mul(weights, axis=1)
    return pd.DataFrame({"best": weighted.max(), "worst": weighted.min()})


def topsis(normalised: pd.DataFrame, weights: pd.Series, ideal: pd.DataFrame) -> pd.Series:
    """Closeness d- / (d+ + d-) to the ideal points of the fitting sample, over each row's available indicators."""
    weighted = normalised.mul(weights, axis=1)
    best = np.sqrt(weighted.sub(ideal["best"], axis=1).pow(2).sum(axis=1, min_count=1))
    worst = np.sqrt(weighted.sub(ideal["worst"], axis=1).pow(2).sum(axis=1, min_count=1))
    return worst / (best + worst)


def coupling_degree(u1, u2, formula: str = "standard"):
    """C of two subsystems, in [0, 1] and 1 when U1 = U2 (standard or modified, see the module docstring)."""
    if formula == "standard":
        return 2.0 * np.sqrt(u1 * u2) / (u1 + u2)
    if formula == "modified":
        low, high = np.minimum(u1, u2), np.maximum(u1, u2)
        return np.sqrt((1.0 - np.abs(u1 - u2)) * low / high)
    raise ValueError(f"unknown coupling formula {formula!r}; one of {', '.join(COUPLING_FORMULAS)}")


def development_index(u1, u2, alpha: float, beta: float):
    """T = alpha U1 + beta U2."""
    return alpha * u1 + beta * u2


def coordination_degree(c, t):
    """D = sqrt(C T)."""
    return np.sqrt(c * t)


def classify(d: pd.Series, classes: list[tuple[float, str]]) -> pd.Series:
    """Class name of each D: the first class whose upper bound exceeds D (the last one includes 1)."""
    uppers = [upper for upper, _ in classes]
    names = [name for _, name in classes]

    def one(value: float) -> str:
        if pd.isna(value):
            return ""
        for upper, name in zip(uppers, names):
            if value < upper:
                return name
        return names[-1]

    return d.map(one).astype(str)


def near_boundary(d: pd.Series, classes: list[tuple[float, str]], margin: float) -> pd.Series:
    """The class boundary within `margin` of each D (as a number), NaN where none is: a class resting on a hair."""
    inner = np.array([upper for upper, _ in classes[:-1]])

    def one(value: float) -> float:
        if pd.isna(value) or not len(inner):
            return np.nan
        gaps = np.abs(inner - value)
        nearest = int(gaps.argmin())
        return float(inner[nearest]) if gaps[nearest] < margin else np.nan

    return d.map(one).astype(float)


def spearman(a: pd.Series, b: pd.Series) -> float:
    """Spearman rank correlation of two aligned series (Pearson of average ranks); NaN for fewer than 3 pairs."""
    both = a.notna() & b.notna()
    if both.sum() < 3:
        return float("nan")
    return float(a[both].rank().corr(b[both].rank()))
