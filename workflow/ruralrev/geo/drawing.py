"""Drawing helpers shared by the study-area sheet, the choropleths and the atlas: polygons, labels, notes."""

from __future__ import annotations

from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure

from ruralrev import plotstyle
from ruralrev.geo import shapes

EDGE = "#4D4D4D"
LIGHT = "#EFEFEF"
FOCUS = plotstyle.PALETTE["vermillion"]
NOTE_COLOUR = "#4D4D4D"
HALO = patheffects.withStroke(linewidth=1.6, foreground="white")  # labels legible on any fill and line


def new_sheet(size: tuple[float, float]):
    """A figure with an Agg canvas (label adjustment needs a renderer), no layout engine: axes are placed by hand."""
    # No layout engine at all (not even "none"): with one, savefig draws every figure twice.
    figure = Figure(figsize=size, dpi=plotstyle.DPI)
    FigureCanvasAgg(figure)
    return figure


def polygons(axis, geometries, *, face=LIGHT, edge=EDGE, width=0.4, zorder=1, hatch=None, style="solid") -> None:
    """Projected (multi)polygons as one collection (one draw call, one SVG group)."""
    paths = [shapes.to_path(geometry) for geometry in geometries]
    if not paths:
        return
    faces = face if isinstance(face, list) else [face] * len(paths)
    collection = PathCollection(
        paths, facecolors=faces, edgecolors=edge, linewidths=width, zorder=zorder, linestyles=style
    )
    if hatch:
        collection.set_hatch(hatch)
    axis.add_collection(collection)


def label_points(geometries: dict) -> dict:
    """{key: (x, y)} an inner point of each projected geometry (the largest part's, so islands don't pull it)."""
    points = {}
    for key, geometry in geometries.items():
        largest = max(getattr(geometry, "geoms", [geometry]), key=lambda part: part.area)
        point = largest.representative_point()
        points[key] = (point.x, point.y)
    return points


def place_labels(axis, labels: list[tuple[float, float, str, dict]]) -> list:
    """Write labels at their anchors, then move overlapping ones apart with leader lines (adjustText)."""
    from adjustText import adjust_text

    texts = [
        axis.text(x, y, text, ha="center", va="center", zorder=7, path_effects=[HALO], **style)
        for x, y, text, style in labels
    ]
    if len(texts) > 1:
        # iter_lim, not time_lim: a time limit would make the result depend on the machine's speed.
        adjust_text(
            texts,
            ax=axis,
            iter_lim=150,
            ensure_inside_axes=True,
            expand=(1.1, 1.25),
            arrowprops={"arrowstyle": "-", "color": "#666666", "lw": 0.4},
            min_arrow_len=25,
        )
    return texts


def panel_title(axis, text: str) -> None:
    axis.set_title(text, fontsize=7.5, fontweight="bold", loc="left", pad=3)


def projection_note(axis, text: str) -> None:
    """The projection's name under a map at the smallest print size, wrapped to the map's width."""
    import textwrap

    width = int(axis.get_position().width * axis.figure.get_figwidth() * 72 / (plotstyle.MIN_FONT_PT * 0.56))
    wrapped = textwrap.fill(text, width)
    axis.text(0, -0.012, wrapped, transform=axis.transAxes, ha="left", va="top", fontsize=7, color=NOTE_COLOUR)


def text_boxes(axis, texts: list):
    """The labels' boxes in data coordinates, as one shapely geometry (what map furniture must keep off)."""
    import shapely

    renderer = axis.figure.canvas.get_renderer()
    inverse = axis.transData.inverted()
    boxes = []
    for text in texts:
        extent = text.get_window_extent(renderer)
        (x0, y0), (x1, y1) = inverse.transform([(extent.x0, extent.y0), (extent.x1, extent.y1)])
        boxes.append(shapely.box(x0, y0, x1, y1))
    return shapely.union_all(boxes)


def quick_labels(axis, labels: list[tuple[float, float, str, dict]]):
    """Labels placed greedily without rendering (fast enough for thousands of sheets): each goes at its anchor,
    else at the first of eight nearby spots clear of the labels already placed, with a leader line if moved.

    Label sizes are estimated from the font size (0.6 em per character), so no draw is needed to measure them.
    Returns the labels' boxes (data coordinates) as one shapely geometry.
    """
    import shapely

    (x0, x1), (y0, y1) = axis.get_xlim(), axis.get_ylim()
    width_pt = axis.get_position().width * axis.figure.get_size_inches()[0] * 72
    per_pt = (x1 - x0) / width_pt
    placed: list[tuple[float, float, float, float]] = []
    for x, y, text, style in labels:
        size = style.get("fontsize", 6)
        half_w, half_h = len(text) * size * 0.3 * per_pt, size * 0.6 * per_pt
        spots = [(0, 0)] + [
            (dx * half_w * 2.2, dy * half_h * 2.6)
            for dx, dy in ((0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, -1), (1, -1), (-1, 1))
        ]
        for dx, dy in spots:
            box = (x + dx - half_w, y + dy - half_h, x + dx + half_w, y + dy + half_h)
            inside = x0 <= box[0] and box[2] <= x1 and y0 <= box[1] and box[3] <= y1
            if inside and not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
                break
        else:
            dx, dy = 0, 0  # nowhere free: keep the anchor rather than drop the name
            box = (x - half_w, y - half_h, x + half_w, y + half_h)
        placed.append(box)
        axis.text(x + dx, y + dy, text, ha="center", va="center", zorder=7, **style)
        if (dx, dy) != (0, 0):
            axis.plot([x, x + dx * 0.6], [y, y + dy * 0.6], color="#666666", lw=0.4, zorder=6)
    return shapely.union_all([shapely.box(*box) for box in placed])
