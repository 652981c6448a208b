"""Report assembly: timing metadata scrubbed, code hidden, images inline, readable tables, numbering, escaping."""

from __future__ import annotations

import base64
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from ruralrev.errors import UserError
from ruralrev.report import build as report
from ruralrev.report import documents, numbering
from ruralrev.report.present import DASH, Column, format_with_unit, long_table, table_html, xref
from ruralrev.report.scrub import scrub_notebook

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\nfake").decode()
HOSTILE = '<script>alert(1)</script> and <img src=x onerror="alert(2)">'


def executed_notebook(path):
    book = new_notebook(
        cells=[
            new_code_cell("region = 'x'", metadata={"tags": ["parameters"]}),
            new_markdown_cell("# Panel overview\n\nSome *text*."),
            new_code_cell(
                "import pandas as pd\ndisplay(figure)",
                outputs=[
                    new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"}),
                    new_output("stream", name="stderr", text="a warning"),
                ],
                metadata={"execution": {"iopub.status.busy": "2026-01-01T00:00:00"}},
            ),
        ]
    )
    book.metadata["papermill"] = {"start_time": "2026-01-01", "duration": 1.5, "parameters": {"region": "x"}}
    nbformat.write(book, path)
    return path


def test_scrub_removes_run_times_but_keeps_parameters(tmp_path):
    source = executed_notebook(tmp_path / "run.ipynb")
    scrub_notebook(source, tmp_path / "clean.ipynb")
    clean = nbformat.read(tmp_path / "clean.ipynb", as_version=4)
    assert "start_time" not in clean.metadata["papermill"] and "duration" not in clean.metadata["papermill"]
    assert clean.metadata["papermill"]["parameters"] == {"region": "x"}
    assert all("execution" not in cell.metadata for cell in clean.cells)


def test_notebook_body_hides_code_and_inlines_images(tmp_path):
    body = report.notebook_body(executed_notebook(tmp_path / "02_panel.ipynb"))
    assert "Panel overview" in body
    assert f"data:image/png;base64,{PNG}" in body
    assert "import pandas" not in body and "region = 'x'" not in body
    assert "a warning" not in body


def test_missing_values_show_a_dash_with_a_legend_never_nan():
    frame = pd.DataFrame({"year": [2020, 2021], "value": [1.5, float("nan")], "note": ["a", pd.NA]})
    table = table_html(
        frame, [Column("year", "Year", "year"), Column("value", "Value (%)", "rate"), Column("note", "Note")], "T", "t"
    )
    assert DASH in table and "not published or not found" in table
    assert "nan" not in table.lower().replace("nanjing", "") and "&lt;NA&gt;" not in table and ">0<" not in table


def test_years_whole_and_values_with_separators_at_the_stated_rounding():
    frame = pd.DataFrame({"year": [2010.0], "persons": [556680000.0], "rate": [48.870366], "n": [1234567.0]})
    columns = [
        Column("year", "Year", "year"),
        Column("persons", "Rural population (million)", "million"),
        Column("rate", "Urbanization (%)", "rate"),
        Column("n", "Rows", "count"),
    ]
    table = table_html(frame, columns, "T", "t")
    assert ">2010<" in table and "2,010" not in table
    assert ">556.68<" in table and ">48.87<" in table and ">1,234,567<" in table and "48.870366" not in table
    assert format_with_unit(146.1e9, "yuan") == "146.1 billion yuan" and format_with_unit(9914.0, "km2") == "9,914 km²"


def test_long_tables_go_to_csv_and_the_body_keeps_at_most_25_rows(tmp_path):
    frame = pd.DataFrame({"code": [f"c{i}" for i in range(40)], "n": range(40)})
    body = long_table(
        frame, [Column("code", "Code", "code"), Column("n", "Number", "count")], "Long", "long", tmp_path / "nb"
    )
    assert body.count("<tr>") == 1 + 25
    assert 'href="tables/nb/long.csv"' in body
    assert len(pd.read_csv(tmp_path / "nb" / "long.csv")) == 40


