"""Source ids and reliability grades: SOURCES*.md parsed into rows, and a raw row's source_ref matched to its id."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pandas as pd

URL = re.compile(r"https?://[^\s;|,)]+")
REPO = re.compile(r"\b([A-Za-z0-9][\w.-]*/[\w.-]+)")
LEADING_ID = re.compile(r"(Q\d{3}) \|")


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
        match = re.fullmatch(r"(GH\d+|W\d+|P\d+|Q\d+)", cells[0]) if line.startswith("|") else None
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
            if not URL.search(cells[1]):
                # No address in the notes (Q117): the id is known, found only by a reference that opens with it.
                rows.append({"source_id": source_id, "kind": "id", "key": "", "file": "", "reliability": grade})
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
    shared = (
        repo
        & frame.groupby("key")["source_id"].transform("nunique").gt(1)
        & frame["_file"].notna()
        & frame["_file"].ne("")
    )
    frame.loc[shared, "file"] = frame.loc[shared, "_file"]
    return frame.drop(columns="_file")


def identify_source(source_ref: str, sources: pd.DataFrame, national: bool) -> tuple[str, float]:
    """(source id, reliability) of a row's source_ref; (source_ref, 2.0) when SOURCES.md has no id for it."""
    return SourceIndex(sources).identify(source_ref, national)


class SourceIndex:
    """The SOURCES.md rows arranged for matching many references: URL entries by their text, so a
    reference's URL finds its entries through its own prefixes instead of a scan of every entry."""

    def __init__(self, sources: pd.DataFrame):
        self.by_url: dict[str, list[tuple]] = {}
        self.abbreviated: list[tuple[re.Pattern, tuple]] = []
        self.repos: list[tuple] = []
        # Entries carry their position so that ties resolve in SOURCES.md order.
        for position, entry in enumerate(sources.itertuples(index=False)):
            item = (entry, position)
            if entry.kind != "url":
                self.repos.append(item)
            elif "…" in entry.key:
                # An ellipsis in SOURCES.md abbreviates the rest of a long address.
                pattern = ".*".join(re.escape(part) for part in entry.key.split("…"))
                self.abbreviated.append((re.compile(pattern), item))
            else:
                self.by_url.setdefault(entry.key, []).append(item)
        self.lengths = sorted({len(key) for key in self.by_url})
        self.ids = {
            entry.source_id: float(entry.reliability) for entry in sources.drop_duplicates("source_id").itertuples()
        }

    def _url_hits(self, url: str) -> list[tuple]:
        hits = [item for length in self.lengths if length <= len(url) for item in self.by_url.get(url[:length], ())]
        return hits + [item for pattern, item in self.abbreviated if pattern.match(url)]

    def identify(self, source_ref: str, national: bool) -> tuple[str, float]:
        """(source id, reliability) of one source_ref; (source_ref, 2.0) when SOURCES.md has no id for it."""
        ref = str(source_ref)
        # A reference that opens with its id ("Q117 | ...") names it; used when the notes give no address to match.
        leading = LEADING_ID.match(ref)
        if leading and leading[1] in self.ids:
            return leading[1], self.ids[leading[1]]
        lowered = ref.lower()
        hits = [item for url in URL.findall(ref) for item in self._url_hits(_normal_url(url))]
        hits += [
            (entry, position)
            for entry, position in self.repos
            if entry.key and entry.key in lowered and (not entry.file or entry.file.lower() in lowered)
        ]
        if not hits:
            return ref, 2.0
        # The national part of SOURCES.md uses GH/W ids, the regional part S/P ids; a shared URL gets its part's id.
        wanted = ("GH", "W") if national else ("S", "P")
        best, _ = min(hits, key=lambda item: (not item[0].source_id.startswith(wanted), item[0].source_id, item[1]))
        return best.source_id, float(best.reliability)
