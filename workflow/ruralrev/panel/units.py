"""Unit conversion for the raw statistical tables: every published unit string to one base unit.

Base units of the panel: person, yuan, ha, t, kW, km2, m, percent, percentage_point, ratio, year (a
calendar year given as the value) and count nouns (county, village, count). Land is `ha` when published
in ha or mu and `km2` when published in km2, because the raw tables report administrative area and
farmland separately.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import pint

from ruralrev.errors import UserError

# Chinese and English scale words as published; "100m" in these tables means 亿 (1e8), never metres.
SCALES = {
    "万": 1e4,
    "亿": 1e8,
    "10,000": 1e4,
    "10000": 1e4,
    "10k": 1e4,
    "100 million": 1e8,
    "100m": 1e8,
    "million": 1e6,
    # "1000 ha" = 千公顷 (the yearbooks' unit of machine-worked area)
    "1000": 1e3,
    "千": 1e3,
    "billion": 1e9,
}

# Published noun -> (pint unit name, base unit of the panel).
NOUNS = {
    "person": ("person", "person"),
    "persons": ("person", "person"),
    "人": ("person", "person"),
    "yuan": ("yuan", "yuan"),
    "cny": ("yuan", "yuan"),
    "元": ("yuan", "yuan"),
    # Per-capita amounts: the indicator says "per capita", so the panel unit becomes yuan/person (see build).
    "yuan per person": ("yuan", "yuan"),
    "tonnes": ("t", "t"),
    "tonne": ("t", "t"),
    "t": ("t", "t"),
    "吨": ("t", "t"),
    "kg": ("kg", "t"),
    "jin": ("jin", "t"),
    "斤": ("jin", "t"),
    "hectares": ("ha", "ha"),
    "hectare": ("ha", "ha"),
    "ha": ("ha", "ha"),
    "公顷": ("ha", "ha"),
    "mu": ("mu", "ha"),
    "亩": ("mu", "ha"),
    "km2": ("km2", "km2"),
    "平方公里": ("km2", "km2"),
    "m": ("m", "m"),
    "米": ("m", "m"),
    "%": ("percent", "percent"),
    "percent": ("percent", "percent"),
    "percentage points": ("percentage_point", "percentage_point"),
    "percentage point": ("percentage_point", "percentage_point"),
    "ratio": ("ratio", "ratio"),
    "counties": ("county", "county"),
    "county": ("county", "county"),
    "villages": ("village", "village"),
    "village": ("village", "village"),
    "count": ("count", "count"),
    # A calendar year given as the value (the year a county exited poverty), not a duration.
    "year": ("year", "year"),
    # Machinery power: "10k kW" = 万千瓦
    "kw": ("kW", "kW"),
    "千瓦": ("kW", "kW"),
}

BASE_UNITS = sorted({base for _, base in NOUNS.values()})


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    """A pint registry that knows mu, jin, 万 and 亿 and keeps yuan a currency of its own."""
    ureg = pint.UnitRegistry()
    # Currency is its own dimension so that yuan can never be converted into anything physical.
    ureg.define("yuan = [currency] = CNY")
    ureg.define("person = [population]")
    ureg.define("county = [county_count]")
    ureg.define("village = [village_count]")
    ureg.define("count = [item_count]")
    ureg.define("mu = hectare / 15")
    ureg.define("jin = 0.5 * kilogram")
    ureg.define("km2 = kilometer ** 2")
    ureg.define("wan = 1e4")
    ureg.define("yi = 1e8")
    ureg.define("percentage_point = 0.01")
    ureg.define("ratio = 1")
    return ureg


def _clean(unit_text: str) -> str:
    """Drop comments the tables add to a unit: parentheses, price basis, '% of <population>'."""
    text = re.sub(r"\([^)]*\)|（[^）]*）", " ", str(unit_text))
    text = text.replace(", current prices", " ")
    text = re.sub(r"^%\s+of\b.*$", "%", text.strip())
    return re.sub(r"\s+", " ", text).strip().lower()


@lru_cache(maxsize=None)
def parse_unit(unit_text: str) -> tuple[float, str, str]:
    """(scale, pint unit, base unit) of a published unit string; UserError if the string is unknown."""
    text = _clean(unit_text)
    scale = 1.0
    for word in sorted(SCALES, key=len, reverse=True):
        rest = text[len(word) :]
        # An ASCII scale must be a whole word ("10k t"), a Chinese one is a prefix ("万人").
        if text.startswith(word) and (not word.isascii() or rest[:1] in ("", " ")):
            scale, text = SCALES[word], rest.strip()
            break
    if text not in NOUNS:
        raise UserError(
            f"unknown unit {unit_text!r}: ruralrev.panel.units does not know it; "
            "use one of the published forms (e.g. '10k persons', '100m CNY', '10k mu', '%') "
            "or add it to NOUNS/SCALES in units.py"
        )
    pint_unit, base = NOUNS[text]
    return scale, pint_unit, base


@lru_cache(maxsize=None)
def factor_to_base(unit_text: str) -> tuple[float, str]:
    """Multiplier that turns a value in `unit_text` into its base unit, and that base unit."""
    scale, pint_unit, base = parse_unit(unit_text)
    if pint_unit == base:
        return scale, base
    ureg = registry()
    factor = (scale * ureg(pint_unit)).to(ureg(base)).magnitude
    return float(factor), base


def to_base(value: float, unit_text: str) -> tuple[float, str]:
    """`value` published in `unit_text` converted to its base unit: (value, base_unit)."""
    factor, base = factor_to_base(unit_text)
    return float(value) * factor, base


def round_published(value: float, decimals: int, factor: float) -> float:
    """A converted value rounded to the precision it was published with, so that float noise of the
    conversion (1336.4 * 1e7 = 13363999999.999998) does not reach the panel.

    With a power-of-ten factor the published decimals shift by its exponent (137.36 万人: 2 - 4 = -2
    places, i.e. whole persons and coarser); any other factor (mu -> ha is 1/15) keeps 12 significant
    digits, which is below every published precision and above double-precision noise.
    """
    if value == 0 or not math.isfinite(value):
        return value
    exponent = math.log10(factor) if factor > 0 else 0.5
    if abs(exponent - round(exponent)) < 1e-9:
        value = round(value, decimals - round(exponent))
    return float(f"{value:.12g}")
