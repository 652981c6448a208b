# Stage `notebooks`: the analysis notebooks, executed by papermill with the project's kernel.
# Executed copies go to reports/notebooks/ with papermill's timing metadata scrubbed, so the
# same inputs give the same bytes.

VALUES = f"{PROCESSED}/values.json"
DOCUMENTS_YAML = [path for path in RAW_GROUPS["documents"] if path.endswith("documents.yaml")]
# The figures stage's index of every figure and table it makes, once that stage writes one.
FIGURES_INDEX = [
    path for path in ["reports/figures/index.csv"] if any(path in map(str, r.output) for r in workflow.rules)
]
NOTEBOOK_INPUTS = {
    "06_coupling": [f"{PROCESSED}/{name}.csv" for name in ("coupling", "coupling_weights", "coupling_sensitivity")]
    + [f"{PROCESSED}/coupling_config.json"]
    + [f"reports/figures/coupling_coordination.{ext}" for ext in ("png", "txt")],
    "01_documents": [f"{PROCESSED}/{name}.csv" for name in ("documents", "captions", "policies")] + DOCUMENTS_YAML,
    "02_panel": [
        f"{PROCESSED}/indicators.parquet",
        f"{PROCESSED}/conflicts.csv",
        f"{PROCESSED}/missing.csv",
        f"{PROCESSED}/crosswalk.csv",
    ],
    "03_crosscheck": [f"{PROCESSED}/{name}.csv" for name in ("claim_checks", "claims", "documents")] + DOCUMENTS_YAML,
    "05_figures": [f"reports/figures/{figure}.{ext}" for figure in FIGURES for ext in ("png", "csv", "txt")]
    + [f"{PROCESSED}/{name}.csv" for name in ("captions", "documents")]
    + DOCUMENTS_YAML
    + FIGURES_INDEX,
}
# Parameters every notebook receives (papermill ignores the ones a notebook does not declare).
NOTEBOOK_PARAMS = (
    f"-r values_path {VALUES} -r documents_yaml '{' '.join(DOCUMENTS_YAML)}' -r admin_codes '{' '.join(REGIONS.values())}'"
    f" -r figures '{' '.join(FIGURES)}' -r figures_index '{' '.join(FIGURES_INDEX)}'"
)
KERNEL = "ruralrev"


rule run_notebook:
    input:
        notebook="notebooks/{notebook}.ipynb",
        data=lambda wildcards: NOTEBOOK_INPUTS[wildcards.notebook],
        values=VALUES,
        code=lambda wildcards: package("report", f"notebooks/{wildcards.notebook}.ipynb"),
    output:
        notebook="reports/notebooks/{notebook}.ipynb",
        tables=directory("reports/tables/{notebook}"),
    log:
        "logs/run_notebook_{notebook}.log",
    benchmark:
        "benchmarks/run_notebook_{notebook}.tsv"
    wildcard_constraints:
        notebook="|".join(NOTEBOOKS),
    conda:
        "../../environment.yml"
    params:
        cli=CLI,
        kernel=KERNEL,
        python=sys.executable,
        processed=lambda wildcards: PROCESSED,
        extra=NOTEBOOK_PARAMS,
    message:
        "Executing notebooks/{wildcards.notebook}.ipynb"
    shell:
        '"{params.python}" -m papermill {input.notebook} {output.notebook}.tmp -k {params.kernel} --cwd . --no-progress-bar'
        " -p processed_dir {params.processed} -p reports_dir reports -r tables_dir {output.tables} {params.extra} > {log} 2>&1"
        " && {params.cli} scrub-notebook {output.notebook}.tmp {output.notebook} && rm -f {output.notebook}.tmp"


rule run_study_area_notebook:
    input:
        notebook="notebooks/04_study_area.ipynb",
        regions=f"{PROCESSED}/regions.csv",
        indicators=f"{PROCESSED}/indicators.parquet",
        maps=multiext(
            "reports/maps/{region}",
            ".png",
            ".txt",
            ".alt.txt",
            "_urbanization.png",
            "_urbanization.txt",
            "_urbanization.alt.txt",
        ),
        values=VALUES,
        code=package("report", "notebooks/04_study_area.ipynb"),
    output:
        notebook="reports/notebooks/study_area_{region}.ipynb",
        tables=directory("reports/tables/study_area_{region}"),
    log:
        "logs/run_study_area_notebook_{region}.log",
    benchmark:
        "benchmarks/run_study_area_notebook_{region}.tsv"
    conda:
        "../../environment.yml"
    params:
        cli=CLI,
        kernel=KERNEL,
        python=sys.executable,
        processed=lambda wildcards: PROCESSED,
        admin_code=lambda wildcards: REGIONS[wildcards.region],
    message:
        "Executing the study-area notebook for {wildcards.region}"
    shell:
        '"{params.python}" -m papermill {input.notebook} {output.notebook}.tmp -k {params.kernel} --cwd . --no-progress-bar'
        " -p processed_dir {params.processed} -p reports_dir reports -r region {wildcards.region}"
        " -r admin_code {params.admin_code} -r tables_dir {output.tables} -r values_path {input.values} > {log} 2>&1"
        " && {params.cli} scrub-notebook {output.notebook}.tmp {output.notebook} && rm -f {output.notebook}.tmp"
