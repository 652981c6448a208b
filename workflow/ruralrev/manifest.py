"""The raw-data manifest: sha256 of every file under data/raw, checked before anything is derived."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import yaml

from ruralrev.errors import UserError
from ruralrev.files import read_text, read_yaml

MANIFEST_NAME = "manifest.yaml"
METADATA_PATH = "documents/documents.yaml"
DOCUMENT_SUFFIXES = (".txt", ".pdf")
DESCRIPTIVE_KEYS = ("holds", "publisher", "licence")
HEADER = (
    "# Every raw input with its sha256. The workflow refuses to run if a file differs from\n"
    "# this list. Accept new or changed raw files deliberately with `ruralrev manifest --update`\n"
    "# (it keeps the descriptions below and adds entries for new files to be described by hand).\n"
)


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def check_name(raw_dir: Path, rel: str) -> None:
    """Refuse a raw file the workflow cannot name safely or would not read: braces (Snakemake reads them as
    wildcards), line breaks, and documents in sub-folders (documents are read from documents/ itself)."""
    path = raw_dir / rel
    if any(char in rel for char in "{}\n\r"):
        raise UserError(
            f"{path!r}: a file name with braces or a line break cannot pass through the workflow "
            "(Snakemake reads braces as wildcards); rename the file"
        )
    parts = rel.split("/")
    if parts[0] == "documents" and len(parts) > 2:
        raise UserError(
            f"{path}: documents are read from {raw_dir / 'documents'} itself, not from sub-folders; "
            "move the file up into documents/ (or out of data/raw) and run `ruralrev manifest --update`"
        )
    if (
        parts[0] == "documents"
        and len(parts) == 2
        and rel != METADATA_PATH
        and Path(rel).suffix not in DOCUMENT_SUFFIXES
    ):
        raise UserError(
            f"{path}: documents/ holds documents the workflow reads (.txt in UTF-8, or .pdf) and documents.yaml; "
            "save this one as .txt or .pdf (lower-case suffix) or move it out of data/raw, then run "
            "`ruralrev manifest --update`"
        )


def check_document_stems(raw_dir: Path, rels: list[str]) -> None:
    """Refuse a .txt and a .pdf document of the same name: a document's id is its file stem, and one text is
    read per document (keep the PDF, or the text saved from it)."""
    seen: dict[str, str] = {}
    for rel in sorted(rels):
        parts = rel.split("/")
        if len(parts) == 2 and parts[0] == "documents" and Path(rel).suffix in DOCUMENT_SUFFIXES:
            stem = Path(rel).stem
            if stem in seen:
                raise UserError(
                    f"{raw_dir / seen[stem]} and {Path(rel).name}: two documents named {stem!r} (a document's id is "
                    "its file name without the suffix); keep one of them or rename the other, then run "
                    "`ruralrev manifest --update`"
                )
            seen[stem] = rel


def raw_files(raw_dir: Path) -> list[str]:
    """Paths (relative, POSIX) of every raw file except the manifest itself, sorted. A symbolic link is refused:
    it can point outside the repository and change behind the manifest's back."""
    found = []
    for folder, dirs, files in os.walk(raw_dir):
        for name in sorted(dirs + files):
            if (Path(folder) / name).is_symlink():
                raise UserError(
                    f"{Path(folder) / name}: a symbolic link; data/raw holds the files themselves, so the manifest "
                    "vouches for what is read: copy the file in place of the link"
                )
        dirs.sort()
        for name in files:
            if name != MANIFEST_NAME and not name.startswith("."):
                rel = (Path(folder) / name).relative_to(raw_dir).as_posix()
                check_name(raw_dir, rel)
                found.append(rel)
    check_document_stems(raw_dir, found)
    return sorted(found)


def read_manifest(raw_dir: Path) -> list[dict]:
    """The manifest's entries; a UserError if it is missing or not a list of {path, sha256}."""
    path = raw_dir / MANIFEST_NAME
    if not path.exists():
        raise UserError(f"{path}: manifest missing; run `ruralrev manifest --update` to create it")
    try:
        data = read_yaml(read_text(path, "manifest")) or {}
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        where = f" line {line + 1}" if line is not None else ""
        raise UserError(f"{path}{where}: not valid YAML; restore it from git or rerun `ruralrev manifest --update`")
    entries = data.get("files") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not all(isinstance(e, dict) and "path" in e and "sha256" in e for e in entries):
        raise UserError(f"{path}: expected a `files:` list of entries with `path` and `sha256`; restore it from git")
    return entries


def verify(raw_dir: Path) -> list[dict]:
    """Check every raw file against the manifest; return the entries, or a UserError naming the first bad file."""
    entries = read_manifest(raw_dir)
    listed = {e["path"] for e in entries}
    for entry in entries:
        path = raw_dir / entry["path"]
        check_name(raw_dir, entry["path"])
        if path.is_symlink():
            raise UserError(
                f"{path}: a symbolic link; data/raw holds the files themselves, so the manifest vouches for what is "
                "read: copy the file in place of the link"
            )
        if not path.is_file():
            raise UserError(
                f"{path}: listed in {raw_dir / MANIFEST_NAME} but missing; restore it "
                "(git checkout data/raw) or, if the removal is deliberate, run `ruralrev manifest --update`"
            )
        if sha256_of(path) != entry["sha256"]:
            raise UserError(
                f"{path}: content differs from its sha256 in {raw_dir / MANIFEST_NAME} (changed or tampered); "
                "restore it (git checkout data/raw) or accept the change with `ruralrev manifest --update`"
            )
    for rel in raw_files(raw_dir):
        if rel not in listed:
            raise UserError(
                f"{raw_dir / rel}: not in {raw_dir / MANIFEST_NAME}; accept it with `ruralrev manifest --update` "
                "(then describe it there) or remove it"
            )
    return entries


def updated_entries(raw_dir: Path, old: list[dict]) -> list[dict]:
    """Manifest entries for the files now present: new hashes, descriptions kept from `old` where known."""
    by_path = {e["path"]: e for e in old}
    entries = []
    for rel in raw_files(raw_dir):
        path = raw_dir / rel
        previous = by_path.get(rel, {})
        entry = {"path": rel, "sha256": sha256_of(path), "bytes": path.stat().st_size}
        for key in DESCRIPTIVE_KEYS:
            entry[key] = previous.get(key, "to be described")
        entries.append(entry)
    return entries


def write_manifest(raw_dir: Path, entries: list[dict]) -> None:
    """Write the manifest atomically (a temp file renamed into place)."""
    path = raw_dir / MANIFEST_NAME
    body = yaml.safe_dump({"files": entries}, sort_keys=False, allow_unicode=True, width=110)
    tmp = path.with_suffix(".yaml.tmp")
    tmp.write_text(HEADER + body, encoding="utf-8")
    tmp.replace(path)
