"""Numeric claims of a document: every statistical number in its body text with value, unit,
year, place, qualifier and indicator, each traced to offsets in the text as read.

The text is read through a normalized view (PDF hyphenation joined, Markdown emphasis dropped,
spaces before punctuation removed, line breaks folded) that maps every character back to its
offset in the original, so `text[start:end]` of the original is always the claim's `text`.
"""

from __future__ import annotations

import re

from ruralrev.extract import amounts, claim_roles, cn_claims, documents, flat_tables, numbers, places
from ruralrev.extract import captions as claim_captions
from ruralrev.extract import years as claim_years
from ruralrev.extract.indicators import defines_group, indicator_of, is_title, vocabulary_indicator
from ruralrev.extract.sentences import TextView, normalized_view, split_sentences

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
    "kind",
    "unit_from",
    "page",
    "sentence_start",
    "sentence_end",
    "sentence",
]


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
    present: int | None = None,
):
    """(rows, years written, places named) of the sentence view.text[s:e]; `passage_year` dates the claims
    the sentence itself leaves undated (the year its passage has been speaking of); `present` is the latest
    year the document speaks of (claim_roles.present_year)."""
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
        source = None if converts[k] else claim_roles.unit_source(sentence, claims, units, k)
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
                indicator=indicator_of(sentence, claims, k, units[k], per_capita),
                kind=claim_roles.kind_of(sentence, claim, present),
                unit_from=None if source is None else rows[source]["start"],
                per_capita=per_capita,
            )
        )
    return rows, years, mentions


def _caption_rows(
    doc_id: str, text: str, start: int, end: int, extra: tuple, fallback: str | None, present: int | None = None
) -> list[dict]:
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
            found, years, _ = _sentence_rows(doc_id, text, view, s, e, extra, previous_years, fallback, None, present)
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
            indicator=indicator_of(rest, claims, k, claim.unit),
            kind="statistic",
            unit_from=None,
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
        "indicator": vocabulary_indicator(sentence, [mention], 0, cell.unit),
        "kind": "statistic",
        "unit_from": None,
        "sentence_start": line_start,
        "sentence_end": line_end,
        "sentence": sentence,
    }


def _body_rows(
    doc_id: str, text: str, start: int, end: int, extra: tuple, paragraph_place: str | None, present: int | None = None
) -> list[dict]:
    """Claims of the sentences of body text text[start:end], dated by their passage where they say no year."""
    view = normalized_view(text, start, end)
    rows, previous_years, year_of_passage = [], [], None
    for s, e in split_sentences(view.text):
        found, years, mentions = _sentence_rows(
            doc_id, text, view, s, e, extra, previous_years, paragraph_place, year_of_passage, present
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


def _chinese_rows(doc_id: str, text: str, extra: tuple, place: str | None, present: int | None = None) -> list[dict]:
    """Claims of a Chinese document, read as one passage up to its references (参考文献); English sentences
    in it are read as English."""
    references = re.search(r"\n\s*(?:参考文献|參考文獻)\s*[:：]?\s*\n", text)
    end = references.start() if references else len(text)

    def english(view, s, e):
        return _sentence_rows(doc_id, text, view, s, e, extra, [], place, None, present)[0]

    return cn_claims.body_rows(doc_id, text, 0, end, cn_claims.Passage(place=place), extra, english)


def extract_claims(doc_id: str, text: str, focus_places: list[str] | None = None) -> list[dict]:
    """One dict per numeric claim in the body text and captions (claims.csv columns), sorted by offset."""
    focus = [places.canonical(p) for p in focus_places or []]
    extra = tuple(focus_places or [])
    chinese = cn_claims.is_chinese_text(text)
    present = claim_roles.present_year(text)
    rows = _chinese_rows(doc_id, text, extra, focus[0] if focus else None, present) if chinese else []
    for block in [] if chinese else documents.layout(text):
        if block.kind == "caption":
            rows += _caption_rows(doc_id, text, block.start, block.end, extra, focus[0] if focus else None, present)
        if block.kind != "body":
            continue
        paragraph_place = focus[0] if focus else None
        cells = flat_tables.table_cells(text, block.start, block.end)
        rows += [_cell_row(doc_id, text, cell, paragraph_place) for cell in cells]
        # the text around a flattened table is read as sentences; the table's lines were read cell by cell
        table = flat_tables.table_span(text, block.start, block.end, cells)
        parts = [(block.start, table[0]), (table[1], block.end)] if table else [(block.start, block.end)]
        for start, end in parts:
            rows += _body_rows(doc_id, text, start, end, extra, paragraph_place, present)
    return sorted(
        ({k: v for k, v in r.items() if k != "per_capita"} for r in rows), key=lambda r: (r["start"], r["end"])
    )
