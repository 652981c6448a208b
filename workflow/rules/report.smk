# Stage `report`: the executed notebooks assembled into one self-contained HTML and a PDF.

REPORT_NOTEBOOKS = (
    ["reports/notebooks/01_documents.ipynb", "reports/notebooks/02_panel.ipynb"]
    + [f"reports/notebooks/study_area_{region}.ipynb" for region in REGIONS]
    + ["reports/notebooks/05_figures.ipynb", "reports/notebooks/03_crosscheck.ipynb"]
)


rule build_report:
    message:
        "Assembling reports/report.html and reports/report.pdf"
    input:
        notebooks=REPORT_NOTEBOOKS,
        inventory=expand(f"{PROCESSED}/verified_{{group}}.csv", group=["documents", "tables"]),
        template="workflow/report/report.html.j2",
        css="workflow/report/report.css",
        code=package("report"),
    output:
        html="reports/report.html",
        pdf="reports/report.pdf",
    log:
        "logs/build_report.log",
    benchmark:
        "benchmarks/build_report.tsv"
    conda:
        "../../environment.yml"
    params:
        cli=CLI,
        title=CONFIG.get("report", {}).get("title", "ruralrev report"),
    shell:
        "{params.cli} --log {log} report {input.notebooks} --inventory {input.inventory}"
        " --html {output.html} --pdf {output.pdf} --title {params.title:q}"
        " --template {input.template} --css {input.css}"
