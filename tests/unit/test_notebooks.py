"""Notebooks are stored without outputs and hold calls and prose: papermill fills them, git keeps them small."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.name for path in NOTEBOOKS])
def test_notebook_is_stored_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert not [cell for cell in code if cell.get("outputs")], f"{path.name}: clear the outputs before committing"
    assert not [cell for cell in code if cell.get("execution_count")], f"{path.name}: clear the execution counts"
    tagged = [cell for cell in code if "parameters" in cell.metadata.get("tags", [])]
    assert len(tagged) == 1, f"{path.name}: papermill needs exactly one cell tagged `parameters`"
