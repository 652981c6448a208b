"""The documents as a reader names them, and Appendix C: inventory, captions, named policies.

A document whose text has no title is named from `documents.yaml` (its kind and focus places,
"untitled in the source text"), never shown as a dash. Every string from a document is escaped.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd

from ruralrev.metadata import read_documents_yaml
from ruralrev.report.present import Column, long_table, table_html, write_full


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


def mark(sentence, claim, around: int | None = None) -> str:
    """The sentence with the claim's text marked, every part escaped; with `around`, only that many characters
    either side of the claim are kept (cut at a word, an ellipsis says so): the whole sentence stays in the CSV."""
    if not isinstance(sentence, str) or not sentence:
        return html.escape(str(claim))
    index = sentence.find(claim) if isinstance(claim, str) else -1
    if index < 0:
        return html.escape(sentence if around is None else _clip(sentence, 2 * around, "end"))
    end = index + len(claim)
    before, after = sentence[:index], sentence[end:]
    if around is not None:
        before, after = _clip(before, around, "start"), _clip(after, around, "end")
    return f"{html.escape(before)}<mark>{html.escape(claim)}</mark>{html.escape(after)}"


def _clip(text: str, limit: int, side: str) -> str:
    """`text` cut to about `limit` characters at a space, keeping its start ('end' is cut) or its end ('start')."""
    if len(text) <= limit:
        return text
    if side == "end":
        cut = text[:limit]
        return cut[: cut.rfind(" ")] + " …" if " " in cut else cut + "…"
    cut = text[-limit:]
    return "… " + cut[cut.find(" ") + 1 :] if " " in cut else "…" + cut


KINDS = {
    "no1_document": "No. 1 Central Document",
    "reform": "reform",
    "law": "law",
    "decision": "decision",
    "plan": "plan",
    "opinion": "opinions",
    "regulation": "regulation",
    "institution": "institution",
}


def _english(title) -> str | None:
    """An English title without the source ids it carries in the raw table (they stay in the CSV): a parenthesis
    naming a source id is dropped, keeping only the word that the translation is unofficial."""
    if not isinstance(title, str) or not title.strip():
        return None

    def drop(match: re.Match) -> str:
        return " (unofficial)" if "unofficial" in match.group(0) else ""

    return re.sub(r"\s*\([^()]*\bD\d{3}\b[^()]*\)", drop, title).strip()


def policy_table(policies: pd.DataFrame, tables_dir: Path) -> str:
    """The Liupanshui paper's Table 3 as compiled from the sources: every row, English title first (where a source
    gives one) with the Chinese beside; sources of each row in the CSV."""
    frame = policies.assign(
        english=policies["title_en"].map(_english).fillna("no English title in the sources read"),
        kind_words=policies["kind"].map(KINDS).fillna(policies["kind"]),
        issuer_text=policies["issuer"].map(
            lambda v: re.sub(r"\s*(?:per\s+)?\bD\d{3}\b", "", v) if isinstance(v, str) else v
        ),
        when=policies["date"].fillna(policies["year"].astype(str)),
    ).sort_values(["year", "date"], na_position="last", kind="stable")
    columns = [
        Column("when", "Date"),
        Column("english", "English title"),
        Column("title_zh", "Chinese title"),
        Column("issuer_text", "Issuer"),
        Column("kind_words", "Kind"),
    ]
    link = write_full(policies, [Column(c, c) for c in policies.columns], "policy-documents", tables_dir)
    note = (
        "Rows where sources disagree on a date are kept twice; a title no source gave says so. Sources of every row, "
        f"with their notes, in {link}."
    )
    return table_html(
        frame,
        columns,
        "Major documents and systems for rural revitalization since 2000",
        "policy-table",
        note=note,
        wide=True,
    )
