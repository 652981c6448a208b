"""The claim check ledger (claim_checks.csv): every numeric claim of the documents against the panel.

Verdicts: `confirmed` (equal within the claim's own rounding, or within its qualifier),
`close` (within 1%), `contradicted`, `wrong_year` (the value is the official value of another
year), `unverifiable` (no official series for that indicator, place or year, or no year stated or
inferable) and `not_a_statistic` (a threshold of a rule or a target, plan or forecast: claims.csv
`kind`, never compared with data). Explanations speak words (crosscheck.words), not the panel's codes. Every vintage
and definition of the claim's year is tried before a claim is called contradicted; a claim
that matches only a non-preferred row (the 2020 census count of 509.79 million rural people,
not the year-end 509.92 million) is confirmed, and the explanation says which row it matches
and what the preferred figure is.
"""

from __future__ import annotations

import re

import pandas as pd

from ruralrev.crosscheck import aggregates, carried, slips
from ruralrev.crosscheck import dating as claim_dating
from ruralrev.crosscheck import series as claim_series
from ruralrev.crosscheck.inputs import (
    CHINA,
    CLAIM_COLUMNS,
    PANEL_COLUMNS,
    clean_claims,
    clean_panel,
    place_index,
    require,
    resolve_place,
)
from ruralrev.crosscheck.precision import formatter, read_stated
from ruralrev.crosscheck.words import definition_name, reading_note, series_name
from ruralrev.errors import UserError
from ruralrev.geo.names import place_names
from ruralrev.panel import units

CLAIM_CHECK_COLUMNS = [
    "doc", "start", "end", "text", "value", "unit", "year", "place", "indicator", "verdict",
    "official_value", "official_year", "source", "explanation", "official_unit", "vintage", "raw_file", "raw_row",
]  # fmt: skip
# Units that compare directly: incomes per person are stated in yuan, a change of a percentage
# in percentage points, counts of villages or towns in the panel's plain `count`.
UNIT_FAMILY = {
    "yuan/person": "yuan", "yuan/year": "yuan", "persons": "person", "percentage_point": "percent",
    "county": "count", "village": "count", "town": "count", "township": "count",
}  # fmt: skip
# A part of the country named in the sentence ("163 poverty-stricken counties in the western region"): the
# claim is not about all of China, and the panel has no series for such regions.
REGION = re.compile(
    r"\b(?:western|eastern|central|north-?eastern|north-?western|south-?western|south-?eastern|"
    r"northern|southern)(?:\s+and\s+\w+ern)?\s+(?:regions?|areas|provinces|China)\b",
    re.I,
)
# Claims that state no measured quantity (claims.csv `kind`, extract.claim_roles): never compared with data.
NOT_STATISTICS = {
    "threshold": "not a statistic: '{text}' is a threshold of a rule (it bounds the class the rule applies to), "
    "not a measured quantity, so it is not compared with data",
    "target": "not a statistic: '{text}' is a target, plan or forecast (the sentence speaks of what is aimed at "
    "or expected), not a measured quantity, so it is not compared with data",
}


def _in_base_unit(claim: dict) -> tuple[dict, float]:
    """The claim with its value in the panel's base unit (mu -> ha, jin -> t) and the factor used."""
    try:
        factor, base = units.factor_to_base(claim["unit"]) if claim["unit"] else (1.0, "")
    except UserError:  # units the tables never use (km, yuan/year) stay as stated
        return claim, 1.0
    return claim | {"value": claim["value"] * factor, "unit": base}, factor


def _unverifiable(why: str) -> dict:
    return {"verdict": "unverifiable", "explanation": why}


def _row_fields(row: pd.Series) -> dict:
    return {
        "official_value": row["value"],
        "official_year": int(row["year"]),
        "source": row["source"],
        "official_unit": row["unit"],
        "vintage": row["vintage"],
        "raw_file": row.get("raw_file"),
        "raw_row": aggregates.row_number(row.get("raw_row")),
    }


def _describe(row: pd.Series, fmt) -> str:
    what = f"{series_name(row['indicator'])}, {row['year']}, {definition_name(row['definition'])}"
    return f"{fmt(row['value'])} ({what}, vintage '{row['vintage']}')"


def _ranked(rows: pd.DataFrame, own: tuple[str, ...]) -> pd.DataFrame:
    """Rows in the order a match should be reported: own series, preferred, latest year, headline definition."""
    key = rows.assign(_alt=~rows["indicator"].isin(own), _notpref=~rows["preferred"])
    ordered = key.sort_values(["_alt", "_notpref", "year", "_order"], ascending=[True, True, False, True])
    return ordered.drop(columns=["_alt", "_notpref"])


