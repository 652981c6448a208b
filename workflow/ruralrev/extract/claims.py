"""Numeric claims of a document: every statistical number in its body text with value, unit,
year, place, qualifier and indicator, each traced to offsets in the text as read.

The text is read through a normalized view (PDF hyphenation joined, Markdown emphasis dropped,
spaces before punctuation removed, line breaks folded) that maps every character back to its
offset in the original, so `text[start:end]` of the original is always the claim's `text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ruralrev.extract import captions as claim_captions
from ruralrev.extract import years as claim_years
from ruralrev.extract import documents
from ruralrev.extract import numbers
from ruralrev.extract import places

COLUMNS = ["doc", "start", "end", "text", "value", "unit", "year", "year_start", "place", "qualifier", "indicator",
           "sentence_start", "sentence_end", "sentence"]
ABBREVIATIONS = {"no", "nos", "fig", "figs", "vol", "pp", "p", "e.g", "i.e", "etc", "mr", "mrs", "ms", "dr", "prof",
                 "st", "co", "ltd", "inc", "vs", "approx", "art", "sec", "u.s", "ch", "al", "jan", "feb", "mar", "apr",
                 "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
FUNCTION_WORDS = {"the", "a", "an", "of", "to", "in", "and", "or", "for", "with", "by", "from", "at", "on", "as",
                  "that", "which", "than", "is", "are", "was", "were", "its", "their", "our"}
PEOPLE = re.compile(r"\b(?:population|people|residents|persons|poor|individuals|farmers|migrants|workers)\b", re.I)


@dataclass(frozen=True)
class TextView:
    """A normalized copy of part of a text; `origin[i]` is the original offset of `text[i]`."""

    text: str
    origin: list[int]


def normalized_view(text: str, start: int = 0, end: int | None = None) -> TextView:
    """The text between start and end, repaired for reading, with its map back to original offsets."""
    end = len(text) if end is None else end
    repairs = re.compile(r"(?P<drop>(?<=[A-Za-z])-[ \t]*\r?\n\s*(?=[a-z])|\*\*|__|\u00ad|\ufeff|[ \t\r\n]+(?=[,.;:!?)\]%])|(?<=[(\[])\s+)"
                         r"|(?P<space>\s+)")
    chars: list[str] = []
    origin: list[int] = []
    position = start
    for match in repairs.finditer(text, start, end):
        chars.extend(text[position:match.start()])
        origin.extend(range(position, match.start()))
        if match["space"]:
            chars.append("\n" if "\n" in match.group() else " ")
            origin.append(match.start())
        position = match.end()
    chars.extend(text[position:end])
    origin.extend(range(position, end))
    origin.append(end)
    return TextView("".join(chars), origin)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a normalized paragraph; a line break starts a sentence only where no sentence runs on."""
    cuts = [0]
    for match in re.finditer(r"[.!?][\"”’)\]]*(?=\s+[\"“(]?[A-Z0-9])|(?<=[a-z\"”)])\.(?=[A-Z])|\n(?=[A-Z“\"])", text):
        before = text[:match.start()]
        if match.group() == "\n":
            last_word = re.search(r"([A-Za-z]+)\W*$", before)
            if before[-1:] in ",;:-(" or (last_word and last_word[1].lower() in FUNCTION_WORDS):
                continue
            cuts.append(match.start())
        elif match.group().startswith(".") and (word := re.search(r"([A-Za-z.]+)$", before)) and word[1].lower() in ABBREVIATIONS:
            continue
        else:
            cuts.append(match.end())
    cuts.append(len(text))
    spans = []
    for a, b in zip(cuts, cuts[1:]):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a >= b:
            continue
        if spans and re.fullmatch(r"\(?\d{1,2}[.)]", text[spans[-1][0]:spans[-1][1]]):  # a list number alone
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return spans


