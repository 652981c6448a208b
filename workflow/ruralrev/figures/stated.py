"""Kind `stated_bars`: an official annual series as bars with the values a paper states overlaid.

The stated values come from claims.csv (the entry's doc and claim_indicator), their verdicts from
claim_checks.csv: a difference from the bar is labelled, and a `wrong_year` verdict is drawn as an arrow
from the year the paper gave to the year the value belongs to. A census count and a successor programme
(hatched) are set apart from the series.
"""

from __future__ import annotations

import pandas as pd

from ruralrev import plotstyle
from ruralrev.figures.series import (
    COLOURS,
    PLOT_UNITS,
    PLOTTED_COLUMNS,
    YEAR_END_KINDS,
    Drawing,
    as_plotted,
    missing_years,
    require,
    select,
    year_ranges,
    years_of,
)


def stated_values(figure_id: str, spec: dict, claims: pd.DataFrame, checks: pd.DataFrame, years: range) -> pd.DataFrame:
    """The paper's values for the entry's claim_indicator, in plotted units, with their claim-check verdicts."""
    rows = claims[
        (claims["doc"] == spec["doc"])
        & (claims["indicator"] == spec["claim_indicator"])
        & pd.to_numeric(claims["year"], errors="coerce").isin(list(years))
        & claims["unit"].isin(list(PLOT_UNITS))
    ]
    rows = rows.merge(
        checks[["doc", "start", "end", "verdict", "official_year", "official_value"]],
        on=["doc", "start", "end"],
        how="left",
    )
    pages = rows["page"] if "page" in rows else pd.Series(pd.NA, index=rows.index)
    out = pd.DataFrame(
        {
            "figure": figure_id,
            "role": "stated",
            "geo_code": spec.get("place", "100000"),
            "geo_name": rows["place"],
            "indicator": rows["indicator"],
            "definition": "stated in " + rows["doc"],
            "year": rows["year"].astype(int),
            "value": [round(v * PLOT_UNITS[u][0], 6) for v, u in zip(rows["value"], rows["unit"])],
            "unit": rows["unit"].map(lambda u: PLOT_UNITS[u][1]),
            "vintage": "",
            "source": rows["doc"],
            # a claim with a page was read from a PDF's text layer (see extract.pdftext)
            "raw_file": [f"documents/{d}.{'txt' if pd.isna(p) else 'pdf'}" for d, p in zip(rows["doc"], pages)],
            "raw_row": pd.array([pd.NA] * len(rows), dtype="Int64"),
            "derivation": "",
            "note": [
                (f"page {int(p)}, " if pd.notna(p) else "")
                + f"characters {s}–{e}: '{t}'; claim check: {v}"
                + (f" (official year {int(y)})" if v == "wrong_year" else "")
                for p, s, e, t, v, y in zip(
                    pages,
                    rows["start"],
                    rows["end"],
                    rows["text"],
                    rows["verdict"].fillna("unchecked"),
                    rows["official_year"],
                )
            ],
        }
    )
    out["verdict"], out["official_year"] = (
        rows["verdict"].fillna("unchecked").to_numpy(),
        rows["official_year"].to_numpy(),
    )
    return out.sort_values(["year", "value"]).reset_index(drop=True)


def _overlay(axis, stated: pd.DataFrame, bars: pd.DataFrame, census: pd.DataFrame) -> list[str]:
    """Stated values as black ticks; differences and wrong years labelled. Returns caption sentences."""
    notes = []
    official = dict(zip(bars["year"], bars["value"]))
    axis.plot(
        stated["year"],
        stated["value"],
        linestyle="none",
        marker="_",
        markersize=16,
        markeredgewidth=2,
        color=COLOURS["black"],
        label="value stated in the paper",
        zorder=5,
    )
    for _, point in stated.iterrows():
        year, value = int(point["year"]), float(point["value"])
        if point["verdict"] == "wrong_year" and pd.notna(point["official_year"]):
            target = int(point["official_year"])
            axis.annotate(
                "",
                xy=(target + 0.25, value),
                xytext=(year - 0.3, value),
                arrowprops={"arrowstyle": "->", "color": COLOURS["vermillion"], "lw": 1.2},
            )
            axis.annotate(
                f"paper: {value:,.6g} stated for {year}\nis the {target} value",
                (year, value),
                xytext=(0, 24),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=7,
                color=COLOURS["vermillion"],
                fontweight="bold",
                arrowprops={"arrowstyle": "-", "color": COLOURS["vermillion"], "lw": 0.6},
            )
            notes.append(
                f"The paper states {value:,.6g} {point['unit']} for {year}; the claim-check ledger finds it is the "
                f"{target} value (verdict wrong_year), marked with an arrow"
            )
            continue
        bar = official.get(year)
        if bar is not None and abs(bar - value) >= 0.005:
            same_census = census[(census["year"] == year) & ((census["value"] - value).abs() < 0.005)]
            what = " = census count" if not same_census.empty else ""
            axis.annotate(
                f"paper {value:,.2f}{what}\nyear-end {bar:,.2f}; difference {value - bar:+.2f}",
                (year, max(value, bar)),
                xytext=(0, 16),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=7,
                color=COLOURS["vermillion"],
                arrowprops={"arrowstyle": "-", "color": COLOURS["vermillion"], "lw": 0.6},
            )
            notes.append(
                f"{year}: the paper states {value:,.2f}, the year-end series {bar:,.2f} "
                f"({value - bar:+.2f}){'; the paper’s value is the census count' if what else ''}"
            )
    return notes


