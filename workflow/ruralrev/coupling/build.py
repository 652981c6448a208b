"""The coupling stage on the harmonized panel: the provinces as one pooled panel over the window, China scored on
their scale, the indicator table and the study areas' rows.

Inputs are the preferred panel rows of each configured indicator with an annual or year-end definition; raw
rows flagged contradicted (config `figure_contradicted`) are never used.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ruralrev.coupling import inequality, lag, obstacles
from ruralrev.coupling import system as systems
from ruralrev.coupling.areas import study_area_rows
from ruralrev.coupling.checks import check_coupling
from ruralrev.coupling.fit import Method, check_duplicates, correlations
from ruralrev.coupling.pooled import Pooled, pooled, ranks
from ruralrev.coupling.sensitivity import sensitivity
from ruralrev.coupling.series import series
from ruralrev.coupling.system import CHINA, LABELS, System

SCORE_COLUMNS = [
    "scope",
    "place",
    "geo_code",
    "region",
    "year",
    "U1",
    "U2",
    "C",
    "T",
    "D",
    "class",
    "boundary",
    "rank",
    "relative_development",
    "lag_type",
    "indicators_used",
    "note",
    "sources",
]
INDICATOR_COLUMNS = [
    "subsystem",
    "dimension",
    "indicator",
    "direction",
    "definition",
    "price_basis",
    "unit",
    "source",
    "weight",
    "entropy",
    "low",
    "high",
    "place_years",
    "most_correlated",
    "correlation",
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


def method_of(config: dict) -> Method:
    """The model choices of the `coupling` config section."""
    return Method(
        normalisation=config["normalisation"],
        weighting=config["weighting"],
        aggregation=config["aggregation"],
        coupling=config["coupling_formula"],
        shift=float(config["shift"]),
        alpha=float(config["alpha"]),
        beta=float(config["beta"]),
    )


def classes_of(config: dict) -> list[tuple[float, str]]:
    return [(float(c["upper"]), str(c["name"])) for c in config["classes"]]


def region_of(config: dict) -> dict[str, str]:
    """Province code -> region name (config `regions`)."""
    return {str(code): region for region, codes in config["regions"].items() for code in codes}


def years_of(config: dict) -> list[int]:
    first, last = config["window"]
    return list(range(int(first), int(last) + 1))


def _sources(rows: pd.DataFrame, used: pd.Series) -> list[str]:
    """Sorted source ids of the values used in each place-year."""
    keyed = rows.set_index(["geo_code", "year", "indicator"])["source"].to_dict()
    out = []
    for (code, year), names in used.items():
        ids = {part for name in str(names).split() for part in str(keyed.get((code, year, name), "")).split(";")}
        out.append(" ".join(sorted(i for i in ids if i)))
    return out


def score_rows(main: Pooled, rows: pd.DataFrame, provinces: list[str], config: dict, names: dict) -> pd.DataFrame:
    """coupling.csv's rows of China (scope national) and the provinces, on one scale, with the relative
    development degree U2/U1 and the lag type."""
    scores = main.scores.copy()
    scores["rank"] = ranks(scores, provinces)
    scores["relative_development"] = lag.relative_development(scores["U1"], scores["U2"])
    scores["lag_type"] = lag.lag_type(scores["relative_development"], *map(float, config["lag_bounds"]))
    scores["sources"] = _sources(rows, scores["used"])
    out = scores.reset_index().rename(columns={"used": "indicators_used"})
    out.insert(0, "scope", np.where(out["geo_code"] == CHINA, "national", "provinces"))
    out.insert(1, "place", out["geo_code"].map(names).fillna(out["geo_code"]))
    out.insert(3, "region", out["geo_code"].map(region_of(config)).fillna(""))
    return out[SCORE_COLUMNS]


def indicator_table(main: Pooled, rows: pd.DataFrame, system: System, bases: dict, provinces: list[str]):
    """One row per indicator (dimension, direction, definition, price basis, source, weight, bounds, coverage,
    its most correlated peer) and one per dimension no indicator measures."""
    fitted = main.fitted
    sample = main.wide.loc[main.wide.index.get_level_values("geo_code").isin(provinces)]
    correlated = correlations(sample, system)
    out = []
    for item in system.indicators:
        here = rows[rows["indicator"] == item.name]
        used = main.normalised[item.name].notna()
        keys = set(main.normalised.index[used])
        mask = [(code, year) in keys for code, year in zip(here["geo_code"], here["year"])]
        ids = sorted({part for text in here.loc[mask, "source"] for part in str(text).split(";") if part})
        out.append(
            {
                "subsystem": item.subsystem,
                "dimension": item.dimension,
                "indicator": item.name,
                "direction": item.direction,
                "definition": item.definition,
                "price_basis": bases[item.name],
                "unit": str(here["unit"].iloc[0]) if len(here) else "",
                "source": " ".join(ids),
                "weight": fitted.weights.at[item.name, "weight"],
                "entropy": fitted.weights.at[item.name, "entropy"],
                "low": fitted.bounds.at[item.name, "low"],
                "high": fitted.bounds.at[item.name, "high"],
                "place_years": int(sample[item.name].notna().sum()),
                "most_correlated": correlated.at[item.name, "most_correlated"],
                "correlation": correlated.at[item.name, "correlation"],
                "status": "used",
            }
        )
    for sub, dimensions in system.missing_dimensions().items():
        for dimension in dimensions:
            out.append(
                {
                    "subsystem": sub,
                    "dimension": dimension,
                    "indicator": "",
                    "status": f"missing: no indicator of {LABELS[sub]}'s {dimension.replace('_', ' ')} dimension "
                    "has data for the provinces in the window",
                }
            )
    return pd.DataFrame(out, columns=INDICATOR_COLUMNS)


def input_rows(main: Pooled, rows: pd.DataFrame) -> pd.DataFrame:
    """Every value that entered a computed D, with its normalised value and provenance."""
    long = main.normalised.stack().dropna().rename("normalised").reset_index()
    long.columns = ["geo_code", "year", "indicator", "normalised"]
    merged = long.merge(rows, on=["geo_code", "year", "indicator"], how="left")
    merged.insert(0, "scope", np.where(merged["geo_code"] == CHINA, "national", "provinces"))
    return merged[INPUT_COLUMNS]


def obstacle_rows(main: Pooled, scores: pd.DataFrame, names: dict) -> pd.DataFrame:
    """Obstacle degrees of every indicator and dimension for each computed place of the latest year."""
    fitted = main.fitted
    latest = int(scores.loc[scores["scope"] == "provinces"].dropna(subset=["D"])["year"].max())
    here = main.normalised[main.normalised.index.get_level_values("year") == latest]
    degrees = obstacles.obstacle_degrees(
        here, fitted.weights["weight"], fitted.system, fitted.method.alpha, fitted.method.beta
    )
    table = obstacles.long_table(degrees, fitted.system)
    table.insert(0, "scope", np.where(table["geo_code"] == CHINA, "national", "provinces"))
    table.insert(1, "place", table["geo_code"].map(names).fillna(table["geo_code"]))
    return table


def distribution_rows(scores: pd.DataFrame, config: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(Dagum Gini of the provinces' D by region per year, kernel density of their D per year)."""
    provinces = scores[(scores["scope"] == "provinces")].dropna(subset=["D"])
    gini = inequality.gini_table(provinces["D"], provinces["region"], provinces["year"])
    options = config["density"]
    density = inequality.densities(provinces["D"], provinces["year"], int(options["points"]), options["bandwidth"])
    return gini, density


