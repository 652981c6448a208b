"""Code inputs of a rule: the files of the sub-packages it runs plus every ruralrev module and data file those use.

Snakemake reruns a job when an input changes, but it tracks the code of `shell:` rules only through their
inputs; deriving the list from the imports means an edit to any module reruns exactly the jobs that run it.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

PACKAGE = "ruralrev"
# Every job runs through the CLI (cli.py parses, commands.py runs); their lazy per-command imports are not
# followed (they would tie every rule to every stage), only what they import at module level.
ENTRY_POINTS = ("__init__.py", "__main__.py", "cli.py", "commands.py", "commands_coupling.py")
# How a job's interpreter starts (the warm start, the notebooks' kernel) is not what it computes: the outputs are
# the same bytes with or without them (tests/integration/test_workflow.py), so editing them reruns nothing.
START_UP = ("warm.py", "kernel.py")


@lru_cache(maxsize=None)  # a workflow asks for the same files many times while it is parsed
def _source_of(path: Path) -> str:
    """Python source of a module, or the code cells of a notebook joined."""
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        return "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "code")
    return path.read_text(encoding="utf-8")


def _module_file(root: Path, dotted: str) -> Path | None:
    """File of a `ruralrev.x.y` module under root (the package folder), None if it is not one of ours."""
    parts = dotted.split(".")
    if parts[0] != PACKAGE:
        return None
    base = root.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


# `import ruralrev.a`, `from ruralrev.a import b, c` and `from ruralrev.a import (\n b,\n c)`, any indentation.
IMPORT = re.compile(
    r"^(?P<indent>[ \t]*)(?:from[ \t]+(?P<module>ruralrev(?:\.\w+)*)[ \t]+import[ \t]+(?P<names>\([^)]*\)|[^\n#]+)"
    r"|import[ \t]+(?P<plain>ruralrev(?:\.\w+)*))",
    re.M,
)


@lru_cache(maxsize=None)
def imported_files(root: Path, path: Path, top_level_only: bool = False) -> frozenset[Path]:
    """Package files a module or notebook imports (`import ruralrev.a`, `from ruralrev.a import b`, ...).

    Read with a regular expression rather than the AST: ten times faster, and the workflow parses every
    module each time Snakemake starts."""
    found: set[Path] = set()
    for match in IMPORT.finditer(_source_of(path)):
        if top_level_only and match["indent"]:
            continue
        if match["plain"]:
            names = [match["plain"]]
        else:
            imported = [part.split(" as ")[0].strip() for part in match["names"].strip("() \n").split(",")]
            names = [match["module"]] + [f"{match['module']}.{name}" for name in imported if name]
        for name in names:
            dotted = name.split(".")
            # `import ruralrev.a.b` also runs ruralrev/__init__ and ruralrev/a/__init__
            for depth in range(2, len(dotted) + 1):
                file = _module_file(root, ".".join(dotted[:depth]))
                if file:
                    found.add(file)
    return frozenset(found)


def _data_files(root: Path, sources: set[Path]) -> set[Path]:
    """Files of the package's data/ folder whose names appear in the given modules' source."""
    data = sorted((root / "data").glob("*")) if (root / "data").is_dir() else []
    text = "\n".join(_source_of(path) for path in sources)
    return {path for path in data if path.is_file() and path.name in text}


def code_inputs(*names: str, root: str | Path = "workflow/ruralrev") -> list[str]:
    """Sorted paths of the code a rule runs: sub-packages (`"extract"`), core modules (`"manifest"`) or
    notebooks (`"notebooks/02_panel.ipynb"`), closed over their imports, plus the entry points and data files.
    """
    root = Path(root)
    start: set[Path] = set()
    for name in names:
        target = Path(name) if name.endswith(".ipynb") else root / name
        if target.is_dir():
            start |= {path for path in target.rglob("*.py") if "__pycache__" not in path.parts}
        elif target.suffix == ".ipynb":
            start.add(target)
        elif target.with_suffix(".py").is_file():
            start.add(target.with_suffix(".py"))
        else:
            raise ValueError(f"code_inputs: no sub-package, module or notebook named {name!r} under {root}")
    entry = {root / name for name in ENTRY_POINTS if (root / name).is_file()}
    seen: set[Path] = set()
    todo = list(start | entry)
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        entry_point = path.parent == root and path.name in ENTRY_POINTS
        todo += imported_files(root, path, top_level_only=entry_point) - seen
    modules = {path for path in seen if path.suffix == ".py" and not (path.parent == root and path.name in START_UP)}
    return sorted(str(path) for path in modules | _data_files(root, modules))
