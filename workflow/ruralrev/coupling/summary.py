"""The report's coupling tables and sentences, computed from the coupling stage's outputs.

Each function takes the frames the stage wrote (coupling.csv, coupling_indicators.csv, coupling_sensitivity.csv)
and the effective configuration (coupling_config.json), so a notebook only calls them and displays the result.
Every number a sentence states is also a values-registry entry (registry_values).
"""

from __future__ import annotations

import pandas as pd

from ruralrev.coupling.system import LABELS

CONFIGURED = ("shift", "alpha", "beta", "boundary_margin", "max_correlation")


def method_markdown(config: dict) -> str:
    """The method with its formulas (as code) and every configured choice, as Markdown.

    The only numbers outside code are configured values, which the values registry holds (registry_values).
    """
    first, last = config["window"]
    return "\n".join(
        [
            "Two subsystems, urbanization (U1) and rural revitalization (U2), each measured by indicators grouped in "
            "dimensions, each with a direction. **One scale:** every indicator is min–max normalised once over the "
            f"pooled panel of all province-years {first}–{last}, with a small shift s = {config['shift']:g}, and "
            "weighted once on that panel; China is scored on the same bounds and weights, so its D is a level on "
            "the provinces' scale, not a change within its own years.",
            "",
            "- positive indicator: `y = s + (1 − s)·(x − min)/(max − min)`; negative indicator: "
            "`y = s + (1 − s)·(max − x)/(max − min)`",
            "- entropy weights per subsystem: `p = y/Σy`, `e = −Σ p·ln p / ln n`, `w = (1 − e)/Σ(1 − e)`",
            "- composite indices `U1 = Σ w·y` over the urbanization indicators, U2 likewise",
            "- coupling `C = 2·√(U1·U2)/(U1 + U2)`; development `T = α·U1 + β·U2` with "
            f"α = {config['alpha']:g} and β = {config['beta']:g}; coordination `D = √(C·T)`",
            "- relative development `E = U2/U1` and its lag type; obstacle degree `O = F·(1 − y)/Σ F·(1 − y)` with "
            "`F` the indicator's weight times its subsystem's (α or β)",
            "- regional inequality: the Gini of D and Dagum's decomposition into within-region, net between-region "
            "and transvariation parts; spatial dependence: Moran's I and local Moran's I (LISA) on shared-border "
            "weights, permutation p-values with a fixed seed",
            "",
            "**One indicator set:** a place-year is scored only when it has every indicator; the config names the "
            "few exceptions, whose weight is then redistributed within the subsystem. Money amounts enter "
            "price-free (no provincial price index is available): as a ratio of two amounts of the same place and "
            "year, or relative to China's value of the same year. Two indicators of one subsystem correlating above "
            f"|r| = {config['max_correlation']:g} measure the same thing and only one is kept. A D closer than "
            f"{config['boundary_margin']:g} to a class boundary is flagged: its class rests on a hair.",
        ]
    )


def class_table(config: dict) -> pd.DataFrame:
    """The D classes with their ranges."""
    rows, lower = [], 0.0
    for item in config["classes"]:
        upper = float(item["upper"])
        closing = "]" if upper == 1.0 else ")"
        rows.append({"D": f"[{lower:.2f}, {upper:.2f}{closing}", "class": item["name"]})
        lower = upper
    return pd.DataFrame(rows)


def indicator_table(indicators: pd.DataFrame) -> pd.DataFrame:
    """The indicator system: subsystem, dimension, indicator, direction, definition, price basis, source, weight."""
    out = indicators.copy()
    out["subsystem"] = out["subsystem"].map(lambda s: f"{s} {LABELS.get(s, '')}".strip())
    out["dimension"] = out["dimension"].str.replace("_", " ")
    out["indicator"] = out["indicator"].fillna("")
    out["status"] = out["status"].where(out["status"] != "used", "")
    return out[
        ["subsystem", "dimension", "indicator", "direction", "definition", "price_basis", "source", "weight", "status"]
    ].reset_index(drop=True)


def missing_dimensions(indicators: pd.DataFrame) -> dict[str, list[str]]:
    """Per subsystem label, the dimensions without an indicator."""
    missing = indicators[indicators["status"].str.startswith("missing", na=False)]
    return {
        LABELS[sub]: [d.replace("_", " ") for d in group["dimension"]] for sub, group in missing.groupby("subsystem")
    }


