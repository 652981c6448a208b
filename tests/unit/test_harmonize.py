"""The harmonized panel built from the real raw tables: vintages, definitions, conflicts, derivations."""

import json
from pathlib import Path

import pandas as pd
import pytest

from ruralrev.panel.build import build_from_dir, build_panel
from ruralrev.panel.datapackage import describe
from ruralrev.panel.tables import read_tables

TABLES = Path(__file__).resolve().parents[2] / "data" / "raw" / "tables"


@pytest.fixture(scope="module")
def outputs():
    return build_from_dir(TABLES, sorted(TABLES.parent.glob("SOURCES*.md")))


@pytest.fixture(scope="module")
def panel(outputs):
    return outputs["indicators"]


def rows(panel, indicator, geo, year=None, definition=None):
    hit = (panel["indicator"] == indicator) & (panel["geo_code"] == geo)
    if year is not None:
        hit &= panel["year"] == year
    if definition is not None:
        hit &= panel["definition"] == definition
    return panel[hit]


def test_revised_series_is_preferred(panel):
    rural_2015 = rows(panel, "rural_population", "100000", 2015, "year_end")
    best = rural_2015[rural_2015["preferred"]]
    assert len(best) == 1
    assert best.iloc[0]["value"] == 590_240_000
    assert "revised after 7th census" in best.iloc[0]["vintage"] and best.iloc[0]["source"] == "GH1"
    urban_2017 = rows(panel, "urban_population", "100000", 2017, "year_end")
    assert set(urban_2017["value"]) == {843_430_000, 813_470_000}
    assert urban_2017.loc[urban_2017["preferred"], "value"].item() == 843_430_000


def test_census_and_year_end_2020_are_distinct(panel):
    rural = rows(panel, "rural_population", "100000", 2020)
    census = rural[(rural["definition"] == "census") & rural["preferred"]]
    year_end = rural[(rural["definition"] == "year_end") & rural["preferred"]]
    assert census["value"].item() == 509_787_562
    assert year_end["value"].item() == 509_920_000


def test_exactly_one_preferred_per_key(panel):
    counts = panel.groupby(["indicator", "geo_code", "year", "definition"], dropna=False)["preferred"].sum()
    assert (counts == 1).all()


def test_conflicting_values_are_listed_not_averaged(outputs, panel):
    conflicts = outputs["conflicts"]
    land = conflicts[(conflicts["indicator"] == "land_area") & (conflicts["geo_code"] == "520200")]
    assert sorted(land["value"]) == [9914, 9914, 9926, 9965]
    assert land["chosen"].sum() == 1
    area = rows(panel, "land_area", "520200")
    assert sorted(area["value"]) == [9914, 9914, 9926, 9965]
    # A media feature reposted on the city government portal (Q127) agrees with the encyclopedia row (P12); neither
    # is the publisher's own figure, and all rows stay in the panel.
    preferred = area.loc[area["preferred"]]
    assert preferred["value"].item() == 9914 and preferred["source"].item() in {"P12", "Q127"}
    panzhou = conflicts[(conflicts["indicator"] == "land_area") & (conflicts["geo_code"] == "520281")]
    assert panzhou.loc[panzhou["chosen"], "source"].item() == "P21"
    assert "reliability" in panzhou.loc[panzhou["chosen"], "rule"].item()


def test_derived_urbanization_rate_liupanshui_2020(panel):
    rate = rows(panel, "urbanization_rate", "520200", 2020, "census")
    assert len(rate) == 1
    row = rate.iloc[0]
    assert row["value"] == pytest.approx(1_481_555 / 3_031_602 * 100)
    assert row["source"] == "derived" and pd.isna(row["raw_row"]) and row["preferred"]
    assert "census_2020_counties.csv row 2618" in row["derivation"]


def test_2010_counts_keyed_by_2020_code(panel):
    shuicheng = rows(panel, "total_population", "520204", 2010, "census")
    assert set(shuicheng["value"]) == {704_615}
    assert set(shuicheng["geo_code_original"]) == {"520221"}
    assert set(shuicheng["geo_name"]) == {"Shuicheng"}
    assert "census_2010_counties.csv" in set(shuicheng["raw_file"])
    change = rows(panel, "urbanization_rate_change_2010_2020", "520281", 2020, "census")
    assert change["unit"].item() == "percentage_point"
    assert change["value"].item() == pytest.approx(420_894 / 1_074_073 * 100 - 176_237 / 1_035_345 * 100)


