"""One place for the look of every figure and map, and for saving them byte-for-byte reproducibly."""

from __future__ import annotations

import io
import textwrap
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure

from ruralrev.files import atomic_path
from ruralrev.palette import PALETTE  # noqa: F401  (the figures read it from here)

# ColorBrewer sequential scheme marked colour-blind safe; light = low.
SEQUENTIAL_CMAP = "YlGnBu"
NO_DATA_FACE = "#D9D9D9"
NO_DATA_HATCH = "////"

DPI = 180  # PNG beside an SVG: for the HTML page
RASTER_DPI = 300  # PNG of a figure offered without SVG: for print
MM = 1 / 25.4
# A figure is drawn at the size it prints at, so its font sizes are print sizes. The report's A4 portrait page
# leaves about 178 mm between its side margins (a full-width figure), two figures side by side 86 mm each, and
# the landscape ('wide') page about 265 mm.
PRINT_WIDTHS_IN = {"full": 178 * MM, "half": 86 * MM, "wide": 265 * MM}
FULL_WIDTH_IN = PRINT_WIDTHS_IN["full"]
MIN_FONT_PT = 7.0  # the smallest text on any figure at print size
FOOTER_PT = MIN_FONT_PT
FOOTER_EM = 0.56  # average width of a footer character, in em
FOOTER_COLOUR = "#4D4D4D"
CHART_SIZE_IN = (FULL_WIDTH_IN, 3.9)
MAP_SIZE_IN = (FULL_WIDTH_IN, 6.2)

STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.titlesize": 9,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": matplotlib.cycler(
        color=[PALETTE[name] for name in ("blue", "orange", "green", "vermillion", "purple", "sky_blue")]
    ),
    "axes.grid": False,
    "xtick.labelsize": 7.5,
    "ytick.labelsize": 7.5,
    "legend.fontsize": 7.5,
    "legend.title_fontsize": 7.5,
    "legend.frameon": False,
    "lines.linewidth": 1.6,
    "lines.markersize": 5,
    "hatch.linewidth": 0.6,
    "hatch.color": "#7F7F7F",
    "savefig.dpi": DPI,
    "figure.dpi": DPI,
    # Reproducible bytes: fixed id salt in SVG. Text stays text (font family and size, no glyph outlines): the
    # PDF's copy of a chart is searchable, an editor can change a label, and WeasyPrint draws it in a third of the
    # time it took to draw every letter as a path. Its fonts (DejaVu Sans, the CJK font) are the Makefile's.
    "svg.hashsalt": "ruralrev",
    "svg.fonttype": "none",
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


def footer_lines(figure: Figure, text: str) -> list[str]:
    """The footer's lines: each paragraph of `text` wrapped to the figure's width at FOOTER_PT."""
    width = int(figure.get_figwidth() * 72 / (FOOTER_PT * FOOTER_EM))
    return [line for part in text.split("\n") for line in textwrap.wrap(part, width)]


def add_footer(figure: Figure, text: str) -> None:
    """The source line inside the image, below everything else, at the smallest print size, wrapped to the
    figure's width. A figure with a layout engine keeps its size and lays its axes out above the footer; a sheet
    placed by hand (no layout engine) grows at the bottom by the footer's height, its content kept where it was
    relative to the top, so the width and every position drawn stay as they were."""
    lines = footer_lines(figure, text)
    band = (len(lines) * FOOTER_PT * 1.2 + 6) / 72  # inches
    engine = figure.get_layout_engine()
    if engine is not None:
        height = band / figure.get_figheight()
        engine.set(rect=(0, height, 1, 1 - height))
    else:
        _grow_bottom(figure, band)
    figure.text(0.008, 0.006, "\n".join(lines), fontsize=FOOTER_PT, color=FOOTER_COLOUR, ha="left", va="bottom")