def test_document_text_is_escaped_everywhere_it_appears(tmp_path):
    docs = pd.DataFrame(
        [
            {
                "id": "d",
                "title": HOSTILE,
                "authors": HOSTILE,
                "affiliation": None,
                "date": None,
                "words": 1,
                "sections": 0,
                "captions": 1,
                "claims": 1,
            }
        ]
    )
    captions = pd.DataFrame(
        [
            {
                "doc": "d",
                "kind": "figure",
                "number": 1,
                "caption": HOSTILE,
                "year_start": None,
                "year_end": None,
                "declared_unit": None,
            }
        ]
    )
    names = documents.titles(docs, None)
    page = (
        documents.inventory_table(docs, None)
        + documents.captions_table(captions, names)
        + documents.mark(HOSTILE, "alert(1)")
    )
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;" in page and "onerror" in page  # shown as text


def test_untitled_documents_are_named_from_documents_yaml(tmp_path):
    meta = tmp_path / "documents.yaml"
    meta.write_text("documents:\n  - id: a\n    kind: research paper\n    focus_places: [China]\n", encoding="utf-8")
    names = documents.titles(pd.DataFrame([{"id": "a", "title": float("nan")}]), meta)
    assert names == {"a": "Research paper on China, untitled in the source text"}


def test_figures_tables_and_sections_are_numbered_and_cross_references_resolve():
    table = table_html(pd.DataFrame({"a": [1]}), [Column("a", "A", "count")], "First table", "one")
    page = (
        f"<h1>Findings</h1><p>See {xref('tab-one')} and {xref('fig-map')}.</p>{table}"
        '<figure class="rr-figure" id="fig-map"><img alt="m" src="x"><figcaption><span class="label"></span> Map</figcaption></figure>'
        "<h1>Appendix: Sources</h1>"
    )
    numbered, toc, labels = numbering.number_page(page)
    assert labels == {"tab-one": "Table 1", "fig-map": "Figure 1"}
    assert (
        '<a class="xref" href="#tab-one">Table 1</a>' in numbered and '<span class="label">Figure 1.</span>' in numbered
    )
    assert [(e["number"], e["title"]) for e in toc] == [("1", "Findings"), ("Appendix A.", "Sources")]
    with pytest.raises(UserError, match="#fig-missing"):
        numbering.number_page(f"<p>{xref('fig-missing')}</p>")


def test_report_template_escapes_the_title(tmp_path):
    template = Path(__file__).resolve().parents[2] / "workflow" / "report" / "report.html.j2"
    inputs = report.ReportInputs(
        notebooks=[],
        values=tmp_path,
        documents=tmp_path,
        inventory=[],
        template=template,
        css=template.with_name("report.css"),
        tables_dir=tmp_path,
        title=HOSTILE,
    )
    page = report.render_html(inputs, {"abstract": "", "date": "d", "toc": [], "body": ""})
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_registry_values_carry_their_formatted_text_and_source():
    from ruralrev.report.values import Registry

    registry = Registry()
    assert registry.measure("a", 556680000.0, "person", "f.csv row 24") == "556.68 million"
    assert registry.measure("b", 146.1e9, "yuan", "g.csv row 7") == "146.1 billion yuan"
    assert registry.measure("c", 48.870366, "percent", "derived") == "48.87%"
    assert registry.count("d", 10038, "words", "documents.csv") == "10,038"
    assert registry.entries["a"] == {
        "name": "a",
        "value": 556.68,
        "unit": "million persons",
        "text": "556.68 million",
        "source": "f.csv row 24",
    }


def test_pdf_keeps_local_file_links_as_text_not_machine_addresses():
    page = (
        '<p><a href="tables/x/ledger.csv">tables/x/ledger.csv</a> <a href="#fig-1">Figure 1</a> '
        '<a href="https://example.org/a">source</a></p>'
    )
    text = report.without_local_links(page)
    assert '<span class="file-name">tables/x/ledger.csv</span>' in text
    assert 'href="#fig-1"' in text and 'href="https://example.org/a"' in text
    assert 'tables/x/ledger.csv"' not in text


