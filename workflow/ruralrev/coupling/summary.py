"""The report's coupling tables and sentences, computed from the coupling stage's outputs.

Each function takes the frames the stage wrote (coupling.csv, coupling_weights.csv,
coupling_sensitivity.csv) and the effective configuration (coupling_config.json), so a notebook
only calls them and displays the result.
"""

from __future__ import annotations

import pandas as pd

from ruralrev.coupling.sensitivity import COLUMNS

SUBSYSTEM_LABELS = {"U1": "urbanization", "U2": "rural revitalization"}


def method_markdown(config: dict) -> str:
    """The method with its formulas (as code) and every configured choice, as Markdown.

    The only numbers outside code are configured values, which the values registry holds (registry_values).
    """
    minimum = config["min_indicators"]
    rule_text = (
        "a place-year lacking a kept indicator is scored with the weights of its available indicators rescaled to "
        f"sum to one, provided each subsystem keeps at least {minimum} of them; otherwise it is not computed"
        if config["missing_values"] == "redistribute"
        else "a place-year lacking any kept indicator is dropped (not computed, with a note); normalisation and "
        "weights use the complete place-years only"
    )
    return "\n".join(
        [
            "Two subsystems, urbanization (U1) and rural revitalization (U2), each a list of panel "
            "indicators with a direction. Each indicator is min–max normalised over all place-years of the sample, "
            f"with a small shift s = {config['shift']:g} so that no value is exactly zero:",
            "",
            "- positive indicator: `y = s + (1 − s)·(x − min)/(max − min)`; negative indicator: "
            "`y = s + (1 − s)·(max − x)/(max − min)`",
            "- entropy weights per subsystem: `p = y/Σy`, `e = −Σ p·ln p / ln n`, `w = (1 − e)/Σ(1 − e)`",
            "- composite indices `U1 = Σ w·y` over the urbanization indicators, U2 likewise",
            "- coupling `C = 2·√(U1·U2)/(U1 + U2)`; development `T = α·U1 + β·U2` with "
            f"α = {config['alpha']:g} and β = {config['beta']:g}; coordination `D = √(C·T)`",
            "",
            f"An indicator is left out of a sample when it covers fewer than {config['min_coverage']:.0%} of the "
            f"sample's place-years (the reason is written next to it). Missing values are never filled: {rule_text}. "
            "China is fitted on its own years; the provinces are fitted as one panel over all province-years, so "
            "they can be ranked. Entropy weights and the min–max bounds depend on the sample: adding a year or a "
            "province changes every index, and the national D measures change within its window (its first year "
            "sits near the minimum of every indicator), not a level comparable with the provinces' D.",
        ]
    )


def class_table(config: dict) -> pd.DataFrame:
    """The ten D classes with their ranges."""
    rows, lower = [], 0.0
    for item in config["classes"]:
        upper = float(item["upper"])
        closing = "]" if upper == 1.0 else ")"
        rows.append({"D": f"[{lower:.2f}, {upper:.2f}{closing}", "class": item["name"]})
        lower = upper
    return pd.DataFrame(rows)


def weights_table(weights: pd.DataFrame) -> pd.DataFrame:
    """Indicators per scope with direction, entropy, weight, coverage and status."""
    out = weights.copy()
    out["subsystem"] = out["subsystem"].map(lambda s: f"{s} {SUBSYSTEM_LABELS.get(s, '')}".strip())
    out["coverage"] = (out["coverage"] * 100).round(0).astype(int).astype(str) + " %"
    return out[
        ["scope", "subsystem", "indicator", "direction", "entropy", "weight", "place_years", "coverage", "status"]
    ]


def national_table(coupling: pd.DataFrame) -> pd.DataFrame:
    """China's series year by year."""
    national = coupling[coupling["scope"] == "national"].sort_values("year")
    return national[["year", "U1", "U2", "C", "T", "D", "class", "note"]].reset_index(drop=True)


