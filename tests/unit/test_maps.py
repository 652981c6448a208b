"""Study-area maps: census choropleth with honest 'no data', county-in-prefecture framing, stable bytes."""

from pathlib import Path

import pandas as pd
import pytest

from ruralrev.geo import boundaries, maps
from ruralrev.errors import UserError

TABLES = Path(__file__).resolve().parents[2] / "data" / "raw" / "tables"
LIUPANSHUI_COUNTIES = ["520201", "520203", "520204", "520281"]


@pytest.fixture(scope="module")
def census_panel() -> pd.DataFrame:
    """2020 census urbanization rates of Liupanshui's counties from the real census table, Panzhou left out."""
    counts = pd.read_csv(TABLES / "census_2020_counties.csv", dtype={"admin_code": str})
    counts = counts[counts["admin_code"].isin(["520201", "520203", "520204"])]
    panel = pd.DataFrame({
        "geo_code": counts["admin_code"], "indicator": "urbanization_rate", "year": 2020,
        "value": counts["urban_population"] / counts["population"] * 100, "unit": "percent",
        "definition": "census", "preferred": True, "vintage": "2020 census", "source": "S01",
        "raw_file": "", "raw_row": pd.NA, "derivation": "urban_population / population * 100",
    })
    # A year-end value and an unpreferred census value for Panzhou must not be mapped as its census rate.
    extra = panel.iloc[[0, 0]].assign(geo_code="520281", value=[40.0, 41.0], definition=["year_end", "census"],
                                      preferred=[True, False])
    return pd.concat([panel, extra], ignore_index=True)


def test_census_rates_take_only_preferred_census_rows(census_panel):
    rates = maps.census_rates(census_panel, LIUPANSHUI_COUNTIES, 2020)
    assert sorted(rates.index) == ["520201", "520203", "520204"]
    # Zhongshan: 606,797 urban of 674,249 residents.
    assert rates["520201"] == pytest.approx(606797 / 674249 * 100)
    assert maps.census_rates(census_panel, LIUPANSHUI_COUNTIES, 2010).empty


def test_classes_fit_few_units_and_labels_show_real_ranges():
    values = pd.Series([89.99, 39.48, 32.41, 35.0])
    classes, bounds = maps.classify(values)
    assert len(bounds) == 3 and classes.max() == 2
    assert maps.class_labels(values, classes)[-1] == "90.0 %"
    assert maps.classify(pd.Series([50.0, 50.0]))[1].tolist() == [50.0]


def test_county_is_framed_by_its_prefectures_counties():
    units, focus = maps.map_units(boundaries.resolve("513335"))
    assert focus == "513335"
    assert len(units) == 18 and "Batang" in units["label"].tolist()
    units, focus = maps.map_units(boundaries.resolve("520200"))
    assert focus is None and units["admin_code"].tolist() == LIUPANSHUI_COUNTIES


def test_map_marks_missing_units_and_draws_identical_bytes_twice(census_panel, tmp_path):
    first = maps.draw_region_map("520200", census_panel, tmp_path / "a.png", tmp_path / "a.svg")
    second = maps.draw_region_map("520200", census_panel, tmp_path / "b.png", tmp_path / "b.svg")
    assert first["no_data"] == ["520281"]
    assert "no data for Panzhou" in first["caption"]
    assert len(first["class_upper_bounds"]) == 2  # three mapped values -> two classes
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()
    svg = (tmp_path / "a.svg").read_bytes()
    assert svg == (tmp_path / "b.svg").read_bytes()
    assert b"<dc:date>" not in svg


def test_map_without_panel_draws_plain_study_area(tmp_path):
    result = maps.draw_region_map("513335", None, tmp_path / "batang.png", tmp_path / "batang.svg")
    assert result["no_data"] == [] and result["class_upper_bounds"] == []
    assert (tmp_path / "batang.png").stat().st_size > 10_000


def test_unknown_region_is_refused(tmp_path):
    with pytest.raises(UserError, match="999999"):
        maps.draw_region_map("999999", None, tmp_path / "x.png", tmp_path / "x.svg")
    assert not (tmp_path / "x.png").exists()
