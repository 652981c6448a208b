"""Checks of aggregate claims against an annual series: year-on-year changes and multi-year totals.

"Increased by 20 billion yuan every year for five consecutive years" is a claim about
differences of the series; "the overall investment has exceeded 530 billion yuan" is a claim
about a sum over some window of years. Both are checked on the annual (not census, not
cumulative) rows, and the explanation names the windows of years that make them true.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from ruralrev.crosscheck.words import series_name
from ruralrev.years import year_runs

# "More than X" is still a fair statement when the official value is up to this much larger,
# or below the next round number of X's last stated digit ("more than 400 million" for 477 million).
OVER_MARGIN = 0.10
CLOSE_MARGIN = 0.01
NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
CONSECUTIVE = re.compile(
    r"\b(\w+)\s+(?:consecutive|successive|straight)\s+years\b|\b(\w+)\s+years\s+in\s+a\s+row\b", re.IGNORECASE
)
TOTAL_WORDS = re.compile(r"\b(overall|in total|total|cumulative|cumulatively|accumulated|altogether|combined)\b", re.I)
# Definitions whose rows are not one year's flow and must not enter differences or sums.
NOT_ANNUAL = {"census", "cumulative"}
# Flows, whose totals over years mean something; indicators whose values already are changes;
# series continued by a successor programme (the 2021 linkage fund), named but never merged.
SUMMABLE = {"poverty_fund_central", "linkage_fund_central", "poverty_reduction"}
CHANGE_INDICATORS = {"poverty_reduction"}
SUCCEEDED = {"poverty_fund_central"}


def stated_run_length(sentence: str) -> int | None:
    """Number of consecutive years a sentence claims ("for five consecutive years" -> 5), or None."""
    match = CONSECUTIVE.search(sentence or "")
    if not match:
        return None
    word = (match.group(1) or match.group(2)).lower()
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


def mentions_total(sentence: str) -> bool:
    """Whether a sentence speaks of a total over years ("overall", "cumulative", ...)."""
    return bool(TOTAL_WORDS.search(sentence or ""))


def annual_series(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per year of an indicator's annual rows: the preferred one if any, else the first by vintage."""
    annual = rows[~rows["definition"].isin(NOT_ANNUAL)]
    ties = ["_order"] if "_order" in annual else [c for c in ["vintage", "source", "value"] if c in annual]
    keys = ["year", "preferred", *ties]
    ordered = annual.sort_values(keys, ascending=[True, False] + [True] * len(ties), kind="stable")
    return ordered.drop_duplicates("year").set_index("year", drop=False)


def agrees(official: float, stated: float, tolerance: float, qualifier: str, step: float = 0.0) -> bool:
    """Whether an official value bears out a stated one, given its rounding (tolerance), qualifier and
    the step of its last significant digit."""
    slack = 1e-9 * max(abs(stated), 1.0)
    margin = max(OVER_MARGIN * abs(stated), step)
    if qualifier == "over":
        return stated - slack <= official < stated + margin + slack
    if qualifier == "under":
        return stated - margin - slack < official <= stated + slack
    return abs(official - stated) <= tolerance + slack


def is_close(official: float, stated: float, qualifier: str) -> bool:
    """Whether an official value is within 1% of the stated value (or of its bound)."""
    return abs(official - stated) <= CLOSE_MARGIN * abs(stated)


def year_on_year_changes(series: pd.DataFrame) -> pd.Series:
    """Change over the previous year, indexed by year; only where the previous year exists."""
    values = series["value"]
    previous = values.reindex(values.index - 1).to_numpy()
    changes = pd.Series(values.to_numpy() - previous, index=values.index)
    return changes.dropna()


def _span(years: list[int]) -> str:
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])


