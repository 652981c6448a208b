"""The coupling section's spatial part: Moran's I of the provinces' D by year, the maps of D and of its local
clusters, and the county-level units' census urbanization with the study areas' units placed among them."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from ruralrev.report.present import Column, figure_html, long_table, table_html

MORAN = [
    Column("I", "Moran's I", "rate"),
    Column("expected", "Expected I", "rate"),
    Column("z", "z (normal)", "rate"),
    Column("p_text", "Permutation p"),
    Column("units", "Units", "count"),
]


def p_text(frame: pd.DataFrame) -> pd.DataFrame:
    """The permutation p-values as text at their resolution: 1/(permutations + 1), e.g. '0.001' for 999."""
    digits = [len(str(int(n) + 1)) - 1 for n in frame["permutations"]]
    return frame.assign(p_text=[f"{p:.{d}f}" for p, d in zip(frame["p_sim"], digits)])


def figure(reports_dir: Path, name: str, alt: str) -> str:
    """A figure of the coupling stage (PNG and caption file under reports/figures/)."""
    base = Path(reports_dir) / "figures" / name
    caption = html.escape(base.with_suffix(".txt").read_text(encoding="utf-8").strip())
    return figure_html(base.with_suffix(".png"), caption, name, alt)


def moran_table(moran: pd.DataFrame) -> str:
    """Global Moran's I of the provinces' D in every year."""
    return table_html(
        p_text(moran).sort_values("year"),
        [Column("year", "Year", "year"), *MORAN],
        "Spatial dependence of the provinces' D: global Moran's I by year",
        "coupling-moran",
        note=html.escape(
            "Row-standardised weights of shared borders (Hainan joined to its nearest province); p from permutations "
            "with a fixed seed."
        ),
    )


def county_moran_table(moran: pd.DataFrame) -> str:
    """Global Moran's I of the county-level units' 2020 census urbanization rate and of its change."""
    frame = p_text(moran).assign(
        variable=moran["variable"].map(
            {"urbanization_2020": "urbanization rate 2020", "urbanization_change_pp": "change 2010→2020 (points)"}
        )
    )
    return table_html(
        frame,
        [Column("variable", "Variable"), *MORAN, Column("left_out", "Left out", "note")],
        "Spatial dependence of the census urbanization rate over county-level units",
        "county-moran",
    )


def study_area_units(county: pd.DataFrame, codes: dict[str, str]) -> pd.DataFrame:
    """The county-level units of the study areas (a prefecture's units, or the county itself), with their rate,
    change, whether the change is like for like, and their local clusters."""
    chosen = []
    for label, code in codes.items():
        prefix = code[:4] if code.endswith("00") else code
        rows = county[county["admin_code"].astype(str).str.startswith(prefix)].assign(study_area=label)
        chosen.append(rows)
    if not chosen:
        return county.iloc[0:0]
    return pd.concat(chosen, ignore_index=True)


def study_area_table(
    county: pd.DataFrame, codes: dict[str, str], tables_dir: Path, names: dict[str, str] | None = None
) -> str:
    """The study areas' county-level units among all of China's (or the configured provinces')."""
    frame = study_area_units(county, codes)
    columns = [
        Column("study_area_name", "Study area"),
        Column("name_en", "Unit"),
        Column("urbanization_2020", "Urbanization 2020 (%)", "rate"),
        Column("cluster_urbanization_2020", "Cluster, 2020 rate"),
        Column("urbanization_change_pp", "Change 2010→2020 (points)", "rate"),
        Column("cluster_urbanization_change_pp", "Cluster, change", "note"),
        Column("caveat", "Not like for like", "note"),
    ]
    frame = frame.assign(study_area_name=frame["study_area"].map(names or {}).fillna(frame["study_area"]))
    return long_table(
        frame,
        columns,
        "The study areas' county-level units among China's: census urbanization and local clusters",
        "county-study-areas",
        tables_dir,
        shown=frame,
        what_shown=f"all {len(frame)} units",
        wide=True,  # the caveat column's sentences: at the body's size each row would run to five lines
    )
