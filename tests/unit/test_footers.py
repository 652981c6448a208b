"""The footer of the coupling's figures and maps: it names who published the data behind the figure, as the source
register records it ("(official)" only for a government publisher), wrapped inside the image at print size, on
charts laid out by a layout engine and on map sheets placed by hand alike."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.patches import Patch

from ruralrev import plotstyle
from ruralrev.coupling import charts
from ruralrev.figures.sources import footer, publishers_sentence
from ruralrev.geo import drawing

RULES = Path(__file__).resolve().parents[2] / "workflow" / "rules"
# A small register: one government publisher, one compiler, one long name that forces the footer to wrap.
REGISTER = {
    "P100": {
        "source_id": "P100",
        "publisher": "National Bureau of Statistics of China",
        "publisher_kind": "statistics_bureau",
    },
    "P101": {
        "source_id": "P101",
        "publisher": "National Bureau of Statistics of China",
        "publisher_kind": "statistics_bureau",
    },
    "P102": {
        "source_id": "P102",
        "publisher": "National Bureau of Statistics of China",
        "publisher_kind": "statistics_bureau",
    },
    "S01": {
        "source_id": "S01",
        "publisher": "leiii/census (compiled from census yearbooks)",
        "publisher_kind": "compiler",
    },
    "W4": {
        "source_id": "W4",
        "publisher": "A publisher with a very long name that a reader still has to be able to read " * 2,
        "publisher_kind": "other",
    },
}


def coupling_rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "scope": ["national", "provinces", "provinces", "provinces", "study_area"],
            "geo_code": ["100000", "110000", "110000", "120000", "520200"],
            "year": [2016, 2016, 2017, 2016, 2016],
            "D": [0.6, 0.7, 0.72, float("nan"), float("nan")],
            "sources": ["W4", "P100 P101", "P102", "S01", ""],
        }
    )


def test_panel_ids_are_those_of_the_computed_place_years_of_the_scopes_asked():
    rows = coupling_rows()
    assert charts.panel_ids(rows) == ["P100", "P101", "P102"]  # Tianjin's row is not computed: S01 is not used
    assert charts.panel_ids(rows, ("national", "provinces")) == ["P100", "P101", "P102", "W4"]


def _chart():
    figure = plotstyle.new_figure((plotstyle.FULL_WIDTH_IN, 3.0))
    axis = figure.subplots()
    axis.plot([2016, 2017], [0.7, 0.72], label="D")
    axis.legend()
    figure.suptitle("A chart", fontsize=10, x=0.01, ha="left")
    return figure


def _sheet():
    """A sheet placed by hand like the coupling's maps: axes at figure fractions, a figure legend and a note."""
    figure = drawing.new_sheet((plotstyle.FULL_WIDTH_IN, 3.0))
    figure.add_axes([0.05, 0.3, 0.9, 0.6]).plot([0, 1], [0, 1])
    figure.legend(handles=[Patch(label="a class")], loc="lower center", bbox_to_anchor=(0.5, 0.1), fontsize=7)
    figure.suptitle("A map sheet", fontsize=10, x=0.01, ha="left")
    figure.text(0.01, 0.005, "Projection and boundaries.", fontsize=7, va="bottom")
    return figure


def _renderer(figure):
    """The renderer of the figure as saved (laid out again, as savefig does)."""
    if not hasattr(figure.canvas, "get_renderer"):
        FigureCanvasAgg(figure)
    figure.draw_without_rendering()
    return figure.canvas.get_renderer()


@pytest.mark.parametrize("make", [_chart, _sheet], ids=["chart", "sheet"])
def test_a_coupling_figure_names_the_publishers_of_its_data_in_its_footer(tmp_path, make):
    drawn = []

    def draw():
        figure = make()
        drawn.append((figure, figure.get_figwidth(), figure.get_figheight()))
        return figure, pd.DataFrame({"year": [2016, 2017], "D": [0.7, 0.72]})

    saved = charts.render(
        "coupling_test",
        draw,
        tmp_path,
        title="A chart",
        caption="What it shows.",
        alt="A line.",
        ids=["P102", "S01", "P100", "P101", "W4"],
        register=REGISTER,
    )
    figure, width, height = drawn[0]
    text = footer(["P100", "P101", "P102", "S01", "W4"], REGISTER)
    lines = plotstyle.footer_lines(figure, text)
    shown = [t for t in figure.texts if t.get_text() == "\n".join(lines)]
    assert len(shown) == 1 and len(lines) > 1  # wrapped, not cut
    words = " ".join(lines)
    assert "National Bureau of Statistics of China (official) P100–P102" in words
    assert "leiii/census (compiled from census yearbooks) S01" in words and "census yearbooks) (official)" not in words
    assert words.startswith("Data (ids of the source register): ") and "CSV" not in words
    # The width is the print width it was drawn at, every text at least 7 pt, the footer inside the image and
    # below every other text (a sheet grows at the bottom, a chart lays its axes out above the footer).
    assert figure.get_figwidth() == width and saved["print"]["smallest_font_pt"] >= plotstyle.MIN_FONT_PT
    renderer = _renderer(figure)
    boxes = {text.get_text(): text.get_window_extent(renderer) for text in figure.texts}
    foot = boxes.pop(shown[0].get_text())
    assert foot.x0 >= 0 and foot.y0 >= 0 and foot.x1 <= figure.bbox.width
    assert all(foot.y1 <= box.y0 + 0.5 for box in boxes.values())
    for axis in figure.axes:
        assert foot.y1 <= axis.get_tightbbox(renderer).y0 + 0.5
    for legend in figure.legends:
        assert foot.y1 <= legend.get_window_extent(renderer).y0
    if make is _sheet:
        assert figure.get_figheight() > height
    record = json.loads((tmp_path / "coupling_test.json").read_text(encoding="utf-8"))
    assert record["sources"] == ["P100", "P101", "P102", "S01", "W4"]
    assert record["caption"].startswith("What it shows. Data: ")
    assert "National Bureau of Statistics of China (official)" in record["caption"] + record["notes"]


def test_a_figure_without_a_source_id_is_refused(tmp_path):
    with pytest.raises(ValueError, match="no source id"):
        charts.render(
            "x", lambda: (_chart(), pd.DataFrame()), tmp_path, title="", caption="", alt="", ids=[], register={}
        )


def test_the_caption_names_publishers_and_calls_only_a_government_publisher_official():
    sentence = publishers_sentence(["S01", "P100", "Q999"], REGISTER)  # Q999: not in the register (a paper's own)
    assert sentence == "Data: National Bureau of Statistics of China (official), leiii/census."


def test_the_rules_that_draw_the_coupling_and_spatial_figures_read_the_source_register():
    """An edit of the register reruns them: it is an input, passed to the command."""
    for file, rule in (
        ("coupling.smk", "build_coupling"),
        ("spatial.smk", "build_coupling_spatial"),
        ("spatial.smk", "build_county_urbanization"),
    ):
        text = (RULES / file).read_text(encoding="utf-8")
        body = re.search(rf"^rule {rule}:\n(.*?)(?=^rule |\Z)", text, re.S | re.M).group(1)
        assert "register=SOURCE_REGISTER" in body and "--register {input.register:q}" in body, rule
