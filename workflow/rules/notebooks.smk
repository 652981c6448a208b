# Stage `notebooks`: the analysis notebooks, executed by papermill with the project's kernel.
# Executed copies go to reports/notebooks/ with papermill's timing metadata scrubbed, so the
# same inputs give the same bytes.

NOTEBOOK_INPUTS = {
    "01_documents": [f"{PROCESSED}/{name}.csv" for name in ("documents", "sections", "captions", "policies", "claims")],
    "02_panel": [
        f"{PROCESSED}/indicators.parquet",
        f"{PROCESSED}/conflicts.csv",
        f"{PROCESSED}/missing.csv",
        f"{PROCESSED}/crosswalk.csv",
        f"{PROCESSED}/datapackage.json",
    ],
    "03_crosscheck": [f"{PROCESSED}/claim_checks.csv"],
    "05_figures": [f"reports/figures/{figure}.{ext}" for figure in FIGURES for ext in ("png", "csv", "txt")],
}
KERNEL = "ruralrev"


rule run_notebook:
    message:
        "Executing notebooks/{wildcards.notebook}.ipynb"
    input:
        notebook="notebooks/{notebook}.ipynb",
        data=lambda wildcards: NOTEBOOK_INPUTS[wildcards.notebook],
        code=lambda wildcards: package("report", f"notebooks/{wildcards.notebook}.ipynb"),
    output:
        "reports/notebooks/{notebook}.ipynb",
    wildcard_constraints:
        notebook="|".join(NOTEBOOKS),
    log:
        "logs/run_notebook_{notebook}.log",
    benchmark:
        "benchmarks/run_notebook_{notebook}.tsv"
    conda:
        "../../environment.yml"
    params:
        cli=CLI,
        kernel=KERNEL,
        python=sys.executable,
        processed=lambda wildcards: PROCESSED,
    shell:
        '"{params.python}" -m papermill {input.notebook} {output}.tmp -k {params.kernel} --cwd . --no-progress-bar'
        " -p processed_dir {params.processed} -p reports_dir reports > {log} 2>&1"
        " && {params.cli} scrub-notebook {output}.tmp {output} && rm -f {output}.tmp"


rule run_study_area_notebook:
    message:
        "Executing the study-area notebook for {wildcards.region}"
    input:
        notebook="notebooks/04_study_area.ipynb",
        regions=f"{PROCESSED}/regions.csv",
        indicators=f"{PROCESSED}/indicators.parquet",
        map_png="reports/maps/{region}.png",
        map_caption="reports/maps/{region}.txt",
        code=package("report", "notebooks/04_study_area.ipynb"),
    output:
        "reports/notebooks/study_area_{region}.ipynb",
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
    shell:
        '"{params.python}" -m papermill {input.notebook} {output}.tmp -k {params.kernel} --cwd . --no-progress-bar'
        " -p processed_dir {params.processed} -p reports_dir reports -r region {wildcards.region}"
        " -r admin_code {params.admin_code} > {log} 2>&1"
        " && {params.cli} scrub-notebook {output}.tmp {output} && rm -f {output}.tmp"
