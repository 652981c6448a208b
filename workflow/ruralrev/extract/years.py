"""The year of each numeric claim in a sentence: the years written in it (single years and ranges), and
which of them dates which claim ("... 5.51 million at the end of 2019", "from 832 in 2012 to 52 in 2020",
lists paired "respectively")."""

from __future__ import annotations

import re
from functools import lru_cache

from ruralrev.extract.context import MONTHS, PRICE_BASE

YEAR = r"(?:1[89]\d{2}|20\d{2})"
YEAR_RANGE = re.compile(
    rf"(?:\b(?:from|between)\s+)?\b(?P<first>{YEAR})\s*(?:-|–|—|~|to|and|through|until)\s*(?P<last>{YEAR})\b"
)
POST_YEAR = re.compile(
    r"^[\s,)]*(?:\(|(?:[A-Za-z-]+\s+){0,6}?(?:in|by|as of|at the end of|by the end of|end of|for|during|of|until|through)"
    r"\s+(?:the\s+(?:end|beginning|start|middle)\s+of\s+)?(?:the year\s+)?)$",
    re.I,
)
LINKED_YEAR = re.compile(
    r"(?:^|\b(?:in|by|of|during|as of|until|through|for|from|to|and|between|since|fiscal|year)\s+|"
    r"\b(?:end|mid|early|late)-|\(\s*|"
    # the year of a date dates what happened on it ("By the end of June 2021", "On 25 February 2021")
    rf"\b{MONTHS}\.?\s+(?:\d{{1,2}},?\s+)?|\b\d{{1,2}}\s+{MONTHS}\.?,?\s+)$",
    re.I,
)
# A year that dates no claim: of a citation ("Li and Zhang (2021) find", "(Wang et al., 2020)")
CITED_BEFORE = re.compile(r"(?:\bet al\.?|\b[A-Z][a-z]+ (?:and|&) [A-Z][a-z]+)\s*\(\s*$|\([A-Z][^()]{0,60},\s*$")
CITED_AFTER = re.compile(
    r"^[a-z]?\s*\)\s+(?:find|found|show|showed|shows|argue|argued|report|reported|note|noted|suggest|"
    r"suggested|estimate|estimated|conclude|concluded|observe|observed|document|documented|point)",
    re.I,
)
# ... or the base year of prices a money figure is stated in ("at 2010 constant prices", "(2011 PPP)")
PRICE_PHRASE = re.compile(
    rf"\(?\s*(?:at\s+)?{YEAR}\s*(?:constant\s+|comparable\s+|current\s+)?(?:prices?|PPP)\b\s*\)?", re.I
)
# a window written after a preposition of duration ("rose from 72 to 96 per cent over 2015-2020")
WINDOW_BEFORE = re.compile(r"\b(?:over|across|throughout|within|in)\s+(?:the\s+(?:period|years)\s+)?$", re.I)
# A study's design: its window ("panel data on N = 1,250 households ... from 2016 to 2020") is when the data
# were collected, not when its sample sizes or estimated effects were true, so it dates none of them.
STUDY_DESIGN = re.compile(
    r"\bN\s*=|\b(?:panel|sample|respondents|regression|estimates?|difference-in-differences)\b|"
    r"\bwe\s+(?:find|estimate|show|use)\b",
    re.I,
)
LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")  # between the items of a list: "A, B and C"


