"""Source ids and publishers for the footer of a figure, read from data/raw/SOURCES*.md.

A source's publisher is the bracketed tag SOURCES.md gives it ("[NBS, 2021-05-11]" -> NBS) or, failing
that, the first publisher named in its description; derived rows name the sources of their inputs.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ruralrev.figures.series import INPUT
from ruralrev.files import read_text

ROW = re.compile(r"^\|\s*([A-Z]{1,2}\d{1,3})\s*\|(.*)$")
BLOCK = re.compile(r"^\*\*([A-Z]\d{2})\s+([^*]+)\*\*(.*)$")
TAG = re.compile(r"\[([^\]\d][^\],;]*)")
# Publisher named in a description, first match wins (order: specific before general).
NAMED = (
    ("leiii/census", "NBS census yearbooks (via leiii/census)"),
    ("govfund", "provincial yearbooks (via muweiabc/govfund)"),
    ("no source named", "third-party copy, no publisher named"),
    ("CEIC", "NBS (CEIC copy)"),
    ("Heilig", "NBS, China Statistical Yearbook 1998 (via IIASA)"),
    ("国家统计局", "NBS"),
    ("NBS", "NBS"),
    ("贵州省统计局", "Guizhou Statistics Bureau"),
    ("贵州省", "Guizhou Statistics Bureau"),
    ("六盘水", "Liupanshui government"),
    ("MoF", "MoF"),
    ("Xinhua", "Xinhua"),
    ("新华", "Xinhua"),
    ("China Daily", "China Daily"),
    ("人民日报", "People's Daily"),
    ("7th census", "NBS 7th census bulletin"),
    ("Wikipedia", "Wikipedia"),
    ("Baike", "Baike mirror"),
    ("Statista", "Statista"),
)


@lru_cache(maxsize=8)
def _read(paths: tuple[str, ...]) -> dict[str, str]:
    table: dict[str, str] = {}
    for path in paths:
        for line in read_text(Path(path), "source list").splitlines():
            match = ROW.match(line) or BLOCK.match(line)
            if match:
                table.setdefault(match.group(1), " ".join(match.groups()[1:]))
    return table


def source_table(raw_dir: Path) -> dict[str, str]:
    """Source id -> its SOURCES*.md row text, for every SOURCES*.md in raw_dir."""
    return _read(tuple(str(p) for p in sorted(Path(raw_dir).glob("SOURCES*.md"))))


def publisher(source_id: str, table: dict[str, str]) -> str:
    """The publisher of a source id's figures, 'publisher not named' when SOURCES.md names none."""
    text = table.get(source_id, "")
    tag = TAG.search(text)
    if tag:
        return tag.group(1).strip()
    return next((name for key, name in NAMED if key in text), "publisher not named")


def source_ids(plotted: pd.DataFrame, indicators: pd.DataFrame | None) -> list[str]:
    """Source ids behind plotted rows; a derived row contributes the sources of the raw rows it used."""
    ids: set[str] = set()
    derivations = plotted["derivation"] if "derivation" in plotted else pd.Series("", index=plotted.index)
    for source, derivation in zip(plotted["source"].astype(str), derivations.fillna("").astype(str)):
        if source != "derived":
            ids.update(part.strip() for part in re.split(r"[;,]", source) if part.strip())
            continue
        for raw_file, raw_row in INPUT.findall(derivation):
            if indicators is None:
                continue
            hit = indicators[
                (indicators["raw_file"] == raw_file)
                & (indicators["raw_row"] == int(raw_row))
                & (indicators["source"] != "derived")
            ]
            ids.update(hit["source"].astype(str))
    return sorted(i for i in ids if i and i != "nan")


def footer(ids: list[str], table: dict[str, str], extra: str = "") -> str:
    """The source line printed in the image: ids grouped by publisher."""
    by_publisher: dict[str, list[str]] = {}
    for source_id in ids:
        name = publisher(source_id, table) if source_id in table else "document"
        by_publisher.setdefault(name, []).append(source_id)
    parts = [f"{name}: {', '.join(_compact(group))}" for name, group in sorted(by_publisher.items())]
    text = "Sources (ids of data/raw/SOURCES*.md) — " + "; ".join(parts) + "."
    return f"{text} {extra}".strip()


def _compact(ids: list[str]) -> list[str]:
    """W11, W12, W13, W15 -> W11–W13, W15 (runs of one prefix)."""
    keyed = sorted(ids, key=lambda i: (re.sub(r"\d", "", i), int(re.sub(r"\D", "", i) or 0)))
    out, run = [], []
    for item in keyed + [""]:
        prefix, number = re.sub(r"\d", "", item), int(re.sub(r"\D", "", item) or -9)
        if run and prefix == re.sub(r"\d", "", run[-1]) and number == int(re.sub(r"\D", "", run[-1])) + 1:
            run.append(item)
            continue
        if run:
            out.append(run[0] if len(run) < 3 else f"{run[0]}–{run[-1]}")
            out += run[1:] if len(run) == 2 else []
        run = [item] if item else []
    return out
