"""The report's layout checked as a reader meets it: pages, headings at a page foot, figures, captions, links.

`check_report(pdf, html)` returns one `Check` per rule with the places that break it; `summary` prints them.
The thresholds below are the report's layout rules (issue 20, "Pages a person wants to read").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from ruralrev.reportcheck import markup, pages

# The whole PDF at most about 32 pages (the body about 20, the appendices the rest).
MAX_PAGES = 32
# "No page more than about two-thirds empty except a chapter's last": content must reach a third of the way down.
MIN_FILLED = 1 / 3
# A caption is a number, the title once and at most three printed lines: three lines of the 8 pt caption
# across the A4 text column hold about 120 characters each; the title's sentence is within this budget too.
MAX_CAPTION_CHARS = 400


@dataclass
class Check:
    """One rule, and the places in the report that break it (empty when the rule holds)."""

    name: str
    faults: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.faults


@dataclass
class Result:
    pages: int
    checks: list[Check]

    def check(self, name: str) -> Check:
        return next(check for check in self.checks if check.name == name)

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)


def check_report(
    pdf: Path, html: Path, id_pattern: re.Pattern | None = None, known_ids: set[str] | None = None
) -> Result:
    """Every layout check on a report's PDF and the HTML it was rendered from."""
    found = markup.read_markup(Path(html).read_text(encoding="utf-8"))
    lines = pages.page_lines(pdf)
    filled = pages.filled_fractions(pdf)
    chapters = [text for level, text in found.headings if level == 1]
    ends = pages.chapter_ends(lines, chapters)
    keep_with_next = [text for level, text in found.headings if level <= 4]
    keep_with_next += [f"{label}. {text}" for kind, label, text in found.captions if kind == "table" and label]
    # WeasyPrint percent-encodes addresses with Chinese characters: compare them decoded
    missing_links = sorted({unquote(link) for link in found.web_links} - pages.web_links(pdf))
    checks = [
        Check("page count", [f"{len(lines)} pages, more than {MAX_PAGES}"] if len(lines) > MAX_PAGES else []),
        Check(
            "near-empty pages",
            [
                f"page {number}: content ends {fraction:.0%} of the way down"
                for number, fraction in enumerate(filled, start=1)
                if fraction < MIN_FILLED and number not in ends
            ],
        ),
        Check(
            "headings at a page foot",
            [f"page {number}: {text}" for number, text in pages.orphans(lines, keep_with_next)],
        ),
        Check("figures twice", [" = ".join(group) for group in markup.duplicated_images(found)]),
        Check(
            "long captions",
            [f"{label}: {length} characters" for label, length in markup.long_captions(found, MAX_CAPTION_CHARS)],
        ),
        Check("web links missing from the PDF", missing_links),
        Check(
            "source ids without a reference",
            markup.source_id_faults(found, id_pattern, known_ids) if id_pattern is not None else [],
        ),
    ]
    return Result(len(lines), checks)


def summary(result: Result, limit: int = 12) -> str:
    """The result in a few lines a person reads: page count, then each check with at most `limit` places."""
    out = [f"{result.pages} pages (at most {MAX_PAGES})"]
    for check in result.checks:
        out.append(f"{'ok  ' if check.ok else 'FAIL'} {check.name}: {len(check.faults)}")
        out.extend(f"       {fault}" for fault in check.faults[:limit])
        if len(check.faults) > limit:
            out.append(f"       … and {len(check.faults) - limit} more")
    return "\n".join(out)
