"""The numbers the coupling section's prose states and the sentences that state them.

`entries` reads them from the stage's tables as values-registry entries (name, value, unit, text, source); every
sentence below is built from those entries' texts, so the prose and the registry cannot disagree.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ruralrev.coupling.system import LABELS

FILES = {
    "coupling": "coupling.csv",
    "indicators": "coupling_indicators.csv",
    "sensitivity": "coupling_sensitivity.csv",
    "inequality": "coupling_inequality.csv",
    "moran": "coupling_moran.csv",
    "county_moran": "county_moran.csv",
}
TOP = 5


def read(folder) -> dict[str, pd.DataFrame]:
    """The stage's tables the narrative reads, from the processed folder (a table not there is left out)."""
    from pathlib import Path

    out = {}
    for key, name in FILES.items():
        path = Path(folder) / name
        if path.exists():
            out[key] = pd.read_csv(path, dtype={"geo_code": str, "admin_code": str})
    return out


def _entry(name, value, unit, text, source) -> dict:
    value = value.item() if hasattr(value, "item") else value
    return {"name": name, "value": value, "unit": unit, "text": text, "source": source}


def _provinces_last(coupling: pd.DataFrame) -> pd.DataFrame:
    provinces = coupling[coupling["scope"] == "provinces"].dropna(subset=["D"])
    return provinces[provinces["year"] == provinces["year"].max()].sort_values("rank")


def entries(frames: dict[str, pd.DataFrame], config: dict) -> dict[str, dict]:
    """Every number of the coupling narrative, keyed by registry name."""
    out: dict[str, dict] = {}

    def add(*args) -> None:
        entry = _entry(*args)
        out[entry["name"]] = entry

    coupling = frames["coupling"]
    source = "data/processed/coupling.csv"
    for key, value in (("lag_lower", config["lag_bounds"][0]), ("lag_upper", config["lag_bounds"][1])):
        add(f"coupling.config.{key}", value, "ratio", f"{value:g}", "config `coupling.lag_bounds`")
    provinces = coupling[coupling["scope"] == "provinces"].dropna(subset=["D"])
    add("coupling.c.median", provinces["C"].median(), "index", f"{provinces['C'].median():.3f}", f"{source}: C")
    root_t = np.sqrt(provinces["T"].astype(float))
    r = float(np.corrcoef(provinces["D"].astype(float), root_t)[0, 1])
    add("coupling.d_sqrt_t.r", r, "correlation", f"{r:.3f}", f"{source}: Pearson r of D and √T over province-years")
    last = _provinces_last(coupling)
    year = int(last["year"].iloc[0])
    for position, (_, row) in enumerate(last.head(TOP).iterrows(), start=1):
        add(f"coupling.top.{position}.d", row["D"], "index", f"{row['D']:.3f}", f"{source}: {row['place']} {year}")
    for position, (_, row) in enumerate(last.tail(TOP).iloc[::-1].iterrows(), start=1):
        add(f"coupling.bottom.{position}.d", row["D"], "index", f"{row['D']:.3f}", f"{source}: {row['place']} {year}")
    for kind, count in last["lag_type"].value_counts().items():
        add(f"coupling.lag.{kind.replace(' ', '_')}", int(count), "provinces", str(int(count)), f"{source}: {year}")
    if "sensitivity" in frames:
        ranked = frames["sensitivity"][frames["sensitivity"]["kind"] != "main"].dropna(subset=["mean_abs_change_D"])
        ranked = ranked.sort_values("mean_abs_change_D", ascending=False)
        for label, row in (("largest", ranked.iloc[0]), ("smallest", ranked.iloc[-1])):
            name = f"coupling.sensitivity.{label}"
            add(
                f"{name}.change",
                row["mean_abs_change_D"],
                "index",
                f"{row['mean_abs_change_D']:.3f}",
                f"data/processed/coupling_sensitivity.csv: {row['variant']}",
            )
            add(
                f"{name}.spearman",
                row["spearman_last"],
                "correlation",
                f"{row['spearman_last']:.2f}",
                f"data/processed/coupling_sensitivity.csv: {row['variant']}",
            )
        for kind in ("weighting", "coupling", "window"):
            rows = ranked[ranked["kind"] == kind]
            if len(rows):
                worst = rows.iloc[0]
                add(
                    f"coupling.sensitivity.{kind}.change",
                    worst["mean_abs_change_D"],
                    "index",
                    f"{worst['mean_abs_change_D']:.3f}",
                    f"data/processed/coupling_sensitivity.csv: {worst['variant']}",
                )
    if "inequality" in frames:
        totals = frames["inequality"][frames["inequality"]["component"] == "total"].set_index("year")["value"]
        for label, year_ in (("first", totals.index.min()), ("last", totals.index.max())):
            add(
                f"coupling.gini.{label}",
                totals[year_],
                "Gini",
                f"{totals[year_]:.3f}",
                f"data/processed/coupling_inequality.csv: total {year_}",
            )
            add(f"coupling.gini.{label}_year", int(year_), "year", str(int(year_)), "coupling_inequality.csv")
        parts = frames["inequality"]
        share = parts[(parts["component"] == "between") & (parts["year"] == totals.index.max())]["share"].iloc[0]
        add("coupling.gini.between_share", share, "share", f"{share:.0%}", "data/processed/coupling_inequality.csv")
    if "moran" in frames and len(frames["moran"]):
        moran = frames["moran"].set_index("year")
        for label, year_ in (("first", moran.index.min()), ("last", moran.index.max())):
            add(
                f"coupling.moran.{label}",
                moran.at[year_, "I"],
                "Moran's I",
                f"{moran.at[year_, 'I']:.3f}",
                f"data/processed/coupling_moran.csv: {year_}",
            )
            add(f"coupling.moran.{label}_year", int(year_), "year", str(int(year_)), "coupling_moran.csv")
        add(
            "coupling.moran.p_max",
            moran["p_sim"].max(),
            "p",
            f"{moran['p_sim'].max():.3f}",
            "data/processed/coupling_moran.csv: largest permutation p",
        )
    if "county_moran" in frames:
        county = frames["county_moran"].set_index("variable")
        for variable in county.index:
            add(
                f"county.moran.{variable}",
                county.at[variable, "I"],
                "Moran's I",
                f"{county.at[variable, 'I']:.3f}",
                "data/processed/county_moran.csv",
            )
    return out


