"""Study areas in the coupling: which indicators of each subsystem have a series there, and a row saying
why D is not computed (a study area has no comparison sample of its own and too few indicators)."""

from __future__ import annotations

import pandas as pd

from ruralrev.coupling.model import SUBSYSTEMS, Spec
from ruralrev.years import year_runs


def availability(rows: pd.DataFrame, code: str, spec: Spec) -> str:
    """Which indicators of each subsystem have a series for one place, e.g. 'U1: gdp_per_capita 2015–2016'."""
    parts = []
    for subsystem in SUBSYSTEMS:
        found = []
        for name in spec.of(subsystem):
            years = sorted(rows.loc[(rows["geo_code"] == code) & (rows["indicator"] == name), "year"])
            if years:
                spans = ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in year_runs(years))
                found.append(f"{name} {spans}")
        label = "urbanization" if subsystem == "U1" else "rural revitalization"
        parts.append(
            f"{subsystem} ({label}): {len(found)} of {len(spec.of(subsystem))} indicators have a series"
            + (f" ({'; '.join(found)})" if found else "")
        )
    return "; ".join(parts)


def study_area_rows(rows: pd.DataFrame, regions: list[dict], spec: Spec, names: dict[str, str]) -> pd.DataFrame:
    """One row per study area saying which subsystem lacks data; D is never computed from a few points."""
    out = []
    for region in regions:
        code = str(region["admin_code"])
        note = availability(rows, code, spec)
        lacking = [
            s
            for s in SUBSYSTEMS
            if sum(((rows["geo_code"] == code) & (rows["indicator"] == n)).any() for n in spec.of(s))
            < spec.min_indicators
        ]
        verdict = (
            f"not computed: {' and '.join(lacking)} {'lack' if len(lacking) > 1 else 'lacks'} data "
            f"(fewer than min_indicators "
            f"{spec.min_indicators} indicators with any annual or year-end series); "
            if lacking
            else "not computed: a study area has no comparison sample of its own; "
        )
        out.append(
            {
                "scope": "study_area",
                "place": names.get(code, code),
                "geo_code": code,
                "year": pd.NA,
                "class": "",
                "indicators_used": "",
                "left_out": "",
                "note": verdict + note,
                "sources": "",
            }
        )
    return pd.DataFrame(out)
