# Spatial statistics (part of stage `coupling`): neighbours built once from full-resolution boundaries, Moran's I
# and LISA of the provinces' D with its maps, and the census urbanization of county-level units with its
# neighbours and map.
# The config sections `coupling` and `spatial` travel in params, so editing them reruns only what they feed.


rule build_neighbours:
    input:
        code=package("spatial"),
    output:
        f"{PROCESSED}/neighbours_{{level}}.csv",
    log:
        "logs/build_neighbours_{level}.log",
    benchmark:
        "benchmarks/build_neighbours_{level}.tsv"
    wildcard_constraints:
        # the counties' neighbours come with the county statistics (build_county_urbanization), which read the
        # same 2,848 outlines
        level="provinces",
    priority: CRITICAL_PATH
    conda:
        "../../environment.yml"
    params:
        cli=CLI,
        provinces=lambda wildcards: json.dumps(
            sorted(str(c) for codes in CONFIG["coupling"]["regions"].values() for c in codes)
        ),
        islands=CONFIG["spatial"]["island_neighbours"],
    message:
        "Neighbours of the {wildcards.level} from full-resolution boundaries"
    shell:
        "{params.cli} --log {log} neighbours --level {wildcards.level} --provinces {params.provinces:q}"
        " --island-neighbours {params.islands} --out {output:q}"


rule build_coupling_spatial:
    input:
        coupling=f"{PROCESSED}/coupling.csv",
        neighbours=f"{PROCESSED}/neighbours_provinces.csv",
        register=SOURCE_REGISTER,  # publishers named in the maps' footers
        code=package("coupling", "maps", "spatial"),
    output:
        **{
            f"{name}_{ext.replace('.', '_')}": f"reports/figures/{name}.{ext}"
            for name in ("coupling_maps", "coupling_lisa")
            for ext in ("png", "svg", "csv", "txt", "alt.txt", "json")
        },
        moran=f"{PROCESSED}/coupling_moran.csv",
        lisa=f"{PROCESSED}/coupling_lisa.csv",
    log:
        "logs/build_coupling_spatial.log",
    benchmark:
        "benchmarks/build_coupling_spatial.tsv"
    priority: CRITICAL_PATH
    conda:
        "../../environment.yml"
    params:
        cli=CLI,
        config=json.dumps(CONFIG["coupling"], sort_keys=True),
        spatial=json.dumps(CONFIG["spatial"], sort_keys=True),
        regions=json.dumps(CONFIG["regions"], sort_keys=True),
        out_dir=lambda wildcards, output: Path(output.moran).parent,
        figures_dir=lambda wildcards, output: Path(output.coupling_maps_png).parent,
    message:
        "Moran's I, LISA and maps of the provinces' D from the coupling result"
    shell:
        "{params.cli} --log {log} coupling-spatial --coupling {input.coupling:q} --neighbours {input.neighbours:q}"
        " --config {params.config:q} --spatial {params.spatial:q} --regions {params.regions:q}"
        " --register {input.register:q} --out-dir {params.out_dir:q} --figures-dir {params.figures_dir:q}"


rule build_county_urbanization:
    input:
        indicators=f"{PROCESSED}/indicators.parquet",
        gazetteer=f"{PROCESSED}/gazetteer.csv",
        crosswalk=f"{PROCESSED}/crosswalk.csv",
        register=SOURCE_REGISTER,  # publishers of the census tables named in the map's footer
        code=package("spatial", "maps", "coupling"),
    output:
        # a PNG only (300 dpi): an SVG of thousands of county polygons would be megabytes
        **{
            ext.replace(".", "_"): f"reports/figures/county_urbanization_lisa.{ext}"
            for ext in ("png", "csv", "txt", "alt.txt", "json")
        },
        table=f"{PROCESSED}/county_urbanization.csv",
        moran=f"{PROCESSED}/county_moran.csv",
        neighbours=f"{PROCESSED}/neighbours_counties.csv",
    log:
        "logs/build_county_urbanization.log",
    benchmark:
        "benchmarks/build_county_urbanization.tsv"
    priority: CRITICAL_PATH
    conda:
        "../../environment.yml"
    params:
        cli=CLI,
        spatial=json.dumps(CONFIG["spatial"], sort_keys=True),
        regions=json.dumps(CONFIG["regions"], sort_keys=True),
        out_dir=lambda wildcards, output: Path(output.table).parent,
        figures_dir=lambda wildcards, output: Path(output.png).parent,
    message:
        "Census urbanization of county-level units: Moran's I, LISA and map"
    shell:
        "{params.cli} --log {log} county-urbanization --indicators {input.indicators:q}"
        " --gazetteer {input.gazetteer:q} --crosswalk {input.crosswalk:q} --neighbours-out {output.neighbours:q}"
        " --spatial {params.spatial:q} --regions {params.regions:q} --register {input.register:q}"
        " --out-dir {params.out_dir:q} --figures-dir {params.figures_dir:q}"
