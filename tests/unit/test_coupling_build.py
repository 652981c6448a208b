"""The coupling stage on a tiny panel: indicators built price-free from the panel, the provinces pooled with China
on their scale, the indicator table with missing dimensions, the sensitivity table, the config checks and the
report's sentences."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

from ruralrev.coupling import series as series_module
from ruralrev.coupling import system as systems
from ruralrev.coupling.build import build
from ruralrev.coupling.checks import check_coupling
from ruralrev.errors import UserError
from tests.unit.test_coupling import CLASSES

YEARS = (2016, 2017, 2018)
VALUES = {
    "100000": {
        "urban_population": [57, 59, 61],
        "total_population": [100, 100, 100],
        "gdp_per_capita": [5, 6, 7],
        "disposable_income_rural": [12, 13, 15],
        "farm_output_value": [30, 31, 33],
        "rural_population": [43, 41, 39],
    },
    "110000": {
        "urban_population": [86, 87, 87],
        "total_population": [100, 100, 100],
        "gdp_per_capita": [11, 12, 14],
        "disposable_income_rural": [22, 24, 26],
        "farm_output_value": [3, 3, 3.2],
        "rural_population": [14, 13, 13],
    },
    "520000": {
        "urban_population": [44, 46, 48],
        "total_population": [100, 100, 100],
        "gdp_per_capita": [3, 4, 4.5],
        "disposable_income_rural": [8, 9, 10],
        "farm_output_value": [20, 22, 25],
        "rural_population": [56, 54, 52],
    },
    "620000": {
        "urban_population": [45, 46, 47],
        "total_population": [100, 100, 100],
        "gdp_per_capita": [2.8, 3, 3.1],
        "disposable_income_rural": [7, 8, 9],
        "farm_output_value": [15, 16, 17],
        "rural_population": [55, 54, np.nan],
    },
    "520200": {"gdp_per_capita": [3.5, 4, np.nan]},
}
UNITS = {"gdp_per_capita": "yuan/person", "disposable_income_rural": "yuan/person", "farm_output_value": "yuan"}


def panel_rows() -> pd.DataFrame:
    """China, three provinces (Gansu lacks its 2018 rural population), a study area; 2016-2018."""
    rows = []
    for code, series in VALUES.items():
        for indicator, numbers in series.items():
            for year, value in zip(YEARS, numbers):
                if not np.isnan(value):
                    rows.append(
                        {
                            "geo_code": code,
                            "geo_name": f"place {code}",
                            "indicator": indicator,
                            "year": year,
                            "value": float(value),
                            "unit": UNITS.get(indicator, "person"),
                            "vintage": "v",
                            "definition": "annual",
                            "source": f"S{code[:2]}",
                            "preferred": True,
                            "raw_file": "t.csv",
                            "raw_row": len(rows) + 1,
                        }
                    )
    frame = pd.DataFrame(rows)
    frame["year"] = frame["year"].astype("Int64")
    frame["raw_row"] = frame["raw_row"].astype("Int64")
    return frame


def coupling_config(**changes) -> dict:
    def ind(name, sub, dim, numerator, denominator=None, relative=False, direction="+"):
        item = {"name": name, "subsystem": sub, "dimension": dim, "direction": direction, "numerator": numerator}
        if denominator:
            item["denominator"] = denominator
        if relative:
            item["relative_to_china"] = True
        return {**item, "definition": f"{name} (test)"}

    config = {
        "window": [2016, 2018],
        "dimensions": {
            "urbanization": ["population", "economy", "society"],
            "rural_revitalization": ["industry", "living"],
        },
        "indicators": [
            ind("urban_share", "urbanization", "population", "urban_population", "total_population"),
            ind("gdp_pc_relative", "urbanization", "economy", "gdp_per_capita", relative=True),
            ind(
                "farm_per_rural_relative",
                "rural_revitalization",
                "industry",
                "farm_output_value",
                "rural_population",
                True,
            ),
            ind("rural_income_relative", "rural_revitalization", "living", "disposable_income_rural", relative=True),
        ],
        "exceptions": [],
        "series_end": {"poverty_incidence": 2020},
        "max_correlation": 0.999,
        "normalisation": "global",
        "weighting": "entropy",
        "aggregation": "weighted_sum",
        "coupling_formula": "standard",
        "alpha": 0.5,
        "beta": 0.5,
        "shift": 0.0001,
        "boundary_margin": 0.005,
        "lag_bounds": [0.9, 1.1],
        "sensitivity": {"windows": [[2017, 2018]], "shifts": [0.01]},
        "density": {"points": 21, "bandwidth": "scott"},
        "regions": {"east": ["110000"], "west": ["520000", "620000"]},
        "classes": [{"upper": upper, "name": name} for upper, name in CLASSES],
    }
    return {**config, **changes}


def test_indicators_are_built_price_free_with_their_provenance():
    config = coupling_config()
    rows, bases = series_module.series(panel_rows(), systems.from_config(config))
    one = rows.set_index(["indicator", "geo_code", "year"])
    # Ratio: 86/100; relative to China: 11/5; per rural resident relative to China: (3/14) / (30/43).
    assert one.at[("urban_share", "110000", 2016), "value"] == pytest.approx(0.86)
    assert one.at[("gdp_pc_relative", "110000", 2016), "value"] == pytest.approx(2.2)
    assert one.at[("gdp_pc_relative", "100000", 2017), "value"] == pytest.approx(1.0)
    assert one.at[("farm_per_rural_relative", "110000", 2016), "value"] == pytest.approx((3 / 14) / (30 / 43))
    # Four panel rows behind the last one (numerator, denominator, China's numerator and denominator).
    assert one.at[("farm_per_rural_relative", "110000", 2016), "raw_row"].count(";") == 3
    assert one.at[("farm_per_rural_relative", "110000", 2016), "source"] == "S11;S10"
    assert ("farm_per_rural_relative", "620000", 2018) not in one.index  # no denominator: no value
    assert bases["urban_share"] == "not a money amount"
    assert bases["gdp_pc_relative"].startswith("relative to China's value")


def test_a_money_amount_in_current_prices_is_refused():
    config = coupling_config()
    config["indicators"][1].pop("relative_to_china")
    with pytest.raises(UserError, match="'gdp_pc_relative': a money amount in current prices"):
        series_module.series(panel_rows(), systems.from_config(config))


def test_build_scores_china_on_the_provinces_scale_with_one_set():
    out = build(panel_rows(), coupling_config(), [{"id": "lps", "admin_code": "520200"}])
    coupling = out["coupling"]
    assert list(coupling["scope"].unique()) == ["provinces", "national", "study_area"]
    provinces = coupling[coupling["scope"] == "provinces"]
    # Gansu 2018 lacks its rural population: not computed, not redistributed.
    gansu = provinces[(provinces["geo_code"] == "620000") & (provinces["year"] == 2018)].iloc[0]
    assert pd.isna(gansu["D"]) and gansu["note"].startswith("not computed: lacks farm_per_rural_relative")
    latest = provinces[provinces["year"] == 2018].set_index("geo_code")
    assert latest.loc["110000", "rank"] == 1 and latest.loc["520000", "rank"] == 2
    assert latest.loc["110000", "region"] == "east" and latest.loc["520000", "region"] == "west"
    national = coupling[coupling["scope"] == "national"]
    assert national["D"].notna().all() and national["rank"].isna().all()
    # China's relative indicators are 1 by construction; its urban share lies inside the provinces' bounds.
    indicators = out["coupling_indicators"].set_index("indicator")
    inputs = out["coupling_inputs"]
    china = inputs[(inputs["geo_code"] == "100000") & (inputs["indicator"] == "urban_share")]
    low, high = indicators.loc["urban_share", ["low", "high"]]
    assert low == pytest.approx(0.44) and high == pytest.approx(0.87)
    assert china["normalised"].tolist() == pytest.approx(
        [0.0001 + 0.9999 * (v - low) / (high - low) for v in (0.57, 0.59, 0.61)], abs=1e-6
    )
    assert indicators.loc["urban_share", "place_years"] == 9
    assert indicators.loc["farm_per_rural_relative", "place_years"] == 8
    missing = out["coupling_indicators"][out["coupling_indicators"]["status"].str.startswith("missing")]
    assert missing[["subsystem", "dimension"]].values.tolist() == [["U1", "society"]]
    weights = out["coupling_indicators"].dropna(subset=["weight"]).groupby("subsystem")["weight"].sum()
    assert weights.tolist() == pytest.approx([1.0, 1.0], abs=1e-5)
    area = coupling[coupling["scope"] == "study_area"].iloc[0]
    assert pd.isna(area["D"]) and area["note"].startswith("not computed: U1 and U2 lack data")
    assert "gdp_pc_relative 2016–2017" in area["note"]


def test_sensitivity_names_every_variant_and_the_main_row_is_unchanged():
    out = build(panel_rows(), coupling_config(), [])
    table = out["coupling_sensitivity"].set_index("variant")
    assert table.index.tolist() == [
        "main result",
        "reference bounds (window's first year, clipped)",
        "CRITIC weights",
        "equal weights",
        "entropy-TOPSIS closeness",
        "modified C (Wang Shujia et al. 2021)",
        "window 2017–2018",
        "shift 0.01",
        "without urbanization: population",
        "without urbanization: economy",
        "without rural revitalization: industry",
        "without rural revitalization: living",
    ]
    main = table.loc["main result"]
    assert main["mean_abs_change_D"] == 0 and main["class_changes"] == 0 and main["spearman_first"] == 1
    assert table.loc["window 2017–2018", "rows"] == 5  # Gansu 2018 is not computed
    assert (table.loc[table["kind"] != "main", "max_abs_change_D"] >= 0).all()
    per = out["coupling_sensitivity_provinces"]
    assert set(per["variant"]) == set(table.index) and (per["year"] == 2018).all()


def test_build_never_uses_a_contradicted_row():
    panel = panel_rows()
    flagged = panel[(panel["geo_code"] == "520200")].iloc[[0]]
    out = build(
        panel,
        coupling_config(),
        [{"id": "lps", "admin_code": "520200"}],
        [{"raw_file": "t.csv", "raw_row": int(flagged["raw_row"].item()), "reason": "test"}],
    )
    assert "(gdp_pc_relative 2017)" in out["coupling"].iloc[-1]["note"]


KNOWN = {
    "urban_population",
    "total_population",
    "gdp_per_capita",
    "disposable_income_rural",
    "farm_output_value",
    "rural_population",
    "poverty_incidence",
}


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda c: c["indicators"][1].update(numerator="gdp_pc"), r"indicators\[1\].numerator: 'gdp_pc' is not"),
        (lambda c: c["indicators"].append(dict(c["indicators"][0])), "listed twice"),
        (lambda c: c["indicators"][0].update(dimension="land"), "'land' is not a dimension of urbanization"),
        (
            lambda c: c["indicators"][3].update(numerator="poverty_incidence"),
            "'poverty_incidence' ends in 2020 .* window runs to 2021",
        ),
        (lambda c: c.update(alpha=0.7), "must be 1"),
        (lambda c: c["regions"]["west"].append("110000"), "110000 is already in east"),
        (lambda c: c.update(lag_bounds=[1.2, 1.5]), "lag_bounds"),
        (
            lambda c: c["exceptions"].append(
                {"geo_code": "100000", "indicators": ["x"], "years": [2016, 2016], "reason": "r"}
            ),
            "'x' is not a configured",
        ),
        (lambda c: c.update(indicators=c["indicators"][:2]), "no indicator of rural_revitalization"),
    ],
)
def test_config_checks_name_the_key(change, message):
    config = copy.deepcopy(coupling_config(window=[2016, 2021]))
    check_coupling(config, KNOWN)
    change(config)
    with pytest.raises(UserError, match=message):
        check_coupling(config, KNOWN)


def test_report_tables_and_sentences_come_from_the_outputs():
    from ruralrev.coupling import summary

    config = coupling_config()
    out = build(panel_rows(), config, [{"id": "lps", "admin_code": "520200"}])
    coupling = out["coupling"]
    classes = summary.class_table(config)
    assert classes["D"].tolist()[0] == "[0.00, 0.10)" and classes["D"].tolist()[-1] == "[0.90, 1.00]"
    assert summary.study_area_provinces(coupling) == {"520000": "place 520000"}
    ranking = summary.ranking_table(coupling)
    assert (
        ranking["rank"].tolist()[:2] == [1, 2]
        and pd.isna(ranking["rank"].iloc[2])
        and summary.latest_year(coupling) == 2018
    )
    national = coupling[coupling["scope"] == "national"].set_index("year")
    finding = summary.finding(coupling, summary.study_area_provinces(coupling))
    assert f"{national.loc[2016, 'D']:.2f} ({national.loc[2016, 'class']}) in 2016" in finding
    assert "place 520000 ranked 2 of 2" in finding and finding.startswith("On the provinces' scale")
    assert summary.missing_sentence(out["coupling_indicators"]).startswith(
        "Dimensions without data, so not measured (named, not dropped silently): urbanization: society."
    )
    assert "α = 0.5" in summary.method_markdown(config) and "0.005" in summary.method_markdown(config)
    names = {entry["name"] for entry in summary.registry_values(coupling, config)}
    assert {"coupling.first.d", "coupling.latest.class", "coupling.province.520000.rank"} <= names


def test_build_writes_lag_types_obstacles_gini_and_densities():
    out = build(panel_rows(), coupling_config(), [])
    coupling = out["coupling"]
    computed = coupling.dropna(subset=["D"])
    assert computed["relative_development"].tolist() == pytest.approx(
        (computed["U2"] / computed["U1"]).tolist(), rel=1e-4
    )
    assert set(computed["lag_type"]) <= {"rural revitalization lagging", "urbanization lagging", "balanced"}
    obstacles = out["coupling_obstacles"]
    assert set(obstacles["year"]) == {2018} and set(obstacles["geo_code"]) == {"100000", "110000", "520000"}
    per_place = obstacles[obstacles["level"] == "indicator"].groupby("geo_code")["obstacle"].sum()
    assert per_place.tolist() == pytest.approx([1.0, 1.0, 1.0], abs=1e-5)
    gini = out["coupling_inequality"]
    parts = gini[gini["component"].isin(["within", "between", "transvariation"])].groupby("year")["value"].sum()
    totals = gini[gini["component"] == "total"].set_index("year")["value"]
    assert parts.to_numpy() == pytest.approx(totals.loc[parts.index].to_numpy(), abs=1e-5)
    assert set(out["coupling_density"]["year"]) == {2016, 2017, 2018}


def test_narrative_numbers_are_registry_entries_and_the_sentences_use_them():
    import re

    from ruralrev.coupling import narrative, summary

    config = coupling_config()
    out = build(panel_rows(), config, [{"id": "lps", "admin_code": "520200"}])
    frames = {
        "coupling": out["coupling"],
        "indicators": out["coupling_indicators"],
        "sensitivity": out["coupling_sensitivity"],
        "inequality": out["coupling_inequality"],
    }
    values = narrative.entries(frames, config)
    provinces = out["coupling"][out["coupling"]["scope"] == "provinces"]
    assert values["coupling.c.median"]["text"] == f"{provinces['C'].median():.3f}"
    texts = {entry["text"] for entry in values.values()}
    missing = summary.missing_dimensions(out["coupling_indicators"])
    for sentence in (
        narrative.limits_markdown(values, missing),
        narrative.distribution_sentence(values, config),
        narrative.lag_sentence(values),
        narrative.finding_sentences(out["coupling"], values, {"520000": "place 520000"}),
    ):
        # Every decimal number a sentence states is the text of a registry entry.
        for number in re.findall(r"(?<![\w.])\d+\.\d+%?|\d+%", sentence):
            assert any(number in text for text in texts), f"{number} of {sentence!r} is not in the registry"
    assert "place 520000: " in narrative.finding_sentences(out["coupling"], values, {"520000": "place 520000"})
    obstacles = summary.obstacle_table(out["coupling_obstacles"])
    assert obstacles["dimension_share"].between(0, 1).all() and len(obstacles) == 3
    gini = summary.gini_table(out["coupling_inequality"])
    assert (gini["within"] + gini["between"] + gini["transvariation"] - gini["total"]).abs().max() < 1e-5
