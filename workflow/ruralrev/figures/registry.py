"""The figures the workflow draws, by name, and the one function that renders any of them to files."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Callable

import pandas as pd

from ruralrev import plotstyle
from ruralrev.errors import UserError
from ruralrev.figures.national import poverty_fund, rural_population
from ruralrev.figures.series import Drawing
from ruralrev.figures.urbanization import urbanization_rate
from ruralrev.files import write_csv

FIGURES: dict[str, Callable[[pd.DataFrame], Drawing]] = {
    "rural_population": rural_population,
    "poverty_fund": poverty_fund,
    "urbanization_rate": urbanization_rate,
}


def render(name: str, indicators: pd.DataFrame, out_dir: Path, **options) -> dict:
    """Draw one figure into out_dir as <name>.png/.svg/.csv; returns the paths, caption and plotted rows.

    options go to the figure function (only urbanization_rate takes one: places, a list of admin codes).
    """
    if name not in FIGURES:
        raise UserError(f"unknown figure {name!r}; choose one of {', '.join(sorted(FIGURES))}")
    accepted = set(inspect.signature(FIGURES[name]).parameters) - {"indicators"}
    if set(options) - accepted:
        raise UserError(f"figure {name!r} takes no option {sorted(set(options) - accepted)}; "
                        f"it accepts {sorted(accepted) or 'none'}")
    out_dir = Path(out_dir)
    with plotstyle.style():
        drawing = FIGURES[name](indicators, **options)
        paths = plotstyle.save(drawing.figure, out_dir / f"{name}.png", out_dir / f"{name}.svg")
    plotted = drawing.plotted.sort_values(["indicator", "geo_code", "definition", "year"]).reset_index(drop=True)
    csv_path = out_dir / f"{name}.csv"
    write_csv(plotted, csv_path)
    return {**paths, "csv": csv_path, "caption": drawing.caption, "plotted": plotted}

