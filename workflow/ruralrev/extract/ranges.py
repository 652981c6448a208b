"""Numbers that go in pairs: both ends of a range of quantities ("20,000-30,000 yuan") and the two ends of
a "from X to Y" change, which share what is written only once, after the second end."""

from __future__ import annotations

import re
from dataclasses import replace

RANGE_END = re.compile(r"\s*[-–~]\s*(?P<cur>)(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)")


def range_ends(sentence: str, first, match: re.Match, read_digits) -> list:
    """Both ends of a range of quantities ("20,000-30,000 yuan", "20-30 million"), each a claim with the
    unit and scale written after the second; [] where the second end has neither (page ranges "157-165",
    phone and ISSN numbers), so the digits stay a non-claim. `read_digits(sentence, match, previous_end)`
    reads one number."""
    second_match = RANGE_END.match(sentence, match.end("num"))
    if not second_match:
        return []
    second = read_digits(sentence, second_match, first.end)
    if second.not_claim or not (second.unit or second.has_scale):
        return []
    scale = second.value / float(second_match["num"].replace(",", ""))
    end = match.end("num")
    low = replace(
        first,
        end=end,
        noun_end=end,
        value=first.value * scale,
        unit=second.unit,
        has_scale=second.has_scale,
        not_claim=None,
    )
    return [low, replace(second, start=second_match.start("num"), qualifier=second.qualifier or first.qualifier)]


def share_ratio_unit(mentions: list, sentence: str = "") -> list:
    """ "from 2,100 yuan to 3,650 yuan per person": a denominator written once, after the second end of a
    from/to pair, is the denominator of both ends (the writer does not repeat it); so are the unit and scale
    of a bare first end ("dropped from 10.2 to 1.7 percent", "from 7.5 to 9.8 million")."""
    shared = list(mentions)
    for i in range(1, len(shared)):
        low, high = shared[i - 1], shared[i]
        if (
            low.role == "from"
            and high.role == "to"
            and low.not_claim is None
            and high.not_claim is None
            and low.unit is None
            and not low.has_scale
            and high.unit
            and re.fullmatch(r"\s*to\s*", sentence[low.end : high.start])
        ):
            written = float(re.sub(r"[^\d.]", "", sentence[high.start : high.end].split()[0]) or high.value)
            scale = round(high.value / written) if high.has_scale and written else 1  # a power of ten: exact
            low = shared[i - 1] = replace(low, unit=high.unit, value=low.value * scale, has_scale=high.has_scale)
        # "from 2,100 yuan to 3,650 yuan per person", "500 kilograms of wheat and 600 kilograms of corn per mu"
        pair = (low.role == "from" and high.role == "to") or re.fullmatch(
            r"\s*(?:of\s+[a-z]+\s+)?(?:and|or)\s*", sentence[low.end : high.start]
        )
        if (
            pair
            and low.not_claim is None
            and high.not_claim is None
            and high.unit
            and low.unit == high.unit.split("/")[0]
        ):
            shared[i - 1] = replace(low, unit=high.unit, per_capita=low.per_capita or high.per_capita)
    return shared
