"""The documents as a reader names them, and Appendix C: inventory, captions, named policies.

A document whose text has no title is named from `documents.yaml` (its kind and focus places,
"untitled in the source text"), never shown as a dash. Every string from a document is escaped.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from ruralrev.metadata import read_documents_yaml
from ruralrev.report.present import Column, long_table, table_html


def curated(documents_yaml: Path | None) -> dict[str, dict]:
    """documents.yaml entries by id (empty if the file is absent)."""
    return read_documents_yaml(documents_yaml)


def titles(documents: pd.DataFrame, documents_yaml: Path | None) -> dict[str, str]:
    """Each document's title: from its text, else what documents.yaml says it is."""
    meta, result = curated(documents_yaml), {}
    for row in documents.to_dict("records"):
        title = row.get("title")
        if isinstance(title, str) and title.strip():
            result[row["id"]] = title.strip()
            continue
        entry = meta.get(row["id"], {})
        kind = entry.get("kind", "document")
        places = ", ".join(entry.get("focus_places", []))
        result[row["id"]] = (
            f"{kind[:1].upper()}{kind[1:]}" + (f" on {places}" if places else "") + ", untitled in the source text"
        )
    return result


def short_names(documents: pd.DataFrame, documents_yaml: Path | None) -> dict[str, str]:
    """A short name per document for headings: 'Batang research paper' (first focus place and kind), else the title."""
    meta, names, result = curated(documents_yaml), titles(documents, documents_yaml), {}
    for doc in documents["id"]:
        entry = meta.get(doc, {})
        places, kind = entry.get("focus_places") or [], str(entry.get("kind", "")).split("(")[0].strip()
        result[doc] = f"{places[0]} {kind}" if places and kind else names[doc]
    return result


def inventory_table(documents: pd.DataFrame, documents_yaml: Path | None) -> str:
    """One row per document: title, kind, authors, date, size and what was extracted."""
    meta, names = curated(documents_yaml), titles(documents, documents_yaml)
    frame = documents.assign(
        name=documents["id"].map(names),
        kind=documents["id"].map(lambda d: meta.get(d, {}).get("kind")),
        note=documents["id"].map(lambda d: meta.get(d, {}).get("note")),
    )
    columns = [
        Column("name", "Document"),
        Column("kind", "Kind (documents.yaml)"),
        Column("authors", "Authors"),
        Column("date", "Date"),
        Column("words", "Words", "count"),
        Column("sections", "Sections", "count"),
        Column("captions", "Captions", "count"),
        Column("claims", "Numeric claims", "count"),
        Column("note", "Curator's note", "note"),
        Column("id", "Document id", "code", secondary=True),
    ]
    return table_html(frame, columns, "Documents read", "documents", wide=True)


def captions_table(captions: pd.DataFrame, names: dict[str, str]) -> str:
    """The tables and figures the documents name, with years and declared unit."""
    frame = captions.assign(
        document=captions["doc"].map(names),
        label=[f"{k.capitalize()} {int(n)}" for k, n in zip(captions["kind"], captions["number"])],
    )
    columns = [
        Column("document", "Document"),
        Column("label", "In the paper"),
        Column("caption", "Caption (quoted)"),
        Column("year_start", "First year", "year"),
        Column("year_end", "Last year", "year"),
        Column("declared_unit", "Declared unit"),
        Column("doc", "Document id", "code", secondary=True),
    ]
    if "page" in captions and captions["page"].notna().any():  # a PDF's captions: where to find them
        columns.insert(2, Column("page", "Page (PDF)", "year"))
    return table_html(frame, columns, "Table and figure captions in the documents", "captions")


def policies_table(policies: pd.DataFrame, names: dict[str, str], tables_dir: Path) -> str:
    """Named policies and events with their year and offset in the document."""
    frame = policies.assign(
        document=policies["doc"].map(names),
        where=[f"{d}:{s}-{e}" for d, s, e in zip(policies["doc"], policies["start"], policies["end"])],
    )
    columns = [
        Column("name", "Policy or event (quoted)"),
        Column("year", "Year", "year"),
        Column("document", "Document"),
        Column("where", "Offset in the raw file", "code", secondary=True),
    ]
    return long_table(frame, columns, "Policies and events named in the documents", "policies", tables_dir)


def mark(sentence, claim) -> str:
    """The sentence with the claim's text marked, every part escaped."""
    if not isinstance(sentence, str) or not sentence:
        return html.escape(str(claim))
    index = sentence.find(claim) if isinstance(claim, str) else -1
    if index < 0:
        return html.escape(sentence)
    end = index + len(claim)
    return f"{html.escape(sentence[:index])}<mark>{html.escape(claim)}</mark>{html.escape(sentence[end:])}"
