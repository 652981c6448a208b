"""Numbers written in Chinese numerals: 三千五百万, 两千, 九十, 一百零五, 六十五点三, 百分之六十五点三, 三分之二,
九成, and the range 七八千. Read here rather than with cn2an: the grammar is small, and cn2an's wheel brings a
dependency (proces) and installs stray top-level folders.
"""

from __future__ import annotations

import re

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
BIG = {"万": 10**4, "亿": 10**8}
NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿"
# a numeral: digits and units, optional decimals after 点 ("六十五点三"); `_value` checks it reads as a number
NUMERAL = re.compile(rf"[{NUMERAL_CHARS}]+(?:点[零〇一二三四五六七八九]+)?")
# 百分之六十五点三 (percent), 三分之二 (a fraction: percent of the whole), 九成 (tenths)
PERCENT = re.compile(rf"百分之(?P<pct>[{NUMERAL_CHARS}]+(?:点[零〇一二三四五六七八九]+)?)")
FRACTION = re.compile(rf"(?P<den>[{NUMERAL_CHARS}]+)分之(?P<num>[{NUMERAL_CHARS}]+)")
# 七八千元: two neighbouring digits before a unit of ten, a range (7000-8000)
RANGE = re.compile(r"(?P<a>[一二三四五六七八九])(?P<b>[一二三四五六七八九])(?P<u>[十百千万])")


def _small(text: str) -> int | None:
    """Value of a numeral below 10,000 ("三千五百", "十三", "一百零五", "两千"), None if it is not one."""
    if not text:
        return 0
    total, digit, last_unit = 0, None, 10**5
    for char in text:
        if char in DIGITS:
            if digit is not None and DIGITS[char] != 0:
                return None  # two digits in a row ("三五") are no numeral of this grammar
            digit = DIGITS[char] if DIGITS[char] != 0 else None
        elif char in UNITS:
            unit = UNITS[char]
            if unit >= last_unit:
                return None
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        else:
            return None
    return total + (digit or 0)


def numeral_value(text: str) -> float | None:
    """Value of a Chinese numeral with 万 and 亿 ("三千五百万" 35,000,000, "两万" 20,000, "千" 1,000,
    "六十五点三" 65.3), None if the characters are not a number."""
    whole, _, decimals = text.partition("点")
    if decimals and not all(c in DIGITS for c in decimals):
        return None
    total, rest = 0, whole
    for big in ("亿", "万"):
        if big in rest:
            head, _, rest = rest.partition(big)
            value = numeral_value(head) if head else 1
            if value is None:
                return None
            total += value * BIG[big]
    small = _small(rest)
    if small is None or (not total and not small and rest not in ("零", "〇")):
        return None
    value = float(total + small)
    if decimals:
        value += float("0." + "".join(str(DIGITS[c]) for c in decimals))
    return value


def range_values(text: str) -> tuple[float, float] | None:
    """(low, high) of a numeral range written with two neighbouring digits ("七八千" 7000-8000), else None."""
    match = RANGE.fullmatch(text)
    if not match:
        return None
    unit = UNITS.get(match["u"]) or BIG[match["u"]]
    return float(DIGITS[match["a"]] * unit), float(DIGITS[match["b"]] * unit)
