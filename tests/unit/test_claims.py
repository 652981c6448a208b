"""Numeric claims of the project's documents (claims.py, extract.py) and their scores on the gold sets."""

import json
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml
from claims_eval import NUMBER_TOKEN, evaluate, load_gold_sets, locate_claim, nonclaim_spans

from ruralrev.extract.claims import extract_claims, normalized_view, split_sentences
from ruralrev.extract.corpus import JSONL_KEYS, TABLE_COLUMNS, extract_paths, iter_jsonl

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = ROOT / "data" / "raw" / "documents"
METADATA = yaml.safe_load((DOCUMENTS / "documents.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tables():
    return extract_paths([DOCUMENTS], METADATA)


@pytest.fixture(scope="module")
def gold_sets():
    return load_gold_sets()


def claim(tables, doc: str, text: str) -> dict:
    rows = tables["claims"][(tables["claims"]["doc"] == doc) & (tables["claims"]["text"] == text)]
    assert len(rows) == 1, f"{text!r} found {len(rows)} times in {doc}"
    return {key: None if pd.isna(value) else value for key, value in rows.iloc[0].to_dict().items()}


def test_offsets_point_into_the_text_as_read(tables):
    assert len(tables["claims"]) > 30
    for doc, rows in tables["claims"].groupby("doc"):
        text = (DOCUMENTS / f"{doc}.txt").read_text(encoding="utf-8-sig")
        for row in rows.itertuples():
            assert text[row.start : row.end] == row.text
            assert row.sentence_start <= row.start < row.end <= row.sentence_end
            assert re.sub(r"\s+", " ", text[row.start : row.end]) in row.sentence


def test_repaired_text_keeps_original_offsets(tables):
    broken = claim(tables, "poverty_alleviation_revitalization_connection", "25.68 \n\nmillion")
    assert (broken["value"], broken["unit"], broken["qualifier"]) == (25680000.0, "household", "approximately")
    exceeded = claim(tables, "batang_common_prosperity", "530 billion yuan")  # "exceeded\n\n530 billion yuan"
    assert (exceeded["value"], exceeded["qualifier"]) == (530000000000.0, "over")
    assert "has exceeded 530 billion yuan, providing" in exceeded["sentence"]  # space before "," removed


def test_normalized_view_maps_every_character_back():
    text = "local ur-\nbanization rose 2017 , to **5 million** and exceeded\n\n530 billion yuan ."
    view = normalized_view(text)
    assert view.text == "local urbanization rose 2017, to 5 million and exceeded\n530 billion yuan."
    assert all(text[view.origin[i]] == ch for i, ch in enumerate(view.text) if not ch.isspace())
    assert [view.text[a:b] for a, b in split_sentences(view.text)] == [view.text]


def test_ranges_lists_and_same_period_get_their_own_years(tables):
    doc = "urbanization_revitalization_commentary"
    got = {
        t: (claim(tables, doc, t)["year"], claim(tables, doc, t)["qualifier"])
        for t in ("172 million", "930 million", "17.92%", "66.16%")
    }
    assert got == {
        "172 million": (1978, None),
        "930 million": (2023, "over"),
        "17.92%": (1978, None),
        "66.16%": (2023, None),
    }
    window = claim(tables, "poverty_alleviation_revitalization_connection", "93.48 million")
    assert (window["year"], window["year_start"], window["qualifier"], window["unit"]) == (
        2019,
        2012,
        "change",
        "person",
    )
    years = [
        claim(tables, "batang_common_prosperity", f"{v} million")["year"]
        for v in ("556.68", "541.08", "525.82", "509.79")
    ]
    assert years == [2017, 2018, 2019, 2020]


def test_places_from_text_then_paragraph_then_focus(tables):
    assert claim(tables, "batang_common_prosperity", "556.68 million")["place"] == "China"
    assert claim(tables, "batang_common_prosperity", "20 billion yuan")["place"] == "China"  # paragraph on China's fund
    assert claim(tables, "batang_common_prosperity", "1,000 mu")["place"] == "Batang"


def test_garbled_number_without_unit_is_kept_without_a_unit(tables):
    garbled = claim(tables, "batang_common_prosperity", "1561")
    assert (garbled["value"], garbled["unit"], garbled["year"]) == (1561.0, None, 2021)


def test_captions_headings_front_matter_and_boilerplate_make_no_claims(tables):
    counts = tables["claims"]["doc"].value_counts().to_dict()
    assert "liupanshui_coupling_abstract" not in counts and "zheng_2025_urban_rural_coordination" not in counts
    assert not tables["claims"]["text"].str.contains("233000|5212013001|046").any()


def test_documents_missing_from_metadata_and_empty_documents(tmp_path):
    (tmp_path / "note.txt").write_text("In 2020, Guizhou's urbanization rate was 53.15 percent.\n", encoding="utf-8")
    (tmp_path / "blank.txt").write_text("", encoding="utf-8")
    with pytest.warns(UserWarning, match="empty"):
        result = extract_paths([tmp_path], None)
    assert list(result["documents"]["id"]) == ["blank", "note"]
    row = result["claims"].iloc[0].to_dict()
    assert (row["doc"], row["value"], row["unit"], row["year"], row["place"], row["indicator"]) == (
        "note",
        53.15,
        "percent",
        2020,
        "Guizhou",
        "urbanization_rate",
    )


def test_tables_have_the_contract_columns_sorted(tables):
    for name, columns in TABLE_COLUMNS.items():
        assert list(tables[name].columns) == columns
    claims = tables["claims"]
    assert claims.equals(claims.sort_values(["doc", "start", "end"]).reset_index(drop=True))
    documents = tables["documents"].set_index("id")
    assert documents.loc["batang_common_prosperity", "claims"] == (claims["doc"] == "batang_common_prosperity").sum()
    assert documents.loc["zheng_2025_urban_rural_coordination", "date"] == "2025-06-07"


def test_jsonl_has_exactly_the_published_keys(tables):
    lines = list(iter_jsonl(tables["claims"]))
    assert len(lines) == len(tables["claims"])
    records = [json.loads(line) for line in lines]
    assert all(list(r) == JSONL_KEYS for r in records)
    first = records[0]
    assert isinstance(first["start"], int) and isinstance(first["value"], float)
    assert any(r["unit"] is None for r in records) and any(r["year"] is None for r in records)


def test_every_number_in_the_documents_is_annotated(gold_sets):
    for item in gold_sets["documents"]:
        claim_spans = [locate_claim(item["text"], c) for c in item["claims"]]
        covered = claim_spans + nonclaim_spans(item["text"], item["nonclaims"], claim_spans)
        for token in NUMBER_TOKEN.finditer(item["text"]):
            assert any(a <= token.start() and token.end() <= b for a, b in covered), (item["doc"], token.group())


@pytest.mark.parametrize("name", ["documents", "dev", "heldout", "heldout2", "heldout3"])
def test_scores_on_the_gold_sets_meet_the_targets(gold_sets, name):
    scores = evaluate(gold_sets[name])
    assert scores["claims"] >= 38
    assert scores["value_unit_accuracy"] >= 0.95, scores["errors"]
    assert scores["year_accuracy"] >= 0.85, scores["errors"]
    assert scores["nonclaims_reported_share"] <= 0.05, scores["errors"]


def test_sentence_gold_sets_are_large_and_say_their_source(gold_sets):
    sentences = gold_sets["dev"] + gold_sets["heldout"] + gold_sets["heldout2"]
    assert len(sentences) >= 60 and all(item["source"].startswith("style of") for item in sentences)


def test_short_unpunctuated_lines_that_state_quantities_are_read():
    text = "The urbanization rate reached 66.16% in 2023\nRural Revitalization Report\n\nGuizhou built 7,607 km of expressways\n"
    got = [(c["text"], c["unit"], c["year"], c["place"]) for c in extract_claims("lines", text)]
    assert got == [("66.16%", "percent", 2023, None), ("7,607 km", "km", None, "Guizhou")]


def test_subject_counts_and_alternative_readings():
    text = (
        "The number of poor counties dropped from 832 in 2012 to 52 in 2020. "
        "Average monthly income was 4,615 yuan, an increase of 183 yuan, or 4.1 percent."
    )
    got = [(c["value"], c["unit"], c["year"], c["qualifier"]) for c in extract_claims("s", text, ["China"])]
    assert got == [
        (832.0, "county", 2012, None),
        (52.0, "county", 2020, None),
        (4615.0, "yuan", None, None),
        (183.0, "yuan", None, "change"),
        (4.1, "percent", None, "change"),
    ]


def _years(text: str) -> list[tuple[str, int | None]]:
    return [(c["text"], c["year"]) for c in extract_claims("s", text)]


def test_a_list_of_claims_pairs_in_order_with_a_list_of_as_many_years():
    assert _years(
        "The rural poor population fell to 70.17 million, 55.75 million and 43.35 million at the end "
        "of 2014, 2015 and 2016 respectively."
    ) == [("70.17 million", 2014), ("55.75 million", 2015), ("43.35 million", 2016)]
    assert _years("The urbanization rates of Guizhou in 2010, 2015 and 2020 were 33.8%, 42.0% and 53.2%.") == [
        ("33.8%", 2010),
        ("42.0%", 2015),
        ("53.2%", 2020),
    ]


def test_the_year_of_a_date_dates_the_claims():
    assert _years("By the end of June 2021, farmland transferred in the province reached 5.32 million mu.") == [
        ("5.32 million mu", 2021)
    ]
    assert _years("On 25 February 2021, the conference announced that 1,981 individuals had been honoured.") == [
        ("1,981 individuals", 2021)
    ]
    # ... but not the date of the source a figure is quoted from
    assert _years(
        "Cities of less than 3 million shall lift restrictions, according to the notice issued on April 8, 2019."
    ) == [("3 million", None)]


def test_citation_and_price_base_years_date_no_claim():
    assert _years("Li and Zhang (2021) find that relocation increased household income by 23.5%.") == [("23.5%", None)]
    assert _years("the line of US$1.90 a day (2011 PPP)") == [("US$1.90", None)]
    assert _years(
        "The line is 2,300 yuan per person per year at 2010 constant prices, equivalent to about 4,000 yuan in 2020."
    ) == [("2,300 yuan", None), ("4,000 yuan", 2020)]
    assert _years("The line was raised from 1,196 yuan in 2008 to 2,300 yuan (2010 prices) in 2011.") == [
        ("1,196 yuan", 2008),
        ("2,300 yuan", 2011),
    ]


@pytest.mark.parametrize(
    ("sentence", "text", "indicator"),
    [
        # the noun right after the number wins over an earlier one: the comma of "35,000" ends no clause
        (
            "China has constructed approximately 1.1 million kilometers of new roads and 35,000 kilometers of new "
            "railways in rural areas.",
            "35,000 kilometers",
            "railway_length",
        ),
        # the verb in the claim's own clause wins over the previous clause's "housing"
        (
            "Approximately 25.68 million poor households have had their housing conditions improved, and 35,000 "
            "households have been resettled.",
            "35,000 households",
            "households_resettled",
        ),
        # land of any kind is `land_area`; `area` is the count unit of "22 poverty-stricken areas"
        ("Batang built 1,000 mu of orchards.", "1,000 mu", "land_area"),
        ("There are 22 provincial-level poverty-stricken areas.", "22", "poverty_areas"),
    ],
)
def test_indicator_read_from_the_claims_own_clause(sentence, text, indicator):
    found = {c["text"]: c for c in extract_claims("example", sentence)}
    assert found[text]["indicator"] == indicator


@pytest.mark.parametrize(
    ("sentence", "text", "indicator"),
    [
        (
            "We will fully implement the requirement that cities with a permanent resident population of less than "
            "3 million in urban areas cancel the restrictions on settlement.",
            "3 million",
            None,
        ),
        ("Households whose population is more than 5 people receive a larger subsidy.", "5 people", None),
        # a place described by a bound states a statistic of that place
        ("Batang is a county with a population of more than 50,000.", "50,000", "total_population"),
    ],
)
def test_policy_threshold_has_no_indicator(sentence, text, indicator):
    found = {c["text"]: c for c in extract_claims("example", sentence)}
    assert found[text]["indicator"] == indicator


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("GDP fell by -3.5% in 2020.", "-3.5%", -3.5),
        ("China recorded growth of -6.8% in the first quarter.", "-6.8%", -6.8),
        ("The balance was −1.2 billion yuan in 2020.", "−1.2 billion yuan", -1.2e9),
    ],
)
def test_negative_numbers_keep_their_sign(sentence, text, value):
    found = {c["text"]: c for c in extract_claims("example", sentence)}
    assert found[text]["value"] == pytest.approx(value)


