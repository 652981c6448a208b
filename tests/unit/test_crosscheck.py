"""The claim check ledger: the seed papers' real claims (hand-located in the real documents,
tests/data/crosscheck/seed_claims.csv) against the real harmonized panel."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ruralrev.crosscheck import aggregates
from ruralrev.crosscheck.ledger import CLAIM_CHECK_COLUMNS, check_claims
from ruralrev.crosscheck.precision import read_stated
from ruralrev.errors import UserError
from ruralrev.extract.corpus import extract_paths
from ruralrev.panel.build import build_from_dir

ROOT = Path(__file__).resolve().parents[2]
RAW_TABLES = ROOT / "data" / "raw" / "tables"
DOCUMENTS = ROOT / "data" / "raw" / "documents"
SEED_CLAIMS = Path(__file__).resolve().parents[1] / "data" / "crosscheck" / "seed_claims.csv"


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    """The real harmonized panel (indicators.parquet as the harmonize stage writes it)."""
    return build_from_dir(RAW_TABLES, [RAW_TABLES.parent / "SOURCES.md"])["indicators"]


@pytest.fixture(scope="module")
def seed_claims() -> pd.DataFrame:
    return pd.read_csv(
        SEED_CLAIMS, dtype={"unit": str, "qualifier": str}, keep_default_na=False, na_values={"year": ""}
    )


@pytest.fixture(scope="module")
def ledger(seed_claims, panel) -> pd.DataFrame:
    return check_claims(seed_claims, panel)


def verdict(ledger: pd.DataFrame, text: str) -> pd.Series:
    rows = ledger[ledger["text"] == text]
    assert len(rows) == 1, text
    return rows.iloc[0]


def test_seed_claim_offsets_point_at_their_text(seed_claims):
    for claim in seed_claims.itertuples():
        document = (DOCUMENTS / f"{claim.doc}.txt").read_text(encoding="utf-8")
        assert document[claim.start : claim.end] == claim.text


def test_ledger_has_contract_columns_and_is_sorted(ledger, seed_claims):
    assert list(ledger.columns) == CLAIM_CHECK_COLUMNS
    assert len(ledger) == len(seed_claims)
    assert ledger[["doc", "start"]].equals(
        ledger.sort_values(["doc", "start"])[["doc", "start"]].reset_index(drop=True)
    )
    assert set(ledger["verdict"]) <= {
        "confirmed",
        "close",
        "contradicted",
        "wrong_year",
        "unverifiable",
        "not_a_statistic",
    }
    assert not ledger["explanation"].str.contains("\n").any()


@pytest.mark.parametrize("text", ["556.68 million", "541.08 million", "525.82 million", "498.35 million"])
def test_rural_population_matches_the_revised_series(ledger, text):
    row = verdict(ledger, text)
    assert row["verdict"] == "confirmed"
    assert "revised" in row["vintage"] or "current NBS" in row["vintage"]


def test_revised_2019_figure_names_the_original_vintage(ledger):
    row = verdict(ledger, "525.82 million")
    assert "original (pre-2021 revision)" in row["explanation"] and "551.62 million" in row["explanation"]


def test_2020_rural_population_is_the_census_count_not_year_end(ledger):
    row = verdict(ledger, "509.79 million")
    assert row["verdict"] == "confirmed"
    assert "census" in row["explanation"] and "year-end figure 509.92 million" in row["explanation"]
    assert row["official_value"] == pytest.approx(509.79e6, abs=5_000)


@pytest.mark.parametrize(
    ("text", "yi_yuan"),
    [
        ("86.095 billion yuan", "860.95 亿元"),
        ("106.095 billion yuan", "1060.95 亿元"),
        ("126.095 billion yuan", "1260.95 亿元"),
    ],
)
def test_poverty_fund_confirmed_in_yi_yuan(ledger, text, yi_yuan):
    row = verdict(ledger, text)
    assert row["verdict"] == "confirmed" and yi_yuan in row["explanation"]


def test_2020_fund_stated_for_2021_is_wrong_year(ledger):
    row = verdict(ledger, "146.1 billion yuan")
    assert row["verdict"] == "wrong_year" and row["official_year"] == 2020
    assert (
        "central linkage fund for rural revitalization" in row["explanation"] and "156.1 billion" in row["explanation"]
    )


@pytest.mark.parametrize("text", ["82.49 million", "5.51 million", "0.6%", "98.99 million", "93.48 million"])
def test_poverty_figures_confirmed(ledger, text):
    assert verdict(ledger, text)["verdict"] == "confirmed"


def test_cumulative_reduction_names_its_definition(ledger):
    assert "cumulative" in verdict(ledger, "93.48 million")["explanation"]
    assert "cumulative" in verdict(ledger, "98.99 million")["explanation"]


def test_lifted_out_read_as_headcount_still_finds_the_reduction(seed_claims, panel):
    claim = seed_claims[seed_claims["text"] == "98.99 million"].assign(indicator="poverty_headcount")
    row = check_claims(claim, panel).iloc[0]
    assert row["verdict"] == "confirmed" and "rural poor lifted out of poverty, 2013–2020" in row["explanation"]


@pytest.mark.parametrize("text", ["172 million", "more than 930 million", "17.92%", "66.16%"])
def test_urbanization_figures_confirmed(ledger, text):
    assert verdict(ledger, text)["verdict"] == "confirmed"


def test_more_than_a_round_number_allows_up_to_the_next_one(ledger):
    # "more than 400 million rural people" at present: 477 million (2023) is below the next step, 500 million.
    row = verdict(ledger, "more than 400 million")
    assert row["verdict"] == "confirmed" and row["official_year"] == 2023
    assert row["official_value"] == pytest.approx(477e6)


def test_over_qualifier_rejects_an_official_value_below_or_far_above(seed_claims, panel):
    claim = seed_claims[seed_claims["text"] == "more than 930 million"]
    below = check_claims(claim.assign(value=940e6), panel).iloc[0]  # official 932.67 million is not above 940
    far = check_claims(claim.assign(value=700e6), panel).iloc[0]  # 932.67 is 33% above: no fair "more than"
    assert below["verdict"] == "close" and far["verdict"] == "contradicted"


def test_a_misstated_value_is_contradicted(seed_claims, panel):
    claim = seed_claims[seed_claims["text"] == "66.16%"].assign(value=68.16)
    row = check_claims(claim, panel).iloc[0]
    assert row["verdict"] == "contradicted" and "66.16%" in row["explanation"]


def test_within_one_percent_is_close(seed_claims, panel):
    claim = seed_claims[seed_claims["text"] == "556.68 million"].assign(value=558.68e6, text="558.68 million")
    assert check_claims(claim, panel).iloc[0]["verdict"] == "close"


@pytest.mark.parametrize(
    ("text", "needed"),
    [("1.1 million kilometers", "road length"), ("51.805 million yuan", "output value"), ("1,000 mu", "orchard area")],
)
def test_claims_without_an_official_series_are_unverifiable(ledger, text, needed):
    row = verdict(ledger, text)
    assert row["verdict"] == "unverifiable" and needed in row["explanation"]


def test_place_outside_place_names_is_unverifiable(seed_claims, panel):
    claim = seed_claims[seed_claims["text"] == "66.16%"].assign(place="Subu")
    row = check_claims(claim, panel).iloc[0]
    assert row["verdict"] == "unverifiable" and "Subu" in row["explanation"]


def test_twenty_billion_a_year_holds_for_2018_to_2020_only(ledger):
    row = verdict(ledger, "20 billion yuan")
    # 2017 rose 19.395 billion over the 66.7 billion announced for 2016; 2016's own rise needs 2015.
    assert row["verdict"] == "unverifiable"
    assert "2018, 2019, 2020" in row["explanation"] and "2017: 19.395 billion yuan" in row["explanation"]


def test_total_over_530_billion_holds_for_2016_to_2020(ledger):
    row = verdict(ledger, "530 billion yuan")
    assert row["verdict"] == "confirmed" and row["official_year"] == 2020
    assert "2016–2020 = 531.085 billion yuan" in row["explanation"]
    assert "2017–2021 = 620.485 billion yuan" in row["explanation"]  # with the 2021 successor fund


@pytest.mark.parametrize(
    ("text", "value", "tolerance", "step", "digits", "scale"),
    [
        ("556.68 million", 556.68e6, 5_000, 10_000, 5, 1e6),
        ("86.095 billion yuan", 86.095e9, 500_000, 1e6, 5, 1e9),
        ("17.92%", 17.92, 0.005, 0.01, 4, 1),
        # whole numbers ending in zeros: half a unit of the last non-zero digit, two figures at least
        ("1,000 mu", 1000.0, 50, 1000, 1, 1),
        ("more than 400 million", 400e6, 5e6, 100e6, 1, 1e6),
        ("more than 930 million", 930e6, 5e6, 10e6, 2, 1e6),
        ("560 million", 560e6, 5e6, 10e6, 2, 1e6),
        ("2,300 yuan", 2300.0, 50, 100, 2, 1),
        ("20 billion yuan", 20e9, 0.5e9, 10e9, 1, 1e9),
        ("172 million", 172e6, 0.5e6, 1e6, 3, 1e6),
    ],
)
def test_read_stated_precision(text, value, tolerance, step, digits, scale):
    stated = read_stated(text, value)
    assert stated.tolerance == pytest.approx(tolerance) and stated.step == pytest.approx(step)
    assert stated.digits == digits and stated.scale == scale


def test_run_length_and_windows():
    assert aggregates.stated_run_length("increased every year for five consecutive years") == 5
    assert aggregates.stated_run_length("three years in a row") == 3
    assert aggregates.stated_run_length("every year") is None
    series = pd.DataFrame({"year": [2016, 2017, 2018, 2020], "value": [1.0, 2.0, 4.0, 8.0]}).set_index(
        "year", drop=False
    )
    sums = aggregates.window_sums(series)
    assert sums[["first", "last", "total"]].values.tolist() == [[2016, 2017, 3.0], [2016, 2018, 7.0], [2017, 2018, 6.0]]
    assert aggregates.year_on_year_changes(series).to_dict() == {2017: 1.0, 2018: 2.0}


def test_missing_columns_raise_user_error(seed_claims, panel):
    with pytest.raises(UserError, match="indicators.csv lacks column"):
        check_claims(seed_claims, panel.drop(columns=["preferred"]))


def test_output_is_deterministic(seed_claims, panel):
    shuffled = seed_claims.sample(frac=1, random_state=0)
    first = check_claims(shuffled, panel.sample(frac=1, random_state=1))
    assert first.equals(check_claims(seed_claims, panel))


def test_one_preferred_row_per_year_reads_the_same(seed_claims, panel):
    # workflow/README.md words `preferred` as one row per (indicator, geo_code, year), harmonize flags one
    # per definition: same verdicts either way.
    ordered = panel.assign(_census=panel["definition"] == "census").sort_values(
        ["indicator", "year", "_census", "preferred"], ascending=[True, True, True, False], kind="stable"
    )
    single = ordered.assign(preferred=~ordered.duplicated(["indicator", "geo_code", "year"])).drop(columns="_census")
    assert check_claims(seed_claims, single)[["verdict", "official_year"]].equals(
        check_claims(seed_claims, panel)[["verdict", "official_year"]]
    )
    row = verdict(check_claims(seed_claims, single), "509.79 million")
    assert "not the year-end figure 509.92 million" in row["explanation"]


def test_decrease_read_as_a_change_of_the_headcount_uses_the_years_named(seed_claims, panel):
    # "from 2012 to 2019, China's poverty population decreased by 93.48 million": 98.99 - 5.51 million.
    claim = seed_claims[seed_claims["text"] == "93.48 million"].assign(indicator="poverty_headcount")
    row = check_claims(claim, panel).iloc[0]
    assert row["verdict"] == "confirmed" and "2012–2019" in row["explanation"]
    assert row["official_value"] == pytest.approx(-93.48e6)
    wrong = check_claims(claim.assign(value=90.48e6, text="90.48 million"), panel).iloc[0]
    assert wrong["verdict"] == "contradicted"


def test_mu_is_compared_in_hectares(panel):
    # Guizhou's cultivated land in the 3rd land survey: 5208.93 万亩 = 347.26 万公顷 (cultivated_land.csv).
    claim = pd.DataFrame([{
        "doc": "example", "start": 0, "end": 17, "text": "52.0893 million mu", "value": 52.0893e6, "unit": "mu",
        "year": 2019, "place": "Guizhou", "qualifier": "", "indicator": "cultivated_land_area", "sentence": "",
    }])  # fmt: skip
    row = check_claims(claim, panel).iloc[0]
    assert row["verdict"] == "confirmed" and row["official_unit"] == "ha"
    assert row["official_value"] == pytest.approx(52.0893e6 / 15)
    assert check_claims(claim.assign(value=55e6, text="55 million mu"), panel).iloc[0]["verdict"] == "contradicted"


def hand_claim(text, value, unit, year, indicator, sentence, qualifier="", place="China") -> pd.DataFrame:
    return pd.DataFrame([{
        "doc": "example", "start": 0, "end": len(text), "text": text, "value": value, "unit": unit, "year": year,
        "place": place, "qualifier": qualifier, "indicator": indicator, "sentence": sentence,
    }])  # fmt: skip


def test_undated_claim_of_the_present_is_checked_against_the_latest_year_only(panel):
    # 556.68 million is the 2017 figure: with no year stated it must not be confirmed by 2017.
    claim = hand_claim("556.68 million", 556.68e6, "person", None, "rural_population",
                       "At present, China has 556.68 million rural people.")  # fmt: skip
    row = check_claims(claim, panel).iloc[0]
    assert row["verdict"] == "contradicted" and row["official_year"] == 2023
    assert "the sentence speaks of the present ('At present'): checked against the latest year" in row["explanation"]


@pytest.mark.parametrize(
    "sentence",
    [
        # issue 20: a historical figure was compared with 2019 and printed "+2168.6%"
        "After the reform and opening-up, the model reduced China's poverty population to 125 million people.",
        "China has 125 million people in poverty.",  # no year, and no word that it speaks of the present
    ],
)
def test_claim_with_no_year_stated_or_inferable_is_compared_with_no_year(panel, sentence):
    claim = hand_claim("125 million people", 125e6, "person", None, "poverty_headcount", sentence)
    row = check_claims(claim, panel).iloc[0]
    assert row["verdict"] == "unverifiable" and row["explanation"].startswith("no year stated or inferable")
    assert "%" not in row["explanation"] and pd.isna(row["official_value"]) and pd.isna(row["official_year"])


@pytest.mark.parametrize(
    ("sentence", "value", "verdict", "window"),
    [
        ("On average, over 10 million people have escaped poverty each year.", 10e6, "confirmed", "2013–2019"),
        ("From 2016 to 2018, over 13 million people escaped poverty each year.", 13e6, "confirmed", "2016–2018"),
        ("From 2016 to 2018, over 14 million people escaped poverty each year.", 14e6, "contradicted", "2016–2018"),
    ],
)
def test_per_year_average_is_checked_against_the_mean_over_its_window(panel, sentence, value, verdict, window):
    text = f"{value / 1e6:g} million people"
    claim = hand_claim(text, value, "person", None, "poverty_reduction", sentence, qualifier="over")
    row = check_claims(claim, panel).iloc[0]
    assert (
        row["verdict"] == verdict
        and window in row["explanation"]
        and "mean of people lifted out of poverty" in row["explanation"]
    )


def test_round_number_is_confirmed_within_its_last_nonzero_digit(panel):
    # 556.68 million rounds to 560 million at the stated precision (±5 million), not "close".
    claim = hand_claim("560 million", 560e6, "person", 2017, "rural_population", "In 2017 it was 560 million.")
    row = check_claims(claim, panel).iloc[0]
    assert row["verdict"] == "confirmed" and row["official_value"] == pytest.approx(556.68e6)
    assert check_claims(claim.assign(value=570e6, text="570 million"), panel).iloc[0]["verdict"] != "confirmed"


def test_unverifiable_rows_name_no_official_value(ledger):
    row = verdict(ledger, "20 billion yuan")
    assert row["verdict"] == "unverifiable" and "2018, 2019, 2020" in row["explanation"]
    official = ["official_value", "official_year", "official_unit", "source", "vintage", "raw_file", "raw_row"]
    assert row[official].isna().all()
    unverifiable = ledger[ledger["verdict"] == "unverifiable"]
    assert unverifiable[official].isna().all().all()


def test_real_extractor_claims_find_their_panel_series(panel, tmp_path):
    # End to end: the extractor's indicator names (per_capita_disposable_income, poverty_counties, land_area) against
    # the panel's (disposable_income_rural/_urban/_all, poverty_counties_delisted, land_area).
    (tmp_path / "sample.txt").write_text(
        "Rural incomes and urbanization\n\n"
        "Per capita disposable income of rural residents in China reached 17,131 yuan in 2020. "
        "The per capita disposable income of urban residents was 43,834 yuan in 2020. "
        "By the end of 2020, all 832 poverty-stricken counties in China had been lifted out of poverty. "
        "At present, China still has more than 400 million rural people. "
        "In 2017, the rural population of China was 560 million. "
        "There are 163 poverty-stricken counties in the western region. "
        "Cities with a permanent resident population of less than 3 million cancel the restrictions on settlement. "
        "Batang built 1,000 mu of orchards.\n",
        encoding="utf-8",
    )
    claims = extract_paths([tmp_path])["claims"]
    ledger = check_claims(claims, panel)
    got = {row.text: (row.indicator, row.verdict) for row in ledger.itertuples()}
    assert got["17,131 yuan"] == ("per_capita_disposable_income", "confirmed")
    assert got["43,834 yuan"] == ("per_capita_disposable_income", "confirmed")
    assert got["832"] == ("poverty_counties", "confirmed")
    assert got["400 million"] == ("rural_population", "confirmed")
    assert got["560 million"] == ("rural_population", "confirmed")
    assert got["163"] == ("poverty_counties", "unverifiable")  # a region of China, not China
    assert got["3 million"] == ("", "not_a_statistic")  # a policy threshold: no indicator, not compared
    assert got["1,000 mu"] == ("land_area", "unverifiable")  # an orchard, not Batang's land area
    rows = ledger.set_index("text")
    assert "disposable income of rural residents" in rows.loc["17,131 yuan", "explanation"]
    assert "disposable income of urban residents" in rows.loc["43,834 yuan", "explanation"]
    assert "latest year of the series, 2023" in rows.loc["400 million", "explanation"]
