"""The Data and methods chapter: what the documents are, who published the sources and how they are graded, the
definitions that trip readers, and the limitations in one place (numbers from the values registry)."""

from __future__ import annotations

import html

import pandas as pd

from ruralrev import register
from ruralrev.report.present import ROUNDING, Column, table_html

GRADE_GROUPS = {
    "Official": "official",
    "High": "high or good",
    "Good": "high or good",
    "Medium-high": "medium-high",
    "Medium": "medium",
    "Medium-low": "medium-low",
    "Low-medium": "medium-low",
    "Low": "low",
}
GRADE_ORDER = ["official", "high or good", "medium-high", "medium", "medium-low", "low", "other"]


def documents_table(documents: pd.DataFrame, curated: dict[str, dict], references: dict) -> str:
    """One row per document: what it is (title, or a description where the text has none), genre, authors,
    publisher and date as far as known, and its length."""
    refs = {entry["id"]: entry for entry in references.get("documents", [])}
    rows = []
    for row in documents.to_dict("records"):
        ref, meta = refs.get(row["id"], {}), curated.get(row["id"], {})
        title = row.get("title") if isinstance(row.get("title"), str) else None
        rows.append(
            {
                "what": title or ref.get("title") or ref.get("description") or meta.get("kind", row["id"]),
                "anchor": f"ref-{row['id']}" if row["id"] in refs else None,
                "genre": ref.get("genre") or meta.get("kind"),
                "authors": ", ".join(ref.get("authors") or []) or None,
                "published": "; ".join(str(ref[k]) for k in ("publisher", "date") if ref.get(k)) or None,
                "words": row.get("words"),
                "claims": row.get("claims"),
            }
        )
    frame = pd.DataFrame(rows)
    frame["what_html"] = [
        f'<a href="#{a}">{html.escape(str(w))}</a>' if isinstance(a, str) else html.escape(str(w))
        for w, a in zip(frame["what"], frame["anchor"])
    ]
    columns = [
        Column("what_html", "Document", "html", plain="what"),
        Column("genre", "Genre"),
        Column("authors", "Authors"),
        Column("published", "Publisher, date"),
        Column("words", "Words", "count"),
        Column("claims", "Numeric claims", "count"),
    ]
    note = "Bibliographic details as far as they could be confirmed; the References chapter says what was not found."
    return table_html(frame, columns, "The documents read", "documents-read", note=note)


def sources_table(records: pd.DataFrame) -> str:
    """Sources by kind of publisher: how many, how many read on the publisher's own site, and their grades."""
    frame = records.assign(
        kind=records["publisher_kind"].map(register.PUBLISHER_KINDS).fillna("other publisher"),
        is_official=records["publisher_kind"].isin(register.OFFICIAL_KINDS).map({True: "yes", False: "no"}),
        group=records["grade"].map(GRADE_GROUPS).fillna("other"),
        original=records["read_as"].eq("original"),
    )
    grades = pd.crosstab(frame["kind"], frame["group"]).reindex(columns=GRADE_ORDER, fill_value=0)
    grades["grades"] = [", ".join(f"{group} {int(n)}" for group, n in row.items() if n) for _, row in grades.iterrows()]
    summary = frame.groupby("kind").agg(
        is_official=("is_official", "first"), sources=("source_id", "size"), original=("original", "sum")
    )
    table = summary.join(grades[["grades"]]).sort_values("sources", ascending=False).reset_index()
    columns = [
        Column("kind", "Publisher"),
        Column("is_official", "Official"),
        Column("sources", "Sources", "count"),
        Column("original", "Read on the publisher's site", "count"),
        Column("grades", "Grades (sources)"),
    ]
    note = (
        "Every source id of the source register, by kind of publisher. A figure is called official only when its "
        "publisher is a statistics bureau, a ministry or a government body, whatever copy it was read from. Grades "
        "are the register's judgement of the copy read; each id's entry, with its address, is in the References."
    )
    return table_html(table, columns, "Who published the sources, and their grades", "sources-by-kind", note=note)


def definitions() -> str:
    """The definitions that trip readers (no numbers but dates; the rounding rule in words)."""
    items = [
        "<strong>Census count or year-end estimate.</strong> The censuses count the resident population on "
        "1 November of 2010 and 2020; the year-end figures of the statistical yearbooks are sample-based estimates "
        "for 31 December. The two are different definitions and are never joined into one series; a figure "
        "marks census points apart.",
        "<strong>The 2021 revision.</strong> After the seventh census, the statistics bureau revised its year-end "
        "population series for 2011–2019. Both vintages are kept; the panel prefers the latest official revision, so "
        "a paper that quotes a pre-revision figure may differ from the panel without being wrong for its time.",
        "<strong>Resident or registered population.</strong> Urbanization rates here are urban residents over all "
        "residents (常住人口), whatever their household registration (户籍, hukou). The registered-population rate "
        "is a different and lower indicator: the national urbanization plan of 2014 set separate targets for the two.",
        "<strong>Units that change.</strong> County codes of the 2010 census are carried to 2020 codes through a "
        "crosswalk; a county that became a district under the same name stem, or merged, is a change of unit, and "
        "its 2010→2020 change is flagged as not like for like.",
        f"<strong>Rounding.</strong> {ROUNDING}",
    ]
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def limitations(values: dict, coupling_limits_html: str) -> str:
    """The limitations of the whole study in one place: data, documents, claim check, coupling."""

    def t(name: str) -> str:
        return html.escape(str(values[name]["text"]))

    items = [
        "<strong>The study areas have almost no annual series.</strong> Liupanshui and Batang are compared at the "
        "two censuses only; their coordination degree is not computed from a handful of points.",
        "<strong>The documents are partial.</strong> The Liupanshui paper is in the corpus as its abstract and "
        "captions only, so its figures and index system cannot be rebuilt; several documents carry no title or "
        "author in the text read.",
        f"<strong>Many claims cannot be checked.</strong> {t('claims.unverifiable')} of "
        f"{t('claims.checked')} numeric claims have no series in the panel (or no year or indicator the extraction "
        "could identify); they are neither confirmed nor contradicted.",
    ]
    if "county.not_comparable" in values:
        items.append(
            f"<strong>Territorial change.</strong> {t('county.not_comparable')} county-level units may have changed "
            "territory between the censuses; they are kept out of the change statistics, not merged."
        )
    if "area.liupanshui.published_by" in values:
        items.append(
            "<strong>Published, not official.</strong> Several study-area facts (areas among them) come from "
            "encyclopedias or their mirrors; they are named as published figures, never as official ones."
        )
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>" + coupling_limits_html
