"""Why a number of a Chinese sentence is no claim, judging by its neighbours (an ordinal, a label, a code, a
coordinate, a reference marker, a year, a number in a title, a bound that defines a group, the count of an
enumeration written beside it), and the terms of a ratio ("3.22比1", "1:2.56")."""

from __future__ import annotations

import re

from ruralrev.extract.cn_vocabulary import patterns, vocabulary
from ruralrev.extract.numbers import NumberMention

ENUMERATION_AFTER = re.compile(r"[\u4e00-\u9fff]{0,6}\([^()\d]{2,}(?:、[^()\d、]{2,})+\)")
ENUMERATION_BEFORE = re.compile(r"(?:[\u4e00-\u9fff]{2,4}[、和及与])+[\u4e00-\u9fff]{2,4}\s*$")
# a number bounding a class ("低于637元的", "500万以上人口的城市", "100-300万人口规模的城市"): not a statistic
GROUP_AFTER = re.compile(
    r"\s?(?:(?:以上|以下)(?:人口)?|(?:人口)?规模)的(?:城市|地区|县|村|乡|镇|人口|农户|家庭|企业|群体)"
)
BOUND_WORD_BEFORE = re.compile(r"(?:低于|高于|少于|多于|不足|超过)\s*$")
RATIO_WORDS = re.compile(r"比值|之比|收入比|比为|系数|指数|比率|比例为")


def reject(sentence: str, mention: NumberMention, digits: str, previous_end: int) -> str | None:
    """Why the number is no claim, judging by its neighbours; None for a claim."""
    before, after = sentence[: mention.start], sentence[mention.end :]
    plain = mention.unit is None and not mention.has_scale
    if re.search(r"第\s*$", before):
        return "ordinal"
    if plain and re.search(r"(?:[图表]|附[图表])\s*$", before):
        return "label"  # "图1", "表2"
    if before.count("《") > before.count("》"):
        return "in a title"
    measured = mention.unit is not None or mention.has_scale
    hyphen_after = re.match(r"[-/]\d", sentence[mention.start + len(digits) :])
    if (
        re.search(r"[A-Za-z][-.]?$", before)
        or re.match(r"[A-Za-z]", sentence[mention.start + len(digits) :])
        or (
            # digits joined by hyphens are a code ("2096-8442"), unless they are a range of a measure ("900-1200毫米")
            (re.search(r"\d-$", before) and not measured) or (hyphen_after and not range_start(sentence, mention))
        )
    ):
        return "code"
    if re.match(r"\s?[°’′']", sentence[mention.start + len(digits) :]):
        return "coordinate"
    if plain and re.search(r"[\[(]\s*$", before) and re.match(r"\s*[\])]", after):
        return "list or reference number"
    if plain and re.fullmatch(r"1[89]\d\d|20\d\d", digits):
        return "year"
    if re.search(r"汇率\s*$", before):
        return "exchange rate"
    if (
        previous_end == mention.start
        and plain
        or (plain and re.fullmatch(r"\d{1,2}", digits) and re.match(r"\s?(?:[,;。]|$)", after) and before.endswith(" "))
    ):
        return "reference marker"  # a footnote number run into the figure before it ("450万1,")
    if GROUP_AFTER.match(sentence, mention.end) or (
        BOUND_WORD_BEFORE.search(before) and re.match(r"(?:以上|以下)?的", sentence[mention.noun_end :])
    ):
        return "bound of a group"
    if mention.unit in set(vocabulary()["classifier_nouns"].values()) | {"?count"} and (
        ENUMERATION_AFTER.match(sentence, mention.noun_end) or ENUMERATION_BEFORE.search(before)
    ):
        return "count of an enumeration written beside it"
    return None


def range_start(sentence: str, mention: NumberMention) -> bool:
    """Whether the number starts a range whose second end has a unit or scale ("900-1200毫米", "100-300万")."""
    pats = patterns()
    second = re.match(r"[-—–~]\s*\d+(?:\.\d+)?", sentence[mention.end :])
    if not second:
        return False
    pos = mention.end + second.end()
    return bool(pats["scale"].match(sentence, pos) or pats["unit"].match(sentence, pos))


def ratio_term(sentence: str, mention: NumberMention) -> str | None:
    """'claim' for a term of a ratio other than its reference 1 ("3.22比1", "1:2.56"), 'one' for that 1."""
    before, after = sentence[: mention.start], sentence[mention.end :]
    if mention.value == 1 and (re.search(r"(?:比|:)\s*$", before) or re.match(r"\s*:\s*\d", after)):
        return "one"
    if re.match(r"\s*(?:比|:)\s*1(?![\d.])", after) or re.search(r"(?<!\d)1\s*:\s*$", before):
        return "claim"
    return None


def of_a_ratio(sentence: str, mention: NumberMention) -> bool:
    """A number without a unit that is a ratio its clause names ("比值为2.39"), or that ratio's change in the
    sentence ("..., 比上年缩小0.06")."""
    before = sentence[: mention.start]
    if RATIO_WORDS.search(re.split(r"[,;。]", before)[-1]):
        return True
    return bool(RATIO_WORDS.search(before) and patterns()["change_before"].search(before))
