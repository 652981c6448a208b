"""Finds every number in a sentence and reads it: value fully scaled ("556.68 million" ->
556680000.0), unit, qualifier, or the reason it is not a statistical claim (year, date, list
number, reference, citation, code, ordinal, duration, label such as "Table 2").

The words it knows (scales, units, nouns, qualifiers) live in data/claim_vocabulary.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ruralrev.extract.context import reject_by_context
from ruralrev.extract.digits import DIGITS, number_value
from ruralrev.extract.patterns import INNER_QUALIFIERS, patterns, singular_count_noun
from ruralrev.extract.ranges import range_ends, share_ratio_unit
from ruralrev.extract.vocabulary import vocabulary

ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
WORD_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_WORD = rf"(?:(?:{'|'.join(TENS)})(?:-(?:{'|'.join(ONES[1:10])}))?|{'|'.join(ONES)}|{'|'.join(WORD_SCALES)})"
GLUED_SCALES = {"m": 10**6, "mn": 10**6, "mln": 10**6, "bn": 10**9, "bln": 10**9, "k": 10**3, "tn": 10**12}  # "1.88m"
# a rate written as a negative power as journals do: "yuan·a−1" (per annum), "kg·hm−2" (per hectare)
INVERSE_POWER = re.compile(r"^\s*[·⋅.]\s*(?P<d>a|hm|km|mu)\s*[−-]\s*[12](?!\d)", re.I)
INVERSE_UNITS = {"a": "year", "hm": "ha", "km": "km2", "mu": "mu"}
METRES_CONTEXT = re.compile(r"^\s*(?:above|high|tall|long|deep|wide|in altitude|elevation)")  # "2,700m above sea level"
WORDS = re.compile(rf"(?<![\w-])(?:an?|{_WORD})(?:[ -]+(?:and )?{_WORD})*(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class NumberMention:
    """One number in a sentence; offsets are into the sentence string given to find_numbers."""

    start: int  # first character (currency sign included)
    end: int  # end of numeral, scale and the unit written next to it
    value: float
    unit: str | None
    qualifier: str | None
    has_scale: bool
    noun_end: int  # end of the phrase read for the unit, modifiers included ("poor households")
    role: str | None  # "from" / "to" in "from X to Y"
    not_claim: str | None  # why this number is not a claim; None for a claim
    per_capita: bool = False  # a money amount per person: its unit stays the currency (the publisher's convention)


def _read_digits(sentence: str, match: re.Match, previous_end: int) -> NumberMention:
    vocab, pats = vocabulary(), patterns()
    cur, number, exponent = match["cur"], match["num"], match.groupdict().get("e")
    start, pos = match.start(), match.end()
    negative = -1 if match.groupdict().get("sign") else 1
    exact = negative * number_value(number, exponent)
    value = float(exact)
    unit = vocab["currency_prefixes"].get(cur.strip()) if cur else None
    rejection = reject_by_context(sentence, match.start("num"), pos, number, cur, pats["label"])
    has_scale, noun_end, post, per_capita = bool(exponent), pos, None, False
    glued = re.match(r"^(?:km2|km²|[A-Za-z]+|%|[\u4e00-\u9fff]+)", sentence[pos:])
    if glued and not rejection:
        suffix = glued.group()
        lower = suffix.lower()
        cjk = pats["cjk"].match(suffix) if not suffix.isascii() else None
        if suffix == "%":
            unit, pos = "percent", pos + 1
        elif cjk and cjk.group():
            if cjk["scale"]:
                value, has_scale = float(exact * vocab["scales"][cjk["scale"]]), True
            if cjk["unit"]:
                unit = {"人": "person", "户": "household"}.get(cjk["unit"]) or vocab["measure_units"][cjk["unit"]]
            pos += cjk.end()
        elif lower in GLUED_SCALES and not (lower == "m" and METRES_CONTEXT.match(sentence[pos + 1 :])):
            value, has_scale, pos = float(exact * GLUED_SCALES[lower]), True, pos + len(suffix)
        elif lower in ("m", "km", "km2", "km²", "kg", "ha", "t", "mu", "jin") or (
            lower in vocab["measure_units"] and len(lower) > 3
        ):
            unit, pos = vocab["measure_units"][lower], pos + len(suffix)  # "11.4percent": the space was lost
        elif lower == "b" and cur:  # "US$22.8b"
            value, has_scale, pos = float(exact * 10**9), True, pos + 1
        elif lower in ("st", "nd", "rd", "th"):
            rejection = "ordinal"
        else:
            rejection = "code"
    if not rejection and not has_scale and (scale := pats["scale"].match(sentence[pos:])):
        value, has_scale, pos = float(exact * vocab["scales"][scale.group().strip().lower()]), True, pos + scale.end()
        cjk = pats["cjk"].match(sentence[pos:])
        if cjk and cjk["unit"]:
            unit = {"人": "person", "户": "household"}.get(cjk["unit"]) or vocab["measure_units"][cjk["unit"]]
            pos += cjk.end()
    if not rejection and (
        odd := re.match(r"^-odd\b", sentence[pos:])
    ):  # "the 1,800-odd households": somewhat more than
        post, pos = "over", pos + odd.end()
    garbled = re.match(r"^\s+[Mm]ore than(?=\s+\w)", sentence[pos:])  # OCR "100 More than mu"
    if garbled and pats["unit"].match(sentence[pos + garbled.end() :]):
        post, pos = "over", pos + garbled.end()
    noun_end = pos
    if not rejection and unit in (None, "yuan", "usd") and (found := pats["unit"].match(sentence[pos:])):
        if found["pct"]:
            unit = "percent"
        else:
            written = found["u"].lower()
            spaced_m = written == "m" and re.match(
                r"^\s*(?:people|persons|residents|yuan)", sentence[pos + found.end() :]
            )
            if spaced_m:
                value, has_scale = float(exact * 10**6), True
            elif not (written == "t" and sentence[pos : pos + found.end()].strip() != "t"):
                unit = vocab["measure_units"][written]
        pos = noun_end = pos + found.end()
    if (
        unit and "/" not in unit and not rejection and (power := INVERSE_POWER.match(sentence[pos:]))
    ):  # "2 300 yuan·a−1"
        unit, pos = f"{unit}/{INVERSE_UNITS[power['d'].lower()]}", pos + power.end()
        noun_end = pos
    if (
        unit
        and unit not in ("percent", "percentage_point")
        and not rejection
        and (per := pats["per"].match(sentence[pos:]))
    ):
        unit, per_capita = _per(unit, per["d"])
        # a conversion in the parentheses skipped ("1,200 yuan (US$167) per mu") is a claim of its own, read next
        noun_end = pos if re.search(r"\(.*\d", per.group()) else pos + per.end()
    if unit is None and not rejection:
        hyphen = re.match(r"^-(?P<w>[A-Za-z]+)", sentence[pos:])
        words = re.findall(r"[A-Za-z][A-Za-z'’-]*|\S", sentence[pos : pos + 80])
        noun, used, rejection = singular_count_noun(words, allow_generic=True)
        if hyphen and not noun:
            rejection = rejection or "compound"
        if noun:
            unit = noun
            phrase = re.match(r"^" + r"\W+".join(re.escape(w) for w in words[:used]), sentence[pos:].lstrip())
            noun_end = pos + (len(sentence[pos:]) - len(sentence[pos:].lstrip())) + (phrase.end() if phrase else 0)
            if used == 1:
                pos = noun_end
            if per := pats["per"].match(sentence[noun_end:]):  # "701.64 person/km 2", "3.1 persons per household"
                unit, noun_end = f"{unit}/{_denominator(per['d'])}", noun_end + per.end()
    if not rejection and not unit and not cur and not has_scale:
        if re.fullmatch(r"1[89]\d\d|20\d\d", number):
            rejection = "year"
        elif re.fullmatch(r"\d{5,}|0\d+", number):
            rejection = "code"
    for name, pattern in pats["post"]:
        if found := pattern.match(sentence[noun_end:]):
            post = post or name
    qualifier = _qualifier(sentence[previous_end:start])
    return NumberMention(
        start,
        pos,
        value,
        unit,
        qualifier or post,
        has_scale,
        max(noun_end, pos),
        _role(sentence, previous_end, start),
        rejection,
        per_capita,
    )


def _denominator(written: str) -> str:
    denominators = vocabulary()["per_denominators"]
    return denominators.get(written.lower()) or denominators[re.sub(r"\s+", " ", written.lower())]


def _per(unit: str, written: str) -> tuple[str, bool]:
    """(unit, per capita) of an amount followed by a rate: "5 kg per mu" is kg/mu, but a money amount per
    person stays in its currency and is marked per capita (NBS prints per-capita income in 元)."""
    denominator = _denominator(written)
    if denominator == "person" and unit in ("yuan", "usd"):
        return unit, True
    return f"{unit}/{denominator}", False


def _qualifier(before: str) -> str | None:
    """The qualifier of the words before a number. A bound written right before it wins over the change
    phrase it sits in ("an average annual reduction of more than 12 million" is `over`: the figure itself
    is a lower bound); an approximation does not ("grew by about 200,000" stays `change`)."""
    pats = patterns()
    name = next((name for name, pattern in pats["qualifier"] if pattern.search(before)), None)
    if name == "change":
        name = next((bound for bound, pattern in pats["bound"] if pattern.search(before)), name)
    return name


def _role(sentence: str, previous_end: int, start: int) -> str | None:
    before = sentence[previous_end:start]
    if re.search(r"\bfrom\s*$", before, re.I):
        return "from"
    if re.search(rf"\bto\s*(?:(?:{INNER_QUALIFIERS})\s+)?$", before, re.I) and re.search(
        r"\bfrom\b", sentence[:start], re.I
    ):
        return "to"
    return None


def _word_value(words: str) -> float | None:
    total, current, seen = 0.0, 0.0, False
    for word in re.split(r"[ -]+", words.lower()):
        if word in ("a", "an"):
            current = current or 1.0
        elif word in ONES or word in TENS:
            current += ONES.index(word) if word in ONES else 10 * (TENS.index(word) + 2)
            seen = True
        elif word == "hundred":
            current, seen = (current or 1.0) * 100, True
        elif word in WORD_SCALES:
            total, current, seen = total + (current or 1.0) * WORD_SCALES[word], 0.0, True
    return total + current if seen else None


def _read_words(sentence: str, match: re.Match, previous_end: int) -> NumberMention | None:
    """A number written in words counts only with a scale ("ten million") or a measuring unit."""
    text = match.group()
    value = _word_value(text)
    if value is None or text.lower() in WORD_SCALES or re.match(r"^-", sentence[match.end() :]):
        return None
    pats = patterns()
    has_scale = any(w in WORD_SCALES and w != "hundred" for w in text.lower().split())
    pos, unit = match.end(), None
    if (found := pats["unit"].match(sentence[pos:])) and found.group().strip():
        unit = "percent" if found["pct"] else vocabulary()["measure_units"][found["u"].lower()]
        pos += found.end()
    noun_end = pos
    if unit is None:
        words = re.findall(r"[A-Za-z][A-Za-z'’-]*|\S", sentence[pos : pos + 80])
        noun, used, _ = singular_count_noun(words, allow_generic=False)
        if noun in ("person", "household") and (value >= 10 or has_scale):
            unit, noun_end = noun, pos + len(" ".join(words[:used])) + 1
    if not has_scale and unit is None:
        return None
    qualifier = _qualifier(sentence[previous_end : match.start()])
    return NumberMention(
        match.start(),
        pos,
        value,
        unit,
        qualifier,
        has_scale,
        noun_end,
        _role(sentence, previous_end, match.start()),
        None,
    )


def find_numbers(sentence: str) -> list[NumberMention]:
    """Every number in the sentence in order, claims and non-claims alike (see `not_claim`)."""
    candidates = sorted(
        [(m.start(), "digits", m) for m in DIGITS.finditer(sentence)]
        + [(m.start(), "words", m) for m in WORDS.finditer(sentence)],
        key=lambda c: c[0],
    )
    mentions: list[NumberMention] = []
    previous_end = 0
    for start, kind, match in candidates:
        if start < previous_end:
            continue
        mention = (
            _read_digits(sentence, match, previous_end)
            if kind == "digits"
            else _read_words(sentence, match, previous_end)
        )
        if mention is not None and mention.not_claim == "range":
            ends = range_ends(sentence, mention, match, _read_digits)
            if ends:
                mentions.extend(ends)
                previous_end = ends[-1].noun_end
                continue
        if mention is not None:
            if (
                mentions
                and mention.qualifier is None
                and re.fullmatch(r"\s*,?\s*or\s*", sentence[previous_end : mention.start])
            ):
                # "an increase of 183 yuan, or 4.1 percent": the alternative reading shares the qualifier
                mention = replace(mention, qualifier=mentions[-1].qualifier)
            mentions.append(mention)
            previous_end = mention.noun_end
    return share_ratio_unit(mentions, sentence)
