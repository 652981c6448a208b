"""Reading numbers in sentences (numbers.py): scales, units, qualifiers and non-claims."""

import pytest

from ruralrev.extract.numbers import find_numbers


def claims_in(sentence: str) -> list[tuple]:
    return [
        (sentence[m.start : m.end], m.value, m.unit, m.qualifier) for m in find_numbers(sentence) if m.not_claim is None
    ]


def reasons_in(sentence: str) -> dict[str, str]:
    return {sentence[m.start : m.end]: m.not_claim for m in find_numbers(sentence) if m.not_claim}


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("the rural population was 556.68 million", ("556.68 million", 556680000.0, None, None)),
        ("funds totalled RMB189.84 billion", ("RMB189.84 billion", 189840000000.0, "yuan", None)),
        ("a subsidy of ¥2,300", ("¥2,300", 2300.0, "yuan", None)),
        ("1.88m people moved", ("1.88m people", 1880000.0, "person", None)),
        ("it lies 2,700m above sea level", ("2,700m", 2700.0, "m", None)),
        ("1,000 mu of low-yield orchards", ("1,000 mu", 1000.0, "mu", None)),
        ("build 100 More than mu of parks", ("100 More than mu", 100.0, "mu", "over")),
        ("has exceeded 530 billion yuan", ("530 billion yuan", 530000000000.0, "yuan", "over")),
        ("increased by 20 billion yuan every year", ("20 billion yuan", 20000000000.0, "yuan", "change")),
        ("dropped by 1.2 percentage points", ("1.2 percentage points", 1.2, "percentage_point", "change")),
        ("nearly ten million people", ("ten million", 10000000.0, "person", "approximately")),
        ("two billion yuan from enterprises", ("two billion yuan", 2000000000.0, "yuan", None)),
        ("less than 3 million in urban areas", ("3 million", 3000000.0, None, "under")),
        ("1561亿元 in funds", ("1561亿元", 156100000000.0, "yuan", None)),
        ("556.68万人 lived there", ("556.68万人", 5566800.0, "person", None)),
        ("a yield of 450 kg per mu", ("450 kg", 450.0, "kg/mu", None)),
        # per-capita money keeps its currency as unit (the publisher's convention, issue 13)
        ("2,000 yuan per capita", ("2,000 yuan", 2000.0, "yuan", None)),
        ("25.68 million poor households", ("25.68 million", 25680000.0, "household", None)),
        ("163 poverty-stricken counties", ("163", 163.0, "county", None)),
        ("banks issued 9.2万亿 yuan of loans", ("9.2万亿 yuan", 9.2e12, "yuan", None)),
        ("a fund of 3百亿 yuan", ("3百亿 yuan", 3e10, "yuan", None)),
        ("the 1,800-odd households in the cooperative", ("1,800-odd households", 1800.0, "household", "over")),
        ("an average annual reduction of more than 12 million", ("12 million", 12000000.0, None, "over")),
        ("the population grew by about 200,000 people", ("200,000 people", 200000.0, "person", "change")),
    ],
)
def test_values_are_fully_scaled_with_their_unit_and_qualifier(sentence, expected):
    assert claims_in(sentence) == [expected]