def year_mentions(sentence: str, claims) -> list[tuple[int, int, int, int | None]]:
    """(start, end, year, first year of its range or None) for every year written in the sentence;
    a range ("2016-2020", "from 2012 to 2019") is one mention starting at its first year."""
    taken = [(c.start, c.end) for c in claims]
    found = []
    # "2015 and 2020" ending a list of years ("in 2010, 2015 and 2020") are two years, not a range
    spans = [
        m
        for m in YEAR_RANGE.finditer(sentence)
        if not (
            re.search(r"\band\s*$", sentence[m.end("first") : m.start("last")])
            and re.search(rf"{YEAR}\s*,\s*$", sentence[: m.start()])
        )
    ]
    ranges = {m.start("last"): (int(m["first"]), m.start("first")) for m in spans}
    firsts = {m.start("first") for m in spans}
    for match in re.finditer(rf"(?<![\d.,]){YEAR}(?![\d]|[.,]\d)", sentence):
        if match.start() in firsts or any(a <= match.start() < b for a, b in taken):
            continue
        before, after = sentence[: match.start()], sentence[match.end() :]
        if (
            PRICE_BASE.match(after)
            or (CITED_BEFORE.search(before) and re.match(r"^[a-z]?\s*\)", after))
            or (re.search(r"\b[A-Z][a-z]+\s*\(\s*$", before) and CITED_AFTER.match(after))
        ):
            continue
        first, anchor = ranges.get(match.start(), (None, match.start()))
        found.append((anchor, match.end(), int(match.group()), first))
    return found


def resolve_year(sentence: str, claims, k: int, years, previous_years: list[int]) -> tuple[int | None, int | None]:
    """(year, first year of its window) of claim k, from the words around it."""
    claim = claims[k]
    paired = _paired_year(sentence, claims, k, years)
    if paired:
        return paired, None
    if STUDY_DESIGN.search(sentence):
        years = [y for y in years if y[3] is None]
    year, first = _written_year(sentence, claims, k, years, previous_years)
    windows = [(y, f) for _, _, y, f in years if f is not None]
    if year is None and first is None and len(years) == 1 and windows:
        # the sentence's only time reference is a window ("... 12 counties between 2014 and 2019"): what it
        # states was achieved over the window, so is dated by its end
        year, first = windows[0]
    if claim.role == "from" and first is not None and year is not None and (year, first) in windows:
        return first, None  # the first end of "from X to Y over 2015-2020" is the window's start
    return year, first


def _written_year(sentence: str, claims, k: int, years, previous_years: list[int]) -> tuple[int | None, int | None]:
    """(year, first year of its window) of claim k from the years written around it."""
    claim = claims[k]
    next_start = claims[k + 1].start if k + 1 < len(claims) else len(sentence)
    for start, _, year, first in years:
        # "2,300 yuan (2010 prices) in 2011", "4,000 yuan ($613) in 2013": what stands in parentheses between
        between = re.sub(r"\([^()]*\)", " ", PRICE_PHRASE.sub(" ", sentence[claim.noun_end : start]))
        if (
            claim.noun_end <= start < next_start
            and POST_YEAR.match(between)
            and not re.search(r"[,;]", between.strip(" ,"))
            and not re.search(r"\b(?:from|over|than|compared (?:with|to)|since)\b", between, re.I)
        ):  # a comparison's base year
            return year, first
    if re.match(rf"^(?:\s*(?:per|a)\s+\w+)*\s*,?\s*{PRICE_PHRASE.pattern}", sentence[claim.noun_end :], re.I):
        return None, None  # a figure at a base year's prices is dated only by a year written right after it
    # "from X to Y in the same period": X takes the period's first year, Y its last
    pair_end = claims[k + 1].noun_end + 40 if claim.role == "from" and k + 1 < len(claims) else next_start
    after = sentence[claim.noun_end : pair_end]
    earlier = [y for start, _, y, _ in years if start < claim.start] or previous_years
    if re.search(r"\bsame period\b", after) and earlier:
        first, last = min(earlier), max(earlier)
        return (first, None) if claim.role == "from" else (last, first)
    if re.search(r"\bsame year\b", after) and earlier:
        return earlier[-1], None
    # a year written before the claim, or after it at the end of its clause ("... by the end of 2020"),
    # but not the year of a date ("On 10 January 2025, ...")
    linked = [
        (start, y, first)
        for start, _, y, first in years
        if LINKED_YEAR.search(sentence[:start]) or (first is not None and WINDOW_BEFORE.search(sentence[:start]))
    ]
    # a year a comparison starts from ("a decrease of ... from the end of 2016") dates no later claim
    before = [
        (y, first)
        for start, y, first in linked
        if start < claim.start
        and (
            first is not None
            or not re.search(r"\b(?:from|than|over|compared (?:with|to))\s+(?:the end of\s+)?$", sentence[:start], re.I)
        )
    ]
    if before:
        year, first = before[-1]
        since = re.search(rf"\bsince\s+(?:the end of\s+)?{year}\b", sentence[: claim.start], re.I)
        return (None, year) if since else (year, first)
    later = []
    for start, y, first in linked:
        between = sentence[claim.noun_end : start] if start >= claim.noun_end else None
        if between is not None and first:  # "from 2021 to 2025" after the claim is its window, not a base year
            between = re.sub(r"\b(?:from|between)\s*$", "", between)
        # a source's date ("..., according to the notice issued on April 8, 2019") does not date the claim
        # nor does the year of a later clause date a rate over a relative period ("increasing by 4.42 million
        # annually in the past five years, and there were 108.2 million migrant workers in 2005")
        if between is not None and not re.search(
            r";|\b(?:from|than|compared (?:with|to)|followed|following|since|after|before|when|while|until|according to|"
            r"annually|every year|each year|past\s+(?:\w+\s+)?years)\b",
            between,
            re.I,
        ):
            later.append((y, first))
    return later[0] if later else (None, None)


