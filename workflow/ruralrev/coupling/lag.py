"""Relative development degree and lag type: which subsystem holds the coordination back in a place-year.

E = U2 / U1 (rural revitalization relative to urbanization). Below the lower bound rural revitalization lags,
above the upper bound urbanization lags, between them the two are balanced (bounds from config `lag_bounds`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

RURAL_LAGGING = "rural revitalization lagging"
URBAN_LAGGING = "urbanization lagging"
BALANCED = "balanced"


def relative_development(u1: pd.Series, u2: pd.Series) -> pd.Series:
    """E = U2 / U1; NaN where either is missing."""
    return u2 / u1


def lag_type(relative: pd.Series, lower: float, upper: float) -> pd.Series:
    """The lag type of each E ('' where E is missing)."""
    kinds = np.select(
        [relative < lower, relative > upper, relative.notna()], [RURAL_LAGGING, URBAN_LAGGING, BALANCED], default=""
    )
    return pd.Series(kinds, index=relative.index, dtype=str)
