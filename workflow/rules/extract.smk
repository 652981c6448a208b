# Stage `extract`: document structure, captions, policies and numeric claims.


rule extract_documents:
    input:
        verified=f"{PROCESSED}/verified_documents.csv",
        documents=[f"data/raw/documents/{doc}.txt" for doc in DOCUMENTS],
        # optional curated metadata (focus places, kind); a document need not appear in it
        metadata=[path for path in RAW_GROUPS["documents"] if path.endswith("documents.yaml")],
        code=package("extract"),
    output:
        claims=f"{PROCESSED}/claims.csv",
        documents=f"{PROCESSED}/documents.csv",
        sections=f"{PROCESSED}/sections.csv",
        captions=f"{PROCESSED}/captions.csv",
        policies=f"{PROCESSED}/policies.csv",
    log:
        "logs/extract_documents.log",
    benchmark:
        "benchmarks/extract_documents.tsv"
    conda:
        "../../environment.yml"
    params:
        cli=CLI,
        metadata=lambda wildcards, input: input.metadata[0] if input.metadata else "",
        out_dir=lambda wildcards, output: Path(output.claims).parent,
    message:
        "Extracting structure and numeric claims from {DOCUMENTS}"
    shell:
        "{params.cli} --log {log} extract {input.documents:q} --metadata {params.metadata:q} --out-dir {params.out_dir}"