def _grow_bottom(figure: Figure, inches: float) -> None:
    """Make a hand-placed figure `inches` taller at the bottom: axes (their insets follow them), figure texts and
    figure legends move up by that much, keeping their sizes."""
    old = figure.get_figheight()
    new = old + inches
    width_px, height_px = figure.get_figwidth() * figure.dpi, old * figure.dpi

    def up(y: float) -> float:
        return (y * old + inches) / new

    anchors = []
    for legend in figure.legends:
        box = legend.get_bbox_to_anchor().frozen()  # in pixels at the old size
        anchors.append((legend, box.x0 / width_px, box.y0 / height_px, box.width / width_px, box.height / height_px))
    for axis in figure.axes:
        box = axis.get_position(original=True)
        axis.set_position([box.x0, up(box.y0), box.width, box.height * old / new])
    for text in figure.texts:
        text.set_y(up(text.get_position()[1]))
    figure.set_figheight(new)
    for legend, x, y, w, h in anchors:
        legend.set_bbox_to_anchor((x, up(y), w, h * old / new), transform=figure.transFigure)


def text_sizes(figure: Figure) -> list[tuple[float, str]]:
    """(size in pt, text) of every visible, non-empty text of a figure: titles, tick labels, legends, notes."""
    from matplotlib.text import Text

    return sorted(
        (float(text.get_fontsize()), text.get_text())
        for text in figure.findobj(Text)
        if text.get_visible() and text.get_text().strip()
    )


def print_width(figure: Figure) -> str:
    """'full', 'half' or 'wide': the print width the figure is drawn at; ValueError for any other width."""
    width = figure.get_figwidth()
    for name, inches in PRINT_WIDTHS_IN.items():
        if abs(width - inches) < 0.005:
            return name
    widths = ", ".join(f"{name} {inches / MM:.0f} mm" for name, inches in PRINT_WIDTHS_IN.items())
    raise ValueError(f"figure is {width / MM:.0f} mm wide; draw it at a print width ({widths})")


def check_print(figure: Figure) -> dict:
    """The figure's print width and smallest font; ValueError if it is not drawn at a print width or any text on
    it is smaller than MIN_FONT_PT there (checked after a draw, so tick labels exist)."""
    sizes = text_sizes(figure)
    small = [f"{text!r} {size:g} pt" for size, text in sizes if size < MIN_FONT_PT - 1e-9]
    if small:
        raise ValueError(f"text below {MIN_FONT_PT:g} pt at print size: {'; '.join(small[:5])}")
    return {
        "print_width": print_width(figure),
        "width_mm": round(figure.get_figwidth() / MM, 1),
        "height_mm": round(figure.get_figheight() / MM, 1),
        "smallest_font_pt": sizes[0][0] if sizes else None,
    }


def save(figure: Figure, png_path: Path, svg_path: Path | None) -> dict:
    """Write PNG and SVG without dates or software versions, so the same drawing gives the same bytes; the
    figure must pass check_print. svg_path None: raster only (a map of thousands of polygons), PNG at RASTER_DPI.
    Returns the paths and the print facts (width, height, smallest font)."""
    png_path = Path(png_path)
    kinds = {"png": (png_path, {"Software": None}, DPI if svg_path else RASTER_DPI)}
    if svg_path is not None:
        kinds["svg"] = (Path(svg_path), {"Date": None, "Creator": None}, DPI)
    rendered = {}
    # Render into memory first so a drawing error never leaves a half-written file behind.
    with style():
        for kind, (_, metadata, dpi) in kinds.items():
            buffer = io.BytesIO()
            figure.savefig(buffer, format=kind, dpi=dpi, metadata=metadata)
            rendered[kind] = buffer.getvalue()
        facts = check_print(figure)
    for kind, (path, _, _) in kinds.items():
        with atomic_path(path) as tmp:
            tmp.write_bytes(rendered[kind])
    return {"png": png_path, "svg": Path(svg_path) if svg_path else None, "png_dpi": kinds["png"][2], "print": facts}


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
