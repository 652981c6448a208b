"""Source ids and reliability grades: SOURCES*.md parsed into rows, and a raw row's source_ref matched to its id."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pandas as pd

URL = re.compile(r"https?://[^\s;|,)]+")
REPO = re.compile(r"\b([A-Za-z0-9][\w.-]*/[\w.-]+)")


GRADES = [
    (r"medium-low|low-medium", 1.5),
    (r"medium-high", 3.0),
    (r"\bhigh\b", 4.0),
    (r"\bofficial\b", 4.0),
    (r"\bgood\b", 3.0),
    (r"\bmedium\b", 2.0),
    (r"\blow\b", 1.0),
]


def reliability_score(text: str) -> float:
    """A number for a SOURCES.md reliability grade: official/high 4, medium-high/good 3, medium 2, low 1.

    The first grade word in the text counts ("Low (disagrees by 1 with official)" is low).
    """
    text = str(text).lower()
    found = [(m.start(), -len(m.group(0)), score) for pattern, score in GRADES for m in re.finditer(pattern, text)]
    return min(found)[2] if found else 2.0


def _normal_url(url: str) -> str:
    url = unquote(url).strip().rstrip("/.'\"")
    return re.sub(r"^https?://", "", url).lower()


def parse_sources(markdown: str) -> pd.DataFrame:
    """SOURCES.md as rows: source_id, kind (url|repo), key (normalized URL or repo), file, reliability."""
    rows: list[dict] = []
    last_repo = ""
    for line in markdown.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        match = re.fullmatch(r"(GH\d+|W\d+|P\d+)", cells[0]) if line.startswith("|") else None
        if not match:
            continue
        source_id, grade = cells[0], reliability_score(cells[-1])
        if source_id.startswith("GH"):
            repo = last_repo if cells[1].startswith("same repo") else (REPO.search(cells[1]) or [""])[0]
            last_repo = repo
            file_match = re.search(r"`([^`]+)`", cells[1])
            rows.append(
                {
                    "source_id": source_id,
                    "kind": "repo",
                    "key": repo.lower(),
                    "file": file_match.group(1).split("/")[-1] if file_match else "",
                    "reliability": grade,
                }
            )
        elif not URL.search(cells[1]) and REPO.search(cells[1].replace("`", " ")):
            # A W/P id whose source is a GitHub repository (SOURCES_provincial_additions.md P100-P103).
            repo = REPO.search(cells[1].replace("`", " ")).group(1)
            files = [f.split("/")[-1] for f in re.findall(r"`([^`]+\.\w{2,5})`", cells[1]) if f != repo]
            rows.append(
                {
                    "source_id": source_id,
                    "kind": "repo",
                    "key": repo.lower(),
                    "file": "",
                    "reliability": grade,
                    "_file": files[0] if files else "",
                }
            )
        else:
            for url in URL.findall(cells[1]):
                rows.append(
                    {"source_id": source_id, "kind": "url", "key": _normal_url(url), "file": "", "reliability": grade}
                )
    for match in re.finditer(r"\*\*(S\d\d) ([\w.-]+/[\w.-]+)\*\*(.*?)(?=\*\*S\d\d |\Z)", markdown, re.S):
        grade_text = re.search(r"Reliability:([^\n]*)", match.group(3))
        rows.append(
            {
                "source_id": match.group(1),
                "kind": "repo",
                "key": match.group(2).lower(),
                "file": "",
                "reliability": reliability_score(grade_text.group(1) if grade_text else ""),
            }
        )
    return pd.DataFrame(rows, columns=["source_id", "kind", "key", "file", "reliability", "_file"])


def parse_all_sources(markdowns: list[str]) -> pd.DataFrame:
    """Every SOURCES*.md parsed into one table. Ids that share a repository across the files (P102 and P132)
    are told apart by the file each names; an id alone in its repository matches any of its files."""
    frame = pd.concat([parse_sources(text) for text in markdowns], ignore_index=True)
    repo = frame["kind"] == "repo"
    shared = repo & frame.groupby("key")["source_id"].transform("nunique").gt(1) & frame["_file"].fillna("").ne("")
    frame.loc[shared, "file"] = frame.loc[shared, "_file"]
    return frame.drop(columns="_file")


def _url_matches(entry: str, url: str) -> bool:
    # An ellipsis in SOURCES.md abbreviates the rest of a long address.
    if "…" in entry:
        pattern = ".*".join(re.escape(part) for part in entry.split("…"))
        return re.match(pattern, url) is not None
    return url == entry or url.startswith(entry)


def identify_source(source_ref: str, sources: pd.DataFrame, national: bool) -> tuple[str, float]:
    """(source id, reliability) of a row's source_ref; (source_ref, 2.0) when SOURCES.md has no id for it."""
    ref = str(source_ref)
    lowered = ref.lower()
    urls = [_normal_url(u) for u in URL.findall(ref)]
    hits = []
    for entry in sources.itertuples(index=False):
        if entry.kind == "url":
            found = any(_url_matches(entry.key, url) for url in urls)
        else:
            found = bool(entry.key) and entry.key in lowered and (not entry.file or entry.file.lower() in lowered)
        if found:
            hits.append(entry)
    if not hits:
        return ref, 2.0
    # The national part of SOURCES.md uses GH/W ids, the regional part S/P ids; a shared URL gets its part's id.
    wanted = ("GH", "W") if national else ("S", "P")
    hits.sort(key=lambda e: (not e.source_id.startswith(wanted), e.source_id))
    return hits[0].source_id, float(hits[0].reliability)
