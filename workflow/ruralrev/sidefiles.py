"""The text files beside every figure and map (reports/figures/, reports/maps/), one layout for all stages.

For a figure written as <stem>.png (and <stem>.svg unless it is offered as a raster only):

- <stem>.txt      the caption: at most CAPTION_MAX characters (three lines of about 120 characters across the page)
                  saying what to see and where the data come from; no title, no alt text. UTF-8, one paragraph.
- <stem>.alt.txt  the alt text, for the HTML `alt` attribute only (never printed). UTF-8, one paragraph.
- <stem>.json     everything at once: id, title, caption, notes (what the caption leaves out: gaps, revisions,
                  the numbers behind it), alt, sources (source register ids), images {png, svg or null}, png_dpi,
                  print {print_width full|half|wide, width_mm, height_mm, smallest_font_pt}. A registry figure's
                  <id>.json also carries the index keys (kind, doc, caption_kind, caption_number, status, reason).

The report prints "Figure N. <title>" and the .txt caption, puts the .alt.txt text in `alt`, and embeds the SVG
when `images.svg` is not null, else the PNG (RASTER_DPI) at `print.width_mm`.
"""

from __future__ import annotations

import re
from pathlib import Path

from ruralrev.files import atomic_path, write_json

CAPTION_MAX = 360
# a sentence ends at '.' or ';' before a capital, a bracket or a figure ("… 7 LL. 2023: …"), not in "No. 1"
SENTENCE = re.compile(r"(?<=[.;])(?<!\bNo\.)\s+(?=[A-Z(0-9])")


def split_caption(text: str, tail: str = "", limit: int = CAPTION_MAX) -> tuple[str, str]:
    """(caption, notes): the text's leading sentences that fit within `limit` together with `tail` (the sentence
    naming the sources), and the sentences left over."""
    sentences = [s for s in SENTENCE.split(" ".join(text.split())) if s]
    kept: list[str] = []
    room = limit - len(tail) - (1 if tail else 0)
    while sentences and len(" ".join([*kept, sentences[0]])) <= room:
        kept.append(sentences.pop(0))
    if not kept and sentences:  # one long first sentence: cut at a word, say it goes on in the notes
        words, first = sentences[0].split(), ""
        while words and len(f"{first} {words[0]} …") <= room:
            first = f"{first} {words.pop(0)}".strip()
        kept, sentences = [first + " …"], [" ".join(words)] + sentences[1:]
    caption = " ".join([*kept, tail]).strip()
    return caption, " ".join(sentences)


def write(png: Path, meta: dict) -> dict:
    """Write <stem>.txt, <stem>.alt.txt and <stem>.json beside `png` from `meta` (keys as the module says);
    returns the meta written."""
    png = Path(png)
    if len(meta["caption"]) > CAPTION_MAX:
        raise ValueError(f"{png.stem}: caption of {len(meta['caption'])} characters (at most {CAPTION_MAX})")
    for suffix, key in ((".txt", "caption"), (".alt.txt", "alt")):
        with atomic_path(png.with_name(png.stem + suffix)) as tmp:
            tmp.write_text(meta[key].strip() + "\n", encoding="utf-8")
    write_json(meta, png.with_suffix(".json"))
    return meta


def record(stem: str, title: str, caption: str, alt: str, saved: dict, *, sources=(), notes: str = "") -> dict:
    """The json record of a figure saved by plotstyle.save (its return value `saved`)."""
    return {
        "id": stem,
        "title": title,
        "caption": caption,
        "notes": notes,
        "alt": alt,
        "sources": sorted(sources),
        "images": {kind: (Path(saved[kind]).name if saved.get(kind) else None) for kind in ("png", "svg")},
        "png_dpi": saved["png_dpi"],
        "print": saved["print"],
    }
