# Stage `report`: the values registry, then the executed notebooks assembled into one HTML page and a PDF.

# Data and methods, the study areas, national and provincial results, the county scale, the papers' numbers,
# discussion; then the appendices (the build adds the title block, key findings, References, Appendix A and the
# reproduce appendix).
BODY = ["00_methods"]
AFTER_STUDY_AREAS = [
    "05_figures",
    "06_coupling",
    "03_crosscheck",
    "07_discussion",
    "02_panel",
    "01_documents",
    "08_ledger",
]
REPORT_NOTEBOOKS = (
    [f"reports/notebooks/{name}.ipynb" for name in BODY if name in NOTEBOOKS]
    + [f"reports/notebooks/study_area_{region}.ipynb" for region in REGIONS]
    + [f"reports/notebooks/{name}.ipynb" for name in AFTER_STUDY_AREAS if name in NOTEBOOKS]
)


rule build_values:
    input:
        processed=[
            f"{PROCESSED}/{name}.csv"
            for name in (
                "documents",
                "claims",
                "captions",
                "policies",
                "claim_checks",
                "regions",
                "conflicts",
                "missing",
                "crosswalk",
            )
        ],
        indicators=f"{PROCESSED}/indicators.parquet",
        inventory=expand(f"{PROCESSED}/verified_{{group}}.csv", group=["documents", "tables"]),
        # the coupling stage's numbers the prose states (coupling.summary.registry_values, coupling.narrative)
        coupling=[
            f"{PROCESSED}/{name}"
            for name in (
                "coupling.csv",
                "coupling_indicators.csv",
                "coupling_sensitivity.csv",
                "coupling_inequality.csv",
                "coupling_moran.csv",
                "county_moran.csv",
                "county_urbanization.csv",
                "coupling_sensitivity_provinces.csv",
                "coupling_config.json",
            )
        ],
        register=SOURCE_REGISTER,
        code=package("report"),
    output:
        f"{PROCESSED}/values.json",
    log:
        "logs/build_values.log",
    benchmark:
        "benchmarks/build_values.tsv"
    priority: CRITICAL_PATH
    conda:
        "../../environment.yml"
    params:
        cli=CLI,
        processed=lambda wildcards, input: Path(input.indicators).parent,
        regions=" ".join(REGIONS.values()),
    message:
        "Registry of the values the report states: data/processed/values.json"
    shell:
        "{params.cli} --log {log} values --processed {params.processed} --regions {params.regions}"
        " --inventory {input.inventory:q} --coupling {params.processed} --register {input.register:q} --out {output}"


rule build_report:
    input:
        notebooks=REPORT_NOTEBOOKS,
        values=f"{PROCESSED}/values.json",
        documents=f"{PROCESSED}/documents.csv",
        documents_yaml=[path for path in RAW_GROUPS["documents"] if path.endswith("documents.yaml")],
        inventory=expand(f"{PROCESSED}/verified_{{group}}.csv", group=["documents", "tables"]),
        register=SOURCE_REGISTER,
        template="workflow/report/report.html.j2",
        references="workflow/report/references.yaml",
        css="workflow/report/report.css",
        code=package("report"),
    output:
        html="reports/report.html",
        pdf="reports/report.pdf",
        tables=directory("reports/tables/report"),
    log:
        "logs/build_report.log",
    benchmark:
        "benchmarks/build_report.tsv"
    conda:
        "../../environment.yml"
    params:
        cli=CLI,
        title=CONFIG.get("report", {}).get("title", "ruralrev report"),
        commit=COMMIT,
        epoch=COMMIT_EPOCH,
        documents_yaml=lambda wildcards, input: (
            f"--documents-yaml {shlex.quote(str(input.documents_yaml))}" if input.documents_yaml else ""
        ),
    message:
        "Assembling reports/report.html and reports/report.pdf"
    shell:
        "SOURCE_DATE_EPOCH=${{SOURCE_DATE_EPOCH:-{params.epoch}}} {params.cli} --log {log} report {input.notebooks:q} --values {input.values:q} --documents {input.documents:q}"
        " {params.documents_yaml} --inventory {input.inventory:q} --register {input.register:q}"
        " --tables-dir {output.tables}"
        " --commit {params.commit:q} --html {output.html} --pdf {output.pdf} --title {params.title:q}"
        " --template {input.template:q} --css {input.css:q}"
