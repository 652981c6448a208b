# Stage `harmonize`: raw tables -> one validated indicator panel, conflicts, data package.


rule build_panel:
    input:
        verified=f"{PROCESSED}/verified_tables.csv",
        tables=RAW_GROUPS["tables"],
        # source ids and reliability grades of the table rows
        sources=SOURCE_NOTES,
        register=SOURCE_REGISTER,
        code=package("panel"),
    output:
        parquet=f"{PROCESSED}/indicators.parquet",
        csv=f"{PROCESSED}/indicators.csv",
        conflicts=f"{PROCESSED}/conflicts.csv",
        missing=f"{PROCESSED}/missing.csv",
        skipped=f"{PROCESSED}/skipped.csv",
        gazetteer=f"{PROCESSED}/gazetteer.csv",
        crosswalk=f"{PROCESSED}/crosswalk.csv",
        datapackage=f"{PROCESSED}/datapackage.json",
    log:
        "logs/build_panel.log",
    benchmark:
        "benchmarks/build_panel.tsv"
    priority: CRITICAL_PATH
    conda:
        "../../environment.yml"
    params:
        cli=CLI,
        tables=lambda wildcards, input: Path(input.tables[0]).parent,
        out_dir=lambda wildcards, output: Path(output.parquet).parent,
        preference=json.dumps(CONFIG.get("vintage_preference") or {}, sort_keys=True),
    message:
        "Harmonizing units, places and vintages of the verified raw tables"
    shell:
        "{params.cli} --log {log} harmonize --tables {params.tables} --out-dir {params.out_dir}"
        " --vintage-preference {params.preference:q} --sources {input.sources:q} --register {input.register:q}"
