"""Numbers a PDF-to-Markdown conversion wrote as LaTeX, read as plain text ("$6 8 8 . 1 1 \\times 1 0 ^ { 4 }$ 人"
-> "688.11万 人", "$1 5 0 { \\sim } 6 0 0 ~ \\mathrm { m m }$" -> "150~600毫米", "$4 1 . 1 2 \\%$" -> "41.12%").

`plain(text)` returns (character, position in `text`) pairs, so the reader's offsets still point into the
stored text: a rewritten word maps to the characters it replaces, its last character to the closing brace of
its group, so a claim's span ends where its LaTeX does.
"""

from __future__ import annotations

import re

# an inline formula: no line break and no Han character inside (a dollar sign of an amount is no formula)
MATH = re.compile(r"\$([^$\n\u3400-\u9fff]{1,200})\$")
# a Markdown escape outside formulas ("0.30\~0.65", "5\%")
ESCAPE = re.compile(r"\\(?=[~%])")
# layout inside a formula: spaces (the conversion spaces every digit), groups, ~ (a LaTeX space), font commands
LAYOUT = re.compile(r"\s+|[{}~]|\\(?:mathrm|mathbf|mathit|text|rm|left|right)(?![A-Za-z])")
# 10^n written as the scale word the reader knows
POWERS = {"4": "万", "6": "百万", "7": "千万", "8": "亿", "12": "万亿"}
# units written in Latin letters after a number, as the Chinese words of the vocabulary
UNITS = {"km^2": "平方公里", "km2": "平方公里", "hm^2": "公顷", "m^2": "平方米", "km": "公里", "mm": "毫米"}
UNITS |= {"kg": "公斤", "m": "米", "t": "吨"}
WORDS = re.compile(
    r"(?:\\times|×)10\^(?P<power>\d{1,2})|\\(?P<sim>sim|thicksim)(?![A-Za-z])|\\(?P<pct>%)"
    rf"|(?<=[\d%万亿])(?P<unit>{'|'.join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))})(?![A-Za-z])"
)


def _closing(text: str, position: int, end: int) -> int:
    """The last closing brace of the groups right after `position` (within the formula), else `position`."""
    last = position
    for k in range(position + 1, end):
        if text[k] == "}":
            last = k
        elif not (text[k].isspace() or text[k] == "~"):
            break
    return last


def _formula(text: str, start: int, end: int) -> list[tuple[str, int]]:
    """The formula text[start:end] (without its dollars) as plain characters with their positions."""
    dropped = {k for m in LAYOUT.finditer(text, start, end) for k in range(m.start(), m.end())}
    kept = [(text[k], k) for k in range(start, end) if k not in dropped]
    reduced = "".join(c for c, _ in kept)
    out: list[tuple[str, int]] = []
    position = 0
    for match in WORDS.finditer(reduced):
        if match["power"] and match["power"] not in POWERS:
            continue
        out += kept[position : match.start()]
        word = POWERS[match["power"]] if match["power"] else "~" if match["sim"] else "%" if match["pct"] else None
        word = word or UNITS[match["unit"]]
        first, last = kept[match.start()][1], _closing(text, kept[match.end() - 1][1], end)
        out += [(c, first if n < len(word) - 1 else last) for n, c in enumerate(word)]
        position = match.end()
    return out + kept[position:]


def plain(text: str) -> list[tuple[str, int]]:
    """The text with its inline formulas read as plain numbers and units (see the module)."""
    if "$" not in text and "\\" not in text:
        return [(c, k) for k, c in enumerate(text)]
    out: list[tuple[str, int]] = []
    position = 0
    for match in MATH.finditer(text):
        body = match[1]
        # a formula with a number: LaTeX markup, or digits spaced one by one ("$2 0 1 9$"); "US$5 and US$" is none
        if not re.search(r"\d", body) or not (
            re.search(r"[\\^{]", body) or re.fullmatch(r"\s*\d(?: [\d.,%])+\s*", body)
        ):
            continue
        out += [(text[k], k) for k in range(position, match.start()) if not ESCAPE.match(text, k)]
        out += _formula(text, match.start(1), match.end(1))
        position = match.end()
    return out + [(text[k], k) for k in range(position, len(text)) if not ESCAPE.match(text, k)]
