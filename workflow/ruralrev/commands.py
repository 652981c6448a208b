"""What each `ruralrev` subcommand does: read files, call the stage's pure functions, write files.

Each command imports its stage lazily, so `ruralrev --help` stays fast and a rule's code inputs are only
the stage it runs (see codeinputs: like cli.py, only this module's top-level imports are followed).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from contextlib import contextmanager
from pathlib import Path

from ruralrev.errors import UserError
from ruralrev.geo import MAP_OUTPUTS

log = logging.getLogger("ruralrev")


def cmd_manifest(args) -> None:
    import pandas as pd

    from ruralrev import manifest
    from ruralrev.files import write_csv

    raw = Path(args.raw)
    if args.update:
        old = manifest.read_manifest(raw) if (raw / manifest.MANIFEST_NAME).exists() else []
        entries = manifest.updated_entries(raw, old)
        manifest.write_manifest(raw, entries)
        new = [e["path"] for e in entries if e["holds"] == "to be described"]
        print(f"manifest: {len(entries)} files recorded in {raw / manifest.MANIFEST_NAME}")
        for path in new:
            print(f"  new, please describe (holds, publisher, licence): {path}")
        return
    entries = manifest.verify(raw)
    if args.group:
        entries = [e for e in entries if e["path"].startswith(f"{args.group}/")]
    log.info("verified %d raw files against the manifest", len(entries))
    if args.out:
        frame = pd.DataFrame(entries)[["path", "sha256", "bytes", "holds", "publisher", "licence"]]
        write_csv(frame.sort_values("path"), Path(args.out))
    else:
        print(f"manifest: all {len(entries)} raw files match")


def _load_metadata(path: str | None) -> dict | None:
    from ruralrev.metadata import read_documents_yaml

    if not path:
        return None
    return {"documents": list(read_documents_yaml(Path(path)).values())}


def cmd_extract(args) -> None:
    from ruralrev.extract import corpus
    from ruralrev.files import write_csv

    metadata = _load_metadata(args.metadata)
    layers = Path(args.text_layers) if args.text_layers else None
    tables = corpus.extract_paths([Path(p) for p in args.paths], metadata=metadata, text_layers=layers)
    if args.out_dir:
        out = Path(args.out_dir)
        for name in ("claims", "documents", "sections", "captions", "policies"):
            write_csv(tables[name], out / f"{name}.csv")
        log.info("%d claims from %d documents", len(tables["claims"]), len(tables["documents"]))
        return
    if args.format == "jsonl":
        for line in corpus.iter_jsonl(tables["claims"]):
            sys.stdout.write(line + "\n")
    else:
        tables["claims"].to_csv(sys.stdout, index=False, lineterminator="\n")


def cmd_pdf_text(args) -> None:
    from ruralrev.extract.pdftext import read_pdf

    try:
        text = read_pdf(Path(args.pdf))
    except UserError as exc:
        if args.unreadable != "skip":
            raise
        # config `documents: {unreadable_pdf: skip}`: the run goes on, the document states no claims
        line = f"ruralrev: warning: {exc} (skipped: config documents.unreadable_pdf is `skip`)"
        print(line, file=sys.stderr)
        log.warning("%s", line)
        text = ""
    from ruralrev.files import atomic_path

    with atomic_path(Path(args.out)) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="")  # byte for byte: offsets point into this text
    log.info("%s: %d characters, %d pages", args.pdf, len(text), text.count("\f"))


def cmd_harmonize(args) -> None:
    from ruralrev import register
    from ruralrev.files import write_csv, write_json, write_parquet
    from ruralrev.panel import build, datapackage

    preference = json.loads(args.vintage_preference) if args.vintage_preference else None
    grades = register.grades(register.read_register(Path(args.register))) if args.register else None
    outputs = build.build_from_dir(
        Path(args.tables), [Path(p) for p in args.sources], vintage_preference=preference or None, grades=grades
    )
    out = Path(args.out_dir)
    write_parquet(outputs["indicators"], out / "indicators.parquet")
    for name, frame in sorted(outputs.items()):
        write_csv(frame, out / f"{name}.csv")
    write_json(datapackage.describe(outputs), out / "datapackage.json")
    log.info("panel: %d rows", len(outputs["indicators"]))


def cmd_crosscheck(args) -> None:
    import pandas as pd

    from ruralrev.crosscheck import ledger
    from ruralrev.files import write_csv

    claims = pd.read_csv(args.claims, dtype={"doc": str})
    indicators = pd.read_parquet(args.indicators)
    checks = ledger.check_claims(claims, indicators)
    write_csv(checks, Path(args.out))
    log.info("ledger: %s", checks["verdict"].value_counts().to_dict())


def _write_text(path: Path, text: str) -> None:
    from ruralrev.files import atomic_path

    with atomic_path(path) as tmp:
        tmp.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def _parse_regions(specs: list[str]) -> list[dict]:
    regions = []
    for spec in specs:
        region_id, _, code = spec.partition("=")
        regions.append({"id": region_id, "admin_code": code})
    return regions


def cmd_regions(args) -> None:
    from ruralrev.files import write_csv
    from ruralrev.geo import regions

    write_csv(regions.region_table(_parse_regions(args.region)), Path(args.out))


def cmd_map(args) -> None:
    from ruralrev.geo import maps

    out = {key: getattr(args, key) for key in MAP_OUTPUTS}
    maps.write_region_maps(
        args.admin_code, out, panel_path=args.indicators, gazetteer_path=args.gazetteer, sources_paths=args.sources
    )


def _registry_entry(args) -> tuple[dict, list[dict]]:
    """The figure's registry entry and the contradicted rows, from --spec (JSON) or from --config (YAML)."""
    import yaml

    if args.spec:
        return json.loads(args.spec), json.loads(args.contradicted or "[]")
    from ruralrev.figures.kinds import registry_entries

    config = yaml.safe_load(Path(args.config).read_text(encoding="utf-8")) or {}
    figures = registry_entries(config)
    if args.name not in figures:
        raise UserError(
            f"{args.config}: no entry {args.name!r} under `figures`; choose one of {', '.join(sorted(figures))}"
        )
    return figures[args.name], config.get("figure_contradicted") or []