def _count_unit(noun: str) -> str | None:
    vocabulary = numbers.vocabulary()
    noun = noun.lower()
    if noun in vocabulary["person_nouns"]:
        return "person"
    if noun in vocabulary["household_nouns"]:
        return "household"
    return vocabulary["count_nouns"].get(noun) or None


def _infer_unit(sentence: str, claims, k: int, units: list[str | None]) -> str | None:
    """Unit of a claim written without one ("556.68 million" after "rural population" is persons)."""
    claim = claims[k]
    if claim.unit:
        return claim.unit
    clause = sentence[claims[k - 1].noun_end if k else 0:claim.start]
    # an item of a list ("556.68 million in 2017, 541.08 million in 2018") or the end of a range
    # ("from 832 in 2012 to 52") takes the unit of the item before it
    measures = set(numbers.vocabulary()["measure_units"].values())
    if k and units[k - 1] and units[k - 1] not in ("percent", "percentage_point") and len(clause.split()) <= 6 \
            and ";" not in clause and claims[k - 1].has_scale == claim.has_scale and (claim.has_scale or units[k - 1] not in measures):
        return units[k - 1]
    counted = re.search(r"\bnumber of ((?:[\w-]+ ){0,2}[\w-]+)\b(?!.*\bnumber of\b)", clause, re.I)
    if counted:  # "the number of poor counties dropped from 832": the count noun of the subject
        noun = next((n for n in reversed(counted[1].split()) if _count_unit(n)), None)
        if noun:
            return _count_unit(noun)
    if not claim.has_scale:  # a plain count of persons only where its own clause speaks of population
        return "person" if claim.value >= 1000 and re.search(r"\bpopulation\b", clause, re.I) else None
    return "person" if PEOPLE.search(sentence[:claim.start]) else None


GENERIC_INDICATORS = {"investment"}
# A number bounding a class a rule applies to ("cities with a permanent resident population of less than
# 3 million ... cancel the restrictions", "households whose income is below 4,000 yuan", "if the output
# exceeds ..."): a threshold of policy, not a statistic; it stays a claim but of no indicator. A plural noun
# or a conditional opens the clause the bound sits in, with no other number between; a singular place
# described the same way ("Batang is a county with a population of more than 50,000") states a statistic
# and is not matched.
THRESHOLD = re.compile(r"(?:\b(?:cities|counties|towns|townships|villages|households|families|enterprises|areas|regions|"
                       r"provinces|people|persons|residents|individuals|farmers|those|anyone)\s+(?:with|whose|having|"
                       r"that have|which have|where)|\b(?:if|unless|provided that|as long as)\b)[^,;.:\d]{0,80}$", re.I)
# the main verb of a sentence between the class and the number ("the proportion of poor villages with
# access to broadband exceeded 98 percent"): the number is the statistic, not the class's bound
MAIN_VERB = re.compile(r"\b(?:exceeded|surpassed|topped|reached|stood|rose|grew|fell|increased|decreased|declined|dropped)\b", re.I)
# Where the bounded class is what the sentence counts ("the number of villages with collective income
# above 50,000 yuan exceeded 10,000", "all 39,000 natural villages with 30 or more households"), or the
# bound is a multiple of a line ("households whose income is below 1.5 times the poverty line"), the bound
# only defines the group: not a claim at all (D8 of sentences_heldout4).
COUNTED_CLASS = re.compile(r"(?:\bnumber\s+of|\d)\s+(?:[\w-]+\s+){0,3}$", re.I)
RELATIVE_BOUND = re.compile(r"^\s*times\s+(?:that of\s+)?the\s+(?:[\w-]+\s+){0,3}(?:line|standard|threshold|average|level)\b", re.I)


def _threshold(sentence: str, claim) -> re.Match | None:
    """The clause whose bound the claim is (see THRESHOLD), or None."""
    bound = THRESHOLD.search(sentence[:claim.start]) if claim.qualifier in ("over", "under") else None
    return bound if bound and not MAIN_VERB.search(bound.group()) else None


