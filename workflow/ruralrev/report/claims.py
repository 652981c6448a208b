"""Section "Claims checked": verdict × document summary, the ledger, the claims that could not be checked."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from ruralrev.report.documents import mark
from ruralrev.report.present import MAX_ROWS, Column, format_with_unit, long_table, table_html
from ruralrev.report.values import VERDICTS
from ruralrev.report.words import indicator_label

VERDICT_WORDS = {
    "confirmed": "confirmed",
    "close": "close",
    "contradicted": "contradicted",
    "wrong_year": "wrong year",
    "unverifiable": "unverifiable",
    "not_a_statistic": "not a statistic",
}
# Verdicts of claims compared with no value of the panel: listed apart from the checked ones.
NOT_COMPARED = ("unverifiable", "not_a_statistic")
# The first columns of every ledger table: which document, the claim in its sentence, the claim, the verdict.
CLAIM_COLUMNS = [
    Column("document", "Document"),
    Column("marked", "Sentence (claim marked)", "html", plain="sentence"),
    Column("claim", "Claim (year)"),
    Column("verdict_html", "Verdict", "html", plain="verdict_text"),
]
CONTEXT = 110  # characters of a claim's sentence shown either side of it in the report's tables


def claim_anchor(doc: str, start) -> str:
    """The id of a claim's ledger row, linked from the key findings."""
    return f"claim-{doc}-{int(start)}"


def intro(values: dict) -> str:
    """What the verdicts mean and how many of each (numbers from the registry)."""
    v = {name: values[f"claims.{name}"]["text"] for name in VERDICTS}
    margin = values["method.close_margin"]["text"]
    return (
        f"<p>Each of the {values['claims.checked']['text']} numeric claims is compared with the harmonized panel: "
        f"<strong>confirmed</strong> (equal within the claim's own rounding; {v['confirmed']}), "
        f"<strong>close</strong> (within {margin}; {v['close']}), <strong>contradicted</strong> ({v['contradicted']}), "
        f"<strong>wrong year</strong> (the value is the panel's value of another year; {v['wrong_year']}), "
        f"<strong>unverifiable</strong> (no series or no year to compare with; {v['unverifiable']}) or "
        f"<strong>not a statistic</strong> (a threshold of a rule or a target, not compared with data; "
        f"{v['not_a_statistic']}). "
        f"The explanation names the vintage and definition that matter.</p>"
    )


def summary_table(ledger: pd.DataFrame, names: dict[str, str]) -> str:
    """Verdict × document counts with totals."""
    counts = pd.crosstab(ledger["doc"], ledger["verdict"]).reindex(columns=list(VERDICTS), fill_value=0)
    counts["total"] = counts.sum(axis=1)
    counts = counts.reset_index().assign(document=lambda f: f["doc"].map(names))
    total = {"document": "All documents", "doc": "", **{c: int(counts[c].sum()) for c in [*VERDICTS, "total"]}}
    frame = pd.concat([counts, pd.DataFrame([total])], ignore_index=True)
    columns = [Column("document", "Document")] + [
        Column(v, f"{VERDICT_WORDS[v].capitalize()} (claims)", "count") for v in VERDICTS
    ]
    columns += [Column("total", "All claims", "count")]
    return table_html(frame, columns, "Claims by verdict and document", "verdicts")


def where(doc: str, start, end, page, file: str | None) -> tuple[str, str]:
    """(plain text, HTML) of where a claim stands: its offsets in the document's text, and for a PDF the page,
    linked to that page of the raw file (`#page=` opens it there in a browser's PDF viewer)."""
    offsets = f"{doc}:{int(start)}-{int(end)}"
    if pd.isna(page) or not isinstance(file, str) or not file.lower().endswith(".pdf"):
        return offsets, f"<code>{html.escape(offsets)}</code>"
    page = int(page)
    link = html.escape(f"../data/raw/documents/{quote(file)}#page={page}", quote=True)
    return (
        f"{file}, page {page} ({offsets} of its text layer)",
        f'<a href="{link}">{html.escape(file)}, page {page}</a> <code>{html.escape(offsets)}</code>',
    )