def _t(values: dict, name: str) -> str:
    return values[name]["text"]


def finding_sentences(coupling: pd.DataFrame, values: dict, highlight: dict[str, str]) -> str:
    """The five most and least coordinated provinces and the study areas' provinces' lag types (Markdown)."""
    last = _provinces_last(coupling)
    year = int(last["year"].iloc[0])
    top = ", ".join(
        f"{row['place']} ({_t(values, f'coupling.top.{i}.d')})"
        for i, (_, row) in enumerate(last.head(TOP).iterrows(), 1)
    )
    bottom = ", ".join(
        f"{row['place']} ({_t(values, f'coupling.bottom.{i}.d')})"
        for i, (_, row) in enumerate(last.tail(TOP).iloc[::-1].iterrows(), 1)
    )
    lags = []
    for code, label in highlight.items():
        row = last[last["geo_code"] == code]
        if not row.empty:
            lags.append(f"{label}: {row['lag_type'].iloc[0]}")
    text = f"Most coordinated in {year}: {top}. Least coordinated: {bottom}."
    if lags:
        text += " Lag type (relative development U2/U1): " + "; ".join(lags) + "."
    return text


def limits_markdown(values: dict, missing: dict[str, list[str]]) -> str:
    """The limits of the result, each with its number (Markdown list)."""
    gaps = "; ".join(f"{label}: {', '.join(dims)}" for label, dims in missing.items()) or "none"
    items = [
        f"- **C carries little information.** The coupling degree C of the province-years has a median of "
        f"{_t(values, 'coupling.c.median')}, and D follows √T (r = {_t(values, 'coupling.d_sqrt_t.r')}): D mostly "
        "measures the level of development of the two subsystems, not their balance; the relative development "
        "degree U2/U1 and the lag types say more about balance.",
        f"- **What moves D.** Across the variants, the largest mean change of D comes from "
        f"{values['coupling.sensitivity.largest.change']['source'].split(': ', 1)[1]} "
        f"({_t(values, 'coupling.sensitivity.largest.change')}, Spearman of the provinces' ranks "
        f"{_t(values, 'coupling.sensitivity.largest.spearman')}); the weighting "
        f"({_t(values, 'coupling.sensitivity.weighting.change')}) and the C formula "
        f"({_t(values, 'coupling.sensitivity.coupling.change')}) matter far more than the window "
        f"({_t(values, 'coupling.sensitivity.window.change')}). Classes of D near a boundary are flagged.",
        f"- **Dimensions without data:** {gaps}. D covers what the indicators measure.",
        "- **Proxies.** Fertilizer, pesticide and plastic film are per rural resident, not per hectare (no provincial "
        "sown area is on file); the budget shares are of the whole province's local budget, not rural spending.",
        "- **Prices.** No provincial price index is on file: money amounts enter as ratios of two amounts or relative "
        "to China in the same year, so the relative indicators carry no national trend (China's equal one every year).",
        "- **China's early years.** China's local budget items are on file from 2019 only: China is scored on the "
        "full indicator set from then and not computed before.",
        "- **Weights depend on the sample.** Entropy weights and min–max bounds are estimated on the pooled panel: "
        "another window or set of provinces gives other levels (see the window variants).",
    ]
    return "\n".join(items)


