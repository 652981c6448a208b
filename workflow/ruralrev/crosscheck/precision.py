"""What a claim's own text says about its precision, and how official values are written back in the
claim's scale and unit ("556.68 million" -> ±5,000; 50992e4 -> "509.92 million persons (50992 万)").

Rounding rule (the tolerance within which an official value confirms a stated one):
- a number with decimals is exact to half a unit of its last decimal: 556.68 million -> ±5,000;
- a whole number ending in zeros was rounded, so it is exact to half a unit of its last NON-zero digit:
  560 million -> ±5 million, 2,300 -> ±50, 172 million -> ±0.5 million;
- such a number with a single non-zero digit (1,000; 400 million; 20 billion) is read to two significant
  figures, half a unit of the second: 1,000 -> ±50, 400 million -> ±5 million, 20 billion -> ±0.5 billion.
  Reading "1,000" as ±500 would let almost any value of the right size confirm it; writers who mean a
  loose bound say so ("about", "more than"), and those qualifiers have their own margins (`step`).
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

import numpy as np

SCALE_WORDS = {1e3: "thousand", 1e4: "万", 1e6: "million", 1e8: "亿", 1e9: "billion", 1e12: "trillion"}
PLURALS = {"person": "persons", "household": "households", "village": "villages", "county": "counties"}
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


class Stated(NamedTuple):
    """What a claim's own text says about its precision ("556.68 million", "more than 400 million")."""

    tolerance: float  # half a unit of the last stated (non-zero) digit: 556.68 million -> 5,000
    step: float  # one unit of the last significant digit: 400 million -> 100 million
    digits: int  # significant digits: 146.1 -> 4
    scale: float  # power of ten of the scale word: billion -> 1e9


def read_stated(text: str, value: float) -> Stated:
    """The precision of the number a claim's text states; zero tolerance if the text has no number."""
    match = NUMBER.search(str(text or ""))
    number = match.group().replace(",", "") if match else ""
    if not number or not float(number) or not value:
        return Stated(0.0, 0.0, 0, 1.0)
    whole, _, fraction = number.partition(".")
    scale = abs(value / float(number))
    last_digit = scale * 10.0 ** -len(fraction)
    zeros = 0 if fraction else len(whole) - len(whole.rstrip("0"))
    significant = len(re.sub(r"\D", "", number).strip("0"))
    # trailing zeros of a whole number are rounding, not stated digits; one non-zero digit reads as two figures
    rounded_to = zeros - 1 if zeros and significant == 1 else zeros
    tolerance = last_digit * 10**rounded_to / 2
    return Stated(tolerance, last_digit * 10**zeros, significant, float(10 ** round(math.log10(scale))))


def formatter(scale: float, unit: str):
    """A function writing a value in the claim's scale and unit: 50992e4 -> '509.92 million persons (50992 万)'."""
    word = SCALE_WORDS.get(scale, "" if scale == 1 else f"x{scale:g}")

    def fmt(value: float) -> str:
        number = np.format_float_positional(round(value / scale, 6), trim="-")
        if unit == "percent":
            return f"{number}%"
        text = " ".join(p for p in [number, word, PLURALS.get(unit, unit)] if p)
        if word in ("万", "亿") and unit == "yuan":  # a bare number read at a Chinese scale: "1561 亿元"
            text = f"{number} {word}元"
        chinese = {"yuan": (1e8, "亿元"), "person": (1e4, "万")}.get(unit)
        if chinese and scale in (1e6, 1e9) and abs(value) >= chinese[0]:
            text += f" ({np.format_float_positional(round(value / chinese[0], 4), trim='-')} {chinese[1]})"
        return text

    return fmt
