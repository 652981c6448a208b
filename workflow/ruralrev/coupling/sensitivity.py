"""Sensitivity of the coordination degree D to the weights alpha/beta and to each indicator.

Every variant refits the whole model (normalisation and entropy weights included) and is compared
with the baseline on the rows both compute: mean and largest absolute change of D, rows whose
class changes, and the rank correlation of D across places in the latest common year.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from ruralrev.coupling.model import Spec, choose_indicators, fit

ALPHAS = (0.3, 0.4, 0.5, 0.6, 0.7)
COLUMNS = [
    "variant",
    "kind",
    "alpha",
    "beta",
    "left_out",
    "rows",
    "mean_D",
    "mean_abs_change_D",
    "max_abs_change_D",
    "class_changes",
    "rank_correlation_latest",
    "note",
]


def compare(base: pd.DataFrame, other: pd.DataFrame, years: pd.Series) -> dict:
    """Change of D from `base` to `other` on the rows both compute."""
    both = base["D"].notna() & other["D"].notna()
    change = (other.loc[both, "D"] - base.loc[both, "D"]).abs()
    out = {
        "rows": int(both.sum()),
        "mean_D": float(other.loc[both, "D"].mean()) if both.any() else np.nan,
        "mean_abs_change_D": float(change.mean()) if both.any() else np.nan,
        "max_abs_change_D": float(change.max()) if both.any() else np.nan,
        "class_changes": int((base.loc[both, "class"] != other.loc[both, "class"]).sum()),
        "rank_correlation_latest": np.nan,
    }
    if both.any():
        latest = years[both].max()
        here = both & (years == latest)
        if here.sum() > 2:
            # Spearman: Pearson correlation of the ranks.
            out["rank_correlation_latest"] = float(base.loc[here, "D"].rank().corr(other.loc[here, "D"].rank()))
    return out


def sensitivity(wide: pd.DataFrame, spec: Spec, years: pd.Series, alphas=ALPHAS) -> pd.DataFrame:
    """One row per variant: alpha in `alphas` (beta = 1 - alpha), and each kept indicator dropped in turn."""
    base = fit(wide, spec)["scores"]
    rows = []
    for alpha in alphas:
        alpha = round(float(alpha), 10)
        beta = round(1.0 - alpha, 10)
        other = fit(wide, replace(spec, alpha=alpha, beta=beta))["scores"]
        rows.append(
            {
                "variant": f"alpha={alpha:g}, beta={beta:g}",
                "kind": "alpha",
                "alpha": alpha,
                "beta": beta,
                "left_out": "",
                "note": "",
                **compare(base, other, years),
            }
        )
    kept, _ = choose_indicators(wide, spec)
    for name in kept:
        subsystem = spec.indicators[name][0]
        remaining = len([n for n in spec.of(subsystem) if n in kept and n != name])
        # Dropping one of few indicators may leave fewer than min_indicators: the variant is then
        # computed from what remains (at least one), and the note says so.
        relaxed = max(1, min(spec.min_indicators, remaining))
        variant = replace(spec, left_out={**spec.left_out, name: "dropped for sensitivity"}, min_indicators=relaxed)
        note = (
            f"min_indicators relaxed to {relaxed} ({subsystem} keeps {remaining})"
            if relaxed < spec.min_indicators
            else ""
        )
        dropped = {
            "variant": f"without {name}",
            "kind": "drop",
            "alpha": spec.alpha,
            "beta": spec.beta,
            "left_out": name,
        }
        if remaining == 0:
            rows.append(
                {
                    **dropped,
                    "rows": 0,
                    "class_changes": 0,
                    "note": f"{subsystem} has no other indicator: D not computable",
                }
            )
            continue
        other = fit(wide, variant)["scores"]
        rows.append({**dropped, "note": note, **compare(base, other, years)})
    return pd.DataFrame(rows, columns=COLUMNS)
