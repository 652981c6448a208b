"""The coupling stage on the harmonized panel: national series, the provinces as one panel, study areas.

Inputs are the preferred panel rows of each configured indicator with an annual or year-end
definition (census counts and multi-year totals are other measures). Each scope is fitted on its own
sample: China over the national years; the 31 provinces over all province-years of the provincial
window, normalised together so that provinces can be ranked. Study areas are not fitted: their row
states, per subsystem, which indicators have a series there and why D is not computed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ruralrev.coupling.areas import study_area_rows
from ruralrev.coupling.checks import SUBSYSTEM_KEYS, check_coupling, indicator_name
from ruralrev.coupling.model import Spec, choose_indicators, fit
from ruralrev.coupling.sensitivity import sensitivity
from ruralrev.coupling.series import ratios_of, series, wide_table
from ruralrev.errors import UserError

CHINA = "100000"
PROVINCE = r"^\d{2}0000$"
SCORE_COLUMNS = [
    "scope",
    "place",
    "geo_code",
    "year",
    "U1",
    "U2",
    "C",
    "T",
    "D",
    "class",
    "rank",
    "indicators_used",
    "left_out",
    "note",
    "sources",
]
WEIGHT_COLUMNS = [
    "scope",
    "indicator",
    "subsystem",
    "direction",
    "entropy",
    "weight",
    "place_years",
    "coverage",
    "status",
]
INPUT_COLUMNS = [
    "scope",
    "geo_code",
    "year",
    "indicator",
    "value",
    "unit",
    "normalised",
    "vintage",
    "source",
    "raw_file",
    "raw_row",
]
DECIMALS = 6


def spec_from_config(config: dict) -> Spec:
    """The model Spec of the (validated) `coupling` config section."""
    check_coupling(config, known=None, source="coupling config")
    indicators = {
        indicator_name(item): (subsystem, item["direction"])
        for key, subsystem in SUBSYSTEM_KEYS.items()
        for item in config["subsystems"][key]
    }
    classes = [(float(c["upper"]), str(c["name"])) for c in config["classes"]]
    return Spec(
        indicators=indicators,
        classes=classes,
        alpha=float(config["alpha"]),
        beta=float(config["beta"]),
        shift=float(config["shift"]),
        rule=config["missing_values"],
        min_coverage=float(config["min_coverage"]),
        min_indicators=int(config["min_indicators"]),
    )


def _sources(rows: pd.DataFrame, used: pd.Series) -> pd.Series:
    """Sorted source ids of the values used in each place-year."""
    keyed = rows.set_index(["geo_code", "year", "indicator"])["source"]
    out = {}
    for (code, year), names in used.items():
        ids = {part for name in str(names).split() for part in str(keyed.get((code, year, name), "")).split(";")}
        out[(code, year)] = " ".join(sorted(i for i in ids if i))
    return pd.Series(out, dtype=str).reindex(used.index).fillna("")


def fit_scope(
    scope: str, rows: pd.DataFrame, codes: list[str], years: range, spec: Spec, names: dict[str, str]
) -> dict[str, pd.DataFrame]:
    """Scores, weights, sensitivity and inputs of one scope (a set of places over a window of years)."""
    wide = wide_table(rows, codes, years, list(spec.indicators))
    fitted = fit(wide, spec)
    scores = fitted["scores"].reset_index()
    scores.insert(0, "scope", scope)
    scores.insert(1, "place", scores["geo_code"].map(names).fillna(scores["geo_code"]))
    scores = scores.rename(columns={"used": "indicators_used"})
    scores["rank"] = scores.groupby("year")["D"].rank(ascending=False, method="min").astype("Int64")
    if len(codes) == 1:
        scores["rank"] = pd.array([pd.NA] * len(scores), dtype="Int64")
    scores["sources"] = _sources(rows, fitted["scores"]["used"]).to_numpy()
    weights = _weights(scope, wide, spec, fitted["weights"])
    years_of_rows = pd.Series(wide.index.get_level_values("year"), index=wide.index)
    table = sensitivity(wide, spec, years_of_rows)
    table.insert(0, "scope", scope)
    inputs = _inputs(scope, rows, fitted["normalised"])
    return {"scores": scores[SCORE_COLUMNS], "weights": weights, "sensitivity": table, "inputs": inputs}


def _weights(scope: str, wide: pd.DataFrame, spec: Spec, fitted: pd.DataFrame) -> pd.DataFrame:
    """One row per configured indicator: its weight if used, otherwise why it was left out."""
    _, left = choose_indicators(wide, spec)
    fitted = fitted.set_index("indicator")
    rows = []
    for name, (subsystem, direction) in spec.indicators.items():
        column = wide[name]
        used = name in fitted.index
        status = "used" if used else f"left out: {left.get(name, 'subsystem below min_indicators')}"
        rows.append(
            {
                "scope": scope,
                "indicator": name,
                "subsystem": subsystem,
                "direction": direction,
                "entropy": fitted.at[name, "entropy"] if used else np.nan,
                "weight": fitted.at[name, "weight"] if used else np.nan,
                "place_years": int(column.notna().sum()),
                "coverage": float(column.notna().mean()),
                "status": status,
            }
        )
    return pd.DataFrame(rows, columns=WEIGHT_COLUMNS)


def _inputs(scope: str, rows: pd.DataFrame, normalised: pd.DataFrame) -> pd.DataFrame:
    """Every panel value that entered a computed D, with its normalised value and provenance."""
    long = normalised.stack().dropna().rename("normalised").reset_index()
    long.columns = ["geo_code", "year", "indicator", "normalised"]
    merged = long.merge(rows, on=["geo_code", "year", "indicator"], how="left")
    merged.insert(0, "scope", scope)
    return merged[INPUT_COLUMNS]


def provinces(rows: pd.DataFrame) -> list[str]:
    """Province-level codes (not China) that hold any of the indicators."""
    codes = rows.loc[rows["geo_code"].str.fullmatch(PROVINCE) & (rows["geo_code"] != CHINA), "geo_code"]
    return sorted(codes.unique())


def build(
    indicators: pd.DataFrame, config: dict, regions: list[dict], contradicted: list[dict] = ()
) -> dict[str, pd.DataFrame]:
    """coupling, coupling_weights, coupling_sensitivity and coupling_inputs frames from the panel.

    Raw rows flagged contradicted (config `figure_contradicted`) are never used.
    """
    spec = spec_from_config(config)
    flagged = {(str(item["raw_file"]), str(item["raw_row"])) for item in contradicted}
    keep = [(str(f), str(r)) not in flagged for f, r in zip(indicators["raw_file"], indicators["raw_row"])]
    rows = series(indicators[keep], ratios_of(config))
    places = indicators.drop_duplicates("geo_code")
    names = dict(zip(places["geo_code"].astype(str), places["geo_name"].astype(str)))
    first, last = config["national_years"]
    scopes = [("national", [CHINA], range(first, last + 1))]
    first, last = config["province_years"]
    scopes.append(("provinces", provinces(rows), range(first, last + 1)))
    parts = [fit_scope(scope, rows, codes, years, spec, names) for scope, codes, years in scopes if codes]
    if not parts:
        raise UserError("coupling: the panel holds none of the configured indicators; run the harmonize stage")
    scores = pd.concat(
        [p["scores"] for p in parts] + [study_area_rows(rows, regions, spec, names).reindex(columns=SCORE_COLUMNS)],
        ignore_index=True,
    )
    scores["year"] = scores["year"].astype("Int64")
    scores["rank"] = scores["rank"].astype("Int64")
    frames = {
        "coupling": scores,
        "coupling_weights": pd.concat([p["weights"] for p in parts], ignore_index=True),
        "coupling_sensitivity": pd.concat([p["sensitivity"] for p in parts], ignore_index=True),
        "coupling_inputs": pd.concat([p["inputs"] for p in parts], ignore_index=True),
    }
    return {name: _rounded(frame) for name, frame in frames.items()}


def _rounded(frame: pd.DataFrame) -> pd.DataFrame:
    """Floats at a fixed number of decimals: stable bytes and no false precision."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype.kind == "f" and column not in ("value",):
            out[column] = out[column].round(DECIMALS)
    return out
