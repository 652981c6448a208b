"""Chinese documents: folding with a map back to the stored text, numbers in every written form, units and
counted nouns, qualifiers, years from their context, non-claims, places and indicators of the gazetteer and
the English vocabulary, tables, and a Chinese PDF's text layer."""

from __future__ import annotations

from pathlib import Path

import pytest

from ruralrev.extract.claims import extract_claims
from ruralrev.extract.cn_numerals import numeral_value, range_values
from ruralrev.extract.corpus import extract_paths
from ruralrev.extract.hanzi import fold, is_chinese
from ruralrev.extract.pdftext import read_pdf

DATA = Path(__file__).resolve().parents[1] / "data"


def read(text: str) -> list[tuple]:
    """(text, value, unit, year, qualifier) of each claim, and every claim's text is the stored text's slice."""
    rows = extract_claims("doc", text)
    assert all(text[r["start"] : r["end"]] == r["text"] for r in rows)
    return [(r["text"], r["value"], r["unit"], r["year"], r["qualifier"]) for r in rows]


def test_the_issue_sentence_gets_value_unit_year_place_and_indicator():
    text = (
        "2023年末，六盘水市常住人口289.12万人……常住人口城镇化率达到51.61%，比上年末提高0.87个百分点。"
        "全年农村居民人均可支配收入14270元"
    )
    rows = extract_claims("doc", text)
    assert [(r["value"], r["unit"], r["year"], r["place"], r["qualifier"], r["indicator"]) for r in rows] == [
        (2891200.0, "person", 2023, "Liupanshui", None, "total_population"),
        (51.61, "percent", 2023, "Liupanshui", None, "urbanization_rate"),
        (0.87, "percentage_point", 2023, "Liupanshui", "change", "urbanization_rate"),
        (14270.0, "yuan", 2023, "Liupanshui", None, "per_capita_disposable_income"),
    ]


def test_folding_keeps_a_map_to_the_stored_characters():
    written = "全國農村居民人均可支配收入為１７１３１元，增長９．２％，萬(wàn)人"
    folded = fold(written)
    assert folded.text == "全国农村居民人均可支配收入为17131元,增长9.2%,万人"
    assert all(len(written[i]) == 1 for i in folded.index) and folded.index[-1] == len(written) - 1
    assert written[folded.index[folded.text.index("17131")]] == "１"
    assert is_chinese(written) and not is_chinese("In 2020, Guizhou's rate was 53.15 percent (城镇化率).")


def test_traditional_and_full_width_text_read_like_simplified():
    assert read("2020年，全國農村居民人均可支配收入為１７，１３１元，比上年增長６。９％。") == [
        ("１７，１３１元", 17131.0, "yuan", 2020, None),
        ("６。９％", 6.9, "percent", 2020, "change"),
    ]


@pytest.mark.parametrize(
    "numeral, value",
    [("三千五百万", 35_000_000), ("两千", 2000), ("一百零五", 105), ("六十五点三", 65.3), ("一亿二千万", 120_000_000)],
)
def test_chinese_numerals(numeral, value):
    assert numeral_value(numeral) == value


def test_numbers_in_every_written_form():
    text = (
        "全县有贫困人口三千五百万，贫困发生率百分之六十五点三，两千户脱贫，消除绝对贫困人口三分之二以上，"
        "九成农户参加合作社，人均增收3—5万元，务工收入七八千元，粮食产量1,234万吨，搬迁34 911户。"
    )
    assert read(text) == [
        ("三千五百万", 35_000_000.0, "person", None, None),
        ("百分之六十五点三", 65.3, "percent", None, None),
        ("两千户", 2000.0, "household", None, None),
        ("三分之二", pytest.approx(66.667, abs=1e-3), "percent", None, "over"),
        ("九成", 90.0, "percent", None, None),
        ("3", 30000.0, "yuan", None, "change"),
        ("5万元", 50000.0, "yuan", None, "change"),
        ("七", 7000.0, "yuan", None, None),
        ("八千元", 8000.0, "yuan", None, None),
        ("1,234万吨", 12_340_000.0, "t", None, None),
        ("34 911户", 34911.0, "household", None, None),
    ]
    assert range_values("七八千") == (7000.0, 8000.0)


