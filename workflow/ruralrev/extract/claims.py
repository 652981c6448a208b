"""Numeric claims of a document: every statistical number in its body text with value, unit,
year, place, qualifier and indicator, each traced to offsets in the text as read.

The text is read through a normalized view (PDF hyphenation joined, Markdown emphasis dropped,
spaces before punctuation removed, line breaks folded) that maps every character back to its
offset in the original, so `text[start:end]` of the original is always the claim's `text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ruralrev.extract import amounts, documents, flat_tables, numbers, places
from ruralrev.extract import captions as claim_captions
from ruralrev.extract import years as claim_years

COLUMNS = [
    "doc",
    "start",
    "end",
    "text",
    "value",
    "unit",
    "year",
    "year_start",
    "place",
    "qualifier",
    "indicator",
    "sentence_start",
    "sentence_end",
    "sentence",
]
ABBREVIATIONS = {
    "no",
    "nos",
    "fig",
    "figs",
    "vol",
    "pp",
    "p",
    "e.g",
    "i.e",
    "etc",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "co",
    "ltd",
    "inc",
    "vs",
    "approx",
    "art",
    "sec",
    "u.s",
    "ch",
    "al",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
FUNCTION_WORDS = {
    "the",
    "a",
    "an",
    "of",
    "to",
    "in",
    "and",
    "or",
    "for",
    "with",
    "by",
    "from",
    "at",
    "on",
    "as",
    "that",
    "which",
    "than",
    "is",
    "are",
    "was",
    "were",
    "its",
    "their",
    "our",
}


@dataclass(frozen=True)
class TextView:
    """A normalized copy of part of a text; `origin[i]` is the original offset of `text[i]`."""

    text: str
    origin: list[int]


def normalized_view(text: str, start: int = 0, end: int | None = None) -> TextView:
    """The text between start and end, repaired for reading, with its map back to original offsets."""
    end = len(text) if end is None else end
    # a "?" between a figure or word and the next word stands for a space lost in encoding ("46.59 percent?in 2009")
    repairs = re.compile(
        r"(?P<drop>(?<=[A-Za-z])-[ \t]*\r?\n\s*(?=[a-z])|\*\*|__|\u00ad|\ufeff|[ \t\r\n]+(?=[,.;:!?)\]%])|(?<=[(\[])\s+)"
        r"|(?P<space>\s+|(?<=[\w%])\?(?=[a-z]))"
    )
    chars: list[str] = []
    origin: list[int] = []
    position = start
    for match in repairs.finditer(text, start, end):
        chars.extend(text[position : match.start()])
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
        before = text[: match.start()]
        if match.group() == "\n":
            last_word = re.search(r"([A-Za-z]+)\W*$", before)
            if before[-1:] in ",;:-(" or (last_word and last_word[1].lower() in FUNCTION_WORDS):
                continue
            cuts.append(match.start())
        elif (
            match.group().startswith(".")
            and (word := re.search(r"([A-Za-z.]+)$", before))
            and word[1].lower() in ABBREVIATIONS
        ):
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
        if spans and re.fullmatch(r"\(?\d{1,2}[.)]", text[spans[-1][0] : spans[-1][1]]):  # a list number alone
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return spans


GENERIC_INDICATORS = {"investment"}
# A number bounding a class a rule applies to ("cities with a permanent resident population of less than
# 3 million ... cancel the restrictions", "households whose income is below 4,000 yuan", "if the output
# exceeds ..."): a threshold of policy, not a statistic; it stays a claim but of no indicator. A plural noun
# or a conditional opens the clause the bound sits in, with no other number between; a singular place
# described the same way ("Batang is a county with a population of more than 50,000") states a statistic
# and is not matched.
THRESHOLD = re.compile(
    r"(?:\b(?:cities|counties|towns|townships|villages|households|families|enterprises|areas|regions|"
    r"provinces|people|persons|residents|individuals|farmers|those|anyone)\s+(?:with|whose|having|"
    r"that have|which have|where)|\b(?:if|unless|provided that|as long as)\b)[^,;.:\d]{0,80}$",
    re.I,
)
# the main verb of a sentence between the class and the number ("the proportion of poor villages with
# access to broadband exceeded 98 percent"): the number is the statistic, not the class's bound
MAIN_VERB = re.compile(
    r"\b(?:exceeded|surpassed|topped|reached|stood|rose|grew|fell|increased|decreased|declined|dropped)\b", re.I
)
# Where the bounded class is what the sentence counts ("the number of villages with collective income
# above 50,000 yuan exceeded 10,000", "all 39,000 natural villages with 30 or more households"), or the
# bound is a multiple of a line ("households whose income is below 1.5 times the poverty line"), the bound
# only defines the group: not a claim at all (D8 of sentences_heldout4).
COUNTED_CLASS = re.compile(r"(?:\bnumber\s+of|\d)\s+(?:[\w-]+\s+){0,3}$", re.I)
CLASSIFIED_AFTER = re.compile(
    r"^\s*(?:or\s+(?:less|more|below|above|fewer)\s+)?(?:are|is|were|was|will be)\s+"
    r"(?:classified|defined|considered|regarded|counted|identified|registered)\s+as\b",
    re.I,
)
RELATIVE_BOUND = re.compile(
    r"^\s*times\s+(?:that of\s+)?the\s+(?:[\w-]+\s+){0,3}(?:line|standard|threshold|average|level)\b", re.I
)


def _threshold(sentence: str, claim) -> re.Match | None:
    """The clause whose bound the claim is (see THRESHOLD), or None."""
    bound = THRESHOLD.search(sentence[: claim.start]) if claim.qualifier in ("over", "under") else None
    return bound if bound and not MAIN_VERB.search(bound.group()) else None


def defines_group(sentence: str, claim) -> bool:
    """Whether the claim only defines the group a statistic of the sentence is about (not a claim)."""
    bound = _threshold(sentence, claim)
    return bool(bound) and bool(
        COUNTED_CLASS.search(sentence[: bound.start()])
        or RELATIVE_BOUND.match(sentence[claim.end :])
        or CLASSIFIED_AFTER.match(sentence[claim.end :])
    )


# Indicators named for a per-capita amount when the amount is per capita (the publisher's names)
PER_CAPITA_INDICATORS = {"disposable_income": "per_capita_disposable_income", "gdp": "per_capita_gdp"}


def is_title(sentence: str) -> bool:
    """A title or running head (no closing punctuation, most words capitalized): its numbers state nothing
    ("... Rights-Based on 697 Households in Four Provinces of China", "J. Geogr. Sci. 2010, 20(6): 876-888")."""
    words = re.findall(r"[A-Za-z][A-Za-z’'-]{3,}", sentence)
    return (
        not re.search(r"[.!?;]\W*$", sentence)
        and len(words) >= 3
        and sum(w[0].isupper() for w in words) >= 0.7 * len(words)
    )


def _indicator(sentence: str, claims, k: int, unit: str | None, per_capita: bool = False) -> str | None:
    """First indicator of the vocabulary whose unit fits and whose words are next to the claim: its own
    clause after the number, then the words since the previous claim, then the nearest before it; a
    per-capita amount's indicator says so (PER_CAPITA_INDICATORS)."""
    chosen = _vocabulary_indicator(sentence, claims, k, unit)
    return PER_CAPITA_INDICATORS.get(chosen, chosen) if per_capita else chosen


