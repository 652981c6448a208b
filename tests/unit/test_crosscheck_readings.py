"""The ledger a referee trusts (issue 20), on hand-made claims against a hand-made panel: a bare number read
with the unit its sentence carries, the whole story of a slipped year, thresholds and targets not compared,
and every unverifiable row saying why in words."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from ruralrev.crosscheck.ledger import check_claims

SENTENCE = (
    "In 2021, China's special poverty alleviation fund investment reached 146.1 billion yuan, and in 2021, "
    "China's special poverty alleviation fund investment reached 1561"
)


def panel_row(indicator: str, year: int, value: float, unit: str = "yuan", definition: str = "annual") -> dict:
    return {
        "geo_code": "100000", "indicator": indicator, "year": year, "value": value, "unit": unit,
        "vintage": "test vintage", "definition": definition, "source": "T1", "preferred": True,
        "raw_file": "test.csv", "raw_row": year - 2000,
    }  # fmt: skip


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    return pd.DataFrame(
        [
            panel_row("poverty_fund_central", 2019, 1260.95e8),
            panel_row("poverty_fund_central", 2020, 1461e8),
            panel_row("linkage_fund_central", 2021, 1561e8),
            panel_row("poverty_headcount", 2019, 551e4, "person", "year_end"),
            panel_row("poverty_headcount", 2020, 0.0, "person", "year_end"),
        ]
    )


def hand_claim(text, value, unit, year, indicator, sentence, start=0, **extra) -> dict:
    return {
        "doc": "example", "start": start, "end": start + len(text), "text": text, "value": value, "unit": unit,
        "year": year, "place": "China", "qualifier": "", "indicator": indicator, "sentence": sentence,
    } | extra  # fmt: skip


def seed_pair(bare_value: float = 1561.0) -> pd.DataFrame:
    earlier = hand_claim("146.1 billion yuan", 146.1e9, "yuan", 2021, "poverty_fund", SENTENCE, 70, unit_from=None)
    bare = hand_claim(f"{bare_value:g}", bare_value, "", 2021, "", SENTENCE, 150, unit_from=70)
    return pd.DataFrame([earlier, bare])


def test_bare_number_is_read_with_the_carried_unit_at_the_published_scale(panel):
    ledger = check_claims(seed_pair(), panel).set_index("text")
    bare = ledger.loc["1561"]
    assert bare["verdict"] == "confirmed" and bare["unit"] == "yuan" and bare["value"] == pytest.approx(1561e8)
    assert bare["indicator"] == "poverty_fund" and bare["official_value"] == pytest.approx(1561e8)
    why = bare["explanation"]
    assert "carried from the earlier clause's '146.1 billion yuan'" in why
    assert "read as 1561 亿元 (100 million yuan), a scale the series is published in" in why
    assert "billion yuan, the earlier clause's scale" in why  # the other scales tried are named


def test_wrong_year_tells_the_whole_story_of_the_sentence(panel):
    ledger = check_claims(seed_pair(), panel).set_index("text")
    first = ledger.loc["146.1 billion yuan"]
    assert first["verdict"] == "wrong_year" and first["official_year"] == 2020
    assert "the paper most likely has 2021 written for 2020 here" in first["explanation"]
    assert "which is the 2020 value (wrong year" in ledger.loc["1561", "explanation"]


def test_bare_number_matching_at_no_scale_is_unverifiable_not_contradicted(panel):
    ledger = check_claims(seed_pair(1234.0), panel).set_index("text")
    bare = ledger.loc["1234"]
    assert bare["verdict"] == "unverifiable" and pd.isna(bare["official_value"])
    assert "with its scale unknown it is neither confirmed nor contradicted" in bare["explanation"]
    # no borne-out sibling, so the wrong-year row tells no slip story
    assert "most likely" not in ledger.loc["146.1 billion yuan", "explanation"]


@pytest.mark.parametrize(("kind", "words"), [("threshold", "threshold of a rule"), ("target", "target, plan")])
def test_thresholds_and_targets_are_not_compared_with_data(panel, kind, words):
    # 1461e8 for 2020 would confirm a statistic: a target of the same value is still not compared
    claim = hand_claim("146.1 billion yuan", 146.1e9, "yuan", 2020, "poverty_fund", "...", kind=kind)
    row = check_claims(pd.DataFrame([claim]), panel).iloc[0]
    assert row["verdict"] == "not_a_statistic" and words in row["explanation"]
    assert pd.isna(row["official_value"]) and pd.isna(row["source"])
    statistic = check_claims(pd.DataFrame([claim | {"kind": "statistic"}]), panel).iloc[0]
    assert statistic["verdict"] == "confirmed"


def test_bound_written_after_the_number_is_read_and_said(panel):
    claim = hand_claim("100 More than mu", 100.0, "mu", None, "land_area", "build 100 More than mu of parks",
                       qualifier="over")  # fmt: skip
    row = check_claims(pd.DataFrame([claim]), panel).iloc[0]
    assert row["explanation"].startswith("read as 'more than 100 mu'")


SNAKE_CASE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")


@pytest.mark.parametrize(
    "claim",
    [
        hand_claim("12 million", 12e6, "person", 2000, "poverty_headcount", "In 2000 there were 12 million."),
        hand_claim("125 million", 125e6, "person", None, "poverty_headcount", "It reduced poverty to 125 million."),
        hand_claim("1.1 million kilometers", 1.1e6, "km", None, "road_length", "Roads of 1.1 million kilometers."),
        hand_claim("7 units", 7.0, "unit", 2020, "", "There were 7 units."),
        hand_claim("5 million", 5e6, "person", 2020, "poverty_headcount", "Subu had 5 million.") | {"place": "Subu"},
        hand_claim("9 million yuan", 9e6, "yuan", 2020, "poverty_headcount", "It was 9 million yuan."),
    ],
    ids=["no value for the year", "no year", "no series", "no indicator", "unknown place", "unit mismatch"],
)
def test_unverifiable_rows_say_why_in_words(panel, claim):
    row = check_claims(pd.DataFrame([claim]), panel).iloc[0]
    assert row["verdict"] == "unverifiable"
    why = row["explanation"]
    assert not SNAKE_CASE.search(why) and ".csv" not in why and "(100000)" not in why, why
