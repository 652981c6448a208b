# Stage targets: `snakemake -c2 <stage>` builds that stage and only what it needs.


rule extract:
    input:
        rules.extract_documents.output,


rule harmonize:
    input:
        rules.build_panel.output,


rule crosscheck:
    input:
        rules.check_claims.output,


rule maps:
    input:
        f"{PROCESSED}/regions.csv",
        expand("reports/maps/{region}.{ext}", region=REGIONS, ext=["png", "svg", "txt"]),


rule figures:
    input:
        expand("reports/figures/{figure}.{ext}", figure=FIGURES, ext=["png", "svg", "csv", "txt"]),


rule notebooks:
    input:
        expand("reports/notebooks/{notebook}.ipynb", notebook=NOTEBOOKS),
        expand("reports/notebooks/study_area_{region}.ipynb", region=REGIONS),


rule report:
    input:
        rules.build_report.output,