def test_hyphens_are_not_minus_signs():
    found = {c["text"]: c["value"] for c in extract_claims("example", "COVID-19 cut output by 3% over 2016-2020.")}
    assert found == {"3%": 3.0}


def _claims(sentence):
    return {c["text"]: c for c in extract_claims("example", sentence)}


def test_claims_after_a_caption_label_are_read_but_its_title_is_not():
    assert {
        (t, c["unit"], c["year"])
        for t, c in _claims("Figure 4: In 2019 Ganzi had 2,400 registered poor households.").items()
    } == {("2,400", "household", 2019)}
    assert _claims("Table 7. Cultivated land of Batang County (area: 10,000 mu)") == {}


def test_a_flattened_caption_series_takes_the_declared_unit_and_the_span_years():
    found = _claims("Figure 3. Rural poverty incidence (%) in Guizhou, 2016–2019: 9.1, 7.4, 5.0, 0.9")
    assert [(t, c["unit"], c["year"]) for t, c in found.items()] == [
        ("9.1", "percent", 2016),
        ("7.4", "percent", 2017),
        ("5.0", "percent", 2018),
        ("0.9", "percent", 2019),
    ]
    header = _claims("Table 2: Relocated households in Garze, 2018–2020 (households) 2018 2019 2020 / 812 640 95")
    assert [(t, c["unit"], c["year"]) for t, c in header.items()] == [
        ("812", "household", 2018),
        ("640", "household", 2019),
        ("95", "household", 2020),
    ]


