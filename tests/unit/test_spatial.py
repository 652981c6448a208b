"""Neighbours and spatial statistics on hand-made geometries: contiguity with islands joined to their nearest unit,
Moran's I against a hand-computed value, reproducible permutation p-values and clusters, and the caveat of units
whose territory changed between the censuses."""

from __future__ import annotations

import pandas as pd
import pytest
import shapely

from ruralrev.geo import facts
from ruralrev.spatial import autocorrelation, counties, neighbours


def square(x: float, y: float, size: float = 1.0):
    return shapely.box(x, y, x + size, y + size)


def line_of_squares() -> dict:
    """Four squares in a row near 105°E, 30°N (a, b, c, d), and an island e off the end of d."""
    units = {code: square(100 + i, 30) for i, code in enumerate("abcd")}
    units["e"] = square(104.5, 31.5, 0.3)
    return units


def test_contiguity_and_islands_joined_to_their_nearest_unit():
    edges = neighbours.edges(line_of_squares(), island_neighbours=1)
    touching = edges[edges["rule"] == "contiguity"]
    assert sorted(map(tuple, touching[["code", "neighbour"]].values)) == [
        ("a", "b"),
        ("b", "a"),
        ("b", "c"),
        ("c", "b"),
        ("c", "d"),
        ("d", "c"),
    ]
    island = edges[edges["rule"] == "nearest"]
    assert sorted(map(tuple, island[["code", "neighbour"]].values)) == [("d", "e"), ("e", "d")]
    # d's corner (104, 31) to e's corner (104.5, 31.5): about 70 km at 30°N.
    assert 60 < island["distance_km"].iloc[0] < 80


def test_contiguity_is_libpysal_queen_on_shared_borders():
    # A 3 x 3 grid sharing its borders vertex for vertex: corners count (queen), as in libpysal's Queen.
    import geopandas as gpd
    from libpysal.weights import Queen

    grid = {f"{i}{j}": square(100 + i, 30 + j) for i in range(3) for j in range(3)}
    codes = sorted(grid)
    frame = gpd.GeoDataFrame({"code": codes}, geometry=[grid[c] for c in codes], crs=4326)
    queen = Queen.from_dataframe(frame, ids="code", use_index=False, silence_warnings=True)
    assert neighbours.contiguity(grid) == {c: sorted(queen.neighbors[c]) for c in codes}
    assert neighbours.contiguity(grid)["11"] == ["00", "01", "02", "10", "12", "20", "21", "22"]


def test_weights_keep_only_units_with_a_value():
    edges = neighbours.edges(line_of_squares(), island_neighbours=1)
    w, alone = neighbours.weights(edges, ["a", "b", "d"])
    assert sorted(w.id_order) == ["a", "b"] and alone == ["d"]
    assert w.weights["a"] == [1.0]


def test_morans_i_by_hand_and_reproducible_p_values():
    # Values 1, 2, 3, 4 along the row, row-standardised weights: z = -1.5, -0.5, 0.5, 1.5, sum z^2 = 5,
    # sum_ij w_ij z_i z_j = 0.75 + 0.375 - 0.125 - 0.125 + 0.375 + 0.75 = 2, so I = (4 / 4) * 2 / 5 = 0.4.
    units = {code: g for code, g in line_of_squares().items() if code != "e"}
    w, _ = neighbours.weights(neighbours.edges(units, 1), list("abcd"))
    values = pd.Series([1.0, 2.0, 3.0, 4.0], index=list("abcd"))
    first = autocorrelation.global_moran(values, w, 99, seed=7)
    assert first["I"] == pytest.approx(0.4) and first["expected"] == pytest.approx(-1 / 3)
    assert autocorrelation.global_moran(values, w, 99, seed=7) == first
    local = autocorrelation.local_clusters(values, w, 99, seed=7, significance=1.0)
    assert local.set_index("geo_code")["quadrant"].to_dict() == {"a": "LL", "b": "LL", "c": "HH", "d": "HH"}
    again = autocorrelation.local_clusters(values, w, 99, seed=7, significance=0.05)
    assert again.equals(autocorrelation.local_clusters(values, w, 99, seed=7, significance=0.05))
    assert set(again["cluster"]) <= {"HH", "LL", "HL", "LH", "not significant"}


