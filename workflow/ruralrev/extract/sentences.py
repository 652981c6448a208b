"""Sentences of a document read through a normalized view that maps every character back to its offset in
the original text (PDF hyphenation joined, Markdown emphasis dropped, spaces before punctuation removed)."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
    # a "?" between a figure or word and the next word stands for a space lost in encoding ("46.59 percent?in 2009");
    # a line break right after a number's point or thousands comma is inside the number ("51.|61%", "17,|131"),
    # unless a list number or a year follows ("fell to 3.|4. Conclusions")
    repairs = re.compile(
        r"(?P<drop>(?<=[A-Za-z])[-\u2010][ \t]*\r?\n\s*(?=[a-z])|\*\*|__|\u00ad|\ufeff|[ \t\r\n]+(?=[,.;:!?)\]%])"
        r"|(?<=[(\[])\s+|(?<=\d\.)[ \t]*\n[ \t]*(?=\d+(?![\d.)]))(?!(?:19|20)\d\d\b)"
        r"|(?<=\d,)[ \t]*\n[ \t]*(?=\d{3}(?![\d]))"
        r")|(?P<space>\s+|(?<=[\w%])\?(?=[a-z]))"
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
