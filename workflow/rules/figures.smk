# Stage `figures`: every entry of the figure registry (config `figures`) drawn or tabulated, and the index
# reports/figures/index.csv that lists every caption of the documents with its status.


# The footers name each source's publisher from the source register, so every figure reads it: an edit of the
# register reruns every figure (a figure's ids are known only once it is drawn). Tables read SOURCES.md instead.
rule plot_figure:
    input:
        unpack(figure_inputs),
        register=SOURCE_REGISTER,
        code=package("figures"),
    output:
        png="reports/figures/{figure}.png",
        svg="reports/figures/{figure}.svg",
        data="reports/figures/{figure}.csv",
        caption="reports/figures/{figure}.txt",
        alt="reports/figures/{figure}.alt.txt",
        meta="reports/figures/{figure}.json",
    log:
        "logs/plot_figure_{figure}.log",
    benchmark:
        "benchmarks/plot_figure_{figure}.tsv"
    wildcard_constraints:
        figure="|".join(FIGURES) or "^$",
    conda:
        "../../environment.yml"
    params:
        cli=CLI,
        spec=figure_spec,
        contradicted=json.dumps(CONFIG["figure_contradicted"], sort_keys=True),
        given=figure_given,
        raw=RAW,
        out_dir=lambda wildcards, output: Path(output.png).parent,
    message:
        "Drawing figure {wildcards.figure}"
    shell:
        "{params.cli} --log {log} figure {wildcards.figure} --spec {params.spec:q} --contradicted {params.contradicted:q}"
        " {params.given} --raw-dir {params.raw}"
        " --out-dir {params.out_dir}"


use rule plot_figure as build_table with:
    input:
        unpack(figure_inputs),
        sources=SOURCE_NOTES,
        register=SOURCE_REGISTER,
        code=package("figures"),
    output:
        data="reports/tables/{figure}.csv",
        html="reports/tables/{figure}.html",
        caption="reports/tables/{figure}.txt",
        meta="reports/tables/{figure}.json",
    log:
        "logs/build_table_{figure}.log",
    benchmark:
        "benchmarks/build_table_{figure}.tsv"
    wildcard_constraints:
        figure="|".join(TABLES) or "^$",
    params:
        cli=CLI,
        spec=figure_spec,
        contradicted=json.dumps(CONFIG["figure_contradicted"], sort_keys=True),
        given=figure_given,
        raw=RAW,
        out_dir=lambda wildcards, output: Path(output.data).parent,
    message:
        "Tabulating {wildcards.figure}"


rule build_figure_index:
    input:
        captions=f"{PROCESSED}/captions.csv",
        metas=expand("reports/figures/{figure}.json", figure=FIGURES)
        + expand("reports/tables/{figure}.json", figure=TABLES),
        external=external_files,
        code=package("figures"),
    output:
        "reports/figures/index.csv",
    log:
        "logs/build_figure_index.log",
    benchmark:
        "benchmarks/build_figure_index.tsv"
    conda:
        "../../environment.yml"
    params:
        cli=CLI,
        registry=shlex.quote(json.dumps(FIGURE_SPECS, sort_keys=True, ensure_ascii=False)),
    message:
        "Indexing figures and tables: reports/figures/index.csv"
    shell:
        "{params.cli} --log {log} figure-index --captions {input.captions:q} --metas {input.metas:q}"
        " --registry {params.registry} --present {input.external:q} --out {output}"