@pytest.mark.parametrize(
    "sentence, number, reason",
    [
        ("1.To build a new model of talent training.", "1", "list number"),
        ("development. 3. Vigorously develop research", "3", "list number"),
        ("as shown in [3] and Figure 1", "3", "reference"),
        ("as shown in [3] and Figure 1", "1", "label"),
        ("Think Tank Theory and Practice, 2022, 7(06): 157-165.", "7", "citation"),
        ("kcms detail 13.1356.F.20230207.1435.001.html", "13.1356", "code"),
        ("DOI: 10.19318/j.cnki", "10.19318", "code"),
        ("Bengbu 233000, China", "233000", "code"),
        ("license: 5212013001", "5212013001", "code"),
        ("QJNXJPZZ No. 046", "046", "label"),
        ("In 2017, the 19th National Congress", "2017", "year"),
        ("In 2017, the 19th National Congress", "19", "ordinal"),
        ("on the Morning of May 23, 2025", "23", "date"),
        ("published 2025-06-07", "2025", "date"),
        ("the coverage of 4G networks", "4", "code"),
        ("it is still 14 years before", "14", "duration"),
        ("the 2016-2020 period", "2016", "year"),
        ("residents aged over 65", "65", "age"),
        ("significant at p < 0.05", "0.05", "statistic"),
        ("3.2 Sample and data. The survey covers 1,200 households", "3.2", "section number"),
        ("raised to 2,300 yuan (2010 prices) in 2011", "2010", "price base"),
        ("2,300 yuan per person per year at 2010 constant prices", "2010", "price base"),
        ("US$1.90 a day (2011 PPP)", "2011", "price base"),
        ("Tel: 010-85195634; ISSN 1002-8870.", "010", "range"),
        ("Tel: 010-85195634; ISSN 1002-8870.", "1002", "range"),
    ],
)
def test_non_claims_say_why(sentence, number, reason):
    assert reasons_in(sentence)[number] == reason
    assert all(text != number for text, *_ in claims_in(sentence))


def test_slogans_and_durations_in_words_are_not_claims():
    sentence = 'Poverty alleviation means " two worries and three guarantees " for five consecutive years and the "Two Centennial Goals".'
    assert claims_in(sentence) == []


def test_each_list_item_is_its_own_number():
    sentence = "was 556.68 million in 2017, 541.08 million in 2018, 525.82 million in 2019"
    assert [c[1] for c in claims_in(sentence)] == [556680000.0, 541080000.0, 525820000.0]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "a housing subsidy of 20,000-30,000 yuan.",
            [("20,000", 20000.0, "yuan", None), ("30,000 yuan", 30000.0, "yuan", None)],
        ),
        (
            "a housing subsidy of 20,000–30,000 yuan.",
            [("20,000", 20000.0, "yuan", None), ("30,000 yuan", 30000.0, "yuan", None)],
        ),
        (
            "about 20-30 million people",
            [
                ("20", 20000000.0, "person", "approximately"),
                ("30 million people", 30000000.0, "person", "approximately"),
            ],
        ),
        ("Chinese Rural Economy, 2020(5): 45-62.", []),  # pages of a citation
        ("during the 2016-2020 period", []),  # a range of years
    ],
)
def test_both_ends_of_a_range_share_its_unit_and_scale(sentence, expected):
    assert claims_in(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The estimated coefficient on the subsidy dummy is 0.052 (t = 3.10).",
        "The effect holds (β = 0.214, p < 0.01).",
        "The elasticity is large (standard error 0.8).",
        "It is significant at the 1% level.",
        "The model explains 42% of the variance (R-squared 0.42).",
        "Question 4, how were funds used?",
    ],
)
def test_model_statistics_and_question_numbers_are_not_claims(sentence):
    assert [m for m in find_numbers(sentence) if m.not_claim is None] == []


def test_named_coefficients_and_sample_sizes_stay_claims():
    assert [m.value for m in find_numbers("The Gini coefficient was 0.46 (N = 2,100).") if m.not_claim is None] == [
        0.46,
        2100.0,
    ]


@pytest.mark.parametrize(
    ("sentence", "qualifier"),
    [
        ("Spending was 3 billion yuan more than in 2019.", "change"),
        ("Hires were 40,000 more than the target.", "change"),
        ("The rate was 2.1 percentage points higher than the previous year.", "change"),
        ("It brought a 0.3 percentage point reduction in poverty.", "change"),
        ("The rate was 3.9 percentage points lower than that of the whole country.", None),
        ("The ratio narrowed to 2.45, less than 2.5 for the first time.", None),
    ],
)
def test_change_written_after_the_number(sentence, qualifier):
    assert find_numbers(sentence)[0].qualifier == qualifier


