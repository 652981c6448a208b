"""What a claim is about: the indicator its words name, thresholds that define a group rather than state a
quantity, and titles whose numbers are not claims."""

from __future__ import annotations

import re

from ruralrev.extract import numbers

GENERIC_INDICATORS = {"investment"}
# A number bounding a class a rule applies to ("cities with a permanent resident population of less than
# 3 million ... cancel the restrictions", "households whose income is below 4,000 yuan", "if the output
# exceeds ..."): a threshold of policy, not a statistic; it stays a claim but of no indicator. A plural noun
# or a conditional opens the clause the bound sits in, with no other number between; a singular place
# described the same way ("Batang is a county with a population of more than 50,000") states a statistic
# and is not matched.
THRESHOLD = re.compile(
    r"(?:\b(?:cities|counties|towns|townships|villages|households|families|enterprises|areas|regions|"
    r"provinces|people|persons|residents|individuals|farmers|those|anyone)\s+(?:with|whose|having|"
    r"that have|which have|where)|\b(?:if|unless|provided that|as long as)\b)[^,;.:\d]{0,80}$",
    re.I,
)
# the main verb of a sentence between the class and the number ("the proportion of poor villages with
# access to broadband exceeded 98 percent"): the number is the statistic, not the class's bound
MAIN_VERB = re.compile(
    r"\b(?:exceeded|surpassed|topped|reached|stood|rose|grew|fell|increased|decreased|declined|dropped)\b", re.I
)
# Where the bounded class is what the sentence counts ("the number of villages with collective income
# above 50,000 yuan exceeded 10,000", "all 39,000 natural villages with 30 or more households"), or the
# bound is a multiple of a line ("households whose income is below 1.5 times the poverty line"), the bound
# only defines the group: not a claim at all (D8 of sentences_heldout4).
COUNTED_CLASS = re.compile(r"(?:\bnumber\s+of|\d)\s+(?:[\w-]+\s+){0,3}$", re.I)
CLASSIFIED_AFTER = re.compile(
    r"^\s*(?:or\s+(?:less|more|below|above|fewer)\s+)?(?:are|is|were|was|will be)\s+"
    r"(?:classified|defined|considered|regarded|counted|identified|registered)\s+as\b",
    re.I,
)
RELATIVE_BOUND = re.compile(
    r"^\s*times\s+(?:that of\s+)?the\s+(?:[\w-]+\s+){0,3}(?:line|standard|threshold|average|level)\b", re.I
)


def bounds_a_class(sentence: str, claim) -> bool:
    """Whether the claim is the bound of a class a rule applies to (see THRESHOLD): a threshold, not a statistic."""
    return _threshold(sentence, claim) is not None


def _threshold(sentence: str, claim) -> re.Match | None:
    """The clause whose bound the claim is (see THRESHOLD), or None."""
    bound = THRESHOLD.search(sentence[: claim.start]) if claim.qualifier in ("over", "under") else None
    return bound if bound and not MAIN_VERB.search(bound.group()) else None


def defines_group(sentence: str, claim) -> bool:
    """Whether the claim only defines the group a statistic of the sentence is about (not a claim)."""
    bound = _threshold(sentence, claim)
    return bool(bound) and bool(
        COUNTED_CLASS.search(sentence[: bound.start()])
        or RELATIVE_BOUND.match(sentence[claim.end :])
        or CLASSIFIED_AFTER.match(sentence[claim.end :])
    )


# Indicators named for a per-capita amount when the amount is per capita (the publisher's names)
PER_CAPITA_INDICATORS = {"disposable_income": "per_capita_disposable_income", "gdp": "per_capita_gdp"}


def is_title(sentence: str) -> bool:
    """A title or running head (no closing punctuation, most words capitalized): its numbers state nothing
    ("... Rights-Based on 697 Households in Four Provinces of China", "J. Geogr. Sci. 2010, 20(6): 876-888")."""
    words = re.findall(r"[A-Za-z][A-Za-z’'-]{3,}", sentence)
    return (
        not re.search(r"[.!?;]\W*$", sentence)
        and len(words) >= 3
        and sum(w[0].isupper() for w in words) >= 0.7 * len(words)
    )


def indicator_of(sentence: str, claims, k: int, unit: str | None, per_capita: bool = False) -> str | None:
    """First indicator of the vocabulary whose unit fits and whose words are next to the claim: its own
    clause after the number, then the words since the previous claim, then the nearest before it; a
    per-capita amount's indicator says so (PER_CAPITA_INDICATORS)."""
    chosen = vocabulary_indicator(sentence, claims, k, unit)
    return PER_CAPITA_INDICATORS.get(chosen, chosen) if per_capita else chosen


def vocabulary_indicator(sentence: str, claims, k: int, unit: str | None) -> str | None:
    if unit is None:
        return None
    claim = claims[k]
    if _threshold(sentence, claim):
        return None  # the bound of a rule's condition, not a statistic of any series
    next_start = claims[k + 1].start if k + 1 < len(claims) else len(sentence)
    # the number's own words, then its clause up to the next comma: the comma of "35,000" does not end it, so
    # the noun right after the number ("35,000 kilometers of new railways") wins over an earlier one ("roads")
    after = sentence[claim.start : claim.end] + re.split(r"[,;]", sentence[claim.end : next_start], maxsplit=1)[0]
    since_previous = sentence[claims[k - 1].noun_end if k else 0 : claim.start]
    vocabulary = numbers.vocabulary()["indicators"]
    fitting = [i for i in vocabulary if unit in i["units"] or unit.split("/")[0] in i["units"]]
    chosen = None
    for window in (after, since_previous):
        chosen = chosen or next(
            (i["name"] for i in fitting if any(re.search(p, window, re.I) for p in i["patterns"] if p != ".")), None
        )
    if chosen is None:
        prefix = sentence[: claim.start]
        nearest = [
            (max(m.end() for m in re.finditer(p, prefix, re.I)), -n, i["name"])
            for n, i in enumerate(fitting)
            for p in i["patterns"]
            if p != "." and re.search(p, prefix, re.I)
        ]
        chosen = max(nearest)[2] if nearest else next((i["name"] for i in fitting if "." in i["patterns"]), None)
    if chosen in GENERIC_INDICATORS:
        # "the overall investment has exceeded 530 billion yuan" after "the special poverty alleviation
        # fund has increased by ...": a generic word refers back to the series the sentence is about.
        prefix = sentence[: claim.start]
        named = [
            i["name"]
            for i in fitting
            if i["name"] not in GENERIC_INDICATORS
            and "." not in i["patterns"]
            and any(re.search(p, prefix, re.I) for p in i["patterns"])
        ]
        chosen = named[0] if named else chosen
    if chosen == "poverty_headcount" and claim.qualifier == "change":
        return "poverty_reduction"
    return chosen
