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


class _FlakyPapermill:
    """Stands in for papermill: its kernel dies while starting `failures` times, then the notebook runs."""

    def __init__(self, failures: int):
        self.failures, self.calls = failures, 0

    def execute_notebook(self, *args, **kwargs):
        self.calls += 1
        if self.calls <= self.failures:
            raise RuntimeError("Kernel died before replying to kernel_info")


def test_a_kernel_that_dies_while_starting_is_started_again():
    from ruralrev.commands import _execute_with_kernel_retry

    flaky = _FlakyPapermill(failures=2)
    _execute_with_kernel_retry(flaky, "nb.ipynb", "out.ipynb", {}, "ruralrev")
    assert flaky.calls == 3


def test_a_kernel_that_never_starts_is_one_line_not_a_traceback():
    import pytest

    from ruralrev.commands import KERNEL_START_ATTEMPTS, _execute_with_kernel_retry
    from ruralrev.errors import UserError

    flaky = _FlakyPapermill(failures=KERNEL_START_ATTEMPTS)
    with pytest.raises(UserError, match="kernel died while starting"):
        _execute_with_kernel_retry(flaky, "nb.ipynb", "out.ipynb", {}, "ruralrev")
    assert flaky.calls == KERNEL_START_ATTEMPTS


def test_another_runtime_error_is_not_retried():
    import pytest

    from ruralrev.commands import _execute_with_kernel_retry

    class Broken(_FlakyPapermill):
        def execute_notebook(self, *args, **kwargs):
            self.calls += 1
            raise RuntimeError("something else")

    broken = Broken(failures=0)
    with pytest.raises(RuntimeError, match="something else"):
        _execute_with_kernel_retry(broken, "nb.ipynb", "out.ipynb", {}, "ruralrev")
    assert broken.calls == 1
