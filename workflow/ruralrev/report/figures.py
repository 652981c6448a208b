"""Sections "National trends" and "The papers' figures and tables", from reports/figures/index.csv.

The index (written by the figures stage) has one row per figure or table the workflow makes:
`id, title, doc, caption_kind, caption_number, status, reason, files, sources`. Rows without a
document are the workflow's own national figures; rows with one rebuild a caption of that paper.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd

from ruralrev.report.present import MAX_ROWS, Column, figure_html, is_missing, table_html

# The papers' own figures are not in the corpus (captions only): a figure is drawn from the statistics its caption
# names, never "rebuilt".
STATUS_WORDS = {
    "rebuilt": "Drawn from the statistics the caption names",
    "partial": "Partly drawn",
    "not_rebuildable": "Not rebuildable",
}
NOT_IN_CORPUS = "the paper's figure is not in the corpus, only its caption"
SECONDARY = ("geo_code", "source", "raw_file", "raw_row")


def read_index(path: Path | None) -> pd.DataFrame | None:
    """The figures index, or None when this workflow does not produce one."""
    if path is None or not Path(path).exists():
        return None
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _files(row: dict, figures_dir: Path) -> list[Path]:
    """The files of one index row, found as given or inside reports/figures."""
    paths = []
    for token in str(row.get("files", "")).replace(",", ";").split(";"):
        token = token.strip()
        if token:
            candidate = Path(token)
            paths.append(candidate if candidate.exists() else figures_dir / candidate.name)
    return paths


def _caption_text(png: Path, fallback: str) -> str:
    """The caption file written beside a figure (<name>.txt), else the index title."""
    text_file = png.with_suffix(".txt")
    return text_file.read_text(encoding="utf-8").strip() if text_file.exists() else fallback


def _display_columns(csv: Path, frame: pd.DataFrame) -> list[str]:
    """The columns the figures stage chose to display (its HTML fragment's header), else the non-empty ones."""
    fragment = csv.with_suffix(".html")
    if fragment.exists():
        chosen = [
            html.unescape(name) for name in re.findall(r"<th[^>]*>([^<]+)</th>", fragment.read_text(encoding="utf-8"))
        ]
        chosen = [name for name in chosen if name in frame.columns]
        if chosen:
            return chosen
    return [name for name in frame.columns if frame[name].notna().any()]


def generic_table(csv: Path, caption: str, table_id: str, reports_dir: Path) -> str:
    """A table the figures stage wrote: its display columns in words, its caption file below; the CSV linked."""
    frame = pd.read_csv(csv)
    columns = []
    for name in _display_columns(csv, frame):
        numeric = pd.api.types.is_numeric_dtype(frame[name])
        kind = "year" if "year" in name.lower() and numeric else "number" if numeric else "text"
        if name not in SECONDARY:  # file names, rows and codes stay in the CSV
            columns.append(Column(name, name.replace("_", " ").capitalize(), kind))
    link = (
        html.escape(csv.relative_to(reports_dir).as_posix())
        if csv.is_relative_to(reports_dir)
        else html.escape(csv.name)
    )
    about = csv.with_suffix(".txt")
    note = html.escape(about.read_text(encoding="utf-8").strip()) + " " if about.exists() else ""
    note += f'All columns: <a class="table-file" href="{link}">{link}</a>.'
    if len(frame) > MAX_ROWS:
        note = f"Shown: the first {MAX_ROWS} of {len(frame):,} rows. " + note
    return table_html(frame.head(MAX_ROWS), columns, caption, table_id, note=note, wide=len(columns) > 6)


def figure_block(row: dict, figures_dir: Path) -> str:
    """The figure (PNG) or table (CSV) of one index row, with its caption."""
    files = _files(row, figures_dir)
    pngs = [p for p in files if p.suffix == ".png" and p.exists()]
    ident = str(row["id"])
    if pngs:
        caption = _caption_text(pngs[0], str(row.get("title", ident)))
        return figure_html(pngs[0], html.escape(caption), ident, str(row.get("title") or caption))
    csvs = [p for p in files if p.suffix == ".csv" and p.exists()]
    if csvs:
        return generic_table(csvs[0], str(row.get("title") or ident), ident, figures_dir.parent)
    return ""


def national_trends(index: pd.DataFrame | None, figures: list[str], figures_dir: Path) -> str:
    """The workflow's own figures: index rows without a document (or the configured list without an index)."""
    if index is None:
        rows = [{"id": name, "title": name.replace("_", " "), "files": f"{name}.png"} for name in figures]
    else:
        rows = index[index["doc"].map(is_missing)].to_dict("records")
    return "".join(figure_block(row, figures_dir) for row in rows)


def quoted_caption(row: dict, captions: pd.DataFrame) -> str:
    """The caption of an index row's figure or table as the document gives it (else the row's title)."""
    match = captions[
        (captions["doc"] == row["doc"])
        & (captions["kind"] == row.get("caption_kind", ""))
        & (captions["number"].astype(str) == str(row.get("caption_number", "")))
    ]
    return match["caption"].iloc[0] if len(match) else row.get("title", "")


def borrowed(row: dict) -> bool:
    """True when an index row's figure is another analysis's (its files are not named after the row): the paper's
    figure is then not rebuildable, whatever that analysis draws."""
    files = [f for f in str(row.get("files", "")).replace(",", ";").split(";") if f.strip()]
    return bool(files) and not any(Path(f.strip()).stem == str(row["id"]) for f in files)


def status_of(row: dict, pointer: str = "") -> tuple[str, str]:
    """(status words, reason) of one caption of a paper, told honestly."""
    status = str(row.get("status", ""))
    reason = str(row.get("reason", "") or "")
    if borrowed(row) or status == "not_rebuildable":
        why = f"{NOT_IN_CORPUS}, which names no statistic; the workflow's own coupling analysis stands in its place"
        return "Not rebuildable", why + (f"; {pointer}" if pointer else "")
    words = STATUS_WORDS.get(status, status)
    if row.get("caption_kind") == "table":
        words = {"rebuilt": "Compiled from the sources", "partial": "Partly compiled"}.get(status, words)
        note = "the paper's table is not in the corpus, only its caption; "
    else:
        note = f"{NOT_IN_CORPUS}; "
    return words, (note + reason).strip("; ") if status in ("rebuilt", "partial") else reason


def papers_table(index: pd.DataFrame | None, captions: pd.DataFrame, names: dict[str, str], pointers: dict) -> str:
    """One row per caption of the documents: the paper, the caption quoted, and what this report shows for it."""
    if index is None:
        return ""
    rows = []
    for row in index[~index["doc"].map(is_missing)].to_dict("records"):
        kind, number = row.get("caption_kind", ""), row.get("caption_number", "")
        words, reason = status_of(row, pointers.get(row["id"], ""))
        rows.append(
            {
                "paper": names.get(row["doc"], row["doc"]),
                "label": f"{kind.capitalize()} {number}",
                "caption": quoted_caption(row, captions),
                "status": words,
                "reason": reason,
            }
        )
    columns = [
        Column("paper", "Document"),
        Column("label", "In the paper"),
        Column("caption", "Caption (quoted)"),
        Column("status", "In this report"),
        Column("reason", "Why, and what is missing", "note"),
    ]
    return table_html(pd.DataFrame(rows), columns, "The papers' figures and tables", "papers")


def papers_drawn(index: pd.DataFrame | None, figures_dir: Path, skip: tuple[str, ...] = ()) -> str:
    """The figures and tables drawn for the papers' captions (borrowed and skipped ones left out)."""
    if index is None:
        return ""
    rows = index[~index["doc"].map(is_missing)].to_dict("records")
    return "".join(
        figure_block(row, figures_dir)
        for row in rows
        if not borrowed(row) and row["id"] not in skip and row.get("status") != "not_rebuildable"
    )
