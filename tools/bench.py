"""`make bench` (python tools/bench.py): claim extraction speed and scores, a cold full workflow run, a no-op rerun.

Speed is measured here, never asserted in a test.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "workflow"), str(ROOT / "tools")]
from tests.helpers import copy_project  # noqa: E402


def time_extraction(repeats: int = 5) -> float:
    """Best wall time (s) of extracting claims and structure from all raw documents in-process."""
    from ruralrev.extract import corpus as extract

    documents = ROOT / "data" / "raw" / "documents"
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        extract.extract_paths([documents])
        best = min(best, time.perf_counter() - start)
    return best


def time_workflow() -> tuple[float, float, list[tuple[str, float]]]:
    """Cold full run and no-op rerun of `snakemake -c2` in a scratch copy; per-rule seconds."""
    with tempfile.TemporaryDirectory() as scratch:
        project = copy_project(Path(scratch))
        command = [sys.executable, "-m", "snakemake", "--cores", "2", "--quiet", "all"]
        start = time.perf_counter()
        subprocess.run(command, cwd=project, check=True, capture_output=True)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run(command, cwd=project, check=True, capture_output=True)
        noop = time.perf_counter() - start
        rules = []
        for tsv in sorted((project / "benchmarks").glob("*.tsv")):
            lines = tsv.read_text().splitlines()
            rules.append((tsv.stem, float(lines[1].split("\t")[0])))
    return cold, noop, rules


def main() -> None:
    import claims_eval

    print(f"claim extraction, all documents in-process (best of 5): {time_extraction():.3f} s")
    print("claim extraction scores on tests/data/claims_gold:")
    claims_eval.main()
    cold, noop, rules = time_workflow()
    print(f"cold full run (snakemake -c2 all, scratch copy): {cold:.1f} s")
    print(f"no-op rerun: {noop:.1f} s")
    print("per job (s):")
    for name, seconds in rules:
        print(f"  {name:45s} {seconds:7.2f}")


if __name__ == "__main__":
    main()
