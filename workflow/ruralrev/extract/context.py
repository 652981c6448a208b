"""Why the digits of a number are not a statistical claim, judging by their neighbours: a date, time,
reference marker, citation, test statistic, list or section number, label, age, code, range end,
or the base year of prices ("2010 prices", "2011 PPP")."""

from __future__ import annotations

import re

MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
YEAR_NUMBER = re.compile(r"1[89]\d\d|20\d\d")
# "2010 prices", "at 2010 constant prices", "(2011 PPP)": the year whose prices a money figure is stated in
PRICE_BASE = re.compile(r"^\s*(?:constant\s+|comparable\s+|current\s+)?(?:prices?|PPP)\b", re.I)
# a heading's section number: "3.2 Sample and data." (not "3.2 Million ..." written in title case)
# Statistics of a fitted model, not of the world: estimates, their errors, fit and significance
# ("β = 0.171", "standard error 312.5", "R-squared 0.37", "significant at the 5% level", "explains 37% of
# the variance"). A coefficient is a model's unless a name precedes it: "Gini coefficient", "Engel
# coefficient" are indices describing a population, and stay claims.
MODEL_BEFORE = re.compile(
    r"(?:\b(?:standard\s+errors?|s\.e\.|SE|beta|coef\.?|odds\s+ratio|(?:adjusted\s+|pseudo\s+)?R-?squared)"
    r"|[βγαδ]|(?:^|[^A-Za-z])(?:[a-z]+\s+)?coefficients?\b[^,;.()]{0,60}?)"
    r"\s*(?:\b(?:is|was|of|equals|equal to)\s+)?[=:]?\s*$",
    re.I,
)
NAMED_COEFFICIENT = re.compile(r"(?:\b[A-Z][a-z]+\s+coefficients?|\bcoefficients?\s+of\s+variation)\b[^,;.()]{0,60}$")
SIGNIFICANCE_AFTER = re.compile(
    r"^\s*(?:%|percent|per cent)\s+(?:(?:statistical\s+)?significance\s+level|level\s+of\s+significance)", re.I
)
VARIANCE_AFTER = re.compile(r"^\s*(?:%|percent|per cent)\s+of\s+the\s+(?:total\s+)?(?:variance|variation)\b", re.I)
SECTION_HEADING = re.compile(r"^\s+(?!(?:Hundred|Thousand|Million|Billion|Trillion|Percent|Per|Times)\b)[A-Z][a-z]+")


def is_date(before: str, after: str) -> bool:
    """Digits of a date: "May 23, 2025", "October 18 to 24, 2017", "23 May", "2025-06-07"."""
    return bool(
        re.search(rf"\b{MONTHS}\.?\s*$", before)
        or (re.match(r"^,?\s*\d{4}\b", after) and re.search(rf"\b{MONTHS}\b[^.;]{{0,12}}$", before))
        or re.match(rf"^\s+{MONTHS}\b", after)
        or re.match(r"^[-/.]\d{1,2}[-/.]\d{1,2}", after)
    )


# A unit defined, not a quantity stated: "(1 hectare = 15 mu)", "(1 mu = 1/15 ha)", "for each mu (666.7 square
# meters)"; and a column's scale, "Rural Population (10 000 persons)", where a power of ten opens a parenthesis
# that holds nothing but its unit and follows a heading rather than an amount.
DEFINED_BEFORE = re.compile(
    r"\d[\d.]*(?:/\d+)?\s+[A-Za-z]+\s*=\s*$|\b(?:each|per|a|one|1)\s+(?:mu|hectare|ha|jin)\s*\(\s*$", re.I
)
DEFINES_AFTER = re.compile(r"^\s*[A-Za-z]+\s*=\s*\d")
COLUMN_SCALE = re.compile(r"^\s*[A-Za-z][A-Za-z ]{0,30}\)")
# the quantity a price refers to: "the average price of 50 kilograms of wheat ... 72 yuan"
PRICE_BASIS = re.compile(r"\b(?:price|cost)s?\s+(?:of|for)\s+$", re.I)
PRICED_QUANTITY = re.compile(r"^\s*(?:kilograms?|kg|tons?|tonnes?|jin|catties|mu|hectares?|ha|litres?|liters?)\b", re.I)


