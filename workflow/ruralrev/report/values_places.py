"""Registry values about places the findings state: the study areas' county-level units among China's (census
urbanization 2020 and its change, like for like or not), and how the study areas' provinces' coupling ranks
move under the sensitivity variants.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

COUNTY = "data/processed/county_urbanization.csv"
SENSITIVITY = "data/processed/coupling_sensitivity_provinces.csv"
RANKS_KEPT = 0.95  # a Spearman of the provinces' ranks at or above this keeps the ranking


def study_area_units(county: pd.DataFrame, codes: dict[str, str]) -> pd.DataFrame:
    """The county-level units of each study area (a prefecture's units, or the county itself)."""
    chosen = []
    for region, code in codes.items():
        prefix = code[:4] if code.endswith("00") else code
        chosen.append(county[county["admin_code"].astype(str).str.startswith(prefix)].assign(study_area=region))
    return pd.concat(chosen, ignore_index=True) if chosen else county.iloc[0:0]


def _comparable(county: pd.DataFrame) -> pd.Series:
    return county["comparable"].astype(str).str.lower().eq("true")


def add_counties(reg, county: pd.DataFrame, codes: dict[str, str]) -> None:
    """How many county-level units, how many like for like, how many lost urban share; and each study-area unit's
    census rates, change, whether the change is like for like, and the share of China's units above its 2020 rate."""
    comparable = county[_comparable(county)]
    reg.count("county.units", len(county), "county-level units", f"{COUNTY}: rows")
    reg.count("county.comparable", len(comparable), "county-level units", f"{COUNTY}: rows with comparable True")
    reg.count(
        "county.not_comparable", len(county) - len(comparable), "county-level units", f"{COUNTY}: comparable False"
    )
    fell = comparable["urbanization_change_pp"] < 0
    reg.count("county.fell", int(fell.sum()), "county-level units", f"{COUNTY}: comparable rows with change below 0")
    share = fell.mean() * 100
    reg.add("county.fell_pct", round(share, 1), "percent", f"{share:.1f}%", "county.fell over county.comparable")
    rates = county["urbanization_2020"].dropna()
    for _, row in study_area_units(county, codes).iterrows():
        code, name = str(row["admin_code"]), str(row["name_en"])
        src = f"{COUNTY}: {code}"
        reg.add(f"county.{code}.name", name, "", name, src)
        reg.add(f"county.{code}.study_area", row["study_area"], "", str(row["study_area"]), src)
        for key in ("urbanization_2010", "urbanization_2020"):
            if pd.notna(row[key]):
                reg.measure(f"county.{code}.{key[-4:]}", row[key], "percent", src)
        if pd.notna(row["urbanization_2010"]) and pd.notna(row["urbanization_2020"]):
            change = round(row["urbanization_2020"], 2) - round(row["urbanization_2010"], 2)
            reg.add(f"county.{code}.change", round(change, 2), "percentage points", f"{change:+.2f} pp", src)
        like = bool(_comparable(row.to_frame().T).iloc[0])
        reg.add(f"county.{code}.comparable", like, "", "like for like" if like else "not like for like", src)
        if not like and isinstance(row.get("caveat"), str):
            reg.add(f"county.{code}.caveat", row["caveat"], "", row["caveat"], src)
        if pd.notna(row["urbanization_2020"]):
            above = (rates > row["urbanization_2020"]).mean() * 100
            reg.add(
                f"county.{code}.share_above",
                round(above, 1),
                "percent",
                f"{above:.0f}%",
                f"{src}: share of all units with a higher 2020 rate",
            )


def add_rank_ranges(reg, folder: Path, codes: list[str]) -> None:
    """Each named province's rank in the last year under every sensitivity variant: lowest and highest, and in how
    many variants its class differs from the main result's."""
    path = Path(folder) / "coupling_sensitivity_provinces.csv"
    if not path.exists():
        return
    frame = pd.read_csv(path, dtype={"geo_code": str})
    frame = frame[frame["year"] == frame["year"].max()]
    variants = frame[frame["kind"] != "main"]
    reg.count("coupling.variants", variants["variant"].nunique(), "variants", f"{SENSITIVITY}: distinct variants")
    for code in codes:
        rows = variants[variants["geo_code"] == code]
        if rows.empty:
            continue
        base = f"coupling.province.{code}"
        reg.add(f"{base}.rank_best", int(rows["rank"].min()), "rank", str(int(rows["rank"].min())), SENSITIVITY)
        reg.add(f"{base}.rank_worst", int(rows["rank"].max()), "rank", str(int(rows["rank"].max())), SENSITIVITY)
        changed = int(rows["class_changed"].astype(str).str.lower().eq("true").sum())
        reg.count(f"{base}.class_changes", changed, "variants", f"{SENSITIVITY}: class_changed True")


def add_sensitivity_summary(reg, folder: Path) -> None:
    """What holds across the sensitivity variants: the lowest Spearman of the provinces' last-year ranks (and its
    variant), how many variants keep the ranks at 0.95 or above, and the most provinces changing class."""
    path = Path(folder) / "coupling_sensitivity.csv"
    if not path.exists():
        return
    src = "data/processed/coupling_sensitivity.csv"
    frame = pd.read_csv(path)
    variants = frame[frame["kind"] != "main"].dropna(subset=["spearman_last"])
    low = variants.sort_values("spearman_last").iloc[0]
    reg.add(
        "coupling.sensitivity.lowest.spearman", low["spearman_last"], "correlation", f"{low['spearman_last']:.2f}", src
    )
    reg.add("coupling.sensitivity.lowest.variant", low["variant"], "", str(low["variant"]), src)
    kept = int((variants["spearman_last"] >= RANKS_KEPT).sum())
    reg.add("coupling.sensitivity.ranks_kept_at", RANKS_KEPT, "correlation", f"{RANKS_KEPT:.2f}", "report threshold")
    reg.count("coupling.sensitivity.ranks_kept", kept, "variants", f"{src}: spearman_last at least 0.95")
    reg.count("coupling.sensitivity.count", len(variants), "variants", f"{src}: rows other than the main result")
    most = variants.sort_values("class_changes_last", ascending=False).iloc[0]
    reg.count(
        "coupling.sensitivity.most_class_changes", most["class_changes_last"], "provinces", f"{src}: {most['variant']}"
    )
    reg.add("coupling.sensitivity.most_class_changes.variant", most["variant"], "", str(most["variant"]), src)


FUNDS = (("poverty_fund_central", 2020), ("linkage_fund_central", 2021))


def add_funds(reg, panel: pd.DataFrame) -> None:
    """The central special poverty-alleviation fund of its last year and the linkage fund that replaced it in 2021
    (preferred annual rows): the figures the Batang paper's sentence on 2020–2021 funds turns on."""
    for indicator, year in FUNDS:
        rows = panel[
            (panel["indicator"] == indicator)
            & (panel["geo_code"] == "100000")
            & (panel["year"] == year)
            & panel["preferred"]
        ]
        if len(rows):
            row = rows.iloc[0]
            reg.measure(
                f"fund.{indicator}.{year}",
                row["value"],
                row["unit"],
                f"{row['raw_file']} row {int(row['raw_row'])} (source {row['source']})",
            )
            in_yi = round(float(row["value"]) / 1e8, 2)  # as Chinese sources write it: 亿元 (100 million yuan)
            reg.add(f"fund.{indicator}.{year}.yi", in_yi, "100 million yuan", f"{in_yi:g}", "value / 1e8")
            reg.add(
                f"fund.{indicator}.{year}.source",
                row["source"],
                "",
                str(row["source"]),
                f"{row['raw_file']} row {int(row['raw_row'])}",
            )
