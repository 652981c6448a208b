"""Chinese text as the claim reader reads it: one simplified, half-width copy of a sentence that maps every
character back to its position in the sentence, so offsets always point into the stored text.

- Traditional characters become simplified (OpenCC's `t2s`, which ships its dictionaries in the wheel; its
  output has the length of its input for these texts, else each character is converted on its own);
- full-width forms become ASCII (１２３，９２．２％ -> 123,92.2%), the ideographic space a space, the ratio colon
  ∶ a colon, 〔〕 and 【】 square brackets;
- an ideographic full stop between digits is a decimal point as some pages print it ("6。3%");
- pinyin a mirror wrote after characters in parentheses ("萬(wàn)", "常(chang)(chang)") is dropped;
- numbers written as LaTeX by a PDF conversion are read as plain ones (latex.plain).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ruralrev.extract import latex

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN = re.compile(f"[{CJK}]")
LATIN = re.compile(r"[A-Za-z]")
# variant characters OpenCC leaves as they are: 陜 (U+965C), printed for 陝 in "陜西"
VARIANTS = {0x965C: "陕"}
FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
OTHER_FORMS = {0x3000: " ", 0x2236: ":", 0x3014: "[", 0x3015: "]", 0x3010: "[", 0x3011: "]", 0xFF5E: "~"}
# pinyin in brackets right after a character (a mirror's reading aid): letters with or without tone marks
PINYIN = re.compile(rf"(?<=[{CJK}])(?:\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{{1,6}})\))+")


@dataclass(frozen=True)
class Folded:
    """A sentence folded for reading; `index[i]` is the position in the sentence of `text[i]`."""

    text: str
    index: list[int]


def is_chinese(text: str) -> bool:
    """Whether a sentence is Chinese: it has Han characters and more of them than Latin letters."""
    han = len(HAN.findall(text))
    return han >= 2 and han > len(LATIN.findall(text)) / 3


@cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """The text in simplified characters, character for character (same length as the input)."""
    text = text.translate(VARIANTS)
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    convert = _converter().convert
    return "".join(c if len(c := convert(char)) == 1 else char for char in text)


def fold(sentence: str) -> Folded:
    """The sentence simplified and folded to half-width forms, pinyin annotations dropped (see the module)."""
    keep = [True] * len(sentence)
    for match in PINYIN.finditer(sentence):
        for k in range(match.start(), match.end()):
            keep[k] = False
    text = simplified(sentence).translate(FULL_WIDTH).translate(OTHER_FORMS)
    chars = [c for c, k in zip(text, keep) if k]
    index = [i for i, k in enumerate(keep) if k]
    # numbers a PDF conversion wrote as LaTeX become plain ones, each character still mapped to the sentence
    read = latex.plain("".join(chars))
    folded = "".join(c for c, _ in read)
    index = [index[k] for _, k in read]
    folded = re.sub(r"(?<=\d)。(?=\d)", ".", folded)  # one character for one: the map stays as it is
    return Folded(folded, index)
