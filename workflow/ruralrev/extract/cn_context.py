"""Why a number of a Chinese sentence is no claim, judging by its neighbours (an ordinal, a label, a code, a
coordinate, a reference marker, a year, a number in a title, a bound that defines a group, the count of an
enumeration written beside it), and the terms of a ratio ("3.22比1", "1:2.56")."""

from __future__ import annotations

import re

from ruralrev.extract.cn_vocabulary import patterns, vocabulary
from ruralrev.extract.numbers import NumberMention

ENUMERATION_AFTER = re.compile(r"[\u4e00-\u9fff]{0,6}\([^()\d]{2,}(?:、[^()\d、]{2,})+\)")
# "31个省(自治区、直辖市)", "22个县(市、区)": the parentheses name kinds of unit, not the units counted
ADMIN_KINDS = re.compile(
    r"\((?:(?:自治区|直辖市|自治州|自治县|地区|市辖区|县级市|特区|兵团|[省市区县旗盟州])[、和]?)+\)"
)
ENUMERATION_BEFORE = re.compile(r"(?:[\u4e00-\u9fff]{2,4}[、和及与])+[\u4e00-\u9fff]{2,4}\s*$")
# a number bounding a class ("低于637元的", "500万以上人口的城市", "100-300万人口规模的城市"): not a statistic
GROUP_AFTER = re.compile(
    r"\s?(?:(?:以上|以下)(?:人口)?|(?:人口)?规模)的(?:城市|地区|区域|县|村|乡|镇|人口|农户|家庭|企业|群体)"
)
BOUND_WORD_BEFORE = re.compile(r"(?:低于|高于|少于|多于|不足|超过|突破)\s*$")
# a sentence that defines a class ("城市由人口密度1500人/平方公里以上...构成", "乡村是指..."): its bounded numbers,
# and those joined to a bound by 或 ("300人/平方公里或3%以上"), are thresholds of the definition
DEFINITION = re.compile(r"由[^。]{2,80}构成|是指|指的是|定义为|界定为")
THRESHOLD_AFTER = re.compile(r"\s?(?:以上|以下|或)")
# a site's reading notice ("您已阅读5%(335字)", "本篇文章804字,读完约2分钟")
BOILERPLATE = re.compile(r"已阅读|读完约|订阅以|本篇文章\s*\d+\s*字")
RATIO_WORDS = re.compile(r"比值|之比|收入比|比为|系数|指数|比率|比例为")
LISTED_AFTER = re.compile(r"(?:分别|依次)(?:为|是|达到?)\s*(?:\d+(?:\.\d+)?\s*[、和与及]\s*)*$")
# three or more terms joined by colons ("三次产业结构为19.1:28.3:52.6", "由13.72∶46.43∶39.85调整为...")
RATIO_CHAIN = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:\s*:\s*\d+(?:\.\d+)?){2,}(?![\d.])")


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
        BOUND_WORD_BEFORE.search(before) and re.match(r"(?:以上|以下|大关)?的", sentence[mention.noun_end :])
    ):
        return "bound of a group"
    if DEFINITION.search(sentence) and THRESHOLD_AFTER.match(sentence, mention.end):
        return "threshold of a definition"
    if BOILERPLATE.search(sentence):
        return "site boilerplate"
    if mention.unit in set(vocabulary()["classifier_nouns"].values()) | {"?count"} and (
        (ENUMERATION_AFTER.match(sentence, mention.noun_end) and not ADMIN_KINDS.match(sentence, mention.noun_end))
        or _restates(before, mention.value)
    ):
        return "count of an enumeration written beside it"
    return None


def _restates(before: str, count: float) -> bool:
    """Whether a count restates the names listed right before it ("内蒙古、贵州、云南、宁夏4省"): as many names
    as it counts ("沿河、沿江地区65个...村" lists no villages)."""
    listed = ENUMERATION_BEFORE.search(before)
    if not listed:
        return False
    clause = re.split(r"[,;:。]", before)[-1]
    return count in (len(re.findall(r"[、和及与]", text)) + 1 for text in (listed.group(), clause))


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
    if re.match(r"\s*(?:比|:)\s*1(?![\d.])", after) or re.search(r"(?<![\d.])1\s*:\s*$", before):
        return "claim"
    if any(m.start() <= mention.start < m.end() and _is_ratio(sentence, m) for m in RATIO_CHAIN.finditer(sentence)):
        return "claim"
    return None


def _is_ratio(sentence: str, chain: re.Match) -> bool:
    """Whether a colon chain is a ratio, not a time of day ("08:30:00"): a term with decimals, or a ratio's name
    (结构, 比例, 之比) in its clause."""
    clause = re.split(r"[,;。]", sentence[: chain.start()])[-1]
    return "." in chain.group() or bool(re.search(r"结构|比例|之比|比重|比为", clause))


def of_a_ratio(sentence: str, mention: NumberMention) -> bool:
    """A number without a unit that is a ratio its clause names ("比值为2.39"), or that ratio's change in the
    sentence ("..., 比上年缩小0.06"), or a value with decimals listed after 分别为 ("均值分别为0.70、0.66、0.68":
    an index of each place named before; whole numbers so listed may be list numbers)."""
    before = sentence[: mention.start]
    if RATIO_WORDS.search(re.split(r"[,;。]", before)[-1]):
        return True
    if re.fullmatch(r"\d+\.\d+", sentence[mention.start : mention.end]) and LISTED_AFTER.search(before):
        return True
    return bool(RATIO_WORDS.search(before) and patterns()["change_before"].search(before))
