"""The `ruralrev` command: a thin layer that reads files, calls the pure functions, writes files.

Every subcommand is one workflow step; a UserError ends it with one line on stderr, exit 1.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from ruralrev.errors import UserError

log = logging.getLogger("ruralrev")


def _setup_logging(log_file: str | None) -> None:
    handler = (
        logging.FileHandler(log_file, mode="w", encoding="utf-8") if log_file else logging.StreamHandler(sys.stderr)
    )
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logging.basicConfig(level=logging.INFO if log_file else logging.WARNING, handlers=[handler], force=True)
    logging.captureWarnings(True)


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
    import yaml

    if not path or not Path(path).exists():
        return None
    try:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except yaml.YAMLError:
        raise UserError(f"{path}: not valid YAML; fix it or remove it (document metadata is optional)") from None


def cmd_extract(args) -> None:
    from ruralrev.extract import corpus
    from ruralrev.files import write_csv

    metadata = _load_metadata(args.metadata)
    tables = corpus.extract_paths([Path(p) for p in args.paths], metadata=metadata)
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


def cmd_harmonize(args) -> None:
    from ruralrev.files import write_csv, write_json, write_parquet
    from ruralrev.panel import build, datapackage

    preference = json.loads(args.vintage_preference) if args.vintage_preference else None
    outputs = build.build_from_dir(
        Path(args.tables), [Path(p) for p in args.sources], vintage_preference=preference or None
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

    out = {key: getattr(args, key) for key in maps.MAP_OUTPUTS}
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
        sources=[Path(p) for p in args.sources or []],
        template=Path(args.template),
        css=Path(args.css),
        tables_dir=Path(args.tables_dir),
        commit=args.commit,
        title=args.title,
    )
    build.build_report(inputs, html_path=Path(args.html), pdf_path=Path(args.pdf) if args.pdf else None)


def cmd_values(args) -> None:
    import pandas as pd

    from ruralrev.report import values

    inventory = pd.concat([pd.read_csv(p, dtype=str) for p in args.inventory]) if args.inventory else pd.DataFrame()
    registry = values.build_values(
        Path(args.processed), args.regions, inventory, Path(args.coupling) if args.coupling else None
    )
    values.write_values(registry, Path(args.out))


def cmd_coupling(args) -> None:
    import pandas as pd

    from ruralrev.coupling import build, figure
    from ruralrev.files import write_csv, write_json

    config, regions = json.loads(args.config), json.loads(args.regions)
    outputs = build.build(pd.read_parquet(args.indicators), config, regions, json.loads(args.contradicted))
    spec = build.spec_from_config(config)
    # The study areas' provinces are highlighted in the figure, in the order of the regions.
    highlight = list(dict.fromkeys(str(region["admin_code"])[:2] + "0000" for region in regions))
    drawn = figure.render(outputs["coupling"], spec.classes, highlight, spec.rule, Path(args.figures_dir))
    _write_text(Path(args.figures_dir) / f"{figure.NAME}.txt", drawn["caption"])
    out = Path(args.out_dir)
    for name, frame in outputs.items():
        write_csv(frame, out / f"{name}.csv")
    write_json(config, out / "coupling_config.json")
    log.info("coupling: %d rows", len(outputs["coupling"]))


def cmd_scrub_notebook(args) -> None:
    from ruralrev.report import build

    build.scrub_notebook(Path(args.source), Path(args.target))


def cmd_config_docs(args) -> None:
    from ruralrev.config import config_docs, load_schema

    sys.stdout.write(config_docs(load_schema(Path(args.schema))))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ruralrev", description=__doc__.splitlines()[0])
    parser.add_argument("--log", help="write progress messages to this file")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("manifest", help="verify raw files against data/raw/manifest.yaml, or --update it")
    p.add_argument("--raw", default="data/raw", help="raw data folder (default: data/raw)")
    p.add_argument("--update", action="store_true", help="accept new or changed raw files: rewrite the manifest")
    p.add_argument("--group", choices=["documents", "tables"], help="only this folder of data/raw in --out")
    p.add_argument("--out", help="write the verified inventory CSV here")
    p.set_defaults(func=cmd_manifest)

    p = sub.add_parser("extract", help="numeric claims (and structure) of .txt documents")
    p.add_argument("paths", nargs="+", help=".txt files or folders of them")
    p.add_argument("--format", choices=["jsonl", "csv"], default="jsonl", help="stdout format (default jsonl)")
    p.add_argument("--metadata", help="documents.yaml with optional per-document metadata")
    p.add_argument("--out-dir", help="write claims/documents/sections/captions/policies CSVs here instead")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("harmonize", help="raw tables -> indicator panel, conflicts, gazetteer, data package")
    p.add_argument("--tables", default="data/raw/tables")
    p.add_argument("--out-dir", default="data/processed")
    p.add_argument("--vintage-preference", help="JSON mapping indicator -> ordered vintage fragments")
    p.add_argument("--sources", nargs="*", default=[], help="SOURCES*.md files with source ids and grades")
    p.set_defaults(func=cmd_harmonize)

    p = sub.add_parser("crosscheck", help="check extracted claims against the panel")
    p.add_argument("--claims", required=True)
    p.add_argument("--indicators", required=True)
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_crosscheck)

    p = sub.add_parser("regions", help="regions table (names, area in an equal-area projection)")
    p.add_argument("--region", action="append", required=True, metavar="ID=ADMIN_CODE")
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_regions)

    p = sub.add_parser("map", help="study-area sheet and province choropleths of one region")
    p.add_argument("--admin-code", required=True)
    p.add_argument("--indicators", help="the panel (indicators.parquet)")
    p.add_argument("--gazetteer", help="gazetteer.csv (matches units recoded after the 2020 census)")
    p.add_argument("--sources", nargs="*", default=[], help="SOURCES*.md files naming the source ids")
    for key in (
        "png",
        "svg",
        "caption",
        "alt",
        "areas",
        "choropleth_png",
        "choropleth_svg",
        "choropleth_caption",
        "choropleth_alt",
        "choropleth_csv",
    ):
        p.add_argument(f"--{key.replace('_', '-')}", required=True)
    p.set_defaults(func=cmd_map)

    p = sub.add_parser("atlas", help="atlas sheets of every county-level unit of one province")
    p.add_argument("--province", required=True, help="6-digit province code, e.g. 520000")
    p.add_argument("--indicators", help="the panel (indicators.parquet)")
    p.add_argument("--gazetteer", help="gazetteer.csv (matches units recoded after the 2020 census)")
    p.add_argument("--sources", nargs="*", default=[], help="SOURCES*.md files naming the source ids")
    p.add_argument("--out-dir", required=True, help="folder of the sheets (<admin code>.png)")
    p.add_argument("--table", required=True, help="the province's atlas table (CSV)")
    p.set_defaults(func=cmd_atlas)

    p = sub.add_parser("atlas-index", help="atlas.csv and the gallery from the provinces' atlas tables")
    p.add_argument("tables", nargs="*")
    p.add_argument("--out", required=True)
    p.add_argument("--html", required=True)
    p.set_defaults(func=cmd_atlas_index)

    p = sub.add_parser("figure", help="one figure or table of the figure registry (config `figures`)")
    p.add_argument("name", help="the entry's id")
    p.add_argument("--config", default="config/config.yaml", help="config file holding the registry")
    p.add_argument("--spec", help="the entry as JSON (instead of reading --config)")
    p.add_argument("--contradicted", help="figure_contradicted as JSON (with --spec)")
    p.add_argument("--input", action="append", help="key=path of a processed file: indicators, claims, ...")
    p.add_argument("--raw-dir", default="data/raw", help="data/raw (SOURCES*.md and tables/)")
    p.add_argument("--out-dir", required=True)
    p.set_defaults(func=cmd_figure)

    p = sub.add_parser("figure-index", help="reports/figures/index.csv: every caption and figure with its status")
    p.add_argument("--captions", required=True)
    p.add_argument("--metas", nargs="*", default=[], help="the <id>.json files the figure steps wrote")
    p.add_argument("--registry", required=True, help="config `figures` as JSON")
    p.add_argument("--present", nargs="*", help="files of external entries that exist")
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_figure_index)

    p = sub.add_parser("report", help="HTML and PDF report from executed notebooks")
    p.add_argument("notebooks", nargs="+")
    p.add_argument("--html", required=True)
    p.add_argument("--pdf")
    p.add_argument("--title", default="ruralrev report")
    p.add_argument("--values", required=True, help="values registry (data/processed/values.json)")
    p.add_argument("--documents", required=True, help="data/processed/documents.csv")
    p.add_argument("--documents-yaml", help="data/raw/documents/documents.yaml (names untitled documents)")
    p.add_argument("--inventory", nargs="*", help="verified_*.csv inventories for the provenance appendix")
    p.add_argument("--sources", nargs="*", help="data/raw/SOURCES*.md (source ids and grades)")
    p.add_argument("--tables-dir", required=True, help="folder for the report's own full tables (CSV)")
    p.add_argument("--commit", default="not a git checkout", help="git commit the report is built from")
    p.add_argument("--template", default="workflow/report/report.html.j2", help="Jinja2 template of the page")
    p.add_argument("--css", default="workflow/report/report.css", help="screen and print stylesheet")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("values", help="registry of the named values the report's prose states")
    p.add_argument("--processed", required=True, help="data/processed")
    p.add_argument("--regions", nargs="*", default=[], help="admin codes of the configured regions")
    p.add_argument("--inventory", nargs="*", help="verified_*.csv inventories")
    p.add_argument("--coupling", help="coupling folder or summary, when the coupling stage runs")
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_values)

    p = sub.add_parser("coupling", help="coupling coordination degree of urbanization and rural revitalization")
    p.add_argument("--indicators", required=True, help="the panel (indicators.parquet)")
    p.add_argument("--config", required=True, help="JSON of the config section `coupling`")
    p.add_argument("--regions", default="[]", help="JSON list of study areas ({id, admin_code})")
    p.add_argument("--contradicted", default="[]", help="JSON list of raw rows never used (figure_contradicted)")
    p.add_argument("--out-dir", default="data/processed")
    p.add_argument("--figures-dir", default="reports/figures")
    p.set_defaults(func=cmd_coupling)

    p = sub.add_parser("scrub-notebook", help="copy an executed notebook without timing metadata")
    p.add_argument("source")
    p.add_argument("target")
    p.set_defaults(func=cmd_scrub_notebook)
    p = sub.add_parser("config-docs", help="print config/README.md: every config key with type, default, description")
    p.add_argument("--schema", default="workflow/schemas/config.schema.yaml")
    p.set_defaults(func=cmd_config_docs)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _setup_logging(args.log)
    try:
        args.func(args)
    except UserError as exc:
        print(f"ruralrev: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # stdout closed early (`ruralrev extract ... | head`): not an error.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
