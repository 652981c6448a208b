"""The atlas: one sheet per county-level unit of a province, drawn in one process per province.

Speed comes from doing the costly things once per province: boundaries read and projected once,
outlines simplified once per prefecture, one figure layout reused; only the drawing is per unit.
A unit whose boundary cannot be read still gets a sheet (saying so) and a row in the table.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ruralrev import files, plotstyle
from ruralrev.geo import boundaries, facts, layers, shapes
from ruralrev.geo.atlas_sheet import SheetContext, draw_sheet
from ruralrev.geo.boundaries import AdminUnit

ATLAS_DPI = 150
ATLAS_COLUMNS = [
    "province_code",
    "admin_code",
    "name_zh",
    "name_en",
    "name_en_full",
    "level",
    "prefecture_code",
    "prefecture_en",
    "area_km2",
    "area_projection",
    "official_area_km2",
    "official_area_source",
    *facts.FACT_COLUMNS,
    "census_code",
    "match",
    "change_caveat",
    "sources",
    "raw_rows",
    "status",
    "reason",
    "sheet",
]


def groups(units: list[AdminUnit]) -> dict[str, list[AdminUnit]]:
    """Units by the frame they are drawn in: their prefecture; counties directly under the province together;
    a prefecture-level city without counties (Dongguan) on its own (it is then shown among the whole province)."""
    out: dict[str, list[AdminUnit]] = {}
    for unit in units:
        key = unit.code if unit.level == "prefecture" else unit.prefecture_code or unit.province_code or unit.code
        out.setdefault(key, []).append(unit)
    return out


def _rows(
    province: AdminUnit,
    units,
    table: pd.DataFrame,
    areas: dict,
    problems: dict,
    official: dict,
    caveats: dict,
    sheet_dir: Path,
) -> pd.DataFrame:
    """atlas.csv rows of a province: names, computed and published area, census facts, drawing status."""
    rows = []
    by_code = table.set_index("admin_code")
    for unit in units:
        published = official.get(unit.code)
        prefecture = boundaries.resolve(unit.prefecture_code) if unit.prefecture_code else None
        row = {
            "province_code": province.code,
            "admin_code": unit.code,
            "name_zh": unit.name_zh,
            "name_en": unit.name_en,
            "name_en_full": unit.name_en_full,
            "level": unit.level,
            "prefecture_code": unit.prefecture_code or "",
            "prefecture_en": prefecture.name_en_full if prefecture else "",
            "area_km2": areas.get(unit.code),
            "area_projection": areas.get("projection"),
            "official_area_km2": published["value"] if published and published["unit"] == "km2" else None,
            "official_area_source": f"{published['source']}: {published['raw']}" if published else "",
            **{
                column: by_code.at[unit.code, column]
                for column in (*facts.FACT_COLUMNS, "census_code", "match", "sources", "raw_rows")
            },
            "change_caveat": caveats.get(unit.code, ""),
            "status": "boundary problem" if unit.code in problems else "drawn",
            "reason": problems.get(unit.code, ""),
            "sheet": str(sheet_dir / f"{unit.code}.png"),
        }
        rows.append(row)
    return pd.DataFrame(rows, columns=ATLAS_COLUMNS)


def draw_province(
    province_code: str,
    panel: pd.DataFrame | None,
    gazetteer: pd.DataFrame | None,
    sheet_dir: Path,
    *,
    census_sources: str = "",
    crosswalk: pd.DataFrame | None = None,
    area_tolerance_pct: float = 5.0,
) -> pd.DataFrame:
    """Draw the sheet of every county-level unit of one province into sheet_dir; return its atlas.csv rows.

    A unit whose territory changed between the censuses (facts.change_caveats) says so beside its change."""
    province = boundaries.resolve(province_code)
    units = layers.county_level_units(province)
    prefectures = layers.prefectures(province)
    outlines, problems = layers.read(units + [p for p in prefectures if p.level == "prefecture"])
    province_outline = layers.read([province])[0].get(province.code)
    proj, proj_name = shapes.albers((province_outline or shapes.union(outlines.values())).bounds)
    projected = {code: shapes.project(geometry, proj) for code, geometry in outlines.items()}
    areas = {code: round(geometry.area / 1e6, 1) for code, geometry in projected.items()}
    areas["projection"] = proj_name
    province_box = shapes.union(projected.values()).bounds
    width = province_box[2] - province_box[0]
    overview = {
        code: shapes.simplified(projected[code], width, 500)
        for code in sorted(projected)
        if code in {p.code for p in prefectures}
    }
    table = facts.unit_facts(panel, [unit.code for unit in units], gazetteer)
    prefecture_names = {p.code: p.name_en_full for p in prefectures}
    official = facts.official_areas(panel)
    matched = {code: str(c) for code, c in zip(table["admin_code"], table["census_code"]) if pd.notna(c)}
    caveats = facts.change_caveats(matched, crosswalk, areas, official, area_tolerance_pct)
    sheet_dir = Path(sheet_dir)
    sheet_dir.mkdir(parents=True, exist_ok=True)
    with plotstyle.style():
        for frame_code, members in sorted(groups(units).items()):
            frame = [m for m in members if m.code in projected]
            if len(frame) < 2:  # a lone unit (Dongguan) is shown among all the province's units
                frame = [u for u in units if u.code in projected]
            bounds = shapes.union(projected[m.code] for m in frame).bounds
            detail = {m.code: shapes.simplified(projected[m.code], bounds[2] - bounds[0], 700) for m in frame}
            context = SheetContext(
                province=province,
                projection=proj,
                projection_name=proj_name,
                overview=overview,
                province_box=province_box,
                detail=detail,
                full={m.code: projected[m.code] for m in frame},
                names={**prefecture_names, **{m.code: m.name_en for m in frame}},
                census_sources=census_sources,
            )
            for unit in members:
                figure = draw_sheet(
                    unit,
                    context,
                    table.loc[table["admin_code"] == unit.code].iloc[0],
                    areas.get(unit.code),
                    problems.get(unit.code),
                    official.get(unit.code),
                    caveats.get(unit.code),
                )
                _save_png(figure, sheet_dir / f"{unit.code}.png")
    return _rows(province, units, table, areas, problems, official, caveats, sheet_dir)


def _save_png(figure, path: Path) -> None:
    """PNG only (an atlas of thousands of sheets has no use for SVGs), no metadata: same bytes every run."""
    with files.atomic_path(path) as tmp:
        # zlib level 3: a third of the default level's time for ~10 % larger files.
        figure.savefig(tmp, format="png", dpi=ATLAS_DPI, metadata={"Software": None}, pil_kwargs={"compress_level": 3})


def write_province(
    province_code: str,
    sheet_dir: Path,
    table_path: Path,
    *,
    panel_path: str | None = None,
    gazetteer_path: str | None = None,
    sources_paths: list[str] = (),
    crosswalk_path: str | None = None,
    area_tolerance_pct: float = 5.0,
) -> pd.DataFrame:
    """Draw one province's sheets and write its atlas table (the rule plot_atlas_province)."""
    from ruralrev.geo.maps import read_sources, source_titles

    panel = pd.read_parquet(panel_path) if panel_path else None
    gazetteer = pd.read_csv(gazetteer_path, dtype=str, keep_default_na=False) if gazetteer_path else None
    crosswalk = pd.read_csv(crosswalk_path, dtype=str, keep_default_na=False) if crosswalk_path else None
    sources_md = read_sources(sources_paths)
    ids = (
        sorted(panel.loc[panel["raw_file"].astype(str).str.startswith("census_20"), "source"].astype(str).unique())
        if panel is not None
        else []
    )
    rows = draw_province(
        str(province_code),
        panel,
        gazetteer,
        Path(sheet_dir),
        census_sources=source_titles(sources_md, [i for i in ids if i != "derived"]),
        crosswalk=crosswalk,
        area_tolerance_pct=area_tolerance_pct,
    )
    files.write_csv(rows, Path(table_path))
    return rows