def test_published_census_rate_beats_derived(panel):
    guizhou = rows(panel, "urbanization_rate", "520000", 2020, "census")
    assert guizhou.loc[guizhou["preferred"], "source"].item() == "P08"
    assert len(guizhou) == 2


def test_income_ratio_derived_where_both_incomes_exist(panel):
    ratio_2017 = rows(panel, "urban_rural_income_ratio", "100000", 2017)
    assert ratio_2017["value"].item() == pytest.approx(36396 / 13432)
    ratio_2015 = rows(panel, "urban_rural_income_ratio", "100000", 2015)
    assert ratio_2015.loc[ratio_2015["preferred"], "value"].item() == 2.73


def test_units_and_programmes(panel):
    fund = rows(panel, "poverty_fund_central", "100000", 2017)
    assert fund["value"].item() == pytest.approx(86_095_000_000) and fund["unit"].item() == "yuan"
    linkage = rows(panel, "linkage_fund_central", "100000", 2021)
    assert linkage["value"].item() == pytest.approx(156_100_000_000)
    income = rows(panel, "disposable_income_rural", "100000", 2019)
    assert income["unit"].unique().tolist() == ["yuan/person"]
    grain = rows(panel, "grain_output", "100000", 2021)
    assert grain["value"].item() == pytest.approx(682_850_000)


def test_provenance(panel):
    published = panel[panel["source"] != "derived"]
    assert published["raw_row"].notna().all()
    assert published["source"].str.fullmatch(r"(GH|W|P|S|Q)\d+").all()
    assert panel["geo_code"].str.fullmatch(r"\d{6}").all()
    assert not panel["value"].isna().any()


def test_not_found_rows_are_missing_not_zero(outputs, panel):
    missing = outputs["missing"]
    not_found = missing[missing["note"].str.contains("NOT FOUND")]
    assert set(not_found["file"]) == {
        "cultivated_land.csv",
        "guizhou_demonstration_project.csv",
        "study_area_facts.csv",
        "provincial_income.csv",
        "provincial_agriculture_inputs.csv",  # machine-worked areas 2010-2014, Tibet pesticide 2022-2023
        "national_income_2013_2014.csv",  # rural disposable income 2013 (integrated survey)
        "national_gdp_per_capita_2010_2015.csv",  # per-capita GDP 2014-2015 as first published
        "provincial_rural_poverty.csv",
        "liupanshui_annual.csv",  # year-end population, urbanization rate, GDP, rural income 2010-2023
        "batang_garze_annual.csv",  # Batang and Garze population, rural income, poverty 2015-2021
        "provincial_urban_income.csv",  # urban disposable income 2016-2023, one row per province
        "study_area_facts_official.csv",  # Batang's area, census count and townships from their publishers
    }
    assert rows(panel, "cultivated_land_area", "520200").empty
    dongcheng = rows(panel, "rural_population", "110101", 2010)
    assert dongcheng.empty  # blank in the 2010 yearbook stays missing, never 0


def test_vintage_preference_parameter(outputs):
    tables = read_tables(TABLES)
    gazetteer = outputs["gazetteer"]
    original_first = {"default": ["original", "current nbs series"]}
    result = build_panel(
        {
            name: tables[name]
            for name in ("national_population.csv", "census_2010_counties.csv", "census_2020_counties.csv")
        },
        gazetteer,
        original_first,
    )["indicators"]
    total_2015 = rows(result, "total_population", "100000", 2015, "year_end")
    assert total_2015.loc[total_2015["preferred"], "value"].item() == 1_374_620_000


def test_datapackage_descriptor(outputs):
    descriptor = describe(outputs)
    names = [resource["name"] for resource in descriptor["resources"]]
    assert {"indicators", "conflicts", "crosswalk", "gazetteer"} <= set(names)
    indicators = descriptor["resources"][names.index("indicators")]
    # The descriptor sits in data/processed/, so paths are relative to it.
    assert indicators["path"] == "indicators.csv"
    assert all("/" not in resource["path"] for resource in descriptor["resources"])
    assert [field["name"] for field in indicators["schema"]["fields"]] == list(outputs["indicators"].columns)
    json.dumps(descriptor, sort_keys=True)