def _inside_labels(axis, xs, heights) -> None:
    """Official values at the foot of their bars, clear of the stated ticks on the bar tops."""
    for x, height in zip(xs, heights):
        axis.text(
            x,
            axis.get_ylim()[1] * 0.015,
            f"{height:,.6g}",
            ha="center",
            va="bottom",
            fontsize=7,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.8, "alpha": 0.85},
        )


def draw(figure_id: str, spec: dict, data) -> Drawing:
    """Bars of the entry's `series` over `years`, census and successor set apart, the paper's values overlaid."""
    years, place = years_of(spec), str(spec.get("place", "100000"))
    indicators = data.indicators
    bars = as_plotted(
        select(indicators, spec["series"], place, years, YEAR_END_KINDS, other_kinds=True), figure_id, "official"
    )
    require(bars, figure_id, f"{spec['series']}, {place}, {years[0]}–{years[-1]}")
    census = (
        as_plotted(select(indicators, spec["series"], place, years, ("census",)), figure_id, "census")
        if spec.get("census")
        else pd.DataFrame(columns=PLOTTED_COLUMNS)
    )
    successor = (
        as_plotted(
            select(indicators, spec["successor"], place, years, YEAR_END_KINDS, other_kinds=True),
            figure_id,
            "successor",
        )
        if spec.get("successor")
        else pd.DataFrame(columns=PLOTTED_COLUMNS)
    )
    stated = stated_values(figure_id, spec, data.csv("claims"), data.csv("claim_checks"), years)
    figure = plotstyle.new_figure()
    axis = figure.add_subplot()
    axis.set_ylim(0, max(bars["value"].max(), successor["value"].max() if not successor.empty else 0) * 1.3)
    axis.bar(
        bars["year"],
        bars["value"],
        width=0.6,
        color=COLOURS["sky_blue"],
        label=spec.get("series_label", "reference series"),
    )
    _inside_labels(axis, bars["year"], bars["value"])
    if not successor.empty:
        axis.bar(
            successor["year"],
            successor["value"],
            width=0.6,
            facecolor="white",
            edgecolor=COLOURS["orange"],
            hatch="///",
            linewidth=1.2,
            label=spec.get("successor_label", "successor programme"),
        )
        _inside_labels(axis, successor["year"], successor["value"])
        axis.axvline(successor["year"].min() - 0.5, color=COLOURS["grey"], linestyle="--", linewidth=0.8)
    if not census.empty:
        axis.plot(
            census["year"] + 0.42,
            census["value"],
            marker="D",
            linestyle="none",
            markersize=5,
            markerfacecolor="white",
            markeredgecolor=COLOURS["blue"],
            markeredgewidth=1.4,
            label="census count (1 Nov 2020)",
        )
        for year, value in zip(census["year"], census["value"]):
            axis.annotate(
                f"{value:,.2f}",
                (year + 0.42, value),
                xytext=(0, -10),
                textcoords="offset points",
                ha="center",
                fontsize=7,
                color=COLOURS["blue"],
            )
    notes = _overlay(axis, stated, bars, census)
    everything = pd.concat([bars, census, successor, stated[PLOTTED_COLUMNS]], ignore_index=True)
    axis.set_xticks(list(years))
    axis.set_xlabel("year")
    axis.set_ylabel(bars["unit"].iloc[0])
    axis.legend(loc="upper left", ncols=1)
    gaps = missing_years(pd.concat([bars, successor]), years)
    cautions = [
        f"{int(r.year)}: {r.value:,.6g} is the figure of vintage '{r.vintage}' ({r.source}); {r.note[r.note.index('NB:') :]} (raw values in 亿元, 0.1 billion yuan)"
        for r in bars.itertuples()
        if "NB:" in str(r.note)
    ]
    caption = (
        f"{spec['title']}. Bars: {spec.get('definition', spec['series'])}, {bars['unit'].iloc[0]}; black ticks: the "
        "values the paper states. "
        + ". ".join(notes)
        + ("." if notes else "")
        + f" Vintages of the bars: {' | '.join(sorted(set(bars['vintage'].astype(str))))}."
    )
    if not successor.empty:
        caption += f" Hatched: {spec.get('successor_label', 'successor programme')}; not one series with the bars."
    if not census.empty:
        caption += " Diamond: the census count (reference date 1 November), a different measure from the year-end bars."
    caption += "".join(f" {c}." for c in cautions)
    if gaps:
        caption += f" No value in any source read for {year_ranges(gaps)} (left empty)."
    alt = (
        f"Bar chart, {years[0]}–{years[-1]}: "
        + ", ".join(f"{int(y)} {v:,.2f}" for y, v in zip(bars["year"], bars["value"]))
        + (
            ", successor " + ", ".join(f"{int(y)} {v:,.2f}" for y, v in zip(successor["year"], successor["value"]))
            if not successor.empty
            else ""
        )
        + f" {bars['unit'].iloc[0]}; paper's values "
        + ", ".join(f"{int(y)} {v:,.2f}" for y, v in zip(stated["year"], stated["value"]))
        + "."
    )
    plotted = everything.sort_values(["role", "year"]).reset_index(drop=True)
    return Drawing(
        figure,
        plotted,
        caption,
        alt,
        "partial" if gaps else "rebuilt",
        f"no value for {year_ranges(gaps)}" if gaps else "",
        extra={"footer": " ".join(cautions)},
    )
