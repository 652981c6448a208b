"""Reading numbers in sentences (numbers.py): scales, units, qualifiers and non-claims."""

import pytest

from ruralrev.extract.numbers import find_numbers


def claims_in(sentence: str) -> list[tuple]:
    return [(sentence[m.start:m.end], m.value, m.unit, m.qualifier) for m in find_numbers(sentence) if m.not_claim is None]


def reasons_in(sentence: str) -> dict[str, str]:
    return {sentence[m.start:m.end]: m.not_claim for m in find_numbers(sentence) if m.not_claim}


@pytest.mark.parametrize("sentence, expected", [
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
    ("2,000 yuan per capita", ("2,000 yuan", 2000.0, "yuan/person", None)),
    ("25.68 million poor households", ("25.68 million", 25680000.0, "household", None)),
    ("163 poverty-stricken counties", ("163", 163.0, "county", None)),
    ("banks issued 9.2万亿 yuan of loans", ("9.2万亿 yuan", 9.2e12, "yuan", None)),
    ("a fund of 3百亿 yuan", ("3百亿 yuan", 3e10, "yuan", None)),
    ("the 1,800-odd households in the cooperative", ("1,800-odd households", 1800.0, "household", "over")),
    ("an average annual reduction of more than 12 million", ("12 million", 12000000.0, None, "over")),
    ("the population grew by about 200,000 people", ("200,000 people", 200000.0, "person", "change")),
])
def test_values_are_fully_scaled_with_their_unit_and_qualifier(sentence, expected):
    assert claims_in(sentence) == [expected]


@pytest.mark.parametrize("sentence, number, reason", [
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
])
def test_non_claims_say_why(sentence, number, reason):
    assert reasons_in(sentence)[number] == reason
    assert all(text != number for text, *_ in claims_in(sentence))


def test_slogans_and_durations_in_words_are_not_claims():
    sentence = 'Poverty alleviation means " two worries and three guarantees " for five consecutive years and the "Two Centennial Goals".'
    assert claims_in(sentence) == []


def test_each_list_item_is_its_own_number():
    sentence = "was 556.68 million in 2017, 541.08 million in 2018, 525.82 million in 2019"
    assert [c[1] for c in claims_in(sentence)] == [556680000.0, 541080000.0, 525820000.0]


@pytest.mark.parametrize("sentence, expected", [
    ("a housing subsidy of 20,000-30,000 yuan.", [("20,000", 20000.0, "yuan", None), ("30,000 yuan", 30000.0, "yuan", None)]),
    ("a housing subsidy of 20,000–30,000 yuan.", [("20,000", 20000.0, "yuan", None), ("30,000 yuan", 30000.0, "yuan", None)]),
    ("about 20-30 million people", [("20", 20000000.0, "person", "approximately"),
                                    ("30 million people", 30000000.0, "person", "approximately")]),
    ("Chinese Rural Economy, 2020(5): 45-62.", []),  # pages of a citation
    ("during the 2016-2020 period", []),  # a range of years
])
def test_both_ends_of_a_range_share_its_unit_and_scale(sentence, expected):
    assert claims_in(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    ["The estimated coefficient on the subsidy dummy is 0.052 (t = 3.10).", "The effect holds (β = 0.214, p < 0.01).",
     "The elasticity is large (standard error 0.8).", "It is significant at the 1% level.",
     "The model explains 42% of the variance (R-squared 0.42).", "Question 4, how were funds used?"],
)
def test_model_statistics_and_question_numbers_are_not_claims(sentence):
    assert [m for m in find_numbers(sentence) if m.not_claim is None] == []


def test_named_coefficients_and_sample_sizes_stay_claims():
    assert [m.value for m in find_numbers("The Gini coefficient was 0.46 (N = 2,100).") if m.not_claim is None] == [0.46, 2100.0]


@pytest.mark.parametrize(
    ("sentence", "qualifier"),
    [("Spending was 3 billion yuan more than in 2019.", "change"), ("Hires were 40,000 more than the target.", "change"),
     ("The rate was 2.1 percentage points higher than the previous year.", "change"),
     ("It brought a 0.3 percentage point reduction in poverty.", "change"),
     ("The rate was 3.9 percentage points lower than that of the whole country.", None),
     ("The ratio narrowed to 2.45, less than 2.5 for the first time.", None)],
)
def test_change_written_after_the_number(sentence, qualifier):
    assert find_numbers(sentence)[0].qualifier == qualifier
