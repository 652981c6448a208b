"""Which official years a claim that states no year of its own is checked against.

- A claim of a per-year average ("On average, over 10 million people have escaped poverty each year")
  is checked against the mean of the annual series over the window its sentence gives ("from 2013 to
  2019", "since 2015"), or over all years of the series when it gives none; the explanation names the window.
- Any other undated claim is checked against the latest official year of its series only when its sentence
  says it speaks of the present ("at present, China still has more than 400 million rural people").
- Otherwise the year is neither stated nor inferable ("the model reduced China's poverty population to
  125 million" tells of some earlier year; "China has 556.68 million rural people" may be of any year the
  paper was written in): the claim is unverifiable and compared with no year. Before, such a claim was
  compared with the latest year (a historical 125 million against 2019, "+2168.6%"), or with whichever year
  happened to match, so an undated figure could never be wrong.
"""

from __future__ import annotations

import re

import pandas as pd

from ruralrev.crosscheck import aggregates
from ruralrev.crosscheck.words import series_name

YEAR = r"(?:19|20)\d{2}"
# Per-year wording; "a year"/"per year" alone are units ("2,300 yuan a year"), so they count only after
# "on average"; "average" alone is a mean over people ("average income"), not over years.
PER_YEAR = re.compile(
    r"\b(?:each year|every year|annually|per annum|year after year|average annual|annual average|"
    r"on average\b[^.;]*\b(?:a|per) year)\b",
    re.I,
)
RANGE = re.compile(rf"\b(?P<first>{YEAR})\s*(?:-|–|—|to|through|until)\s*(?P<last>{YEAR})\b")
SINCE = re.compile(rf"\bsince\s+(?:the\s+(?:end|beginning|start)\s+of\s+)?(?P<first>{YEAR})\b", re.I)
# Words by which a sentence says it speaks of the present (English and Chinese, simplified and traditional).
PRESENT = re.compile(
    r"\b(?:at present|presently|currently|nowadays|now|today|so far|to date|up to now|as of now|at the moment|still)\b"
    r"|目前|现在|現在|当前|當前|至今|迄今|现有|現有",
    re.I,
)


def states_average(sentence: str) -> bool:
    """Whether a sentence states a per-year figure ("on average ... each year", "average annual")."""
    return bool(PER_YEAR.search(sentence or ""))


def before_claim(sentence: str, text: str) -> str:
    """The sentence up to the claim's own text (whitespace folded as in claims.csv)."""
    folded = re.sub(r"\s+", " ", str(text or "")).strip()
    at = sentence.find(folded) if folded else -1
    return sentence[:at] if at >= 0 else sentence


def present_cue(sentence: str) -> str | None:
    """The words by which a sentence says it speaks of the present ("at present", "still", 目前), or None."""
    match = PRESENT.search(sentence or "")
    return match.group() if match else None


def average_window(sentence: str, years: list[int]) -> tuple[list[int], str]:
    """(years of the series to average, how the window was chosen) from the sentence's words."""
    if match := RANGE.search(sentence):
        first, last = int(match["first"]), int(match["last"])
        return [y for y in years if first <= y <= last], f"the window the sentence gives, {first}–{last}"
    if match := SINCE.search(sentence):
        first = int(match["first"])
        return [y for y in years if y >= first], f"the years since {first} the sentence gives"
    return years, "all years of the series (the sentence names no window)"


def check_average(claim: dict, own_rows: pd.DataFrame, stated, fmt) -> dict:
    """Verdict on a per-year average: the mean of the annual series over the sentence's window."""
    series = aggregates.annual_series(own_rows)
    name = series_name(own_rows["indicator"].iloc[0])
    window, how = average_window(claim["sentence"], [int(y) for y in series.index])
    if not window:
        return {"verdict": "unverifiable", "explanation": f"per-year figure, but no annual {name} value in {how}"}
    mean = float(series.loc[window, "value"].mean())
    span = f"{window[0]}–{window[-1]}" if len(window) > 1 else str(window[0])
    what = f"per-year figure '{claim['text']}' vs the mean of {name} over {span} ({len(window)} years; {how}) = {fmt(mean)}"
    if aggregates.agrees(mean, claim["value"], stated.tolerance, claim["qualifier"], stated.step):
        verdict = "confirmed"
    elif aggregates.is_close(mean, claim["value"], claim["qualifier"]):
        verdict, what = "close", what + ", within 1% but outside the claim's rounding"
    else:
        verdict = "contradicted"
    result = {"verdict": verdict, "official_value": mean, "official_year": window[-1], "years": window,
              "explanation": what}  # fmt: skip
    return aggregates.with_provenance(series, result)
