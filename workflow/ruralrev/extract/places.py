"""English place gazetteer for claims: the names and aliases of data/place_names.csv, the ways a
text says "China" ("China's", "our country", "nationwide") and places it names with a generic
suffix ("Subu Town", "Lu'an City", "Yu'an District").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from ruralrev.geo.names import place_names

LEVEL_RANK = {"country": 0, "province": 1, "prefecture": 2, "county": 3, "other": 4}
CHINA_PHRASES = [
    "China",
    "PRC",
    "our country",
    "the whole country",
    "nationwide",
    "nationally",
    "across the country",
    "the country's",
    "national level",
]
# Capitalised words that start "The County ..." or "Key Town ..." without naming a place
NOT_NAMES = (
    "The|This|That|These|Each|Every|Our|Its|Their|Which|One|Central|Provincial|Municipal|Local|Whole|Same|"
    "Poor|Rural|Urban|Key|Model|Demonstration|Pilot"
)
SUFFIXES = r"Town|Township|County|City|District|Prefecture|Province|Village|Autonomous Prefecture|Autonomous Region"


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    name: str  # English name as in place_names.csv, or the name written in the text
    rank: int  # 0 country ... 4 below county: higher is more specific


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


@cache
def gazetteer() -> dict[str, tuple[str, int]]:
    """Lower-cased alias -> (English name, rank), from place_names.csv plus ASCII spellings."""
    names: dict[str, tuple[str, int]] = {}
    for row in place_names().to_dict("records"):
        rank = LEVEL_RANK.get(row["level"], 4)
        aliases = [row["name_en"], *[a for a in (row.get("aliases") or "").split(";") if a.strip()]]
        for alias in aliases:
            for spelling in {alias.strip(), _ascii(alias.strip())} - {""}:
                names.setdefault(spelling.lower(), (row["name_en"], rank))
    for phrase in CHINA_PHRASES:
        names.setdefault(phrase.lower(), ("China", 0))
    return names


def canonical(name: str) -> str:
    """The gazetteer's English name for a name or alias ("Garze" -> "Garzê"); unknown names unchanged."""
    found = gazetteer().get(name.strip().lower()) or gazetteer().get(_ascii(name.strip()).lower())
    return found[0] if found else name.strip()


@cache
def _pattern(extra: tuple[str, ...]) -> re.Pattern:
    aliases = sorted(set(gazetteer()) | {e.lower() for e in extra}, key=len, reverse=True)
    alternation = "|".join(re.escape(a) for a in aliases)
    # A place name followed by another capitalised word names an organisation ("Sichuan Northwest Apple
    # Experimental Station", "Anhui University"), not the place.
    return re.compile(
        rf"(?<![\w'’])(?:(?!(?:{NOT_NAMES})\b)(?P<named>[A-Z][a-z]+(?:['’][a-z]+)?(?: [A-Z][a-z]+)?) (?P<suffix>{SUFFIXES})\b"
        rf"|(?P<alias>(?i:{alternation}))(?:['’]s)?(?![\w'’])(?! (?!(?:{SUFFIXES})\b)[A-Z][a-z]))"
    )


def find_places(text: str, extra_names=()) -> list[PlaceMention]:
    """Places named in the text, in order; `extra_names` are further names to look for (a document's focus places)."""
    found = []
    for match in _pattern(tuple(sorted(extra_names))).finditer(text):
        if match["named"]:
            if not match["named"][0].isupper():
                continue
            known = gazetteer().get(f"{match['named']} {match['suffix']}".lower()) or gazetteer().get(
                match["named"].lower()
            )
            name, rank = known if known else (match["named"], 3 if match["suffix"].lower() == "county" else 4)
        else:
            alias = match["alias"]
            if alias.isupper() and len(alias) > 3:  # a dateline ("BEIJING, Dec. 3 (Xinhua) --")
                continue
            if alias[0].islower() and alias.lower() not in (p.lower() for p in CHINA_PHRASES):
                continue
            if not alias[0].isupper() and alias.lower() in ("prc", "china"):
                continue
            name, rank = gazetteer().get(alias.lower(), (alias, 4))
        found.append(PlaceMention(match.start(), match.end(), name, rank))
    return found