def test_a_caption_prints_its_title_once_and_its_alt_text_only_in_the_alt_attribute(tmp_path):
    from ruralrev.report.present import figure_html

    png = tmp_path / "figures" / "income.png"
    png.parent.mkdir()
    png.write_bytes(base64.b64decode(PNG))
    text = "Income, 2014–2023\n\nIncome, 2014–2023. Household survey.\n\nAlt text: chart: 2014 28,844.00"
    block = figure_html(png, text, "income", "Income")
    caption = block.split("<figcaption>")[1]
    assert caption.count("Income, 2014–2023") == 1 and "Household survey." in caption
    assert "Alt text" not in caption and "28,844.00" not in caption
    assert 'alt="chart: 2014 28,844.00"' in block
    # a caption file of one paragraph (the maps stage's) is printed as it is; the alt given is kept
    block = figure_html(png, "Batang County: location.", "map", "A map of Batang")
    assert "Batang County: location.</figcaption>" in block and 'alt="A map of Batang"' in block


def test_a_figure_links_to_its_svg_for_enlarging_and_the_pdf_prints_that_vector(tmp_path):
    from ruralrev.report.present import VECTOR_MAX_BYTES, figure_html

    folder = tmp_path / "figures"
    folder.mkdir()
    for name in ("chart", "map"):
        (folder / f"{name}.png").write_bytes(base64.b64decode(PNG))
    (folder / "chart.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    (folder / "map.svg").write_bytes(b"<svg" + b" " * VECTOR_MAX_BYTES + b"/>")  # too large to print as vector
    page = figure_html(folder / "chart.png", "A chart.", "chart", "c") + figure_html(
        folder / "map.png", "A map.", "map", "m"
    )
    assert 'href="figures/chart.svg"' in page and 'href="figures/map.png"' in page
    printed = report.with_vector_figures(page, tmp_path)
    svg = base64.b64encode((folder / "chart.svg").read_bytes()).decode()
    assert f'src="data:image/svg+xml;base64,{svg}"' in printed
    assert printed.count("data:image/png;base64,") == 1  # the map stays a raster


def test_software_versions_print_as_one_line_of_names_and_versions():
    import pandas as pd

    from ruralrev.report.appendix import versions_line

    line = versions_line(pd.DataFrame({"package": ["python", "pandas<x>"], "version": ["3.11.7", "2.2.3"]}))
    assert line == "<code>python 3.11.7</code>, <code>pandas&lt;x&gt; 2.2.3</code>"


def test_printed_column_widths_keep_each_longest_word_and_give_the_room_to_the_long_text():
    from ruralrev.report import present

    sentence = "<td>" + "a long explanation of how the claim was checked " * 12 + "</td>"
    cells = [["<td>Batang research paper</td>", sentence, "<td>confirmed</td>"]] * 10
    widths = present.column_widths(["Document", "Explanation", "Verdict"], cells)
    assert abs(sum(widths) - 100) < 0.5
    assert widths[1] > 2 * max(widths[0], widths[2])  # the long text gets the room
    line = present.LINE_EM
    for label, width in zip(["research", "explanation", "confirmed"], widths):
        assert width / 100 * line >= present._em(label) + present.PADDING_EM  # its longest word fits
    # a table whose text fits on one line shares the line in proportion to its text
    short = present.column_widths(["Year", "Place"], [["<td>2020</td>", "<td>Liupanshui City, Guizhou Province</td>"]])
    assert len(short) == 2 and abs(sum(short) - 100) < 0.5 and 2 * short[0] < short[1]


def test_a_table_carries_its_printed_column_widths_for_the_print_style():
    from ruralrev.report import present

    frame = pd.DataFrame({"a": ["x"], "b": ["a longer text"]})
    page = present.table_html(frame, [present.Column("a", "A"), present.Column("b", "B")], "T", "t")
    assert page.count("<col ") == 2 and 'style="--w: ' in page and page.index("<colgroup>") < page.index("<thead>")
