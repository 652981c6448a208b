# Stage targets: `snakemake -c2 <stage>` builds that stage and only what it needs.
# They run nothing themselves (no log or benchmark to write); the rules they pull in have both.
# On a cluster (profiles/slurm) they and the raw-data checks stay on the submitting machine.


localrules:
    all,
    extract,
    harmonize,
    crosscheck,
    maps,
    atlas,
    figures,
    coupling,
    notebooks,
    report,
    verify_raw_inputs,


rule extract:
    message:
        "Stage extract: claims, structure, captions, policies"
    input:
        rules.extract_documents.output,


rule harmonize:
    message:
        "Stage harmonize: indicator panel, conflicts, data package"
    input:
        rules.build_panel.output,


rule crosscheck:
    message:
        "Stage crosscheck: claim-check ledger"
    input:
        rules.check_claims.output,


rule maps:
    message:
        "Stage maps: regions table and maps"
    input:
        f"{PROCESSED}/regions.csv",
        expand(
            "reports/maps/{region}{suffix}",
            region=REGIONS,
            suffix=[".png", ".svg", ".txt", ".alt.txt", "_areas.csv"]
            + [f"_urbanization{ext}" for ext in (".png", ".svg", ".txt", ".alt.txt", ".csv")],
        ),


rule atlas:
    message:
        "Stage atlas: one sheet per county-level unit of the provinces in config `atlas`, table and gallery"
    input:
        rules.build_atlas_index.output,


rule figures:
    message:
        "Stage figures: the papers' figures from the panel"
    input:
        expand("reports/figures/{figure}.{ext}", figure=FIGURES, ext=["png", "svg", "csv", "txt", "json"]),
        expand("reports/tables/{figure}.{ext}", figure=TABLES, ext=["csv", "html", "txt", "json"]),
        rules.build_figure_index.output,


rule coupling:
    message:
        "Stage coupling: coupling coordination of urbanization and rural revitalization"
    input:
        rules.build_coupling.output,


rule notebooks:
    message:
        "Stage notebooks: executed analysis notebooks"
    input:
        expand("reports/notebooks/{notebook}.ipynb", notebook=NOTEBOOKS),
        expand("reports/notebooks/study_area_{region}.ipynb", region=REGIONS),


rule report:
    message:
        "Stage report: HTML and PDF"
    input:
        rules.build_report.output,
