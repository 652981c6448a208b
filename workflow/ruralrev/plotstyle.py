"""One place for the look of every figure and map, and for saving them byte-for-byte reproducibly."""

from __future__ import annotations

import io
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure

from ruralrev.files import atomic_path

# Okabe & Ito (2008) palette: distinguishable under the common colour-vision deficiencies.
PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}
# ColorBrewer sequential scheme marked colour-blind safe; light = low.
SEQUENTIAL_CMAP = "YlGnBu"
NO_DATA_FACE = "#D9D9D9"
NO_DATA_HATCH = "////"

DPI = 180
A4_TEXT_WIDTH_IN = 6.3  # 16 cm: the text block of an A4 page with 2.5 cm margins
CHART_SIZE_IN = (A4_TEXT_WIDTH_IN, 3.6)
MAP_SIZE_IN = (A4_TEXT_WIDTH_IN, 5.6)

STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 8.5,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 8.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": matplotlib.cycler(
        color=[PALETTE[name] for name in ("blue", "orange", "green", "vermillion", "purple", "sky_blue")]
    ),
    "axes.grid": False,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 7.5,
    "legend.frameon": False,
    "lines.linewidth": 1.6,
    "lines.markersize": 5,
    "hatch.linewidth": 0.6,
    "hatch.color": "#7F7F7F",
    "savefig.dpi": DPI,
    "figure.dpi": DPI,
    # Reproducible bytes: fixed id salt in SVG, text as paths (no font-dependent subsetting ids).
    "svg.hashsalt": "ruralrev",
    "svg.fonttype": "path",
    "path.simplify": True,
}


def matplotlibrc_text() -> str:
    """STYLE as a matplotlibrc, so notebooks and ad-hoc plots run from the repo root look the same."""
    lines = ["# Generated from workflow/ruralrev/plotstyle.py (STYLE); tests check the two agree."]
    for key, value in STYLE.items():
        if key == "figure.dpi":
            continue  # screen resolution is the notebook front end's business
        if key == "axes.prop_cycle":
            colours = ", ".join(f"'{colour.lstrip('#')}'" for colour in value.by_key()["color"])
            value = f"cycler('color', [{colours}])"
        elif isinstance(value, str) and value.startswith("#"):
            value = value.lstrip("#")
        lines.append(f"{key}: {value}")
    return "\n".join(lines) + "\n"


@contextmanager
def style():
    """Apply the house style for the duration of a drawing, leaving global settings untouched."""
    settings = dict(STYLE)
    if cjk_font():
        # Font fallback: Latin text in DejaVu, Chinese names from the CJK font.
        settings["font.family"] = [STYLE["font.family"], cjk_font()]
    with matplotlib.rc_context(settings):
        yield


def new_figure(size: tuple[float, float] = CHART_SIZE_IN) -> Figure:
    """A figure not registered with pyplot, so nothing leaks between drawings."""
    return Figure(figsize=size, dpi=DPI, layout="constrained")


def save(figure: Figure, png_path: Path, svg_path: Path) -> dict:
    """Write PNG and SVG without dates or software versions, so the same drawing gives the same bytes."""
    png_path, svg_path = Path(png_path), Path(svg_path)
    rendered = {}
    # Render both into memory first so a drawing error never leaves a half-written file behind.
    with style():
        for kind, metadata in (("png", {"Software": None}), ("svg", {"Date": None, "Creator": None})):
            buffer = io.BytesIO()
            figure.savefig(buffer, format=kind, dpi=DPI, metadata=metadata)
            rendered[kind] = buffer.getvalue()
    for kind, path in (("png", png_path), ("svg", svg_path)):
        with atomic_path(path) as tmp:
            tmp.write_bytes(rendered[kind])
    return {"png": png_path, "svg": svg_path}


CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "AR PL UMing CN",
)


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """Name of an installed font with Chinese glyphs (Debian: fonts-noto-cjk), None if there is none."""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((family for family in CJK_FAMILIES if family in installed), None)
