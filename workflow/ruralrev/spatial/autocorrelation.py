"""Spatial autocorrelation with PySAL (esda): global Moran's I and local Moran clusters (LISA).

Inference by permutation with a fixed seed, so p-values and clusters are the same on every run. Local p-values
are esda 2.9's conditional-permutation pseudo p-values of the observed side ("directed", as GeoDa reports them;
the release announces a two-sided default for its next major version). Quadrants:
HH (high value among high neighbours), LH, LL, HL; a unit whose local statistic is not significant at the
configured level is "not significant".
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

QUADRANTS = {1: "HH", 2: "LH", 3: "LL", 4: "HL"}
NOT_SIGNIFICANT = "not significant"
MORAN_COLUMNS = ["I", "expected", "z", "p_sim", "permutations", "units"]


def _esda():
    with warnings.catch_warnings():  # esda warns about optional accelerators it does without
        warnings.simplefilter("ignore")
        import esda
    return esda


def global_moran(values: pd.Series, w, permutations: int, seed: int) -> dict:
    """Moran's I of values (indexed by the weights' ids), its expectation, z (normality) and permutation p."""
    esda = _esda()
    y = values.reindex(w.id_order).to_numpy(dtype=float)
    # esda's global Moran draws its permutations from NumPy's global generator: seed it, then restore it.
    state = np.random.get_state()
    np.random.seed(seed)
    try:
        moran = esda.Moran(y, w, permutations=permutations)
    finally:
        np.random.set_state(state)
    return {
        "I": float(moran.I),
        "expected": float(moran.EI),
        "z": float(moran.z_norm),
        "p_sim": float(moran.p_sim),
        "permutations": permutations,
        "units": len(y),
    }


def local_clusters(values: pd.Series, w, permutations: int, seed: int, significance: float) -> pd.DataFrame:
    """Per unit: local Moran's I, its quadrant, permutation p and the cluster (quadrant if significant)."""
    esda = _esda()
    y = values.reindex(w.id_order).to_numpy(dtype=float)
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        # The announcement of the future two-sided default, and z of a unit whose permuted values never vary.
        warnings.simplefilter("ignore", DeprecationWarning)
        local = esda.Moran_Local(y, w, permutations=permutations, seed=seed, n_jobs=1)
    quadrant = pd.Series(local.q).map(QUADRANTS).to_numpy()
    significant = local.p_sim < significance
    return pd.DataFrame(
        {
            "geo_code": w.id_order,
            "local_I": local.Is,
            "quadrant": quadrant,
            "p_sim": local.p_sim,
            "cluster": np.where(significant, quadrant, NOT_SIGNIFICANT),
        }
    )
