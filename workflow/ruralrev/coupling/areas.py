"""Study areas in the coupling: which indicators of each subsystem have a series there, and a row saying why D is
not computed (a study area lacks most of the indicator set, and D is never computed from a few points)."""

from __future__ import annotations

import pandas as pd

from ruralrev.coupling.system import LABELS, System
from ruralrev.years import year_runs


def availability(rows: pd.DataFrame, code: str, system: System) -> tuple[str, list[str]]:
    """('U1 (urbanization): 1 of 3 indicators have a series (gdp_per_capita_relative 2015–2016); ...', subsystems
    lacking any indicator)."""
    parts, lacking = [], []
    for subsystem, label in LABELS.items():
        found = []
        for item in system.of(subsystem):
            years = sorted(rows.loc[(rows["geo_code"] == code) & (rows["indicator"] == item.name), "year"])
            if years:
                spans = ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in year_runs(years))
                found.append(f"{item.name} {spans}")
        if len(found) < len(system.of(subsystem)):
            lacking.append(subsystem)
        parts.append(
            f"{subsystem} ({label}): {len(found)} of {len(system.of(subsystem))} indicators have a series"
            + (f" ({'; '.join(found)})" if found else "")
        )
    return "; ".join(parts), lacking


def study_area_rows(rows: pd.DataFrame, regions: list[dict], system: System, names: dict[str, str]) -> pd.DataFrame:
    """One row per study area saying which subsystem lacks data; D needs the full indicator set."""
    out = []
    for region in regions:
        code = str(region["admin_code"])
        note, lacking = availability(rows, code, system)
        verdict = (
            f"not computed: {' and '.join(lacking)} {'lack' if len(lacking) > 1 else 'lacks'} data (the full "
            "indicator set is needed); "
            if lacking
            else "not computed: a study area is not part of the provincial panel; "
        )
        out.append(
            {
                "scope": "study_area",
                "place": names.get(code, code),
                "geo_code": code,
                "year": pd.NA,
                "class": "",
                "indicators_used": "",
                "note": verdict + note,
                "sources": "",
            }
        )
    return pd.DataFrame(out)