def test_a_series_with_more_values_than_years_stays_undated():
    found = _claims("Figure 5. Output (%) in Yunnan, 2018–2019: 3.1, 2.2, 1.7")
    assert [c["year"] for c in found.values()] == [None, None, None]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the only time reference is a window: its end dates what was achieved over it
        (
            "The project paved about 900 km of roads for more than 20,000 farmers between 2016 and 2020.",
            {"900 km": 2020, "20,000 farmers": 2020},
        ),
        (
            "Tap water coverage rose from 61 per cent to 93 per cent over 2016-2021.",
            {"61 per cent": 2016, "93 per cent": 2021},
        ),
        # a study's window dates neither its sample nor its estimates
        (
            "We use a panel of N = 2,300 households from 2015 to 2019 and find that income increased by 9.2%.",
            {"2,300 households": None, "9.2%": None},
        ),
    ],
)
def test_window_years(sentence, expected):
    assert {t: c["year"] for t, c in _claims(sentence).items()} == expected


def test_the_ratio_unit_after_the_second_end_applies_to_both_ends():
    found = _claims("Grain yields rose from 300 kg to 450 kg per mu between 2016 and 2020.")
    assert {t: (c["unit"], c["year"]) for t, c in found.items()} == {
        "300 kg": ("kg/mu", 2016),
        "450 kg": ("kg/mu", 2020),
    }


