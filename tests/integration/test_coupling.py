"""The coupling stage on the shared end-to-end build: its tables and figure from the real panel, and an edit
of the coupling config that reruns only the coupling and what follows it."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import yaml

from tests.integration.test_workflow import E2E_PLUS_REGION, planned_rules, snakemake

pytestmark = pytest.mark.integration


def test_coupling_tables_and_figure(built):
    coupling = pd.read_csv(built / "data/processed/coupling.csv", dtype={"geo_code": str})
    provinces = coupling[coupling["scope"] == "provinces"]
    assert provinces["geo_code"].nunique() == 31 and provinces["D"].between(0, 1).all()
    assert provinces["year"].min() == 2016 and provinces["year"].max() >= 2023
    # One scale: China is scored on the provinces' bounds, so its D lies inside their range every year.
    national = coupling[coupling["scope"] == "national"].set_index("year")
    computed = national.dropna(subset=["D"])
    assert len(computed) >= 5 and computed.index.max() >= 2023
    spread = provinces.groupby("year")["D"].agg(["min", "max"]).loc[computed.index]
    assert ((computed["D"] > spread["min"]) & (computed["D"] < spread["max"])).all()
    # A year without the full set is not computed (never scored on fewer indicators) and says what it lacks.
    assert national.loc[national["D"].isna(), "note"].str.startswith("not computed: lacks").all()
    # One indicator set: every computed place-year uses every indicator (or says which exception it used).
    indicators = pd.read_csv(built / "data/processed/coupling_indicators.csv")
    used = indicators[indicators["status"] == "used"]
    computed = provinces.dropna(subset=["D"])
    excused = computed["note"].str.startswith("scored without", na=False)
    assert (computed.loc[~excused, "indicators_used"].str.split().map(len) == len(used)).all()
    assert excused.sum() <= 2  # the config's one exception: Tibet's pesticide use in 2022-2023
    assert used[["dimension", "direction", "definition", "price_basis", "source", "weight"]].notna().all().all()
    assert (used.groupby("subsystem")["weight"].sum() - 1).abs().max() < 1e-5
    assert indicators["status"].str.startswith("missing").any()  # named, not dropped
    areas = coupling[coupling["scope"] == "study_area"]
    assert len(areas) >= 1 and areas["D"].isna().all() and areas["note"].str.contains("lack").all()
    sensitivity = pd.read_csv(built / "data/processed/coupling_sensitivity.csv")
    assert {"main", "normalisation", "weighting", "aggregation", "coupling", "window", "shift", "dimension"} <= set(
        sensitivity["kind"]
    )
    for ext in ("png", "svg", "csv", "txt", "alt.txt", "json"):
        assert (built / f"reports/figures/coupling_coordination.{ext}").stat().st_size > 0
    index = pd.read_csv(built / "reports/figures/index.csv")
    paper = index[index["id"] == "liupanshui_figure_2"]  # the paper's figure is not in the corpus: never "rebuilt"
    assert paper["status"].tolist() == ["not_rebuildable"] and "not in the corpus" in paper["reason"].iloc[0]


def test_editing_the_coupling_config_reruns_only_the_coupling_and_what_follows(built):
    extra = built / "coupling_alpha.yaml"
    extra.write_text(yaml.safe_dump({"coupling": {"alpha": 0.4, "beta": 0.6}}), encoding="utf-8")
    try:
        plan = snakemake(built, "-n", "all", configs=(*E2E_PLUS_REGION, str(extra))).stdout
    finally:
        extra.unlink()
    planned = planned_rules(plan)
    assert "build_coupling" in planned
    upstream = {
        "verify_raw_inputs",
        "extract_documents",
        "build_panel",
        "check_claims",
        "build_regions",
        "plot_region_map",
        "plot_figure",
    }
    assert not upstream & planned, f"a coupling config edit reruns {upstream & planned}"


def test_spatial_statistics_and_maps(built):
    neighbours = pd.read_csv(built / "data/processed/neighbours_provinces.csv", dtype=str)
    hainan = neighbours[neighbours["code"] == "460000"]
    assert hainan[["neighbour", "rule"]].values.tolist() == [["440000", "nearest"]]  # the island joined to Guangdong
    moran = pd.read_csv(built / "data/processed/coupling_moran.csv")
    assert moran["year"].tolist() == list(range(2016, 2024)) and (moran["units"] == 31).all()
    assert moran["p_sim"].between(0, 1).all() and (moran["permutations"] == 999).all()
    lisa = pd.read_csv(built / "data/processed/coupling_lisa.csv", dtype={"geo_code": str})
    assert sorted(lisa["year"].unique()) == [2016, 2023] and len(lisa) == 62
    assert set(lisa["cluster"]) <= {"HH", "LL", "HL", "LH", "not significant"}
    # The county analysis of the test config: Ningxia's county-level units, flagged ones out of the change.
    county = pd.read_csv(built / "data/processed/county_urbanization.csv", dtype={"admin_code": str})
    assert county["admin_code"].str.startswith("64").all() and len(county) >= 20
    counted = pd.read_csv(built / "data/processed/county_moran.csv").set_index("variable")
    with_change = county["urbanization_change_pp"].notna()
    assert counted.loc["urbanization_2020", "units"] == county["urbanization_2020"].notna().sum()
    assert counted.loc["urbanization_change_pp", "units"] <= (with_change & county["comparable"]).sum()
    caveats = county.loc[~county["comparable"], "caveat"].astype(str)
    assert caveats.str.startswith("territory may have changed").all()
    for name in ("coupling_maps", "coupling_lisa", "county_urbanization_lisa"):
        record = json.loads((built / f"reports/figures/{name}.json").read_text(encoding="utf-8"))
        assert record["print"]["smallest_font_pt"] >= 7 and record["print"]["width_mm"] == 178
        for ext in ("png", "csv", "txt", "alt.txt") + (("svg",) if record["images"]["svg"] else ()):
            assert (built / f"reports/figures/{name}.{ext}").stat().st_size > 0
    maps = json.loads((built / "reports/figures/coupling_maps.json").read_text(encoding="utf-8"))
    assert "South China Sea" in maps["caption"] + maps["notes"]
