"""Scores the claim extractor against annotated gold sets: value+unit accuracy, year accuracy,
share of non-claim numbers reported as claims, precision (and qualifier, place, indicator).

`python -m claims_eval` prints the scores of tests/data/claims_gold.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

import yaml

from ruralrev.extract.claims import extract_claims
from ruralrev.extract.places import canonical
from ruralrev.extract.reading import read_document

PROJECT_ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = PROJECT_ROOT / "tests" / "data" / "claims_gold"
DOCUMENTS_DIR = PROJECT_ROOT / "data" / "raw" / "documents"
NUMBER_TOKEN = re.compile(r"\d+(?:[.,]\d+)*")


def locate_claim(text: str, claim: dict) -> tuple[int, int]:
    """Span of a gold claim's `text` (its `occurrence`-th appearance, 1-based) in the document."""
    pattern = rf"(?<!\d)(?<!\d[.,]){re.escape(claim['text'])}" + (
        r"(?!\d|[.,]\d)" if claim["text"][-1:].isdigit() else ""
    )
    starts = [m.start() for m in re.finditer(pattern, text)]
    occurrence = int(claim.get("occurrence", 1))
    if len(starts) < occurrence:
        raise ValueError(f"gold claim {claim['text']!r} (occurrence {occurrence}) is not in the text")
    return starts[occurrence - 1], starts[occurrence - 1] + len(claim["text"])


