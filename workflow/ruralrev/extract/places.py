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
    """The gazetteer's English name for a name or alias ("Garze" -> "Garzê", "六盘水市" and "貴州" too); unknown
    names unchanged."""
    found = gazetteer().get(name.strip().lower()) or gazetteer().get(_ascii(name.strip()).lower())
    if not found and re.search(r"[\u4e00-\u9fff]", name):
        from ruralrev.extract.hanzi import simplified

        found = chinese_gazetteer().get(simplified(name.strip()))
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


# Chinese names: the gazetteer's name_zh and its short form without the suffix (六盘水市 and 六盘水, 甘孜藏族
# 自治州 and 甘孜), read in simplified characters (hanzi.fold converts traditional text first).
ZH_SUFFIX = re.compile(
    r"^(?P<short>..+?)(?:布依族|土家族|维吾尔|[\u4e00-\u9fff]族)*(?:自治区|自治州|自治县|特区|省|市|县|区|州)$"
)
ZH_CHINA = ["全国", "我国", "中国", "中华人民共和国", "国内"]
# a place the gazetteer does not know, named with its suffix ("玉环市", "永和县")
# a country's name as an adjective of a doctrine or path ("中国特色社会主义", "中国式现代化", "中国梦") names no place
ZH_NOT_PLACE_AFTER = re.compile(r"特色|式|梦|共产党")
ZH_NAMED = re.compile(
    r"(?:(?<![\u4e00-\u9fff])|(?<=[在于的、和与及是省州市年]))(?P<name>(?:(?![全本该各每我这那其此年月日的在与及为是有省市县区"
    r"城地乡镇村州贫重国])[\u4e00-\u9fff]){2})"
    r"(?P<suffix>特区|自治州|自治区|县|市)(?![级辖区长委政府场民])"
)


@cache
def chinese_gazetteer() -> dict[str, tuple[str, int]]:
    """Chinese name or short form -> (English name, rank), from place_names.csv."""
    names: dict[str, tuple[str, int]] = {}
    for row in place_names().to_dict("records"):
        rank = LEVEL_RANK.get(row["level"], 4)
        full = row["name_zh"].strip()
        short = ZH_SUFFIX.sub(r"\g<short>", full)
        # "甘孜州" for 甘孜藏族自治州: a prefecture is also named by its short form and 州
        forms = (full, short, f"{short}州") if full.endswith("自治州") else (full, short)
        for name in forms:
            if len(name) >= 2:
                names.setdefault(name, (row["name_en"], rank))
    for name in ZH_CHINA:
        names[name] = ("China", 0)
    return names


@cache
def _chinese_pattern() -> re.Pattern:
    return re.compile("|".join(re.escape(n) for n in sorted(chinese_gazetteer(), key=len, reverse=True)))


def find_chinese_places(text: str, written: str) -> list[PlaceMention]:
    """Places named in a folded Chinese sentence `text` (simplified), in order: the gazetteer's (English name),
    else a name with its suffix as `written` in the original sentence (same positions)."""
    found = []
    for match in _chinese_pattern().finditer(text):
        name, rank = chinese_gazetteer()[match.group()]
        if ZH_NOT_PLACE_AFTER.match(text, match.end()):
            continue
        if text.startswith("藏区", match.end()):  # "四川藏区": a region of the province, named as written
            found.append(PlaceMention(match.start(), match.end() + 2, written[match.start() : match.end() + 2], 3))
            continue
        found.append(PlaceMention(match.start(), match.end(), name, rank))
    for match in ZH_NAMED.finditer(text):
        if not any(p.start < match.end() and match.start() < p.end for p in found):
            found.append(PlaceMention(match.start(), match.end(), written[match.start() : match.end()], 3))
    return sorted(found, key=lambda p: p.start)
