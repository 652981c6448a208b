"""The written forms of a number in text as it reaches us from PDFs and web pages: digit groups split by a
comma or by a space ("7,777,000", "7 777 000", thin U+2009 or narrow no-break U+202F spaces), decimals
grouped in threes as Chinese journals print them ("0.286 5"), powers of ten whose superscript PDF extraction
flattened ("3.13 × 106" is 3.13×10⁶, "9 899×104"), and numbers glued to the word before them ("was1.7",
"with2,639"). `DIGITS` finds them; `number_value` reads one.
"""

from __future__ import annotations

import re
from decimal import Decimal

# spaces that separate digit groups: ordinary, no-break, thin, narrow no-break
GROUP_SPACE = "[ \u00a0\u2009\u202f]"
# a space-separated group is exactly three digits, with no digit, range dash or further comma group after it
# ("7 777 000"), so that list items ("in 2005 and 2010", "Tables 3 4", "66642 66960") are never joined
_SPACED = rf"\d{{1,3}}(?:{GROUP_SPACE}\d{{3}}(?![\d\u00b2])(?![-–][\d])(?![.,]\d{{3}}))+"
# decimals grouped in threes after the point: "0.286 5", "1.114 54"
_DECIMALS = rf"\.\d{{3}}(?:{GROUP_SPACE}\d{{1,3}}(?!\d)(?![.,]\d))+|\.\d+"
# ... and a comma misplaced by one digit in a scraped page ("2,1966 yuan" for 21,966), read without it
NUMBER = rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?!\d)|\d,\d{{4}}(?![\d,.])|(?:{_SPACED}|\d+)(?:{_DECIMALS})?"
# the power of ten after a mantissa, its superscript flattened ("× 106", "×104", "x 10 4") or kept ("×10⁴")
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻−", "0123456789--")
EXPONENT = r"(?P<exp>\s?[×xX]\s?10(?:\^|\s)?(?P<e>1[0-2]|[2-9]|¹[⁰¹²]|[²³⁴⁵⁶⁷⁸⁹])(?![\d⁰-⁹]))"
# words a number is found glued to when the space after them was lost ("was1.7", "in2019", "with2,639")
GLUED_WORDS = (
    "was",
    "were",
    "is",
    "are",
    "to",
    "in",
    "of",
    "by",
    "with",
    "from",
    "at",
    "and",
    "than",
    "about",
    "over",
    "nearly",
    "reached",
    "hit",
    "for",
    "on",
    "rose",
    "fell",
    "up",
    "down",
)
_GLUED = "|".join(rf"(?<=\b{w})" for w in GLUED_WORDS)
DIGITS = re.compile(
    r"(?=[-−\d$¥￥RCUH])"  # fails fast where no number or currency starts: the lookbehinds below are costly
    r"(?:(?<![A-Za-z])(?P<cur>RMB|CNY|USD|US\$|HK\$|\$|¥|￥)\s?|(?<![A-Za-z0-9_.,/\-−+])|(?<=--)|" + _GLUED + ")"
    # a minus sign written right before the digits, not after a word or number ("-3.5%", not "COVID-19", "2016-2020")
    r"(?P<sign>[-−](?=\d))?"
    rf"(?P<num>{NUMBER}){EXPONENT}?"
)


def number_value(number: str, exponent: str | None = None) -> Decimal:
    """The value of the digits of a number as written, its group separators dropped, times 10**exponent."""
    value = Decimal(re.sub(rf"[,{GROUP_SPACE[1:-1]}]", "", number))
    if exponent:
        value *= Decimal(10) ** int(exponent.translate(SUPERSCRIPTS))
    return value