def test_units_counted_nouns_rates_and_qualifiers():
    text = (
        "2022年，全省有88个贫困县、9000个贫困村、934个乡镇，粮食产量超过2000万吨，约300余万人外出务工，"
        "近1.2万户搬迁，亩产500公斤左右，耕地480万亩，面积48.5万平方公里，扶贫标准为每人每年2300元，"
        "平均每个家庭户的人口为2.62人，比上年增长7.9%，提高0.87个百分点，新增就业970万人。"
    )
    assert read(text) == [
        ("88个贫困县", 88.0, "county", 2022, None),
        ("9000个贫困村", 9000.0, "village", 2022, None),
        ("934个乡镇", 934.0, "township", 2022, None),
        ("2000万吨", 20_000_000.0, "t", 2022, "over"),
        ("300余万人", 3_000_000.0, "person", 2022, "over"),
        ("1.2万户", 12000.0, "household", 2022, "approximately"),
        ("500公斤", 500.0, "kg", 2022, "approximately"),
        ("480万亩", 4_800_000.0, "mu", 2022, None),
        ("48.5万平方公里", 485_000.0, "km2", 2022, None),
        ("2300元", 2300.0, "yuan/year", 2022, None),
        ("2.62人", 2.62, "person/household", 2022, None),
        ("7.9%", 7.9, "percent", 2022, "change"),
        ("0.87个百分点", 0.87, "percentage_point", 2022, "change"),
        ("970万人", 9_700_000.0, "person", 2022, None),
    ]


def test_years_from_their_context():
    text = (
        "2016—2020年，全省累计减贫500万人。贫困发生率从2015年的14.7%下降到2020年的0.5%，下降14.2个百分点。"
        "全年粮食产量1000万吨，比2019年增长3%。去年全省新增耕地2万亩。"
    )
    rows = extract_claims("doc", text)
    assert [(r["text"], r["year"], r["year_start"]) for r in rows] == [
        ("500万人", 2020, 2016),
        ("14.7%", 2015, None),
        ("0.5%", 2020, None),
        ("14.2个百分点", 2020, None),
        ("1000万吨", 2020, None),  # the passage's year; 2019 is the comparison's base
        ("3%", 2020, 2019),  # a change: from the base year written in its clause
        ("2万亩", None, None),  # "去年": a date relative to the writing ends the passage's year
    ]


def test_non_claims_stay_out():
    text = (
        "根据《国务院关于实施乡村振兴战略的意见》（中发〔2018〕1号）第十二条，“十四五”期间继续实施《国家八七扶贫攻坚计划》。"
        "一是加强领导；（一）完善机制；①强化考核。5月23日召开会议，连续五年，历时三十年，第3位，中图分类号F323.8，"
        "邮编211100，见图1和表2，2096-8442(2022)02-0046-06。"
    )
    assert read(text) == []


def test_a_bar_table_takes_its_header_units_and_its_caption_year():
    text = (
        "表1 2022年年末常住人口数及其构成\n指标名称 | 绝对数(万人) | 占年末常住人口比重(%) |\n"
        "年末常住人口 | 3856 | 100 |\n城镇 | 2114 | 54.81 |"
    )
    assert read(text) == [
        ("3856", 38_560_000.0, "person", 2022, None),
        ("100", 100.0, "percent", 2022, None),
        ("2114", 21_140_000.0, "person", 2022, None),
        ("54.81", 54.81, "percent", 2022, None),
    ]


def test_places_through_the_gazetteer_chinese_names():
    rows = extract_claims(
        "doc", "2020年，甘孜州地区生产总值410.61亿元。理塘县位于甘孜州西南部，辖区面积14351.8平方公里。"
    )
    assert [r["place"] for r in rows] == ["Garzê", "Litang"]
    assert rows[0]["indicator"] == "gdp"


def test_a_chinese_pdf_reads_through_its_text_layer():
    layer = read_pdf(DATA / "pdf" / "guizhou_zh.pdf")
    assert "测试文档 · 为测试编写" not in layer and "第 1 页" not in layer  # running head and page footers
    assert "比上年末提高1.67个百分点" in layer  # a line broke inside "个百|分点"
    tables = extract_paths([DATA / "pdf" / "guizhou_zh.pdf"])
    claims = tables["claims"].set_index("text")
    assert claims.loc["1.67个百分点", "unit"] == "percentage_point"
    assert claims.loc["11642元", "indicator"] == "per_capita_disposable_income"
    assert set(claims["page"]) == {1}
    captions = tables["captions"]
    assert list(zip(captions["kind"], captions["number"], captions["year_start"])) == [("table", "1", 2020)]
    assert list(tables["sections"]["heading"]) == ["人口与城镇化", "居民收入"]