def test_sorted_on_key_columns(panel):
    keys = panel[["indicator", "geo_code", "year", "definition", "vintage", "raw_file", "raw_row"]]
    ordered = keys.sort_values(list(keys.columns), na_position="first", kind="stable")
    assert list(ordered.index) == list(keys.index)


def test_reused_code_gets_no_2010_value_or_change(outputs, panel):
    # 2010 万盛区 (500110, 255,776 people) and 双桥区 (500111) were merged into 綦江区 and 大足区, which
    # took over their codes: their 2010 counts must not appear as those districts' 2010 figures.
    for code in ("500110", "500111"):
        assert rows(panel, "total_population", code, 2010).empty
        assert rows(panel, "urbanization_rate", code, 2010).empty
        assert rows(panel, "urbanization_rate_change_2010_2020", code).empty
        assert not rows(panel, "total_population", code, 2020).empty
    skipped = outputs["skipped"]
    wansheng = skipped[(skipped["file"] == "census_2010_counties.csv") & (skipped["name"] == "万盛区")]
    assert len(wansheng) == 1 and "code_reused" in wansheng["reason"].item()


def test_swapped_names_in_the_2010_table_are_linked_by_code(panel):
    # The 2010 table prints 丰润区 at 130207 and 丰南区 at 130208, the reverse of the 2020 codes. The counts
    # follow the codes (2010->2020 totals -7% and -13% by code, +35% and -40% by name), so the exceptions
    # file links them by code; the name stem alone would have swapped two districts' histories.
    fengrun_2010 = rows(panel, "total_population", "130208", 2010, "census")
    assert fengrun_2010["value"].item() == 916_092 and fengrun_2010["geo_code_original"].item() == "130208"
    fengnan_2010 = rows(panel, "total_population", "130207", 2010, "census")
    assert fengnan_2010["value"].item() == 595_467


def test_raw_notes_reach_the_panel(panel):
    caution = panel[(panel["raw_file"] == "study_area_urbanization.csv") & (panel["raw_row"] == 60)]
    assert caution["note"].item().startswith("infobox") and "CAUTION" in caution["note"].item()
    assert "implies 47.5%" in caution["note"].item()
    garze = rows(panel, "total_population", "513300", 2018)
    garze = garze[garze["source"] == "P47"]
    assert len(garze) == 1 and "LOW reliability" in garze["note"].item()
    assert (panel.loc[panel["source"] == "derived", "note"].str.startswith("computed by ruralrev")).all()
    census = panel[
        panel["raw_file"].isin(["census_2010_counties.csv", "census_2020_counties.csv"])
        & (panel["source"] != "derived")
    ]
    assert (census["note"] == "").all()


@pytest.mark.parametrize(
    "indicator, geo, year, expected",
    [
        ("gdp", "520203", 2020, 13_364_000_000.0),
        ("urban_population", "520200", 2015, 1_373_600.0),
        ("grain_sown_area", "100000", 2021, 117_600_000.0),
    ],
)
def test_values_carry_no_float_noise(panel, indicator, geo, year, expected):
    found = rows(panel, indicator, geo, year)
    found = found[found["source"] != "derived"]
    assert expected in list(found["value"])  # exact equality: 13363999999.999998 would fail
    assert repr(expected) in {repr(v) for v in found["value"]}


def test_ten_year_census_change_is_its_own_indicator(panel):
    yearly = panel[panel["indicator"] == "urbanization_rate_change"]
    assert (yearly["definition"] == "annual").all()
    guizhou_2011 = rows(panel, "urbanization_rate_change", "520000", 2011)
    assert guizhou_2011["value"].item() == 1.15
    ten_year = panel[panel["indicator"] == "urbanization_rate_change_2010_2020"]
    assert (ten_year["definition"] == "census").all() and (ten_year["year"] == 2020).all()
    published = rows(panel, "urbanization_rate_change_2010_2020", "520000", 2020, "census")
    assert 19.34 in set(published["value"])
    assert published.loc[published["source"] != "derived", "source"].item() == "P08"


