"""The coupling coordination model: each formula on hand-computed cases, one published CCD table recomputed, and
the pooled fit that scores China on the provinces' scale with one indicator set."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from ruralrev.coupling import fit as fitting
from ruralrev.coupling import model
from ruralrev.coupling.system import Exemption, Indicator, System
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

# Mathematical Problems in Engineering (Hindawi) 2022, article 2969206, "Urban-Rural Logistics Coupling Coordinated
# Development and Urban-Rural Integrated Development: Measurement, Influencing Factors, and Countermeasures",
# Table 4 (https://preview.hindawi.com/journals/mpe/2022/2969206/tab4): year, Uu, Ur, C, T, D as printed.
PUBLISHED = [
    (2011, 0.101, 0.280, 0.882, 0.190, 0.410),
    (2012, 0.165, 0.406, 0.906, 0.286, 0.509),
    (2013, 0.187, 0.427, 0.920, 0.307, 0.532),
    (2014, 0.238, 0.511, 0.931, 0.374, 0.590),
    (2015, 0.424, 0.421, 1.000, 0.422, 0.650),
    (2016, 0.538, 0.407, 0.990, 0.473, 0.684),
    (2017, 0.591, 0.466, 0.993, 0.528, 0.724),
    (2018, 0.694, 0.581, 0.996, 0.638, 0.797),
    (2019, 0.892, 0.662, 0.989, 0.777, 0.877),
    (2020, 0.879, 0.637, 0.987, 0.758, 0.865),
]


@pytest.mark.parametrize("year, u1, u2, c, t, d", PUBLISHED)
def test_a_published_ccd_table_is_recomputed_from_its_printed_u_values(year, u1, u2, c, t, d):
    # The printed U values are rounded to 3 decimals, so C, T and D agree to within 0.001.
    C = model.coupling_degree(u1, u2)
    T = model.development_index(u1, u2, 0.5, 0.5)
    D = model.coordination_degree(C, T)
    assert abs(C - c) <= 0.001 and abs(T - t) <= 0.001 and abs(D - d) <= 0.001


def test_formulas_on_literal_values():
    assert model.coupling_degree(0.25, 1.0) == pytest.approx(0.8)
    assert model.development_index(0.25, 1.0, 0.5, 0.5) == pytest.approx(0.625)
    assert model.coordination_degree(0.8, 0.625) == pytest.approx(math.sqrt(0.5))
    assert model.coupling_degree(0.3, 0.3) == pytest.approx(1.0)


def test_modified_coupling_degree_by_hand():
    # sqrt((1 - |0.25 - 1|) * 0.25 / 1) = sqrt(0.0625) = 0.25; equal U gives 1; symmetric in U1, U2.
    assert model.coupling_degree(0.25, 1.0, "modified") == pytest.approx(0.25)
    assert model.coupling_degree(1.0, 0.25, "modified") == pytest.approx(0.25)
    assert model.coupling_degree(0.4, 0.4, "modified") == pytest.approx(1.0)
    # Low but balanced levels stay near 1 under both; unbalanced ones fall much further under the modified C.
    assert model.coupling_degree(0.3, 0.6, "modified") == pytest.approx(math.sqrt(0.7 * 0.5))
    assert model.coupling_degree(0.3, 0.6) == pytest.approx(2 * math.sqrt(0.18) / 0.9)
    with pytest.raises(ValueError, match="unknown coupling formula"):
        model.coupling_degree(0.3, 0.6, "other")


def test_modified_coupling_degree_fits_wang_et_al_table_8():
    # Wang Shujia et al. (2021), Journal of Natural Resources 36(3), Table 8, 2008: (standard C, modified C) of
    # Beijing, Tianjin, Chengde. Under our formulas a pair fixes U_min/U_max (standard C) and then |U1 - U2|
    # (modified C); every pair must give subsystem levels inside (0, 1], and recompute both printed values.
    for standard, modified in ((0.9989, 0.9404), (0.9935, 0.8660), (0.6101, 0.2700)):
        s = (2 - math.sqrt(4 - 4 * standard**2)) / (2 * standard)  # sqrt(U_min/U_max) from 2s/(1+s^2) = C
        ratio = s * s
        gap = 1 - modified**2 / ratio
        high = gap / (1 - ratio)
        low = high * ratio
        assert 0 < low < high <= 1
        assert model.coupling_degree(low, high) == pytest.approx(standard, abs=1e-9)
        assert model.coupling_degree(low, high, "modified") == pytest.approx(modified, abs=1e-9)


def test_normalise_with_direction_shift_and_clip():
    up = model.normalise(pd.Series([40.0, 50.0, 60.0]), 40.0, 60.0, "+", 0.01)
    down = model.normalise(pd.Series([10.0, 5.0, 2.0]), 2.0, 10.0, "-", 0.01)
    assert up.tolist() == pytest.approx([0.01, 0.505, 1.0])
    assert down.tolist() == pytest.approx([0.01, 0.62875, 1.0])
    assert model.normalise(pd.Series([1.0, np.nan, 3.0]), 1.0, 3.0, "+", 0.01).isna().tolist() == [False, True, False]
    # Bounds from another sample: a value beyond them lies outside [shift, 1] unless clipped.
    assert model.normalise(pd.Series([70.0]), 40.0, 60.0, "+", 0.0).item() == pytest.approx(1.5)
    assert model.normalise(pd.Series([70.0, 30.0]), 40.0, 60.0, "+", 0.0, clip=True).tolist() == [1.0, 0.0]


def test_entropy_weights_by_hand():
    # Columns min-max scaled with shift 0.01 (the three-year case): by hand e = 0.613087, 0.551530, w = (1-e)/sum.
    frame = pd.DataFrame({"urb": [0.01, 0.505, 1.0], "inc": [0.01, 0.34, 1.0]})
    weights = model.entropy_weights(frame)
    assert weights["entropy"].tolist() == pytest.approx([0.613087, 0.551530], abs=1e-6)
    assert weights["weight"].tolist() == pytest.approx([0.463156, 0.536844], abs=1e-6)


def test_critic_and_equal_weights_by_hand():
    # sd = 0.450925, 0.416333; r = -0.941043; c_j = sd_j * (1 - r) -> w = 0.519943, 0.480057.
    frame = pd.DataFrame({"a": [0.1, 0.5, 1.0], "b": [1.0, 0.4, 0.2]})
    assert model.critic_weights(frame).tolist() == pytest.approx([0.519943, 0.480057], abs=1e-6)
    assert model.critic_weights(frame[["a"]]).tolist() == [1.0]
    assert model.equal_weights(["a", "b", "c", "d"]).tolist() == [0.25] * 4


def test_topsis_closeness_by_hand():
    # Weighted values v = (0.06, 0.4), (0.3, 0.16), (0.6, 0.08); best (0.6, 0.4), worst (0.06, 0.08):
    # row 1: d+ = 0.54, d- = 0.32 -> 0.372093; row 3: d+ = 0.32, d- = 0.54 -> 0.627907.
    frame = pd.DataFrame({"a": [0.1, 0.5, 1.0], "b": [1.0, 0.4, 0.2]})
    weights = pd.Series({"a": 0.6, "b": 0.4})
    ideal = model.ideal_points(frame, weights)
    closeness = model.topsis(frame, weights, ideal)
    assert closeness.tolist() == pytest.approx([0.372093, 0.397041, 0.627907], abs=1e-6)


def test_weighted_sum_redistributes_over_available_indicators():
    frame = pd.DataFrame({"a": [0.2, np.nan], "b": [0.6, 0.6]})
    weights = pd.Series({"a": 0.25, "b": 0.75})
    assert model.weighted_sum(frame, weights).tolist() == pytest.approx([0.5, 0.6])


def test_classes_and_the_hair_breadth_flag():
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
    flagged = model.near_boundary(pd.Series([0.497, 0.503, 0.49, 0.6049, np.nan]), CLASSES, 0.005)
    assert flagged.fillna(-1).tolist() == [0.5, 0.5, -1, 0.6, -1]


def test_spearman_of_ranks():
    assert model.spearman(pd.Series([1.0, 2.0, 3.0, 4.0]), pd.Series([10.0, 20.0, 30.0, 40.0])) == 1.0
    assert model.spearman(pd.Series([1.0, 2.0, 3.0]), pd.Series([3.0, 2.0, 1.0])) == -1.0
    assert np.isnan(model.spearman(pd.Series([1.0, 2.0]), pd.Series([1.0, 2.0])))


def system(exceptions=()) -> System:
    def ind(name, sub, dim, direction):
        return Indicator(name, sub, dim, direction, name, None, False, f"{name} defined")

    return System(
        (
            ind("urb", "U1", "population", "+"),
            ind("inc", "U1", "economy", "+"),
            ind("rinc", "U2", "living", "+"),
            ind("pov", "U2", "ecology", "-"),
        ),
        {"U1": ("population", "economy", "society"), "U2": ("living", "ecology")},
        tuple(exceptions),
    )


def provinces_wide() -> pd.DataFrame:
    """Two provinces over two years; urb spans 40-60, inc 10-40, rinc 5-9, pov 2-10."""
    index = pd.MultiIndex.from_product([["110000", "520000"], [2001, 2002]], names=["geo_code", "year"])
    return pd.DataFrame(
        {
            "urb": [60.0, 55.0, 40.0, 50.0],
            "inc": [40.0, 30.0, 10.0, 20.0],
            "rinc": [9.0, 8.0, 5.0, 6.0],
            "pov": [2.0, 3.0, 10.0, 5.0],
        },
        index=index,
    )


def test_china_is_scored_on_the_provinces_bounds_and_weights():
    method = fitting.Method(shift=0.0)
    fitted = fitting.fit(provinces_wide(), system(), method)
    assert fitted.bounds.loc["urb"].tolist() == [40.0, 60.0] and fitted.sample_rows == 4
    china = pd.DataFrame(
        {"urb": [50.0], "inc": [25.0], "rinc": [7.0], "pov": [6.0]},
        index=pd.MultiIndex.from_tuples([("100000", 2002)], names=["geo_code", "year"]),
    )
    scores, normalised = fitting.score(china, fitted, CLASSES, 0.005)
    # y on the provinces' bounds: urb (50-40)/20 = 0.5, inc 15/30 = 0.5, rinc 2/4 = 0.5, pov (10-6)/8 = 0.5.
    assert normalised.iloc[0].tolist() == pytest.approx([0.5, 0.5, 0.5, 0.5])
    assert scores.iloc[0][["U1", "U2", "C", "T", "D"]].tolist() == pytest.approx([0.5, 0.5, 1.0, 0.5, math.sqrt(0.5)])
    assert scores.iloc[0]["class"] == "intermediate coordination"
    # The same fit gives the same weights whatever is scored: China does not move the provinces.
    again = fitting.fit(provinces_wide(), system(), method)
    assert again.weights.equals(fitted.weights)


def test_a_place_year_is_scored_only_on_the_full_set_unless_excepted():
    wide = provinces_wide()
    wide.loc[("520000", 2002), "pov"] = np.nan
    fitted = fitting.fit(wide, system(), fitting.Method())
    assert fitted.sample_rows == 3  # the incomplete row does not enter the fit
    scores, _ = fitting.score(wide, fitted, CLASSES, 0.005)
    row = scores.loc[("520000", 2002)]
    assert np.isnan(row["D"]) and row["note"].startswith("not computed: lacks pov")
    excused = system([Exemption("520000", ("pov",), 2002, 2002, "not published that year")])
    fitted = fitting.fit(wide, excused, fitting.Method())
    scores, normalised = fitting.score(wide, fitted, CLASSES, 0.005)
    row = scores.loc[("520000", 2002)]
    # U2 is rinc's y alone (its weight rescaled to 1).
    assert row["U2"] == pytest.approx(normalised.at[("520000", 2002), "rinc"])
    assert "scored without pov (config exception: not published that year)" in row["note"]
    assert row["used"].split() == ["urb", "inc", "rinc"]


def test_a_constant_indicator_and_a_duplicate_pair_stop_with_the_names():
    wide = provinces_wide().assign(urb=50.0)
    with pytest.raises(UserError, match="'urb': the same value in every place-year"):
        fitting.fit(wide, system(), fitting.Method())
    wide = provinces_wide().assign(inc=lambda f: f["urb"] * 2 + 1)
    correlated = fitting.correlations(wide, system())
    assert correlated.at["urb", "most_correlated"] == "inc" and correlated.at["urb", "correlation"] == pytest.approx(1)
    with pytest.raises(UserError, match="'urb' and 'inc' correlate at r = 1.000"):
        fitting.check_duplicates(correlated, 0.9)


def test_missing_dimensions_are_named():
    assert system().missing_dimensions() == {"U1": ["society"], "U2": []}


def test_reference_bounds_use_the_first_year_and_clip():
    wide = provinces_wide()
    wide.loc[("110000", 2002), "urb"] = 65.0  # beyond 2001's maximum of 60
    method = fitting.Method(normalisation="reference", shift=0.0)
    fitted = fitting.fit(wide, system(), method)
    assert fitted.bounds.loc["urb"].tolist() == [40.0, 60.0] and fitted.bounds.loc["pov"].tolist() == [2.0, 10.0]
    _, normalised = fitting.score(wide, fitted, CLASSES, 0.005)
    assert normalised["urb"].tolist() == pytest.approx([1.0, 1.0, 0.0, 0.5])
    assert fitting.fit(wide, system(), fitting.Method(shift=0.0)).bounds.loc["urb"].tolist() == [40.0, 65.0]