def test_per_capita_money_keeps_its_currency_and_names_the_indicator_wherever_per_capita_stands():
    found = _claims("Herders' income rose from 1,800 yuan to 2,900 yuan per person between 2016 and 2020.")
    assert {t: (c["unit"], c["year"], c["indicator"]) for t, c in found.items()} == {
        "1,800 yuan": ("yuan", 2016, "per_capita_disposable_income"),
        "2,900 yuan": ("yuan", 2020, "per_capita_disposable_income"),
    }
    found = _claims(
        "In 2021, GDP reached 2.1 trillion yuan and the per capita net income of farmers reached 9,800 yuan."
    )
    assert found["2.1 trillion yuan"]["unit"] == "yuan"
    assert (found["9,800 yuan"]["unit"], found["9,800 yuan"]["indicator"]) == ("yuan", "per_capita_disposable_income")


@pytest.mark.parametrize(
    ("sentence", "kept", "dropped"),
    [
        (
            "The number of villages with collective income above 100,000 yuan exceeded 3,000 in 2021.",
            "3,000",
            "100,000 yuan",
        ),
        ("The county linked all 1,200 natural villages with 50 or more households to paved roads.", "1,200", "50"),
        (
            "The fund covers families whose income is below 2 times the poverty line; 80,000 people were covered.",
            "80,000 people",
            "2",
        ),
    ],
)
def test_a_group_defining_threshold_is_not_a_claim(sentence, kept, dropped):
    found = _claims(sentence)
    assert kept in found and dropped not in found


