"""Deterministic, atomic writers: a failed step never leaves a half-written output behind."""

from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd


@contextmanager
def atomic_path(path: Path):
    """Yield a temporary path next to `path`; rename it into place only if the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        # mkstemp creates 0600 files; give outputs the usual permissions of a new file.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """CSV with UTF-8, LF line ends, no index; floats in shortest round-trip form."""
    with atomic_path(path) as tmp:
        frame.to_csv(tmp, index=False, lineterminator="\n", encoding="utf-8")


def write_parquet(frame: pd.DataFrame, path: Path) -> None:
    """Parquet without the index."""
    with atomic_path(path) as tmp:
        frame.to_parquet(tmp, index=False)


def write_json(data, path: Path) -> None:
    """Pretty JSON with sorted keys and a final newline."""
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def package_data(name: str) -> Path:
    """Path of a data file shipped inside the package (ruralrev/data/<name>), wherever it is installed."""
    from importlib.resources import files

    return Path(str(files("ruralrev") / "data" / name))


def read_yaml(text: str):
    """YAML parsed safely, with libyaml's C parser where installed (the workflow reads its manifest and
    config schema at every start: ten times faster than the pure-Python parser)."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
