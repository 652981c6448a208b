# Stage `crosscheck`: every extracted claim against the official series.


rule check_claims:
    input:
        claims=f"{PROCESSED}/claims.csv",
        indicators=f"{PROCESSED}/indicators.parquet",
        code=package("crosscheck"),
    output:
        f"{PROCESSED}/claim_checks.csv",
    log:
        "logs/check_claims.log",
    benchmark:
        "benchmarks/check_claims.tsv"
    priority: CRITICAL_PATH
    conda:
        "../../environment.yml"
    params:
        cli=CLI,
    message:
        "Checking the documents' claims against the indicator panel"
    shell:
        "{params.cli} --log {log} crosscheck --claims {input.claims:q} --indicators {input.indicators:q} --out {output}"