def cmd_atlas(args) -> None:
    from ruralrev.geo import atlas

    rows = atlas.write_province(
        args.province,
        Path(args.out_dir),
        Path(args.table),
        panel_path=args.indicators,
        gazetteer_path=args.gazetteer,
        sources_paths=args.sources,
        crosswalk_path=args.crosswalk,
        area_tolerance_pct=args.area_tolerance,
    )
    log.info(
        "atlas %s: %d sheets, %d boundary problems", args.province, len(rows), int((rows["status"] != "drawn").sum())
    )


def cmd_atlas_index(args) -> None:
    from ruralrev.geo import gallery

    table = gallery.write_atlas_index([Path(p) for p in args.tables], Path(args.out), Path(args.html))
    log.info("atlas index: %d units", len(table))


def cmd_figure(args) -> None:
    from ruralrev.figures import registry

    spec, contradicted = _registry_entry(args)
    paths = dict(item.split("=", 1) for item in args.input or [])
    data = registry.Inputs(paths, Path(args.raw_dir), contradicted)
    meta = registry.render(args.name, spec, data, Path(args.out_dir))
    log.info("%s: %s %s", args.name, meta["status"], meta["reason"])


def cmd_figure_index(args) -> None:
    import pandas as pd

    from ruralrev.figures.index import build_index, read_metas
    from ruralrev.files import write_csv

    captions = pd.read_csv(args.captions, dtype={"number": str}, keep_default_na=False)
    index = build_index(captions, read_metas(args.metas), json.loads(args.registry), set(args.present or []))
    write_csv(index, Path(args.out))
    log.info("index: %d rows, %s", len(index), index["status"].value_counts().to_dict())


def cmd_report(args) -> None:
    from ruralrev.report import build

    inputs = build.ReportInputs(
        notebooks=[Path(p) for p in args.notebooks],
        values=Path(args.values),
        documents=Path(args.documents),
        documents_yaml=Path(args.documents_yaml) if args.documents_yaml else None,
        inventory=[Path(p) for p in args.inventory or []],
        register=Path(args.register) if args.register else None,
        template=Path(args.template),
        css=Path(args.css),
        tables_dir=Path(args.tables_dir),
        commit=args.commit,
        title=args.title,
    )
    build.build_report(inputs, html_path=Path(args.html), pdf_path=Path(args.pdf) if args.pdf else None)


