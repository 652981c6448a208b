# Stage `extract`: document structure, captions, policies and numeric claims.


rule extract_pdf_text:
    input:
        pdf="data/raw/documents/{doc}.pdf",
        verified=f"{PROCESSED}/verified_documents.csv",
        code=package("extract/pdftext"),
    output:
        f"{PROCESSED}/documents/{{doc}}.txt",
    log:
        "logs/extract_pdf_text/{doc}.log",
    benchmark:
        "benchmarks/extract_pdf_text/{doc}.tsv"
    wildcard_constraints:
        doc="[^/]+",
    priority: CRITICAL_PATH
    conda:
        "../../environment.yml"
    params:
        cli=CLI,
        # a scan, encrypted or broken PDF stops the run unless config documents.unreadable_pdf is `skip`
        unreadable=CONFIG["documents"]["unreadable_pdf"],
    message:
        "Reading the text layer of document {wildcards.doc}"
    shell:
        "{params.cli} --log {log:q} pdf-text {input.pdf:q} --out {output:q} --unreadable {params.unreadable}"


rule extract_documents:
    input:
        verified=f"{PROCESSED}/verified_documents.csv",
        documents=DOCUMENT_FILES,
        text_layers=TEXT_LAYERS,
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
    priority: CRITICAL_PATH
    conda:
        "../../environment.yml"
    params:
        cli=CLI,
        metadata=lambda wildcards, input: input.metadata[0] if input.metadata else "",
        out_dir=lambda wildcards, output: Path(output.claims).parent,
        # where extract_pdf_text stored the PDFs' text layers (data/processed/documents/)
        text_layers=lambda wildcards, output: Path(output.claims).parent / "documents",
    message:
        "Extracting structure and numeric claims from {DOCUMENTS}"
    shell:
        "{params.cli} --log {log} extract {input.documents:q} --metadata {params.metadata:q} "
        "--text-layers {params.text_layers:q} --out-dir {params.out_dir}"