def _vocabulary_indicator(sentence: str, claims, k: int, unit: str | None) -> str | None:
    if unit is None:
        return None
    claim = claims[k]
    if _threshold(sentence, claim):
        return None  # the bound of a rule's condition, not a statistic of any series
    next_start = claims[k + 1].start if k + 1 < len(claims) else len(sentence)
    # the number's own words, then its clause up to the next comma: the comma of "35,000" does not end it, so
    # the noun right after the number ("35,000 kilometers of new railways") wins over an earlier one ("roads")
    after = sentence[claim.start : claim.end] + re.split(r"[,;]", sentence[claim.end : next_start], maxsplit=1)[0]
    since_previous = sentence[claims[k - 1].noun_end if k else 0 : claim.start]
    vocabulary = numbers.vocabulary()["indicators"]
    fitting = [i for i in vocabulary if unit in i["units"] or unit.split("/")[0] in i["units"]]
    chosen = None
    for window in (after, since_previous):
        chosen = chosen or next(
            (i["name"] for i in fitting if any(re.search(p, window, re.I) for p in i["patterns"] if p != ".")), None
        )
    if chosen is None:
        prefix = sentence[: claim.start]
        nearest = [
            (max(m.end() for m in re.finditer(p, prefix, re.I)), -n, i["name"])
            for n, i in enumerate(fitting)
            for p in i["patterns"]
            if p != "." and re.search(p, prefix, re.I)
        ]
        chosen = max(nearest)[2] if nearest else next((i["name"] for i in fitting if "." in i["patterns"]), None)
    if chosen in GENERIC_INDICATORS:
        # "the overall investment has exceeded 530 billion yuan" after "the special poverty alleviation
        # fund has increased by ...": a generic word refers back to the series the sentence is about.
        prefix = sentence[: claim.start]
        named = [
            i["name"]
            for i in fitting
            if i["name"] not in GENERIC_INDICATORS
            and "." not in i["patterns"]
            and any(re.search(p, prefix, re.I) for p in i["patterns"])
        ]
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
    return {
        "doc": doc_id,
        "start": start,
        "end": end,
        "text": text[start:end],
        "value": claim.value,
        **fields,
        "sentence_start": view.origin[s],
        "sentence_end": view.origin[e - 1] + 1,
        "sentence": sentence,
    }


