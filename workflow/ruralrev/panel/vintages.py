"""Sources, vintages and the choice of one preferred figure: source ids and grades from SOURCES.md,
the vintage preference, the `preferred` flag and the conflicts table.

Choice rule, per (indicator, geo_code, year, definition): (1) the vintage listed first in the
preference (case-insensitive substrings of the vintage text); a vintage the list does not name ranks
after the named ones but before the explicitly low ones (`LOW_VINTAGES`: secondary copies, old bases,
the 1998 yearbook), so an unlisted official release never loses to a listed secondary copy; a
publisher's own estimate (预计) ranks after every release and derived rows come last; (2) the
higher source reliability as graded in SOURCES.md; (3) the more precise value (finer last digit
in base units); (4) the first row in file order. Values are never averaged.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# Latest official revision first. Keys are panel indicator names or "default".
DEFAULT_VINTAGE_PREFERENCE: dict[str, list[str]] = {
    "default": [
        "revised after 7th census",
        "current nbs series",
        "census count",
        "census yearbook",
        "integrated household survey",
        "yearbook series",
        "mof",
        "nbs",
        "official declaration",
        "state council",
        "as first published",
        "as published",
        "original",
        "xinhua",
        "china daily",
        "secondary",
        "old",
        "1998",
    ]
}

# Entries of a preference list that mark a low vintage: unlisted vintages rank above these.
LOW_VINTAGES = ("secondary", "old", "1998")
# A data-portal export as one repository retrieved it (P132): a vintage of its own whose years before 2020 may
# or may not carry the later revision, so it ranks after every named vintage and only covers years that no
# release or yearbook series has.
LAST_RESORT_VINTAGES = ("export as retrieved",)
# A figure the publisher itself calls an estimate (预计, e.g. a work report given before the year's accounts are
# closed) ranks after every release, whatever the preference list: it never wins over a published actual.
ESTIMATE_VINTAGES = ("预计",)

DERIVED = "derived"
CONFLICT_COLUMNS = [
    "indicator",
    "geo_code",
    "year",
    "definition",
    "vintage",
    "value",
    "unit",
    "source",
    "reliability",
    "raw_file",
    "raw_row",
    "chosen",
    "preferred",
    "rule",
]


def listed_position(text: str, order: list[str]) -> int | None:
    """Index of the first preference entry found in a vintage text; None when the list names none."""
    lowered = str(text).lower()
    return next((i for i, s in enumerate(order) if s.lower() in lowered), None)


def rank_of(text: str, order: list[str]) -> float:
    """Rank of one vintage under one preference list (lower = preferred)."""
    if str(text).lower().startswith(DERIVED):
        return len(order) + 1.0
    if any(marker in str(text).lower() for marker in ESTIMATE_VINTAGES):
        return len(order) + 0.75
    if any(marker in str(text).lower() for marker in LAST_RESORT_VINTAGES):
        return len(order) + 0.5
    position = listed_position(text, order)
    if position is not None:
        return float(position)
    low = [i for i, s in enumerate(order) if s.lower() in LOW_VINTAGES]
    # Unlisted: just above the first explicitly low entry (or after the whole list if it has none).
    return (min(low) if low else len(order)) - 0.5


def preference_order(name: str, preference: dict[str, list[str]]) -> list[str]:
    """The preference list that applies to one panel indicator."""
    return list(preference.get(name, preference.get("default", [])))


def vintage_rank(vintage: pd.Series, indicator: pd.Series, preference: dict[str, list[str]]) -> pd.Series:
    """Rank of each row's vintage under its indicator's preference list (lower = preferred)."""
    pairs = {pair: rank_of(pair[0], preference_order(pair[1], preference)) for pair in set(zip(vintage, indicator))}
    return pd.Series([pairs[pair] for pair in zip(vintage, indicator)], index=vintage.index, dtype="float64")


KEY = ["indicator", "geo_code", "year", "definition"]


def choose_preferred(panel: pd.DataFrame, preference: dict[str, list[str]]) -> pd.DataFrame:
    """The panel with `preferred` set: exactly one True per (indicator, geo_code, year, definition)."""
    ordered = panel.assign(
        _rank=vintage_rank(panel["vintage"], panel["indicator"], preference),
        _neg_reliability=-panel["reliability"],
        _year=panel["year"].fillna(-1),
        _raw_row=panel["raw_row"].fillna(0),
    ).sort_values(
        [
            "indicator",
            "geo_code",
            "_year",
            "definition",
            "_rank",
            "_neg_reliability",
            "resolution",
            "raw_file",
            "_raw_row",
        ],
        kind="stable",
    )
    first = ~ordered.duplicated(["indicator", "geo_code", "_year", "definition"])
    out = panel.copy()
    out["preferred"] = first.reindex(panel.index)
    return out


# Within one conflict: the more reliable source, then the finer value, then file order.
CONFLICT_ORDER = {"reliability": False, "resolution": True, "raw_file": True, "_raw_row": True}
PRECISION_RULE = "more precise value (finer last digit) at equal reliability"
ORDER_RULE = "first in file order (equal reliability and precision)"


def _reliability_rule(source: str, grade: float, other_source: str, other_grade: float) -> str:
    return f"higher source reliability ({source} graded {grade:g} vs {other_source} {other_grade:g} in SOURCES.md)"


def _rules(chosen: pd.DataFrame, runner_up: pd.DataFrame) -> np.ndarray:
    """Why each conflict's chosen row beat its runner-up (row i of both frames is conflict i)."""
    grade, other_grade = chosen["reliability"].to_numpy(), runner_up["reliability"].to_numpy()
    finer = chosen["resolution"].to_numpy() != runner_up["resolution"].to_numpy()
    rules = np.where(finer, PRECISION_RULE, ORDER_RULE).astype(object)
    graded = grade != other_grade
    # Only these need their own text; the loop runs once per conflict, not per row.
    rules[graded] = [
        _reliability_rule(*texts)
        for texts in zip(
            chosen["source"].to_numpy()[graded],
            grade[graded],
            runner_up["source"].to_numpy()[graded],
            other_grade[graded],
        )
    ]
    return rules


