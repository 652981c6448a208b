"""English names for any Chinese admin unit: Hanyu Pinyin (pypinyin) of the proper name, the suffix translated.

A curated name (workflow/ruralrev/data/place_names.csv, plus the few Tibetan-area exonyms below)
wins over the pinyin wherever the usual English name is not the pinyin (Batang, Dêgê, Kangding).
"""

from __future__ import annotations

import re
from functools import lru_cache

# Longest first: 自治县 must win over 县, 林区 over 区. English follows the Ministry of Civil Affairs'
# usual renderings (county-level units; prefecture and province suffixes for the parents).
SUFFIXES = (
    ("特别行政区", "Special Administrative Region"),
    ("自治区", "Autonomous Region"),
    ("自治州", "Autonomous Prefecture"),
    ("自治县", "Autonomous County"),
    ("自治旗", "Autonomous Banner"),
    ("林区", "Forestry District"),
    ("特区", "Special District"),
    ("新区", "New Area"),
    ("矿区", "Mining District"),
    ("地区", "Prefecture"),
    ("县", "County"),
    ("区", "District"),
    ("市", "City"),
    ("旗", "Banner"),
    ("盟", "League"),
    ("省", "Province"),
)
# Ethnic groups named in autonomous units (民族 + 族), by their official English names.
ETHNIC = {
    "蒙古": "Mongol",
    "回": "Hui",
    "藏": "Tibetan",
    "维吾尔": "Uyghur",
    "苗": "Miao",
    "彝": "Yi",
    "壮": "Zhuang",
    "布依": "Buyei",
    "朝鲜": "Korean",
    "满": "Manchu",
    "侗": "Dong",
    "瑶": "Yao",
    "白": "Bai",
    "土家": "Tujia",
    "哈尼": "Hani",
    "哈萨克": "Kazakh",
    "傣": "Dai",
    "黎": "Li",
    "傈僳": "Lisu",
    "佤": "Va",
    "畲": "She",
    "拉祜": "Lahu",
    "水": "Sui",
    "东乡": "Dongxiang",
    "纳西": "Naxi",
    "景颇": "Jingpo",
    "柯尔克孜": "Kyrgyz",
    "土": "Tu",
    "达斡尔": "Daur",
    "仫佬": "Mulao",
    "羌": "Qiang",
    "布朗": "Blang",
    "撒拉": "Salar",
    "毛南": "Maonan",
    "仡佬": "Gelao",
    "锡伯": "Xibe",
    "普米": "Pumi",
    "塔吉克": "Tajik",
    "怒": "Nu",
    "鄂温克": "Evenki",
    "保安": "Bonan",
    "裕固": "Yugur",
    "独龙": "Derung",
    "鄂伦春": "Oroqen",
    "各": "Various Ethnic Groups",
}
# Usual English (exonym or Tibetan-derived) names that are not the pinyin of the Chinese name.
EXONYMS = {
    "巴塘": "Batang",
    "德格": "Dêgê",
    "石渠": "Sêrxü",
    "色达": "Sêrtar",
    "康定": "Kangding",
    "甘孜": "Garzê",
    "香港": "Hong Kong",
    "澳门": "Macao",
    "香格里拉": "Shangri-La",
}
# Readings of polyphonic characters as they are read in place names (pypinyin's default reading is
# the common-word one: 长 zhang, 朝 zhao, 单 dan), so 长沙 is Changsha and 朝阳 Chaoyang.
PLACE_READINGS = {
    "长": "chang",
    "朝": "chao",
    "单": "shan",
    "蔚": "yu",
    "铅": "yan",
    "莘": "shen",
    "亳": "bo",
    "会": "hui",
}
_ETHNIC_RUN = re.compile("(" + "|".join(sorted(ETHNIC, key=len, reverse=True)) + ")族")
_VOWEL_START = re.compile(r"^[aoe]")


def pinyin(text: str) -> str:
    """Hanyu Pinyin of a Chinese proper name, capitalised, syllables joined (apostrophe before a/o/e: Xi'an)."""
    from pypinyin import Style, lazy_pinyin

    syllables = [
        PLACE_READINGS.get(char) or syllable
        for char, syllable in zip(
            text, lazy_pinyin(text, style=Style.NORMAL, v_to_u=True, errors=lambda c: [""] * len(c))
        )
        if syllable.strip()
    ]
    word = ""
    for position, syllable in enumerate(syllables):
        word += ("'" if position and _VOWEL_START.match(syllable) else "") + syllable.lower()
    return word[:1].upper() + word[1:]


def split_name(name_zh: str) -> tuple[str, str, list[str]]:
    """(proper name, suffix, ethnic groups) of a Chinese unit name: 威宁彝族回族苗族自治县 -> 威宁, 自治县, [彝, 回, 苗]."""
    suffix = next((zh for zh, _ in SUFFIXES if name_zh.endswith(zh) and len(name_zh) > len(zh)), "")
    stem = name_zh[: len(name_zh) - len(suffix)]
    groups = []
    if suffix.startswith("自治") or stem.endswith("族"):
        # Strip trailing ethnic groups (彝族回族苗族) back to front, so 布依族 is not read as 依族.
        while True:
            match = next((m for m in _ETHNIC_RUN.finditer(stem) if m.end() == len(stem)), None)
            if match is None or match.start() == 0:
                break
            groups.insert(0, match.group(1))
            stem = stem[: match.start()]
    return stem, suffix, groups


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


@lru_cache(maxsize=8192)
def romanize(name_zh: str, curated: str = "", level_hint: str = "") -> tuple[str, str]:
    """(short, full) English names: ('Weining', 'Weining Yi, Hui and Miao Autonomous County').

    `curated` is the usual English name where one is on file (it may already carry its suffix,
    as 'Ganzi County' does); the proper name is romanized only when there is none. `level_hint` is the
    admin code: a province-level 市 (110000 Beijing) is a Municipality, not a City.
    """
    stem, suffix, groups = split_name(name_zh.strip())
    english_suffix = dict(SUFFIXES).get(suffix, "")
    if suffix == "市" and level_hint.endswith("0000"):
        english_suffix = "Municipality"
    short = curated.strip() or EXONYMS.get(stem) or pinyin(stem) or name_zh
    if english_suffix and short.endswith(" " + english_suffix):
        short = short[: -len(english_suffix) - 1]
    parts = [short]
    if groups:
        parts.append(_join([ETHNIC[g] for g in groups]))
    if english_suffix:
        parts.append(english_suffix)
    return short, " ".join(parts)
