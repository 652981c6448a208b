"""ruralrev: raw documents and public statistics -> claims, panel, checks, maps, figures -> report.

Run `snakemake -c2` for everything, or a stage: extract | harmonize | crosscheck | maps |
figures | notebooks | report. Configuration: config/config.yaml (validated below).
"""

import json
import sys
from pathlib import Path

from snakemake.utils import min_version

min_version("9.0")


configfile: "config/config.yaml"


# The package lives in workflow/; make it importable even without `pip install -e .`.
sys.path.insert(0, str(Path(workflow.basedir) / "workflow"))
from ruralrev import manifest  # noqa: E402
from ruralrev.codeinputs import code_inputs  # noqa: E402
from ruralrev.config import validate_config  # noqa: E402
from ruralrev.errors import UserError  # noqa: E402

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
RAW_GROUPS = {
    group: sorted(str(RAW / e["path"]) for e in RAW_ENTRIES if e["path"].startswith(f"{group}/"))
    for group in ("documents", "tables")
}
DOCUMENTS = sorted(Path(p).stem for p in RAW_GROUPS["documents"] if p.endswith(".txt"))
FIGURES = ["rural_population", "poverty_fund", "urbanization_rate"]
NOTEBOOKS = ["01_documents", "02_panel", "03_crosscheck", "05_figures"]
CLI = f'"{sys.executable}" -m ruralrev'
PROCESSED = "data/processed"
# SOURCES*.md: source ids and reliability grades of the table rows.
SOURCE_NOTES = sorted(str(RAW / e["path"]) for e in RAW_ENTRIES if Path(e["path"]).name.startswith("SOURCES"))


def package(*names):
    """Code inputs of a rule: the named sub-packages (or modules, notebooks) with everything they import,
    so editing any module reruns exactly the jobs that run it (Snakemake tracks `shell:` code only via inputs)."""
    return code_inputs(*names, root="workflow/ruralrev")


rule all:
    message:
        "Everything: reports/report.html and reports/report.pdf"
    input:
        "reports/report.html",
        "reports/report.pdf",


include: "workflow/rules/raw.smk"
include: "workflow/rules/extract.smk"
include: "workflow/rules/harmonize.smk"
include: "workflow/rules/crosscheck.smk"
include: "workflow/rules/maps.smk"
include: "workflow/rules/figures.smk"
include: "workflow/rules/notebooks.smk"
include: "workflow/rules/report.smk"
include: "workflow/rules/targets.smk"