# ---- numbers as PDF extraction and web scraping leave them (issue 13) ----


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("a population of 7 777 000 people", [("7 777 000 people", 7777000.0, "person", None)]),
        (
            "it covers 112\u2009738\u2009000 hectares",
            [("112\u2009738\u2009000 hectares", 112738000.0, "ha", None)],
        ),  # thin space
        ("up 783\u202f000 hectares", [("783\u202f000 hectares", 783000.0, "ha", "change")]),  # narrow no-break space
        ("an index of 0.286 5 in total", [("0.286 5", 0.2865, None, None)]),  # decimals grouped in threes
        ("the 1.214\u20092 trillion jin harvested", [("1.214\u20092 trillion jin", 1.2142e12, "jin", None)]),
    ],
)
def test_digit_groups_split_by_spaces_are_one_number(sentence, expected):
    assert claims_in(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("The poverty rate fell in 2005 and 2010 alike.", [2005.0, 2010.0]),  # two years of a list, never one number
        ("as Tables 3 4 show", [3.0, 4.0]),  # never 34
        ("Number of Households Surveyed 66642 66960 67340", [66642.0, 66960.0, 67340.0]),  # not three-digit groups
        ("J. Resour. Ecol. 2012 3 (3) 262-268", [2012.0, 3.0, 3.0, 262.0]),  # a running head's numbers stay apart
        ("Sustainability 2015, 7 16363", [2015.0, 7.0, 16363.0]),
    ],
)
def test_numbers_of_a_list_are_never_joined(sentence, values):
    assert [m.value for m in find_numbers(sentence)] == values


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("funds of 3.13 × 106 yuan", ("3.13 × 106 yuan", 3130000.0, "yuan", None)),
        ("from 9\u2009899×104 people", ("9\u2009899×104 people", 98990000.0, "person", None)),
        ("an area of 1.2×10⁴ hectares", ("1.2×10⁴ hectares", 12000.0, "ha", None)),
        ("about 4.5 x 10 8 tonnes", ("4.5 x 10 8 tonnes", 4.5e8, "t", "approximately")),
        ("the 106 villages of the county", ("106 villages", 106.0, "village", None)),  # a count stays a count
    ],
)
def test_flattened_superscripts_are_powers_of_ten_only_after_a_multiplication_sign(sentence, expected):
    assert claims_in(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("the rate dropped down to12.1% last year", ("12.1%", 12.1, "percent", None)),
        ("it was 23.9%down from before", ("23.9%", 23.9, "percent", None)),
        ("income hit 2,762 yuan,and rose again", ("2,762 yuan", 2762.0, "yuan", None)),
        ("the increase was1.7 percentage points", ("1.7 percentage points", 1.7, "percentage_point", "change")),
        ("it grew by 11.4percent", ("11.4percent", 11.4, "percent", "change")),
    ],
)
def test_missing_spaces_around_numbers_and_units(sentence, expected):
    assert claims_in(sentence) == [expected]


def test_a_year_glued_to_its_preposition_is_still_a_year():
    assert reasons_in("the tax was abolished in2006") == {"2006": "year"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("a subsidy of RMB 1.5 billion", ("RMB 1.5 billion", 1.5e9, "yuan", None)),
        ("a fee of CNY 800", ("CNY 800", 800.0, "yuan", None)),
        ("a price of 800 yuan (RMB) each", ("800 yuan", 800.0, "yuan", None)),
        ("the subsidy totalled US$22.8b", ("US$22.8b", 2.28e10, "usd", None)),
        ("earning 2,358 U.S. dollars", ("2,358 U.S. dollars", 2358.0, "usd", None)),
        ("the line of US$1.90 a day", ("US$1.90", 1.9, "usd/day", None)),
        ("a pension of 140 yuan a year", ("140 yuan", 140.0, "yuan/year", None)),
        ("a standard of 2\u2009300 yuan·a−1", ("2\u2009300 yuan·a−1", 2300.0, "yuan/year", None)),
    ],
)
def test_currency_forms_never_convert_dollars(sentence, expected):
    assert claims_in(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("he received 15 yuan for each mu of land", [("15 yuan", 15.0, "yuan/mu", None)]),
        ("600 kilograms of corn per mu", [("600 kilograms", 600.0, "kg/mu", None)]),
        (
            "500 kilograms of wheat and 600 kilograms of corn per mu",
            [("500 kilograms", 500.0, "kg/mu", None), ("600 kilograms", 600.0, "kg/mu", None)],
        ),
        ("a gap of 3225 KG per hectare", [("3225 KG", 3225.0, "kg/ha", None)]),
        (
            "a rent of 1,200 yuan (US$167) per mu",
            [("1,200 yuan", 1200.0, "yuan/mu", None), ("US$167", 167.0, "usd/mu", None)],
        ),
        (
            "an equilibrium price of ¥27,800/mu ($59,714.4/ha)",
            [("¥27,800", 27800.0, "yuan/mu", None), ("$59,714.4", 59714.4, "usd/ha", None)],
        ),
        ("a density of 701.64 person/km 2 , significantly", [("701.64 person", 701.64, "person/km2", None)]),
    ],
)
def test_rates_written_with_words(sentence, expected):
    assert claims_in(sentence) == expected