def prepare(indicators: pd.DataFrame, config: dict, contradicted=()) -> tuple[System, pd.DataFrame, dict]:
    """(system, indicator rows, price bases) from the panel, without the rows flagged contradicted."""
    check_coupling(config, known=None, source="coupling config")
    system = systems.from_config(config)
    flagged = {(str(item["raw_file"]), str(item["raw_row"])) for item in contradicted}
    keep = [(str(f), str(r)) not in flagged for f, r in zip(indicators["raw_file"], indicators["raw_row"])]
    rows, bases = series(indicators[keep], system)
    return system, rows, bases


def build(
    indicators: pd.DataFrame, config: dict, regions: list[dict], contradicted: list[dict] = ()
) -> dict[str, pd.DataFrame]:
    """coupling, coupling_obstacles, coupling_inequality, coupling_density, coupling_indicators,
    coupling_sensitivity(_provinces) and coupling_inputs frames from the panel."""
    system, rows, bases = prepare(indicators, config, contradicted)
    provinces = sorted(region_of(config))
    years, classes, margin = years_of(config), classes_of(config), float(config["boundary_margin"])
    main = pooled(rows, provinces, years, system, method_of(config), classes, margin)
    table = indicator_table(main, rows, system, bases, provinces)
    check_duplicates(table.dropna(subset=["correlation"]).set_index("indicator"), float(config["max_correlation"]))
    places = indicators.drop_duplicates("geo_code")
    names = dict(zip(places["geo_code"].astype(str), places["geo_name"].astype(str)))
    scores = pd.concat(
        [
            score_rows(main, rows, provinces, config, names),
            study_area_rows(rows, regions, system, names).reindex(columns=SCORE_COLUMNS),
        ],
        ignore_index=True,
    )
    scores["year"] = scores["year"].astype("Int64")
    scores["rank"] = scores["rank"].astype("Int64")
    options = config["sensitivity"]
    variants, per_province = sensitivity(
        rows, provinces, main, years, classes, margin, options["windows"], options["shifts"]
    )
    gini, density = distribution_rows(scores, config)
    frames = {
        "coupling": scores,
        "coupling_obstacles": obstacle_rows(main, scores, names),
        "coupling_inequality": gini,
        "coupling_density": density,
        "coupling_indicators": table,
        "coupling_sensitivity": variants,
        "coupling_sensitivity_provinces": per_province,
        "coupling_inputs": input_rows(main, rows),
    }
    return {name: rounded(frame) for name, frame in frames.items()}


def rounded(frame: pd.DataFrame) -> pd.DataFrame:
    """Floats at a fixed number of decimals: stable bytes and no false precision (raw values kept whole)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype.kind == "f" and column not in ("value", "low", "high"):
            out[column] = out[column].round(DECIMALS)
    return out