def spatial_sentence(values: dict) -> str:
    """Moran's I of D in the first and last year and of the counties' urbanization (Markdown)."""
    text = (
        f"D is spatially clustered: global Moran's I is {_t(values, 'coupling.moran.first')} in "
        f"{_t(values, 'coupling.moran.first_year')} and {_t(values, 'coupling.moran.last')} in "
        f"{_t(values, 'coupling.moran.last_year')} (every year's permutation p at most "
        f"{_t(values, 'coupling.moran.p_max')})."
    )
    if "county.moran.urbanization_2020" in values:
        text += (
            f" Over county-level units, Moran's I of the 2020 census urbanization rate is "
            f"{_t(values, 'county.moran.urbanization_2020')}, of its 2010→2020 change "
            f"{_t(values, 'county.moran.urbanization_change_pp')}."
        )
    return text


def distribution_sentence(values: dict, config: dict) -> str:
    """The Gini of D by region in the first and last year and its between-region share (Markdown)."""
    regions = ", ".join(config["regions"])
    return (
        f"The Gini coefficient of the provinces' D is {_t(values, 'coupling.gini.first')} in "
        f"{_t(values, 'coupling.gini.first_year')} and {_t(values, 'coupling.gini.last')} in "
        f"{_t(values, 'coupling.gini.last_year')}; by Dagum's decomposition over the regions ({regions}), "
        f"{_t(values, 'coupling.gini.between_share')} of it in {_t(values, 'coupling.gini.last_year')} is the net gap "
        "between regions."
    )


def lag_sentence(values: dict) -> str:
    """How many provinces lag on which side in the last year (Markdown)."""
    counts = {
        kind: values[f"coupling.lag.{kind.replace(' ', '_')}"]["text"]
        for kind in ("urbanization lagging", "rural revitalization lagging", "balanced")
        if f"coupling.lag.{kind.replace(' ', '_')}" in values
    }
    parts = [f"{text} {kind}" for kind, text in counts.items()]
    return (
        f"Relative development U2/U1 below {_t(values, 'coupling.config.lag_lower')} counts as rural revitalization "
        f"lagging, above {_t(values, 'coupling.config.lag_upper')} as urbanization lagging. In the last year: "
        + ", ".join(parts)
        + f" ({LABELS['U1']} and {LABELS['U2']} as measured by the indicator system)."
    )
