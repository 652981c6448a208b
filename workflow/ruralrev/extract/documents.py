"""Reads a raw document and describes its structure: title, authors, affiliation, date, section
headings, table and figure captions and named policies, each with offsets into the text as read.

The layout (which line is a heading, a caption, a reference, front matter or body text) is shared
with claims.py, which reads numbers from body text only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SECTION_LABELS = (
    r"Abstract|Keywords|Key words|References|Bibliography|Acknowledge?ments?|Introduction|Conclusions?|Summary|Notes"
)
AFFILIATION_WORDS = re.compile(
    r"\b(University|Institute|School|College|Academy|Department|Bureau|Centre|Center|Laboratory)\b"
)
MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
DATE_LINE = re.compile(rf"^(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|{MONTHS} \d{{1,2}}, \d{{4}}|\d{{1,2}} {MONTHS} \d{{4}})$")
CAPTION = re.compile(
    r"^(?:\*\*)?(?:(?P<kind>Table|Figure|Fig\.)\s*(?P<number>\d+[a-z]?)\s*(?:[.:]|(?=\s+[A-Z]))"
    r"|(?P<kind_zh>表|图|圖)\s*(?P<number_zh>\d+)\s*[.:：]?)(?:\*\*)?\s*(?P<rest>\S.*)$"
)  # "Table 5 Per capita ..." (Springer style) too; "表1 2022年年末常住人口数及其构成", "图 1 ..."
# a Chinese section heading: "一、综合", "（二）农业" (no closing punctuation, short)
ZH_HEADING = re.compile(
    r"^(?:(?P<number>[一二三四五六七八九十]+)、|[（(](?P<sub>[一二三四五六七八九十]+)[）)])\s*(?P<heading>\S.{0,24})$"
)
NUMBERED_HEADING = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2})*)\.?\s+(?P<heading>[A-Z\"“].*)$")
NAME = r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}"
AUTHOR_LIST = re.compile(rf"^{NAME}(?:\s*(?:,|\band\b|&)\s*{NAME})+$")
BYLINE = re.compile(
    r"^\(?\s*[Bb]y\s+(?:(?:Professor|Prof\.|Dr\.?|Mr\.?|Ms\.?)\s+)?(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+){1,2})"
)
TERMINAL = '.!?;:,"”)'
# A line stating a quantity is text to read for claims even when it is short and unpunctuated.
QUANTITY = re.compile(
    r"(?:RMB|¥|\$)\s?\d|\d[\d,.]*\s*(?:%|per ?cent|percentage|million|billion|trillion|thousand|yuan|mu\b|"
    r"hectares?|tons?\b|tonnes?|km|kilomet|people|persons|households|万|亿)",
    re.I,
)


@dataclass(frozen=True)
class Block:
    """A run of the text with one role; `start`/`end` are offsets into the text as read."""

    kind: str  # title, subtitle, authors, affiliation, date, heading, caption, reference, boilerplate, body
    start: int
    end: int
    number: str = ""
    label: str = ""  # heading text, or caption kind
    level: int = 0


def _lines(text: str) -> list[tuple[int, int, str]]:
    """Non-blank lines as (start, end, stripped content), offsets of the stripped content."""
    out = []
    for match in re.finditer(r"[^\n]+", text):
        content = match.group().strip()
        if content:
            start = match.start() + match.group().index(content)
            out.append((start, start + len(content), content))
    return out


def _unmark(line: str) -> str:
    """Line without Markdown heading marks and emphasis."""
    return re.sub(r"\*\*|__", "", re.sub(r"^#{1,6}\s*", "", line)).strip()


def _is_body_like(line: str) -> bool:
    return len(line.split()) >= 15 or line.endswith((".", "!", "?"))


def layout(text: str) -> list[Block]:
    """Blocks of the text in order; consecutive body lines form one body block (a paragraph or more)."""
    lines = _lines(text)
    blocks: list[Block] = []
    front_matter, in_references, i = True, False, 0
    while i < len(lines):
        start, end, line = lines[i]
        plain = _unmark(line)
        nxt = lines[i + 1][2] if i + 1 < len(lines) else ""
        previous = blocks[-1] if blocks else None
        caption = CAPTION.match(plain)
        label = re.match(rf"^(?P<label>{SECTION_LABELS})\s*(?:[:：]\s*(?P<rest>\S.*))?$", plain)
        numbered = NUMBERED_HEADING.match(plain)
        if line.startswith("#"):
            in_references = plain.lower() in ("references", "bibliography")
            if not any(b.kind == "title" for b in blocks) and front_matter and not numbered and not label:
                blocks.append(Block("title", start, end, label=plain))
            elif previous is not None and previous.kind == "title" and plain.startswith(("--", "—")):
                blocks.append(Block("subtitle", start, end, label=plain.lstrip("-— ").strip()))
            elif numbered:
                number = numbered["number"]
                blocks.append(
                    Block("heading", start, end, number, numbered["heading"].strip(" ."), number.count(".") + 1)
                )
            else:
                blocks.append(Block("heading", start, end, label=plain.strip(" ."), level=1))
        elif caption:
            j = i
            while (
                j + 1 < len(lines)
                and (lines[j][2].endswith("-") or lines[j + 1][2][:1].islower() or lines[j + 1][2].startswith("("))
                and not CAPTION.match(_unmark(lines[j + 1][2]))
            ):
                j += 1
            kind = (
                "figure" if (caption["kind"] or "").startswith("Fig") or caption["kind_zh"] in ("图", "圖") else "table"
            )
            blocks.append(Block("caption", start, lines[j][1], caption["number"] or caption["number_zh"], kind))
            i = j
        elif re.match(r"^[-*]?\s*\[\d+\]", line) or in_references:
            blocks.append(Block("reference", start, end))
        elif re.search(r"\b(?:[Ll]icen[cs]e|ICP|[Cc]opyright|All rights reserved)\b|©", plain) and re.search(
            r"\d", plain
        ):
            blocks.append(Block("boilerplate", start, end, label=plain))
        elif DATE_LINE.match(plain):
            blocks.append(Block("date", start, end, label=plain))
        elif label:
            in_references = label["label"].lower() in ("references", "bibliography")
            label_end = start + line.index(label["label"]) + len(label["label"])
            blocks.append(Block("heading", start, label_end, label=label["label"], level=1))
            if label["rest"]:
                blocks.append(Block("body", start + line.index(label["rest"]), end))
            front_matter = False
        elif (
            numbered
            and not numbered["heading"].rstrip().endswith(tuple(TERMINAL))
            and len(plain.split()) <= 20
            and (previous is None or previous.kind != "body" or text[previous.end - 1] in '.!?"”')
        ):
            j = i
            while (
                j + 1 < len(lines)
                and len(lines[j + 1][2].split()) <= 3
                and lines[j + 1][2][:1].isupper()
                and not lines[j + 1][2].endswith(tuple(TERMINAL))
            ):
                j += 1
            heading = " ".join(_unmark(content) for _, _, content in lines[i : j + 1])[len(numbered["number"]) :]
            number = numbered["number"]
            blocks.append(Block("heading", start, lines[j][1], number, heading.strip(" ."), number.count(".") + 1))
            i = j
            front_matter = False
        elif (zh := ZH_HEADING.match(plain)) and not plain.endswith(tuple("。；！？.;:：，,")):
            level = 1 if zh["number"] else 2
            blocks.append(Block("heading", start, end, zh["number"] or zh["sub"], zh["heading"].strip(), level))
            front_matter = False
        elif front_matter and BYLINE.match(plain):
            blocks.append(Block("authors", start, end, label=BYLINE.match(plain)["name"]))
        elif (
            front_matter
            and previous is not None
            and previous.kind in ("title", "subtitle")
            and AUTHOR_LIST.match(plain)
        ):
            blocks.append(Block("authors", start, end, label=plain))
        elif front_matter and previous is not None and previous.kind == "authors" and AFFILIATION_WORDS.search(plain):
            blocks.append(Block("affiliation", start, end, label=plain))
        elif (
            i == 0
            and len(plain.split()) <= 25
            and not plain.endswith((".", ":"))
            and "\n\n" in text[end : end + 4]
            and not QUANTITY.search(plain)
        ):
            blocks.append(Block("title", start, end, label=plain))
        elif (
            len(plain.split()) <= 12
            and not plain.endswith(tuple(TERMINAL))
            and plain[:1].isupper()
            and not QUANTITY.search(plain)
            and not nxt[:1].islower()
            and (previous is None or previous.kind != "body" or text[previous.end - 1] in '.!?"”')
        ):
            is_heading = not re.search(r"\d", plain) and _is_body_like(nxt)
            blocks.append(Block("heading" if is_heading else "boilerplate", start, end, label=plain, level=1))
            front_matter = False
        else:
            if previous is not None and previous.kind == "body":
                blocks[-1] = Block("body", previous.start, end)
            else:
                blocks.append(Block("body", start, end))
            front_matter = False
        i += 1
    return blocks


def _years(text: str) -> tuple[int | None, int | None]:
    """First and last year of a span written in a caption ("2010~2022", "from 2017 to 2021", "in 2019")."""
    # not \b: a year is followed by 年 in Chinese ("2022年"), a word character too
    year = r"(?<![\dA-Za-z])((?:19|20)\d{2})"
    span = re.search(rf"{year}\s*(?:~|-|–|—|to|through|until|至)\s*{year}(?![\dA-Za-z])", text)
    if span:
        return int(span[1]), int(span[2])
    single = re.findall(rf"{year}(?![\dA-Za-z])", text)
    return (int(single[0]), int(single[-1])) if single else (None, None)


def _declared_unit(caption: str) -> str | None:
    """Unit a caption declares in parentheses: "(area: 10,000 mu)" -> "10,000 mu", "(unit: %)" -> "%"."""
    for inner in re.findall(r"\(([^()]+)\)", caption):
        match = re.match(
            r"^\s*(?:[A-Za-z ]+:\s*)?(?P<unit>(?:[\d,.]+\s*|(?:ten thousand|hundred million|thousand|million|billion)\s+)?"
            r"(?:%|percent|yuan|RMB|mu|hectares?|ha|km2|km²|square kilomet\w+|kilomet\w+|km|tons?|tonnes?|t|kg|jin|"
            r"persons?|people|households?|万\w*|亿\w*)(?:\s*/\s*\w+)?)\s*$",
            inner,
        )
        if match and (":" in inner or re.match(r"\s*(?:unit|units|in)\b", inner, re.I) or re.match(r"\s*[\d,]", inner)):
            return match["unit"].strip()
    return None


def fold(text: str) -> str:
    """Text on one line: PDF hyphenation joined, Markdown emphasis dropped, whitespace folded."""
    text = re.sub(r"(?<=[A-Za-z])-[ \t]*\n\s*(?=[a-z])", "", text)
    text = re.sub(r"\s+", " ", re.sub(r"\*\*|__", "", text)).strip()
    return re.sub(r'"\s*([^"]*?)\s*"', r'"\1"', text)  # OCR spaces inside quotes


def describe_document(doc_id: str, text: str) -> dict:
    """Title, authors, affiliation, date, word count, sections, captions and policies of one document."""
    from ruralrev.extract.policies import named_policies  # it reads the Blocks defined here

    blocks = layout(text)
    first = {
        kind: next((b for b in blocks if b.kind == kind), None) for kind in ("title", "subtitle", "affiliation", "date")
    }
    title = first["title"].label if first["title"] else None
    if title and first["subtitle"]:
        title = f"{title}: {first['subtitle'].label}"
    authors = [
        name.strip()
        for b in blocks
        if b.kind == "authors"
        for name in re.split(r",|\band\b|&", b.label)
        if name.strip()
    ]
    captions = []
    for b in blocks:
        if b.kind == "caption":
            caption = CAPTION.match(fold(text[b.start : b.end]))["rest"].strip()
            year_start, year_end = _years(caption)
            captions.append(
                {
                    "kind": b.label,
                    "number": b.number,
                    "caption": caption,
                    "start": b.start,
                    "end": b.end,
                    "year_start": year_start,
                    "year_end": year_end,
                    "declared_unit": _declared_unit(caption),
                }
            )
    sections = [
        {"number": b.number, "heading": fold(b.label), "level": b.level, "start": b.start, "end": b.end}
        for b in blocks
        if b.kind == "heading"
    ]
    date = first["date"].label if first["date"] else None
    return {
        "title": fold(title) if title else None,
        "authors": authors,
        "affiliation": first["affiliation"].label if first["affiliation"] else None,
        "date": date,
        "words": len(re.findall(r"[A-Za-z0-9\u4e00-\u9fff]+(?:['’.,-][A-Za-z0-9]+)*", text)),
        "sections": sections,
        "captions": captions,
        "policies": named_policies(text, blocks),
    }
