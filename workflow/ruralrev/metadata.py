"""documents.yaml, the curated metadata of the raw documents: read and checked in one place, so a malformed
entry is one line at start-up instead of a crash inside a notebook."""

from __future__ import annotations

from pathlib import Path

from ruralrev.errors import UserError
from ruralrev.files import read_yaml_file

WHAT = "document metadata"
LIST_KEYS = ("focus_places",)


def read_documents_yaml(path: Path | None) -> dict[str, dict]:
    """The entries of documents.yaml by id ({} when there is no file). Each entry must be a mapping with a
    unique text `id`; `focus_places` a list of names; every other value text. A UserError names the entry."""
    if path is None or not Path(path).exists():
        return {}
    data = read_yaml_file(Path(path), WHAT) or {}
    entries = data.get("documents") if isinstance(data, dict) else None
    if entries is None:
        entries = [] if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise UserError(f"{path}: expected a top-level `documents:` list of entries; fix the {WHAT}")
    by_id: dict[str, dict] = {}
    for number, entry in enumerate(entries, start=1):
        where = f"{path}: entry {number} of `documents`"
        if not isinstance(entry, dict):
            raise UserError(f"{where}: expected a mapping with `id:`; fix the {WHAT}")
        doc_id = entry.get("id")
        if not isinstance(doc_id, str) or not doc_id.strip():
            raise UserError(f"{where}: has no `id` (the document's file name without .txt); add it")
        if doc_id in by_id:
            raise UserError(f"{where}: id {doc_id!r} appears twice; keep one entry per document")
        for key, value in entry.items():
            if key in LIST_KEYS:
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise UserError(f"{where} ({doc_id}): `{key}` must be a list of names, e.g. [Batang, Sichuan]")
            elif value is not None and not isinstance(value, str | int | float):
                raise UserError(f"{where} ({doc_id}): `{key}` must be text; quote it or fix the {WHAT}")
        by_id[doc_id] = entry
    return by_id
