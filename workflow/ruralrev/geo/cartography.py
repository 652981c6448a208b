"""Map furniture in projected coordinates: frames, a scale bar and a north arrow that never sit on the study area."""

from __future__ import annotations

import math

import shapely
from matplotlib.patches import FancyArrow, Rectangle

from ruralrev.geo import shapes

NICE_LENGTHS_KM = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000)
# Candidate spots as axes fractions (x0, y0, x1, y1), in order of preference.
BOTTOM_CORNERS = (
    (0.03, 0.03, 0.36, 0.13),
    (0.64, 0.03, 0.97, 0.13),
    (0.03, 0.87, 0.36, 0.97),
    (0.64, 0.87, 0.97, 0.97),
)
TOP_CORNERS = ((0.90, 0.80, 0.98, 0.97), (0.02, 0.80, 0.10, 0.97), (0.90, 0.03, 0.98, 0.20), (0.02, 0.03, 0.10, 0.20))


def fit_view(axis, x0: float, y0: float, x1: float, y1: float) -> None:
    """Set limits holding the box, widened to the axes' own aspect so that 1 m is as long across as up
    (fixed limits, not matplotlib's draw-time adjustment, so furniture placed now stays where it is put)."""
    figure_width, figure_height = axis.figure.get_size_inches()
    position = axis.get_position()
    aspect = (position.height * figure_height) / (position.width * figure_width)
    cx, cy, width, height = (x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0
    if height / width > aspect:
        width = height / aspect
    else:
        height = width * aspect
    axis.set_xlim(cx - width / 2, cx + width / 2)
    axis.set_ylim(cy - height / 2, cy + height / 2)
    axis.set_aspect("equal", adjustable="box")


def frame(axis, bounds: tuple[float, float, float, float], margin: float = 0.04) -> None:
    """View of projected `bounds` with a margin, no ticks (the projection is named on the sheet, not gridded)."""
    x0, y0, x1, y1 = bounds
    pad = margin * max(x1 - x0, y1 - y0)
    fit_view(axis, x0 - pad, y0 - pad, x1 + pad, y1 + pad)
    axis.set_xticks([])
    axis.set_yticks([])
    for spine in axis.spines.values():
        spine.set_visible(True)
        spine.set_linewidth(0.5)
        spine.set_color("#4D4D4D")


def _data_box(axis, box: tuple[float, float, float, float]):
    """A shapely box in data coordinates for an axes-fraction box."""
    (x0, x1), (y0, y1) = axis.get_xlim(), axis.get_ylim()
    return shapely.box(
        x0 + box[0] * (x1 - x0), y0 + box[1] * (y1 - y0), x0 + box[2] * (x1 - x0), y0 + box[3] * (y1 - y0)
    )


def _overlaps(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def free_spot(axis, avoid, candidates, taken=()) -> tuple[float, float, float, float]:
    """The first candidate box clear of `avoid` (projected geometry) and of boxes already taken.

    If every corner touches the study area, the view is widened at the bottom until the first is clear:
    furniture goes on blank margin rather than on the area the map is about.
    """
    open_boxes = [box for box in candidates if not any(_overlaps(box, other) for other in taken)]
    for box in open_boxes:
        if avoid is None or not _data_box(axis, box).intersects(avoid):
            return box
    (x0, x1), (y0, y1) = axis.get_xlim(), axis.get_ylim()
    grow = (open_boxes[0][3] + 0.03) * (y1 - y0) if open_boxes[0][1] < 0.5 else 0.0
    top = (1 - open_boxes[0][1] + 0.03) * (y1 - y0) if open_boxes[0][1] >= 0.5 else 0.0
    fit_view(axis, x0, y0 - grow, x1, y1 + top)
    return free_spot(axis, avoid, candidates, taken)


def scale_bar(axis, avoid=None, taken=()) -> tuple:
    """Two-segment scale bar in km (projected metres), about a quarter of the map width; returns its spot."""
    box = free_spot(axis, avoid, BOTTOM_CORNERS, taken)
    (x0, x1), (y0, y1) = axis.get_xlim(), axis.get_ylim()
    width_km = (x1 - x0) / 1000
    length = max([n for n in NICE_LENGTHS_KM if n <= width_km / 4] or [NICE_LENGTHS_KM[0]])
    left = x0 + (box[0] + 0.02) * (x1 - x0)
    bottom = y0 + (box[1] + 0.02) * (y1 - y0)
    height = 0.012 * (y1 - y0)
    step = length * 1000 / 2
    axis.add_patch(
        Rectangle(
            (left - 0.02 * (x1 - x0), bottom - 0.012 * (y1 - y0)),
            2 * step + 0.06 * (x1 - x0),
            height * 4.2,
            facecolor="white",
            edgecolor="none",
            alpha=0.75,
            zorder=5,
        )
    )
    for part, face in enumerate(("black", "white")):
        axis.add_patch(
            Rectangle((left + part * step, bottom), step, height, facecolor=face, edgecolor="black", lw=0.5, zorder=6)
        )
    for offset, text in ((0, "0"), (length * 1000, f"{length:g} km")):
        axis.text(left + offset, bottom + 1.8 * height, text, ha="center", va="bottom", fontsize=7, zorder=6)
    return box


def north_angle(proj: str, x: float, y: float) -> float:
    """Direction of true north at projected (x, y), in degrees anticlockwise from the map's up direction."""
    forward = shapes.transformer(proj)
    lon, lat = forward.transform(x, y, direction="INVERSE")
    x2, y2 = forward.transform(lon, min(lat + 0.05, 89.9))
    return math.degrees(math.atan2(-(x2 - x), y2 - y))


def north_arrow(axis, proj: str, avoid=None, taken=()) -> tuple:
    """An arrow pointing to true north where it is drawn (grid north differs away from the central meridian)."""
    box = free_spot(axis, avoid, TOP_CORNERS, taken)
    (x0, x1), (y0, y1) = axis.get_xlim(), axis.get_ylim()
    cx, cy = x0 + (box[0] + box[2]) / 2 * (x1 - x0), y0 + (box[1] + box[3]) / 2 * (y1 - y0)
    angle = math.radians(north_angle(proj, cx, cy))
    length = 0.07 * (y1 - y0)
    dx, dy = -math.sin(angle) * length, math.cos(angle) * length
    axis.add_patch(
        FancyArrow(
            cx - dx / 2,
            cy - dy / 2 - 0.02 * (y1 - y0),
            dx,
            dy,
            width=length * 0.06,
            head_width=length * 0.32,
            head_length=length * 0.35,
            length_includes_head=True,
            color="black",
            zorder=6,
        )
    )
    axis.text(
        cx + dx * 0.5,
        cy + dy * 0.5 + 0.005 * (y1 - y0),
        "N",
        ha="center",
        va="bottom",
        fontsize=7,
        fontweight="bold",
        zorder=6,
    )
    return box


def furniture(axis, proj: str, avoid=None) -> list:
    """Scale bar and north arrow in spots clear of `avoid` and of each other; returns their artists
    (labels placed afterwards keep clear of them)."""
    before = set(map(id, [*axis.patches, *axis.texts]))
    taken = [scale_bar(axis, avoid)]
    north_arrow(axis, proj, avoid, taken)
    return [artist for artist in [*axis.patches, *axis.texts] if id(artist) not in before]
