"""The References chapter: the documents read, the data sources cited (from the source register) and the method
literature, from workflow/report/references.yaml (validated here) and the register's entries.

A bibliographic detail appears only where the YAML has it, and the YAML has it only where a stored public page
confirmed it; what was looked for and not found is said in words.
"""

from __future__ import annotations

import html
from pathlib import Path

import yaml

from ruralrev.errors import UserError

DOCUMENT_KEYS = {"id", "authors", "title", "description", "genre", "affiliation", "publisher", "date", "not_found"}
METHOD_KEYS = {
    "id",
    "authors",
    "year",
    "title",
    "venue",
    "volume",
    "issue",
    "pages",
    "used_for",
    "checked_at",
    "not_found",
}
METHOD_REQUIRED = ("id", "authors", "year", "title", "venue", "checked_at")


def load(path: Path) -> dict:
    """The references file, checked: known keys only, required keys present, ids unique."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    name = Path(path).name
    for section, keys, required in (
        ("documents", DOCUMENT_KEYS, ("id", "genre")),
        ("methods", METHOD_KEYS, METHOD_REQUIRED),
    ):
        entries = data.get(section) or []
        ids = [entry.get("id") for entry in entries]
        if len(ids) != len(set(ids)):
            raise UserError(f"{name}: duplicate id in {section}")
        for entry in entries:
            unknown = set(entry) - keys
            missing = [key for key in required if not entry.get(key)]
            if unknown or missing:
                raise UserError(
                    f"{name}: {section} entry {entry.get('id')!r}: unknown {sorted(unknown)}, missing {missing}"
                )
            if section == "documents" and not (entry.get("title") or entry.get("description")):
                raise UserError(f"{name}: document {entry['id']!r} needs a title or a description")
    if not all(isinstance(item, str) for item in data.get("not_found") or []):
        raise UserError(f"{name}: not_found must be a list of sentences")
    return {
        "documents": data.get("documents") or [],
        "methods": data.get("methods") or [],
        "not_found": data.get("not_found") or [],
    }


def document_anchor(doc: str) -> str:
    return f"ref-{doc}"


def _e(value) -> str:
    return html.escape(str(value))


def _stop(text: str) -> str:
    """Text closed by a full stop unless it already ends in one (or a question or exclamation mark)."""
    plain = text.rstrip().removesuffix("</em>")
    return text if plain.endswith((".", "?", "!")) else f"{text}."


def document_entry(entry: dict) -> str:
    authors = ", ".join(entry.get("authors") or [])
    title = (
        f"<em>{_e(entry['title'])}</em>"
        if entry.get("title")
        else _e(entry["description"]) + " (untitled in the text read)"
    )
    parts = [
        f"{_e(authors)}." if authors else "",
        _stop(title),
        f"{_e(entry['genre'][:1].upper() + entry['genre'][1:])}.",
    ]
    for key in ("affiliation", "publisher", "date"):
        if entry.get(key):
            parts.append(f"{_e(entry[key][:1].upper() + entry[key][1:])}.")
    if entry.get("not_found"):
        parts.append(f"Not found in the stored public pages: {_e(entry['not_found'])}.")
    return f'<li id="{document_anchor(entry["id"])}">' + " ".join(p for p in parts if p) + "</li>"


def method_entry(entry: dict) -> str:
    where = f"{_e(entry['venue'])}"
    if entry.get("volume"):
        where += f" {_e(entry['volume'])}"
    if entry.get("issue"):
        where += f"({_e(entry['issue'])})"
    if entry.get("pages"):
        where += f": {_e(entry['pages'])}"
    link = _e(entry["checked_at"])
    text = (
        f"{_e(', '.join(entry['authors']))} ({_e(entry['year'])}). {_e(entry['title'])}. <em>{where}</em>. "
        + (f"Used for {_e(entry['used_for'])}. " if entry.get("used_for") else "")
        + f'Details checked at <a href="{link}">{link}</a>.'
        + (f" Not found: {_e(entry['not_found'])}." if entry.get("not_found") else "")
    )
    return f'<li id="ref-{_e(entry["id"])}">{text}</li>'


def chapter(references: dict, sources_cited: str) -> str:
    """The References chapter: documents, methods, then the data sources (the register's entries, already
    rendered): the long list of sources comes last, so that its columns need not be balanced (see report.css)."""
    documents = "".join(document_entry(entry) for entry in references["documents"])
    methods = "".join(method_entry(entry) for entry in references["methods"])
    missing = ""
    if references["not_found"]:
        items = "".join(f"<li>{_e(item)}</li>" for item in references["not_found"])
        missing = (
            "<p>Method literature the analysis follows whose bibliographic details were not found in the stored "
            f'public pages, so not cited with details:</p><ul class="references">{items}</ul>'
        )
    return (
        "<h1>References</h1>"
        "<h2>Documents read</h2>"
        "<p>What each document is, with the bibliographic details that could be confirmed.</p>"
        f'<ol class="references">{documents}</ol>'
        "<h2>Method literature</h2>"
        f'<ol class="references">{methods}</ol>{missing}'
        f"{sources_cited}"
    )