def _level_check(claim: dict, rows: pd.DataFrame, own: tuple[str, ...], tolerance: float, fmt) -> dict:
    """Confirmed / close / wrong_year / contradicted / unverifiable for a claim about one year's level."""
    stated, qualifier, year, said = claim["value"], claim["qualifier"], claim["year"], claim["text"]
    bound = {"over": "lower bound", "under": "upper bound"}.get(qualifier, "rounding")
    sentence_years = {int(y) for y in re.findall(r"\b(?:19|20)\d{2}\b", claim["sentence"])}
    # An undated claim is compared only when its sentence says it speaks of the present (claim_dating).
    latest = int(rows.loc[rows["indicator"].isin(own), "year"].max())
    if year is None and (cue := claim_dating.present_cue(claim["sentence"])) is None:
        return _unverifiable(
            "no year stated or inferable: the sentence gives no year for this figure and does not say it "
            "speaks of the present, so there is no year to compare it with"
        )
    undated = (
        f"no year stated; the sentence speaks of the present ('{cue}'): checked against the latest year of the series, {latest}"
        if year is None
        else ""
    )
    in_year = rows["year"] == (latest if year is None else year)
    # A cumulative figure is dated at its last year; a sentence naming that year ("from 2012 to 2019") speaks of it.
    spans = (rows["definition"] == "cumulative") & rows["year"].isin(sentence_years)
    candidates = _ranked(rows[in_year | spans], own)
    step = read_stated(said, stated).step
    agreeing = candidates[[aggregates.agrees(v, stated, tolerance, qualifier, step) for v in candidates["value"]]]
    if not agreeing.empty:
        best = agreeing.iloc[0]
        notes = [f"'{said}' matches {_describe(best, fmt)}"]
        same = rows[(rows["indicator"] == best["indicator"]) & (rows["year"] == best["year"])]
        preferred = _ranked(same[same["preferred"]], own)
        if not preferred.empty and not preferred.iloc[0]["definition"] == best["definition"]:
            figure = definition_name(preferred.iloc[0]["definition"])
            notes.append(f"not the {figure} figure {_describe(preferred.iloc[0], fmt)}")
        differing = same[
            (same["definition"] == best["definition"]) & ((same["value"] - best["value"]).abs() > tolerance + 1e-9)
        ]
        for _, other in differing.sort_values(["vintage", "_order"]).drop_duplicates("vintage").iterrows():
            notes.append(f"vintage '{other['vintage']}' differs: {fmt(other['value'])}")
        if year is None:
            notes.insert(0, undated)
        return _row_fields(best) | {"verdict": "confirmed", "explanation": "; ".join(notes)}
    near = candidates[[aggregates.is_close(v, stated, qualifier) for v in candidates["value"]]]
    if not near.empty:
        best = near.assign(_d=(near["value"] - stated).abs()).sort_values("_d", kind="stable").iloc[0]
        why = f"'{said}' is within 1% of {_describe(best, fmt)} but outside the claim's {bound}"
        why = f"{undated}; {why}" if year is None else why
        return _row_fields(best) | {"verdict": "close", "explanation": why}
    if year is not None and read_stated(said, stated).digits >= 3:  # fewer digits match other years by coincidence
        others = _ranked(rows[rows["year"] != year], own)
        others = others[[aggregates.agrees(v, stated, tolerance, qualifier, step) for v in others["value"]]]
        if not others.empty:
            best = others.assign(_d=(others["year"] - year).abs()).sort_values("_d", kind="stable").iloc[0]
            why = f"'{said}' stated for {year} is the {best['year']} value: {_describe(best, fmt)}"
            if not candidates.empty:
                why += f"; the {year} figure is {_describe(candidates.iloc[0], fmt)}"
            return _row_fields(best) | {"verdict": "wrong_year", "explanation": why}
    if candidates.empty:
        years = sorted(set(rows["year"]))
        return _unverifiable(
            f"the panel has no value of the {series_name(own[0])} for {year}; its series covers {years[0]}–{years[-1]}"
        )
    best = candidates.iloc[0]
    gap = (stated - best["value"]) / best["value"] * 100 if best["value"] else float("nan")
    why = f"'{said}' vs {_describe(best, fmt)}: stated value off by {gap:+.1f}%"
    why = f"{undated}; {why}" if year is None else why
    if qualifier in ("over", "under"):
        why += f" ('{qualifier}' holds within {aggregates.OVER_MARGIN:.0%} or one step of the last stated digit)"
    if len(candidates) > 1:
        why += "; no other vintage or definition agrees"
    return _row_fields(best) | {"verdict": "contradicted", "explanation": why}


