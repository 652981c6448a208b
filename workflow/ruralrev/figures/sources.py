"""Source ids behind a figure and the footer naming them, read from the source register
(data/raw/source_register.csv through ruralrev.register): each id grouped under the publisher the register
records for it, "(official)" only for a government publisher; derived rows name the sources of their inputs.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ruralrev.figures.series import INPUT
from ruralrev.register import is_official, read_register

REGISTER = "source_register.csv"
PAPER = "values stated in the paper"


@lru_cache(maxsize=4)
def _read(path: str) -> dict[str, dict]:
    return {row["source_id"]: row for row in read_register(Path(path)).to_dict("records")}


def source_table(raw_dir: Path) -> dict[str, dict]:
    """Source id -> its record in the source register of raw_dir."""
    return register_table(Path(raw_dir) / REGISTER)


def register_table(path: Path) -> dict[str, dict]:
    """Source id -> its record in the source register at `path` (data/raw/source_register.csv)."""
    return _read(str(Path(path)))


def publisher(source_id: str, table: dict[str, dict]) -> str:
    """Who published a source's figures, as the register records it: 'National Bureau of Statistics (official)';
    an id the register does not hold is one of the documents (a paper's own statement)."""
    record = table.get(source_id)
    if record is None:
        return PAPER
    name = record["publisher"] if record["publisher"] not in ("", "not stated") else "publisher not stated"
    return name + (" (official)" if is_official(record) else "")


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


def footer(ids: list[str], table: dict[str, dict], extra: str = "") -> str:
    """The source line printed in the image: ids grouped by publisher, ids as in the source register."""
    by_publisher: dict[str, list[str]] = {}
    for source_id in ids:
        by_publisher.setdefault(publisher(source_id, table), []).append(source_id)
    parts = [
        name if name == PAPER else f"{name} {', '.join(_compact(group))}"
        for name, group in sorted(by_publisher.items())
    ]
    text = "Data (ids of the source register): " + "; ".join(parts) + "."
    return f"{text} {extra}".strip()


def publishers_sentence(ids: list[str], table: dict[str, dict]) -> str:
    """The caption's last sentence: 'Data: <publisher>, <publisher>.' for the ids (a paper's own statement left
    out), each publisher by its name alone ('leiii/census', not '… (compiled from census yearbooks)': the footer
    in the image and the reference list say how each was compiled), '(official)' kept; empty if no id has one."""
    names = sorted({_short(publisher(i, table)) for i in ids} - {PAPER})
    return f"Data: {', '.join(names)}." if names else ""


# a trailing description in brackets of a publisher's name, other than the word that makes a figure official
DESCRIPTION = re.compile(r"\s*\((?!official\))[^()]*\)")


def _short(name: str) -> str:
    """'huhuaping/techme R package (compiled from China Statistics Press yearbooks)' -> 'huhuaping/techme R package'."""
    return DESCRIPTION.sub("", name).strip()


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
