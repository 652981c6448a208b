"""The 2010 -> 2020 code crosswalk on the real census tables."""

from pathlib import Path

import pytest

from ruralrev.errors import UserError
from ruralrev.panel.crosswalk import build_crosswalk, crosswalk_exceptions
from ruralrev.panel.gazetteer import build_gazetteer
from ruralrev.panel.tables import read_table

TABLES = Path(__file__).resolve().parents[2] / "data" / "raw" / "tables"


@pytest.fixture(scope="module")
def inputs():
    census_2010 = read_table(TABLES / "census_2010_counties.csv")
    census_2020 = read_table(TABLES / "census_2020_counties.csv")
    return census_2010, census_2020, build_gazetteer(census_2010, census_2020)


@pytest.fixture(scope="module")
def crosswalk(inputs):
    return build_crosswalk(*inputs).set_index("code_2010")


@pytest.mark.parametrize(
    "code_2010, code_2020, rule",
    [
        ("520221", "520204", "name_stem"),
        ("513321", "513301", "name_stem"),
        ("520222", "520281", "exception"),
        ("520201", "520201", "same_code"),
        ("513335", "513335", "same_code"),
        ("110103", "", "unmatched"),
        # merged into 綦江区 / 大足区, which took over the codes: another territory, no link
        ("500110", "", "code_reused"),
        ("500111", "", "code_reused"),
        # names swapped between the 2010 and 2020 tables: follow the name within the prefecture
        ("130207", "130207", "exception"),
        ("130208", "130208", "exception"),
        # renamed with the territory unchanged (checked-in exception); spelling variant
        ("533103", "533103", "exception"),
        ("430681", "430681", "exception"),
    ],
)
def test_changed_and_unchanged_codes(crosswalk, code_2010, code_2020, rule):
    assert crosswalk.at[code_2010, "code_2020"] == code_2020
    assert crosswalk.at[code_2010, "rule"] == rule


def test_names_and_one_to_one(crosswalk):
    assert crosswalk.at["520221", "name_2010"] == "水城县" and crosswalk.at["520221", "name_2020"] == "水城区"
    matched = crosswalk[crosswalk["code_2020"] != ""]["code_2020"]
    assert matched.is_unique
    assert set(crosswalk["rule"]) == {"same_code", "name_stem", "exception", "code_reused", "unmatched"}


def test_same_code_keeps_the_name(crosswalk):
    from ruralrev.panel.gazetteer import name_stem

    same = crosswalk[crosswalk["rule"] == "same_code"]
    # Either the stem is kept (cnmaps name) or the 2020 census still prints the 2010 name (横县 450127).
    changed = same[same["name_2010"].map(name_stem) != same["name_2020"].map(name_stem)]
    assert set(changed.index) <= {"450127"}
    assert crosswalk.at["500110", "name_2020"] == "綦江区"


def test_every_exception_is_used_and_named_right(crosswalk, inputs):
    exceptions = crosswalk_exceptions()
    gazetteer = inputs[2].set_index("admin_code")
    for row in exceptions.itertuples():
        assert crosswalk.at[row.code_2010, "rule"] == "exception"
        assert crosswalk.at[row.code_2010, "name_2010"] == row.name_2010
        assert gazetteer.at[row.code_2020, "name_zh"] == row.name_2020


def test_bad_exception_is_a_user_error(inputs):
    bad = crosswalk_exceptions().head(1).assign(code_2020="529999")
    with pytest.raises(UserError, match="crosswalk_exceptions.csv row 1: code_2020 '529999'"):
        build_crosswalk(*inputs, exceptions=bad)
