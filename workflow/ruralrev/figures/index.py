"""reports/figures/index.csv: one row per caption of the documents and per figure of the workflow's own.

A caption joins the registry entry whose `doc` and `caption` name it; a caption no entry names is
`not_rebuildable` with the entry-less reason. An `external` entry (drawn by another stage) is `rebuilt`
when its file is among the inputs, else `partial` with the entry's `pending` reason; one with `rebuildable:
false` (the document's figure is not in the corpus) is `not_rebuildable` with its `reason`, whatever is drawn.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

INDEX_COLUMNS = ["id", "title", "doc", "caption_kind", "caption_number", "status", "reason", "files", "sources"]
NO_ENTRY = "no entry in config `figures` rebuilds it"


def _external(figure_id: str, spec: dict, present: set[str]) -> dict:
    files = [str(f) for f in spec.get("files", [])]
    done = bool(files) and all(f in present for f in files)
    kind, _, number = str(spec.get("caption", "")).partition(" ")
    entry = {
        "id": figure_id,
        "title": spec["title"],
        "doc": spec.get("doc", ""),
        "caption_kind": kind,
        "caption_number": number,
    }
    if spec.get("rebuildable") is False:  # the document's figure is not in the corpus: nothing stands in for it
        reason = spec.get("reason", "not rebuildable: the document's figure is not in the corpus")
        return {**entry, "status": "not_rebuildable", "reason": reason, "files": [], "sources": []}
    pending = spec.get("pending", "drawn by another stage, not built yet")
    return {
        **entry,
        "status": "rebuilt" if done else "partial",
        "reason": spec.get("done_reason", "") if done else pending,
        "files": files if done else [],
        "sources": [],
    }


def build_index(
    captions: pd.DataFrame, metas: list[dict], registry: dict[str, dict], present: set[str]
) -> pd.DataFrame:
    """The index rows: every caption (joined to its entry) and every entry without a caption."""
    records = list(metas) + [
        _external(fid, spec, present) for fid, spec in sorted(registry.items()) if spec["kind"] == "external"
    ]
    by_caption = {(r["doc"], r["caption_kind"], str(r["caption_number"])): r for r in records if r["doc"]}
    rows = []
    for cap in captions.sort_values(["doc", "kind", "number"]).itertuples():
        record = by_caption.get((cap.doc, cap.kind, str(cap.number)))
        if record is None:
            record = {
                "id": f"{cap.doc}_{cap.kind}_{cap.number}",
                "title": cap.caption,
                "doc": cap.doc,
                "caption_kind": cap.kind,
                "caption_number": str(cap.number),
                "status": "not_rebuildable",
                "reason": NO_ENTRY,
                "files": [],
                "sources": [],
            }
        rows.append(record)
    captioned = {(r["doc"], r["caption_kind"], str(r["caption_number"])) for r in rows}
    rows += [r for r in records if (r["doc"], r["caption_kind"], str(r["caption_number"])) not in captioned]
    frame = pd.DataFrame([{c: r[c] for c in INDEX_COLUMNS} for r in rows], columns=INDEX_COLUMNS)
    for column in ("files", "sources"):
        frame[column] = frame[column].map(lambda items: "; ".join(items))
    frame["caption_number"] = frame["caption_number"].astype(str)
    own = frame["doc"] == ""
    return pd.concat(
        [frame[~own].sort_values(["doc", "caption_kind", "caption_number"]), frame[own].sort_values("id")],
        ignore_index=True,
    )


def read_metas(paths: list[Path]) -> list[dict]:
    """The <id>.json records the render step wrote."""
    return [json.loads(Path(p).read_text(encoding="utf-8")) for p in sorted(map(str, paths))]
