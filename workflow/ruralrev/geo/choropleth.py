"""Two census choropleths of a province: urbanization rate at the 2020 census and its change since 2010.

Classes are Fisher-Jenks breaks from mapclassify, written in the legend; units without a census value
are hatched "no data" (never estimated). Colour schemes are ColorBrewer ones marked colour-blind safe.
"""

from __future__ import annotations

import textwrap
import warnings

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from ruralrev import plotstyle
from ruralrev.geo import cartography, drawing, layers, shapes

FIGURE_SIZE_IN = (plotstyle.FULL_WIDTH_IN, 4.9)
MAX_CLASSES = 5
PANELS = (  # column, legend title (with units), ColorBrewer sequential scheme (colour-blind safe)
    ("urbanization_2020", "Urban share, 2020 census (%)", "YlGnBu"),
    ("urbanization_change_pp", "Change 2010→2020 (percentage points)", "PuBu"),
)
DECREASE = plotstyle.PALETTE["orange"]  # Okabe-Ito orange: apart from every blue of the ramps


def classify(values: pd.Series, k_max: int = MAX_CLASSES) -> tuple[np.ndarray, list[float]]:
    """(class of each value, class upper bounds) by Fisher-Jenks, k = 5 or fewer for few distinct values.

    Values on both sides of 0 (a change) get a break at 0: the decreases form their own class, so no
    class mixes falls with rises.
    """
    import mapclassify

    values = values.astype(float)
    if values.min() < 0 < values.max():
        classes, bounds = classify(values[values > 0], k_max - 1)
        out = pd.Series(0, index=values.index)
        out[values > 0] = classes + 1
        return out.to_numpy(), [0.0, *bounds]
    distinct = values.nunique()
    if distinct <= 1:
        return np.zeros(len(values), dtype=int), [float(values.max())]
    k = min(k_max, distinct)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Numba not installed")  # pure Python is fast enough here
        scheme = mapclassify.FisherJenks(values.to_numpy(), k=k)
    return np.asarray(scheme.yb), [float(b) for b in scheme.bins]


def class_labels(values: pd.Series, bounds: list[float], decimals: int = 1) -> list[str]:
    """Legend text of each class from the breaks: 'min – b1', 'b1 – b2', ..."""
    lows = [float(values.min())] + list(bounds[:-1])
    return [
        f"{low:.{decimals}f} – {high:.{decimals}f}"
        if round(low, decimals) != round(high, decimals)
        else f"{high:.{decimals}f}"
        for low, high in zip(lows, bounds)
    ]


def class_colours(bounds: list[float], scheme: str) -> list:
    """Colours of the classes, light to dark; a class of decreases (upper bound 0 or below) in orange."""
    rises = [bound for bound in bounds if bound > 0 or bounds[0] > 0]
    ramp = [tuple(c) for c in matplotlib.colormaps[scheme](np.linspace(0.25, 0.95, max(len(rises), 1)))]
    return [DECREASE] * (len(bounds) - len(rises)) + ramp[: len(rises)]


def _panel(axis, projected: dict, table: pd.DataFrame, column: str, title: str, scheme: str, focus) -> list[dict]:
    """One choropleth; returns the legend classes (label, colour, count)."""
    data = table.set_index("admin_code")[column]
    known = data.dropna()
    classes, bounds = classify(known)
    colours = class_colours(bounds, scheme)
    codes = [code for code in sorted(projected) if code in known.index]
    by_code = dict(zip(known.index, classes))
    drawing.polygons(
        axis, [projected[c] for c in codes], face=[colours[by_code[c]] for c in codes], edge="#FFFFFF", width=0.25
    )
    missing = [code for code in sorted(projected) if code not in known.index]
    drawing.polygons(
        axis,
        [projected[c] for c in missing],
        face=plotstyle.NO_DATA_FACE,
        edge="#FFFFFF",
        width=0.25,
        hatch=plotstyle.NO_DATA_HATCH,
    )
    drawing.polygons(axis, [focus], face="none", edge="black", width=1.2, zorder=3)
    handles = [
        Patch(facecolor=colour, edgecolor="#7F7F7F", lw=0.3, label=label)
        for colour, label in zip(colours, class_labels(known, bounds))
    ]
    if missing:
        handles.append(
            Patch(
                facecolor=plotstyle.NO_DATA_FACE,
                hatch=plotstyle.NO_DATA_HATCH,
                edgecolor="#7F7F7F",
                lw=0.3,
                label=f"no data ({len(missing)})",
            )
        )
    handles.append(Patch(facecolor="none", edgecolor="black", lw=1.2, label="study area"))
    legend = axis.legend(
        handles=handles,
        title=title,
        loc="upper left",
        bbox_to_anchor=(0.0, -0.07),
        ncols=2,
        fontsize=7,
        title_fontsize=7.5,
        handlelength=1.4,
        borderaxespad=0.3,
        alignment="left",
    )
    legend.get_title().set_multialignment("left")
    table[f"class_{column}"] = (
        table["admin_code"].map({code: int(cls) + 1 for code, cls in by_code.items()}).astype("Int64")
    )
    return [{"column": column, "class": number + 1, "upper_bound": bound} for number, bound in enumerate(bounds)]