def missing_sentence(indicators: pd.DataFrame) -> str:
    """'Dimensions without data: urbanization: society, ecology; rural revitalization: culture.'"""
    missing = missing_dimensions(indicators)
    if not missing:
        return "Every configured dimension has at least one indicator."
    parts = [f"{label}: {', '.join(dims)}" for label, dims in missing.items()]
    return (
        "Dimensions without data, so not measured (named, not dropped silently): " + "; ".join(parts) + ". "
        "D measures coordination of what the indicators cover."
    )


def national_table(coupling: pd.DataFrame) -> pd.DataFrame:
    """China's series year by year, on the provinces' scale."""
    national = coupling[coupling["scope"] == "national"].sort_values("year")
    return national[["year", "U1", "U2", "C", "T", "D", "class", "note"]].reset_index(drop=True)


def latest_year(coupling: pd.DataFrame, scope: str = "provinces") -> int | None:
    """The latest year with a computed D in a scope."""
    computed = coupling[(coupling["scope"] == scope) & coupling["D"].notna()]
    return int(computed["year"].max()) if not computed.empty else None


def first_year(coupling: pd.DataFrame, scope: str = "provinces") -> int | None:
    """The first year with a computed D in a scope."""
    computed = coupling[(coupling["scope"] == scope) & coupling["D"].notna()]
    return int(computed["year"].min()) if not computed.empty else None


def ranking_table(coupling: pd.DataFrame, year: int | None = None) -> pd.DataFrame:
    """The provinces ranked by D in one year (default: the latest computed year)."""
    year = latest_year(coupling) if year is None else year
    rows = coupling[(coupling["scope"] == "provinces") & (coupling["year"] == year)].copy()
    rows = rows.sort_values(["rank", "geo_code"], na_position="last")
    rows["boundary"] = rows["boundary"].map(lambda b: f"within reach of {b:.1f}" if pd.notna(b) else "")
    columns = ["rank", "place", "region", "geo_code", "U1", "U2", "C", "D", "class", "boundary"]
    return rows[[*columns, "relative_development", "lag_type"]].reset_index(drop=True)


def obstacle_table(obstacles: pd.DataFrame) -> pd.DataFrame:
    """Per place of the latest year: the dimension and the two indicators that hold it back most, with shares."""
    rows = []
    for (code, place), group in obstacles.groupby(["geo_code", "place"], sort=True):
        dims = group[group["level"] == "dimension"].sort_values("rank")
        inds = group[group["level"] == "indicator"].sort_values("rank")
        first, second = inds.iloc[0], inds.iloc[1]
        rows.append(
            {
                "place": place,
                "geo_code": code,
                "year": int(group["year"].iloc[0]),
                "dimension": f"{LABELS[dims.iloc[0]['subsystem']]}: {dims.iloc[0]['dimension'].replace('_', ' ')}",
                "dimension_share": dims.iloc[0]["obstacle"],
                "indicator": first["indicator"],
                "indicator_share": first["obstacle"],
                "second": second["indicator"],
                "second_share": second["obstacle"],
            }
        )
    return pd.DataFrame(rows)


def gini_table(inequality: pd.DataFrame) -> pd.DataFrame:
    """Per year: the Gini of D and its within, net between and transvariation parts (value and share)."""
    main = inequality[inequality["groups"].fillna("") == ""]
    values = main.pivot(index="year", columns="component", values="value")
    shares = main.pivot(index="year", columns="component", values="share").add_suffix("_share")
    return values.join(shares).reset_index()


def sensitivity_table(sensitivity: pd.DataFrame) -> pd.DataFrame:
    """What moves D: each variant against the main result."""
    return sensitivity.reset_index(drop=True)


def study_area_table(coupling: pd.DataFrame) -> pd.DataFrame:
    """The study areas and which subsystem lacks data."""
    return coupling.loc[coupling["scope"] == "study_area", ["place", "geo_code", "note"]].reset_index(drop=True)


def study_area_provinces(coupling: pd.DataFrame) -> dict[str, str]:
    """Province code -> name of the provinces that contain the study areas (as ranked in coupling.csv)."""
    areas = coupling.loc[coupling["scope"] == "study_area", "geo_code"].astype(str)
    provinces = coupling[coupling["scope"] == "provinces"].drop_duplicates("geo_code")
    names = dict(zip(provinces["geo_code"].astype(str), provinces["place"]))
    codes = dict.fromkeys(code[:2] + "0000" for code in areas)
    return {code: names[code] for code in codes if code in names}