def nonclaim_spans(text: str, nonclaims: list[str], claim_spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every occurrence of each non-claim number outside the gold claims' spans."""
    spans = set()
    for token in nonclaims:
        if token[:1].isdigit():
            pattern = rf"(?<!\d)(?<!\d[.,]){re.escape(token)}(?!\d|[.,]\d)"
        else:
            pattern = rf"(?<![A-Za-z0-9]){re.escape(token)}(?![A-Za-z0-9])"
        for match in re.finditer(pattern, text, flags=0 if token[:1].isdigit() else re.I):
            if not any(a < match.end() and match.start() < b for a, b in claim_spans):
                spans.add((match.start(), match.end()))
    return sorted(spans)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _same_value(predicted, expected) -> bool:
    return predicted is not None and abs(float(predicted) - float(expected)) <= 1e-9 * max(abs(float(expected)), 1e-12)


def evaluate(gold_sets: list[dict]) -> dict:
    """Scores over gold items (dicts with doc, text, claims, nonclaims and optional focus_places)."""
    counts = dict.fromkeys(
        [
            "claims",
            "found",
            "value_unit",
            "with_year",
            "year",
            "qualifier",
            "place",
            "with_indicator",
            "indicator",
            "year_spurious",
            "nonclaims",
            "nonclaims_reported",
            "predicted",
            "predicted_true",
        ],
        0,
    )
    errors, seconds = [], 0.0
    for item in gold_sets:
        started = time.perf_counter()
        predicted = extract_claims(item["doc"], item["text"], item.get("focus_places"))
        seconds += time.perf_counter() - started
        spans = [locate_claim(item["text"], claim) for claim in item["claims"]]
        for claim, span in zip(item["claims"], spans):
            match = next((p for p in predicted if _overlaps((p["start"], p["end"]), span)), None)
            counts["claims"] += 1
            counts["found"] += match is not None
            ok = (
                match is not None and _same_value(match["value"], claim["value"]) and match["unit"] == claim.get("unit")
            )
            counts["value_unit"] += ok
            if claim.get("year") is not None:
                counts["with_year"] += 1
                counts["year"] += match is not None and match["year"] == claim["year"]
            elif match is not None and match["year"] is not None:
                counts["year_spurious"] += 1
            counts["qualifier"] += match is not None and match["qualifier"] == claim.get("qualifier")
            # places compared by the gazetteer's name: a Chinese gold place (六盘水市, 貴州) is the English one
            counts["place"] += match is not None and (
                "place" not in claim or match["place"] == (canonical(claim["place"]) if claim["place"] else None)
            )
            if claim.get("indicator") is not None:
                counts["with_indicator"] += 1
                counts["indicator"] += match is not None and match["indicator"] == claim["indicator"]
            got = {k: match[k] for k in ("value", "unit", "year", "qualifier")} if match else None
            want = {k: claim.get(k) for k in ("value", "unit", "year", "qualifier")}
            if got != want:
                errors.append(f"{item['doc']}: {claim['text']!r} expected {want}, got {got}")
        for span in nonclaim_spans(item["text"], item.get("nonclaims", []), spans):
            counts["nonclaims"] += 1
            reported = [p for p in predicted if _overlaps((p["start"], p["end"]), span)]
            counts["nonclaims_reported"] += bool(reported)
            if reported:
                errors.append(
                    f"{item['doc']}: non-claim {item['text'][span[0] : span[1]]!r} reported as {reported[0]['text']!r}"
                )
        counts["predicted"] += len(predicted)
        counts["predicted_true"] += sum(any(_overlaps((p["start"], p["end"]), s) for s in spans) for p in predicted)

    def share(numerator: str, denominator: str) -> float | None:
        return counts[numerator] / counts[denominator] if counts[denominator] else None

    return {
        **counts,
        "value_unit_accuracy": share("value_unit", "claims"),
        "year_accuracy": share("year", "with_year"),
        "qualifier_accuracy": share("qualifier", "claims"),
        "place_accuracy": share("place", "claims"),
        "indicator_accuracy": share("indicator", "with_indicator"),
        "nonclaims_reported_share": share("nonclaims_reported", "nonclaims"),
        "precision": share("predicted_true", "predicted"),
        "seconds": seconds,
        "errors": errors,
    }


def load_gold_sets(gold_dir: Path = GOLD_DIR, documents_dir: Path = DOCUMENTS_DIR) -> dict[str, list[dict]]:
    """Gold items by set name: `documents` (the raw documents) and one set per sentences_*.yaml."""
    metadata_path = documents_dir / "documents.yaml"
    metadata = yaml.safe_load(metadata_path.read_text(encoding="utf-8")) if metadata_path.exists() else {}
    focus = {d["id"]: d.get("focus_places") for d in (metadata or {}).get("documents", [])}
    sets: dict[str, list[dict]] = {"documents": []}
    for path in sorted((gold_dir / "documents").glob("*.yaml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        text_path = documents_dir / f"{gold['doc']}.txt"
        text = read_document(text_path if text_path.exists() else text_path.with_suffix(".pdf"))
        sets["documents"].append({**gold, "text": text, "focus_places": focus.get(gold["doc"])})
    for path in sorted(gold_dir.glob("sentences_*.yaml")):
        items = yaml.safe_load(path.read_text(encoding="utf-8"))
        sets[path.stem.removeprefix("sentences_")] = [{"doc": item["id"], **item} for item in items]
    return sets


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m claims_eval", description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD_DIR, help="folder of the gold sets")
    parser.add_argument("--documents", type=Path, default=DOCUMENTS_DIR, help="folder of the raw documents")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    header = (
        f"{'set':<10} {'items':>5} {'claims':>6} {'value+unit':>10} {'year':>7} {'qualifier':>9} "
        f"{'non-claims reported':>19} {'precision':>9} {'ms':>6}"
    )
    print(header)
    for name, items in load_gold_sets(args.gold, args.documents).items():
        scores = evaluate(items)
        reported = (
            f"{scores['nonclaims_reported']}/{scores['nonclaims']} {_percent(scores['nonclaims_reported_share'])}"
        )
        print(
            f"{name:<10} {len(items):>5} {scores['claims']:>6} {_percent(scores['value_unit_accuracy']):>10} "
            f"{_percent(scores['year_accuracy']):>7} {_percent(scores['qualifier_accuracy']):>9} {reported:>19} "
            f"{_percent(scores['precision']):>9} {1000 * scores['seconds']:>6.0f}"
        )
        if args.verbose:
            for error in scores["errors"]:
                print(f"    {error}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
