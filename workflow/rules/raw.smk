# Raw inputs: every file is checked against data/raw/manifest.yaml (sha256) per group, so a
# changed document reruns extraction without rerunning the tables' stages.


rule verify_raw_inputs:
    input:
        raw=lambda wildcards: RAW_GROUPS[wildcards.group],
        code=package("manifest"),
    output:
        f"{PROCESSED}/verified_{{group}}.csv",
    log:
        "logs/verify_raw_inputs_{group}.log",
    benchmark:
        "benchmarks/verify_raw_inputs_{group}.tsv"
    wildcard_constraints:
        group="documents|tables",
    priority: CRITICAL_PATH
    conda:
        "../../environment.yml"
    params:
        cli=CLI,
    message:
        "Verifying raw {wildcards.group} against data/raw/manifest.yaml"
    shell:
        "{params.cli} --log {log} manifest --group {wildcards.group} --out {output}"
