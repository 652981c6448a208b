"""Reading and validating raw tables: the real ones pass, malformed ones fail with one clear line."""

from pathlib import Path

import pytest

from ruralrev.errors import UserError
from ruralrev.panel.tables import parse_table, read_table, read_tables, table_kind

ROOT = Path(__file__).resolve().parents[2]
TABLES = ROOT / "data" / "raw" / "tables"
BAD = Path(__file__).resolve().parents[1] / "data" / "bad_tables"
NATIONAL_HEADER = "indicator,geo,year,value,unit,vintage,source_ref,source_note\n"
REGIONAL_HEADER = "indicator,geo_name,geo_code,year,value,unit,source_ref,source_note\n"


def test_real_tables_validate():
    tables = read_tables(TABLES)
    # 23 + the gap files liupanshui_annual, batang_garze_annual, provincial_urban_income + study_area_facts_official
    assert len(tables) == 27
    # The provincial additions carry a vintage column but name places by geo_name/geo_code: regional.
    assert table_kind("provincial_income.csv", list(tables["provincial_income.csv"].columns)) == "regional"
    assert len(tables["census_2020_counties.csv"]) == 3358
    # Text is kept as published: the yearbook indentation survives reading.
    assert tables["census_2010_counties.csv"].loc[2, "name"] == "  东城区"


def test_non_numeric_value_names_file_row_and_column():
    with pytest.raises(UserError) as caught:
        read_table(BAD / "national_population.csv")
    message = str(caught.value)
    assert "national_population.csv" in message and "data row 2" in message and "'value'" in message
    assert "14l212" in message and "\n" not in message


@pytest.mark.parametrize(
    "text, name, expected",
    [
        (
            NATIONAL_HEADER.replace(",source_note", "") + "x,China,2020,1,%,v,s\n",
            "national_x.csv",
            "column 'source_note' is missing",
        ),
        (NATIONAL_HEADER + "x,China,20x0,1,%,v,s,n\n", "national_x.csv", "data row 1 (CSV line 2), column 'year'"),
        (
            REGIONAL_HEADER + "x,贵州,520000,2020,1,%,s,n\nx,贵州,52000,2020,1,%,s,n\n",
            "study_x.csv",
            "data row 2 (CSV line 3), column 'geo_code'",
        ),
        (REGIONAL_HEADER + "x,贵州,520000,2020,1,%,,n\n", "study_x.csv", "column 'source_ref'"),
        (
            "name,admin_code,population,urban_population,rural_population,minority_share_pct\n北京市,110000,19612368,x,1,2\n",
            "census_2010_counties.csv",
            "column 'urban_population'",
        ),
    ],
)
def test_malformed_tables_raise_one_line(text, name, expected):
    with pytest.raises(UserError) as caught:
        parse_table(text, name)
    assert expected in str(caught.value)
    assert name in str(caught.value)


def test_regional_year_may_be_a_window_or_empty():
    frame = parse_table(REGIONAL_HEADER + "x,贵州,520000,2010-2020,1,%,s,n\nx,贵州,520000,,1,%,s,n\n", "study_x.csv")
    assert list(frame["year"]) == ["2010-2020", ""]


def test_non_utf8_file(tmp_path):
    path = tmp_path / "national_x.csv"
    path.write_bytes((NATIONAL_HEADER + "x,中国,2020,1,%,v,s,n\n").encode("gb18030"))
    with pytest.raises(UserError, match="not UTF-8"):
        read_table(path)


CENSUS_2010_HEADER = "name,admin_code,population,urban_population,rural_population,minority_share_pct\n"


@pytest.mark.parametrize(
    "text, name, expected",
    [
        (
            NATIONAL_HEADER + "x,China,2020,1,%,v,s,n\nx,China,2021,101.5,%,v,s,n\n",
            "national_x.csv",
            "data row 2 (CSV line 3), column 'value': 101.5 is outside 0-100",
        ),
        (
            REGIONAL_HEADER + "x,贵州,520000,2020,-3,10k persons,s,n\n",
            "study_x.csv",
            "data row 1 (CSV line 2), column 'value': -3 is negative",
        ),
        (
            CENSUS_2010_HEADER + "北京市,110000,100,60,40,2\n天津市,120000,100,60,30,2\n",
            "census_2010_counties.csv",
            "data row 2 (CSV line 3), column 'rural_population': 30 plus urban 60 is not the total 100",
        ),
        (
            CENSUS_2010_HEADER + "北京市,110000,100,120,,2\n",
            "census_2010_counties.csv",
            "column 'urban_population': 120 exceeds the total population 100",
        ),
        (
            CENSUS_2010_HEADER + "北京市,110000,100,60,40,120\n",
            "census_2010_counties.csv",
            "column 'minority_share_pct': 120 is outside 0-100",
        ),
    ],
)
def test_impossible_values_raise_one_line(text, name, expected):
    with pytest.raises(UserError) as caught:
        parse_table(text, name)
    assert expected in str(caught.value) and name in str(caught.value) and "\n" not in str(caught.value)


def test_census_row_with_a_blank_count_is_not_summed():
    frame = parse_table(CENSUS_2010_HEADER + "北京市,110000,100,60,,2\n", "census_2010_counties.csv")
    assert len(frame) == 1


def test_real_tables_pass_the_range_checks_and_the_one_known_exception_is_real():
    # 西沙群岛 in the 2010 table: urban 444 + rural 45 != total 444, accepted as published and reported.
    table = read_table(TABLES / "census_2010_counties.csv")
    row = table.iloc[2278 - 1]
    assert row["name"].strip() == "西沙群岛" and (
        row["population"],
        row["urban_population"],
        row["rural_population"],
    ) == ("444", "444", "45")
    assert row["admin_code"] == ""  # not a unit of the panel
    text = (TABLES / "census_2010_counties.csv").read_text(encoding="utf-8").replace("西沙群岛", "西沙")
    with pytest.raises(UserError, match="data row 2278 .*'rural_population': 45 plus urban 444"):
        parse_table(text, "census_2010_counties.csv")


def test_multibyte_text_is_read_whole():
    # Read as bytes: every cell of a long table in Chinese arrives intact and in order.
    row = 'gdp,"贵州省",520000,{year},1,"亿元","青海统计年鉴-2018 表 23-15","国家统计局 ""分省年度数据"""\n'
    text = REGIONAL_HEADER + "".join(row.format(year=2000 + i % 25) for i in range(3000))
    frame = parse_table(text, "provincial_gdp.csv")
    assert len(frame) == 3000 and frame["year"].tolist()[:3] == ["2000", "2001", "2002"]
    assert set(frame["geo_name"]) == {"贵州省"} and set(frame["source_note"]) == {'国家统计局 "分省年度数据"'}
