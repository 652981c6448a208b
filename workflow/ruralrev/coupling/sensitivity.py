"""What moves D: the whole model refitted under each alternative choice and compared with the main result.

Variants: the other normalisation (reference bounds), the other weights (CRITIC, equal or entropy), the other
aggregation (entropy-TOPSIS or weighted sum), the other C formula, other windows, other shifts, and each measured
dimension left out in turn. Each is compared with the main result on the province-years both compute: mean D,
mean and largest |change| of D, Spearman correlation of the provinces' D in the first and last common year,
province-years and provinces (last year) changing class, and China's D in the last year.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from ruralrev.coupling import model
from ruralrev.coupling.fit import AGGREGATIONS, NORMALISATIONS, WEIGHTINGS, Method
from ruralrev.coupling.pooled import Pooled, pooled, ranks
from ruralrev.coupling.system import CHINA, LABELS, System
from ruralrev.errors import UserError

COLUMNS = [
    "variant",
    "kind",
    "rows",
    "mean_D",
    "mean_abs_change_D",
    "max_abs_change_D",
    "spearman_first",
    "spearman_last",
    "class_changes",
    "class_changes_last",
    "china_D_last",
    "note",
]
PROVINCE_COLUMNS = [
    "variant",
    "kind",
    "geo_code",
    "year",
    "D",
    "change_D",
    "rank",
    "rank_change",
    "class",
    "class_changed",
]
LABEL = {
    "reference": "reference bounds (window's first year, clipped)",
    "global": "global bounds (all province-years)",
    "entropy": "entropy weights",
    "critic": "CRITIC weights",
    "equal": "equal weights",
    "topsis": "entropy-TOPSIS closeness",
    "weighted_sum": "weighted sum",
    "modified": "modified C (Wang Shujia et al. 2021)",
    "standard": "standard C",
}


@dataclass(frozen=True)
class Variant:
    name: str
    kind: str
    method: Method
    system: System
    years: list[int]


def variants(system: System, method: Method, years: list[int], windows, shifts) -> list[Variant]:
    """Every alternative the sensitivity table shows, in a fixed order."""
    out = []
    for kind, field, choices in (
        ("normalisation", "normalisation", NORMALISATIONS),
        ("weighting", "weighting", WEIGHTINGS),
        ("aggregation", "aggregation", AGGREGATIONS),
        ("coupling", "coupling", model.COUPLING_FORMULAS),
    ):
        for choice in choices:
            if choice != getattr(method, field):
                out.append(Variant(LABEL[choice], kind, replace(method, **{field: choice}), system, years))
    for first, last in windows:
        window = list(range(int(first), int(last) + 1))
        if window != years:
            out.append(Variant(f"window {first}–{last}", "window", method, system, window))
    for shift in shifts:
        if float(shift) != method.shift:
            out.append(Variant(f"shift {float(shift):g}", "shift", replace(method, shift=float(shift)), system, years))
    for sub, dimensions in system.dimensions.items():
        for dimension in dimensions:
            names = {item.name for item in system.of(sub) if item.dimension == dimension}
            if names:
                label = f"without {LABELS[sub]}: {dimension.replace('_', ' ')}"
                out.append(Variant(label, "dimension", method, system.without(names), years))
    return out


def compare(base: Pooled, other: Pooled, provinces: list[str]) -> tuple[dict, pd.DataFrame]:
    """(summary of the change from base to other on the province-years both compute, per-province last year)."""
    a, b = base.scores, other.scores
    common = a.index.intersection(b.index)
    codes = common.get_level_values("geo_code")
    common = common[codes.isin(provinces)]
    both = common[a.loc[common, "D"].notna().to_numpy() & b.loc[common, "D"].notna().to_numpy()]
    summary = {"rows": len(both), "class_changes": 0, "class_changes_last": 0}
    if not len(both):
        return summary, pd.DataFrame(columns=PROVINCE_COLUMNS)
    change = b.loc[both, "D"] - a.loc[both, "D"]
    years = both.get_level_values("year")
    first, last = years.min(), years.max()

    def in_year(year):
        return both[years == year]

    changed = a.loc[both, "class"] != b.loc[both, "class"]
    summary.update(
        {
            "mean_D": float(b.loc[both, "D"].mean()),
            "mean_abs_change_D": float(change.abs().mean()),
            "max_abs_change_D": float(change.abs().max()),
            "spearman_first": model.spearman(a.loc[in_year(first), "D"], b.loc[in_year(first), "D"]),
            "spearman_last": model.spearman(a.loc[in_year(last), "D"], b.loc[in_year(last), "D"]),
            "class_changes": int(changed.sum()),
            "class_changes_last": int(changed[years == last].sum()),
        }
    )
    china = (CHINA, int(last))
    summary["china_D_last"] = float(b.at[china, "D"]) if china in b.index else np.nan
    here = in_year(last)
    rank_a, rank_b = ranks(a.loc[here], provinces), ranks(b.loc[here], provinces)
    per = pd.DataFrame(
        {
            "geo_code": here.get_level_values("geo_code"),
            "year": int(last),
            "D": b.loc[here, "D"].to_numpy(),
            "change_D": change.loc[here].to_numpy(),
            "rank": rank_b.to_numpy(),
            "rank_change": (rank_b - rank_a).to_numpy(),
            "class": b.loc[here, "class"].to_numpy(),
            "class_changed": changed.loc[here].to_numpy(),
        }
    )
    return summary, per


def sensitivity(
    rows: pd.DataFrame,
    provinces: list[str],
    main: Pooled,
    years: list[int],
    classes: list[tuple[float, str]],
    margin: float,
    windows=(),
    shifts=(),
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(one row per variant, the main result first; per variant and province the last common year)."""
    system, method = main.fitted.system, main.fitted.method
    base, base_per = compare(main, main, provinces)
    table = [{"variant": "main result", "kind": "main", **base, "note": ""}]
    per = [base_per.assign(variant="main result", kind="main")]
    for variant in variants(system, method, years, windows, shifts):
        try:
            other = pooled(rows, provinces, variant.years, variant.system, variant.method, classes, margin)
        except UserError as error:
            # A variant the data cannot support (a window without complete years, a subsystem left empty).
            table.append({"variant": variant.name, "kind": variant.kind, "rows": 0, "note": str(error)})
            continue
        summary, changes = compare(main, other, provinces)
        table.append({"variant": variant.name, "kind": variant.kind, **summary, "note": ""})
        per.append(changes.assign(variant=variant.name, kind=variant.kind))
    provinces_frame = pd.concat(per, ignore_index=True)[PROVINCE_COLUMNS]
    provinces_frame["rank"] = provinces_frame["rank"].astype("Int64")
    provinces_frame["rank_change"] = provinces_frame["rank_change"].astype("Int64")
    return pd.DataFrame(table, columns=COLUMNS), provinces_frame
