"""Report assembly: timing metadata scrubbed, code hidden, images inline, missing shown as missing."""

from __future__ import annotations

import base64

import nbformat
from pathlib import Path

import pandas as pd
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from ruralrev.report import build as report
from ruralrev.report.present import MISSING, html_table

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\nfake").decode()

REPORT_DIR = Path(__file__).resolve().parents[2] / "workflow" / "report"


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
    report.scrub_notebook(source, tmp_path / "clean.ipynb")
    clean = nbformat.read(tmp_path / "clean.ipynb", as_version=4)
    assert "start_time" not in clean.metadata["papermill"] and "duration" not in clean.metadata["papermill"]
    assert clean.metadata["papermill"]["parameters"] == {"region": "x"}
    assert all("execution" not in cell.metadata for cell in clean.cells)


def test_scrub_gives_papermills_injected_cell_a_fixed_id(tmp_path):
    source = executed_notebook(tmp_path / "source.ipynb")  # fixed ids, as in notebooks/
    copies = []
    for run in ("first", "second"):
        book = nbformat.read(source, as_version=4)
        injected = new_code_cell("region = 'y'", metadata={"tags": ["injected-parameters"]})
        book.cells.insert(1, injected)  # new_code_cell draws a random id, as papermill does
        nbformat.write(book, tmp_path / f"{run}.ipynb")
        report.scrub_notebook(tmp_path / f"{run}.ipynb", tmp_path / f"{run}_clean.ipynb")
        copies.append((tmp_path / f"{run}_clean.ipynb").read_bytes())
    assert copies[0] == copies[1]
    clean = nbformat.read(tmp_path / "first_clean.ipynb", as_version=4)
    assert clean.cells[1].id == "injected-parameters" and clean.cells[0].id != clean.cells[1].id
    nbformat.validate(clean)


def test_sections_hide_code_and_inline_images(tmp_path):
    section = report.notebook_sections(executed_notebook(tmp_path / "02_panel.ipynb"))
    assert section["title"] == "Panel overview"
    assert f"data:image/png;base64,{PNG}" in section["body"]
    assert "import pandas" not in section["body"] and "region = 'x'" not in section["body"]
    assert "a warning" not in section["body"]


def test_html_report_lists_raw_files_and_fetches_nothing(tmp_path):
    notebook = executed_notebook(tmp_path / "01.ipynb")
    inventory = tmp_path / "verified.csv"
    pd.DataFrame(
        [{"path": "tables/a.csv", "sha256": "ab" * 32, "bytes": 1, "holds": "h", "publisher": "p", "licence": "l"}]
    ).to_csv(inventory, index=False)
    report.build_report([notebook], tmp_path / "r.html", None, "Title", [inventory],
                        template_path=REPORT_DIR / "report.html.j2", css_path=REPORT_DIR / "report.css")
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "tables/a.csv" in page and "abababababababab" in page
    assert "http://" not in page.replace('content="width', "") and "<script" not in page


def test_missing_values_are_shown_as_missing_not_zero():
    table = html_table(pd.DataFrame({"year": [2020, 2021], "value": [1.5, float("nan")]}), numeric=("value",))
    assert MISSING in table and ">0<" not in table


def test_years_and_rows_are_written_without_separators_or_decimals():
    table = html_table(pd.DataFrame({"year": [2010.0, 2020.0], "raw_row": [76.0, 3.0], "value": [1234567.0, 2.5]}), numeric=("year", "value"))
    assert ">2010<" in table and ">76<" in table and "2,010" not in table and "76.0" not in table
    assert "1,234,567" in table