def cmd_report_check(args) -> None:
    from ruralrev import register, reportcheck

    known = set(register.read_register(Path(args.register))["source_id"]) if args.register else None
    result = reportcheck.check_report(Path(args.pdf), Path(args.html), register.ID_PATTERN, known)
    print(reportcheck.summary(result))
    if not result.ok:
        raise UserError(f"report-check: {sum(not check.ok for check in result.checks)} layout rules broken")


def cmd_values(args) -> None:
    import pandas as pd

    from ruralrev import register
    from ruralrev.report import values

    inventory = pd.concat([pd.read_csv(p, dtype=str) for p in args.inventory]) if args.inventory else pd.DataFrame()
    records = register.read_register(Path(args.register)).set_index("source_id", drop=False) if args.register else None
    registry = values.build_values(
        Path(args.processed),
        args.regions,
        inventory,
        Path(args.coupling) if args.coupling else None,
        records=records.to_dict("index") if records is not None else None,
    )
    values.write_values(registry, Path(args.out))


@contextmanager
def _stderr_to(log_file: str | None):
    """While the block runs, what the kernel process prints on stderr (start-up warnings) goes to the job's log,
    not to the user's screen; our own error line is printed after the block."""
    if not log_file:
        yield
        return
    saved = os.dup(2)
    with open(log_file, "a", encoding="utf-8") as log_handle:
        os.dup2(log_handle.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def cmd_notebook(args) -> None:
    """Execute a notebook with papermill into a temporary file outside the project, then write it scrubbed:
    a failed or killed run leaves no half-executed copy under reports/, and a failing cell becomes one line."""
    import tempfile

    import papermill

    from ruralrev.report.scrub import scrub_notebook

    parameters = dict(item.split("=", 1) for item in args.param or [])
    fd, executed = tempfile.mkstemp(prefix="ruralrev-notebook-", suffix=".ipynb")
    os.close(fd)
    try:
        try:
            with _stderr_to(args.log):
                _execute_with_kernel_retry(papermill, args.notebook, executed, parameters, args.kernel)
        except papermill.PapermillExecutionError as exc:
            log.error("%s", exc)
            reason = (str(exc.evalue).strip().splitlines() or [""])[-1]
            # papermill inserts one cell of parameters; count the cell as the stored notebook shows it
            cell = exc.cell_index + (0 if parameters else 1)
            raise UserError(
                f"{args.notebook}: cell {cell} failed: {exc.ename}: {reason}; "
                "fix the input it names (the full traceback is in the job's log)"
            ) from None
        scrub_notebook(Path(executed), Path(args.output))
    finally:
        os.remove(executed)


KERNEL_START_ATTEMPTS = 3


def _execute_with_kernel_retry(papermill, notebook: str, executed: str, parameters: dict, kernel: str) -> None:
    """papermill.execute_notebook, with the kernel's start tried again when it dies before answering: jupyter_client
    picks free TCP ports and releases them before the kernel binds, so two notebooks starting at the same moment can
    race for one port ('Kernel died before replying to kernel_info', ZMQError 'Address already in use'). No cell
    has run when that happens, so starting again changes nothing in the output."""
    for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
        try:
            # The kernel is stopped at once when the last cell has answered (nothing is left for it to do):
            # a graceful shutdown waited 0.3-0.4 s per notebook for the kernel to exit by itself.
            papermill.execute_notebook(
                notebook,
                executed,
                parameters=parameters,
                kernel_name=kernel,
                cwd=".",
                progress_bar=False,
                shutdown_kernel="immediate",
            )
            return
        except RuntimeError as exc:
            if "Kernel died before replying to kernel_info" not in str(exc):
                raise
            if attempt == KERNEL_START_ATTEMPTS:
                raise UserError(
                    f"{notebook}: the Jupyter kernel died while starting, {attempt} times; "
                    "see the job's log and run the workflow again"
                ) from None
            log.warning(
                "notebook %s: the kernel died while starting (attempt %d); starting it again", notebook, attempt
            )


def cmd_config_docs(args) -> None:
    from ruralrev.config import config_docs, load_schema

    sys.stdout.write(config_docs(load_schema(Path(args.schema))))