def check_claim(claim: dict, panel: dict[str, pd.DataFrame], places: dict[str, str]) -> dict:
    """The verdict fields (verdict, official_value, ..., explanation) of one claim; `panel` by geo_code."""
    indicator, unit, place = claim["indicator"], claim["unit"], claim["place"]
    prefix = "" if place else "no place stated, checked against China; "
    place = place or "China"
    code = resolve_place(place, places)
    if code is None:
        return _unverifiable(f"'{place}' is not a place the panel knows, so no series of it can be matched")
    if code == CHINA and (region := REGION.search(claim["sentence"])):
        return _unverifiable(
            f"the sentence speaks of the {region.group().lower()}, part of China; the panel has no series for it"
        )
    if not indicator:
        return _unverifiable(
            "the sentence does not say what the number measures, so there is no series to compare it with"
        )
    own = claim_series.panel_series(claim)
    rows = panel.get(code, panel[CHINA].iloc[:0])
    related = own + claim_series.ALTERNATIVES.get(indicator, ())
    variants = rows["indicator"].str.startswith(tuple(f"{name}_" for name in related))
    rows = rows[rows["indicator"].isin(related) | variants]
    if not own or rows[rows["indicator"].isin(own)].empty:
        needed = claim_series.NEEDED.get(
            indicator, f"a published series of {series_name(indicator)} ({unit or 'unit unknown'})"
        )
        return _unverifiable(
            f"the panel has no series of {series_name(indicator)} for {place}; checking it needs {needed}"
        )
    claim, factor = _in_base_unit(claim)
    unit = claim["unit"]
    rows = rows[rows["unit"].map(lambda u: UNIT_FAMILY.get(u, u)) == UNIT_FAMILY.get(unit, unit)]
    if rows[rows["indicator"].isin(own)].empty:
        return _unverifiable(
            f"the claim's unit ({unit or 'none written'}) cannot be compared with the unit of the {series_name(own[0])} series of {place}"
        )
    stated = read_stated(claim["text"], claim["value"])
    if factor != 1:  # mu, jin, kg: compared (and written) in the panel's ha and t
        scale = max([s for s in (1.0, 1e3, 1e6, 1e9) if s <= abs(claim["value"])] or [1.0])
        stated = stated._replace(scale=scale)
    tolerance, fmt = stated.tolerance, formatter(stated.scale, unit)
    successors = rows[rows["indicator"].isin(claim_series.ALTERNATIVES.get(indicator, ()))]
    result = aggregates.check_aggregate(
        claim, rows[rows["indicator"] == own[0]], successors, stated, fmt,
        lambda: claim_dating.check_average(claim, rows[rows["indicator"] == own[0]], stated, fmt)
        if claim["year"] is None and claim_dating.states_average(claim["sentence"])
        else _level_check(claim, rows, own, tolerance, fmt),
    )  # fmt: skip
    return result | {"explanation": prefix + result["explanation"]}


def check_claims(claims: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """The claim_checks.csv ledger: one row per claim with its verdict, sorted by doc and start."""
    require(claims, CLAIM_COLUMNS, "claims.csv")
    require(indicators, PANEL_COLUMNS, "indicators.csv")
    places = place_index(place_names())
    places.setdefault("china", CHINA)
    claims = clean_claims(claims)
    # Only the places the claims name are cleaned and searched: the panel has thousands of counties.
    codes = {resolve_place(place, places) for place in claims["place"]} | {CHINA}
    geo_codes = indicators["geo_code"].astype(str).str.zfill(6)
    panel = clean_panel(indicators[geo_codes.isin(codes)].assign(geo_code=geo_codes))
    by_place = {code: panel[panel["geo_code"] == code] for code in sorted(codes - {None})}
    records = []
    rows = claims.to_dict("records")
    for claim in rows:
        claim["year"] = None if pd.isna(claim["year"]) else int(claim["year"])
    by_start = {(claim["doc"], claim["start"]): claim for claim in rows}
    for claim in rows:
        source = None if pd.isna(claim["unit_from"]) else by_start.get((claim["doc"], claim["unit_from"]))
        if pd.isna(claim["value"]):
            fields = _unverifiable("the claim has no numeric value")
        elif claim["kind"] in NOT_STATISTICS:
            fields = {"verdict": "not_a_statistic", "explanation": NOT_STATISTICS[claim["kind"]].format(**claim)}
        elif source is not None and not claim["unit"]:
            claim, fields = carried.check_carried(claim, source, lambda reading: check_claim(reading, by_place, places))
        else:
            fields = check_claim(claim, by_place, places)
        if note := reading_note(claim["text"], claim["qualifier"]):
            fields["explanation"] = f"{note}; {fields['explanation']}"
        if fields["verdict"] == "unverifiable":  # a value looked at but not borne out is named in the explanation only
            fields = {"verdict": "unverifiable", "explanation": fields["explanation"]}
        records.append({column: claim.get(column) for column in CLAIM_CHECK_COLUMNS[:9]} | fields)
    ledger = pd.DataFrame(records, columns=CLAIM_CHECK_COLUMNS)
    ledger["year"] = ledger["year"].astype("Int64")
    ledger["official_year"] = ledger["official_year"].astype("Int64")
    ledger = slips.with_sentence_notes(ledger, claims)
    return ledger.sort_values(["doc", "start", "end"], kind="stable").reset_index(drop=True)