# ---- issue 13: passages, conversions, rates, titles and flattened tables as real text has them ----


def _rows(text: str) -> list[tuple]:
    return [(c["text"], c["value"], c["unit"], c["year"]) for c in extract_claims("t", text)]


def test_a_sentence_without_a_year_is_dated_by_the_year_its_passage_speaks_of():
    text = (
        "The rural poverty-stricken population was reduced in 2018 in an all-around way. "
        "The number of the rural poor dropped to 1.47 million in the eastern region."
    )
    assert _rows(text) == [("1.47 million", 1470000.0, "person", 2018)]


@pytest.mark.parametrize(
    "second",
    [
        "Last year, 1.47 million people were lifted out of poverty.",  # a date relative to the writing
        "The fund has increased by 20 billion yuan every year.",  # a rate of every year
    ],
)
def test_relative_dates_are_not_dated_by_the_passage(second):
    assert [r[3] for r in _rows("The poor population fell to 16.6 million in 2018. " + second)] == [2018, None]


def test_a_sentence_spanning_several_years_or_a_title_dates_no_later_sentence():
    assert [
        r[3]
        for r in _rows(
            "The number of poor counties dropped from 832 in 2012 to 52 in 2020. Average monthly income was 4,615 yuan."
        )
    ] == [2012, 2020, None]
    assert [
        r[3]
        for r in _rows(
            "The urbanization rate reached 66.16% in 2023\nRural Revitalization Report\n"
            "Guizhou built 7,607 km of expressways\n"
        )
    ] == [2023, None]


def test_a_conversion_in_parentheses_takes_the_rate_year_and_qualifier_of_its_amount():
    found = extract_claims(
        "t", "The income rose from less than 4,000 yuan ($613) in 2013 to 10,030 yuan (1,538) in 2016."
    )
    assert [(c["text"], c["unit"], c["year"], c["qualifier"]) for c in found] == [
        ("4,000 yuan", "yuan", 2013, "under"),
        ("$613", "usd", 2013, "under"),
        ("10,030 yuan", "yuan", 2016, None),
        ("1,538", None, 2016, None),
    ]  # a lost currency sign is never guessed
    found = extract_claims("t", "Farmers earn over 20,000 yuan (US$2,780) per mu.")
    assert [(c["unit"], c["qualifier"]) for c in found] == [("yuan/mu", "over"), ("usd/mu", "over")]


