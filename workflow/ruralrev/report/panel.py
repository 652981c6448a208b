"""Appendix B, the harmonized panel: coverage, vintages, conflicts, values not found, crosswalk."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ruralrev.geo import boundaries
from ruralrev.report.present import MAX_ROWS, Column, long_table, table_html, write_full
from ruralrev.report.words import indicator_label, source_ref


def summary(values: dict) -> str:
    """One paragraph on the panel's size (numbers from the registry)."""
    v = {
        name: values[f"panel.{name}"]["text"]
        for name in ("rows", "indicators", "places", "derived", "raw", "raw_files", "missing")
    }
    return (
        f"<p>The panel holds <strong>{v['rows']} rows</strong>: {v['indicators']} indicators for {v['places']} places. "
        f"{v['derived']} rows are derived (formula and inputs recorded), {v['raw']} come from raw rows of {v['raw_files']} files. "
        f"{v['missing']} raw rows say a value was not found; they are counted below and listed in full in the CSV.</p>"
    )


def coverage_table(panel: pd.DataFrame, tables_dir: Path, top: int = MAX_ROWS) -> str:
    """Places, years, rows and vintages per indicator; the indicators with most rows in the body."""
    coverage = (
        panel.groupby(["indicator", "unit"])
        .agg(
            places=("geo_code", "nunique"),
            first=("year", "min"),
            last=("year", "max"),
            rows=("value", "size"),
            vintages=("vintage", "nunique"),
        )
        .reset_index()
        .assign(label=lambda f: f["indicator"].map(indicator_label))
        .sort_values(["rows", "indicator"], ascending=[False, True])
    )
    columns = [
        Column("label", "Indicator"),
        Column("unit", "Unit"),
        Column("places", "Places", "count"),
        Column("first", "First year", "year"),
        Column("last", "Last year", "year"),
        Column("rows", "Rows", "count"),
        Column("vintages", "Vintages", "count"),
        Column("indicator", "Indicator code", "code", secondary=True),
    ]
    what = f"the {top} indicators with the most rows" if len(coverage) > top else ""
    return long_table(
        coverage,
        columns,
        "Coverage of the panel by indicator",
        "coverage",
        tables_dir,
        shown=coverage.head(top) if what else None,
        what_shown=what,
    )


def vintages_table(panel: pd.DataFrame) -> str:
    """China's year-end rural population: the preferred vintage, the others, and the census count."""
    rural = panel[
        (panel["geo_code"] == "100000") & (panel["indicator"] == "rural_population") & panel["year"].between(2010, 2023)
    ]
    rows = []
    for year, group in rural.groupby("year"):
        year_end = group[group["definition"] == "year_end"]
        chosen, others = year_end[year_end["preferred"]], year_end[~year_end["preferred"]]
        census = group[(group["definition"] == "census") & group["preferred"]]
        rows.append(
            {
                "year": year,
                "preferred": chosen["value"].iloc[0] if len(chosen) else None,
                "vintage": f"{chosen['vintage'].iloc[0]} ({chosen['source'].iloc[0]})" if len(chosen) else None,
                "others": "; ".join(
                    f"{v / 1e6:,.2f} ({vin}, {src})"
                    for v, vin, src in zip(others["value"], others["vintage"], others["source"])
                )
                or None,
                "census": census["value"].iloc[0] if len(census) else None,
            }
        )
    columns = [
        Column("year", "Year", "year"),
        Column("preferred", "Preferred year-end (million)", "million"),
        Column("vintage", "Its vintage (source)"),
        Column("others", "Other year-end vintages (million)"),
        Column("census", "Census count, 1 November (million)", "million"),
    ]
    return table_html(
        pd.DataFrame(rows),
        columns,
        "China's rural population: vintages before and after the 2020 census revision",
        "vintages",
    )


def conflicts_table(conflicts: pd.DataFrame, tables_dir: Path) -> str:
    """Conflicting copies of one figure: every row in CSV, the chosen row of each group in the body."""
    frame = conflicts.assign(
        label=conflicts["indicator"].map(indicator_label),
        ref=[source_ref(row) for _, row in conflicts.iterrows()],
        chosen_text=conflicts["chosen"].map({True: "yes", False: "no", "True": "yes", "False": "no"}),
    ).sort_values(["indicator", "geo_code", "year", "raw_file", "raw_row"])
    columns = [
        Column("label", "Indicator"),
        Column("geo_code", "Place code", "code"),
        Column("year", "Year", "year"),
        Column("vintage", "Vintage"),
        Column("value", "Value (as published, base unit)", "number"),
        Column("unit", "Unit"),
        Column("chosen_text", "Chosen"),
        Column("rule", "Rule that chose"),
        Column("ref", "Source (id · raw file, row)", "code", secondary=True),
    ]
    shown = frame if len(frame) <= MAX_ROWS else frame[frame["chosen_text"] == "yes"].head(MAX_ROWS)
    what = "" if shown is frame else "the chosen row of each conflict group"
    return long_table(
        frame,
        columns,
        "Conflicting copies of one figure",
        "conflicts",
        tables_dir,
        shown=None if shown is frame else shown,
        what_shown=what,
    )