def latest_year(coupling: pd.DataFrame, scope: str = "provinces") -> int | None:
    """The latest year with a computed D in a scope."""
    computed = coupling[(coupling["scope"] == scope) & coupling["D"].notna()]
    return int(computed["year"].max()) if not computed.empty else None


def ranking_table(coupling: pd.DataFrame, year: int | None = None) -> pd.DataFrame:
    """The provinces ranked by D in one year (default: the latest computed year)."""
    year = latest_year(coupling) if year is None else year
    rows = coupling[(coupling["scope"] == "provinces") & (coupling["year"] == year)]
    rows = rows.sort_values(["rank", "geo_code"], na_position="last")
    return rows[["rank", "place", "geo_code", "U1", "U2", "C", "D", "class", "note"]].reset_index(drop=True)


def sensitivity_table(sensitivity: pd.DataFrame) -> pd.DataFrame:
    """Change of D under alpha/beta 0.3–0.7 and without each indicator."""
    shown = ["scope", "variant"] + [c for c in COLUMNS if c not in ("variant", "kind", "alpha", "beta", "left_out")]
    return sensitivity[shown].reset_index(drop=True)


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


def missing_counts(coupling: pd.DataFrame) -> dict[str, dict[str, int]]:
    """Per scope: place-years, computed, computed with redistributed weights, not computed."""
    counts = {}
    for scope in ("national", "provinces"):
        rows = coupling[coupling["scope"] == scope]
        if rows.empty:
            continue
        missing = int(rows["D"].isna().sum())
        counts[scope] = {
            "rows": len(rows),
            "computed": len(rows) - missing,
            "redistributed": int(rows["note"].str.contains("redistributed", na=False).sum()),
            "not_computed": missing,
        }
    return counts


def missing_summary(coupling: pd.DataFrame, config: dict) -> str:
    """How the missing-value rule acted: rows computed in full, redistributed, dropped or not computed."""
    parts = [
        f"{scope}: {c['computed']} of {c['rows']} place-years computed, {c['redistributed']} of them with "
        f"redistributed weights, {c['not_computed']} not computed"
        for scope, c in missing_counts(coupling).items()
    ]
    return f"Missing values (rule `{config['missing_values']}`): " + "; ".join(parts) + "."


def _trend(first: float, last: float) -> str:
    """'rose from', 'fell from' or 'was unchanged from', as the two values compare at two decimals."""
    if f"{last:.2f}" == f"{first:.2f}":
        return "was unchanged from"
    return "rose from" if last > first else "fell from"


def finding(coupling: pd.DataFrame, highlight: dict[str, str] | None = None) -> str:
    """One sentence on China's coordination class and trend, and the highlighted provinces' ranks."""
    national = coupling[(coupling["scope"] == "national")].dropna(subset=["D"]).sort_values("year")
    if national.empty:
        return "The coupling coordination degree could not be computed for China from the configured indicators."
    first, last = national.iloc[0], national.iloc[-1]
    text = (
        f"China's coupling coordination degree of urbanization and rural revitalization {_trend(first['D'], last['D'])} "
        f"{first['D']:.2f} ({first['class']}) in {int(first['year'])} to {last['D']:.2f} ({last['class']}) "
        f"in {int(last['year'])}, measured within that window"
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
        for key in ("shift", "alpha", "beta", "min_indicators")
    ]
    share = config["min_coverage"]
    out.append(
        {
            "name": "coupling.config.min_coverage",
            "value": share,
            "unit": "share",
            "text": f"{share:.0%}",
            "source": configured,
        }
    )

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
    for scope, counts in missing_counts(coupling).items():
        for key, value in counts.items():
            out.append(
                {
                    "name": f"coupling.{scope}.{key}",
                    "value": value,
                    "unit": "place-years",
                    "text": str(value),
                    "source": f"{source}: {scope} rows",
                }
            )
    return out
