"""Which panel series a claim is checked against: the extractor names an indicator in the words of
the text (claim_vocabulary.yaml: `disposable_income`, `poverty_counties`, `land_area`), the panel in
those of its tables (harmonize: `disposable_income_rural`, `poverty_counties_delisted`, ...).
A claim whose series exists under another name must not be judged unverifiable.
"""

from __future__ import annotations

import re

from ruralrev.crosscheck import dating as claim_dating

# Claim indicator -> panel indicators it is checked against (first = its own series) and
# alternative readings tried in the claim's year before anything is called wrong.
# The extractor's names are those of claims.csv (claim_vocabulary.yaml); the panel's are harmonize's.
SERIES = {
    "poverty_fund": ("poverty_fund_central",),
    "poverty_counties": ("poverty_counties_delisted",),  # all 832 poverty counties were delisted by 2020
    "per_capita_gdp": ("gdp_per_capita",),  # the extractor names a per-capita amount for the text ("人均生产总值")
    "per_capita_net_income": ("net_income_rural_old_basis",),  # 农民人均纯收入, the rural series before 2013
}
# Income is one word in a claim but three series in the panel: the residents the sentence names pick one.
INCOME_SERIES = {"rural": "disposable_income_rural", "urban": "disposable_income_urban", "all": "disposable_income_all"}
# Chinese words in simplified and traditional characters (the sentence is stored as written).
RESIDENTS = re.compile(
    r"(?P<all>\burban(?:\s+and\s+|-)rural\b|\brural(?:\s+and\s+|-)urban\b|\ball residents\b|\bnational(?:ly|wide)?\b"
    r"|全体居民|全體居民|城乡居民|城鄉居民)"
    r"|(?P<rural>\brural\b|\bfarmers?\b|\bvillagers?\b|\bpeasants?\b|\bcountryside\b|农村|農村|农民|農民|乡村|鄉村|农牧民|農牧民)"
    r"|(?P<urban>\burban\b|\bcit(?:y|ies)\b|\btowns(?:people|folk)\b|城镇|城鎮|城市)",
    re.I,
)
# An area claim is about the place's own land only when the sentence says so; "1,000 mu of orchards" is not.
PLACE_AREA = re.compile(
    r"\b(?:total|land|administrative|jurisdictional)\s+area\b|\bterritor(?:y|ial area)\b"
    r"|总面积|總面積|国土面积|國土面積|辖区面积|轄區面積|幅员面积|全省面积|全市面积|全县面积|全縣面積",
    re.I,
)
# Panel indicators named `<series>_<suffix>` (poverty_reduction_2012_2019, ..._old_basis) are
# alternatives of their series too.
ALTERNATIVES = {
    "poverty_fund": ("linkage_fund_central",),  # the 2021 successor: named, never merged
    "poverty_headcount": ("poverty_reduction", "poverty_lifted_out_by_2020"),  # "98.99 million escaped poverty"
    "poverty_reduction": ("poverty_lifted_out_by_2020", "poverty_headcount"),
}
NEEDED = {
    "road_length": "a rural road length series (km, Ministry of Transport statistical bulletin)",
    "railway_length": "a railway length series (km, National Railway Administration)",
    "output_value": "an output value series (yuan) for the named park or enterprise",
    "land_area": "a land area series (mu or ha) for the named orchard, park or plot "
    "(the panel's land area is the whole place's, which the sentence does not speak of)",
    "poverty_areas": "a count of poverty-stricken areas (the panel counts delisted counties and villages only)",
}


def panel_series(claim: dict) -> tuple[str, ...]:
    """The panel indicators a claim's indicator is checked against (first = its own series); () if none fits."""
    indicator = claim["indicator"]
    if indicator in ("disposable_income", "per_capita_disposable_income"):  # the extractor names a per-capita one so
        before = claim_dating.before_claim(claim["sentence"], claim["text"])
        named = list(RESIDENTS.finditer(before)) or list(RESIDENTS.finditer(claim["sentence"]))[:1]
        return (INCOME_SERIES[named[-1].lastgroup if named else "all"],)
    if indicator == "land_area" and not PLACE_AREA.search(claim["sentence"]):
        return ()
    return SERIES.get(indicator, (indicator,))