def _sentence_rows(
    doc_id: str,
    text: str,
    view: TextView,
    s: int,
    e: int,
    extra: tuple,
    previous_years: list[int],
    paragraph_place: str | None,
    passage_year: int | None = None,
):
    """(rows, years written, places named) of the sentence view.text[s:e]; `passage_year` dates the claims
    the sentence itself leaves undated (the year its passage has been speaking of)."""
    sentence = view.text[s:e].replace("\n", " ")
    mentions = places.find_places(sentence, extra)
    if is_title(sentence):
        return [], [], mentions
    claims = [m for m in numbers.find_numbers(sentence) if m.not_claim is None and not defines_group(sentence, m)]
    years = claim_years.year_mentions(sentence, claims)
    # a conversion in parentheses is the amount before it in another unit: it takes that amount's rate, year
    # and qualifier, and the words around the pair date both
    converts = [k > 0 and amounts.is_conversion(sentence, claims[k - 1], claims[k]) for k in range(len(claims))]
    dated = [c for c, conversion in zip(claims, converts) if not conversion]
    dated_index = {k: j for j, k in enumerate(k for k, conversion in enumerate(converts) if not conversion)}
    inherit = passage_year is not None and not (
        claim_years.RELATIVE_DATE.search(sentence) or claim_years.STUDY_DESIGN.search(sentence)
    )
    units: list[str | None] = []
    rows = []
    for k, claim in enumerate(claims):
        unit, per_capita = amounts.rate_before(sentence, claim, amounts.infer_unit(sentence, claims, k, units))
        units.append(amounts.carried_rate(sentence, claims, k, unit, units))
        qualifier = claim.qualifier
        if converts[k]:
            units[k] = amounts.converted_unit(units[k], units[k - 1])
            year, year_start, per_capita = (
                rows[-1]["year"],
                rows[-1]["year_start"],
                per_capita or rows[-1]["per_capita"],
            )
            qualifier = qualifier or rows[-1]["qualifier"]
        else:
            year, year_start = claim_years.resolve_year(sentence, dated, dated_index[k], years, previous_years)
            year = passage_year if year is None and inherit else year
        rows.append(
            _row(
                doc_id,
                text,
                view,
                s,
                e,
                sentence,
                claim,
                unit=units[k],
                year=year,
                year_start=year_start if qualifier == "change" else None,
                place=_place(mentions, claim, paragraph_place),
                qualifier=qualifier,
                indicator=_indicator(sentence, claims, k, units[k], per_capita),
                per_capita=per_capita,
            )
        )
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
            rows += [
                r
                for r in found
                if not any(view.origin[a] <= r["start"] < view.origin[b - 1] + 1 for a, b in caption.notes)
            ]
            previous_years = [y for _, _, y, _ in years] or previous_years
        return rows
    values = claim_captions.labelled_cells(rest, caption) or [
        (*v, caption.unit, None) for v in claim_captions.series(rest, caption)
    ]
    claims = [
        numbers.NumberMention(a, b, value, unit, qualifier, False, b, None, None)
        for a, b, value, _, unit, qualifier in values
    ]
    mentions = places.find_places(rest, extra)
    return [
        _row(
            doc_id,
            text,
            view,
            0,
            len(rest),
            rest,
            claim,
            unit=claim.unit,
            year=year,
            year_start=None,
            place=_place(mentions, claim, fallback),
            qualifier=claim.qualifier,
            indicator=_indicator(rest, claims, k, claim.unit),
        )
        for k, (claim, (_, _, _, year, _, _)) in enumerate(zip(claims, values))
    ]