def defines_group(sentence: str, claim) -> bool:
    """Whether the claim only defines the group a statistic of the sentence is about (not a claim)."""
    bound = _threshold(sentence, claim)
    return bool(bound) and bool(COUNTED_CLASS.search(sentence[:bound.start()]) or RELATIVE_BOUND.match(sentence[claim.end:]))


# "per capita" written before a money figure of its own clause ("the per capita disposable income of rural
# residents reached 11,642 yuan") makes it yuan per person, as "11,642 yuan per capita" would (D4).
PER_CAPITA_BEFORE = re.compile(r"\bper[ -]capita\b(?:\s+\S+){0,10}\s*$", re.I)


def _per_person(sentence: str, claims, k: int, unit: str | None) -> str | None:
    """yuan/person for a money claim whose clause opens with "per capita" before it; the unit otherwise."""
    if unit not in ("yuan", "usd"):
        return unit
    claim = claims[k]
    clause = re.split(r"[;:]|,\s", sentence[:claim.start])[-1]
    return f"{unit}/person" if PER_CAPITA_BEFORE.search(clause) else unit


def _indicator(sentence: str, claims, k: int, unit: str | None) -> str | None:
    """First indicator of the vocabulary whose unit fits and whose words are next to the claim: its own
    clause after the number, then the words since the previous claim, then the nearest before it."""
    if unit is None:
        return None
    claim = claims[k]
    if _threshold(sentence, claim):
        return None  # the bound of a rule's condition, not a statistic of any series
    next_start = claims[k + 1].start if k + 1 < len(claims) else len(sentence)
    # the number's own words, then its clause up to the next comma: the comma of "35,000" does not end it, so
    # the noun right after the number ("35,000 kilometers of new railways") wins over an earlier one ("roads")
    after = sentence[claim.start:claim.end] + re.split(r"[,;]", sentence[claim.end:next_start], maxsplit=1)[0]
    since_previous = sentence[claims[k - 1].noun_end if k else 0:claim.start]
    vocabulary = numbers.vocabulary()["indicators"]
    fitting = [i for i in vocabulary if unit in i["units"] or unit.split("/")[0] in i["units"]]
    chosen = None
    for window in (after, since_previous):
        chosen = chosen or next((i["name"] for i in fitting if any(re.search(p, window, re.I) for p in i["patterns"] if p != ".")), None)
    if chosen is None:
        prefix = sentence[:claim.start]
        nearest = [(max(m.end() for m in re.finditer(p, prefix, re.I)), -n, i["name"]) for n, i in enumerate(fitting)
                   for p in i["patterns"] if p != "." and re.search(p, prefix, re.I)]
        chosen = max(nearest)[2] if nearest else next((i["name"] for i in fitting if "." in i["patterns"]), None)
    if chosen in GENERIC_INDICATORS:
        # "the overall investment has exceeded 530 billion yuan" after "the special poverty alleviation
        # fund has increased by ...": a generic word refers back to the series the sentence is about.
        prefix = sentence[:claim.start]
        named = [i["name"] for i in fitting if i["name"] not in GENERIC_INDICATORS and "." not in i["patterns"]
                 and any(re.search(p, prefix, re.I) for p in i["patterns"])]
        chosen = named[0] if named else chosen
    if chosen == "poverty_headcount" and claim.qualifier == "change":
        return "poverty_reduction"
    return chosen


def _place(mentions, claim, fallback: str | None) -> str | None:
    """The place named nearest the claim in its sentence, else `fallback` (the paragraph's or document's)."""
    if not mentions:
        return fallback

    def distance(place):
        return claim.start - place.end if place.end <= claim.start else place.start - claim.end + 0.5

    return min(mentions, key=lambda p: (abs(distance(p)), -p.rank)).name


def _row(doc_id: str, text: str, view: TextView, s: int, e: int, sentence: str, claim, **fields) -> dict:
    start, end = view.origin[s + claim.start], view.origin[s + claim.end - 1] + 1
    return {"doc": doc_id, "start": start, "end": end, "text": text[start:end], "value": claim.value, **fields,
            "sentence_start": view.origin[s], "sentence_end": view.origin[e - 1] + 1, "sentence": sentence}


