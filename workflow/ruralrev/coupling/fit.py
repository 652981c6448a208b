"""Fit the CCD model once on a pooled sample (all province-years of the window) and score any place-year on the
same bounds, weights and ideal points, so that every D is a level on one scale (China included).

A place-year is scored only on the full indicator set; the config may exempt named place-years from named
indicators (their weight is then redistributed within the subsystem, and the row says so). Nothing is filled in.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ruralrev.coupling import model
from ruralrev.coupling.system import LABELS, System
from ruralrev.errors import UserError

NORMALISATIONS = ("global", "reference")
WEIGHTINGS = ("entropy", "critic", "equal")
AGGREGATIONS = ("weighted_sum", "topsis")


@dataclass(frozen=True)
class Method:
    """The model's choices: normalisation bounds, weights, aggregation, C formula, shift, alpha and beta."""

    normalisation: str = "global"  # global: bounds over the whole sample; reference: over its first year, clipped
    weighting: str = "entropy"
    aggregation: str = "weighted_sum"
    coupling: str = "standard"
    shift: float = 0.0001
    alpha: float = 0.5
    beta: float = 0.5


@dataclass(frozen=True)
class Fitted:
    """What a fit fixes: per indicator its bounds and weight (within its subsystem), and the TOPSIS ideal points."""

    system: System
    method: Method
    bounds: pd.DataFrame  # index indicator: low, high
    weights: pd.DataFrame  # index indicator: subsystem, entropy (if entropy weights), weight
    ideal: pd.DataFrame  # index indicator: best, worst (weighted values of the sample)
    sample_rows: int


def complete(wide: pd.DataFrame, system: System) -> pd.Series:
    """Rows with every indicator of the system (the fitting sample's rows)."""
    return wide[system.names].notna().all(axis=1)


def normalise_all(wide: pd.DataFrame, system: System, bounds: pd.DataFrame, method: Method) -> pd.DataFrame:
    """Every indicator of every row on the given bounds (NaN stays NaN)."""
    clip = method.normalisation == "reference"
    return pd.DataFrame(
        {
            item.name: model.normalise(
                wide[item.name],
                bounds.at[item.name, "low"],
                bounds.at[item.name, "high"],
                item.direction,
                method.shift,
                clip=clip,
            )
            for item in system.indicators
        },
        index=wide.index,
    )


def _bounds(sample: pd.DataFrame, system: System, method: Method) -> pd.DataFrame:
    if method.normalisation not in NORMALISATIONS:
        raise UserError(f"coupling.normalisation: {method.normalisation!r} is not one of {', '.join(NORMALISATIONS)}")
    rows = sample
    if method.normalisation == "reference":
        years = sample.index.get_level_values("year")
        rows = sample[years == years.min()]
    bounds = pd.DataFrame({"low": rows[system.names].min(), "high": rows[system.names].max()})
    flat = [name for name in system.names if not bounds.at[name, "high"] > bounds.at[name, "low"]]
    if flat:
        raise UserError(
            f"coupling.indicators {flat[0]!r}: the same value in every place-year of the sample, so it cannot be "
            "normalised or weighted; leave it out"
        )
    return bounds


def _weights(normalised: pd.DataFrame, method: Method) -> pd.DataFrame:
    if method.weighting == "entropy":
        return model.entropy_weights(normalised)
    if method.weighting == "critic":
        return pd.DataFrame({"entropy": np.nan, "weight": model.critic_weights(normalised)})
    if method.weighting == "equal":
        return pd.DataFrame({"entropy": np.nan, "weight": model.equal_weights(normalised.columns)})
    raise UserError(f"coupling.weighting: {method.weighting!r} is not one of {', '.join(WEIGHTINGS)}")


def fit(wide: pd.DataFrame, system: System, method: Method) -> Fitted:
    """Bounds, weights and ideal points from the scorable rows of `wide` (the pooled sample): complete rows and
    rows excused by a config exception, each indicator over the rows that have it."""
    sample = wide[scorable(wide, system)[0]]
    if len(sample) < 2:
        raise UserError(
            f"coupling: {len(sample)} place-year(s) have every configured indicator in the window; check "
            "coupling.window and coupling.indicators against the panel"
        )
    bounds = _bounds(sample, system, method)
    normalised = normalise_all(sample, system, bounds, method)
    parts, ideal = [], []
    for sub in LABELS:
        names = [item.name for item in system.of(sub)]
        if not names:
            raise UserError(f"coupling: {sub} ({LABELS[sub]}) has no indicator left; D cannot be computed")
        weights = _weights(normalised[names], method).assign(subsystem=sub)
        parts.append(weights)
        ideal.append(model.ideal_points(normalised[names], weights["weight"]))
    weights = pd.concat(parts)[["subsystem", "entropy", "weight"]]
    return Fitted(system, method, bounds, weights, pd.concat(ideal), len(sample))


