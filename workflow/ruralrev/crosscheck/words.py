"""The ledger's explanations in a reader's words: panel series and definitions named as a reader would
name them, never by the panel's codes ("poverty_fund_central" is "the central special poverty-alleviation
fund", "year_end" is "year-end"). The codes stay in the ledger's own columns (indicator, source)."""

from __future__ import annotations

import re

# Series whose code, its underscores read as spaces, would not say what it counts.
SERIES_NAMES = {
    "poverty_fund": "special poverty-alleviation fund",
    "poverty_fund_central": "central special poverty-alleviation fund",
    "poverty_fund_central_2011_2015": "central special poverty-alleviation fund, 2011–2015 in total",
    "linkage_fund_central": "central linkage fund for rural revitalization (the special poverty-alleviation "
    "fund's successor from 2021, a different programme)",
    "poverty_headcount": "rural poor (year-end count)",
    "poverty_reduction": "people lifted out of poverty in the year",
    "poverty_reduction_2012_2019": "people lifted out of poverty, 2012–2019 in total",
    "poverty_lifted_out_by_2020": "rural poor lifted out of poverty, 2013–2020 in total",
    "poverty_counties": "poverty-stricken counties",
    "poverty_counties_delisted": "poverty-stricken counties taken off the list",
    "poverty_villages_delisted": "poverty-stricken villages taken off the list",
    "poverty_areas": "poverty-stricken areas",
    "gdp": "GDP",
    "gdp_per_capita": "GDP per capita",
    "per_capita_gdp": "GDP per capita",
    "disposable_income": "per capita disposable income",
    "per_capita_disposable_income": "per capita disposable income",
    "disposable_income_all": "per capita disposable income of all residents",
    "disposable_income_rural": "per capita disposable income of rural residents",
    "disposable_income_urban": "per capita disposable income of urban residents",
    "net_income_rural_old_basis": "per capita net income of rural residents (the series before 2013)",
    "per_capita_net_income": "per capita net income of rural residents",
    "housing_improved_households": "households whose housing was made safe",
    "households_resettled": "households resettled",
    "grid_coverage": "power grid coverage",
    "network_coverage": "network coverage",
}
DEFINITIONS = {"year_end": "year-end", "annual": "annual", "census": "census", "cumulative": "cumulative"}


def series_name(indicator: str) -> str:
    """A series as a reader names it: 'rural_population' -> 'rural population'."""
    if not indicator:
        return "an unnamed quantity"
    return SERIES_NAMES.get(indicator, indicator.replace("_", " "))


def definition_name(definition: str) -> str:
    """A definition as a reader names it: 'year_end' -> 'year-end'."""
    return DEFINITIONS.get(definition, str(definition).replace("_", " "))


# A bound written after the number ("100 More than mu"): a word-for-word translation of 100多亩, where 多
# ("more") follows the number; the extractor reads it as "more than 100 mu" (qualifier over).
BOUND_AFTER = re.compile(
    r"^(?P<number>\d[\d.,]*)\s+(?P<bound>more than|over|less than|nearly|about)\s+(?P<rest>\S.*)$", re.I
)


def reading_note(text: str, qualifier: str) -> str | None:
    """How a claim whose text puts its bound after the number was read, or None for any other text."""
    match = BOUND_AFTER.match(re.sub(r"\s+", " ", str(text or "")).strip())
    if not match or qualifier not in ("over", "under", "approximately"):
        return None
    reading = f"{match['bound'].lower()} {match['number']} {match['rest']}"
    return (
        f"read as '{reading}': the text writes the bound after the number, as a word-for-word translation "
        f"of a Chinese 多 (more than) after the number does"
    )