def _sentence_rows(doc_id: str, text: str, view: TextView, s: int, e: int, extra: tuple, previous_years: list[int],
                   paragraph_place: str | None):
    """(rows, years written, places named) of the sentence view.text[s:e]."""
    sentence = view.text[s:e].replace("\n", " ")
    claims = [m for m in numbers.find_numbers(sentence) if m.not_claim is None and not defines_group(sentence, m)]
    years = claim_years.year_mentions(sentence, claims)
    mentions = places.find_places(sentence, extra)
    units: list[str | None] = []
    rows = []
    for k, claim in enumerate(claims):
        units.append(_per_person(sentence, claims, k, _infer_unit(sentence, claims, k, units)))
        year, year_start = claim_years.resolve_year(sentence, claims, k, years, previous_years)
        rows.append(_row(doc_id, text, view, s, e, sentence, claim, unit=units[k], year=year,
                         year_start=year_start if claim.qualifier == "change" else None,
                         place=_place(mentions, claim, paragraph_place), qualifier=claim.qualifier,
                         indicator=_indicator(sentence, claims, k, units[k])))
    return rows, years, mentions


def _caption_rows(doc_id: str, text: str, start: int, end: int, extra: tuple, fallback: str | None) -> list[dict]:
    """Claims written after a caption's label: its sentences, or its flattened series (see claim_captions);
    a title alone states none, nor does the unit note in its parentheses ("(area: 10,000 mu)")."""
    label = claim_captions.LABEL.match(text[start:end])
    view = normalized_view(text, start + (label.end() if label else 0), end)
    rest = view.text.replace("\n", " ")
    caption = claim_captions.read_caption(rest)
    if caption.data_start is None:
        if not re.search(r"[.!?][\"”’)]*$", rest):
            return []
        rows, previous_years = [], []
        for s, e in split_sentences(view.text):
            found, years, _ = _sentence_rows(doc_id, text, view, s, e, extra, previous_years, fallback)
            rows += [r for r in found if not any(view.origin[a] <= r["start"] < view.origin[b - 1] + 1 for a, b in caption.notes)]
            previous_years = [y for _, _, y, _ in years] or previous_years
        return rows
    values = claim_captions.series(rest, caption)
    claims = [numbers.NumberMention(a, b, value, caption.unit, None, False, b, None, None) for a, b, value, _ in values]
    mentions = places.find_places(rest, extra)
    return [_row(doc_id, text, view, 0, len(rest), rest, claim, unit=caption.unit, year=year, year_start=None,
                 place=_place(mentions, claim, fallback), qualifier=None, indicator=_indicator(rest, claims, k, caption.unit))
            for k, (claim, (_, _, _, year)) in enumerate(zip(claims, values))]


def extract_claims(doc_id: str, text: str, focus_places: list[str] | None = None) -> list[dict]:
    """One dict per numeric claim in the body text and captions (claims.csv columns), sorted by offset."""
    focus = [places.canonical(p) for p in focus_places or []]
    extra = tuple(focus_places or [])
    rows = []
    for block in documents.layout(text):
        if block.kind == "caption":
            rows += _caption_rows(doc_id, text, block.start, block.end, extra, focus[0] if focus else None)
        if block.kind != "body":
            continue
        view = normalized_view(text, block.start, block.end)
        previous_years: list[int] = []
        paragraph_place = focus[0] if focus else None
        for s, e in split_sentences(view.text):
            found, years, mentions = _sentence_rows(doc_id, text, view, s, e, extra, previous_years, paragraph_place)
            rows += found
            previous_years = [y for _, _, y, _ in years] or previous_years
            # a sentence naming no place speaks of the place its paragraph last named
            paragraph_place = mentions[-1].name if mentions else paragraph_place
    return sorted(rows, key=lambda r: (r["start"], r["end"]))
