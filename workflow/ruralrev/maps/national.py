"""The coupling's national maps, each panel one China map (ruralrev.maps.china) with the study areas' provinces
outlined: the provinces' D in the first and last year and its change, and the LISA clusters of D; the legend,
grid and cluster colours that the county maps (ruralrev.maps.counties) share."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.colors import BoundaryNorm
from matplotlib.patches import Patch

from ruralrev import plotstyle
from ruralrev.geo import drawing
from ruralrev.maps import china

CLUSTER_FACES = {"HH": "#D7191C", "HL": "#F4A6A8", "LH": "#A6C8E8", "LL": "#2C7BB6", "not significant": "#EDEDED"}
CLUSTER_LABELS = {
    "HH": "high among high (HH)",
    "HL": "high among low (HL)",
    "LH": "low among high (LH)",
    "LL": "low among low (LL)",
    "not significant": "not significant",
}
NO_VALUE = "#FFFFFF"
MAP_FIGURE_IN = (plotstyle.FULL_WIDTH_IN, 6.4)
NOTE_PT = plotstyle.MIN_FONT_PT
MAPS_TEXT = {
    "title": "Coupling coordination degree D of the provinces: first and last year and its change",
    "alt": "Three maps of China's provinces: D by class in the first and in the last year, and the change of D "
    "between them on a blue (rise) to red (fall) scale; the study areas' provinces outlined in black; a legend of "
    "the classes.",
}
LISA_TEXT = {
    "title": "Local spatial clusters of the provinces' coupling coordination degree D",
    "alt": "Two maps of China's provinces coloured by local Moran cluster of D (high among high in red, low among "
    "low in blue, not significant in grey) in the first and the last year; the study areas' provinces outlined.",
}


def _grid(figure, rows: int, columns: int, top: float = 0.9, bottom: float = 0.03):
    """China map axes in a grid of figure fractions between `bottom` and `top` (a title band above)."""
    width, height = 1 / columns, (top - bottom) / rows
    return [
        china.china_axes(figure, [c * width + 0.005, top - (r + 1) * height + 0.01, width - 0.01, height - 0.05])
        for r in range(rows)
        for c in range(columns)
    ]


def _title(axis, text: str) -> None:
    axis.set_title(text, fontsize=8, fontweight="bold", loc="left", pad=2)


def _note(figure, text: str) -> None:
    figure.text(0.01, 0.005, text, fontsize=NOTE_PT, color=drawing.NOTE_COLOUR, va="bottom", wrap=True)


def class_colours(names: list[str]) -> dict[str, str]:
    """One colour per D class shown (lowest first), spread over the whole ramp so that neighbours differ."""
    cmap = colormaps[plotstyle.SEQUENTIAL_CMAP]
    return {name: cmap(0.15 + 0.8 * i / max(1, len(names) - 1)) for i, name in enumerate(names)}


def coupling_maps(coupling: pd.DataFrame, classes: list[tuple[float, str]], highlight: list[str]):
    """(figure, plotted): D in the first and last year by class, and its change (diverging scale)."""
    provinces = coupling[coupling["scope"] == "provinces"].dropna(subset=["D"])
    first, last = int(provinces["year"].min()), int(provinces["year"].max())
    by_year = {year: provinces[provinces["year"] == year].set_index("geo_code") for year in (first, last)}
    shown = {name for year in (first, last) for name in by_year[year]["class"]}
    present = [name for _, name in classes if name in shown]
    colours = class_colours(present)
    figure = drawing.new_sheet(MAP_FIGURE_IN)
    panels = _grid(figure, 2, 2, top=0.93, bottom=0.12)
    for main, year in zip(panels[:2], (first, last)):
        faces = {code: colours[cls] for code, cls in by_year[year]["class"].items()}
        china.draw(main, _layers(faces, highlight))
        _title(main, f"D {year}")
    change = (by_year[last]["D"] - by_year[first]["D"]).dropna()
    limit = float(np.ceil(change.abs().max() * 100) / 100) or 0.01
    bounds = np.linspace(-limit, limit, 9)
    norm = BoundaryNorm(bounds, 256)
    cmap = colormaps["RdBu"]
    faces = {code: cmap(norm(value)) for code, value in change.items()}
    main = panels[2]
    china.draw(main, _layers(faces, highlight))
    _title(main, f"Change of D, {first}→{last}")
    # The colour bar gets its own axis under the map, so the map keeps the size of the other two.
    box = main.get_position()
    bar_axis = figure.add_axes([box.x0 + 0.08 * box.width, box.y0 - 0.035, 0.84 * box.width, 0.014])
    bar = figure.colorbar(plotstyle_scalar(cmap, norm), cax=bar_axis, orientation="horizontal")
    bar.set_ticks(bounds[::2])
    bar.ax.set_xticklabels([f"{b:+.2f}" if b else "0" for b in bounds[::2]])
    bar.ax.tick_params(labelsize=7, length=2)
    legend_axis = panels[3]
    legend_axis.set_axis_off()
    handles = [Patch(facecolor=colours[name], edgecolor="none", label=name) for name in present]
    handles.append(Patch(facecolor="white", edgecolor="#A6A6A6", linewidth=0.4, label="not in the panel"))
    handles.append(Patch(facecolor="none", edgecolor="black", linewidth=1.1, label="study areas' provinces"))
    legend_axis.legend(
        handles=handles, loc="center left", fontsize=7.5, title="Class of D", title_fontsize=8, frameon=False
    )
    figure.suptitle(
        "Coupling coordination degree D of the provinces", fontsize=10, fontweight="bold", x=0.01, ha="left"
    )
    _note(figure, china.OUTLINE_NOTE + ".")
    plotted = pd.concat(
        [
            by_year[first][["place", "D", "class"]].assign(year=first, series="D"),
            by_year[last][["place", "D", "class"]].assign(year=last, series="D"),
            change.rename("D").to_frame().assign(year=last, series=f"change {first}-{last}", **{"class": ""}),
        ]
    ).reset_index()
    return figure, plotted


def plotstyle_scalar(cmap, norm):
    """A ScalarMappable for a colour bar."""
    from matplotlib.cm import ScalarMappable

    mappable = ScalarMappable(norm=norm, cmap=cmap)
    mappable.set_array([])
    return mappable


def _layers(faces: dict, highlight: list[str], hatch: dict | None = None):
    fill = china.province_layer(faces, hatch=hatch)
    outline = china.outline_layer(highlight)

    def layer(axis) -> None:
        fill(axis)
        outline(axis)

    return layer


def _cluster_legend(figure, present: list[str], extra: list = ()) -> None:
    """One legend under the maps: the clusters shown, the outline of the study areas' provinces, extras."""
    handles = [
        Patch(facecolor=CLUSTER_FACES[name], edgecolor="#7F7F7F", linewidth=0.3, label=CLUSTER_LABELS[name])
        for name in CLUSTER_FACES
        if name in present
    ]
    handles.append(Patch(facecolor="none", edgecolor="black", linewidth=1.1, label="study areas' provinces"))
    figure.legend(
        handles=[*handles, *extra],
        loc="lower center",
        bbox_to_anchor=(0.5, 0.07),
        ncol=3,
        fontsize=7,
        frameon=False,
        columnspacing=1.2,
        handlelength=1.6,
    )