def test_a_checkerboard_gives_a_negative_morans_i():
    grid = {f"{r}{c}": square(100 + c, 30 + r) for r in range(4) for c in range(4)}
    edges = neighbours.edges(grid, 1)
    rook = edges.assign(
        shared=[grid[a].intersection(grid[b]).length > 0 for a, b in zip(edges["code"], edges["neighbour"])]
    )
    rook = rook[rook["shared"]].drop(columns="shared")
    w, _ = neighbours.weights(rook, sorted(grid))
    values = pd.Series({code: float((int(code[0]) + int(code[1])) % 2) for code in grid})
    assert autocorrelation.global_moran(values, w, 99, seed=1)["I"] == pytest.approx(-1.0)


def test_change_caveats_name_the_2010_unit_the_merger_and_the_area():
    crosswalk = pd.DataFrame(
        {
            "code_2010": ["520221", "350402", "350403", "110101"],
            "name_2010": ["水城县", "梅列区", "三元区", "东城区"],
            "code_2020": ["520204", "350404", "350404", "110101"],
            "name_2020": ["水城区", "三元区", "三元区", "东城区"],
            "rule": ["name_stem", "exception", "exception", "same_code"],
        }
    )
    codes = {"520204": "520204", "350404": "350404", "110101": "110101", "110102": "110102"}
    areas = {"520204": 3013.3, "110101": 41.9, "110102": 80.0}
    official = {
        "520204": {"value": 3578.0, "unit": "km2", "source": "P14"},
        "110102": {"value": 50.0, "unit": "km2", "source": "P14"},
    }
    caveats = facts.change_caveats(codes, crosswalk, areas, official, 5.0)
    assert caveats["520204"] == (
        "territory may have changed between the censuses: its 2010 count is 水城县 (520221), matched by name stem; "
        "its computed area is 16 % below the published 3,578 km² (P14)"
    )
    assert "its 2010 territory was 2 units (梅列区 350402, 三元区 350403)" in caveats["350404"]
    assert "computed area is 60 % above" in caveats["110102"]
    assert "110101" not in caveats


def test_county_statistics_leave_changed_units_out_of_the_change():
    units = {f"{r}{c}": square(100 + c, 30 + r) for r in range(3) for c in range(3)}
    edges = neighbours.edges(units, 1)
    codes = sorted(units)
    table = pd.DataFrame(
        {
            "admin_code": codes,
            "urbanization_2020": [float(i) for i in range(9)],
            "urbanization_change_pp": [float(i % 3) for i in range(9)],
            "comparable": [code != "11" for code in codes],
        }
    )
    options = {"permutations": 99, "seed": 3, "significance": 0.05, "changed_territory": "exclude"}
    moran, out = counties.statistics(table, edges, options)
    rows = moran.set_index("variable")
    assert rows.loc["urbanization_2020", "units"] == 9 and rows.loc["urbanization_change_pp", "units"] == 8
    assert rows.loc["urbanization_change_pp", "left_out"].startswith("1 units whose territory changed")
    assert out.set_index("admin_code").at["11", "cluster_urbanization_change_pp"] == ""
    kept, _ = counties.statistics(table, edges, {**options, "changed_territory": "keep"})
    assert kept.set_index("variable").loc["urbanization_change_pp", "units"] == 9


def test_an_atlas_sheet_marks_a_change_that_is_not_like_for_like():
    from ruralrev.geo.atlas_sheet import fact_lines

    row = pd.Series(
        {
            "population_2010": 1.0e6,
            "population_2020": 1.1e6,
            "urbanization_2010": 2.7,
            "urbanization_2020": 32.4,
            "urbanization_change_pp": 29.7,
        }
    )
    caveat = "territory may have changed between the censuses: its 2010 count is 水城县 (520221)"
    assert dict(fact_lines(row, 3013.3, None, caveat))["Change 2010→2020 (points)"] == "+29.7 †"
    assert dict(fact_lines(row, 3013.3, None, None))["Change 2010→2020 (points)"] == "+29.7"
