"""The coupling's companion charts: what moves D (sensitivity) and how D is distributed (kernel densities by year
and the Dagum Gini decomposition by region). Each is drawn from the stage's tables, with its data beside it and a
footer naming the publishers of the panel values behind it (render, shared by the stage's maps)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from matplotlib import colormaps

from ruralrev import plotstyle, sidefiles
from ruralrev.figures.sources import footer, publishers_sentence
from ruralrev.files import write_csv

SENSITIVITY = "coupling_sensitivity"
DISTRIBUTION = "coupling_distribution"
DISTRIBUTION_COLUMNS = ["series", "year", "component", "groups", "D", "density", "value", "share"]
SENSITIVITY_TEXT = {
    "title": "What moves the coupling coordination degree D",
    "alt": "Left, horizontal bars: for each alternative choice, the mean and largest change of D, with the rank "
    "correlation and the number of class changes. Right, dots and lines: each province's D in the last year under "
    "the main result and its range over all alternatives.",
}
DISTRIBUTION_TEXT = {
    "title": "Distribution and regional inequality of the coupling coordination degree D",
    "alt": "Left, density curves of the provinces' D, one per year, shading darker with time. Right, stacked bars "
    "per year of the Gini coefficient of D split into within-region, between-region and transvariation parts, "
    "with the total as a line.",
}
PARTS = (
    ("within", "within regions", "blue"),
    ("between", "between regions (net)", "vermillion"),
    ("transvariation", "transvariation (overlap)", "sky_blue"),
)


def sensitivity_figure(table: pd.DataFrame, per_province: pd.DataFrame, names: dict[str, str], highlight: list[str]):
    """(figure, plotted data): left, each variant's mean |change| of D and its rank correlation and class changes;
    right, each province's D in the last year under the main result and its range over all variants."""
    variants = table[table["kind"] != "main"].dropna(subset=["mean_abs_change_D"]).iloc[::-1]
    figure = plotstyle.new_figure((plotstyle.FULL_WIDTH_IN, 6.6))
    left, right = figure.subplots(1, 2, width_ratios=[1.6, 1])
    positions = range(len(variants))
    left.barh(positions, variants["mean_abs_change_D"], color=plotstyle.PALETTE["blue"], height=0.6)
    left.barh(
        positions,
        variants["max_abs_change_D"],
        color="none",
        edgecolor=plotstyle.PALETTE["grey"],
        height=0.6,
        linewidth=0.6,
    )
    left.set_yticks(list(positions), variants["variant"], fontsize=7)
    top = float(variants["max_abs_change_D"].max())
    for position, (_, row) in zip(positions, variants.iterrows()):
        changes = int(row["class_changes"])
        label = f"ρ {row['spearman_last']:.2f} · {changes} class change{'' if changes == 1 else 's'}"
        left.text(top * 1.02, position, label, va="center", fontsize=7)
    left.set_xlim(0, top * 2.1)
    left.set_xlabel("|change of D| (bar: mean; outline: largest)", fontsize=7)
    left.set_title("Each variant refitted", fontsize=8.5, loc="left")
    last = per_province[per_province["kind"] == "main"].set_index("geo_code")["D"].sort_values()
    spread = per_province.groupby("geo_code")["D"].agg(["min", "max"]).reindex(last.index)
    rows = range(len(last))
    right.hlines(list(rows), spread["min"], spread["max"], color=plotstyle.PALETTE["grey"], linewidth=1.2)
    colours = [
        plotstyle.PALETTE["vermillion"] if code in highlight else plotstyle.PALETTE["black"] for code in last.index
    ]
    right.scatter(last.to_numpy(), list(rows), color=colours, s=9, zorder=3)
    right.set_yticks(list(rows), [names.get(code, code) for code in last.index], fontsize=7)
    year = int(per_province["year"].max())
    right.set_xlabel(f"D {year} (dot: main result;\nline: range over all variants)", fontsize=7, loc="right")
    right.set_title("Provinces", fontsize=8.5, loc="left")
    for axis in (left, right):
        axis.tick_params(axis="x", labelsize=7)
    figure.suptitle("What moves the coupling coordination degree D", fontsize=10, fontweight="bold", x=0.01, ha="left")
    plotted = per_province.assign(place=per_province["geo_code"].map(names))
    return figure, plotted[
        ["variant", "kind", "place", *[c for c in per_province.columns if c not in ("variant", "kind")]]
    ]


