# Stage `coupling`: coupling coordination degree of urbanization and rural revitalization from the panel.
# The `coupling` config section (with the study areas and the contradicted rows) travels in params, so
# editing it reruns this rule and what follows it, nothing before.

COUPLING_TABLES = [
    "coupling",
    "coupling_obstacles",
    "coupling_inequality",
    "coupling_density",
    "coupling_indicators",
    "coupling_sensitivity",
    "coupling_sensitivity_provinces",
    "coupling_inputs",
]


rule build_coupling:
    input:
        indicators=f"{PROCESSED}/indicators.parquet",
        register=SOURCE_REGISTER,  # publishers named in the figures' footers: an edit reruns the figures
        code=package("coupling"),
    output:
        **{name: f"{PROCESSED}/{name}.csv" for name in COUPLING_TABLES},
        **{
            ext.replace(".", "_"): f"reports/figures/coupling_coordination.{ext}"
            for ext in ("png", "svg", "csv", "txt", "alt.txt", "json")
        },
        **{
            f"{chart}_{ext.replace('.', '_')}": f"reports/figures/coupling_{chart}.{ext}"
            for chart in ("sensitivity", "distribution")
            for ext in ("png", "svg", "csv", "txt", "alt.txt", "json")
        },
        config=f"{PROCESSED}/coupling_config.json",
    log:
        "logs/build_coupling.log",
    benchmark:
        "benchmarks/build_coupling.tsv"
    priority: CRITICAL_PATH
    conda:
        "../../environment.yml"
    params:
        cli=CLI,
        config=json.dumps(CONFIG["coupling"], sort_keys=True),
        regions=json.dumps(CONFIG["regions"], sort_keys=True),
        contradicted=json.dumps(CONFIG.get("figure_contradicted") or [], sort_keys=True),
        out_dir=lambda wildcards, output: Path(output.coupling).parent,
        figures_dir=lambda wildcards, output: Path(output.png).parent,
    message:
        "Coupling coordination of urbanization and rural revitalization from the indicator panel"
    shell:
        "{params.cli} --log {log} coupling --indicators {input.indicators:q} --config {params.config:q}"
        " --regions {params.regions:q} --contradicted {params.contradicted:q} --register {input.register:q}"
        " --out-dir {params.out_dir} --figures-dir {params.figures_dir}"
