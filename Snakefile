"""ruralrev: raw documents and public statistics -> claims, panel, checks, maps, figures -> report.

Run `snakemake -c2` for everything, or a stage: extract | harmonize | crosscheck | maps |
figures | coupling | notebooks | report. Configuration: config/config.yaml, validated in
workflow/rules/common.smk against workflow/schemas/config.schema.yaml (keys: config/README.md).
"""

from snakemake.utils import min_version

min_version("9.0")


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
include: "workflow/rules/notebooks.smk"
include: "workflow/rules/report.smk"
include: "workflow/rules/targets.smk"
