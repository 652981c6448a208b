# Shared set-up of every rule file (config validated, raw inputs verified) and the names the rules use.

import json
import sys
from pathlib import Path

# The package lives in workflow/; make it importable even without `pip install -e .`.
sys.path.insert(0, str(Path(workflow.basedir) / "workflow"))
from ruralrev import manifest  # noqa: E402
from ruralrev.codeinputs import code_inputs  # noqa: E402
from ruralrev.config import validate_config  # noqa: E402
from ruralrev.errors import UserError  # noqa: E402
from ruralrev.figures.kinds import registry_entries  # noqa: E402

RAW = Path("data/raw")
try:
    # Bad config, unknown region codes and changed raw files stop the run here, before
    # any job starts, with one line naming the key or file.
    CONFIG = validate_config(
        config, Path(workflow.basedir) / "workflow/schemas/config.schema.yaml",
        source="config (config/config.yaml and any --configfile)",
    )
    RAW_ENTRIES = manifest.verify(RAW)
except UserError as exc:
    sys.stderr.write(f"ruralrev: error: {exc}\n")
    sys.exit(1)

REGIONS = {region["id"]: region["admin_code"] for region in CONFIG["regions"]}
ATLAS = CONFIG["atlas"]  # province codes (config `atlas`, `all` expanded)
RAW_GROUPS = {
    group: sorted(str(RAW / e["path"]) for e in RAW_ENTRIES if e["path"].startswith(f"{group}/"))
    for group in ("documents", "tables")
}
DOCUMENTS = sorted(Path(p).stem for p in RAW_GROUPS["documents"] if p.endswith(".txt"))
# The figure registry (config `figures`): charts and maps go to reports/figures/, tables to reports/tables/;
# `external` entries are drawn by another stage and only listed in the index.
# A `places` entry that names no places compares urbanization_figure_places (the report quotes the same places).
FIGURE_SPECS = registry_entries(CONFIG)
FIGURES = sorted(k for k, v in FIGURE_SPECS.items() if v["kind"] not in ("external", "raw_table", "policy_table"))
TABLES = sorted(k for k, v in FIGURE_SPECS.items() if v["kind"] in ("raw_table", "policy_table"))
NOTEBOOKS = ["01_documents", "02_panel", "03_crosscheck", "05_figures", "06_coupling"]
CLI = f'"{sys.executable}" -m ruralrev'
PROCESSED = "data/processed"
# SOURCES*.md: source ids and reliability grades of the table rows.
SOURCE_NOTES = sorted(str(RAW / e["path"]) for e in RAW_ENTRIES if Path(e["path"]).name.startswith("SOURCES"))


def package(*names):
    """Code inputs of a rule: the named sub-packages (or modules, notebooks) with everything they import,
    so editing any module reruns exactly the jobs that run it (Snakemake tracks `shell:` code only via inputs)."""
    return code_inputs(*names, root="workflow/ruralrev")