def test_preferred_row_is_never_less_reliable_unless_ranked_higher(panel):
    from ruralrev.panel import vintages
    from ruralrev.panel.sources import parse_sources

    sources = pd.concat(
        [parse_sources(path.read_text(encoding="utf-8")) for path in sorted(TABLES.parent.glob("SOURCES*.md"))],
        ignore_index=True,
    )
    grade = dict(zip(sources["source_id"], sources["reliability"]))
    preference = vintages.DEFAULT_VINTAGE_PREFERENCE
    frame = panel.assign(
        _grade=panel["source"].map(grade).fillna(0.0),
        _rank=vintages.vintage_rank(panel["vintage"], panel["indicator"], preference),
        _listed=[
            vintages.listed_position(v, vintages.preference_order(i, preference)) is not None
            for v, i in zip(panel["vintage"], panel["indicator"])
        ],
    )
    bad = []
    key_columns = ["indicator", "geo_code", "year", "definition"]
    shared = frame[frame.duplicated(key_columns, keep=False)]
    for key, group in shared.groupby(key_columns, dropna=False):
        best = group[group["preferred"]].iloc[0]
        for _, other in group[~group["preferred"]].iterrows():
            if best["_grade"] < other["_grade"] and not (best["_listed"] and best["_rank"] < other["_rank"]):
                bad.append((key, best["source"], other["source"]))
    assert not bad


@pytest.mark.parametrize(
    "indicator, year, source",
    [("poverty_fund_central_2011_2015", 2015, "W33"), ("urban_rural_income_ratio_old_basis", 2014, "W34")],
)
def test_unlisted_official_vintage_beats_listed_secondary(panel, indicator, year, source):
    found = rows(panel, indicator, "100000", year)
    assert len(found) == 2 and found.loc[found["preferred"], "source"].item() == source


def test_licence_is_not_a_blanket_open_licence(outputs):
    descriptor = describe(outputs)
    (licence,) = descriptor["licenses"]
    assert licence["name"] != "MIT" and "SOURCES.md" in licence["title"] and "CEIC" in licence["title"]
    assert "parquet" in descriptor["description"]


def test_provincial_additions(outputs, panel):
    # 万人 -> persons, 亿元 -> yuan, "yuan per person" -> yuan/person; vintages kept as published.
    urban = rows(panel, "urban_population", "520000", 2016, "year_end")
    current = urban[urban["raw_file"] == "provincial_population.csv"]
    assert sorted(current["value"]) == pytest.approx([15_695_300, 17_120_000])
    assert current.loc[current["preferred"], "vintage"].str.contains("current NBS series").all()
    gdp = rows(panel, "gdp", "520000", 2020)
    assert sorted(gdp["value"]) == pytest.approx([1_782_656_000_000, 1_830_830_000_000])
    per_head = rows(panel, "gdp_per_capita", "510000", 2022)
    assert per_head["unit"].unique().tolist() == ["yuan/person"]
    # Source ids from SOURCES_provincial_additions.md, GitHub copies (P100-P103) included.
    provincial = panel[panel["raw_file"].str.fullmatch(r"provincial_(income|population|economy|rural_living).csv")]
    assert provincial.loc[provincial["source"] != "derived", "source"].str.fullmatch(r"P\d+").all()
    assert {"P100", "P101", "P102", "P103"} <= set(provincial["source"])
    rural = rows(panel, "disposable_income_rural", "520000")
    assert set(rural["year"].dropna().astype(int)) >= set(range(2016, 2025))
    # NOT FOUND cells stay out of the panel and are listed as missing.
    missing = outputs["missing"]
    urban_income = missing[
        (missing["file"] == "provincial_income.csv") & (missing["indicator"] == "disposable_income_urban")
    ]
    assert len(urban_income) == 218


