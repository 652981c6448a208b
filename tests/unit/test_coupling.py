"""The coupling coordination model on hand-computed cases (two subsystems, three years)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from ruralrev.coupling import model
from ruralrev.coupling.model import Spec, fit
from ruralrev.coupling.sensitivity import sensitivity
from ruralrev.errors import UserError

CLASSES = [
    (0.1, "extreme disorder"),
    (0.2, "serious disorder"),
    (0.3, "moderate disorder"),
    (0.4, "mild disorder"),
    (0.5, "on the verge of disorder"),
    (0.6, "barely coordinated"),
    (0.7, "primary coordination"),
    (0.8, "intermediate coordination"),
    (0.9, "good coordination"),
    (1.0, "high-quality coordination"),
]
INDICATORS = {"urb": ("U1", "+"), "inc": ("U1", "+"), "rinc": ("U2", "+"), "pov": ("U2", "-")}


def wide() -> pd.DataFrame:
    """Three years of one place: min-max scaled to urb 0/.5/1, inc 0/1/3/1, rinc 0/.25/1, pov 0/.625/1."""
    return pd.DataFrame(
        {"urb": [40.0, 50.0, 60.0], "inc": [10.0, 20.0, 40.0], "rinc": [5.0, 6.0, 9.0], "pov": [10.0, 5.0, 2.0]},
        index=pd.Index([2001, 2002, 2003], name="year"),
    )


def spec(**changes) -> Spec:
    values = {
        "indicators": INDICATORS,
        "classes": CLASSES,
        "alpha": 0.5,
        "beta": 0.5,
        "shift": 0.01,
        "rule": "redistribute",
        "min_coverage": 0.6,
        "min_indicators": 2,
        **changes,
    }
    return Spec(**values)


def test_normalise_with_direction_and_shift():
    up = model.normalise(pd.Series([40.0, 50.0, 60.0]), "+", 0.01)
    down = model.normalise(pd.Series([10.0, 5.0, 2.0]), "-", 0.01)
    assert up.tolist() == pytest.approx([0.01, 0.505, 1.0])
    assert down.tolist() == pytest.approx([0.01, 0.62875, 1.0])
    assert model.normalise(pd.Series([1.0, np.nan, 3.0]), "+", 0.01).isna().tolist() == [False, True, False]


def test_hand_computed_weights_and_indices():
    # By hand: e(urb) = 0.613087, e(inc) = 0.551530, e(rinc) = 0.499729, e(pov) = 0.637231;
    # w = (1 - e) / sum(1 - e) within each subsystem.
    out = fit(wide(), spec())
    weights = out["weights"].set_index("indicator")
    assert weights["entropy"].to_dict() == pytest.approx(
        {"urb": 0.613087, "inc": 0.551530, "rinc": 0.499729, "pov": 0.637231}, abs=1e-6
    )
    assert weights["weight"].to_dict() == pytest.approx(
        {"urb": 0.463156, "inc": 0.536844, "rinc": 0.579662, "pov": 0.420338}, abs=1e-6
    )
    scores = out["scores"]
    # 2002: U1 = .463156*.505 + .536844*.34, U2 = .579662*.2575 + .420338*.62875, C, T, D from them.
    assert scores.loc[2002, ["U1", "U2", "C", "T", "D"]].tolist() == pytest.approx(
        [0.416421, 0.413551, 0.999994, 0.414986, 0.644192], abs=1e-6
    )
    # 2001 sits at the minimum of everything, 2003 at the maximum.
    assert scores.loc[2001, "D"] == pytest.approx(0.1) and scores.loc[2003, "D"] == pytest.approx(1.0)
    assert scores["class"].tolist() == ["serious disorder", "primary coordination", "high-quality coordination"]


def test_weights_sum_to_one_per_subsystem():
    weights = fit(wide(), spec())["weights"]
    assert weights.groupby("subsystem")["weight"].sum().tolist() == pytest.approx([1.0, 1.0])


def test_formulas_on_literal_values():
    assert model.coupling_degree(0.25, 1.0) == pytest.approx(0.8)
    assert model.development_index(0.25, 1.0, 0.5, 0.5) == pytest.approx(0.625)
    assert model.coordination_degree(0.8, 0.625) == pytest.approx(math.sqrt(0.5))
    assert model.coupling_degree(0.3, 0.3) == pytest.approx(1.0)


def test_a_rising_negative_indicator_lowers_u():
    base = fit(wide(), spec())["scores"]
    worse = wide()
    worse.loc[2002, "pov"] = 8.0  # more poverty in 2002, still inside the sample's range
    scores = fit(worse, spec())["scores"]
    assert scores.loc[2002, "U2"] < base.loc[2002, "U2"]
    assert scores.loc[2002, "U1"] == pytest.approx(base.loc[2002, "U1"])


def test_d_stays_within_unit_interval_on_random_samples():
    rng = np.random.default_rng(7)
    for _ in range(20):
        frame = pd.DataFrame(rng.lognormal(size=(12, 4)), columns=list(INDICATORS))
        scores = fit(frame, spec(shift=1e-4, alpha=rng.uniform(0.3, 0.7)))["scores"]
        assert scores["D"].between(0, 1).all() and scores["C"].between(0, 1 + 1e-12).all()


def test_class_boundaries_are_lower_inclusive_and_one_is_top():
    d = pd.Series([0.0, 0.0999, 0.1, 0.5, 0.8999, 0.9, 1.0, np.nan])
    assert model.classify(d, CLASSES).tolist() == [
        "extreme disorder",
        "extreme disorder",
        "serious disorder",
        "barely coordinated",
        "good coordination",
        "high-quality coordination",
        "high-quality coordination",
        "",
    ]
    with pytest.raises(UserError, match="end at 1.0"):
        model.check_classes([(0.5, "low"), (0.9, "high")])
    with pytest.raises(UserError, match="rise strictly"):
        model.check_classes([(0.5, "low"), (0.4, "lower"), (1.0, "high")])


def test_missing_value_redistributes_weight_and_says_so():
    frame = wide()
    frame.loc[2002, "pov"] = np.nan
    out = fit(frame, spec(rule="redistribute", min_indicators=1))
    scores = out["scores"]
    # rinc and pov are normalised and weighted on their own rows; 2002's U2 is rinc's y alone (weight 1).
    assert scores.loc[2002, "U2"] == pytest.approx(0.2575)
    assert "redistributed" in scores.loc[2002, "note"] and "pov" in scores.loc[2002, "note"]
    assert scores.loc[2002, "used"].split() == ["urb", "inc", "rinc"]
    assert "pov (no value for this place-year)" in scores.loc[2002, "left_out"]
    assert scores.loc[2001, "note"] == ""
    # With the default minimum of two indicators the subsystem is not computed at all.
    strict = fit(frame, spec(rule="redistribute"))["scores"]
    assert pd.isna(strict.loc[2002, "D"]) and "not computed" in strict.loc[2002, "note"]


def test_missing_value_drop_leaves_the_row_uncomputed():
    frame = pd.concat(
        [
            wide(),
            pd.DataFrame(
                {"urb": [55.0], "inc": [30.0], "rinc": [7.0], "pov": [np.nan]}, index=pd.Index([2004], name="year")
            ),
        ]
    )
    scores = fit(frame, spec(rule="drop"))["scores"]
    assert pd.isna(scores.loc[2004, ["U1", "U2", "D"]]).all()
    assert scores.loc[2004, "class"] == "" and "dropped" in scores.loc[2004, "note"]
    # The complete rows are normalised without the dropped one: identical to the three-year case.
    assert scores.loc[[2001, 2002, 2003], "D"].tolist() == pytest.approx(fit(wide(), spec())["scores"]["D"].tolist())


def test_low_coverage_indicator_left_out_with_reason_and_short_subsystem_named():
    frame = wide().assign(extra=[1.0, np.nan, np.nan])
    indicators = {**INDICATORS, "extra": ("U1", "+")}
    scores = fit(frame, spec(indicators=indicators, min_coverage=0.6))["scores"]
    assert "extra (covers 1 of 3 place-years (33%) < min_coverage 60%)" in scores.loc[2001, "left_out"]
    short = fit(wide()[["urb", "inc", "rinc"]], spec())["scores"]
    assert short["D"].isna().all()
    assert "U2 lacks data: 1 usable indicator(s) ['rinc'] < min_indicators 2" in short.loc[2001, "note"]


def test_unknown_missing_value_rule_is_a_user_error():
    with pytest.raises(UserError, match="missing_values"):
        fit(wide(), spec(rule="fill"))


def test_sensitivity_alpha_and_drop_each_indicator():
    frame = pd.concat([wide()] * 2, keys=["a", "b"], names=["place", "year"])
    frame.loc[("b", slice(None)), "urb"] = [45.0, 52.0, 58.0]
    years = pd.Series(frame.index.get_level_values("year"), index=frame.index)
    table = sensitivity(frame, spec(), years)
    assert table["variant"].tolist() == [
        "alpha=0.3, beta=0.7",
        "alpha=0.4, beta=0.6",
        "alpha=0.5, beta=0.5",
        "alpha=0.6, beta=0.4",
        "alpha=0.7, beta=0.3",
        "without urb",
        "without inc",
        "without rinc",
        "without pov",
    ]
    base = table.set_index("variant").loc["alpha=0.5, beta=0.5"]
    assert base["mean_abs_change_D"] == 0 and base["class_changes"] == 0 and base["rows"] == 6
    assert (table.loc[table["kind"] == "alpha", "max_abs_change_D"] >= 0).all()
    dropped = table.set_index("variant").loc["without urb"]
    assert dropped["max_abs_change_D"] > 0 and "relaxed to 1" in dropped["note"]


def panel_rows() -> pd.DataFrame:
    """A tiny panel: China and two provinces, 2016-2018, three indicators, one ratio pair; one study area."""
    rows = []
    values = {
        "100000": {
            "urban_population": [57, 59, 61],
            "total_population": [100, 100, 100],
            "gdp_per_capita": [5, 6, 7],
            "disposable_income_rural": [12, 13, 15],
            "consumption_expenditure_rural": [10, 11, 12],
        },
        "110000": {
            "urban_population": [86, 87, 87],
            "total_population": [100, 100, 100],
            "gdp_per_capita": [11, 12, 14],
            "disposable_income_rural": [22, 24, 26],
            "consumption_expenditure_rural": [17, 18, 20],
        },
        "520000": {
            "urban_population": [44, 46, 48],
            "total_population": [100, 100, 100],
            "gdp_per_capita": [3, 4, 4.5],
            "disposable_income_rural": [8, 9, 10],
            "consumption_expenditure_rural": [7, 8, 9],
        },
        "520200": {"gdp_per_capita": [3.5, 4, np.nan]},
    }
    for code, series in values.items():
        for indicator, numbers in series.items():
            for year, value in zip((2016, 2017, 2018), numbers):
                if not np.isnan(value):
                    rows.append(
                        {
                            "geo_code": code,
                            "geo_name": f"place {code}",
                            "indicator": indicator,
                            "year": year,
                            "value": float(value),
                            "unit": "x",
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
    config = {
        "subsystems": {
            "urbanization": [
                {"indicator": "urban_population", "per": "total_population", "name": "urban_share", "direction": "+"},
                {"indicator": "gdp_per_capita", "direction": "+"},
            ],
            "rural_revitalization": [
                {"indicator": "disposable_income_rural", "direction": "+"},
                {"indicator": "consumption_expenditure_rural", "direction": "+"},
                {"indicator": "poverty_incidence", "direction": "-"},
            ],
        },
        "alpha": 0.5,
        "beta": 0.5,
        "shift": 0.0001,
        "missing_values": "redistribute",
        "min_coverage": 0.6,
        "min_indicators": 2,
        "national_years": [2016, 2018],
        "province_years": [2016, 2018],
        "classes": [{"upper": upper, "name": name} for upper, name in CLASSES],
    }
    return {**config, **changes}


def test_build_scopes_ratio_ranking_and_study_area():
    from ruralrev.coupling.build import build

    out = build(panel_rows(), coupling_config(), [{"id": "lps", "admin_code": "520200"}])
    coupling = out["coupling"]
    assert list(coupling["scope"].unique()) == ["national", "provinces", "study_area"]
    inputs = out["coupling_inputs"]
    share = inputs[(inputs["indicator"] == "urban_share") & (inputs["geo_code"] == "110000") & (inputs["year"] == 2016)]
    assert share["value"].item() == pytest.approx(0.86) and share["raw_row"].item().count(";") == 1
    latest = coupling[(coupling["scope"] == "provinces") & (coupling["year"] == 2018)].set_index("geo_code")
    assert latest.loc["110000", "rank"] == 1 and latest.loc["520000", "rank"] == 2
    assert coupling.loc[coupling["scope"] == "national", "rank"].isna().all()
    weights = out["coupling_weights"]
    left = weights[weights["indicator"] == "poverty_incidence"]["status"]
    assert left.str.startswith("left out: covers 0 of").all()
    area = coupling[coupling["scope"] == "study_area"].iloc[0]
    assert pd.isna(area["D"]) and area["note"].startswith("not computed: U1 and U2 lack data")
    assert "gdp_per_capita 2016–2017" in area["note"]
    assert coupling.loc[coupling["scope"] == "provinces", "sources"].str.fullmatch(r"S\d\d").all()


def test_build_never_uses_a_contradicted_row():
    from ruralrev.coupling.build import build

    panel = panel_rows()
    flagged = panel[(panel["geo_code"] == "520200")].iloc[[0]]
    out = build(
        panel,
        coupling_config(),
        [{"id": "lps", "admin_code": "520200"}],
        [{"raw_file": "t.csv", "raw_row": int(flagged["raw_row"].item()), "reason": "test"}],
    )
    assert "(gdp_per_capita 2017)" in out["coupling"].iloc[-1]["note"]


def test_config_checks_name_the_key():
    from ruralrev.coupling.checks import check_coupling

    known = {
        "urban_population",
        "total_population",
        "gdp_per_capita",
        "disposable_income_rural",
        "consumption_expenditure_rural",
        "poverty_incidence",
    }
    check_coupling(coupling_config(), known)
    with pytest.raises(UserError, match=r"coupling.subsystems.urbanization\[1\].indicator: 'gdp_per_capita'"):
        check_coupling(coupling_config(), known - {"gdp_per_capita"})
    with pytest.raises(UserError, match="must be 1"):
        check_coupling(coupling_config(alpha=0.7), known)
    twice = coupling_config()
    twice["subsystems"]["rural_revitalization"].append({"indicator": "gdp_per_capita", "direction": "+"})
    with pytest.raises(UserError, match="listed twice"):
        check_coupling(twice, known)


def test_report_tables_and_sentences_come_from_the_outputs():
    from ruralrev.coupling import summary
    from ruralrev.coupling.build import build

    config = coupling_config()
    out = build(panel_rows(), config, [{"id": "lps", "admin_code": "520200"}])
    coupling = out["coupling"]
    classes = summary.class_table(config)
    assert classes["D"].tolist()[0] == "[0.00, 0.10)" and classes["D"].tolist()[-1] == "[0.90, 1.00]"
    assert summary.study_area_provinces(coupling) == {"520000": "place 520000"}
    ranking = summary.ranking_table(coupling)
    assert ranking["rank"].tolist() == [1, 2] and summary.latest_year(coupling) == 2018
    national = coupling[coupling["scope"] == "national"].set_index("year")
    finding = summary.finding(coupling, summary.study_area_provinces(coupling))
    assert f"{national.loc[2016, 'D']:.2f} ({national.loc[2016, 'class']}) in 2016" in finding
    assert "place 520000 ranked 2 of 2" in finding
    assert summary.missing_summary(coupling, config) == (
        "Missing values (rule `redistribute`): national: 3 of 3 place-years computed, 0 of them with redistributed "
        "weights, 0 not computed; provinces: 6 of 6 place-years computed, 0 of them with redistributed weights, "
        "0 not computed."
    )
    assert "α = 0.5" in summary.method_markdown(config) and "60%" in summary.method_markdown(config)
