"""What part a claim plays (claims.csv `kind`) and which earlier claim a bare number takes its unit from
(`unit_from`), on hand-made sentences read by the real extractor (issue 20)."""

from __future__ import annotations

import pytest

from ruralrev.extract.claim_roles import present_year
from ruralrev.extract.claims import extract_claims


def claim(text: str, span: str) -> dict:
    rows = [r for r in extract_claims("example", text) if r["text"] == span]
    assert len(rows) == 1, (span, [r["text"] for r in extract_claims("example", text)])
    return rows[0]


@pytest.mark.parametrize(
    ("text", "span", "kind"),
    [
        # thresholds of a rule: the number bounds the class the rule applies to
        (
            "We will implement the requirement that cities with a permanent resident population of less than "
            "3 million in urban areas cancel the restrictions on settlement.",
            "3 million",
            "threshold",
        ),
        ("Households whose income is below 4,000 yuan receive the subsidy.", "4,000 yuan", "threshold"),
        # targets, plans and forecasts
        ("In 2020 the rate was 63.89%. By 2025, the urbanization rate will reach 65%.", "65%", "target"),
        ("By 2035, the urbanization rate is expected to reach about 75%.", "75%", "target"),
        ("The county set a target of 30,000 tons of grain.", "30,000 tons", "target"),
        ("The share of farmland under contract should be no less than 30%.", "30%", "target"),
        ("The provinces strive to raise the rate to 70% in the next five years.", "70%", "target"),
        # statistics, bounds and translated future tenses included
        ("More than 98 million rural poor were lifted out of poverty.", "98 million", "statistic"),
        ("By 2000, the impoverished population in China had dropped to 30 million.", "30 million", "statistic"),
        (
            "In 2020 the last counties were delisted. By 2020, approximately 98.99 million impoverished "
            "individuals in rural areas will have escaped poverty.",
            "98.99 million",
            "statistic",
        ),
        ("In 2021, China's rural population will be 498.35 million.", "498.35 million", "statistic"),
        (
            "China met the target of SDG 1 ten years ahead of schedule, cutting the poverty rate to 7.2 percent "
            "in 2014.",
            "7.2 percent",
            "statistic",
        ),
        # Chinese: plan and requirement words, unless the clause reports it done
        ("要求年均转户1300万人以上。", "1300万人", "target"),
        ("力争到2025年常住人口城镇化率达到65%。", "65%", "target"),
        ("2020年末全国常住人口城镇化率达到63.89%。", "63.89%", "statistic"),
        ("目标已经实现,全年减少贫困人口1289万人。", "1289万人", "statistic"),
    ],
)
def test_kind_tells_a_statistic_from_a_threshold_or_target(text, span, kind):
    assert claim(text, span)["kind"] == kind


def test_present_year_is_the_latest_year_spoken_of_as_reached():
    assert present_year("In 2019 it rose; since 2020 it fell. By 2035 it will reach 75%.") == 2020
    assert present_year("2020年末城镇化率达到63.89%,到2025年达到65%。") == 2020
    assert present_year("No year at all.") is None


SEED = (
    "In 2021, China's special poverty alleviation fund investment reached 146.1 billion yuan , and in 2021 , "
    "China's special poverty alleviation fund investment reached 1561."
)


def test_bare_number_of_a_parallel_clause_carries_the_earlier_unit():
    earlier, bare = claim(SEED, "146.1 billion yuan"), claim(SEED, "1561")
    # the unit is never guessed for the number itself: it stays empty, and unit_from points at the earlier claim
    assert bare["unit"] is None and bare["value"] == 1561.0 and bare["unit_from"] == earlier["start"]
    assert earlier["unit_from"] is None


@pytest.mark.parametrize(
    "text",
    [
        # the clause before the bare number does not repeat the earlier one's words
        "The fund reached 146.1 billion yuan in 2020, and the county's index stood at 1561.",
        # the earlier amount is a percentage: nothing to carry
        "The rate of rural poverty alleviation reached 0.6%, and the rate of rural poverty alleviation reached 1561.",
    ],
)
def test_bare_number_without_a_parallel_clause_carries_nothing(text):
    assert claim(text, "1561")["unit_from"] is None