def distribution_figure(density: pd.DataFrame, gini: pd.DataFrame):
    """(figure, plotted data): left, the kernel density of the provinces' D in each year; right, the Dagum Gini
    of D by region and its three parts, per year."""
    figure = plotstyle.new_figure((plotstyle.FULL_WIDTH_IN, 3.8))
    left, right = figure.subplots(1, 2)
    years = sorted(density["year"].unique())
    cmap = colormaps[plotstyle.SEQUENTIAL_CMAP]
    for number, year in enumerate(years):
        here = density[density["year"] == year]
        shade = cmap(0.3 + 0.7 * number / max(1, len(years) - 1))
        left.plot(here["D"], here["density"], color=shade, linewidth=1.1, label=str(year))
    left.set_xlabel("D", fontsize=7)
    left.set_ylabel("density (Gaussian kernel)", fontsize=7)
    left.legend(fontsize=7, ncol=2, loc="upper left")
    left.set_title("Provinces' D by year", fontsize=8.5, loc="left")
    wide = gini[gini["groups"].fillna("") == ""].pivot(index="year", columns="component", values="value")
    bottom = pd.Series(0.0, index=wide.index)
    for component, label, colour in PARTS:
        right.bar(wide.index, wide[component], bottom=bottom, color=plotstyle.PALETTE[colour], label=label, width=0.7)
        bottom = bottom + wide[component]
    right.plot(
        wide.index,
        wide["total"],
        color=plotstyle.PALETTE["black"],
        marker="o",
        markersize=3,
        linewidth=1,
        label="Gini of D (total)",
    )
    right.set_title("Dagum Gini of D by region", fontsize=8.5, loc="left")
    right.legend(fontsize=7, loc="upper right")
    right.set_ylim(0, float(wide["total"].max()) * 1.5)
    right.xaxis.get_major_locator().set_params(integer=True)
    for axis in (left, right):
        axis.tick_params(labelsize=7)
    figure.suptitle("Distribution and regional inequality of D", fontsize=10, fontweight="bold", x=0.01, ha="left")
    plotted = pd.concat([density.assign(series="density"), gini.assign(series="gini")], ignore_index=True)
    return figure, plotted[DISTRIBUTION_COLUMNS]


def sensitivity_caption(table: pd.DataFrame) -> str:
    """Caption from the table: what each variant changes, the largest movers and the stable choices."""
    variants = table[table["kind"] != "main"].dropna(subset=["mean_abs_change_D"])
    ordered = variants.sort_values("mean_abs_change_D", ascending=False)
    top = ordered.iloc[0]
    calm = ordered.iloc[-1]
    return (
        "Left: mean (bar) and largest (outline) change of D when the whole model is refitted under each alternative "
        "choice, with ρ (Spearman, last year) and class changes. Right: each province's D (dot) and its range over "
        f"all variants (line). Largest mover: {top['variant']} (mean |change| {top['mean_abs_change_D']:.3f}, "
        f"{int(top['class_changes'])} province-years change class); smallest: {calm['variant']} "
        f"({calm['mean_abs_change_D']:.4f})."
    )


def distribution_caption(gini: pd.DataFrame) -> str:
    """Caption from the Gini table: the total in the first and last year and the largest part."""
    totals = gini[(gini["component"] == "total")].set_index("year")["value"]
    parts = gini[gini["component"].isin(["within", "between", "transvariation"])]
    last = parts[parts["year"] == parts["year"].max()].set_index("component")["share"]
    return (
        "Left: Gaussian kernel density of the provinces' D in each year. Right: the Gini coefficient of D and its "
        "Dagum decomposition by the four economic regions (within, net between, transvariation). "
        f"Gini {totals.iloc[0]:.3f} in "
        f"{int(totals.index[0])} and {totals.iloc[-1]:.3f} in {int(totals.index[-1])}; in the last year the net "
        f"between-region part is {last['between']:.0%} of it, within regions {last['within']:.0%}, transvariation "
        f"{last['transvariation']:.0%}."
    )


def panel_ids(coupling: pd.DataFrame, scopes: tuple[str, ...] = ("provinces",)) -> list[str]:
    """Source ids of the panel values behind D in the given scopes of coupling.csv (its `sources`): those of every
    computed place-year, since each D is scored on the bounds and weights of the whole pooled panel."""
    rows = coupling[coupling["scope"].isin(scopes)].dropna(subset=["D"])
    return sorted({i for text in rows["sources"].dropna().astype(str) for i in text.split()})


def render(
    name: str,
    draw,
    out_dir: Path,
    *,
    title: str,
    caption: str,
    alt: str,
    ids: list[str],
    register: dict[str, dict],
    svg: bool = True,
) -> dict:
    """<name>.png/.svg/.csv and the side files (ruralrev.sidefiles) in out_dir from draw() -> (figure, plotted
    data), drawn in the house style; svg False: PNG only, at print resolution. `ids` are the source ids of the
    data behind the figure: the footer in the image names them under their publishers as the source register
    (`register`, ruralrev.figures.sources) records them, and so does the caption's last sentence."""
    ids = sorted(set(ids))
    if not ids:
        raise ValueError(f"{name}: no source id behind the figure's data; a figure names who published its data")
    out_dir = Path(out_dir)
    with plotstyle.style():
        figure, plotted = draw()
        plotstyle.add_footer(figure, footer(ids, register))
        saved = plotstyle.save(figure, out_dir / f"{name}.png", out_dir / f"{name}.svg" if svg else None)
    write_csv(plotted, out_dir / f"{name}.csv")
    short, notes = sidefiles.split_caption(caption, publishers_sentence(ids, register))
    sidefiles.write(saved["png"], sidefiles.record(name, title, short, alt, saved, sources=ids, notes=notes))
    return {**saved, "csv": out_dir / f"{name}.csv"}
