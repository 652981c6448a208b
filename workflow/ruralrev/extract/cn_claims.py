"""Numeric claims of Chinese text: sentences split on 。！？； and line ends, each read through its folded copy
(hanzi.fold) by cn_numbers, dated by cn_years, placed through the gazetteer's Chinese names, and tied to the
same indicator vocabulary as English claims, so the claim check verifies them against the panel alike.
Offsets always point into the text as stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ruralrev.extract import claim_roles, cn_numbers, cn_tables, cn_years, places
from ruralrev.extract.cn_vocabulary import patterns, vocabulary
from ruralrev.extract.hanzi import fold, is_chinese
from ruralrev.extract.indicators import PER_CAPITA_INDICATORS
from ruralrev.extract.sentences import TextView, normalized_view

# a sentence ends at 。！？； (an ideographic full stop between digits is a decimal point) or at a line end
SENTENCE_END = re.compile(r"(?<!\d)。|。(?!\d)|[！？；!?;]|\n")
TERMINATED = re.compile(r"[。！？；!?;:：,，]\s*$")
CLAUSE_END = re.compile(r"[,;:。!?]")
# a place named as the benchmark of a comparison ("与全国平均水平相比", "高于全国", "是全国...之一") is no subject
BENCHMARK_BEFORE = re.compile(r"(?:与|比|较|同|是|占|于)\s*$")
REDUCED = re.compile(r"(?:超过|近|约|逾|将近|接近)\s*$")
CAPTION = re.compile(r"^\s*[表图]\s*\d+")


@dataclass
class Passage:
    """What a passage has said so far: its framing year (with its window's first year) and the place last
    named; a document's first unterminated line is its title."""

    frame: tuple[int | None, int | None] = (None, None)
    place: str | None = None
    started: bool = False
    table: cn_tables.Header | None = field(default=None)


def split(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, ends a line without punctuation) of the sentences of a normalized Chinese paragraph."""
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        end = match.end() if match.group() != "\n" else match.start()
        if text[start:end].strip():
            spans.append((start, end, match.group() == "\n" and not TERMINATED.search(text[start:end])))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text), not TERMINATED.search(text[start:])))
    trimmed = []
    for a, b, line in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        trimmed.append((a, b, line))
    return trimmed


def _counted_noun(folded: str, claims, k: int, units: list[str | None]) -> str | None:
    """The noun a count written "N个" counts when no noun follows the classifier: one named just after it in
    its clause ("61个是贫困村"), else the count before it ("增加1002个"), else the nearest named before."""
    pats, nouns = patterns(), vocabulary()["classifier_nouns"]
    claim = claims[k]
    clause = CLAUSE_END.split(folded[claim.end :], maxsplit=1)[0][:12]
    if after := pats["noun"].search(clause):
        return nouns[after.group()]
    if k and units[k - 1] in set(nouns.values()):
        return units[k - 1]
    # "州级", "县级" describe the noun after them, they name none
    before = [m for m in pats["noun"].finditer(folded[: claim.start]) if folded[m.end() : m.end() + 1] != "级"]
    return nouns[before[-1].group()] if before else None


def _subject(folded: str, named, before: int, first: bool = False) -> str | None:
    """The place a claim at `before` is about: the first place named in the nearest clause before it that names
    one ("理塘县位于甘孜州西南部,辖区面积..." is Litang's area), places listed side by side ("辖六枝特区、盘县和
    钟山区") aside; with `first`, the sentence's own subject (its first such clause)."""
    listed = {
        k
        for k, (a, b) in enumerate(zip(named, named[1:]))
        if re.fullmatch(r"[、和及与]", folded[a.end : b.start])
        for k in (k, k + 1)
    }
    candidates = [
        p
        for k, p in enumerate(named)
        if k not in listed and p.end <= before and not BENCHMARK_BEFORE.search(folded, 0, p.start)
    ]
    if not candidates:
        return None
    clause_of = {id(p): len(CLAUSE_END.findall(folded, 0, p.start)) for p in candidates}
    chosen = min(clause_of.values()) if first else max(clause_of.values())
    return next(p.name for p in candidates if clause_of[id(p)] == chosen)


def _paired_places(folded: str, named, claims) -> dict[int, str]:
    """Claims listed after 分别 that take, in order, the places listed before it ("汉中市、商洛市和延安市...,分别
    达到11.2%、11.1%和11.0%"): {claim index: place}, where the two lists are as long."""
    paired: dict[int, str] = {}
    for word in re.finditer(r"分别", folded):
        runs: list[list] = []
        for place in (p for p in named if p.end <= word.start()):
            joined = runs and re.fullmatch(r"[、和及与]", folded[runs[-1][-1].end : place.start])
            runs[-1:] = [runs[-1] + [place]] if joined else [*runs, [place]]
        listed = [k for k, c in enumerate(claims) if c.start >= word.end()][:1]
        while listed and listed[-1] + 1 < len(claims):
            gap = folded[claims[listed[-1]].noun_end : claims[listed[-1] + 1].start]
            if not re.fullmatch(r"\s*[、和及与]\s*", gap):
                break
            listed.append(listed[-1] + 1)
        if runs and len(runs[-1]) == len(listed) > 1:
            paired.update({k: place.name for k, place in zip(listed, runs[-1])})
    return paired


def _unit(folded: str, claims, k: int, units: list[str | None]) -> str | None:
    """The unit of claim k, inferring what the number leaves unsaid: a scaled count of people (36万贫困人口,
    贫困人口497.65万), the noun of a bare classifier, a rate named before it (每人每年 ... 2300元)."""
    claim = claims[k]
    unit = claim.unit
    if unit == "?count":
        unit = _counted_noun(folded, claims, k, units)
    elif unit is None and claim.has_scale:
        after = CLAUSE_END.split(folded[claim.noun_end :], maxsplit=1)[0][:12]
        clause = CLAUSE_END.split(folded[: claim.start])[-1]
        if patterns()["person"].search(after) or patterns()["person"].search(clause):
            unit = "person"
        elif k and units[k - 1] in ("person", "household") and claims[k - 1].has_scale:
            unit = units[k - 1]  # a list of counts ("约750万左右,中国境内约700万") shares its unit
    unit = cn_numbers.rate_before(folded, replace(claim, unit=unit))
    # a rate is not repeated for the next amount of the same kind ("每个家庭户的人口为2.62人,比...3.10人")
    if k and unit and units[k - 1] and units[k - 1].startswith(f"{unit}/") and not units[k - 1].endswith("/person"):
        unit = units[k - 1]
    return unit


def _indicator(folded: str, claim, unit: str | None) -> str | None:
    """The first indicator of the Chinese vocabulary whose unit fits and whose words stand in the claim's
    clause before it, else the nearest before it in the sentence; per capita where the amount is."""
    if unit is None:
        return None
    fitting = [i for i in vocabulary()["indicators"] if unit.split("/")[0] in i["units"]]
    clause_start = max((m.end() for m in CLAUSE_END.finditer(folded, 0, claim.start)), default=0)
    # the noun the number counts ("32个贫困县"), its clause before it, then the sentence before it
    after = folded[claim.start : claim.noun_end] + CLAUSE_END.split(folded[claim.noun_end :], maxsplit=1)[0][:12]
    for window in (after, folded[clause_start : claim.start], folded[: claim.start]):
        found = [
            (max(m.end() for m in re.finditer(p, window)), -n, i["name"])
            for n, i in enumerate(fitting)
            for p in i["patterns"]
            if re.search(p, window)
        ]
        if found:
            chosen = max(found)[2]
            # a headcount reduced ("减少1289万人"), also with a bound ("减少超过1000万人", "减少6800多万")
            if chosen == "poverty_headcount" and (
                claim.qualifier == "change"
                or re.search(r"(?:减少|减贫|脱贫)了?\s*$", REDUCED.sub("", folded[: claim.start]))
            ):
                return "poverty_reduction"
            per_capita = claim.per_capita or "人均" in window[-30:]
            return PER_CAPITA_INDICATORS.get(chosen, chosen) if per_capita else chosen
    return None


def sentence_rows(doc_id: str, text: str, view: TextView, s: int, e: int, passage: Passage, extra: tuple) -> list:
    """Rows of the Chinese sentence view.text[s:e] (claims.csv columns); `passage` is updated."""
    written = view.text[s:e]
    folded = fold(written)
    mentions = cn_years.year_mentions(folded.text)
    relative = cn_years.relative_dates(folded.text, mentions)
    named = places.find_chinese_places(folded.text, "".join(written[i] for i in folded.index))
    table = cn_tables.read_line(folded.text, passage)
    if table is not None or CAPTION.match(folded.text) or passage.table and "|" in folded.text:
        claims = table or []
    else:
        claims = [c for c in cn_numbers.find_numbers(folded.text) if c.not_claim is None]
    units: list[str | None] = []
    for k, claim in enumerate(claims):
        units.append(claim.unit if table is not None else _unit(folded.text, claims, k, units))
    # a scaled count left without a unit counts what the sentence's other scaled counts count (persons)
    counted = [u for c, u in zip(claims, units) if c.has_scale and u in ("person", "household")]
    units = [counted[0] if u is None and c.has_scale and counted else u for c, u in zip(claims, units)]
    paired = _paired_places(folded.text, named, claims)
    rows = []
    for k, (claim, unit) in enumerate(zip(claims, units)):
        if table is None:
            multiple = "倍" in folded.text[claim.start : claim.noun_end]
            year, year_start = cn_years.claim_year(
                folded.text, mentions, relative, claim.start, passage.frame, multiple
            )
        else:
            year, year_start = passage.frame
        if k and rows and re.fullmatch(r"\s*\(\s*", folded.text[claims[k - 1].noun_end : claim.start]):
            # the same amount in another unit, in parentheses ("增产474.8万吨(94.9亿斤)"): its year and qualifier
            year, year_start = rows[-1]["year"], rows[-1]["year_start"]
            claim = replace(claim, qualifier=claim.qualifier or rows[-1]["qualifier"])
        place = paired.get(k) or _subject(folded.text, named, claim.start) or passage.place
        start = view.origin[s + folded.index[claim.start]]
        end = view.origin[s + folded.index[claim.end - 1]] + 1
        rows.append(
            {
                "doc": doc_id,
                "start": start,
                "end": end,
                "text": text[start:end],
                "value": claim.value,
                "unit": unit,
                "year": year,
                "year_start": (cn_years.base_year(folded.text, mentions, claim.start) or year_start)
                if claim.qualifier == "change" and year is not None
                else None,
                "place": place,
                "qualifier": claim.qualifier,
                "indicator": _indicator(folded.text, claim, unit),
                "kind": claim_roles.kind_of_zh(folded.text, claim),
                "unit_from": None,
                "sentence_start": view.origin[s],
                "sentence_end": view.origin[e - 1] + 1,
                "sentence": written.replace("\n", " "),
            }
        )
    passage.frame = cn_years.frame_after(folded.text, mentions, relative, passage.frame)
    passage.place = _subject(folded.text, named, len(folded.text), first=True) or passage.place
    return rows


def body_rows(doc_id: str, text: str, start: int, end: int, passage: Passage, extra: tuple, english_rows) -> list[dict]:
    """Claims of the body text text[start:end], a Chinese paragraph or more: a document's first line without
    closing punctuation is its title (its numbers state nothing; its year frames what follows); English
    sentences in it go to `english_rows(view, s, e)`."""
    view = normalized_view(text, start, end)
    spans = split(view.text)
    rows = []
    for n, (s, e, line) in enumerate(spans):
        sentence = view.text[s:e]
        if not is_chinese(sentence) and re.search(r"[A-Za-z]{3}", sentence):
            rows += english_rows(view, s, e)
            continue
        title = not passage.started and n == 0 and line and len(spans) > 1 and "|" not in sentence
        passage.started = True
        found = sentence_rows(doc_id, text, view, s, e, passage, extra)
        rows += [] if title else found
    return rows


def is_chinese_text(text: str) -> bool:
    """Whether a document is read as Chinese (see hanzi.is_chinese), judged on its first 2,000 characters."""
    return is_chinese(text[:2000])
