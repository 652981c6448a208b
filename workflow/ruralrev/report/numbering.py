"""Numbers for sections, figures and tables, filled in once over the assembled page.

The page is built from this package's own markup (document text is escaped before it gets here),
so the patterns below only ever match elements the report made. The same numbers then appear in
the HTML and in the PDF rendered from it, and every cross-reference names its target's number.
"""

from __future__ import annotations

import html
import re

from ruralrev.errors import UserError

HEADING = re.compile(r"<h([12])(?: [^>]*)?>(.*?)</h\1>", re.S)
TAG = re.compile(r"<[^>]+>")
BLOCK = re.compile(r'<(figure) class="rr-figure" id="(fig-[^"]+)"|<div class="table-block[^"]*" id="(tab-[^"]+)"')
LABEL = '<span class="label"></span>'
XREF = re.compile(r'<a class="xref" href="#([^"]+)"></a>')
APPENDIX = "Appendix: "


def slug(text: str) -> str:
    """A readable id from a heading's text."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def number_headings(page: str) -> tuple[str, list[dict]]:
    """Give every h1/h2 a unique id and h1s their numbers (1, 2, … then Appendix A, B, …).

    Returns the page and the table of contents entries (level, id, number, title).
    """
    toc, seen = [], set()
    counters = {"section": 0, "appendix": 0, "sub": 0}

    def replace(match: re.Match) -> str:
        level, inner = int(match.group(1)), match.group(2)
        text = html.unescape(TAG.sub("", inner)).strip()
        number = ""
        if level == 1:
            counters["sub"] = 0
            if text.startswith(APPENDIX):
                text = text[len(APPENDIX) :]
                number = f"Appendix {chr(ord('A') + counters['appendix'])}."
                counters["appendix"] += 1
            else:
                counters["section"] += 1
                number = f"{counters['section']}"
        base = slug(f"{number} {text}" if level == 1 else text)
        ident, suffix = base, 2
        while ident in seen:
            ident, suffix = f"{base}-{suffix}", suffix + 1
        seen.add(ident)
        in_appendix = number.startswith("Appendix") if level == 1 else bool(toc) and toc[-1]["appendix"]
        toc.append({"level": level, "id": ident, "number": number, "title": text, "appendix": in_appendix})
        shown = f'<span class="secno">{html.escape(number)}</span> ' if number else ""
        return f'<h{level} id="{ident}">{shown}{html.escape(text)}</h{level}>'

    return HEADING.sub(replace, page), toc


def number_blocks(page: str) -> tuple[str, dict[str, str]]:
    """Figure N / Table N in document order, written into each block's caption label."""
    labels, counts, pieces, position = {}, {"figure": 0, "table": 0}, [], 0
    for match in BLOCK.finditer(page):
        kind = "figure" if match.group(1) else "table"
        ident = match.group(2) or match.group(3)
        if ident in labels:
            raise UserError(f"report: two figures or tables share the id {ident!r}; give each a unique id")
        counts[kind] += 1
        labels[ident] = f"{kind.capitalize()} {counts[kind]}"
        label_at = page.index(LABEL, match.end())
        pieces.append(page[position:label_at] + f'<span class="label">{labels[ident]}.</span>')
        position = label_at + len(LABEL)
    pieces.append(page[position:])
    return "".join(pieces), labels


def resolve_xrefs(page: str, labels: dict[str, str], sections: dict[str, str]) -> str:
    """Fill each cross-reference with its target's number; an unknown target is an error."""

    def replace(match: re.Match) -> str:
        target = match.group(1)
        text = labels.get(target) or sections.get(target)
        if text is None:
            raise UserError(f"report: a cross-reference points to #{target}, which the report does not contain")
        return f'<a class="xref" href="#{target}">{html.escape(text)}</a>'

    return XREF.sub(replace, page)


def number_page(page: str) -> tuple[str, list[dict], dict[str, str]]:
    """Headings, figures, tables and cross-references numbered; returns page, TOC and labels."""
    page, toc = number_headings(page)
    page, labels = number_blocks(page)
    sections = {
        entry["id"]: (f"Section {entry['number']}" if entry["number"][:1].isdigit() else entry["number"].rstrip("."))
        for entry in toc
        if entry["level"] == 1
    }
    return resolve_xrefs(page, labels, sections), toc, labels
