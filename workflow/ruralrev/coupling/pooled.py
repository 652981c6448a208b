"""The pooled panel: the provinces over the window fitted together, and China scored on their scale.

One call gives every D the main result and each sensitivity variant needs: fit on the provinces' complete
place-years, score the provinces and China with the same bounds, weights and ideal points.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ruralrev.coupling.fit import Fitted, Method, fit, score
from ruralrev.coupling.series import wide_table
from ruralrev.coupling.system import CHINA, System


@dataclass(frozen=True)
class Pooled:
    """Scores and normalised values of every place-year (provinces and China), and what the fit fixed."""

    scores: pd.DataFrame  # index (geo_code, year): U1, U2, C, T, D, class, boundary, used, note
    normalised: pd.DataFrame  # index (geo_code, year): one column per indicator
    wide: pd.DataFrame  # the raw values, same index
    fitted: Fitted


def pooled(
    rows: pd.DataFrame,
    provinces: list[str],
    years: list[int],
    system: System,
    method: Method,
    classes: list[tuple[float, str]],
    margin: float,
) -> Pooled:
    """Fit on the provinces' place-years of `years`, then score the provinces and China on that scale."""
    provincial = wide_table(rows, provinces, years, system.names)
    fitted = fit(provincial, system, method)
    everyone = wide_table(rows, [*provinces, CHINA], years, system.names)
    scores, normalised = score(everyone, fitted, classes, margin)
    return Pooled(scores, normalised, everyone, fitted)


def ranks(scores: pd.DataFrame, provinces: list[str]) -> pd.Series:
    """Rank of each province's D within its year (1 = highest; ties share the best rank); China unranked."""
    years = scores.index.get_level_values("year")
    codes = scores.index.get_level_values("geo_code")
    d = scores["D"].where(pd.Series(codes, index=scores.index).isin(provinces))
    return d.groupby(years).rank(ascending=False, method="min").astype("Int64")
