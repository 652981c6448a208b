"""The coupling coordination degree (CCD) model of two subsystems, as pure functions on a wide table.

Input: one row per place-year, one column per indicator (NaN = missing). For each subsystem s with
indicators j and directions (+/-):

    y_ij = shift + (1 - shift) * (x_ij - min_j) / (max_j - min_j)      positive indicator
    y_ij = shift + (1 - shift) * (max_j - x_ij) / (max_j - min_j)      negative indicator
    p_ij = y_ij / sum_i y_ij;   e_j = -1/ln(n_j) * sum_i p_ij ln p_ij;   w_j = (1 - e_j) / sum_k (1 - e_k)
    U_s = sum_j w_j y_ij
    C = 2 sqrt(U1 U2) / (U1 + U2);   T = alpha U1 + beta U2;   D = sqrt(C T)

The shift keeps every y above 0 so that p ln p is defined, and y stays within [shift, 1].
Minimum and maximum are taken over the whole sample (all place-years of a scope), so the weights
and indices depend on the sample. Missing values are never filled: under the rule `drop` a
place-year lacking any kept indicator is left uncomputed (normalisation and weights then use the
complete rows only); under `redistribute` each indicator is normalised and weighted on the rows
that have it, and a row lacking it is scored with the weights of its available indicators rescaled
to sum to 1 (only if at least `min_indicators` of the subsystem are available).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ruralrev.coupling.checks import check_classes  # noqa: F401  (re-exported for callers of the model)
from ruralrev.errors import UserError

SUBSYSTEMS = ("U1", "U2")
RULES = ("drop", "redistribute")


@dataclass(frozen=True)
class Spec:
    """One model configuration: indicator -> (subsystem, direction) and the scalar choices.

    No defaults here: they live in config/config.yaml and the config schema.
    """

    indicators: dict[str, tuple[str, str]]
    classes: list[tuple[float, str]]
    alpha: float
    beta: float
    shift: float
    rule: str
    min_coverage: float
    min_indicators: int
    # Indicators excluded before fitting (used by the sensitivity runs), with the reason.
    left_out: dict[str, str] = field(default_factory=dict)

    def of(self, subsystem: str) -> list[str]:
        """Indicators of one subsystem (U1 or U2) in configuration order."""
        return [name for name, (sub, _) in self.indicators.items() if sub == subsystem]


def normalise(values: pd.Series, direction: str, shift: float) -> pd.Series:
    """Min-max normalisation with direction onto [shift, 1]; NaN stays NaN."""
    low, high = values.min(), values.max()
    if not high > low:
        raise ValueError(f"{values.name}: constant or empty, cannot be normalised")
    scaled = (values - low) / (high - low) if direction == "+" else (high - values) / (high - low)
    return shift + (1.0 - shift) * scaled


def entropy(normalised: pd.Series) -> float:
    """Information entropy e_j of one normalised indicator over its non-missing rows (n >= 2)."""
    y = normalised.dropna().to_numpy(dtype=float)
    p = y / y.sum()
    return float(-(p * np.log(p)).sum() / np.log(len(y)))


def entropy_weights(normalised: pd.DataFrame) -> pd.DataFrame:
    """Entropy and weight of each column (one subsystem); the weights sum to 1."""
    e = pd.Series({name: entropy(normalised[name]) for name in normalised.columns}, dtype=float)
    d = 1.0 - e
    if d.sum() <= 0:
        raise ValueError("no indicator varies: entropy weights are undefined")
    return pd.DataFrame({"entropy": e, "weight": d / d.sum()})


def composite(normalised: pd.DataFrame, weights: pd.Series, min_indicators: int) -> pd.Series:
    """U per row: weighted sum over available indicators with the weights rescaled to sum to 1.

    A complete row gets sum_j w_j y_j exactly; a row with fewer than min_indicators values gets NaN.
    """
    present = normalised.notna()
    available_weight = present.mul(weights, axis=1).sum(axis=1)
    score = normalised.fillna(0.0).mul(weights, axis=1).sum(axis=1) / available_weight
    return score.where(present.sum(axis=1) >= min_indicators)


def coupling_degree(u1, u2):
    """C = 2 sqrt(U1 U2) / (U1 + U2), in [0, 1]; 1 when U1 = U2."""
    return 2.0 * np.sqrt(u1 * u2) / (u1 + u2)


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


def choose_indicators(wide: pd.DataFrame, spec: Spec) -> tuple[list[str], dict[str, str]]:
    """Indicators kept for this sample and the reason for each one left out (coverage, constancy)."""
    kept, left = [], dict(spec.left_out)
    for name in spec.indicators:
        if name in left:
            continue
        column = wide[name] if name in wide.columns else pd.Series(np.nan, index=wide.index)
        share = column.notna().mean() if len(column) else 0.0
        if share < spec.min_coverage:
            left[name] = (
                f"covers {int(column.notna().sum())} of {len(column)} place-years "
                f"({share:.0%}) < min_coverage {spec.min_coverage:.0%}"
            )
        elif column.nunique() < 2:
            left[name] = "constant across the sample (carries no information)"
        else:
            kept.append(name)
    return kept, left


def _sample(wide: pd.DataFrame, kept: list[str], rule: str) -> pd.Series:
    """Rows that enter normalisation and weighting: all under redistribute, complete ones under drop."""
    if rule == "drop":
        return wide[kept].notna().all(axis=1)
    return pd.Series(True, index=wide.index)


def fit(wide: pd.DataFrame, spec: Spec) -> dict[str, pd.DataFrame]:
    """Scores (U1, U2, C, T, D, class, used, left_out, note per row) and weights of one sample."""
    if spec.rule not in RULES:
        raise UserError(f"coupling.missing_values: {spec.rule!r} is not one of {', '.join(RULES)}")
    kept, left = choose_indicators(wide, spec)
    sample = _sample(wide, kept, spec.rule)
    scores = pd.DataFrame(index=wide.index)
    weight_rows, short, normalised_parts = [], {}, []
    for sub in SUBSYSTEMS:
        names = [n for n in spec.of(sub) if n in kept]
        if len(names) < spec.min_indicators:
            short[sub] = names
            scores[sub] = np.nan
            continue
        normalised = pd.DataFrame(
            {n: normalise(wide.loc[sample, n], spec.indicators[n][1], spec.shift) for n in names}
        ).reindex(wide.index)
        weights = entropy_weights(normalised)
        for name, row in weights.iterrows():
            weight_rows.append(
                {
                    "indicator": name,
                    "subsystem": sub,
                    "direction": spec.indicators[name][1],
                    "entropy": row["entropy"],
                    "weight": row["weight"],
                }
            )
        scores[sub] = composite(normalised, weights["weight"], spec.min_indicators)
        normalised_parts.append(normalised)
    c = coupling_degree(scores["U1"], scores["U2"])
    t = development_index(scores["U1"], scores["U2"], spec.alpha, spec.beta)
    scores["C"], scores["T"] = c, t
    scores["D"] = coordination_degree(c, t)
    scores["class"] = classify(scores["D"], spec.classes)
    scores["used"], scores["left_out"], scores["note"] = _row_notes(wide, kept, left, short, spec, scores)
    weights = pd.DataFrame(weight_rows, columns=["indicator", "subsystem", "direction", "entropy", "weight"])
    normalised = pd.concat(normalised_parts, axis=1) if normalised_parts else pd.DataFrame(index=wide.index)
    # Only values that entered a computed D count as used.
    normalised = normalised.where(scores["D"].notna(), axis=0)
    return {"scores": scores, "weights": weights, "normalised": normalised}


def _row_notes(wide, kept, left, short, spec, scores) -> tuple[list[str], list[str], list[str]]:
    """Per row: indicators used, indicators left out (with reasons), and a note on what was done."""
    used_all, left_all, notes = [], [], []
    scope_left = [f"{name} ({reason})" for name, reason in left.items()]
    for index in wide.index:
        present = [n for n in kept if pd.notna(wide.at[index, n])]
        absent = [n for n in kept if n not in present]
        used_all.append(" ".join(present) if pd.notna(scores.at[index, "D"]) else "")
        left_all.append("; ".join(scope_left + [f"{n} (no value for this place-year)" for n in absent]))
        parts = [
            f"{sub} lacks data: {len(names)} usable indicator(s) {names} < min_indicators {spec.min_indicators}"
            for sub, names in short.items()
        ]
        if absent and not short:
            if spec.rule == "drop":
                parts.append("dropped (missing_values: drop): lacks " + ", ".join(absent))
            elif pd.notna(scores.at[index, "D"]):
                parts.append("weights redistributed over the available indicators (lacks " + ", ".join(absent) + ")")
            else:
                lacking = [s for s in SUBSYSTEMS if pd.isna(scores.at[index, s])]
                parts.append(
                    f"not computed: {', '.join(lacking)} below min_indicators {spec.min_indicators} "
                    f"(lacks {', '.join(absent)})"
                )
        notes.append("; ".join(parts))
    return used_all, left_all, notes
