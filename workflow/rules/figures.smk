# Stage `figures`: the papers' figures redrawn from the panel, with the plotted data beside them.


rule plot_figure:
    message:
        "Drawing figure {wildcards.figure}"
    input:
        indicators=f"{PROCESSED}/indicators.parquet",
        code=package("figures"),
    output:
        png="reports/figures/{figure}.png",
        svg="reports/figures/{figure}.svg",
        data="reports/figures/{figure}.csv",
        caption="reports/figures/{figure}.txt",
    wildcard_constraints:
        figure="|".join(FIGURES),
    log:
        "logs/plot_figure_{figure}.log",
    benchmark:
        "benchmarks/plot_figure_{figure}.tsv"
    conda:
        "../../environment.yml"
    params:
        cli=CLI,
        out_dir=lambda wildcards, output: Path(output.png).parent,
        places=lambda wildcards: (
            "--places " + " ".join(CONFIG["urbanization_figure_places"])
            if wildcards.figure == "urbanization_rate"
            else ""
        ),
    shell:
        "{params.cli} --log {log} figure {wildcards.figure} --indicators {input.indicators}"
        " --out-dir {params.out_dir} {params.places}"
