"""Kind `province_map`: one indicator for every province of China as a classed choropleth.

Drawn on the shared map of all China (ruralrev.maps.china: Albers equal-area, the South China Sea islands and the
maritime boundary in an inset); classes from mapclassify (Fisher-Jenks) with the breaks in the legend; provinces
without a value are hatched "no data", never coloured.
"""

from __future__ import annotations

import warnings

import pandas as pd
from matplotlib import colormaps
from matplotlib.patches import Patch

from ruralrev import plotstyle
from ruralrev.figures.series import Drawing, as_plotted, require
from ruralrev.geo import boundaries
from ruralrev.maps import china


def classify(values: pd.Series, k: int) -> tuple[list[int], list[float]]:
    """Class of each value and the upper bounds (Fisher-Jenks, k classes or fewer for few distinct values)."""
    import mapclassify  # here, not at the top: it loads scipy.stats and scikit-learn (1.3 s) for every figure

    k = max(1, min(k, values.nunique()))
    with warnings.catch_warnings():  # without numba mapclassify says it runs slower; same classes
        warnings.simplefilter("ignore", UserWarning)
        scheme = mapclassify.FisherJenks(values.to_numpy(), k=k)
    return [int(c) for c in scheme.yb], [float(b) for b in scheme.bins]


def _scale_bar(axis, length_km: int = 1000) -> None:
    x0, x1 = axis.get_xlim()
    y0, y1 = axis.get_ylim()
    left, base = x0 + 0.50 * (x1 - x0), y0 + 0.03 * (y1 - y0)
    axis.plot([left, left + length_km * 1000], [base, base], color="black", linewidth=2, solid_capstyle="butt")
    axis.text(
        left + length_km * 500,
        base + 0.012 * (y1 - y0),
        f"{length_km:,} km (true along 25°N and 47°N)",
        ha="center",
        va="bottom",
        fontsize=7,
    )


def draw(figure_id: str, spec: dict, data) -> Drawing:
    """The entry's `series` in `year` (definition `definition`) for the provinces, in `classes` classes."""
    year, definition = int(spec["year"]), spec.get("definition", "census")
    ind = data.indicators
    rows = ind[
        (ind["indicator"] == spec["series"])
        & (ind["year"] == year)
        & (ind["definition"] == definition)
        & ind["preferred"].astype(bool)
        & ind["geo_code"].str.match(r"^\d{2}0000$")
        & (ind["geo_code"] != "100000")
    ]
    plotted = as_plotted(rows.sort_values("geo_code"), figure_id, "province")
    require(plotted, figure_id, f"{spec['series']} {definition} {year} by province")
    values = plotted.set_index("geo_code")["value"]
    outlines = china.provinces()
    have = [code for code in sorted(outlines) if code in values.index]
    missing = [code for code in sorted(outlines) if code not in values.index]
    classes, bins = classify(values.loc[have], int(spec.get("classes", 5)))
    cmap = colormaps[plotstyle.SEQUENTIAL_CMAP].resampled(len(bins))
    faces = {code: cmap(c) for code, c in zip(have, classes)}
    faces.update({code: plotstyle.NO_DATA_FACE for code in missing})
    figure = plotstyle.new_figure(plotstyle.MAP_SIZE_IN)
    axis = china.china_axes(figure)
    china.draw(axis, china.province_layer(faces, hatch={code: plotstyle.NO_DATA_HATCH for code in missing}))
    _scale_bar(axis)
    labels = [f"≤ {bins[0]:.1f}"] + [f"{lo:.1f} – {hi:.1f}" for lo, hi in zip(bins[:-1], bins[1:])]
    handles = [Patch(facecolor=cmap(i), edgecolor="none", label=label) for i, label in enumerate(labels)]
    handles.append(
        Patch(facecolor=plotstyle.NO_DATA_FACE, hatch=plotstyle.NO_DATA_HATCH, edgecolor="white", label="no data")
    )
    axis.legend(
        handles=handles,
        title=spec.get("legend_title", plotted["unit"].iloc[0]),
        loc="lower left",
        bbox_to_anchor=(0.0, 0.04),
        fontsize=7,
        title_fontsize=7.5,
    )
    axis.text(0.0, 1.0, china.OUTLINE_NOTE, transform=axis.transAxes, fontsize=7, va="top", color="#4D4D4D", wrap=True)
    top = plotted.loc[plotted["value"].idxmax()]
    low = plotted.loc[plotted["value"].idxmin()]
    no_data = ", ".join(boundaries.resolve(c).display_name for c in missing)
    caption = (
        f"{spec['title']}. {spec.get('definition_text', spec['series'])} of the {len(plotted)} provinces with a value, "
        f"{definition} {year}, in {len(bins)} Fisher-Jenks classes (mapclassify; upper bounds "
        f"{', '.join(f'{b:.1f}' for b in bins)}). Highest {top['geo_name']} {top['value']:.1f}, lowest "
        f"{low['geo_name']} {low['value']:.1f}. No data: {no_data or 'none'} (hatched; not in the census tables read). "
        "Inset: the South China Sea islands and the maritime boundary at the same scale."
    )
    alt = (
        f"Map of China's provinces shaded by {spec['series']} {year}: from {low['value']:.1f} ({low['geo_name']}) to "
        f"{top['value']:.1f} ({top['geo_name']}); {no_data or 'no'} units without data are hatched."
    )
    return Drawing(figure, plotted, caption, alt)
