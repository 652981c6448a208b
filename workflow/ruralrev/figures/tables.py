"""Kind `raw_table`: chosen rows of one raw table as a small table; rows without a value say 'not found'.

The entry's `rows` list the raw indicators to show, each with the label printed for it (a label says what a
row is, e.g. grain sown area is not cultivated land). Every row keeps its raw file and row number.
"""

from __future__ import annotations

import html

import pandas as pd

from ruralrev.errors import UserError
from ruralrev.figures.series import Drawing
from ruralrev.files import read_text, refuse_formulas
from ruralrev.geo import boundaries
from ruralrev.panel.sources import identify_source, parse_sources

TABLE_COLUMNS = ["place", "geo_code", "item", "year", "value", "unit", "source", "raw_file", "raw_row", "note"]


def source_id(source_ref: str, raw_dir) -> str:
    """SOURCES.md id of a raw row's source_ref, or the reference itself when SOURCES.md lists none."""
    if not str(source_ref).strip() or str(source_ref).strip() == "(none)":
        return ""
    sources = parse_sources(read_text(raw_dir / "SOURCES.md", "source list"))
    return identify_source(str(source_ref), sources, national=False)[0]


def to_html(frame: pd.DataFrame, caption: str, columns: list[str]) -> str:
    """A plain HTML table fragment (class ruralrev-table) for the report; cells escaped."""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape('' if pd.isna(v) else str(v))}</td>" for v in row) + "</tr>\n"
        for row in frame[columns].itertuples(index=False)
    )
    return (
        f'<table class="ruralrev-table">\n<caption>{html.escape(caption)}</caption>\n<thead><tr>{head}</tr></thead>\n'
        f"<tbody>\n{body}</tbody>\n</table>\n"
    )


def draw(figure_id: str, spec: dict, data) -> Drawing:
    """The table of the entry: `file` (a raw table) and `rows` (indicator, label, optional geo_code)."""
    path = data.raw_dir / "tables" / spec["file"]
    if not path.exists():
        raise UserError(f"config `figures`, entry {figure_id!r}: raw table {path} is missing; restore it from data/raw")
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    refuse_formulas(raw, path.name)
    out, missing = [], []
    for item in spec["rows"]:
        hits = raw[
            (raw["indicator"] == item["indicator"])
            & ((raw["geo_code"] == str(item["geo_code"])) if "geo_code" in item else True)
        ]
        if hits.empty:
            raise UserError(
                f"config `figures`, entry {figure_id!r}: {spec['file']} has no row for indicator "
                f"{item['indicator']!r}; check the entry's rows"
            )
        for index, row in hits.iterrows():
            found = row["value"].strip() != ""
            place = boundaries.resolve(row["geo_code"]).display_name if row["geo_code"] else row["geo_name"]
            out.append(
                {
                    "place": place,
                    "geo_code": row["geo_code"],
                    "item": item["label"],
                    "year": row["year"],
                    "value": row["value"] if found else spec.get("not_found", "not found in any source read"),
                    "unit": row["unit"],
                    "source": source_id(row["source_ref"], data.raw_dir),
                    "raw_file": spec["file"],
                    "raw_row": index + 1,
                    "note": row["source_note"],
                }
            )
            if not found:
                missing.append(f"{place}: {item['label']}")
    table = pd.DataFrame(out, columns=TABLE_COLUMNS)
    caption = f"{spec['title']}. {spec.get('note', '')}".strip()
    if missing:
        caption += " Not found in any source read: " + "; ".join(missing) + "."
    shown = [c for c in TABLE_COLUMNS if c not in ("geo_code", "note")]
    alt = (
        "Table: "
        + "; ".join(
            f"{r.place}, {r.item}, {r.year or 'undated'}: {r.value} {r.unit}".strip() for r in table.itertuples()
        )
        + "."
    )
    status = "partial" if missing else "rebuilt"
    return Drawing(
        None,
        table,
        caption,
        alt,
        status,
        "; ".join(f"{m}: not found in any source read" for m in missing),
        extra={"html": to_html(table, caption, shown)},
    )
