# Stage `notebooks`: the analysis notebooks, executed by papermill with the project's kernel.
# Executed copies go to reports/notebooks/ with papermill's timing metadata scrubbed, so the
# same inputs give the same bytes.

VALUES = f"{PROCESSED}/values.json"
DOCUMENTS_YAML = [path for path in RAW_GROUPS["documents"] if path.endswith("documents.yaml")]
# The figures stage's index of every figure and table it makes, once that stage writes one.
FIGURES_INDEX = [
    path for path in ["reports/figures/index.csv"] if any(path in map(str, r.output) for r in workflow.rules)
]
REFERENCES = "workflow/report/references.yaml"
POLICY_TABLE = str(RAW / "tables" / "policy_documents.csv")
FIGURE_FILES = [f"reports/figures/{figure}.{ext}" for figure in FIGURES for ext in ("png", "csv", "txt")]
CAPTIONS_AND_DOCUMENTS = [f"{PROCESSED}/{name}.csv" for name in ("captions", "documents")] + DOCUMENTS_YAML
NOTEBOOK_INPUTS = {
    "00_methods": [
        f"{PROCESSED}/{name}" for name in ("documents.csv", "coupling_indicators.csv", "coupling_config.json")
    ]
    + DOCUMENTS_YAML
    + [SOURCE_REGISTER, REFERENCES],
    "06_coupling": [
        f"{PROCESSED}/{name}.csv"
        for name in (
            "coupling",
            "coupling_indicators",
            "coupling_sensitivity",
            "coupling_obstacles",
            "coupling_inequality",
            "coupling_moran",
            "coupling_lisa",
            "county_urbanization",
            "county_moran",
        )
    ]
    + [f"{PROCESSED}/coupling_config.json"]
    + [
        f"reports/figures/{name}.{ext}"
        for name in ("coupling_coordination", "coupling_maps", "coupling_lisa", "county_urbanization_lisa")
        for ext in ("png", "txt")
    ],
    "01_documents": [f"{PROCESSED}/{name}.csv" for name in ("documents", "captions", "policies")]
    + DOCUMENTS_YAML
    + [POLICY_TABLE],
    "02_panel": [
        f"{PROCESSED}/indicators.parquet",
        f"{PROCESSED}/conflicts.csv",
        f"{PROCESSED}/missing.csv",
        f"{PROCESSED}/crosswalk.csv",
    ],
    # the claim check and the papers' figures and tables (the figures stage's drawings and index)
    "03_crosscheck": [f"{PROCESSED}/{name}.csv" for name in ("claim_checks", "claims")]
    + CAPTIONS_AND_DOCUMENTS
    + FIGURE_FILES
    + FIGURES_INDEX,
    "05_figures": FIGURE_FILES + FIGURES_INDEX,
    "07_discussion": [],
    "08_ledger": [f"{PROCESSED}/{name}.csv" for name in ("claim_checks", "claims", "documents")] + DOCUMENTS_YAML,
}
# Parameters every notebook receives (papermill ignores the ones a notebook does not declare), each one
# shell-quoted: a value is never read by the shell.
NOTEBOOK_PARAMS = " ".join(
    shlex.quote(f"--param={name}={value}")
    for name, value in (
        ("values_path", VALUES),
        ("documents_yaml", " ".join(DOCUMENTS_YAML)),
        ("admin_codes", " ".join(REGIONS.values())),
        ("figures", " ".join(FIGURES)),
        ("figures_index", " ".join(FIGURES_INDEX)),
        ("register_path", SOURCE_REGISTER),
        ("references_path", REFERENCES),
        ("policy_table", POLICY_TABLE),
    )
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
        processed=lambda wildcards: PROCESSED,
        extra=NOTEBOOK_PARAMS,
    message:
        "Executing notebooks/{wildcards.notebook}.ipynb"
    shell:
        "{params.cli} --log {log} notebook {input.notebook:q} {output.notebook} --kernel {params.kernel}"
        " --param processed_dir={params.processed} --param reports_dir=reports --param tables_dir={output.tables}"
        " {params.extra}"


rule run_study_area_notebook:
    input:
        notebook="notebooks/04_study_area.ipynb",
        regions=f"{PROCESSED}/regions.csv",
        indicators=f"{PROCESSED}/indicators.parquet",
        maps=multiext("reports/maps/{region}", ".png", ".txt", ".alt.txt"),
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
        processed=lambda wildcards: PROCESSED,
        admin_code=lambda wildcards: REGIONS[wildcards.region],
        # the first study area opens the chapter
        first=lambda wildcards: list(REGIONS).index(wildcards.region) == 0,
    message:
        "Executing the study-area notebook for {wildcards.region}"
    shell:
        "{params.cli} --log {log} notebook {input.notebook:q} {output.notebook} --kernel {params.kernel}"
        " --param processed_dir={params.processed} --param reports_dir=reports --param region={wildcards.region}"
        " --param admin_code={params.admin_code} --param first={params.first} --param tables_dir={output.tables}"
        " --param values_path={input.values:q}"
