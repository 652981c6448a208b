"""A large raw table for timing the harmonize stage: data/raw/tables/provincial_income.csv with its real rows
first, then synthetic copies of them until the file reaches a target size.

The copies come in groups that share indicator, place, year and vintage but differ in value, so every
group is a conflict of the panel (the case that scaled badly). Within a group some rows keep the
template's decimals and some are rounded, and some take the source of another row, so all three rules
of the choice (reliability, precision, file order) occur. Each copy's source_ref gets its own suffix, as
real references name their line and cell. Deterministic: the same seed and size give the same bytes.

    python tools/synthetic_table.py OUT.csv --megabytes 20
"""

from __future__ import annotations

import argparse
import csv
import io
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "data" / "raw" / "tables" / "provincial_income.csv"
SEED = 21


def _templates(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The table's header and its rows that publish a value (rows without one cannot conflict)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = [row for row in reader if row["value"].strip()]
        return list(reader.fieldnames), rows


def _value(template: str, rng: random.Random, rounded: bool) -> str:
    """A value near the template's, with its decimals or rounded to a whole number (coarser)."""
    decimals = len(template.partition(".")[2])
    value = float(template) * (1 + rng.uniform(-0.05, 0.05))
    return f"{value:.0f}" if rounded or decimals == 0 else f"{value:.{decimals}f}"


def synthetic_groups(header: list[str], templates: list[dict[str, str]], rng: random.Random):
    """Endless groups of conflicting rows: group g copies template g mod n under release g // n."""
    number = 0
    while True:
        template = templates[number % len(templates)]
        # The release suffix keeps every group's key apart from the real rows and from other groups.
        vintage = f"{template['vintage'] or 'as published'}; synthetic release {number // len(templates)}"
        group = []
        for copy in range(rng.choice((2, 2, 3))):
            source = template if rng.random() < 0.7 else rng.choice(templates)
            row = dict(template, vintage=vintage, source_note=source["source_note"])
            row["value"] = _value(template["value"], rng, rounded=copy > 0 and rng.random() < 0.5)
            row["source_ref"] = f"{source['source_ref']} (synthetic copy {number}.{copy})"
            group.append([row[column] for column in header])
        yield group
        number += 1


def write_table(out: Path, megabytes: float, seed: int = SEED, template: Path = TEMPLATE) -> dict[str, int]:
    """Write the real rows and then synthetic groups until `megabytes` (MiB) is reached: bytes, rows, groups."""
    header, templates = _templates(template)
    target = int(megabytes * 2**20)
    rng = random.Random(seed)
    real = template.read_bytes()
    # The copies end their lines as the real rows do (the raw tables use CRLF).
    newline = "\r\n" if b"\r\n" in real else "\n"
    real += b"" if real.endswith(b"\n") else newline.encode()
    size, rows, groups = len(real), 0, 0
    with Path(out).open("wb") as handle:
        handle.write(real)
        for group in synthetic_groups(header, templates, rng):
            if size >= target:
                break
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator=newline).writerows(group)
            chunk = buffer.getvalue().encode("utf-8")
            handle.write(chunk)
            size += len(chunk)
            rows += len(group)
            groups += 1
    return {"bytes": size, "synthetic_rows": rows, "conflict_groups": groups}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="where to write the table (name it provincial_income.csv in a tables folder)")
    parser.add_argument("--megabytes", type=float, default=20, help="target size in MiB (default 20)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    stats = write_table(Path(args.out), args.megabytes, args.seed)
    print(", ".join(f"{key} {value}" for key, value in stats.items()))


if __name__ == "__main__":
    main()
