"""The report: front matter and key findings, the executed notebooks, appendices; one HTML page and a PDF.

Code is hidden, images are inlined as data URIs, nothing is fetched from the network, and
papermill's timing metadata is scrubbed so the same inputs give the same bytes. Sections, figures
and tables are numbered once over the assembled page, so HTML and PDF carry the same numbers.
"""

from __future__ import annotations

import base64
import html
import logging
import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import jinja2
import nbformat
import pandas as pd
from markupsafe import Markup
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from ruralrev.files import atomic_path
from ruralrev.register import cited_ids, read_register
from ruralrev.report import appendix, findings, numbering, references
from ruralrev.report.documents import titles
from ruralrev.report.values import load_values

ANCHOR_LINK = re.compile(r'<a class="anchor-link" href="#[^"]*">(¶|&#182;)</a>')
IDS = re.compile(r'\sid="([^"]+)"')
HIDDEN_TAGS = {"parameters", "injected-parameters", "remove"}


def _output_html(output) -> str:
    """HTML for one cell output; HTML outputs come from this package's escaping helpers."""
    if output.output_type == "stream":
        return "" if output.name == "stderr" else f"<pre>{html.escape(output.text)}</pre>"
    if output.output_type == "error":
        raise RuntimeError(f"notebook output holds an error: {output.ename}: {output.evalue}")
    data = output.get("data", {})
    if "text/html" in data:
        return data["text/html"]
    if "text/markdown" in data:
        return markdown2html_mistune(data["text/markdown"])
    if "image/png" in data:
        alt = html.escape(output.get("metadata", {}).get("alt", "figure"))
        return f'<img alt="{alt}" src="data:image/png;base64,{data["image/png"].strip()}">'
    if "text/plain" in data:
        return f"<pre>{html.escape(data['text/plain'])}</pre>"
    return ""


def notebook_body(path: Path) -> str:
    """Body HTML of one executed notebook: markdown cells and code outputs, no code."""
    notebook = nbformat.read(path, as_version=4)
    parts = []
    for cell in notebook.cells:
        if HIDDEN_TAGS & set(cell.metadata.get("tags", [])):
            continue
        if cell.cell_type == "markdown":
            parts.append(markdown2html_mistune(cell.source))
        elif cell.cell_type == "code":
            parts.extend(_output_html(output) for output in cell.get("outputs", []))
    return ANCHOR_LINK.sub("", "\n".join(p for p in parts if p))


def build_date() -> str:
    """The date of SOURCE_DATE_EPOCH (the reproducible-builds convention), or a note that it is unset."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return "not recorded (SOURCE_DATE_EPOCH unset)"
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc).strftime("%Y-%m-%d")


@dataclass
class ReportInputs:
    """What the report is assembled from (paths as the rule passes them)."""

    notebooks: list[Path]
    values: Path
    documents: Path
    inventory: list[Path]
    template: Path
    css: Path
    tables_dir: Path
    documents_yaml: Path | None = None
    register: Path | None = None
    commit: str = "not a git checkout"
    title: str = "ruralrev report"


def render_html(inputs: ReportInputs, context: dict) -> str:
    """The page from the Jinja template (autoescaped: only values marked safe pass as HTML)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(inputs.template.parent), autoescape=True)
    css = inputs.css.read_text(encoding="utf-8")
    return env.get_template(inputs.template.name).render(css=css, title=inputs.title, commit=inputs.commit, **context)


def assemble(inputs: ReportInputs) -> str:
    """The whole page: title block, abstract, contents, key findings, notebooks, appendices, numbered."""
    values = load_values(inputs.values)
    title_of = titles(pd.read_csv(inputs.documents), inputs.documents_yaml)
    body = "\n".join(notebook_body(path) for path in inputs.notebooks)
    # Appendix A (sources) leads the appendices the notebooks bring; D (reproduce) closes them.
    match = re.search(f"<h1[^>]*>{numbering.APPENDIX}", body)
    first = match.start() if match else len(body)
    records = read_register(inputs.register) if inputs.register else pd.DataFrame(columns=["source_id"])
    targets = IDS.findall(body)
    key_findings = findings.key_findings(values, title_of, targets)
    abstract = findings.abstract(values, title_of)
    raw_files = appendix.sources(inputs.inventory, inputs.tables_dir)
    reproduce = appendix.reproduce(inputs.inventory, inputs.commit)
    # The reference list holds every source id the report mentions anywhere, in the register's order.
    cited = cited_ids(abstract + key_findings + body + raw_files + reproduce, records)
    cited_list = appendix.references(records, cited, inputs.tables_dir)
    # A References chapter (documents, data sources, method literature) closes the body when the references file
    # beside the template exists; Appendix A (raw files) then leads the appendices.
    refs = inputs.template.parent / "references.yaml"
    chapter = references.chapter(references.load(refs), cited_list) if refs.exists() else cited_list
    body = body[:first] + chapter + raw_files + body[first:] + reproduce
    page, toc, _ = numbering.number_page(f"<h1>Key findings</h1>{key_findings}{body}")
    return render_html(
        inputs,
        {
            "abstract": Markup(appendix.link_source_ids(abstract, cited)),
            "date": build_date(),
            "toc": toc,
            "body": Markup(appendix.link_source_ids(page, cited)),
        },
    )


# A link to a file beside the report (`tables/x.csv`, `../data/raw/...`): WeasyPrint would resolve it into an
# absolute file:// address of the build folder, so the PDF keeps the file's name as text instead.
LOCAL_LINK = re.compile(r'<a\b[^>]*\bhref="(?!#|[A-Za-z][A-Za-z0-9+.-]*:)[^"]*"[^>]*>(.*?)</a>', re.S)


def without_local_links(page: str) -> str:
    """The page with links to local files turned into plain text (anchors and web links kept)."""
    return LOCAL_LINK.sub(r'<span class="file-name">\1</span>', page)


# A figure whose enlarge link names its SVG (present.figure_html) prints as that vector instead of the PNG.
VECTOR_FIGURE = re.compile(
    r'(<a class="enlarge" href="([^"]+\.svg)"><img alt="[^"]*" src=")data:image/png;base64,[^"]*"'
)


def with_vector_figures(page: str, folder: Path) -> str:
    """The page with each figure's PNG replaced by its SVG (inlined as a data URI, so nothing is fetched)."""

    def replace(match: re.Match) -> str:
        svg = base64.b64encode((folder / html.unescape(match.group(2))).read_bytes()).decode("ascii")
        return f'{match.group(1)}data:image/svg+xml;base64,{svg}"'

    return VECTOR_FIGURE.sub(replace, page)


def write_pdf(page: str, html_path: Path, pdf_path: Path) -> None:
    """The PDF rendering of the page (WeasyPrint), with font subsets stamped deterministically and no
    address of the machine it was built on."""
    from weasyprint import HTML

    # fontTools stamps embedded font subsets with the current time unless SOURCE_DATE_EPOCH is set.
    if not os.environ.get("SOURCE_DATE_EPOCH"):
        os.environ["SOURCE_DATE_EPOCH"] = "0"
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    with atomic_path(pdf_path) as tmp:
        printed = without_local_links(with_vector_figures(page, html_path.parent))
        HTML(string=printed, base_url=str(html_path.parent)).write_pdf(tmp)


def build_report(inputs: ReportInputs, html_path: Path, pdf_path: Path | None) -> None:
    """Write the HTML report and, if asked, its PDF."""
    page = assemble(inputs)
    with atomic_path(html_path) as tmp:
        tmp.write_text(page, encoding="utf-8")
    if pdf_path is not None:
        write_pdf(page, html_path, pdf_path)
