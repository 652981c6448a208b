"""ruralrev: raw documents and public statistics -> claims, panel, checks, maps, figures -> report.

Run `snakemake -c2` for everything, or a stage: extract | harmonize | crosscheck | maps |
figures | coupling | notebooks | report. Configuration: config/config.yaml, validated in
workflow/rules/common.smk against workflow/schemas/config.schema.yaml (keys: config/README.md).
"""

import sys
from pathlib import Path

from snakemake.utils import min_version

min_version("9.0")

# The package lives in workflow/; make it importable even without `pip install -e .`.
sys.path.insert(0, str(Path(workflow.basedir) / "workflow"))
from ruralrev.errors import UserError  # noqa: E402
from ruralrev.files import read_yaml_file  # noqa: E402

# Snakemake's own message for a broken config file names neither the file nor the line: read it first.
try:
    read_yaml_file(Path("config/config.yaml"), "config file")
except UserError as exc:
    sys.stderr.write(f"ruralrev: error: {exc}\n")
    sys.exit(1)


configfile: "config/config.yaml"


include: "workflow/rules/common.smk"


rule all:
    input:
        "reports/report.html",
        "reports/report.pdf",
    message:
        "Everything: reports/report.html and reports/report.pdf"


include: "workflow/rules/raw.smk"
include: "workflow/rules/extract.smk"
include: "workflow/rules/harmonize.smk"
include: "workflow/rules/crosscheck.smk"
include: "workflow/rules/maps.smk"
include: "workflow/rules/atlas.smk"
include: "workflow/rules/figures.smk"
include: "workflow/rules/coupling.smk"
include: "workflow/rules/spatial.smk"
include: "workflow/rules/notebooks.smk"
include: "workflow/rules/report.smk"
include: "workflow/rules/targets.smk"