def _ledger_frame(
    ledger: pd.DataFrame, claims: pd.DataFrame, names: dict[str, str], files: dict[str, str] | None = None
) -> pd.DataFrame:
    """The ledger joined with each claim's sentence and page, with reader-facing text columns."""
    columns = ["doc", "start", "end", "sentence"] + (["page"] if "page" in claims else [])
    merged = ledger.merge(claims[columns], on=["doc", "start", "end"], how="left")
    pages = merged["page"] if "page" in merged else pd.Series([pd.NA] * len(merged), index=merged.index)
    places = [
        where(d, s, e, p, (files or {}).get(d))
        for d, s, e, p in zip(merged["doc"], merged["start"], merged["end"], pages)
    ]
    return merged.assign(
        anchor=[claim_anchor(d, s) for d, s in zip(merged["doc"], merged["start"])],
        document=merged["doc"].map(names),
        # The claim in its sentence, up to CONTEXT characters either side (whole sentences are in the CSV).
        marked=[mark(s, t, CONTEXT) for s, t in zip(merged["sentence"], merged["text"])],
        claim=[f"{t}" + (f" ({int(y)})" if pd.notna(y) else "") for t, y in zip(merged["text"], merged["year"])],
        what=merged["indicator"].map(indicator_label),
        verdict_html=[
            f'<span class="verdict verdict-{html.escape(v)}">{VERDICT_WORDS.get(v, html.escape(v))}</span>'
            for v in merged["verdict"]
        ],
        verdict_text=merged["verdict"].map(VERDICT_WORDS),
        official=[
            None if pd.isna(v) else format_with_unit(v, u) + (f" ({int(y)})" if pd.notna(y) else "")
            for v, u, y in zip(merged["official_value"], merged["official_unit"], merged["official_year"])
        ],
        ref=[
            None if pd.isna(r) else f"{s} · {f}, row {_whole(r)}"
            for s, f, r in zip(merged["source"], merged["raw_file"], merged["raw_row"])
        ],
        where=[plain for plain, _ in places],
        where_html=[linked for _, linked in places],
    )


def _whole(rows) -> str:
    """A raw row number as a whole number; a list of rows ('1; 3; 4') as written."""
    try:
        return str(int(float(rows)))
    except ValueError:
        return str(rows)


def ledger_tables(
    ledger: pd.DataFrame,
    claims: pd.DataFrame,
    names: dict[str, str],
    tables_dir: Path,
    files: dict[str, str] | None = None,
) -> str:
    """The checked claims (reference value found) in the body, the others in a second table; all in CSV.
    `files` (document id -> raw file name) links a PDF's claims to their page."""
    frame = _ledger_frame(ledger, claims, names, files)
    order = {"contradicted": 0, "wrong_year": 1, "close": 2, "confirmed": 3, "unverifiable": 4, "not_a_statistic": 5}
    frame = frame.assign(rank=frame["verdict"].map(order)).sort_values(["rank", "doc", "start"], kind="stable")
    checked = frame[~frame["verdict"].isin(NOT_COMPARED)]
    columns = [
        *CLAIM_COLUMNS,
        Column("official", "Reference value (year)"),
        Column("ref", "Source (id · raw file, row)", "code", secondary=True),
        Column("explanation", "Explanation"),
        Column("where_html", "Where in the document (offsets; page of a PDF)", "html", secondary=True, plain="where"),
    ]
    what = "claims with a reference value" + ("" if len(checked) <= MAX_ROWS else f", the first {MAX_ROWS}")
    body = long_table(
        frame,
        columns,
        "Claims checked against the panel's series",
        "ledger",
        tables_dir,
        wide=True,
        row_id="anchor",
        shown=checked.head(MAX_ROWS),
        what_shown=what,
    )
    unverifiable = frame[frame["verdict"].isin(NOT_COMPARED)]
    if len(unverifiable):
        other = [
            *CLAIM_COLUMNS,
            Column("explanation", "Why it was not compared with the panel"),
            Column(
                "where_html", "Where in the document (offsets; page of a PDF)", "html", secondary=True, plain="where"
            ),
        ]
        body += long_table(
            unverifiable,
            other,
            "Claims not compared with the panel (unverifiable, or not a statistic)",
            "unverifiable",
            tables_dir,
            row_id="anchor",
            wide=True,
        )
    return body


def disagreements_table(ledger: pd.DataFrame, claims: pd.DataFrame, names: dict[str, str]) -> str:
    """The claims that do not simply match (contradicted, wrong year, close), in words: the sentence, what the paper
    says, the reference value and its source id, and the explanation."""
    frame = _ledger_frame(ledger, claims, names)
    frame = frame[frame["verdict"].isin(["contradicted", "wrong_year", "close"])]
    frame = frame.assign(explanation=frame["explanation"].map(_in_words))
    if frame.empty:
        return "<p>No claim is contradicted, close but off, or given for the wrong year.</p>"
    columns = [
        *CLAIM_COLUMNS,
        Column("official", "Reference value (year)"),
        Column("source", "Source"),
        Column("explanation", "Explanation"),
    ]
    return table_html(frame, columns, "Claims that disagree with the statistics", "disagreements")


CODE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")


def _in_words(text) -> str:
    """An explanation with its indicator codes in words ('poverty_fund_central' -> 'central special
    poverty-alleviation fund'), for the body; the ledger appendix and CSV keep the codes."""
    if not isinstance(text, str):
        return text
    return CODE.sub(lambda m: indicator_label(m.group(0)).lower(), text)