@lru_cache(maxsize=16)  # asked once per claim of a sentence: read the sentence's runs once
def _runs(spans: tuple[tuple[int, int], ...], sentence: str) -> list[list[int]]:
    """Indices of `spans` grouped into lists: consecutive spans separated only by ", " / " and "."""
    runs: list[list[int]] = []
    for i, (start, _) in enumerate(spans):
        if runs and LIST_GAP.fullmatch(sentence[spans[i - 1][1] : start]):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _paired_year(sentence: str, claims, k: int, years) -> int | None:
    """The year of claim k when a list of claims and a list of as many years go together, in order:
    "70.17 million, 55.75 million and 43.35 million at the end of 2014, 2015 and 2016 respectively",
    "in 2010, 2015 and 2020 were 33.8%, 42.0% and 53.2%"."""
    claim_run = next(run for run in _runs(tuple((c.start, c.noun_end) for c in claims), sentence) if k in run)
    if len(claim_run) < 2:
        return None
    single = [(start, end, year) for start, end, year, first in years if first is None]
    for run in _runs(tuple((start, end) for start, end, _ in single), sentence):
        if len(run) == len(claim_run):
            return single[run[claim_run.index(k)]][2]
    return None


# "Last year, ...", "over the past five years", "At the moment, ...": a claim dated relative to when it was
# written, which the year of the sentence before does not date
# ... nor a rate of every year ("has increased by 20 billion yuan every year for five consecutive years")
RELATIVE_DATE = re.compile(
    r"\b(?:last|next)\s+year\b|\b(?:past|recent|coming)\s+(?:\w+\s+)?(?:years|decades?|months)\b|"
    r"\bover the years\b|\bat (?:the moment|present)\b|\bcurrently\b|\bnowadays\b|"
    r"\b(?:every|each)\s+year\b|\bannually\b|\bconsecutive\s+years\b",
    re.I,
)
# a year that dates what a sentence states ("In 2018, ...", "... at the end of 2018"), not one in a title or name
STATED_YEAR_BEFORE = re.compile(r"(?:\b(?:in|by|during|as of|end of|year)\s+)$", re.I)


def passage_year(sentence: str, rows: list[dict], years, current: int | None) -> int | None:
    """The year a passage speaks of after a sentence: the one year the sentence's claims are dated by, else
    the one year the sentence states ("was reduced in 2018"), else the passage's year before it; None after
    a sentence spanning several years ("dropped from 832 in 2012 to 52 in 2020") or a title."""
    dated = {r["year"] for r in rows if r["year"] is not None}
    written = {y for start, _, y, _ in years if STATED_YEAR_BEFORE.search(sentence[:start])}
    if dated:
        return dated.pop() if len(dated) == 1 else None
    return written.pop() if len(written) == 1 else current
