"""The county maps: LISA clusters of the census urbanization rate of county-level units in 2020 and of its
2010->2020 change, on the shared China map (or the configured provinces alone), units whose territory changed
hatched."""

from __future__ import annotations

import pandas as pd
from matplotlib.patches import Patch

from ruralrev import plotstyle
from ruralrev.geo import drawing, shapes
from ruralrev.maps import china
from ruralrev.maps.national import CLUSTER_FACES, NO_VALUE, _cluster_legend, _grid, _note, _title

# Thousands of county polygons: an SVG of this map would be megabytes (measured: see the module's commit), so it
# is offered as a 300-dpi PNG only.
OFFER_SVG = False
TEXT = {
    "title": "County-level units: local spatial clusters of the census urbanization rate, 2020 and 2010→2020",
    "alt": "Two maps of China's county-level units coloured by local Moran cluster (high among high in red, low "
    "among low in blue, not significant in grey): left the 2020 census urbanization rate, right its change since "
    "2010, units whose territory changed hatched; the study areas' provinces outlined.",
}


def county_outlines(geometries: dict[str, object], tolerance_m: float = 1500.0) -> dict[str, object]:
    """{code: projected, simplified outline} of county-level units from their lon/lat outlines."""
    # Plain Douglas-Peucker (no topology check): 0.3 s for the 2,848 units instead of 3.9 s. A ring it makes cross
    # itself would do so within the tolerance, a fraction of a printed pixel at this scale (about 2.4 km).
    return {
        code: shapes.project(g.simplify(tolerance_m / 111_000, preserve_topology=False), china.PROJ)
        for code, g in sorted(geometries.items())
    }


def county_lisa_maps(table: pd.DataFrame, outlines: dict, highlight: list[str], all_china: bool, significance: float):
    """(figure, plotted): LISA clusters of the counties' 2020 census urbanization rate and of its 2010->2020
    change; units whose territory changed are hatched in the change panel (left out of its statistics)."""
    figure = drawing.new_sheet((plotstyle.FULL_WIDTH_IN, 4.7))
    panels = _grid(figure, 1, 2, top=0.89, bottom=0.25)
    shown: set[str] = set()
    any_flagged = False
    titles = {
        "urbanization_2020": "Urbanization rate, 2020 census",
        "urbanization_change_pp": "Change 2010→2020 (points)",
    }
    for main, variable in zip(panels, titles):
        clusters = table.set_index("admin_code")[f"cluster_{variable}"].fillna("")
        faces = {code: CLUSTER_FACES.get(clusters.get(code, ""), NO_VALUE) for code in outlines}
        flagged = [] if variable == "urbanization_2020" else table.loc[~table["comparable"].astype(bool), "admin_code"]

        def layer(axis, faces=faces, flagged=list(flagged)) -> None:
            codes = sorted(outlines)
            drawing.polygons(
                axis, [outlines[c] for c in codes], face=[faces[c] for c in codes], edge="#BDBDBD", width=0.08
            )
            if flagged:
                drawing.polygons(
                    axis,
                    [outlines[c] for c in flagged if c in outlines],
                    face="none",
                    edge="#555555",
                    width=0.1,
                    hatch="////",
                    zorder=3,
                )
            drawing.polygons(axis, list(china.provinces().values()), face="none", edge="#4D4D4D", width=0.3, zorder=4)
            china.outline_layer(highlight)(axis)

        if all_china:
            china.draw(main, layer)
        else:
            layer(main)
            from ruralrev.geo import cartography

            cartography.frame(main, shapes.union(outlines.values()).bounds, margin=0.02)
        _title(main, titles[variable])
        shown |= set(clusters)
        any_flagged |= len(flagged) > 0
    extra = [Patch(facecolor=NO_VALUE, edgecolor="#BDBDBD", linewidth=0.3, label="no census value")]
    if any_flagged:
        extra.append(Patch(facecolor="none", edgecolor="#555555", hatch="////", label="territory changed"))
    _cluster_legend(figure, sorted(shown), extra)
    figure.suptitle(
        f"County-level units: local clusters of urbanization (local Moran's I, p < {significance:g})",
        fontsize=9,
        fontweight="bold",
        x=0.01,
        ha="left",
    )
    _note(figure, (china.OUTLINE_NOTE if all_china else china.PROJ_NAME) + "; census counts of the panel.")
    columns = [
        "admin_code",
        "name_en",
        "urbanization_2020",
        "cluster_urbanization_2020",
        "urbanization_change_pp",
        "cluster_urbanization_change_pp",
        "comparable",
    ]
    return figure, table[columns].copy()


def county_caption(table: pd.DataFrame, moran: pd.DataFrame, options: dict, provinces: int) -> str:
    """Caption from the data: coverage, flagged units, the global I of both variables."""
    flagged = int((~table["comparable"].astype(bool)).sum())
    stats = moran.set_index("variable")
    scope = "all of China's" if options["county_provinces"] == "all" else f"{provinces} province(s)'"
    rate, change = stats.loc["urbanization_2020"], stats.loc["urbanization_change_pp"]
    handled = (
        "hatched and left out of the change statistics"
        if options["changed_territory"] == "exclude"
        else "hatched; kept in the change statistics"
    )
    return (
        f"Local Moran clusters (p < {options['significance']:g}) of the census urbanization rate of {scope} "
        f"{len(table)} county-level units in 2020 (left) and of its change 2010→2020 (right). Hatched: {flagged} "
        f"units whose territory changed between the censuses, {handled}. Global Moran's I: {rate['I']:.3f} "
        f"(p = {rate['p_sim']:.3f}, {int(rate['units'])} units) for the rate, {change['I']:.3f} (p = "
        f"{change['p_sim']:.3f}, {int(change['units'])} units) for the change. Shared-border weights, island units "
        f"joined to their nearest; {options['permutations']} permutations, fixed seed; a changed territory: another "
        f"code's 2010 count or an area off the published one by more than {options['area_tolerance_pct']:g} %."
    )
