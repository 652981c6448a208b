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
    input:
        rules.extract_documents.output,
    message:
        "Stage extract: claims, structure, captions, policies"


rule harmonize:
    input:
        rules.build_panel.output,
    message:
        "Stage harmonize: indicator panel, conflicts, data package"


rule crosscheck:
    input:
        rules.check_claims.output,
    message:
        "Stage crosscheck: claim-check ledger"


rule maps:
    input:
        f"{PROCESSED}/regions.csv",
        expand(
            "reports/maps/{region}{suffix}",
            region=REGIONS,
            suffix=[".png", ".svg", ".txt", ".alt.txt", ".json", "_areas.csv"]
            + [f"_urbanization{ext}" for ext in (".png", ".svg", ".txt", ".alt.txt", ".json", ".csv")],
        ),
    message:
        "Stage maps: regions table and maps"


rule atlas:
    input:
        rules.build_atlas_index.output,
    message:
        "Stage atlas: one sheet per county-level unit of the provinces in config `atlas`, table and gallery"


rule figures:
    input:
        expand("reports/figures/{figure}.{ext}", figure=FIGURES, ext=["png", "svg", "csv", "txt", "alt.txt", "json"]),
        expand("reports/tables/{figure}.{ext}", figure=TABLES, ext=["csv", "html", "txt", "json"]),
        rules.build_figure_index.output,
    message:
        "Stage figures: the papers' figures from the panel"


rule coupling:
    input:
        rules.build_coupling.output,
        rules.build_coupling_spatial.output,
        rules.build_county_urbanization.output,
    message:
        "Stage coupling: coupling coordination of urbanization and rural revitalization"


rule notebooks:
    input:
        expand("reports/notebooks/{notebook}.ipynb", notebook=NOTEBOOKS),
        expand("reports/notebooks/study_area_{region}.ipynb", region=REGIONS),
    message:
        "Stage notebooks: executed analysis notebooks"


rule report:
    input:
        rules.build_report.output,
    message:
        "Stage report: HTML and PDF"