def test_ids_sharing_a_repository_are_told_apart_by_file():
    """P102 and P132 cite one repository; each row gets the id of the file it names."""
    from ruralrev.panel.sources import identify_source, parse_all_sources

    raw = Path(__file__).resolve().parents[2] / "data" / "raw"
    sources = parse_all_sources([p.read_text(encoding="utf-8") for p in sorted(raw.glob("SOURCES*.md"))])
    repo = "github:RenJiyi163/panel_data_analysis_for_thesis @e6d65372ec36319dd3d838f5c5e12841f7c77f26"
    assert identify_source(f"{repo} 分省年度数据_整合.csv (row 北京市 2005)", sources, national=False)[0] == "P132"
    assert identify_source(f"GitHub {repo} 分省年度数据.csv, row 北京市", sources, national=False)[0] == "P102"


GAP_FILES = (
    "liupanshui_annual.csv",
    "batang_garze_annual.csv",
    "provincial_urban_income.csv",
    "study_area_facts_official.csv",
)


def test_gap_files_values_carry_their_source_ids(panel):
    """Every value of the re-created gap files reaches the panel under the id its source_ref opens with
    (Q117, whose notes give no address, included); rows without a value name the publication sought."""
    from ruralrev import register

    records = register.read_register(TABLES.parent / "source_register.csv").set_index("source_id")
    for name in GAP_FILES:
        table = pd.read_csv(TABLES / name, dtype=str, keep_default_na=False)
        with_value = table[table["value"] != ""]
        ids = with_value["source_ref"].str.extract(r"^(Q\d{3}) \|", expand=False)
        assert ids.notna().all(), name
        assert set(ids) <= set(records.index), name
        reached = panel[panel["raw_file"] == name].set_index("raw_row")["source"]
        assert reached.reindex(with_value.index + 1).tolist() == ids.tolist(), name
        empty = table[table["value"] == ""]
        assert empty["source_note"].str.contains(r"NOT FOUND: .*Sought in|STATEMENT, not a number").all(), name
    assert rows(panel, "disposable_income_rural", "513300", 2016)["source"].item() == "Q117"


def test_an_estimate_is_never_preferred_over_an_actual(panel):
    from ruralrev.panel.vintages import DEFAULT_VINTAGE_PREFERENCE, choose_preferred

    # Liupanshui's 2018 per-capita GDP is an estimate (预计) of the 2019 work report: preferred only as the sole row.
    estimate = rows(panel, "gdp_per_capita", "520200", 2018)
    assert len(estimate) == 1 and "预计" in estimate["vintage"].item() and estimate["source"].item() == "Q118"
    frame = pd.DataFrame(
        {
            "indicator": "gdp_per_capita",
            "geo_code": "520200",
            "year": 2018,
            "definition": "annual",
            "vintage": ["estimate (预计) in a work report", "as published", "derived from gdp and population"],
            "value": [51800.0, 50000.0, 49000.0],
            "reliability": [4.0, 1.0, 4.0],
            "resolution": [100.0, 1.0, 1.0],
            "raw_file": "x.csv",
            "raw_row": [1, 2, 3],
        }
    )
    for preference in (DEFAULT_VINTAGE_PREFERENCE, {"default": ["预计", "estimate"]}, {}):
        chosen = choose_preferred(frame, preference)
        assert chosen.loc[chosen["preferred"], "vintage"].tolist() == ["as published"], preference
        # Without an actual, the estimate still beats a value derived from other figures.
        alone = choose_preferred(frame.iloc[[0, 2]], preference)
        assert alone.loc[alone["preferred"], "value"].tolist() == [51800.0], preference


def test_every_source_id_the_panel_uses_resolves_in_the_register(panel):
    from ruralrev import register

    records = register.read_register(TABLES.parent / "source_register.csv")
    used = set(panel["source"]) - {"derived"}
    assert len(used) >= 120
    assert used <= set(records["source_id"]), sorted(used - set(records["source_id"]))