def check_change(
    stated: float,
    tolerance: float,
    series: pd.DataFrame,
    run_length: int | None,
    name: str,
    fmt: Callable[[float], str],
) -> dict:
    """Verdict on "changed by X (every year for N years)": matching years, longest run, what is missing."""
    changes = year_on_year_changes(series)
    if changes.empty:
        return {"verdict": "unverifiable", "explanation": f"no two consecutive years of {name} to difference"}
    matching = [int(y) for y, c in changes.items() if agrees(c, stated, tolerance, "")]
    others = [f"{int(y)}: {fmt(c)}" for y, c in changes.items() if int(y) not in matching]
    runs = year_runs(matching)
    best = max(runs, key=len) if runs else []
    needed = run_length or 1
    parts = []
    if best:
        parts.append(f"year-on-year changes of {name} equal {fmt(stated)} in {', '.join(map(str, matching))}")
        parts.append(f"longest run {_span(best)} ({len(best)} year{'s' if len(best) > 1 else ''})")
    else:
        parts.append(f"no year-on-year change of {name} equals {fmt(stated)}")
    if others:
        parts.append("other changes " + ", ".join(others))
    result = {
        "official_value": changes.loc[best[-1]] if best else float("nan"),
        "official_year": best[-1] if best else None,
        "years": best,
    }
    if len(best) >= needed:
        return result | {"verdict": "confirmed", "explanation": "; ".join(parts)}
    computable = set(int(y) for y in changes.index)
    full_windows = [
        start for start in range(min(computable), max(computable) - needed + 2)
        if all(y in computable for y in range(start, start + needed))
    ]  # fmt: skip
    if full_windows:
        parts.append(f"no {needed}-year window of equal changes")
        return result | {"verdict": "contradicted", "explanation": "; ".join(parts)}
    parts.append(
        f"changes can only be computed for {', '.join(map(str, sorted(computable)))}, "
        f"too few to test {needed} consecutive years (needs the series' adjacent years)"
    )
    return result | {"verdict": "unverifiable", "explanation": "; ".join(parts)}


def check_span_change(
    stated: float,
    tolerance: float,
    series: pd.DataFrame,
    year: int | None,
    sentence_years: set[int],
    name: str,
    fmt: Callable[[float], str],
) -> dict:
    """Verdict on "changed by X": the differences between the years the sentence names ("from 2012 to
    2019") and the claim year's year-on-year change. Sizes are compared; "decreased by" is stated positive."""
    values = series["value"]
    named = sorted(y for y in sentence_years | ({year} if year else set()) if y in values.index)
    spans = {(a, b) for i, a in enumerate(named) for b in named[i + 1 :]}
    if year is not None and year in values.index and year - 1 in values.index:
        spans.add((year - 1, year))
    if not spans:
        return {"verdict": "unverifiable", "explanation": f"{name} lacks the years to compute a change over"}
    diffs = [(a, b, float(values[b] - values[a])) for a, b in sorted(spans)]

    def describe(a: int, b: int, change: float) -> str:
        return f"{a}–{b}: {fmt(change)}"

    hits = [d for d in diffs if agrees(abs(d[2]), abs(stated), tolerance, "")]
    near = [d for d in diffs if is_close(abs(d[2]), abs(stated), "")]
    if hits:
        verdict, best = "confirmed", hits[-1]
        why = f"the change of {name} {describe(*best)} matches {fmt(abs(stated))}"
    elif near:
        verdict, best = "close", near[-1]
        why = f"the change of {name} {describe(*best)} is within 1% of {fmt(abs(stated))}"
    else:
        verdict, best = "contradicted", diffs[-1]
        why = f"no change of {name} equals {fmt(abs(stated))}: " + ", ".join(describe(*d) for d in diffs)
    return {"verdict": verdict, "official_value": best[2], "official_year": best[1], "years": [best[0], best[1]],
            "explanation": why}  # fmt: skip


def window_sums(series: pd.DataFrame, length: int | None = None) -> pd.DataFrame:
    """Sum of every window of two or more consecutive years (or of exactly `length` years)."""
    years = [int(y) for y in series.index]
    rows = []
    for run in year_runs(years):
        for i in range(len(run)):
            for j in range(i + 1, len(run)):
                window = run[i : j + 1]
                if length is None or len(window) == length:
                    total = float(series.loc[window, "value"].sum())
                    rows.append({"first": window[0], "last": window[-1], "years": len(window), "total": total})
    return pd.DataFrame(rows, columns=["first", "last", "years", "total"])