def test_money_per_person_keeps_its_currency_and_is_marked_per_capita():
    found = [m for m in find_numbers("more than 8,000 yuan ($1,262) per capita") if m.not_claim is None]
    assert [(m.unit, m.per_capita) for m in found] == [("yuan", True), ("usd", True)]


@pytest.mark.parametrize(
    ("sentence", "reasons"),
    [
        ("(1 hectare = 15 mu)", {"1": "definition", "15": "definition"}),
        ("15 yuan for each mu (666.7 square meters) of land", {"666.7": "definition"}),
        ("Rural Population (10 000 persons) | 80320.0", {"10 000": "definition"}),
        ("growth for the past decade [1, 2].", {"1": "reference", "2": "reference"}),
        ("The average price of 50 kilograms of wheat rose to 72 yuan.", {"50": "price basis"}),
    ],
)
def test_unit_definitions_column_scales_references_and_price_bases_are_not_claims(sentence, reasons):
    assert {k: v for k, v in reasons_in(sentence).items()} == reasons


def test_a_unit_defined_in_parentheses_states_no_quantity():
    assert claims_in("the income per mu (1 mu = 1/15 ha) fell") == []


def test_a_conversion_of_a_stated_quantity_is_a_claim_of_its_own():
    assert claims_in("he owns five mu (3,333.3 square meters) of land") == [
        ("five mu", 5.0, "mu", None),
        ("3,333.3 square meters", 3333.3, "m2", None),
    ]


def test_a_comma_misplaced_by_one_digit_is_read_without_it():
    assert claims_in("income was 2,1966 yuan in 2015")[0][:3] == ("2,1966 yuan", 21966.0, "yuan")


def test_from_end_without_unit_takes_the_unit_and_scale_of_the_to_end():
    assert [(c[1], c[2]) for c in claims_in("the rate dropped from 10.2 to 1.7 percent")] == [
        (10.2, "percent"),
        (1.7, "percent"),
    ]
    assert [(pytest.approx(c[1]), c[2]) for c in claims_in("it rose from 7.5 to 9.8 million people")] == [
        (7.5e6, "person"),
        (9.8e6, "person"),
    ]


@pytest.mark.parametrize(
    ("sentence", "qualifier"),
    [
        ("After deducting the price factor, the actual growth rate was 25.4%.", "change"),
        ("with an average annual growth rate of 11.9 percent", "change"),
        ("the growth rate of farmers' income was 4.3 percent", "change"),
        ("funds rose to 299.6 billion yuan, surging 31.9 percent from the previous year", "change"),
        ("income expanded 7 percent in real terms", "change"),
        ("a 994-yuan addition compared with the previous year", "change"),
        ("the yield on experimental plots exceeds the yield of farmers by 3225 KG per hectare", "change"),
        ("16.6 million, 13.86 million less than that at the end of the previous year", "change"),
    ],
)
def test_changes_named_by_their_subject_or_after_the_number(sentence, qualifier):
    assert [m.qualifier for m in find_numbers(sentence) if m.not_claim is None][-1] == qualifier
