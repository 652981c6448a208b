"""The `ruralrev` command: a thin layer that reads files, calls the pure functions, writes files.

Every subcommand is one workflow step; a UserError ends it with one line on stderr, exit 1.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from ruralrev import commands, commands_coupling
from ruralrev.errors import UserError
from ruralrev.geo import MAP_OUTPUTS

log = logging.getLogger("ruralrev")


def _setup_logging(log_file: str | None) -> None:
    handler = (
        logging.FileHandler(log_file, mode="w", encoding="utf-8") if log_file else logging.StreamHandler(sys.stderr)
    )
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logging.basicConfig(level=logging.INFO if log_file else logging.WARNING, handlers=[handler], force=True)
    logging.captureWarnings(True)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ruralrev", description=__doc__.splitlines()[0])
    parser.add_argument("--log", help="write progress messages to this file")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("manifest", help="verify raw files against data/raw/manifest.yaml, or --update it")
    p.add_argument("--raw", default="data/raw", help="raw data folder (default: data/raw)")
    p.add_argument("--update", action="store_true", help="accept new or changed raw files: rewrite the manifest")
    p.add_argument("--group", choices=["documents", "tables"], help="only this folder of data/raw in --out")
    p.add_argument("--out", help="write the verified inventory CSV here")
    p.set_defaults(func=commands.cmd_manifest)

    p = sub.add_parser("extract", help="numeric claims (and structure) of .txt and .pdf documents")
    p.add_argument("paths", nargs="+", help=".txt or .pdf files or folders of them")
    p.add_argument("--text-layers", help="folder of stored PDF text layers (<doc>.txt, see `pdf-text`)")
    p.add_argument("--format", choices=["jsonl", "csv"], default="jsonl", help="stdout format (default jsonl)")
    p.add_argument("--metadata", help="documents.yaml with optional per-document metadata")
    p.add_argument("--out-dir", help="write claims/documents/sections/captions/policies CSVs here instead")
    p.set_defaults(func=commands.cmd_extract)

    p = sub.add_parser("pdf-text", help="the text layer of a PDF document (what its claims' offsets point into)")
    p.add_argument("pdf")
    p.add_argument("--out", required=True, help="the text file to write")
    p.add_argument(
        "--unreadable",
        choices=["stop", "skip"],
        default="stop",
        help="a scan, encrypted or broken PDF: stop with an error (default) or write an empty text and warn",
    )
    p.set_defaults(func=commands.cmd_pdf_text)

    p = sub.add_parser("harmonize", help="raw tables -> indicator panel, conflicts, gazetteer, data package")
    p.add_argument("--tables", default="data/raw/tables")
    p.add_argument("--out-dir", default="data/processed")
    p.add_argument("--vintage-preference", help="JSON mapping indicator -> ordered vintage fragments")
    p.add_argument("--sources", nargs="*", default=[], help="SOURCES*.md files with source ids and grades")
    p.add_argument("--register", help="the source register (data/raw/source_register.csv): the grades")
    p.set_defaults(func=commands.cmd_harmonize)

    p = sub.add_parser("crosscheck", help="check extracted claims against the panel")
    p.add_argument("--claims", required=True)
    p.add_argument("--indicators", required=True)
    p.add_argument("--out", required=True)
    p.set_defaults(func=commands.cmd_crosscheck)

    p = sub.add_parser("regions", help="regions table (names, area in an equal-area projection)")
    p.add_argument("--region", action="append", required=True, metavar="ID=ADMIN_CODE")
    p.add_argument("--out", required=True)
    p.set_defaults(func=commands.cmd_regions)

    p = sub.add_parser("map", help="study-area sheet and province choropleths of one region")
    p.add_argument("--admin-code", required=True)
    p.add_argument("--indicators", help="the panel (indicators.parquet)")
    p.add_argument("--gazetteer", help="gazetteer.csv (matches units recoded after the 2020 census)")
    p.add_argument(
        "--sources",
        nargs="*",
        default=[],
        help="the source register (source_register.csv): publishers of the source ids",
    )
    for key in MAP_OUTPUTS:
        p.add_argument(f"--{key.replace('_', '-')}", required=True)
    p.set_defaults(func=commands.cmd_map)

    p = sub.add_parser("atlas", help="atlas sheets of every county-level unit of one province")
    p.add_argument("--province", required=True, help="6-digit province code, e.g. 520000")
    p.add_argument("--indicators", help="the panel (indicators.parquet)")
    p.add_argument("--gazetteer", help="gazetteer.csv (matches units recoded after the 2020 census)")
    p.add_argument(
        "--sources",
        nargs="*",
        default=[],
        help="the source register (source_register.csv): publishers of the source ids",
    )
    p.add_argument("--out-dir", required=True, help="folder of the sheets (<admin code>.png)")
    p.add_argument("--table", required=True, help="the province's atlas table (CSV)")
    p.add_argument("--crosswalk", help="crosswalk.csv (2010 -> 2020 codes): units whose territory changed")
    p.add_argument("--area-tolerance", type=float, default=5.0, help="computed vs published area, percent")
    p.set_defaults(func=commands.cmd_atlas)

    p = sub.add_parser("atlas-index", help="atlas.csv and the gallery from the provinces' atlas tables")
    p.add_argument("tables", nargs="*")
    p.add_argument("--out", required=True)
    p.add_argument("--html", required=True)
    p.set_defaults(func=commands.cmd_atlas_index)

    p = sub.add_parser("figure", help="one figure or table of the figure registry (config `figures`)")
    p.add_argument("name", help="the entry's id")
    p.add_argument("--config", default="config/config.yaml", help="config file holding the registry")
    p.add_argument("--spec", help="the entry as JSON (instead of reading --config)")
    p.add_argument("--contradicted", help="figure_contradicted as JSON (with --spec)")
    p.add_argument("--input", action="append", help="key=path of a processed file: indicators, claims, ...")
    p.add_argument("--raw-dir", default="data/raw", help="data/raw (SOURCES*.md and tables/)")
    p.add_argument("--out-dir", required=True)
    p.set_defaults(func=commands.cmd_figure)

    p = sub.add_parser("figure-index", help="reports/figures/index.csv: every caption and figure with its status")
    p.add_argument("--captions", required=True)
    p.add_argument("--metas", nargs="*", default=[], help="the <id>.json files the figure steps wrote")
    p.add_argument("--registry", required=True, help="config `figures` as JSON")
    p.add_argument("--present", nargs="*", help="files of external entries that exist")
    p.add_argument("--out", required=True)
    p.set_defaults(func=commands.cmd_figure_index)

    p = sub.add_parser("report", help="HTML and PDF report from executed notebooks")
    p.add_argument("notebooks", nargs="+")
    p.add_argument("--html", required=True)
    p.add_argument("--pdf")
    p.add_argument("--title", default="ruralrev report")
    p.add_argument("--values", required=True, help="values registry (data/processed/values.json)")
    p.add_argument("--documents", required=True, help="data/processed/documents.csv")
    p.add_argument("--documents-yaml", help="data/raw/documents/documents.yaml (names untitled documents)")
    p.add_argument("--inventory", nargs="*", help="verified_*.csv inventories for the provenance appendix")
    p.add_argument("--register", help="the source register: the reference list of the sources the report cites")
    p.add_argument("--tables-dir", required=True, help="folder for the report's own full tables (CSV)")
    p.add_argument("--commit", default="not a git checkout", help="git commit the report is built from")
    p.add_argument("--template", default="workflow/report/report.html.j2", help="Jinja2 template of the page")
    p.add_argument("--css", default="workflow/report/report.css", help="screen and print stylesheet")
    p.set_defaults(func=commands.cmd_report)

    p = sub.add_parser(
        "report-check", help="the report's layout as a reader meets it: pages, headings, captions, links"
    )
    p.add_argument("pdf", help="reports/report.pdf")
    p.add_argument("html", help="reports/report.html (the page the PDF was rendered from)")
    p.add_argument("--register", help="data/raw/source_register.csv: only its ids count as source ids")
    p.set_defaults(func=commands.cmd_report_check)

    p = sub.add_parser("values", help="registry of the named values the report's prose states")
    p.add_argument("--processed", required=True, help="data/processed")
    p.add_argument("--regions", nargs="*", default=[], help="admin codes of the configured regions")
    p.add_argument("--inventory", nargs="*", help="verified_*.csv inventories")
    p.add_argument("--coupling", help="coupling folder or summary, when the coupling stage runs")
    p.add_argument("--register", help="the source register (who published each source id's figures)")
    p.add_argument("--out", required=True)
    p.set_defaults(func=commands.cmd_values)

    p = sub.add_parser("coupling", help="coupling coordination degree of urbanization and rural revitalization")
    p.add_argument("--indicators", required=True, help="the panel (indicators.parquet)")
    p.add_argument("--config", required=True, help="JSON of the config section `coupling`")
    p.add_argument("--regions", default="[]", help="JSON list of study areas ({id, admin_code})")
    p.add_argument("--contradicted", default="[]", help="JSON list of raw rows never used (figure_contradicted)")
    p.add_argument("--out-dir", default="data/processed")
    p.add_argument("--figures-dir", default="reports/figures")
    p.add_argument("--register", required=True, help="source_register.csv: the publishers the footers name")
    p.set_defaults(func=commands_coupling.cmd_coupling)

    p = sub.add_parser("neighbours", help="neighbour edge list of provinces or county-level units (built once)")
    p.add_argument("--provinces", required=True, help='JSON list of province codes, or "all"')
    p.add_argument("--level", choices=["provinces", "counties"], required=True)
    p.add_argument("--island-neighbours", type=int, required=True)
    p.add_argument("--out", required=True)
    p.set_defaults(func=commands_coupling.cmd_neighbours)

    p = sub.add_parser("coupling-spatial", help="Moran's I and LISA of the provinces' D, and the maps of D")
    p.add_argument("--coupling", required=True, help="coupling.csv")
    p.add_argument("--neighbours", required=True, help="neighbours_provinces.csv")
    p.add_argument("--config", required=True, help="JSON of the config section `coupling`")
    p.add_argument("--spatial", required=True, help="JSON of the config section `spatial`")
    p.add_argument("--regions", default="[]", help="JSON list of study areas ({id, admin_code})")
    p.add_argument("--out-dir", default="data/processed")
    p.add_argument("--figures-dir", default="reports/figures")
    p.add_argument("--register", required=True, help="source_register.csv: the publishers the footers name")
    p.set_defaults(func=commands_coupling.cmd_coupling_spatial)

    p = sub.add_parser("county-urbanization", help="census urbanization of county-level units: Moran's I, LISA, map")
    p.add_argument("--indicators", required=True, help="the panel (indicators.parquet)")
    p.add_argument("--gazetteer", required=True)
    p.add_argument("--crosswalk", required=True)
    p.add_argument("--neighbours-out", required=True, help="write the units' neighbours here (neighbours_counties.csv)")
    p.add_argument("--spatial", required=True, help="JSON of the config section `spatial`")
    p.add_argument("--regions", default="[]", help="JSON list of study areas ({id, admin_code})")
    p.add_argument("--out-dir", default="data/processed")
    p.add_argument("--figures-dir", default="reports/figures")
    p.add_argument("--register", required=True, help="source_register.csv: the publishers the footers name")
    p.set_defaults(func=commands_coupling.cmd_county_urbanization)

    p = sub.add_parser("notebook", help="execute a notebook with papermill and write it without timing metadata")
    p.add_argument("notebook")
    p.add_argument("output")
    p.add_argument("--kernel", default="ruralrev", help="Jupyter kernel (default: ruralrev)")
    p.add_argument("--param", action="append", metavar="NAME=VALUE", help="a notebook parameter (a string)")
    p.set_defaults(func=commands.cmd_notebook)

    p = sub.add_parser("config-docs", help="print config/README.md: every config key with type, default, description")
    p.add_argument("--schema", default="workflow/schemas/config.schema.yaml")
    p.set_defaults(func=commands.cmd_config_docs)
    return parser


def _fail(exc: UserError) -> int:
    """Print the one error line; also into the job's log, where the workflow's error handler finds it."""
    line = f"ruralrev: error: {exc}"
    print(line, file=sys.stderr)
    if any(isinstance(handler, logging.FileHandler) for handler in logging.getLogger().handlers):
        log.error("%s", line)
    return 1


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        _setup_logging(args.log)
        args.func(args)
    except OSError as exc:
        # Disk full or a read-only folder outside the atomic writers (a library writing its own files).
        from ruralrev.files import _WRITE_FAILURES, write_failure

        if exc.errno not in _WRITE_FAILURES:
            raise
        folder = Path(exc.filename).parent if exc.filename else Path(".")
        return _fail(write_failure(exc, folder))
    except UserError as exc:
        return _fail(exc)
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
