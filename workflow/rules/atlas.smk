# Stage `atlas`: one sheet per county-level unit of the provinces in config `atlas`, drawn by one job
# per province (boundaries read once per province), then the table and the gallery of them all.


rule plot_atlas_province:
    input:
        indicators=f"{PROCESSED}/indicators.parquet",
        gazetteer=f"{PROCESSED}/gazetteer.csv",
        crosswalk=f"{PROCESSED}/crosswalk.csv",
        sources=SOURCE_REGISTER,
        code=package("geo"),
    output:
        sheets=directory("reports/atlas/{province}"),
        table=f"{PROCESSED}/atlas/{{province}}.csv",
    log:
        "logs/plot_atlas_province_{province}.log",
    benchmark:
        "benchmarks/plot_atlas_province_{province}.tsv"
    wildcard_constraints:
        province=r"\d{6}",
    conda:
        "../../environment.yml"
    params:
        cli=CLI,
        tolerance=CONFIG["spatial"]["area_tolerance_pct"],
    message:
        "Drawing the atlas sheets of province {wildcards.province}"
    shell:
        "{params.cli} --log {log} atlas --province {wildcards.province} --indicators {input.indicators:q}"
        " --gazetteer {input.gazetteer:q} --sources {input.sources:q} --out-dir {output.sheets} --table {output.table}"
        " --crosswalk {input.crosswalk:q} --area-tolerance {params.tolerance}"


rule build_atlas_index:
    input:
        tables=expand(f"{PROCESSED}/atlas/{{province}}.csv", province=ATLAS),
        sheets=expand("reports/atlas/{province}", province=ATLAS),
        code=package("geo"),
    output:
        table=f"{PROCESSED}/atlas.csv",
        html="reports/atlas/index.html",
    log:
        "logs/build_atlas_index.log",
    benchmark:
        "benchmarks/build_atlas_index.tsv"
    conda:
        "../../environment.yml"
    params:
        cli=CLI,
    message:
        "Atlas table and gallery of provinces {ATLAS}"
    shell:
        "{params.cli} --log {log} atlas-index {input.tables:q} --out {output.table} --html {output.html}"