def _trend(first: float, last: float) -> str:
    """'rose from', 'fell from' or 'was unchanged from', as the two values compare at two decimals."""
    if f"{last:.2f}" == f"{first:.2f}":
        return "was unchanged at two decimals from"
    return "rose from" if last > first else "fell from"


def finding(coupling: pd.DataFrame, highlight: dict[str, str] | None = None) -> str:
    """One sentence on China's level and trend on the provinces' scale, and the highlighted provinces' ranks."""
    national = coupling[(coupling["scope"] == "national")].dropna(subset=["D"]).sort_values("year")
    if national.empty:
        return "The coupling coordination degree could not be computed for China from the configured indicators."
    first, last = national.iloc[0], national.iloc[-1]
    text = (
        f"On the provinces' scale, China's coupling coordination degree of urbanization and rural revitalization "
        f"{_trend(first['D'], last['D'])} {first['D']:.2f} ({first['class']}) in {int(first['year'])} to "
        f"{last['D']:.2f} ({last['class']}) in {int(last['year'])}"
    )
    year = latest_year(coupling)
    ranked = []
    for code, label in (highlight or {}).items():
        row = coupling[(coupling["scope"] == "provinces") & (coupling["year"] == year) & (coupling["geo_code"] == code)]
        if not row.empty and pd.notna(row["rank"].iloc[0]):
            total = int(coupling[(coupling["scope"] == "provinces") & (coupling["year"] == year)]["D"].notna().sum())
            ranked.append(
                f"{label} ranked {int(row['rank'].iloc[0])} of {total} ({row['class'].iloc[0]}, "
                f"D {row['D'].iloc[0]:.2f})"
            )
    if ranked:
        text += f"; among the provinces in {year}, " + " and ".join(ranked)
    return text + "."


def registry_values(coupling: pd.DataFrame, config: dict) -> list[dict]:
    """Every number the coupling prose states, as values-registry entries (name, value, unit, text, source)."""
    source, configured = "data/processed/coupling.csv", "config `coupling` (data/processed/coupling_config.json)"
    out = [
        {
            "name": f"coupling.config.{key}",
            "value": config[key],
            "unit": "",
            "text": f"{config[key]:g}",
            "source": configured,
        }
        for key in CONFIGURED
    ]

    def row(name: str, index, column: str, text: str, unit: str = "") -> None:
        value = coupling.at[index, column]
        value = value.item() if hasattr(value, "item") else value
        out.append({"name": name, "value": value, "unit": unit, "text": text, "source": f"{source} row {index + 1}"})

    national = coupling[coupling["scope"] == "national"].dropna(subset=["D"]).sort_values("year")
    for label, index in (("first", national.index.min()), ("latest", national.index.max())):
        if pd.isna(index):
            continue
        row(f"coupling.{label}.year", index, "year", str(int(coupling.at[index, "year"])), "year")
        row(f"coupling.{label}.d", index, "D", f"{coupling.at[index, 'D']:.2f}", "index")
        row(f"coupling.{label}.class", index, "class", str(coupling.at[index, "class"]))
    year = latest_year(coupling)
    latest = coupling[(coupling["scope"] == "provinces") & (coupling["year"] == year) & coupling["D"].notna()]
    if year is not None:
        out.append(
            {
                "name": "coupling.provinces.count",
                "value": len(latest),
                "unit": "provinces",
                "text": str(len(latest)),
                "source": f"{source}: provinces computed in {year}",
            }
        )
        out.append(
            {
                "name": "coupling.provinces.year",
                "value": int(year),
                "unit": "year",
                "text": str(int(year)),
                "source": f"{source}: latest year with every province computed",
            }
        )
    for code in study_area_provinces(coupling):
        for index in latest.index[latest["geo_code"] == code]:
            row(f"coupling.province.{code}.rank", index, "rank", str(int(coupling.at[index, "rank"])), "rank")
            row(f"coupling.province.{code}.d", index, "D", f"{coupling.at[index, 'D']:.2f}", "index")
            row(f"coupling.province.{code}.lag", index, "lag_type", str(coupling.at[index, "lag_type"]))
    return out
