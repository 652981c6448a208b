# Stage `figures`: every entry of the figure registry (config `figures`) drawn or tabulated, and the index
# reports/figures/index.csv that lists every caption of the documents with its status.

import shlex

from ruralrev.figures.kinds import EXTERNAL, KIND_INPUTS  # noqa: E402

FIGURE_PROCESSED = {
    "indicators": f"{PROCESSED}/indicators.parquet",
    "claims": f"{PROCESSED}/claims.csv",
    "claim_checks": f"{PROCESSED}/claim_checks.csv",
    "policies": f"{PROCESSED}/policies.csv",
}


def figure_inputs(wildcards):
    """The processed files the entry's kind reads, its raw table if it names one, and SOURCES*.md."""
    spec = FIGURE_SPECS[wildcards.figure]
    inputs = {key: FIGURE_PROCESSED[key] for key in KIND_INPUTS[spec["kind"]]}
    if spec.get("file"):
        inputs["table"] = str(RAW / "tables" / spec["file"])
    return inputs


def figure_params(wildcards, input):
    """The command-line arguments of one entry: its registry entry as JSON and its inputs as key=path."""
    spec = FIGURE_SPECS[wildcards.figure]
    given = " ".join(f"--input {key}={input[key]}" for key in KIND_INPUTS[spec["kind"]])
    return (
        f"--spec {shlex.quote(json.dumps(spec, sort_keys=True, ensure_ascii=False))}"
        f" --contradicted {shlex.quote(json.dumps(CONFIG['figure_contradicted'], sort_keys=True))} {given}"
    )


def external_files(wildcards):
    """Files of `external` entries whose rule is in the workflow (e.g. the coupling figure), so the index waits."""
    return [
        path
        for spec in FIGURE_SPECS.values()
        if spec["kind"] == EXTERNAL and spec.get("rule") and rules.has(spec["rule"])
        for path in spec.get("files", [])
    ]


rule plot_figure:
    input:
        unpack(figure_inputs),
        sources=SOURCE_NOTES,
        code=package("figures"),
    output:
        png="reports/figures/{figure}.png",
        svg="reports/figures/{figure}.svg",
        data="reports/figures/{figure}.csv",
        caption="reports/figures/{figure}.txt",
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
        args=figure_params,
        raw=RAW,
        out_dir=lambda wildcards, output: Path(output.png).parent,
    message:
        "Drawing figure {wildcards.figure}"
    shell:
        "{params.cli} --log {log} figure {wildcards.figure} {params.args} --raw-dir {params.raw}"
        " --out-dir {params.out_dir}"


use rule plot_figure as build_table with:
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
        args=figure_params,
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
        "{params.cli} --log {log} figure-index --captions {input.captions} --metas {input.metas}"
        " --registry {params.registry} --present {input.external} --out {output}"