def _empty_conflicts(frame: pd.DataFrame) -> pd.DataFrame:
    empty = frame[[c for c in CONFLICT_COLUMNS if c in frame.columns]].iloc[0:0].copy()
    empty["chosen"] = pd.Series(dtype=bool)
    empty["rule"] = pd.Series(dtype="str")
    return empty[CONFLICT_COLUMNS].reset_index(drop=True)


def find_conflicts(panel: pd.DataFrame) -> pd.DataFrame:
    """Every group of rows with one (indicator, geo_code, year, definition, vintage) and different values.

    One sort puts the groups in key order and each group's rows in choice order (the chosen row
    first, its runner-up second), so the cost grows with the rows, not with a pandas sort and a row
    iteration per conflict (about 2 ms each: minutes for a table with 100,000 conflicts).
    """
    group_key = KEY + ["vintage"]
    by = ["indicator", "geo_code", "_year", "definition", "vintage"]
    frame = panel.assign(_year=panel["year"].fillna(-1), _raw_row=panel["raw_row"].fillna(0))
    grouped = frame.groupby(by)["value"]
    high, low = grouped.transform("max"), grouped.transform("min")
    spread = (high - low) > 1e-9 * np.maximum(high.abs(), 1.0)
    if not spread.any():
        return _empty_conflicts(frame)
    rows = frame[spread].sort_values(
        by + list(CONFLICT_ORDER), ascending=[True] * len(by) + list(CONFLICT_ORDER.values()), kind="stable"
    )
    position = rows.groupby(by, sort=False).cumcount().to_numpy()
    chosen = position == 0
    rules = _rules(rows[chosen], rows[position == 1])
    # Rows are grouped, so the number of chosen rows seen so far numbers each row's conflict.
    rule = rules[np.cumsum(chosen) - 1]
    conflicts = rows.reindex(columns=CONFLICT_COLUMNS).assign(
        chosen=chosen, rule=np.where(chosen, rule, "not chosen: " + rule)
    )
    conflicts["raw_row"] = conflicts["raw_row"].astype("Int64")
    conflicts["year"] = conflicts["year"].astype("Int64")
    return conflicts.sort_values(group_key + ["raw_file", "raw_row"], kind="stable").reset_index(drop=True)
