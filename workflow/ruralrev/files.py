"""Deterministic, atomic writers: a failed step never leaves a half-written output behind."""

from __future__ import annotations

import errno
import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ruralrev.errors import UserError

if TYPE_CHECKING:  # imported where used: the notebook step writes files with atomic_path and no pandas (0.3 s)
    import pandas as pd

# OSErrors a user fixes by freeing space or fixing permissions: said in one line, never a traceback.
_WRITE_FAILURES = {
    errno.ENOSPC: "no space left on the device; free space there (or point the run at another disk) and rerun",
    errno.EDQUOT: "disk quota exceeded; free space there and rerun",
    errno.EROFS: "the file system is read-only; make it writable (or run from a writable copy) and rerun",
    errno.EACCES: "permission denied; make the folder writable for this user and rerun",
    errno.EPERM: "permission denied; make the folder writable for this user and rerun",
}


def write_failure(exc: OSError, folder: Path) -> UserError:
    """A disk-full or read-only failure while writing into `folder`, as one line naming the folder."""
    return UserError(f"{folder}: cannot write: {_WRITE_FAILURES[exc.errno]}")


def _remove_stale_temporaries(path: Path) -> None:
    """Temporary siblings of `path` left by a run that was killed before it could clean up (a hard kill skips
    every `finally`). Only one job writes a given output at a time, so any such file is stale."""
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        stale.unlink(missing_ok=True)


@contextmanager
def atomic_path(path: Path):
    """Yield a temporary path next to `path`; rename it into place only if the block succeeds."""
    path = Path(path)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temporaries(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        yield Path(tmp)
        # mkstemp creates 0600 files; give outputs the usual permissions of a new file.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as exc:
        if exc.errno in _WRITE_FAILURES:
            raise write_failure(exc, path.parent) from None
        raise
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.remove(tmp)


# A text cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    """True for text a spreadsheet would run as a formula: it starts with =, +, -, @, tab or carriage return
    and is not a number; a lone `+` or `-` (a direction) is data."""
    if not isinstance(text, str) or not text.startswith(FORMULA_START) or text in ("+", "-"):
        return False
    try:
        float(text)
    except ValueError:
        return True
    return False


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with formula-like text cells prefixed by an apostrophe (OWASP's advice for CSV injection);
    numbers and everything else unchanged."""
    from pandas.api.types import is_string_dtype

    out = frame
    for column in frame.columns:
        if frame[column].dtype == object or is_string_dtype(frame[column].dtype):
            risky = frame[column].map(is_formula_like).astype(bool)
            if risky.any():
                if out is frame:
                    out = frame.copy()
                out[column] = frame[column].where(~risky, "'" + frame[column].astype(str))
    return out


def refuse_formulas(frame: pd.DataFrame, file_name: str) -> None:
    """UserError for the first cell (in row order) that a spreadsheet would run as a formula (=, +, -, @, tab or
    carriage return in front of text that is not a number): a raw table never needs one, and a cell like
    `=HYPERLINK(...)` would pass on to every CSV built from it."""
    first = None
    for column in frame.columns:
        values = frame[column]
        candidates = values[values.str.startswith(FORMULA_START, na=False)]
        risky = candidates[candidates.map(is_formula_like).astype(bool)]
        if len(risky) and (first is None or risky.index[0] < first[0]):
            first = (risky.index[0], column, risky.iloc[0])
    if first is not None:
        index, column, value = first
        raise UserError(
            f"{file_name}: data row {int(index) + 1}, column {column!r}: {value[:40]!r} starts like a spreadsheet "
            "formula; a raw table holds values, not formulas: restore the file from its source"
        )


def write_csv(frame: pd.DataFrame, path: Path, published: bool | None = None) -> None:
    """CSV with UTF-8, LF line ends, no index; floats in shortest round-trip form. A CSV published for readers
    (by default: one under a `reports` folder) is made safe to open in a spreadsheet (spreadsheet_safe)."""
    if published if published is not None else "reports" in Path(path).parts:
        frame = spreadsheet_safe(frame)
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


def read_text(path: Path, what: str = "file") -> str:
    """A text file the workflow reads (metadata, SOURCES*.md, config), as UTF-8; a missing or undecodable file
    is one UserError line naming it and saying how to fix it."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}: {what} not found; restore it (git checkout) or fix the path") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder, expected a {what}; fix the path") from None
    if b"\x00" in data:
        raise UserError(f"{path}: is not UTF-8 text (it contains NUL bytes); save the {what} as UTF-8 text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UserError(
            f"{path} line {line}: not UTF-8 (byte 0x{data[exc.start]:02x}; GBK or GB18030?); re-save the {what} "
            "as UTF-8 (e.g. `iconv -f GB18030 -t UTF-8`) and accept it with `ruralrev manifest --update`"
        ) from None


def read_yaml_file(path: Path, what: str = "YAML file"):
    """A YAML file parsed safely; undecodable text or a syntax error is one UserError line naming the file and
    the line."""
    import yaml

    text = read_text(path, what)
    try:
        return read_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "syntax error"
        raise UserError(f"{path}{where}: not valid YAML ({problem}); fix the {what}") from None


def package_data(name: str) -> Path:
    """Path of a data file shipped inside the package (ruralrev/data/<name>), wherever it is installed."""
    from importlib.resources import files

    return Path(str(files("ruralrev") / "data" / name))


def read_yaml(text: str):
    """YAML parsed safely, with libyaml's C parser where installed (the workflow reads its manifest and
    config schema at every start: ten times faster than the pure-Python parser)."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
