"""An executed notebook made reproducible: papermill's run times, durations, temp paths and random cell id removed.

Kept apart from `build` so that a notebook step imports nbformat only, not the report's renderers (1.3 s).
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from ruralrev.files import atomic_path


def scrub_notebook(source: Path, target: Path) -> None:
    """Copy an executed notebook without papermill's run times, durations, temp paths and random cell id."""
    notebook = nbformat.read(source, as_version=4)
    papermill_meta = notebook.metadata.get("papermill", {})
    for key in ("start_time", "end_time", "duration", "input_path", "output_path", "exception"):
        papermill_meta.pop(key, None)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        # papermill gives the cell it inserts a random id; every other id comes from notebooks/.
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"
    with atomic_path(target) as tmp:
        nbformat.write(notebook, tmp)
