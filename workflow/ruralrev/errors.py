"""The one exception type for mistakes a user can make and fix (bad config, bad raw file)."""


class UserError(Exception):
    """An input problem the user can fix; the CLI prints its message as one line, no traceback.

    The message names the file, key or row and says what to do.
    """


ERROR_MARK = "ruralrev: error:"


def error_lines(log_dir, since: float) -> list[str]:
    """The `ruralrev: error:` lines of job logs under `log_dir` written at or after `since` (a time stamp),
    once each, in log order: what the workflow's error handler repeats at the end of a failed run."""
    from pathlib import Path

    lines: list[str] = []
    logs = [p for p in Path(log_dir).rglob("*.log") if p.is_file() and p.stat().st_mtime >= since]
    for path in sorted(logs, key=lambda p: (p.stat().st_mtime, str(p))):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if ERROR_MARK in line:
                found = line[line.index(ERROR_MARK) :].strip()
                if found not in lines:
                    lines.append(found)
    return lines
