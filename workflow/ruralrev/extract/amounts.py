"""What each claim of a sentence is measured in, judging by the sentence around it: the unit of a number
written without one, the rate an amount is stated at ("per-mu yield ... 371.7 kilograms" is kg/mu), whether
a money amount is per capita, and conversions in parentheses ("1,200 yuan (US$167) per mu").

Per-capita convention (the publisher's): NBS prints per-capita income in 元 with "per capita" in the name of
the indicator, so a money amount per person keeps its currency as unit and is marked per capita; the
indicator says so (`per_capita_disposable_income`).
"""

from __future__ import annotations

import re

from ruralrev.extract.vocabulary import vocabulary

PEOPLE = re.compile(r"\b(?:population|people|residents|persons|poor|individuals|farmers|migrants|workers)\b", re.I)
MONEY = ("yuan", "usd")
# amounts a rate can be stated for: "371.7 kilograms" per mu, "1,200 yuan" per mu
RATED = ("yuan", "usd", "kg", "t", "jin")
# "per capita" / "per mu" written before an amount of its own clause ("the per capita disposable income of rural
# residents reached 11,642 yuan", "average per-mu yield of wheat increased by 5.7 percent to 371.7 kilograms")
PER_CAPITA_BEFORE = re.compile(r"\bper[ -]capita\b(?:\s+\S+){0,10}\s*$", re.I)
PER_AREA_BEFORE = re.compile(r"\bper[ -](?P<d>mu|hectare|ha)\b(?:\s+\S+){0,14}\s*$", re.I)
# a conversion written in parentheses right after an amount: "10,948 yuan ($1,684)", "8,163 yuan (about $1,167)"
CONVERSION_OPEN = re.compile(r"^\s*\(\s*(?:about|approximately|around|roughly|nearly|some|or)?\s*$", re.I)
# words that end a run of amounts at one rate ("yields 500 kg per mu, a total output of 8,000 kg")
TOTAL_WORDS = re.compile(r"\b(?:total|in all|altogether|output|production|harvest|earning|earns?)\b", re.I)


def count_unit(noun: str) -> str | None:
    """The count unit of a noun of the vocabulary ("households" -> household), or None."""
    vocab = vocabulary()
    noun = noun.lower()
    if noun in vocab["person_nouns"]:
        return "person"
    if noun in vocab["household_nouns"]:
        return "household"
    return vocab["count_nouns"].get(noun) or None


def infer_unit(sentence: str, claims, k: int, units: list[str | None]) -> str | None:
    """Unit of a claim written without one ("556.68 million" after "rural population" is persons)."""
    claim = claims[k]
    if claim.unit:
        return claim.unit
    clause = sentence[claims[k - 1].noun_end if k else 0 : claim.start]
    # an item of a list ("556.68 million in 2017, 541.08 million in 2018") or the end of a range
    # ("from 832 in 2012 to 52") takes the unit of the item before it
    measures = set(vocabulary()["measure_units"].values())
    if (
        k
        and units[k - 1]
        and units[k - 1] not in ("percent", "percentage_point")
        and len(clause.split()) <= 6
        and ";" not in clause
        and claims[k - 1].has_scale == claim.has_scale
        and (claim.has_scale or units[k - 1] not in measures)
    ):
        return units[k - 1]
    # a change right after a level is in the level's unit: "stood at 112,738,000 hectares this year, up 783,000"
    if (
        k
        and claim.qualifier == "change"
        and units[k - 1] in measures
        and len(clause.split()) <= 4
        and ";" not in clause
    ):
        return units[k - 1]
    counted = re.search(r"\bnumber of ((?:[\w-]+ ){0,2}[\w-]+)\b(?!.*\bnumber of\b)", clause, re.I)
    if counted:  # "the number of poor counties dropped from 832": the count noun of the subject
        noun = next((n for n in reversed(counted[1].split()) if count_unit(n)), None)
        if noun:
            return count_unit(noun)
    if not claim.has_scale:  # a plain count of persons only where its own clause speaks of population
        return "person" if claim.value >= 1000 and re.search(r"\bpopulation\b", clause, re.I) else None
    return "person" if PEOPLE.search(sentence[: claim.start]) else None


def rate_before(sentence: str, claim, unit: str | None) -> tuple[str | None, bool]:
    """(unit, per capita) of an amount whose clause names its rate before it: "per capita" leaves a money
    unit as it is and marks it per capita; "per mu" / "per hectare" makes a rate of a mass or money amount.
    A rate named in the indicator ("average monthly income was 4,615 yuan") leaves the unit plain, like
    per capita."""
    per_capita = claim.per_capita
    if unit is None or "/" in unit:
        return unit, per_capita
    clause = re.split(r"[;:]|,\s", sentence[max(0, claim.start - 300) : claim.start])[
        -1
    ]  # the clause's last words suffice
    if unit in MONEY and PER_CAPITA_BEFORE.search(clause):
        return unit, True
    if unit in RATED and (area := PER_AREA_BEFORE.search(clause)):
        return f"{unit}/{'mu' if area['d'].lower() == 'mu' else 'ha'}", per_capita
    return unit, per_capita


def carried_rate(sentence: str, claims, k: int, unit: str | None, units: list[str | None]) -> str | None:
    """The rate of the amount before, for an amount of the same kind that follows it in the sentence with no
    rate of its own: the writer does not repeat "per mu" ("371.7 kilograms this year, an increase of 19.9
    kilograms"; "3225 KG per hectare, while the gap for rice is 1875 KG")."""
    if unit not in RATED or not k or not units[k - 1] or "/" not in units[k - 1]:
        return unit
    base, denominator = units[k - 1].split("/", 1)
    between = sentence[claims[k - 1].noun_end : claims[k].start]
    if (
        base != unit
        or denominator == "person"
        or re.search(r"\d", between)
        or len(between.split()) > 12
        or TOTAL_WORDS.search(between)
    ):
        return unit
    return units[k - 1]


def is_conversion(sentence: str, host, claim) -> bool:
    """Whether `claim` is written in parentheses right after `host` as the same amount in another unit."""
    return bool(CONVERSION_OPEN.match(sentence[host.end : claim.start]) and re.match(r"^\s*\)", sentence[claim.end :]))


def converted_unit(unit: str | None, host_unit: str | None) -> str | None:
    """A conversion's unit takes the rate of the amount it converts ("15 yuan (US$2) for each mu": usd/mu)."""
    if unit in MONEY and host_unit and "/" in host_unit and host_unit.split("/")[0] in MONEY:
        return f"{unit}/{host_unit.split('/', 1)[1]}"
    return unit