def _index(normalised: pd.DataFrame, fitted: Fitted, sub: str) -> pd.Series:
    names = [item.name for item in fitted.system.of(sub)]
    weights = fitted.weights.loc[names, "weight"]
    if fitted.method.aggregation == "weighted_sum":
        return model.weighted_sum(normalised[names], weights)
    if fitted.method.aggregation == "topsis":
        return model.topsis(normalised[names], weights, fitted.ideal.loc[names])
    raise UserError(f"coupling.aggregation: {fitted.method.aggregation!r} is not one of {', '.join(AGGREGATIONS)}")


def scorable(wide: pd.DataFrame, system: System) -> tuple[pd.Series, list[str]]:
    """(whether each row may be scored, its note): the full set, or only exempted indicators missing."""
    ok, notes = [], []
    # One isna() over the frame: iterrows builds a Series per row (2 s over the 38 calls of a run).
    missing = wide[system.names].isna().to_numpy()
    for (code, year), gaps in zip(wide.index, missing):
        absent = [name for name, gap in zip(system.names, gaps) if gap]
        unexcused = [name for name in absent if system.excepted(code, int(year), name) is None]
        if not absent:
            ok.append(True)
            notes.append("")
        elif unexcused:
            ok.append(False)
            notes.append(
                "not computed: lacks " + ", ".join(unexcused) + " (a place-year is scored on the full indicator set)"
            )
        else:
            reasons = dict.fromkeys(system.excepted(code, int(year), name).reason for name in absent)
            ok.append(True)
            notes.append(
                "scored without " + ", ".join(absent) + " (config exception: " + "; ".join(reasons) + "); their "
                "weight is redistributed within the subsystem"
            )
    return pd.Series(ok, index=wide.index), notes


def score(
    wide: pd.DataFrame, fitted: Fitted, classes: list[tuple[float, str]], margin: float
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(scores, normalised values) of every row of `wide` on the fitted scale.

    scores: U1, U2, C, T, D, class, boundary (a class boundary within `margin` of D), used, note.
    """
    system, method = fitted.system, fitted.method
    ok, notes = scorable(wide, system)
    normalised = normalise_all(wide, system, fitted.bounds, method).where(ok, axis=0)
    scores = pd.DataFrame(index=wide.index)
    for sub in LABELS:
        scores[sub] = _index(normalised, fitted, sub)
    scores["C"] = model.coupling_degree(scores["U1"], scores["U2"], method.coupling)
    scores["T"] = model.development_index(scores["U1"], scores["U2"], method.alpha, method.beta)
    scores["D"] = model.coordination_degree(scores["C"], scores["T"])
    scores["class"] = model.classify(scores["D"], classes)
    scores["boundary"] = model.near_boundary(scores["D"], classes, margin)
    # One notna() over the frame, not one .at look-up per cell (9 s of the coupling step).
    present = normalised[system.names].notna().to_numpy()
    scores["used"] = [" ".join(name for name, have in zip(system.names, row) if have) for row in present]
    # A place outside the fitting sample (China, another window) may lie beyond the bounds: say so.
    outside = ((normalised < method.shift - 1e-12) | (normalised > 1 + 1e-12)).any(axis=1)
    scores["note"] = [
        "; ".join(part for part in (note, "outside the pooled panel's bounds on some indicator" if out else "") if part)
        for note, out in zip(notes, outside)
    ]
    return scores, normalised


def correlations(wide: pd.DataFrame, system: System) -> pd.DataFrame:
    """For each indicator, the other indicator of its subsystem it correlates with most over the sample (Pearson r).

    Only within a subsystem: two subsystems moving together is what the coupling measures, not a duplicate.
    """
    sample = wide.loc[complete(wide, system), system.names]
    matrix = sample.corr()
    rows = []
    for item in system.indicators:
        name = item.name
        peers = [other.name for other in system.of(item.subsystem) if other.name != name]
        others = matrix.loc[peers, name].dropna()
        if others.empty:
            rows.append({"indicator": name, "most_correlated": "", "correlation": np.nan})
            continue
        partner = others.abs().idxmax()
        rows.append({"indicator": name, "most_correlated": partner, "correlation": float(others[partner])})
    return pd.DataFrame(rows).set_index("indicator")


def check_duplicates(correlated: pd.DataFrame, limit: float) -> None:
    """UserError when two indicators correlate above `limit` (in absolute value): they measure the same thing."""
    for name, row in correlated.iterrows():
        if pd.notna(row["correlation"]) and abs(row["correlation"]) > limit:
            raise UserError(
                f"coupling.indicators {name!r} and {row['most_correlated']!r} correlate at r = "
                f"{row['correlation']:.3f} over the pooled sample (|r| above coupling.max_correlation {limit}): "
                "they measure the same thing; keep one of them"
            )
