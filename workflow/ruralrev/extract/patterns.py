"""The regular expressions the number reader builds from the claim vocabulary (scales, units, rates,
qualifiers, labels), and the reading of the counted noun after a number ("poor households" -> household)."""

from __future__ import annotations

import re
from functools import cache

from ruralrev.extract.vocabulary import vocabulary

INNER_QUALIFIERS = "more than|over|about|nearly|almost|approximately|around|some"  # "increased by more than ..."


def alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def patterns() -> dict:
    vocab = vocabulary()
    latin_scales = [s for s in vocab["scales"] if s.isascii()]
    cjk_scales = [s for s in vocab["scales"] if not s.isascii()]
    cjk_units = [u for u in vocab["measure_units"] if not u.isascii()]
    latin_units = [u for u in vocab["measure_units"] if u.isascii() and u != "%"]
    return {
        "scale": re.compile(rf"^\s?(?:{alternation(latin_scales)})\b", re.I),
        "cjk": re.compile(rf"^(?P<scale>{alternation(cjk_scales)})?(?P<unit>{alternation(cjk_units)}|人|户)?"),
        "unit": re.compile(rf"^\s*(?:-\s*)?(?:(?P<pct>%)|(?P<u>{alternation(latin_units)})(?![A-Za-z0-9²]))", re.I),
        # the rate written after the amount, also after a conversion in parentheses or a crop ("1,200 yuan
        # (US$167) per mu", "(US$690) a year", "15 yuan for each mu", "600 kilograms of corn per mu")
        "per": re.compile(
            rf"^\s*\)?\s*(?:\([^()]{{0,40}}\)\s*)?(?:of\s+[a-z]+\s+)?(?:per|an?|/|for each|for every|each)\s*"
            rf"(?P<d>{alternation(vocab['per_denominators'])})(?![A-Za-z0-9²])",
            re.I,
        ),
        # change and approximately are regular expressions in the vocabulary; over and under plain words
        "qualifier": [
            (
                name,
                re.compile(
                    rf"(?:^|[^\w])(?:{'|'.join(p if name in ('change', 'approximately') else re.escape(p) for p in words)})"
                    rf"\s*(?:(?:{INNER_QUALIFIERS})\s+)?$",
                    re.I,
                ),
            )
            for name, words in vocab["qualifiers"].items()
        ],
        # "more than", "less than" ... written right before the number, with no approximation between
        "bound": [
            (name, re.compile(rf"(?:^|[^\w])(?:{alternation(vocab['qualifiers'][name])})\s*$", re.I))
            for name in ("over", "under")
        ],
        "post": [
            (name, re.compile(rf"^\s*,?\s*(?:{'|'.join(words) if name == 'change' else alternation(words)})\b", re.I))
            for name, words in vocab["post_qualifiers"].items()
        ],
        "label": re.compile(
            rf"(?:^|[^A-Za-z])(?:(?:{alternation(vocab['label_words'])})|"
            rf"(?:{alternation(vocab['label_abbreviations'])})\.?)\s*$",
            re.I,
        ),
    }


def singular_count_noun(words: list[str], allow_generic: bool) -> tuple[str | None, int, str | None]:
    """(unit, number of words used, rejection) for the words after a number: "poor households" -> household."""
    vocab = vocabulary()
    people, homes = set(vocab["person_nouns"]), set(vocab["household_nouns"])
    counts, stops, durations = vocab["count_nouns"], set(vocab["modifier_stop_words"]), set(vocab["duration_nouns"])

    def unit_of(word: str) -> str | None:
        return "person" if word in people else "household" if word in homes else counts.get(word, "") or None

    for i, raw in enumerate(words[:4]):
        word = raw.lower()
        if word in durations:
            return None, 0, "duration"
        if word == "times":
            return None, 0, None
        two = f"{word} {words[i + 1].lower()}" if i + 1 < len(words) else ""
        if two in people:
            return "person", i + 2, None
        unit = unit_of(word)
        if unit:
            follower = words[i + 1].lower() if i + 1 < len(words) else ""
            if unit_of(follower) and follower not in durations:
                return unit_of(follower), i + 2, None
            return unit, i + 1, None
        if (
            allow_generic
            and i <= 1
            and re.fullmatch(r"[a-z]{3,}s", word)
            and not re.search(r"(?:ss|ous|is|us)$", word)
            and word not in stops
        ):
            singular = (
                re.sub(r"ies$", "y", word) if word.endswith("ies") else re.sub(r"(ch|sh|x|ss|z)es$|s$", r"\1", word)
            )
            return singular, i + 1, None
        proper_adjective = i == 0 and re.fullmatch(r"[A-Z][a-z]+(?:an|ese|ish|i)", raw)  # "15,000 Tibetan pigs"
        if word in stops or not (re.fullmatch(r"[a-z][a-z'-]*", raw) or proper_adjective) or i == 3:
            return None, 0, None
    return None, 0, None