# A hand-made panel with conflicting duplicates; the expected conflicts are what the per-group loop
# produced before find_conflicts was vectorized (ordering and rule texts included).
CASE_COLUMNS = [
    "indicator",
    "geo_code",
    "year",
    "definition",
    "vintage",
    "value",
    "unit",
    "source",
    "reliability",
    "resolution",
    "raw_file",
    "raw_row",
    "preferred",
]
CASE_ROWS = [
    # three grades, the least reliable first in the panel
    ("gdp", "520200", 2020, "annual", "as published", 1.30e11, "yuan", "P33", 1.5, 1e8, "b.csv", 7, False),
    ("gdp", "520200", 2020, "annual", "as published", 1.31e11, "yuan", "P12", 4.0, 1e8, "b.csv", 3, True),
    ("gdp", "520200", 2020, "annual", "as published", 1.32e11, "yuan", "P21", 3.0, 1e4, "a.csv", 9, False),
    # equal grades, the finer value later in file order
    ("land_area", "520200", None, "unspecified", "as published", 9900.0, "km2", "P12", 2.0, 100.0, "c.csv", 2, False),
    ("land_area", "520200", None, "unspecified", "as published", 9914.0, "km2", "P43", 2.0, 1.0, "c.csv", 5, True),
    # equal grades and precision: file order, across two files
    ("land_area", "520281", 2019, "unspecified", "as published", 4056.0, "km2", "P21", 2.0, 1.0, "d.csv", 1, False),
    ("land_area", "520281", 2019, "unspecified", "as published", 4058.0, "km2", "P20", 2.0, 1.0, "c.csv", 8, True),
    # the same value up to float noise: no conflict
    ("gdp", "520000", 2020, "annual", "as published", 1.0e12, "yuan", "P12", 2.0, 1e8, "b.csv", 1, True),
    ("gdp", "520000", 2020, "annual", "as published", 1.0e12 * (1 + 1e-12), "yuan", "P13", 2.0, 1e8, "b.csv", 2, False),
    # another vintage of a conflicting key, alone: no conflict
    ("gdp", "520200", 2020, "annual", "revised", 1.29e11, "yuan", "P12", 4.0, 1e8, "b.csv", 4, False),
    # derived rows have no raw_row: the tie keeps panel order
    ("urbanization_rate", "520200", 2020, "census", "derived", 51.2, "percent", "derived", 0, 0, "e.csv", None, True),
    ("urbanization_rate", "520200", 2020, "census", "derived", 48.9, "percent", "derived", 0, 0, "e.csv", None, False),
    # the runner-up has the chosen row's grade; a less reliable third row does not set the rule
    ("gdp", "100000", 2019, "annual", "nbs", 9.9e13, "yuan", "GH1", 4.0, 1e8, "f.csv", 2, False),
    ("gdp", "100000", 2019, "annual", "nbs", 9.8e13, "yuan", "W3", 2.0, 1e4, "f.csv", 1, False),
    ("gdp", "100000", 2019, "annual", "nbs", 9.7e13, "yuan", "GH2", 4.0, 1e4, "f.csv", 3, True),
]
PRECISE = "more precise value (finer last digit) at equal reliability"
GRADED = "higher source reliability (P12 graded 4 vs P21 3 in SOURCES.md)"
FIRST = "first in file order (equal reliability and precision)"
EXPECTED_CONFLICTS = [
    ("gdp", "100000", 2019, "W3", "f.csv", 1, False, "not chosen: " + PRECISE),
    ("gdp", "100000", 2019, "GH1", "f.csv", 2, False, "not chosen: " + PRECISE),
    ("gdp", "100000", 2019, "GH2", "f.csv", 3, True, PRECISE),
    ("gdp", "520200", 2020, "P21", "a.csv", 9, False, "not chosen: " + GRADED),
    ("gdp", "520200", 2020, "P12", "b.csv", 3, True, GRADED),
    ("gdp", "520200", 2020, "P33", "b.csv", 7, False, "not chosen: " + GRADED),
    ("land_area", "520200", None, "P12", "c.csv", 2, False, "not chosen: " + PRECISE),
    ("land_area", "520200", None, "P43", "c.csv", 5, True, PRECISE),
    ("land_area", "520281", 2019, "P20", "c.csv", 8, True, FIRST),
    ("land_area", "520281", 2019, "P21", "d.csv", 1, False, "not chosen: " + FIRST),
    ("urbanization_rate", "520200", 2020, "derived", "e.csv", None, True, FIRST),
    ("urbanization_rate", "520200", 2020, "derived", "e.csv", None, False, "not chosen: " + FIRST),
]


def conflict_case() -> pd.DataFrame:
    frame = pd.DataFrame(CASE_ROWS, columns=CASE_COLUMNS)
    return frame.astype({"year": "Int64", "raw_row": "Int64"})