def lisa_maps(lisa: pd.DataFrame, highlight: list[str], significance: float):
    """(figure, plotted): the LISA clusters of the provinces' D in the first and last year."""
    years = sorted(lisa["year"].unique())
    figure = drawing.new_sheet((plotstyle.FULL_WIDTH_IN, 4.1))
    panels = _grid(figure, 1, len(years), top=0.88, bottom=0.2)
    for main, year in zip(panels, years):
        here = lisa[lisa["year"] == year].set_index("geo_code")
        faces = {code: CLUSTER_FACES[cluster] for code, cluster in here["cluster"].items()}
        china.draw(main, _layers(faces, highlight))
        _title(main, f"LISA clusters of D, {year}")
    _cluster_legend(
        figure,
        sorted(set(lisa["cluster"])),
        [Patch(facecolor="white", edgecolor="#A6A6A6", linewidth=0.4, label="not in the panel")],
    )
    figure.suptitle(
        f"Local spatial clusters of D (local Moran's I, permutation p < {significance:g})",
        fontsize=9,
        fontweight="bold",
        x=0.01,
        ha="left",
    )
    _note(figure, china.OUTLINE_NOTE + "; neighbours: shared border, Hainan joined to its nearest province.")
    return figure, lisa.copy()


def _names(frame: pd.DataFrame, codes: list[str]) -> str:
    places = dict(zip(frame["geo_code"], frame["place"]))
    return " and ".join(places.get(code, code) for code in codes)


def coupling_maps_caption(coupling: pd.DataFrame, highlight: list[str]) -> str:
    """Caption from the data: years, extremes, how many provinces rose, what is outlined."""
    provinces = coupling[coupling["scope"] == "provinces"].dropna(subset=["D"])
    first, last = int(provinces["year"].min()), int(provinces["year"].max())
    a = provinces[provinces["year"] == first].set_index("geo_code")
    b = provinces[provinces["year"] == last].set_index("geo_code")
    change = (b["D"] - a["D"]).dropna()
    top, low = b["D"].idxmax(), b["D"].idxmin()
    return (
        f"Coupling coordination degree D of the {len(b)} provinces on the pooled panel's scale, in {first} and {last} "
        f"(coloured by D class) and its change {first}→{last} (diverging scale, blue a rise). Highest in {last}: "
        f"{b.at[top, 'place']} ({b.at[top, 'D']:.3f}); lowest: {b.at[low, 'place']} ({b.at[low, 'D']:.3f}). D rose in "
        f"{int((change > 0).sum())} of {len(change)} provinces. Outlined: {_names(provinces, highlight)}, the study "
        "areas' provinces. Inset: the South China Sea islands and the maritime boundary."
    )


def lisa_caption(lisa: pd.DataFrame, moran: pd.DataFrame, options: dict) -> str:
    """Caption from the data: the weights, the test, the global I of the mapped years and the clusters."""
    parts = []
    for year in sorted(lisa["year"].unique()):
        here = lisa[lisa["year"] == year]
        row = moran[moran["year"] == year]
        counts = here["cluster"].value_counts()
        clusters = ", ".join(f"{counts[name]} {name}" for name in ("HH", "LL", "HL", "LH") if counts.get(name))
        global_i = f"global Moran's I {row['I'].iloc[0]:.3f} (p = {row['p_sim'].iloc[0]:.3f})" if len(row) else ""
        parts.append(f"{year}: {global_i}; provinces in clusters: {clusters or 'none'}")
    return (
        f"Local Moran clusters of the provinces' D, p < {options['significance']:g} ({options['permutations']} "
        "permutations, fixed seed; shared-border weights, Hainan joined to its nearest province). "
        + ". ".join(parts)
        + "."
    )
