"""Kind `policy_table`: the milestones of a raw policy table, joined with the policies the documents name.

A corpus policy (policies.csv: doc, name, year, offsets) joins a milestone through the entry's `match`
(corpus name -> year and kind of the milestone), never by guessing; corpus policies without a milestone are
listed in the caption. NOT FOUND cells stay 'not found'; rows a source table keeps twice because sources
disagree are shown twice and say so.
"""

from __future__ import annotations

import re

import pandas as pd

from ruralrev.errors import UserError
from ruralrev.figures.series import Drawing
from ruralrev.figures.tables import to_html
from ruralrev.files import refuse_formulas

COLUMNS = [
    "year",
    "date",
    "title_zh",
    "title_en",
    "issuer",
    "kind",
    "theme",
    "mentioned_in",
    "disputed",
    "source",
    "raw_file",
    "raw_row",
    "note",
]
SHOWN = ["year", "date", "title_zh", "kind", "mentioned_in", "disputed", "source"]
SOURCE_ID = re.compile(r"\bD\d{3}\b")
NOT_FOUND = "not found"
KEPT_TWICE = "CONFLICT kept as separate row"
DETAIL = r"CONFLICT \(([^)]+)\)"


def _mentions(policies: pd.DataFrame, match: dict[str, dict]) -> dict[tuple[str, str], list[str]]:
    """(year, kind) of a milestone -> 'doc @start–end' of every corpus mention mapped to it."""
    found: dict[tuple[str, str], list[str]] = {}
    for row in policies.sort_values(["doc", "start"]).itertuples():
        target = match.get(row.name)
        if target:
            found.setdefault((str(target["year"]), target["kind"]), []).append(f"{row.doc} @{row.start}–{row.end}")
    return found


def _disputes(raw: pd.DataFrame) -> pd.Series:
    """Rows kept twice (both of the pair: same year and kind) and rows whose sources disagree on a detail."""
    twice = raw["source_note"].str.contains(KEPT_TWICE)
    pairs = set(zip(raw.loc[twice, "year"], raw.loc[twice, "kind"]))
    detail = raw["source_note"].str.extract(DETAIL, expand=False)
    return pd.Series(
        [
            "date disputed: sources disagree, row kept twice"
            if (y, k) in pairs
            else (f"sources disagree on the {d} (see note)" if isinstance(d, str) else "")
            for y, k, d in zip(raw["year"], raw["kind"], detail)
        ],
        index=raw.index,
    )


def draw(figure_id: str, spec: dict, data) -> Drawing:
    """The table of the entry's `file` (a policy table) with the corpus mentions of `match`."""
    path = data.raw_dir / "tables" / spec["file"]
    if not path.exists():
        raise UserError(
            f"config `figures`, entry {figure_id!r}: raw table {path} is missing; vendor it into data/raw/tables"
        )
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    refuse_formulas(raw, path.name)
    policies = data.csv("policies")
    match = spec.get("match", {})
    mentions = _mentions(policies, match)
    table = raw.assign(raw_file=spec["file"], raw_row=range(1, len(raw) + 1), note=raw["source_note"])
    table = table.replace({"": NOT_FOUND, "NOT FOUND": NOT_FOUND})
    table["title_en"] = table["title_en"].replace({NOT_FOUND: ""})  # filled only where a source gives one
    table["source"] = raw["source_ref"].map(lambda ref: ", ".join(dict.fromkeys(SOURCE_ID.findall(ref))))
    table["disputed"] = _disputes(raw)
    first = ~table.duplicated(["year", "kind"])  # the second row of a disputed pair repeats no mention
    table["mentioned_in"] = [
        "; ".join(mentions.get((y, k), [])) if is_first else ""
        for y, k, is_first in zip(table["year"], table["kind"], first)
    ]
    table = table.sort_values(["year", "date", "raw_row"], kind="stable")[COLUMNS].reset_index(drop=True)
    unmatched = sorted({f"{row.name} ({row.doc})" for row in policies.itertuples() if row.name not in match})
    mentioned = table[table["mentioned_in"] != ""]
    caption = (
        f"{spec['title']}. {len(table)} rows ({(table['kind'] == 'no1_document').sum()} No. 1 Central Documents), "
        f"{table['disputed'].str.contains('kept twice').sum()} rows in pairs kept twice where sources disagree on a date, "
        f"{table['disputed'].str.startswith('sources disagree').sum()} with sources disagreeing on a detail; cells no source gave say "
        f"'{NOT_FOUND}'. Mentioned in the corpus: {len(mentioned)} milestones ("
        + "; ".join(f"{r.year} {r.kind}: {r.mentioned_in}" for r in mentioned.itertuples())
        + ")."
    )
    if unmatched:
        caption += " Policies the documents name that are not milestones of this table: " + "; ".join(unmatched) + "."
    alt = f"Table of {len(table)} policy milestones {table['year'].min()}–{table['year'].max()} with title, date, kind and sources."
    return Drawing(None, table, caption, alt, extra={"html": to_html(table, caption, SHOWN)})