def test_find_conflicts_order_and_rules():
    from ruralrev.panel.vintages import CONFLICT_COLUMNS, find_conflicts

    conflicts = find_conflicts(conflict_case())
    assert list(conflicts.columns) == CONFLICT_COLUMNS
    found = [
        tuple(None if pd.isna(v) else v for v in row)
        for row in conflicts[["indicator", "geo_code", "year", "source", "raw_file", "raw_row", "chosen", "rule"]]
        .astype(object)
        .itertuples(index=False)
    ]
    assert found == EXPECTED_CONFLICTS
    assert conflicts["value"].tolist() == [9.8e13, 9.9e13, 9.7e13, 1.32e11, 1.31e11, 1.30e11] + [
        9900.0,
        9914.0,
        4058.0,
        4056.0,
        51.2,
        48.9,
    ]
    assert conflicts["preferred"].tolist() == conflicts["chosen"].tolist()
    assert str(conflicts["year"].dtype) == "Int64" and str(conflicts["raw_row"].dtype) == "Int64"
    assert conflicts["chosen"].dtype == bool


def test_find_conflicts_none():
    from ruralrev.panel.vintages import CONFLICT_COLUMNS, find_conflicts

    conflicts = find_conflicts(conflict_case().iloc[7:10])
    assert conflicts.empty and list(conflicts.columns) == CONFLICT_COLUMNS


SOURCES_CASE = pd.DataFrame(
    [
        ("W3", "url", "stats.gov.cn/sj/ndsj/2023", "", 4.0),
        ("P09", "url", "stats.gov.cn/sj/ndsj/2023", "", 3.0),
        ("W14", "url", "guangzhou.baogaosu.com/xinwen/…/39042373", "", 3.0),
        ("W20", "url", "stats.gov.cn/sj", "", 2.0),
        ("GH3", "repo", "frank-luhao/group-assignment-of-statistics", "人口.csv", 4.0),
        ("P101", "repo", "liushenwuzhu-alpaca/province-economy", "", 4.0),
        ("S02", "repo", "muweiabc/govfund", "", 2.0),
        ("P02", "repo", "muweiabc/govfund", "", 1.5),
        ("W20", "url", "stats.gov.cn/sj/ndsj", "", 1.0),
    ],
    columns=["source_id", "kind", "key", "file", "reliability"],
)


# (source_ref, national, expected): what the scan over every SOURCES.md entry returned before the index.
@pytest.mark.parametrize(
    "ref, national, expected",
    [
        # national ids first, then the lower id as text (W20 < W3), then SOURCES.md order (grade 2, not 1)
        ("https://stats.gov.cn/sj/ndsj/2023/indexch.htm | table 3-1", True, ("W20", 2.0)),
        ("https://stats.gov.cn/sj/ndsj/2023/indexch.htm | table 3-1", False, ("P09", 3.0)),
        ("http://stats.gov.cn/sj/zxfb/202302/t20230228.html", False, ("W20", 2.0)),
        ("https://guangzhou.baogaosu.com/xinwen/2021/39042373.html (stored page)", True, ("W14", 3.0)),
        ("GitHub Frank-Luhao/group-assignment-of-statistics data/人口.csv, row 3", True, ("GH3", 4.0)),
        (
            "GitHub Frank-Luhao/group-assignment-of-statistics data/收入.csv, row 3",
            True,
            ("GitHub Frank-Luhao/group-assignment-of-statistics data/收入.csv, row 3", 2.0),
        ),
        (
            "GitHub Liushenwuzhu-Alpaca/province-economy line 4 | https://stats.gov.cn/sj/ndsj/2023/x.htm",
            False,
            ("P09", 3.0),
        ),
        ("GitHub muweiabc/govfund @abc123", False, ("P02", 1.5)),
        ("(none)", False, ("(none)", 2.0)),
    ],
)
def test_source_index_matches_as_the_full_scan(ref, national, expected):
    from ruralrev.panel.sources import SourceIndex, identify_source

    assert SourceIndex(SOURCES_CASE).identify(ref, national) == expected
    assert identify_source(ref, SOURCES_CASE, national) == expected