def draw(province, region, units, table: pd.DataFrame, png_path, svg_path, *, source_line: str) -> dict:
    """Draw both choropleths of `province` with `region` outlined; returns paths, breaks, caption, alt text."""
    outlines, problems = layers.read(units)
    province_outline = layers.provinces().get(province.code)
    proj, proj_name = shapes.albers(province_outline.bounds)
    box = shapes.project(province_outline, proj).bounds
    projected = {c: shapes.simplified(shapes.project(g, proj), box[2] - box[0], 900) for c, g in outlines.items()}
    region_outline = layers.read([region])[0][region.code]
    focus = shapes.project(region_outline, proj)
    land = shapes.project(province_outline, proj).simplify(2000)  # furniture keeps off the mapped data
    name = province.name_en
    breaks = []
    with plotstyle.style():
        figure = drawing.new_sheet(FIGURE_SIZE_IN)
        for position, (column, title, scheme) in enumerate(PANELS):
            axis = figure.add_axes([0.02 + position * 0.5, 0.38, 0.46, 0.52])
            cartography.frame(axis, box, margin=0.02)
            breaks += _panel(axis, projected, table, column, title, scheme, focus)
            cartography.furniture(axis, proj, avoid=land)
            drawing.projection_note(axis, f"Projection: {proj_name}")
        figure.text(
            0.02,
            0.965,
            f"{name}: urbanization at the 2020 census and its change since 2010",
            fontsize=10,
            fontweight="bold",
            va="bottom",
        )
        figure.text(
            0.02,
            0.935,
            f"County-level units ({len(units)}); {region.name_en} outlined; classes: Fisher-Jenks natural breaks",
            fontsize=7,
            color=drawing.NOTE_COLOUR,
            va="bottom",
        )
        wrapped = "\n".join(textwrap.fill(line, 125) for line in source_line.splitlines())
        figure.text(0.02, 0.015, wrapped, fontsize=7, color=drawing.NOTE_COLOUR, va="bottom", linespacing=1.4)
        paths = plotstyle.save(figure, png_path, svg_path)
    no_rate = int(table["urbanization_2020"].isna().sum())
    no_change = int(table["urbanization_change_pp"].isna().sum())
    caption = (
        f"{name}'s {len(units)} county-level units: urban share of residents at the 2020 census (left) and "
        f"its change since the 2010 census in percentage points (right), {region.name_en} outlined. "
        f"Hatched: no census value ({no_rate} of {len(units)} units in 2020, {no_change} without a 2010-2020 "
        "change: units created or split after 2010 have no 2010 count, units recoded after 2020 are matched "
        "by name where one census unit fits)."
    )
    alt = (
        f"Two maps of {name} divided into county-level units, shaded from light (low) to dark (high): left the "
        f"2020 urbanization rate, ranging {table['urbanization_2020'].min():.1f} to "
        f"{table['urbanization_2020'].max():.1f} %; right the change since 2010, ranging "
        f"{table['urbanization_change_pp'].min():+.1f} to {table['urbanization_change_pp'].max():+.1f} points. "
        f"{region.name_en} is outlined in black."
    )
    return {**paths, "caption": caption, "alt": alt, "breaks": breaks, "problems": problems}