def missing_table(missing: pd.DataFrame, tables_dir: Path, top: int = MAX_ROWS) -> str:
    """Values not found: counted by file, indicator and note; every row in CSV."""
    counts = (
        missing.fillna({"note": "", "indicator": ""})
        .groupby(["file", "indicator", "note"])
        .size()
        .rename("cells")
        .reset_index()
    )
    counts = counts.sort_values(["cells", "file"], ascending=[False, True])
    columns = [
        Column("file", "Raw file", "code"),
        Column("indicator", "Indicator", "code"),
        Column("note", "Note in the raw file"),
        Column("cells", "Values not found", "count"),
    ]
    full = [
        Column("file", "Raw file", "code"),
        Column("row", "Row", "code"),
        Column("indicator", "Indicator", "code"),
        Column("geo", "Place"),
        Column("note", "Note in the raw file"),
    ]
    note = f"Every row is listed in {write_full(missing, full, 'missing', tables_dir)}."
    shown = counts.head(top)
    return table_html(
        shown, columns, "Values not found in any source read, by raw file and note", "missing-summary", note=note
    )


def crosswalk_tables(crosswalk: pd.DataFrame, admin_codes: list[str], tables_dir: Path) -> str:
    """Counties by crosswalk rule, and the changed codes in the prefectures of the configured regions."""
    by_rule = crosswalk.groupby("rule").size().rename("counties").reset_index()
    html_parts = [
        table_html(
            by_rule,
            [Column("rule", "Rule", "code"), Column("counties", "County codes of 2010", "count")],
            "County codes of the 2010 census carried to 2020 codes, by rule",
            "crosswalk-rules",
        )
    ]
    prefixes = sorted({_prefecture_prefix(code) for code in admin_codes})
    changed = crosswalk[
        crosswalk["code_2010"].str[:4].isin(prefixes) & (crosswalk["code_2010"] != crosswalk["code_2020"])
    ]
    columns = [
        Column("name_2010", "Name in 2010"),
        Column("code_2010", "Code 2010", "code"),
        Column("name_2020", "Name in 2020"),
        Column("code_2020", "Code 2020", "code"),
        Column("rule", "Rule", "code"),
    ]
    names = ", ".join(boundaries.resolve(code).display_name for code in admin_codes)
    html_parts.append(
        long_table(
            changed,
            columns,
            f"Changed county codes in the prefectures of the study areas ({names})",
            "crosswalk-study",
            tables_dir,
        )
    )
    return "".join(html_parts)


def _prefecture_prefix(admin_code: str) -> str:
    """The 4-digit prefix of the prefecture a configured region lies in (its own for a prefecture)."""
    unit = boundaries.resolve(admin_code)
    code = unit.prefecture_code if unit.level == "county" and unit.prefecture_code else unit.code
    return code[:4]


def conflicts_summary(conflicts: pd.DataFrame, tables_dir: Path) -> str:
    """Conflicting copies counted by indicator and the rule that chose; every row in the CSV."""
    frame = conflicts.assign(label=conflicts["indicator"].map(indicator_label))
    groups = ["indicator", "geo_code", "year", "vintage"]
    counts = (
        frame.groupby(["label", "rule"])
        .agg(groups=("value", lambda v: frame.loc[v.index].drop_duplicates(groups).shape[0]), rows=("value", "size"))
        .reset_index()
        .sort_values("rows", ascending=False)
    )
    full = [Column(c, c) for c in conflicts.columns]
    link = write_full(conflicts, full, "conflicts", tables_dir)
    columns = [
        Column("label", "Indicator"),
        Column("rule", "Rule that chose"),
        Column("groups", "Figures with conflicting copies", "count"),
        Column("rows", "Copies", "count"),
    ]
    return table_html(
        counts.head(MAX_ROWS),
        columns,
        "Conflicting copies of one figure, by indicator",
        "conflicts-summary",
        note=f"Every copy, with its source, in {link}.",
    )