def _defined(before: str, after: str, number: str, cur: str | None) -> bool:
    """Digits that define a unit or give a column's scale (see DEFINED_BEFORE) rather than state a quantity."""
    if DEFINED_BEFORE.search(before) or (DEFINES_AFTER.match(after) and not re.search(r"\b[A-Za-z]\s*$", before)):
        return True
    power_of_ten = re.fullmatch(r"10(?:[ ,\u2009\u202f]?000)+|100", number)
    after_amount = re.search(r"(?:\d|yuan|RMB|dollars?|mu|tonnes|tons|hectares|kg)\s*\(\s*$", before, re.I)
    return bool(
        power_of_ten and not cur and re.search(r"\(\s*$", before) and not after_amount and COLUMN_SCALE.match(after)
    )


def reject_by_context(
    sentence: str, start: int, num_end: int, number: str, cur: str | None, label: re.Pattern
) -> str | None:
    """Why the digits are a label, date, reference, code or list number judging by their neighbours."""
    # the last 200 characters decide (a long line of numbers is read in linear time); a sentinel stands for
    # the cut so that "^" still means the sentence's start
    before = sentence[:start] if start <= 200 else "\x00" + sentence[start - 200 : start]
    after = sentence[num_end : num_end + 200]
    # a reference marker, also a later one of a list of them ("[1, 2]", "[3–5, 8]")
    if re.search(r"\[\s*(?:\d+\s*[,–-]\s*)*$", before) and re.match(r"^\s*(?:[,–-]\s*\d+\s*)*\]", after):
        return "reference"
    if _defined(before, after, number, cur):
        return "definition"
    if PRICE_BASIS.search(before) and PRICED_QUANTITY.match(after):
        return "price basis"
    if is_date(before, after):
        return "date"
    if re.match(r"^:\d", after):
        return "time"
    if re.search(r"(?:\b[pPtFzR]|R2|R²|χ2)\s*[<>=≤≥]\s*$", before):  # a test statistic ("p < 0.05")
        return "statistic"
    if is_model_statistic(before, after):
        return "statistic"
    at_sentence_start = re.search(r"(?:^|[.!?:;]\s*|\(\s*)$", before)
    if at_sentence_start and re.match(r"^(?:\.(?!\d)\s*[A-Z\"“]|\))", after) and re.fullmatch(r"\d{1,2}", number):
        return "list number"
    if (
        re.search(r"(?:^|[.!?]\s+)$", before)
        and re.fullmatch(r"\d{1,2}\.\d{1,2}", number)
        and SECTION_HEADING.match(after)
    ):
        return "section number"
    if YEAR_NUMBER.fullmatch(number) and PRICE_BASE.match(after):
        return "price base"
    if not cur and label.search(before[-20:]):
        return "label"
    if re.search(r"\b(?:aged|ages?)\s+(?:[\w-]+\s+){0,3}$", before, re.I):  # "aged over 65", "aged between 16 and 59"
        return "age"
    # "27,800/mu" is a rate, "10.1007/s11442" and "1/15" are not quantities
    per_unit = re.match(
        r"^/\s*(?:mu|ha|hectare|capita|person|head|household|year|month|day|km2?|km²)(?![A-Za-z0-9])", after, re.I
    )
    if (
        re.match(r"^\.[A-Za-z0-9]", after)
        or (re.match(r"^\s*/", after) and not per_unit)
        or re.match(r"^\s*\+\s*[A-Za-z0-9]", after)
    ):
        return "code"
    if re.match(r"^\s?\(\d", after) or re.search(r"[\d)]\s*:\s*$", before):
        return "citation"
    if re.match(r"^\s*[-–~]\s*\d", after):
        return "year" if YEAR_NUMBER.fullmatch(number) else "range"
    return None


def is_model_statistic(before: str, after: str) -> bool:
    """A number reporting a fitted model rather than a quantity: coefficient, standard error, fit, or a
    significance level ("significant at the 5% level")."""
    if MODEL_BEFORE.search(before[-90:]) and not NAMED_COEFFICIENT.search(before[-90:]):
        return True
    significance = re.search(r"\bsignifican\w*\s+at\s+(?:the\s+)?$", before, re.I) and re.match(
        r"^\s*(?:%|percent|per cent)", after
    )
    return bool(
        significance
        or VARIANCE_AFTER.match(after)
        or (re.search(r"\bat\s+the\s+$", before) and SIGNIFICANCE_AFTER.match(after))
    )
