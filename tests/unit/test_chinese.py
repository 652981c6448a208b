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
        ("500公斤", 500.0, "kg/mu", 2022, "approximately"),  # a per-mu yield (README: kg/mu)
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


# Issue 18, second blind set: general causes of its misses, each on sentences written here


def test_numbers_a_pdf_conversion_wrote_as_latex():
    text = (
        "2020年末，全市常住人口 $3 4 5 . 6 7 \\times 1 0 ^ { 4 }$ 人，城镇化率 $5 8 . 2 \\%$ ，"
        "面积$1 . 2 5 \\times 1 0 ^ { 4 } ~ \\mathrm { k m } ^ { 2 }$ ，年降水量$3 0 0 { \\sim } 4 5 0 ~ \\mathrm { m m }$ 。"
    )
    assert read(text) == [
        ("3 4 5 . 6 7 \\times 1 0 ^ { 4 }$ 人", 3456700.0, "person", 2020, None),
        ("5 8 . 2 \\%", 58.2, "percent", 2020, None),
        ("1 . 2 5 \\times 1 0 ^ { 4 } ~ \\mathrm { k m } ^ { 2 }", 12500.0, "km2", 2020, None),
        ("3 0 0", 300.0, "mm", 2020, None),
        ("4 5 0 ~ \\mathrm { m m }", 450.0, "mm", 2020, None),
    ]
    # a formula split after its range sign, a Markdown escape outside formulas, and dollars that are no formula
    assert [c[1:3] for c in read("海拔 $9 0 0 \\sim$ $1 0 5 0 \\mathrm { ~ m ~ }$ ,气候干旱。")] == [
        (900.0, "m"),
        (1050.0, "m"),
    ]
    assert fold("指数在0.20\\~0.45之间").text == "指数在0.20~0.45之间"
    assert fold("售价US$5 000元和US$8").text == "售价US$5 000元和US$8"


def test_terms_of_a_ratio_of_three_or_more():
    rows = read("全县三次产业结构由上年的15.2:40.1:44.7调整为14.8∶39.6∶45.6。")
    assert [r[1] for r in rows] == [15.2, 40.1, 44.7, 14.8, 39.6, 45.6] and {r[2] for r in rows} == {None}
    assert read("会议于09:30:00开始。") == []  # a time of day


def test_counts_of_provinces_and_counties_without_a_classifier():
    assert [r[1:3] for r in read("课题组在西部5省12县抽样调查,东部8省份也已公布数据。")] == [
        (5.0, "province"),
        (12.0, "county"),
        (8.0, "province"),
    ]
    assert [r[:3] for r in read("调查覆盖全国28个省(自治区、直辖市)和6个省会城市。")] == [
        ("28个省", 28.0, "province"),
        ("6个省会城市", 6.0, "city"),
    ]
    # a count restating the names before it, a year before 县, a group's name in numerals
    assert read("在甘肃、青海、宁夏3省开展试点。") == [] and read("2018县域经济报告发布。") == []
    assert read("西南三省联合发布。") == []


def test_counted_nouns_after_modifiers_and_new_units():
    assert [r[:3] for r in read("全区12个省级重点村和30个国家扶贫开发工作重点县,形成3个百亿级产业集群。")] == [
        ("12个省级重点村", 12.0, "village"),
        ("30个国家扶贫开发工作重点县", 30.0, "county"),
        ("3个", 3.0, "cluster"),
    ]
    assert [r[1:3] for r in read("共有36个国家参加,建成水利设施120多处,出生率为9.85‰,存栏2450百羽。")] == [
        (36.0, "country"),
        (120.0, "facility"),
        (9.85, "permille"),
        (245000.0, "head"),
    ]
    assert [r[1:3] for r in read("常住人口为1亿2350万人,亩产452.3公斤、增加3.1公斤。")] == [
        (123500000.0, "person"),
        (452.3, "kg/mu"),
        (3.1, "kg/mu"),
    ]


def test_values_with_decimals_listed_after_fenbie():
    assert [r[1] for r in read("三县的协调度分别为0.52、0.61、0.58。")] == [0.52, 0.61, 0.58]


def test_years_of_an_event_time_and_of_a_window_start():
    assert read("1978 年改革开放之初,全国城镇人口为17245 万人。") == [("17245 万人", 172450000.0, "person", 1978, None)]
    assert read("2005至2015年,全省城镇化率从41.2%提高到55.3%。") == [
        ("41.2%", 41.2, "percent", 2005, None),
        ("55.3%", 55.3, "percent", 2015, None),
    ]


def test_qualifiers_of_bounds_lists_growth_topics_and_multiples():
    assert [r[4] for r in read("全市粮食产量连续迈上80亿斤、90亿斤两个台阶,耕地超200万亩。")] == [
        "over",
        "over",
        "over",
    ]
    assert [r[4] for r in read("增速方面,甲县和乙县居前,分别达到8.1%和7.9%。")] == ["change", "change"]
    assert read("税收收入是2015年的2.3倍。") == [("2.3倍", 2.3, None, None, "change")]


def test_thresholds_of_a_definition_and_reading_notices_are_no_claims():
    assert read("城镇由人口密度1000人/平方公里以上或20%以上为建成区的网格构成。") == []
    assert read("您已阅读12%(480字),剩余88%(3520字)。") == []


def test_places_of_variants_lists_and_benchmarks_and_reduced_headcounts():
    def places(text):
        return [(r["value"], r["place"]) for r in extract_claims("doc", text)]

    assert places("2020年,陜西农村居民人均可支配收入13316元。") == [(13316.0, "Shaanxi")]
    # the places listed before 分别 go with the values listed after it, in order
    assert places("贵州、云南和四川分别增长8.1%、7.6%和6.9%。") == [(8.1, "Guizhou"), (7.6, "Yunnan"), (6.9, "Sichuan")]
    # a benchmark of a comparison and a doctrine's adjective name no subject
    assert places("贵州农村居民收入12856元,与全国平均水平相比,相当于75.2%。") == [
        (12856.0, "Guizhou"),
        (75.2, "Guizhou"),
    ]
    assert places("云南以中国特色社会主义思想为指导。全省粮食产量1930万吨。") == [(19300000.0, "Yunnan")]
    rows = extract_claims("doc", "五年来,全省农村贫困人口减少超过600万人。")
    assert [(r["qualifier"], r["indicator"]) for r in rows] == [("over", "poverty_reduction")]
