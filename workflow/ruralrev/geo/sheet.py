"""The study-area sheet: locator (China), context (the province and its prefectures) and the detail map.

Every map is projected and names its projection; the detail map labels every county-level unit in
English, moving labels apart with leader lines; scale bar and north arrow sit clear of the study area.
"""

from __future__ import annotations

import shapely
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ruralrev import plotstyle
from ruralrev.errors import UserError
from ruralrev.geo import boundaries, cartography, drawing, layers, shapes
from ruralrev.geo.boundaries import AdminUnit

SHEET_SIZE_IN = (plotstyle.FULL_WIDTH_IN, 6.8)
DETAIL_RECT = [0.03, 0.15, 0.58, 0.73]
LOCATOR_RECT = [0.635, 0.585, 0.355, 0.3]
CONTEXT_RECT = [0.635, 0.255, 0.355, 0.255]
WINDOW_MARGIN = 0.25  # the detail map shows this much of the surroundings on each side
LOAD_MARGIN = 0.8  # outlines are read and cut this far out, so a view widened for furniture never shows the cut


def region_members(unit: AdminUnit) -> list[AdminUnit]:
    """County-level units making up a study area (a county is its own single member)."""
    if unit.level == "county":
        return [unit]
    if unit.level == "prefecture":
        return boundaries.children(unit) or [unit]
    if unit.level == "province":
        return layers.county_level_units(unit)
    raise UserError(
        f"admin code {unit.code} ({unit.name_en}) is the whole country: a study-area map needs a "
        "province, prefecture or county; choose one of those codes"
    )


def detail_units(unit: AdminUnit, window) -> tuple[dict, dict[str, AdminUnit]]:
    """({code: lon/lat outline}, {code: unit}) of county-level units meeting the window, across province lines."""
    touching = [code for code, outline in layers.provinces().items() if outline.intersects(window)]
    units = {}
    for code in sorted(set(touching) | ({unit.province_code} if unit.province_code else set())):
        province = boundaries.resolve(code)
        # Read counties only of prefectures meeting the window (a tenth of the files for a county).
        near = {p.code for p, g in zip(*_outlines(layers.prefectures(province))) if g.intersects(window)}
        for member in layers.county_level_units(province):
            if (member.prefecture_code or member.code) in near or member.code in near:
                units[member.code] = member
    outlines, _ = layers.read(list(units.values()))
    outlines = {code: g for code, g in outlines.items() if g.intersects(window)}
    return outlines, {code: units[code] for code in outlines}


def _outlines(units: list[AdminUnit]) -> tuple[list[AdminUnit], list]:
    """(units, outlines) of the units whose boundary could be read."""
    outlines, _ = layers.read(units)
    kept = [unit for unit in units if unit.code in outlines]
    return kept, [outlines[unit.code] for unit in kept]


def _window(outline, margin: float = WINDOW_MARGIN):
    west, south, east, north = outline.bounds
    pad = margin * max(east - west, north - south)
    return shapely.box(west - pad, south - pad, east + pad, north + pad)


def draw_detail(axis, unit: AdminUnit, outline) -> tuple[str, list[str]]:
    """The study area's county-level units and their neighbours; returns (projection name, labels)."""
    window = _window(outline)
    proj, proj_name = shapes.local_equal_area(outline.bounds)
    load = _window(outline, LOAD_MARGIN)
    outlines, units = detail_units(unit, load)
    members = {m.code for m in region_members(unit)}
    projected = {code: shapes.project(g.intersection(load), proj) for code, g in outlines.items()}
    area = shapes.project(outline, proj)
    view = shapes.project(window, proj)
    width = view.bounds[2] - view.bounds[0]
    projected = {code: shapes.simplified(g, width) for code, g in projected.items()}
    inside = [c for c in sorted(projected) if c in members]
    outside = [c for c in sorted(projected) if c not in members]
    cartography.frame(axis, view.bounds, margin=0)
    drawing.polygons(axis, [projected[c] for c in outside], face=drawing.LIGHT, edge="#8C8C8C", width=0.35)
    drawing.polygons(axis, [projected[c] for c in inside], face="#FBE3D2", edge=drawing.EDGE, width=0.5, zorder=2)
    borders = [
        shapes.simplified(shapes.project(g.intersection(load), proj), width)
        for _, g in sorted(layers.provinces().items())
        if g.intersects(load)
    ]
    drawing.polygons(axis, borders, face="none", edge="#333333", width=0.9, zorder=3, style=(0, (4, 1.5)))
    drawing.polygons(axis, [area], face="none", edge="black", width=1.6, zorder=4)
    visible = shapely.box(*axis.get_xlim()[:1], axis.get_ylim()[0], axis.get_xlim()[1], axis.get_ylim()[1])
    points = drawing.label_points(
        {c: g.intersection(visible) for c, g in projected.items() if not g.intersection(visible).is_empty}
    )
    labels = []
    for code, (x, y) in sorted(points.items()):
        short = units[code].name_en
        style = (
            {"fontsize": 7, "fontweight": "bold", "color": "black"}
            if code in members
            else {"fontsize": 7, "color": "#555555", "fontstyle": "italic"}
        )
        labels.append((x, y, short, style))
    texts = drawing.place_labels(axis, labels)
    # Furniture last: clear of the study area and of every label where they ended up.
    cartography.furniture(axis, proj, avoid=area.union(drawing.text_boxes(axis, texts)))
    return proj_name, [label for *_, label, _ in labels]


