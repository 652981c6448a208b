"""The atlas: one sheet per county-level unit, numbers equal to the panel's, broken boundaries reported, codes checked."""

from pathlib import Path

import pandas as pd
import pytest

from ruralrev import config
from ruralrev.errors import UserError
from ruralrev.geo import atlas, boundaries, gallery, layers, shapes

TABLES = Path(__file__).resolve().parents[2] / "data" / "raw" / "tables"
BEIJING = "110000"
BROKEN = "110101"  # Dongcheng: its boundary is made unreadable in the test


def census_panel() -> pd.DataFrame:
    """Panel-like rows (population, urbanization rate) of Beijing's districts from the real census tables."""
    frames = []
    for year in (2010, 2020):
        counts = pd.read_csv(TABLES / f"census_{year}_counties.csv", dtype={"admin_code": str})
        counts = counts[counts["admin_code"].fillna("").str.startswith("1101")]
        common = {
            "year": year,
            "definition": "census",
            "preferred": True,
            "source": "S01",
            "raw_file": f"census_{year}_counties.csv",
            "raw_row": counts.index + 2,
            "unit": "person",
        }
        population = pd.DataFrame(
            {"geo_code": counts["admin_code"], "indicator": "total_population", "value": counts["population"], **common}
        )
        rate = population.assign(
            indicator="urbanization_rate", value=counts["urban_population"] / counts["population"] * 100
        )
        frames += [population, rate]
    return pd.concat(frames, ignore_index=True)


@pytest.fixture(scope="module")
def beijing(tmp_path_factory):
    """Beijing's atlas, drawn once, with one district's boundary unreadable."""
    out = tmp_path_factory.mktemp("atlas")
    original = layers._geometry
    layers._geometry.cache_clear()

    def geometry(path: str):
        if path.endswith(f"{BROKEN}.geojson"):
            raise shapes.BoundaryError("boundary file unreadable (test)")
        return original(path)

    layers._geometry = geometry
    try:
        rows = atlas.draw_province(BEIJING, census_panel(), None, out / BEIJING)
    finally:
        layers._geometry = original
    return rows, out


def test_one_sheet_per_county_level_unit(beijing):
    rows, out = beijing
    units = layers.county_level_units(boundaries.resolve(BEIJING))
    assert len(units) == 16
    assert sorted(p.stem for p in (out / BEIJING).glob("*.png")) == sorted(u.code for u in units)
    assert rows["admin_code"].tolist() == sorted(u.code for u in units)
    assert rows["name_en"].str.isascii().all() and (rows["name_en_full"] != rows["name_zh"]).all()


def test_numbers_on_a_sheet_equal_the_panels(beijing):
    rows, _ = beijing
    panel = census_panel()
    row = rows.set_index("admin_code").loc["110108"]  # Haidian
    expected = panel[(panel["geo_code"] == "110108")].set_index(["indicator", "year"])["value"]
    assert row["population_2020"] == expected[("total_population", 2020)]
    assert row["urbanization_2010"] == pytest.approx(expected[("urbanization_rate", 2010)])
    assert row["name_en_full"] == "Haidian District" and row["status"] == "drawn"
    assert row["area_km2"] == pytest.approx(431, rel=0.03)  # Haidian's published 430.8 km2


def test_a_unit_without_a_usable_boundary_gets_a_sheet_and_a_reason(beijing):
    rows, out = beijing
    row = rows.set_index("admin_code").loc[BROKEN]
    assert row["status"] == "boundary problem" and "unreadable" in row["reason"]
    assert (out / BEIJING / f"{BROKEN}.png").stat().st_size > 10_000
    assert row["population_2020"] > 0  # the numbers do not depend on the boundary


def test_gallery_lists_every_sheet_with_a_search_box(beijing, tmp_path):
    rows, out = beijing
    rows.to_csv(tmp_path / "110000.csv", index=False)
    table = gallery.write_atlas_index([tmp_path / "110000.csv"], tmp_path / "atlas.csv", out / "index.html")
    page = (out / "index.html").read_text(encoding="utf-8")
    assert len(table) == 16 and page.count('class="card') == 16
    assert 'id="q"' in page and "Haidian District" in page and "http" not in page.split("<body>")[1]


@pytest.mark.parametrize(
    ("value", "expected"), [([520000], ["520000"]), (["520000", "520000"], ["520000"]), ("520000", ["520000"])]
)
def test_atlas_codes_may_be_strings_or_numbers(value, expected):
    assert config.atlas_provinces(value) == expected


def test_all_means_every_province():
    codes = config.atlas_provinces("all")
    assert len(codes) == 34 and "520000" in codes and "100000" not in codes


@pytest.mark.parametrize("code", ["520001", "520200"])  # a typo, and a prefecture where a province is wanted
def test_unknown_or_non_province_code_is_refused_with_nearest_names(code):
    with pytest.raises(UserError, match=rf"atlas: '{code}'.*520000 贵州省 Guizhou"):
        config.atlas_provinces([code])


def test_sheets_are_the_same_bytes_when_drawn_again(tmp_path):
    first = atlas.draw_province("820000", None, None, tmp_path / "a")  # Macao: 8 units, no census rows
    atlas.draw_province("820000", None, None, tmp_path / "b")
    assert len(first) == 8 and (first["match"] == "no panel").all()
    for row in first.itertuples():
        assert (tmp_path / "a" / f"{row.admin_code}.png").read_bytes() == (
            tmp_path / "b" / f"{row.admin_code}.png"
        ).read_bytes()