def _cell_row(doc_id: str, text: str, cell: flat_tables.Cell, place: str | None) -> dict:
    """The claims.csv row of one cell of a flattened table; its label stands for its sentence."""
    sentence = f"{cell.label} {text[cell.start : cell.end]}"
    mention = numbers.NumberMention(
        len(cell.label) + 1, len(sentence), cell.value, cell.unit, None, False, len(sentence), None, None
    )
    line_start = text.rfind("\n", 0, cell.start) + 1
    line_end = text.find("\n", cell.end) % (len(text) + 1) or len(text)
    return {
        "doc": doc_id,
        "start": cell.start,
        "end": cell.end,
        "text": text[cell.start : cell.end],
        "value": cell.value,
        "unit": cell.unit,
        "year": cell.year,
        "year_start": None,
        "place": place,
        "qualifier": None,
        "indicator": _vocabulary_indicator(sentence, [mention], 0, cell.unit),
        "sentence_start": line_start,
        "sentence_end": line_end,
        "sentence": sentence,
    }


def _body_rows(doc_id: str, text: str, start: int, end: int, extra: tuple, paragraph_place: str | None) -> list[dict]:
    """Claims of the sentences of body text text[start:end], dated by their passage where they say no year."""
    view = normalized_view(text, start, end)
    rows, previous_years, year_of_passage = [], [], None
    for s, e in split_sentences(view.text):
        found, years, mentions = _sentence_rows(
            doc_id, text, view, s, e, extra, previous_years, paragraph_place, year_of_passage
        )
        rows += found
        sentence = view.text[s:e].replace("\n", " ")
        year_of_passage = (
            None if is_title(sentence) else claim_years.passage_year(sentence, found, years, year_of_passage)
        )
        previous_years = [y for _, _, y, _ in years] or previous_years
        # a sentence naming no place speaks of the place its paragraph last named
        paragraph_place = mentions[-1].name if mentions else paragraph_place
    return rows


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
        paragraph_place = focus[0] if focus else None
        cells = flat_tables.table_cells(text, block.start, block.end)
        rows += [_cell_row(doc_id, text, cell, paragraph_place) for cell in cells]
        # the text around a flattened table is read as sentences; the table's lines were read cell by cell
        table = flat_tables.table_span(text, block.start, block.end, cells)
        parts = [(block.start, table[0]), (table[1], block.end)] if table else [(block.start, block.end)]
        for start, end in parts:
            rows += _body_rows(doc_id, text, start, end, extra, paragraph_place)
    return sorted(
        ({k: v for k, v in r.items() if k != "per_capita"} for r in rows), key=lambda r: (r["start"], r["end"])
    )
