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
    low = replace(first, end=end, noun_end=end, value=first.value * scale, unit=second.unit,
                  has_scale=second.has_scale, not_claim=None)
    return [low, replace(second, start=second_match.start("num"), qualifier=second.qualifier or first.qualifier)]


def share_ratio_unit(mentions: list) -> list:
    """"from 2,100 yuan to 3,650 yuan per person": a denominator written once, after the second end of a
    from/to pair, is the denominator of both ends (the writer does not repeat it)."""
    shared = list(mentions)
    for i in range(1, len(shared)):
        low, high = shared[i - 1], shared[i]
        if low.role == "from" and high.role == "to" and low.not_claim is None and high.not_claim is None \
                and high.unit and "/" in high.unit and low.unit == high.unit.split("/")[0]:
            shared[i - 1] = replace(low, unit=high.unit)
    return shared
