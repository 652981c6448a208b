"""What a reader of the HTML report meets: headings, captions, figures' images, web links and source ids.

Read with the standard library's HTML parser from the report's own markup (numbering.py and present.py make
it), so the checks below see the same elements the reader sees.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"img", "br", "wbr", "meta", "link", "hr", "input", "source"}
# Text that is not the report's body: the reference list itself, the page's head and style, the contents list.
NOT_BODY = {"style", "head", "title", "nav"}


@dataclass
class Figure:
    ident: str
    label: str = ""
    image_hash: str = ""


@dataclass
class Markup:
    """The parts of the page the checks read."""

    headings: list[tuple[int, str]] = field(default_factory=list)  # (level, text with its number)
    captions: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, label, text after the label)
    figures: list[Figure] = field(default_factory=list)
    web_links: list[str] = field(default_factory=list)
    body_text: list[tuple[str, str]] = field(default_factory=list)  # (text, href of the enclosing link or "")
    references: set[str] = field(default_factory=set)  # ids of the reference list's entries


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = Markup()
        self.stack: list[tuple[str, dict]] = []
        self.buffers: dict[str, list[str]] = {}
        self.label = ""  # the caption label ("Figure 3") last read

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag == "img" and self.found.figures and any(t == "figure" for t, _ in self.stack):
            self.found.figures[-1].image_hash = hashlib.sha256(attrs.get("src", "").encode()).hexdigest()
        if tag in VOID:
            return
        self.stack.append((tag, attrs))
        if tag == "figure":
            self.found.figures.append(Figure(attrs.get("id", "")))
        if tag in ("h1", "h2", "h3", "h4", "caption", "figcaption") or (
            tag == "span" and "label" in attrs.get("class", "").split()
        ):
            self.buffers[tag if tag != "span" else "label"] = []
        if tag == "a" and re.match(r"https?://", attrs.get("href", "")):
            self.found.web_links.append(attrs["href"])
        if tag == "li" and attrs.get("id", "").startswith("source-"):
            self.found.references.add(attrs["id"][len("source-") :])

    def handle_endtag(self, tag):
        if tag in VOID or not any(t == tag for t, _ in self.stack):
            return
        while self.stack:
            name, _ = self.stack.pop()
            if name == tag:
                break
        if tag == "span" and "label" in self.buffers:
            self.label = " ".join("".join(self.buffers.pop("label")).split()).rstrip(".")
        text = " ".join("".join(self.buffers.pop(tag, [])).split())
        if tag in ("h1", "h2", "h3", "h4"):
            self.found.headings.append((int(tag[1]), text))
        elif tag in ("caption", "figcaption"):
            label = self.label
            after = text[len(label) + 1 :].strip() if label and text.startswith(label) else text
            self.found.captions.append(("table" if tag == "caption" else "figure", label, after))
            if tag == "figcaption" and self.found.figures:
                self.found.figures[-1].label = label
            self.label = ""

    def handle_data(self, data):
        for buffer in self.buffers.values():
            buffer.append(data)
        tags = {t for t, _ in self.stack}
        in_references = any(t == "ol" and "references" in a.get("class", "").split() for t, a in self.stack)
        if not tags & NOT_BODY and not in_references and data.strip():
            href = next((a.get("href", "") for t, a in reversed(self.stack) if t == "a"), "")
            self.found.body_text.append((data, href))


def read_markup(page: str) -> Markup:
    """The headings, captions, figures, links and body text of an HTML page."""
    collector = _Collector()
    collector.feed(page)
    collector.close()
    return collector.found


def duplicated_images(markup: Markup) -> list[list[str]]:
    """Groups of figure labels that show the same image bytes (each group lists two or more figures)."""
    by_hash: dict[str, list[str]] = {}
    for figure in markup.figures:
        if figure.image_hash:
            by_hash.setdefault(figure.image_hash, []).append(figure.label or figure.ident)
    return [labels for labels in by_hash.values() if len(labels) > 1]


def long_captions(markup: Markup, max_chars: int) -> list[tuple[str, int]]:
    """(label, length) of each caption whose text after its label is longer than max_chars, or that prints an
    alt-text dump (alt text belongs in the image's alt attribute only)."""
    return [
        (label or text[:40], len(text))
        for _, label, text in markup.captions
        if len(text) > max_chars or "Alt text:" in text
    ]


def source_id_faults(markup: Markup, id_pattern: re.Pattern, known_ids: set[str] | None = None) -> list[str]:
    """Source ids printed in the body that are not a link to an entry of the reference list.

    `known_ids` (the register's ids) limits the search to real ids; without it every token of the id pattern
    counts."""
    faults = []
    for text, href in markup.body_text:
        for source_id in re.findall(rf"\b{id_pattern.pattern}\b", text):
            if known_ids is not None and source_id not in known_ids:
                continue
            if source_id not in markup.references:
                faults.append(f"{source_id}: no entry in the reference list")
            elif href != f"#source-{source_id}":
                faults.append(f"{source_id}: printed without a link to its reference")
    return sorted(set(faults))
