"""The `extract` stage: reads documents and makes the tables documents, sections, captions,
policies and claims (columns as in workflow/README.md), sorted on their key columns."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from ruralrev.errors import UserError
from ruralrev.extract.claims import COLUMNS as CLAIM_COLUMNS
from ruralrev.extract.claims import extract_claims
from ruralrev.extract.documents import describe_document
from ruralrev.extract.pdftext import page_of, page_starts
from ruralrev.extract.reading import read_document

TABLE_COLUMNS = {
    "claims": CLAIM_COLUMNS,
    "documents": [
        "id",
        "file",
        "pages",
        "title",
        "authors",
        "affiliation",
        "date",
        "words",
        "sections",
        "captions",
        "claims",
    ],
    "sections": ["doc", "number", "heading", "level", "start", "end", "page"],
    "captions": ["doc", "kind", "number", "caption", "start", "end", "page", "year_start", "year_end", "declared_unit"],
    "policies": ["doc", "name", "year", "start", "end"],
}
SORT_KEYS = {
    "claims": ["doc", "start", "end"],
    "documents": ["id"],
    "sections": ["doc", "start"],
    "captions": ["doc", "start"],
    "policies": ["doc", "start", "name"],
}
INTEGER_COLUMNS = {
    "year",
    "year_start",
    "year_end",
    "start",
    "end",
    "level",
    "words",
    "sections",
    "captions",
    "claims",
    "sentence_start",
    "sentence_end",
    "unit_from",
    "page",
    "pages",
}
DOCUMENT_SUFFIXES = (".txt", ".pdf")
JSONL_KEYS = ["doc", "start", "end", "text", "value", "unit", "year", "place", "qualifier", "indicator", "page"]


def document_paths(paths: list[Path]) -> list[Path]:
    """The documents named, folders expanded to their .txt and .pdf files in sorted order."""
    found = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in DOCUMENT_SUFFIXES and p.is_file()))
        elif path.is_file():
            found.append(path)
        else:
            raise UserError(f"{path}: no such document or folder; check the path and rerun")
    return found


def focus_places_by_document(metadata: dict | None) -> dict[str, list[str]]:
    """Document id -> focus_places from a parsed documents.yaml (missing file or entries are fine)."""
    entries = (metadata or {}).get("documents") or []
    if not isinstance(entries, list):
        raise UserError("documents.yaml: `documents` must be a list of entries with an `id`; fix the file and rerun")
    return {str(e["id"]): list(e.get("focus_places") or []) for e in entries if isinstance(e, dict) and "id" in e}


def _table(rows: list[dict], name: str) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=TABLE_COLUMNS[name])
    for column in frame.columns:
        if column in INTEGER_COLUMNS:
            frame[column] = pd.array(frame[column], dtype="Int64")
        elif column == "value":
            frame[column] = frame[column].astype(float)
    return frame.sort_values(SORT_KEYS[name], kind="stable").reset_index(drop=True)


def with_pages(rows: list[dict], starts: list[int]) -> list[dict]:
    """The rows with the page (1-based) their `start` offset falls on; empty for a text without pages."""
    return [{**row, "page": page_of(starts, row["start"])} for row in rows]


def extract_paths(
    paths: list[Path], metadata: dict | None = None, text_layers: Path | None = None
) -> dict[str, pd.DataFrame]:
    """Tables claims, documents, sections, captions and policies of the documents at `paths`; a PDF is read
    through its stored text layer in `text_layers` where there is one."""
    focus = focus_places_by_document(metadata)
    tables: dict[str, list[dict]] = {name: [] for name in TABLE_COLUMNS}
    seen: dict[str, Path] = {}
    for path in document_paths(paths):
        doc_id = path.stem
        if doc_id in seen:
            raise UserError(
                f"{path}: has the same name as {seen[doc_id]}; document ids are file stems, rename one and rerun"
            )
        seen[doc_id] = path
        text = read_document(path, text_layers)
        starts = page_starts(text)
        description = describe_document(doc_id, text)
        claims = with_pages(extract_claims(doc_id, text, focus.get(doc_id)), starts)
        tables["claims"].extend(claims)
        tables["documents"].append(
            {
                "id": doc_id,
                "file": path.name,
                "pages": len(starts) or None,
                "title": description["title"],
                "authors": "; ".join(description["authors"]) or None,
                "affiliation": description["affiliation"],
                "date": description["date"],
                "words": description["words"],
                "sections": len(description["sections"]),
                "captions": len(description["captions"]),
                "claims": len(claims),
            }
        )
        for name in ("sections", "captions"):
            tables[name].extend({"doc": doc_id, **row} for row in with_pages(description[name], starts))
        tables["policies"].extend({"doc": doc_id, **row} for row in description["policies"])
    return {name: _table(rows, name) for name, rows in tables.items()}


def _plain(value):
    """JSON-ready scalar: missing -> None, numpy/pandas numbers -> int/float."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    return value


def iter_jsonl(claims: pd.DataFrame) -> Iterator[str]:
    """One JSON object per claim with exactly the keys doc, start, end, text, value, unit, year, place,
    qualifier, indicator, page (null where missing)."""
    for row in claims.itertuples(index=False):
        record = {key: _plain(getattr(row, key)) for key in JSONL_KEYS}
        for key in ("start", "end", "year", "page"):
            if record[key] is not None:
                record[key] = int(record[key])
        if record["value"] is not None:
            record["value"] = float(record["value"])
        yield json.dumps(record, ensure_ascii=False)
