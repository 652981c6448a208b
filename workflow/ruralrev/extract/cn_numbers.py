"""Every number of a Chinese sentence (folded by hanzi.fold: simplified, half-width) and how it reads: value
with its scale word (289.12万人 -> 2891200), unit or counted noun (个贫困村 -> village), qualifier (多, 余, 以上,
约, 左右, 不足; a change: 比上年增长, 提高 ... 个百分点), or why it is no claim (a year, date, ordinal, duration,
list or reference number, document number, code, coordinate, a bound that defines a group).
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from ruralrev.extract import cn_nouns
from ruralrev.extract.cn_context import of_a_ratio, ratio_term, reject
from ruralrev.extract.cn_numerals import FRACTION, NUMERAL, PERCENT, numeral_value, range_values
from ruralrev.extract.cn_vocabulary import patterns, vocabulary
from ruralrev.extract.numbers import NumberMention

# digit groups: "1,810", "34 911", decimals; an OCR comma before one digit and % is a decimal point ("2,9%")
ARABIC = re.compile(
    r"(?<![\d.])(?:(?P<ocr>\d,\d)(?=\s?%)|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])|\d{1,3}(?: \d{3})+(?![\d.])|\d+(?:\.\d+)?)"
)
NUMERAL_START = re.compile(
    rf"上万|百分之|[{'零〇一二两三四五六七八九十百千'}][{'零〇一二两三四五六七八九十百千万亿点'}]*(?:分之)?"
)
RATE = re.compile(r"/(?P<d>人·年|人·月|人|年|月|天|日|亩|公顷|平方公里|平方千米|平方英里|户|公斤|千克|斤)")
RATE_UNITS = {"人·年": "year", "人·月": "month", "年": "year", "月": "month", "天": "day", "日": "day"}
RATE_UNITS |= {"亩": "mu", "公顷": "ha", "平方公里": "km2", "平方千米": "km2", "平方英里": "mi2", "户": "household"}
RATE_UNITS |= {"公斤": "kg", "千克": "kg", "斤": "jin"}
# a rate named before an amount in its clause: 每人每年 ... 元, 平均到每个月 ... 元, 一公斤 ... 7块钱, 每个家庭户 ... 人
RATE_BEFORE = re.compile(r"(?:每|一)(?:个)?(?P<d>家庭户|户|年|月|天|日|公斤|千克|斤|亩)")
MYRIADS = re.compile(r"零?(\d{1,4}(?:\.\d+)?)万")
SMALL_SCALE = re.compile(r"\s?([百千])")
SMALL_SCALE_VALUES = {"百": 100, "千": 1000}
GROWTH_RATE = re.compile(r"增速|增长率|增长速度|增幅")
OTHER_RATE = re.compile(r"率|比重|占比|比例|份额|贡献|水平为")
# a yield or amount per mu named before it (亩产, 亩均) in its clause
PER_MU_UNITS = ("kg", "jin", "t", "yuan")
LIVESTOCK = re.compile(r"\((?:头|只|匹)(?:、(?:头|只|匹))+\)")
CLAUSE_END = re.compile(r"[,;:。!?]")


def _read(sentence: str, start: int, end: int, value: float, numeral: bool) -> NumberMention:
    """What follows the digits at sentence[start:end]: 多/余, scale, unit or counted noun, rate, 以上/左右."""
    vocab, pats = vocabulary(), patterns()
    pos, unit, qualifier, has_scale, not_claim, per_capita = end, None, None, False, None, False
    span_end = None  # where the claim ends, if before its noun
    if inner := re.match(r"\s?(多|余)", sentence[pos:]):
        qualifier, pos = "over", pos + inner.end()
    if scale := pats["scale"].match(sentence, pos):
        # in decimal, so that 563.42亿 is 56342000000 exactly
        value = float(Decimal(str(value)) * vocab["scales"][scale.group().strip()])
        has_scale, pos = True, scale.end()
        # "3亿7582万": the ten-thousands written after the hundred millions belong to the same number
        if scale.group().strip() == "亿" and (tail := MYRIADS.match(sentence, pos)):
            value, pos = float(Decimal(str(value)) + Decimal(tail[1]) * 10000), tail.end()
        if inner := re.match(r"(多|余)", sentence[pos:]):
            qualifier, pos = "over", pos + inner.end()
    elif (hundreds := SMALL_SCALE.match(sentence, pos)) and not pats["unit"].match(sentence, pos):
        # "51313百羽", "5千元": hundreds or thousands of a unit written after them (not 千米, 千瓦: units)
        if pats["unit"].match(sentence, hundreds.end()):
            value, pos = float(Decimal(str(value)) * SMALL_SCALE_VALUES[hundreds[1]]), hundreds.end()
    rest = sentence[pos:]
    if counted := cn_nouns.after_classifier(sentence, pos):
        unit, pos, span_end = counted
    elif (measure := pats["unit"].match(sentence, pos)) and not re.match(r"人口|人民|人员|名单|名称", rest.strip()):
        unit, pos = vocab["units"][measure.group().strip()], measure.end()
        if livestock := LIVESTOCK.match(sentence, pos):
            pos = livestock.end()
    elif livestock := LIVESTOCK.match(sentence, pos):
        unit, pos = "head", livestock.end()
    elif re.match(r"\s?倍", rest):
        pos += 1 + rest.startswith(" ")
    elif not numeral and (bare := cn_nouns.bare(sentence, pos, sentence[start:end])):
        unit, pos = bare
    elif numeral and rest.startswith("成"):
        unit, value, pos = "percent", value * 10, pos + 1
    elif non_claim := pats["non_claim_unit"].match(sentence, pos):
        not_claim, pos = "duration, date or label", non_claim.end()
    if unit and (rate := RATE.match(sentence, pos)):
        written = rate["d"]
        if written == "人":
            per_capita = unit in ("yuan", "usd")
            unit = unit if per_capita else f"{unit}/person"
        else:
            unit = f"{unit}/{RATE_UNITS[written]}"
        pos = rate.end()
    if post := re.match(r"\s?(以上|左右|以下|以内|门槛)", sentence[pos:]):
        word = post.group(1)
        qualifier = {"以上": "over", "门槛": "over", "左右": "approximately", "以下": "under", "以内": "under"}[word]
        noun_end = pos + post.end()
    else:
        noun_end = pos
    end = span_end or pos
    return NumberMention(start, end, value, unit, qualifier, has_scale, noun_end, None, not_claim, per_capita)


def _qualifier(sentence: str, mention: NumberMention, previous_end: int) -> str | None:
    """A bound written with the number wins over the change it states ("减少240多万" is `over`)."""
    pats = patterns()
    before = sentence[previous_end : mention.start]
    bound = pats["bound_before"].search(before)
    if mention.qualifier:
        return mention.qualifier
    if bound:
        return next(name for name in ("approximately", "over", "under") if bound[name])
    change = pats["change_before"].search(before)
    if change and not re.search(r"(?:到|至)\s*$", before) and not re.search(r"新增\s*$", before):
        return "change"  # "城镇新增就业970万人" is a count of new jobs, not a change
    clause = re.split(r"[,;:。!?]", sentence[: mention.start])[-1]
    # "减少农村贫困人口526万人": the change's verb, then what it counts; "增速已从...的4.4%": a rate of change,
    # also where the growth rate is the sentence's topic ("增速方面,...分别达到11.2%、11.1%") and no other
    # rate is named after it; "是2011年的1.9倍": a multiple of an earlier level
    growth = list(GROWTH_RATE.finditer(sentence, 0, mention.start))
    if (
        re.search(r"(?:减少|增加|减贫|增产|减产)(?!值|量|到|至|为|的)[\u4e00-\u9fff]{1,8}(?<!的)$", clause)
        or (mention.unit == "percent" and growth and not OTHER_RATE.search(sentence, growth[-1].end(), mention.start))
        or ("倍" in sentence[mention.start : mention.end] and re.search(r"是[^,;。]{0,12}的\s*$", clause))
    ):
        return "change"
    return None


def _numeral_at(sentence: str, match: re.Match) -> tuple[int, float] | None:
    """(end, value) of a number in Chinese numerals at the match, None where the characters are no number."""
    text = match.group()
    if text == "上万":  # "上万块": ten thousand or more
        return match.end(), 10000.0
    if percent := PERCENT.match(sentence, match.start()):
        value = numeral_value(percent["pct"])
        return (percent.end(), value) if value is not None else None
    if fraction := FRACTION.match(sentence, match.start()):
        den, num = numeral_value(fraction["den"]), numeral_value(fraction["num"])
        return (fraction.end(), 100 * num / den) if den and num is not None else None
    numeral = NUMERAL.match(sentence, match.start())
    if numeral and (low_high := range_values(numeral.group()[:3])):
        return match.start() + 3, low_high[1]  # "七八千元": the upper end here, the lower one in find_numbers
    value = numeral_value(numeral.group().rstrip("万亿")) if numeral else None
    if value is None:
        return None
    return match.start() + len(numeral.group().rstrip("万亿")), value


def find_numbers(sentence: str) -> list[NumberMention]:
    """Every number of the folded Chinese sentence in order, claims and non-claims alike (see `not_claim`)."""
    candidates = sorted(
        [(m.start(), "digits", m) for m in ARABIC.finditer(sentence)]
        + [(m.start(), "numeral", m) for m in NUMERAL_START.finditer(sentence)]
    )
    mentions: list[NumberMention] = []
    previous_end = 0
    for start, kind, match in candidates:
        if start < previous_end:
            continue
        if kind == "digits":
            digits = match.group()
            value = float(match["ocr"].replace(",", ".")) if match["ocr"] else float(re.sub(r"[ ,]", "", digits))
            mention = _read(sentence, start, match.end(), value, numeral=False)
        else:
            read = _numeral_at(sentence, match)
            if read is None:
                continue
            end, value = read
            digits = sentence[start:end]
            mention = _read(sentence, start, end, value, numeral=True)
            if digits == "上万":
                mention = replace(mention, qualifier="over")
            if digits.startswith(("百分之",)) or "分之" in digits:
                mention = replace(mention, unit="percent")
            # a numeral counts only with a unit or a scale of its own digits ("三千五百万"; not 千万 "by all means"):
            # 一公斤 is a denominator, 四个 a count of ideas
            counted = mention.unit not in (None, "?count") or (
                mention.has_scale and re.search(r"[一二两三四五六七八九]", digits)
            )
            if re.search(r"第\s*$", sentence[:start]) or not counted or (value == 1 and not mention.has_scale):
                previous_end = max(previous_end, mention.noun_end if mention.unit else start)
                continue
            if (low_high := range_values(digits)) and mention.unit:
                # "七八千元" is 7000 to 8000 yuan: one claim per end, the lower one its first character
                low = replace(
                    mention, end=start + 1, noun_end=start + 1, value=mention.value * low_high[0] / low_high[1]
                )
                mentions.append(replace(low, qualifier=_qualifier(sentence, low, previous_end)))
                mention = replace(mention, start=start + 1)
        ratio = ratio_term(sentence, mention)
        not_claim = mention.not_claim or reject(sentence, mention, digits, previous_end)
        if ratio == "one":
            not_claim = "reference term of a ratio"
        elif ratio == "claim":
            not_claim = None
        elif (
            not not_claim
            and mention.unit is None
            and not mention.has_scale
            and "倍" not in sentence[mention.start : mention.end]
            and not of_a_ratio(sentence, mention)
        ):
            not_claim = "number without a unit"
        mention = replace(mention, not_claim=not_claim, qualifier=_qualifier(sentence, mention, previous_end))
        mentions.append(mention)
        previous_end = mention.noun_end
    return _shared(sentence, mentions)


def _shared(sentence: str, mentions: list[NumberMention]) -> list[NumberMention]:
    """Units and qualifiers written once for two numbers: a range ("900-1200毫米", "3—5万元") and a pair
    ("分别增长9.6%和6.2%", "下降4.2个和5.5个百分点") share the second's unit and the first's bound."""
    out = list(mentions)
    for k in range(len(out) - 1, 0, -1):
        low, high = out[k - 1], out[k]
        between = sentence[low.noun_end : high.start]
        joined = re.fullmatch(r"\s*[-—–~～至]\s*", between)
        paired = re.fullmatch(r"\s*(?:和|与|、)\s*", between)
        if not (joined or paired) or low.not_claim and low.not_claim != "number without a unit":
            continue
        if high.not_claim and low.not_claim == "number without a unit":
            continue  # the first end of a range that is no claim ("100-300万人口规模的城市")
        if low.unit in (None, "?count") and high.unit:
            scale = high.value / float(re.sub(r"[^\d.]", "", sentence[high.start : high.end]) or 1) if joined else 1
            scale = scale if high.has_scale and joined else 1
            out[k - 1] = low = replace(low, unit=high.unit, value=low.value * scale, not_claim=None)
    # qualifiers pass forward along a list ("增长0.6个、7.8个和5.7个百分点"), bounds along a range
    for k in range(1, len(out)):
        low, high = out[k - 1], out[k]
        between = sentence[low.noun_end : high.start]
        listed = re.fullmatch(r"\s*(?:和|与|、)\s*", between)
        if (
            high.qualifier is None
            and (
                (re.fullmatch(r"\s*[-—–~～至]\s*", between) and low.qualifier)
                or (listed and low.qualifier == "change")
                # a bound word before a list bounds each item ("迈上5000亿元、6000亿元两大台阶")
                or (listed and low.qualifier and patterns()["bound_before"].search(sentence[: low.start]))
            )
        ):
            out[k] = replace(high, qualifier=low.qualifier)
    return out


def rate_before(sentence: str, mention: NumberMention) -> str | None:
    """The unit of an amount whose rate its clause names before it (每人每年 ... 2300元 -> yuan/year, 亩产389.7公斤
    -> kg/mu)."""
    clause = CLAUSE_END.split(sentence[: mention.start])[-1]
    if mention.unit in PER_MU_UNITS and re.search(r"亩产|亩均", clause):
        return f"{mention.unit}/mu"
    if mention.unit not in ("yuan", "usd", "person") or "/" in (mention.unit or ""):
        return mention.unit
    rates = [m["d"] for m in RATE_BEFORE.finditer(clause)]
    if mention.unit == "person":
        return "person/household" if any(d in ("户", "家庭户") for d in rates) else mention.unit
    if "每" not in clause and "一" not in clause:
        return mention.unit
    denominators = [d for d in rates if d not in ("户", "家庭户")]
    if not denominators or re.search(r"平均每年|每年(?:要)?(?:减|增)", clause):
        return mention.unit
    return f"{mention.unit}/{RATE_UNITS[denominators[-1]]}"
