"""The figure registry: each entry of config `figures` names a kind, and one function renders any entry to files.

A figure entry gives `kind`, `title`, and the kind's keys (series, places, years, ...); `doc` and
`caption` ("figure 1") tie it to a caption of a document. Charts and maps are written to
reports/figures/<id>.png/.svg/.csv/.txt/.alt.txt/.json (side files: ruralrev.sidefiles), tables to
reports/tables/<id>.csv/.html/.txt/.json (.txt: the caption only).
"""

from __future__ import annotations

import textwrap
from functools import cached_property
from pathlib import Path

import pandas as pd

from ruralrev import plotstyle, sidefiles
from ruralrev.errors import UserError
from ruralrev.figures import choropleth, places, policies, stated, tables, timeseries
from ruralrev.figures.kinds import KIND_INPUTS, TABLE_KINDS
from ruralrev.figures.series import Drawing, drop_contradicted
from ruralrev.figures.sources import footer, publishers_sentence, source_ids, source_table
from ruralrev.files import atomic_path, write_csv, write_json

# kind -> draw function (None: drawn by another stage)
DRAW = {
    "places": places.draw,
    "vintages": timeseries.draw_vintages,
    "panels": timeseries.draw_panels,
    "stated_bars": stated.draw,
    "province_map": choropleth.draw,
    "raw_table": tables.draw,
    "policy_table": policies.draw,
    "external": None,
}
REQUIRED = ("kind", "title")
TITLE_WRAP = 80  # characters per title line at 10 pt bold across a full-width figure


class Inputs:
    """The files a figure reads, loaded on first use."""

    def __init__(self, paths: dict[str, Path], raw_dir: Path, contradicted: list[dict] | None = None):
        self.paths, self.raw_dir, self.contradicted = (
            {k: Path(v) for k, v in paths.items()},
            Path(raw_dir),
            contradicted or [],
        )

    def _path(self, key: str) -> Path:
        if key not in self.paths:
            raise UserError(f"figure input {key!r} was not given; pass --input {key}=<path>")
        return self.paths[key]

    @cached_property
    def all_indicators(self) -> pd.DataFrame:
        """The whole panel, contradicted rows included (footers resolve derived rows through it)."""
        frame = pd.read_parquet(self._path("indicators"))
        frame["geo_code"] = frame["geo_code"].astype(str)
        return frame

    @cached_property
    def indicators(self) -> pd.DataFrame:
        """The panel without rows flagged contradicted."""
        return drop_contradicted(self.all_indicators, self.contradicted)

    def csv(self, key: str) -> pd.DataFrame:
        return pd.read_csv(self._path(key), dtype={"geo_code": str}, keep_default_na=False, na_values=[""])

    @cached_property
    def sources(self) -> dict[str, dict]:
        """Source id -> its record in the source register."""
        return source_table(self.raw_dir)


def check_spec(figure_id: str, spec: dict) -> dict:
    """The entry itself, or a UserError naming the key that is missing or wrong."""
    where = f"config `figures`, entry {figure_id!r}"
    for key in REQUIRED:
        if key not in spec:
            raise UserError(f"{where}: key {key!r} is missing; every figure needs {', '.join(REQUIRED)}")
    if spec["kind"] not in KIND_INPUTS:
        raise UserError(f"{where}: unknown kind {spec['kind']!r}; choose one of {', '.join(sorted(KIND_INPUTS))}")
    if "years" in spec and (len(spec["years"]) != 2 or int(spec["years"][0]) > int(spec["years"][1])):
        raise UserError(f"{where}: years must be [first, last], got {spec['years']}")
    return spec


def is_table(spec: dict) -> bool:
    """Tables go to reports/tables/, charts and maps to reports/figures/."""
    return spec["kind"] in TABLE_KINDS


def outputs_of(figure_id: str, spec: dict) -> dict[str, str]:
    """Output paths of one entry, by kind of file (the side files as ruralrev.sidefiles describes them)."""
    if is_table(spec):
        return {ext: f"reports/tables/{figure_id}.{ext}" for ext in ("csv", "html", "txt", "json")}
    return {ext: f"reports/figures/{figure_id}.{ext}" for ext in ("png", "svg", "csv", "txt", "alt.txt", "json")}


def _texts(figure_id: str, spec: dict, drawing: Drawing, ids: list[str], table: dict) -> tuple[str, str]:
    """(caption, notes): the drawing's caption without the title, cut to the caption limit, and the sources'
    publishers as its last sentence."""
    text = drawing.caption.removeprefix(f"{spec['title']}.").strip()
    return sidefiles.split_caption(text, publishers_sentence(ids, table))


def render(figure_id: str, spec: dict, data: Inputs, out_dir: Path) -> dict:
    """Draw one registry entry and write its files; returns the meta record written as <id>.json."""
    spec = check_spec(figure_id, spec)
    draw = DRAW[spec["kind"]]
    if draw is None:
        raise UserError(f"figure {figure_id!r} is drawn by another stage (kind external); build that stage")
    paths = outputs_of(figure_id, spec)
    files = {ext: Path(out_dir) / Path(path).name for ext, path in paths.items()}
    saved = {}
    with plotstyle.style():
        drawing: Drawing = draw(figure_id, spec, data)
        ids = source_ids(drawing.plotted, data.all_indicators if "indicators" in data.paths else None)
        if drawing.figure is not None:
            drawing.figure.suptitle(
                "\n".join(textwrap.wrap(spec["title"], TITLE_WRAP)), x=0.01, ha="left", fontsize=10, fontweight="bold"
            )
            note = " ".join(filter(None, [drawing.extra.get("footer", ""), spec.get("footer_note", "")]))
            plotstyle.add_footer(drawing.figure, footer(ids, data.sources) + (f"\nNote: {note}" if note else ""))
            saved = plotstyle.save(drawing.figure, files["png"], files["svg"])
    if "html" in files:
        with atomic_path(files["html"]) as tmp:
            tmp.write_text(drawing.extra["html"], encoding="utf-8")
    write_csv(drawing.plotted.reset_index(drop=True), files["csv"])
    caption, notes = _texts(figure_id, spec, drawing, ids, data.sources)
    caption_kind, caption_number = _caption_ref(spec)
    meta = {
        "id": figure_id,
        "title": spec["title"],
        "kind": spec["kind"],
        "doc": spec.get("doc", ""),
        "caption_kind": caption_kind,
        "caption_number": caption_number,
        "status": drawing.status,
        "reason": drawing.reason,
        "files": sorted(str(Path(p)) for p in paths.values()),
        "sources": ids,
        "caption": caption,
        "notes": notes,
        "alt": drawing.alt,
    }
    if saved:
        own = sidefiles.record(figure_id, spec["title"], caption, drawing.alt, saved, sources=ids, notes=notes)
        meta.update(png_dpi=own["png_dpi"], print=own["print"], images=own["images"])
        return sidefiles.write(files["png"], meta)
    with atomic_path(files["txt"]) as tmp:  # a table: its caption only (no image, no alt text)
        tmp.write_text(caption + "\n", encoding="utf-8")
    write_json(meta, files["json"])
    return meta


def _caption_ref(spec: dict) -> tuple[str, str]:
    """('figure', '1') from an entry's `caption: figure 1`; empty strings for the workflow's own figures."""
    if not spec.get("caption"):
        return "", ""
    kind, _, number = str(spec["caption"]).partition(" ")
    return kind.strip().lower(), number.strip()
