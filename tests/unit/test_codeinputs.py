"""Code inputs of a rule: a sub-package closed over its imports, with entry points and the data files it names."""

from __future__ import annotations

from pathlib import Path

import pytest

from ruralrev.codeinputs import code_inputs

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "workflow" / "ruralrev"


def relative(paths: list[str]) -> set[str]:
    return {str(Path(path).relative_to(PACKAGE)) for path in paths}


def test_extract_stage_runs_its_modules_the_core_it_imports_and_its_data():
    inputs = relative(code_inputs("extract", root=PACKAGE))
    assert {"extract/numbers.py", "extract/claims.py", "files.py", "errors.py", "cli.py"} <= inputs
    assert {"geo/names.py", "data/place_names.csv", "data/claim_vocabulary.yaml"} <= inputs  # followed imports
    assert not {"geo/maps.py", "panel/build.py", "report/build.py"} & inputs  # not imported by extraction


def test_the_cli_lazy_imports_do_not_tie_every_stage_together():
    assert not any(path.startswith("panel/") for path in relative(code_inputs("manifest", root=PACKAGE)))


def test_a_toy_package_is_closed_over_its_imports(tmp_path):
    package = tmp_path / "ruralrev"
    (package / "stage").mkdir(parents=True)
    (package / "data").mkdir()
    (package / "__init__.py").write_text("")
    (package / "cli.py").write_text("import sys\n\ndef run():\n    from ruralrev.other import x\n")
    (package / "helper.py").write_text('NAME = "table.csv"\n')
    (package / "other.py").write_text("x = 1\n")
    (package / "stage" / "__init__.py").write_text("")
    (package / "stage" / "work.py").write_text("from ruralrev import (\n    helper,\n)\n")
    (package / "data" / "table.csv").write_text("a\n")
    (package / "data" / "unused.csv").write_text("a\n")
    inputs = relative_to(package, code_inputs("stage", root=package))
    assert inputs == {"__init__.py", "cli.py", "helper.py", "stage/__init__.py", "stage/work.py", "data/table.csv"}


def relative_to(package: Path, paths: list[str]) -> set[str]:
    return {str(Path(path).relative_to(package)) for path in paths}


def test_unknown_name_is_refused():
    with pytest.raises(ValueError, match="nothing_here"):
        code_inputs("nothing_here", root=PACKAGE)


def test_the_start_up_modules_are_no_code_input():
    """Every job starts through __main__, which asks the warm process first: editing warm.py or kernel.py must
    not rerun every job (how a job starts does not change its outputs)."""
    inputs = relative(code_inputs("extract", root=PACKAGE))
    assert "__main__.py" in inputs
    assert "warm.py" not in inputs and "kernel.py" not in inputs
