"""The source register (data/raw/source_register.csv): one record per source id saying who published the
figure, what the publication is, where it was read and how reliable it is. It is the authority for source
grades and for the words the report uses about a source ("official" only for a government publisher).

The SOURCES*.md notes stay the readable account of each source; the register is their structured form.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from ruralrev.errors import UserError
from ruralrev.files import read_text

COLUMNS = [
    "source_id",
    "publisher",
    "publisher_kind",
    "title",
    "date",
    "url",
    "repository",
    "commit",
    "path",
    "read_as",
    "read_from",
    "grade",
    "grade_reason",
    "licence",
    "defined_in",
    "note",
]
REQUIRED = ("source_id", "publisher", "publisher_kind", "title", "read_as", "grade")
PUBLISHER_KINDS = {
    "statistics_bureau": "statistics bureau",
    "ministry": "ministry",
    "government": "government",
    "news": "news report",
    "journal": "journal",
    "encyclopedia": "encyclopedia",
    "compiler": "third-party compilation",
    "project": "this project",
    "other": "other publisher",
}
# Only these publish official statistics and documents; everything else is a published figure.
OFFICIAL_KINDS = ("statistics_bureau", "ministry", "government")
READ_AS = {
    "original": "read on the publisher's own site or file",
    "copy": "read from a copy",
    "mirror": "read from a mirror",
    "compiled": "compiled by a third party",
}
PATTERNS = {
    "source_id": re.compile(r"(GH\d+|W\d+|P\d{2,3}|S0\d|D\d{3}|Q\d{3})"),
    "date": re.compile(r"(\d{4}(-\d{2}(-\d{2})?)?)?"),
    "url": re.compile(r"(https?://\S+)?"),
    "repository": re.compile(r"([A-Za-z0-9][\w.-]*/[\w.-]+)?"),
    "commit": re.compile(r"([0-9a-f]{7,40})?"),
}
ID_PATTERN = PATTERNS["source_id"]


def parse_register(text: str, name: str = "source_register.csv") -> pd.DataFrame:
    """The register as a frame of text columns, checked row by row; a UserError names the row and column."""
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    header = list(rows[0].keys()) if rows else next(csv.reader(io.StringIO(text)), [])
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise UserError(f"{name}: column {missing[0]!r} missing (expected {', '.join(COLUMNS)}); restore the file")
    seen: set[str] = set()
    for number, row in enumerate(rows, start=1):
        where = f"{name}: data row {number}"
        for column in REQUIRED:
            if not (row.get(column) or "").strip():
                raise UserError(f"{where} ({row.get('source_id') or 'no id'}), column {column!r}: empty; fill it in")
        for column, pattern in PATTERNS.items():
            if not pattern.fullmatch(row[column] or ""):
                raise UserError(f"{where} ({row['source_id']}), column {column!r}: {row[column]!r} is not valid")
        if row["publisher_kind"] not in PUBLISHER_KINDS:
            raise UserError(
                f"{where} ({row['source_id']}), column 'publisher_kind': {row['publisher_kind']!r}; "
                f"use one of {', '.join(PUBLISHER_KINDS)}"
            )
        if row["read_as"] not in READ_AS:
            raise UserError(
                f"{where} ({row['source_id']}), column 'read_as': {row['read_as']!r}; use one of {', '.join(READ_AS)}"
            )
        if row["source_id"] in seen:
            raise UserError(f"{where}: source id {row['source_id']} appears twice; keep one record per id")
        seen.add(row["source_id"])
    return pd.DataFrame(rows, columns=COLUMNS).fillna("")


def read_register(path: Path) -> pd.DataFrame:
    """The register file, decoded and checked."""
    return parse_register(read_text(Path(path), "source register"), Path(path).name)


def grades(register: pd.DataFrame) -> dict[str, float]:
    """Source id -> reliability score of its grade (as the panel scores grade words)."""
    from ruralrev.panel.sources import reliability_score

    return {row.source_id: reliability_score(row.grade) for row in register.itertuples(index=False)}


def is_official(record: dict) -> bool:
    """True when the publisher is a statistics bureau, a ministry or a government body, whatever copy was read."""
    return record.get("publisher_kind") in OFFICIAL_KINDS


def link(record: dict) -> str:
    """Where a reader can check the source: its web address, or the repository file at the commit read."""
    if record.get("url"):
        return record["url"]
    if record.get("repository"):
        base = f"https://github.com/{record['repository']}"
        path = (record.get("path") or "").split(";")[0].strip()
        if record.get("commit") and path:
            return f"{base}/blob/{record['commit']}/{path}"
        return f"{base}/tree/{record['commit']}" if record.get("commit") else base
    return ""


def status(record: dict) -> str:
    """How the report speaks of a figure from this source: 'official (statistics bureau, read from a copy)' or
    'published figure (encyclopedia, read from a mirror)'."""
    kind = PUBLISHER_KINDS.get(record.get("publisher_kind", ""), "other publisher")
    read = READ_AS.get(record.get("read_as", ""), "")
    word = "official" if is_official(record) else "published figure"
    return f"{word} ({kind}{', ' + read if read else ''})"


def attribution(record: dict) -> str:
    """Who published a figure and on what footing, for running text: 'Wikipedia contributors (encyclopedia,
    read from a mirror)', 'Ministry of Finance (official: ministry, read from a copy)'."""
    kind = PUBLISHER_KINDS.get(record.get("publisher_kind", ""), "other publisher")
    read = READ_AS.get(record.get("read_as", ""), "")
    footing = f"official: {kind}" if is_official(record) else kind
    return f"{record.get('publisher') or 'publisher not recorded'} ({footing}{', ' + read if read else ''})"


def cited_ids(text: str, register: pd.DataFrame) -> list[str]:
    """Source ids of the register that a text mentions, in register order."""
    found = set(re.findall(rf"\b{ID_PATTERN.pattern}\b", text))
    return [source_id for source_id in register["source_id"] if source_id in found]