def check_total(
    stated: float,
    tolerance: float,
    qualifier: str,
    series: pd.DataFrame,
    run_length: int | None,
    name: str,
    fmt: Callable[[float], str],
    successor: pd.DataFrame | None = None,
    successor_name: str = "",
    step: float = 0.0,
) -> dict:
    """Verdict on "the total reached/exceeded X": which windows of years sum to a value that bears it out."""
    sums = window_sums(series, run_length)
    if sums.empty:
        return {"verdict": "unverifiable", "explanation": f"no window of consecutive years of {name} to sum"}
    sums["agrees"] = [agrees(t, stated, tolerance, qualifier, step) for t in sums["total"]]
    sums["distance"] = (sums["total"] - stated).abs()
    hits = sums[sums["agrees"]].sort_values(["last", "first"])
    best = hits.iloc[-1] if not hits.empty else sums.sort_values(["distance", "last"]).iloc[0]

    def window(row) -> str:
        return f"{int(row['first'])}–{int(row['last'])} = {fmt(row['total'])}"

    if not hits.empty:
        verdict = "confirmed"
        parts = [f"sum of {name} {'; '.join(window(r) for _, r in hits.iterrows())} bears out the total"]
        misses = sums[~sums["agrees"] & (sums["years"] == int(best["years"]))]
        if not misses.empty:
            parts.append("not " + ", ".join(window(r) for _, r in misses.iterrows()))
    else:
        verdict = "close" if is_close(best["total"], stated, qualifier) else "contradicted"
        parts = [f"no window of {name} sums to {fmt(stated)}; nearest {window(best)}"]
    if successor is not None and not successor.empty:
        chained = pd.concat([series, successor[~successor.index.isin(series.index)]]).sort_index()
        extra = window_sums(chained, int(best["years"]))
        extra = extra[extra["last"].isin(successor.index) | extra["first"].isin(successor.index)]
        if not extra.empty:
            parts.append(
                f"counting the successor, the {successor_name}: " + ", ".join(window(r) for _, r in extra.iterrows())
            )
    return {
        "verdict": verdict,
        "official_value": float(best["total"]),
        "official_year": int(best["last"]),
        "years": list(range(int(best["first"]), int(best["last"]) + 1)),
        "explanation": "; ".join(parts),
    }


def row_number(raw_row) -> str | None:
    """raw_row as text ('24'), so that single rows and lists of rows ('2; 3') share one column."""
    if raw_row is None or pd.isna(raw_row) or str(raw_row) == "":
        return None
    return str(int(raw_row)) if isinstance(raw_row, (int, float, np.integer, np.floating)) else str(raw_row)


def with_provenance(series: pd.DataFrame, result: dict) -> dict:
    """An aggregate verdict with the sources, vintages and raw rows of the years it used."""
    used = series.loc[series.index.isin(result.pop("years", []))]

    def joined(column: str) -> str | None:
        values = used[column].dropna().astype(str) if column in used else []
        return "; ".join(dict.fromkeys(values)) or None

    return result | {
        "source": joined("source"),
        "official_unit": series["unit"].iloc[0],
        "vintage": joined("vintage"),
        "raw_file": joined("raw_file"),
        "raw_row": "; ".join(filter(None, map(row_number, used.get("raw_row", [])))) or None,
    }


def check_aggregate(claim: dict, own_rows: pd.DataFrame, successors: pd.DataFrame, stated, fmt, level) -> dict:
    """A change over years; else `level()`, the single-year verdict, unless a window total bears the claim out.

    `stated` carries the claim's rounding (tolerance, step); `successors` are rows of a successor programme.
    """
    series = annual_series(own_rows)
    name = own_rows["indicator"].iloc[0]
    label = series_name(name)  # the explanations name the series in words
    run_length = stated_run_length(claim["sentence"])
    if claim["qualifier"] == "change" and name not in CHANGE_INDICATORS and not series.empty:
        if run_length is None:
            named = {int(y) for y in re.findall(r"\b(?:19|20)\d{2}\b", claim["sentence"])}
            change = check_span_change(claim["value"], stated.tolerance, series, claim["year"], named, label, fmt)
        else:
            change = check_change(claim["value"], stated.tolerance, series, run_length, label, fmt)
        return with_provenance(series, change)
    result = level()
    looks_total = mentions_total(claim["sentence"]) or claim["value"] > 1.5 * series["value"].abs().max()
    if result["verdict"] == "confirmed" or name not in SUMMABLE or series.empty or not looks_total:
        return result
    successor = annual_series(successors) if name in SUCCEEDED and not successors.empty else None
    successor_name = series_name(successors["indicator"].iloc[0]) if successor is not None else ""
    total = check_total(
        claim["value"], stated.tolerance, claim["qualifier"], series, run_length, label, fmt,
        successor, successor_name, stated.step,
    )  # fmt: skip
    if total["verdict"] == "confirmed" or result["verdict"] == "unverifiable":
        return with_provenance(series, total)
    return result
