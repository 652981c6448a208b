"""The analyses that come with a CCD, on hand-computed cases: relative development and lag type, obstacle degree,
the Dagum Gini decomposition (its parts sum to the total, which is the ordinary Gini) and kernel densities."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ruralrev.coupling import inequality, lag, obstacles
from ruralrev.coupling.system import Indicator, System


def test_relative_development_and_lag_type():
    u1 = pd.Series([0.5, 0.4, 0.5, np.nan])
    u2 = pd.Series([0.4, 0.5, 0.5, 0.3])
    relative = lag.relative_development(u1, u2)
    assert relative.iloc[:3].tolist() == pytest.approx([0.8, 1.25, 1.0])
    assert lag.lag_type(relative, 0.9, 1.1).tolist() == [
        "rural revitalization lagging",
        "urbanization lagging",
        "balanced",
        "",
    ]


def small_system() -> System:
    def ind(name, sub, dim):
        return Indicator(name, sub, dim, "+", name, None, False, name)

    return System((ind("a", "U1", "economy"), ind("b", "U1", "society"), ind("c", "U2", "living")), {}, ())


def test_obstacle_degree_by_hand():
    # F = (0.5*0.6, 0.5*0.4, 0.5*1) = (0.3, 0.2, 0.5); I = 1 - y = (0.5, 0, 0.8); F*I = (0.15, 0, 0.4), sum 0.55.
    index = pd.MultiIndex.from_tuples([("520000", 2023)], names=["geo_code", "year"])
    normalised = pd.DataFrame({"a": [0.5], "b": [1.0], "c": [0.2]}, index=index)
    weights = pd.Series({"a": 0.6, "b": 0.4, "c": 1.0})
    degrees = obstacles.obstacle_degrees(normalised, weights, small_system(), 0.5, 0.5)
    assert degrees.iloc[0].tolist() == pytest.approx([0.15 / 0.55, 0.0, 0.4 / 0.55])
    table = obstacles.long_table(degrees, small_system())
    first = table[(table["level"] == "indicator") & (table["rank"] == 1)]
    assert first["indicator"].tolist() == ["c"]
    dimensions = table[table["level"] == "dimension"].set_index("dimension")["obstacle"]
    assert dimensions.sum() == pytest.approx(1.0) and dimensions["living"] == pytest.approx(0.4 / 0.55)


def test_dagum_gini_by_hand():
    # y = 1, 2 (group A) and 3, 5 (group B): ordinary Gini 26 / (2 * 16 * 2.75) = 13/44; G_AA = 1/6, G_BB = 1/8,
    # s_A = 3/11, s_B = 8/11, within = 3/44; G_BA = 10/22 with every B above every A (D = 1): between = 10/44.
    values = pd.Series([1.0, 2.0, 3.0, 5.0])
    groups = pd.Series(["A", "A", "B", "B"])
    parts = inequality.dagum(values, groups)
    assert inequality.gini(values) == pytest.approx(13 / 44)
    assert parts.total == pytest.approx(13 / 44)
    assert parts.within == pytest.approx(3 / 44) and parts.between == pytest.approx(10 / 44)
    assert parts.transvariation == pytest.approx(0.0)
    assert parts.groups == pytest.approx({"A": 1 / 6, "B": 1 / 8})
    assert parts.pairs == pytest.approx({("B", "A"): 10 / 22})


def test_dagum_parts_sum_to_the_ordinary_gini_with_overlap():
    rng = np.random.default_rng(17)
    values = pd.Series(rng.uniform(0.3, 0.8, size=31))
    groups = pd.Series(rng.choice(["east", "central", "west", "northeast"], size=31))
    parts = inequality.dagum(values, groups)
    assert parts.within + parts.between + parts.transvariation == pytest.approx(parts.total, abs=1e-12)
    assert parts.total == pytest.approx(inequality.gini(values), abs=1e-12)
    assert parts.transvariation > 0  # the groups overlap


def test_gini_table_and_densities_per_year():
    d = pd.Series([1.0, 2.0, 3.0, 5.0, 1.0, 2.0, 3.0, 5.0]) / 10
    region = pd.Series(["A", "A", "B", "B"] * 2)
    years = pd.Series([2020] * 4 + [2021] * 4)
    table = inequality.gini_table(d, region, years)
    totals = table[table["component"] == "total"]
    assert totals["value"].tolist() == pytest.approx([13 / 44, 13 / 44]) and totals["share"].tolist() == [1.0, 1.0]
    shares = table[table["component"].isin(["within", "between", "transvariation"]) & (table["year"] == 2020)]
    assert shares["share"].sum() == pytest.approx(1.0)
    central = 0.5 + (d - 0.25) / 5  # 0.47-0.55: the kernels' spread stays inside [0, 1]
    density = inequality.densities(central, years, 101, "scott")
    assert len(density) == 202 and density["D"].iloc[-1] == 1.0
    # A density integrates to about 1 over a grid that covers the data and its kernels' spread.
    one = density[density["year"] == 2020]
    assert np.trapezoid(one["density"], one["D"]) == pytest.approx(1.0, abs=0.02)
