"""Runs of consecutive years: shared by the aggregate claim checks and the figures."""

from __future__ import annotations


def year_runs(years: list[int]) -> list[list[int]]:
    """Consecutive years grouped: [2010, 2011, 2020] -> [[2010, 2011], [2020]]; a line never bridges a gap."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return runs
