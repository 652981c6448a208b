"""The workflow's own coupling analysis: U1, U2 and D over time with the ten D classes as bands. (The Liupanshui
paper's Figure 2 is not in the corpus, only its caption: this figure does not rebuild it.)

Left: China scored on the provinces' scale (the pooled panel's bounds and weights). Right: D of the study areas'
provinces, with the range and median of all provinces. Years not computed stay gaps; open markers are
place-years scored under a config exception (an indicator missing, its weight redistributed).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ruralrev import plotstyle
from ruralrev.errors import UserError
from ruralrev.years import year_runs

NAME = "coupling_coordination"
TITLE = "Coupling coordination of urbanization and rural revitalization: China and the provinces"
ALT = (
    "Two line charts on a 0 to 1 scale with the ten classes of D as grey bands. Left: China's U1 (urbanization), "
    "U2 (rural revitalization) and coupling coordination degree D by year. Right: D of the study areas' provinces "
    "with the range and median of all provinces."
)
PLOTTED_COLUMNS = ["scope", "place", "geo_code", "year", "series", "value", "class", "note", "sources"]
SERIES_STYLE = {
    "U1": ("blue", "o", "U1 urbanization"),
    "U2": ("green", "s", "U2 rural revitalization"),
    "D": ("vermillion", "D", "D coordination degree"),
}
PROVINCE_STYLES = (("orange", "o"), ("purple", "s"), ("sky_blue", "^"), ("blue", "v"))
BAND_SHADES = ("#F2F2F2", "#FFFFFF")


def _bands(axis, classes: list[tuple[float, str]]) -> None:
    lower = 0.0
    for number, (upper, _) in enumerate(classes):
        axis.axhspan(lower, upper, color=BAND_SHADES[number % 2], zorder=0, linewidth=0)
        lower = upper
    axis.set_ylim(0, 1)


def _line(axis, frame: pd.DataFrame, column: str, colour: str, marker: str, label: str, width: float = 1.6) -> None:
    """One series; a line joins consecutive computed years only; exception years get open markers."""
    data = frame.dropna(subset=[column]).sort_values("year")
    for number, run in enumerate(year_runs(data["year"].astype(int).tolist())):
        part = data[data["year"].isin(run)]
        axis.plot(
            part["year"],
            part[column],
            color=plotstyle.PALETTE[colour],
            marker=marker,
            linewidth=width,
            markersize=4,
            label=label if number == 0 else None,
        )
    partial = data[data["note"].str.startswith("scored without", na=False)]
    axis.plot(
        partial["year"],
        partial[column],
        linestyle="none",
        marker=marker,
        markersize=4,
        markerfacecolor="white",
        markeredgecolor=plotstyle.PALETTE[colour],
    )


def _long(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    parts = []
    for column in columns:
        part = frame[["scope", "place", "geo_code", "year", column, "class", "note", "sources"]].rename(
            columns={column: "value"}
        )
        parts.append(part.assign(series=column, **({"class": ""} if column != "D" else {})))
    return pd.concat(parts, ignore_index=True)[PLOTTED_COLUMNS]


def _province_range(provinces: pd.DataFrame) -> pd.DataFrame:
    """Minimum, median and maximum D of the provinces per year, with the union of their sources."""
    computed = provinces.dropna(subset=["D"])
    rows = []
    for year, group in computed.groupby("year"):
        sources = " ".join(sorted({s for text in group["sources"] for s in str(text).split()}))
        for series, value in (
            ("D_min", group["D"].min()),
            ("D_median", group["D"].median()),
            ("D_max", group["D"].max()),
        ):
            rows.append(
                {
                    "scope": "provinces",
                    "place": f"{len(group)} provinces",
                    "geo_code": "",
                    "year": year,
                    "series": series,
                    "value": value,
                    "class": "",
                    "note": "",
                    "sources": sources,
                }
            )
    return pd.DataFrame(rows, columns=PLOTTED_COLUMNS)


def draw(coupling: pd.DataFrame, classes: list[tuple[float, str]], highlight: list[str]):
    """(figure, plotted data) from coupling.csv; UserError if the national series is empty."""
    national = coupling[(coupling["scope"] == "national")].copy()
    provinces = coupling[(coupling["scope"] == "provinces")].copy()
    if national["D"].notna().sum() == 0:
        raise UserError(
            "figure 'coupling_coordination': coupling.csv has no computed national year; "
            "check the coupling config (indicators, min_coverage) and the panel"
        )
    figure = plotstyle.new_figure((plotstyle.FULL_WIDTH_IN, 4.3))
    left, right = figure.subplots(1, 2, sharey=True, width_ratios=[1, 1])
    for axis in (left, right):
        _bands(axis, classes)
    for column, (colour, marker, label) in SERIES_STYLE.items():
        _line(left, national, column, colour, marker, label)
    if national["note"].str.startswith("scored without", na=False).any():
        left.plot(
            [],
            [],
            linestyle="none",
            marker="o",
            markersize=4,
            markerfacecolor="white",
            markeredgecolor=plotstyle.PALETTE["grey"],
            label="open: scored under a config exception",
        )
    left.set_title("China (on the provinces' scale)", fontsize=8.5)
    left.set_ylabel("index (0–1)")
    left.legend(loc="upper left", fontsize=7)
    plotted = [_long(national, ["U1", "U2", "D"])]
    spread = _province_range(provinces)
    if not spread.empty:
        wide = spread.pivot(index="year", columns="series", values="value")
        right.fill_between(
            wide.index,
            wide["D_min"],
            wide["D_max"],
            color=plotstyle.PALETTE["grey"],
            alpha=0.25,
            linewidth=0,
            label=f"D range, {provinces['geo_code'].nunique()} provinces",
        )
        right.plot(
            wide.index,
            wide["D_median"],
            color=plotstyle.PALETTE["grey"],
            linestyle="--",
            linewidth=1.0,
            label="D median",
        )
        plotted.append(spread)
    for code, (colour, marker) in zip(highlight, PROVINCE_STYLES):
        rows = provinces[provinces["geo_code"] == code]
        if rows.empty:
            continue
        _line(right, rows, "D", colour, marker, f"D {rows['place'].iloc[0]}")
        plotted.append(_long(rows, ["D"]))
    right.set_title("Provinces (pooled panel)", fontsize=8.5)
    right.legend(loc="upper left", fontsize=7)
    labels = right.secondary_yaxis("right")
    lowers = [0.0] + [upper for upper, _ in classes[:-1]]
    labels.set_yticks(
        [(lo + up) / 2 for lo, (up, _) in zip(lowers, classes)], [name for _, name in classes], fontsize=7
    )
    labels.tick_params(length=0)
    years = coupling.loc[coupling["scope"].isin(["national", "provinces"]), "year"].dropna().astype(int)
    for axis in (left, right):
        axis.set_xlim(years.min() - 0.4, years.max() + 0.4)  # one time axis: China's gaps show as gaps
        axis.xaxis.get_major_locator().set_params(integer=True)
        axis.tick_params(axis="x", labelsize=7.5)
    figure.suptitle(
        "Coupling coordination of urbanization and rural revitalization",
        fontsize=10,
        fontweight="bold",
        x=0.01,
        ha="left",
    )
    data = pd.concat(plotted, ignore_index=True)
    data["year"] = data["year"].astype(int)
    return figure, data.sort_values(["scope", "geo_code", "series", "year"], kind="stable").reset_index(drop=True)


def caption(coupling: pd.DataFrame, plotted: pd.DataFrame) -> str:
    """Caption built from the data: what is shown, the classes at both ends, gaps and exception years."""
    national = coupling[(coupling["scope"] == "national")].sort_values("year")
    computed = national.dropna(subset=["D"])
    first, last = computed.iloc[0], computed.iloc[-1]
    text = (
        f"Left: China scored on the provinces' bounds and weights, D {first['D']:.3f} ({first['class']}) in "
        f"{int(first['year'])} to {last['D']:.3f} ({last['class']}) in {int(last['year'])}. Right: D of the study "
        "areas' provinces, all provinces' range (shaded) and median (dashed). Bands: the ten classes of D. "
        "Indicators min–max normalised and entropy-weighted once over all province-years; C = 2√(U1·U2)/(U1+U2), "
        "D = √(C·T)."
    )
    gaps = national[national["D"].isna()]
    for run in year_runs(gaps["year"].astype(int).tolist()):
        span = f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0])
        reason = gaps.loc[gaps["year"] == run[0], "note"].iloc[0].removeprefix("not computed: ").split(" (")[0]
        text += f" China not computed in {span} ({reason})."
    partial = national[national["note"].str.startswith("scored without", na=False)]
    if not partial.empty:
        text += (
            " Open markers: years scored under a config exception (an indicator missing there, its weight "
            "redistributed within its subsystem): " + ", ".join(str(int(y)) for y in partial["year"]) + "."
        )
    areas = coupling[coupling["scope"] == "study_area"]
    for _, area in areas.iterrows():
        text += f" {area['place']}: {area['note'].split(';')[0]}."
    return text


def render(
    coupling: pd.DataFrame,
    classes: list[tuple[float, str]],
    highlight: list[str],
    out_dir: Path,
    register: dict[str, dict],
) -> dict:
    """coupling_coordination.png/.svg/.csv and its side files (.txt, .alt.txt, .json) in out_dir; the footer names
    the publishers (source register `register`) of the values behind China's and the provinces' scores."""
    from ruralrev.coupling import charts

    def drawn():
        figure, plotted = draw(coupling, classes, highlight)
        return figure, plotted.assign(value=plotted["value"].astype(float).round(6))

    text = caption(coupling, None)
    ids = charts.panel_ids(coupling, ("national", "provinces"))
    drawn_files = charts.render(NAME, drawn, out_dir, title=TITLE, caption=text, alt=ALT, ids=ids, register=register)
    return {**drawn_files, "caption": text}