def draw_locator(axis, unit: AdminUnit, outline) -> str:
    """China with its provinces (the shared map of all China, South China Sea inset included), the study area's
    province shaded and the study area marked."""
    from ruralrev.maps import china

    provinces = china.provinces(8000.0)
    area = shapes.project(outline, china.PROJ)

    def layer(ax) -> None:
        others = [g for c, g in sorted(provinces.items()) if c != unit.province_code]
        drawing.polygons(ax, others, face="#F2F2F2", edge="#9A9A9A", width=0.25)
        if unit.province_code in provinces:
            drawing.polygons(ax, [provinces[unit.province_code]], face="#BDBDBD", edge="#555555", width=0.4, zorder=2)
        drawing.polygons(ax, [area], face=drawing.FOCUS, edge=drawing.FOCUS, width=0.4, zorder=3)

    china.draw(axis, layer, inset_width=0.3)
    point = area.representative_point()
    axis.plot([point.x], [point.y], marker="o", ms=7, mfc="none", mec="black", mew=0.8, zorder=4)
    return china.PROJ_NAME


def draw_context(axis, unit: AdminUnit, outline) -> str:
    """The province with its prefectures, the study area filled and outlined."""
    province = boundaries.resolve(unit.province_code) if unit.province_code else unit
    prefectures = layers.prefectures(province) if province.level == "province" else [province]
    outlines, _ = layers.read(prefectures)
    province_outline = layers.provinces().get(province.code, outline)
    proj, proj_name = shapes.albers(province_outline.bounds)
    projected = {code: shapes.project(g, proj) for code, g in outlines.items()}
    box = shapes.project(province_outline, proj).bounds
    projected = {code: shapes.simplified(g, box[2] - box[0], 600) for code, g in projected.items()}
    cartography.frame(axis, box, margin=0.03)
    drawing.polygons(axis, [projected[c] for c in sorted(projected)], face=drawing.LIGHT, edge="#7F7F7F", width=0.35)
    area = shapes.project(outline, proj)
    drawing.polygons(axis, [area], face=drawing.FOCUS, edge="black", width=0.8, zorder=3)
    names = {u.code: u.name_en for u in prefectures}
    labels = [
        (x, y, names[code], {"fontsize": 7, "color": "#333333"})
        for code, (x, y) in sorted(drawing.label_points(projected).items())
    ]
    texts = drawing.place_labels(axis, labels)
    # On this small map the furniture keeps off the whole province and the labels, not only the study area.
    land = shapes.project(province_outline, proj).simplify(2000)
    cartography.furniture(axis, proj, avoid=land.union(drawing.text_boxes(axis, texts)))
    return proj_name


def detail_legend(axis) -> None:
    handles = [
        Patch(facecolor="#FBE3D2", edgecolor="black", lw=1.4, label="study area"),
        Patch(facecolor=drawing.LIGHT, edgecolor="#8C8C8C", lw=0.4, label="neighbouring county-level unit"),
        Line2D([], [], color="#333333", lw=0.9, ls=(0, (4, 1.5)), label="province boundary"),
    ]
    axis.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0, -0.035),
        ncol=3,
        fontsize=7,
        handlelength=1.5,
        borderaxespad=0,
        frameon=False,
    )