def test_a_rate_named_before_the_amount_and_carried_to_the_next_amount_of_its_kind():
    found = _rows(
        "China's average per-mu yield of wheat increased by 5.7 percent to 371.7 kilograms this year, "
        "an increase of 19.9 kilograms on last year."
    )
    assert [(r[0], r[2]) for r in found] == [
        ("5.7 percent", "percent"),
        ("371.7 kilograms", "kg/mu"),
        ("19.9 kilograms", "kg/mu"),
    ]
    found = _rows("The yield gap for corn is 3225 KG per hectare, while the gap for rice is 1875 KG.")
    assert [r[2] for r in found] == ["kg/ha", "kg/ha"]


def test_per_capita_before_a_money_amount_marks_it_per_capita_in_the_indicator():
    found = extract_claims(
        "t", "In 2019 the per capita disposable income of rural residents reached 16,021 yuan ($2,440)."
    )
    assert [(c["unit"], c["indicator"]) for c in found] == [("yuan", "per_capita_disposable_income"), ("usd", None)]


def test_titles_and_running_heads_state_no_claims():
    text = (
        "The Potential Supply and Demand of Land Contract Rights Based on 697 Households in Four Provinces of China\n\n"
        "In this study, 697 valid questionnaires were used.\n"
    )
    assert _rows(text) == [("697", 697.0, "questionnaire", None)]


def test_a_threshold_that_classifies_a_group_is_not_a_claim():
    assert (
        _rows("Rural people with an annual net income per capita of 2,300 yuan or less are classified as poor.") == []
    )


def test_rows_of_a_flattened_table_pair_with_their_column_years_and_take_the_unit_of_their_label():
    text = (
        "Basic Conditions of Rural Households\nItem\n1985 1990 1995\nNumber of Households Surveyed 66642 66960 67340\n"
    )
    assert _rows(text) == [
        ("66642", 66642.0, "household", 1985),
        ("66960", 66960.0, "household", 1990),
        ("67340", 67340.0, "household", 1995),
    ]


def test_a_pipe_table_takes_the_year_of_its_row_and_the_unit_and_scale_of_its_column():
    text = (
        "Year | Number of Household (10 000 households) | Rural Population (10 000 persons) |\n"
        "1978 | 17347.0 | 80320.0 |\n2000 | 24148.7 | 92819.7 |\n"
    )
    assert _rows(text) == [
        ("17347.0", 173470000.0, "household", 1978),
        ("80320.0", 803200000.0, "person", 1978),
        ("24148.7", 241487000.0, "household", 2000),
        ("92819.7", 928197000.0, "person", 2000),
    ]


def test_a_caption_without_punctuation_after_its_number_and_its_labelled_cells():
    # "Table 5 Title" as Springer prints it; "year: value" cells between bars, a growth cell with its own unit
    text = "Table 5 Per capita disposable income of rural residents (yuan), Guizhou | 2019: 10756 | 2020: 11642 | growth 2020 (%): 8.2\n"
    assert [(c["text"], c["unit"], c["year"], c["qualifier"]) for c in extract_claims("t", text)] == [
        ("10756", "yuan", 2019, None),
        ("11642", "yuan", 2020, None),
        ("8.2", "percent", 2020, "change"),
    ]


def test_a_sentence_starting_with_table_and_a_lowercase_verb_stays_a_sentence():
    assert [
        (c["text"], c["year"]) for c in extract_claims("t", "Table 5 shows that 1.2 million people moved in 2019.\n")
    ] == [("1.2 million people", 2019)]
