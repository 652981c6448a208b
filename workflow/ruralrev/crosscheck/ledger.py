"""The claim check ledger (claim_checks.csv): every numeric claim of the documents against the panel.

Verdicts: `confirmed` (equal within the claim's own rounding, or within its qualifier),
`close` (within 1%), `contradicted`, `wrong_year` (the value is the official value of another
year) and `unverifiable` (no official series for that indicator, place or year). Every vintage
and definition of the claim's year is tried before a claim is called contradicted; a claim
that matches only a non-preferred row (the 2020 census count of 509.79 million rural people,
not the year-end 509.92 million) is confirmed, and the explanation says which row it matches
and what the preferred figure is.
"""

from __future__ import annotations

import re

import pandas as pd

from ruralrev.crosscheck import aggregates
from ruralrev.crosscheck import dating as claim_dating
from ruralrev.crosscheck import series as claim_series
from ruralrev.crosscheck.precision import formatter, read_stated
from ruralrev.errors import UserError
from ruralrev.geo.names import place_names
from ruralrev.panel import units

CLAIM_COLUMNS = ["doc", "start", "end", "text", "value", "unit", "year", "place", "indicator", "qualifier", "sentence"]
PANEL_COLUMNS = ["geo_code", "indicator", "year", "value", "unit", "vintage", "definition", "source", "preferred"]
CLAIM_CHECK_COLUMNS = [
    "doc", "start", "end", "text", "value", "unit", "year", "place", "indicator", "verdict",
    "official_value", "official_year", "source", "explanation", "official_unit", "vintage", "raw_file", "raw_row",
]  # fmt: skip
CHINA = "100000"
# Units that compare directly: incomes per person are stated in yuan, a change of a percentage
# in percentage points, counts of villages or towns in the panel's plain `count`.
UNIT_FAMILY = {
    "yuan/person": "yuan", "yuan/year": "yuan", "persons": "person", "percentage_point": "percent",
    "county": "count", "village": "count", "town": "count", "township": "count",
}  # fmt: skip
# The panel flags one preferred row per definition; a year's headline figure is the first of these.
DEFINITION_ORDER = {"year_end": 0, "annual": 1, "unspecified": 2, "census": 3, "cumulative": 4}
# A part of the country named in the sentence ("163 poverty-stricken counties in the western region"): the
# claim is not about all of China, and the panel has no series for such regions.
REGION = re.compile(
    r"\b(?:western|eastern|central|north-?eastern|north-?western|south-?western|south-?eastern|"
    r"northern|southern)(?:\s+and\s+\w+ern)?\s+(?:regions?|areas|provinces|China)\b",
    re.I,
)
PLACE_SUFFIXES = re.compile(r"\s+(city|county|district|prefecture|province)$", re.IGNORECASE)
# Fixed order of panel rows, so that ties never depend on the order rows arrive in.
PANEL_ORDER = ["indicator", "_definition", "definition", "vintage", "source", "raw_file", "raw_row", "value"]


def place_index(names: pd.DataFrame) -> dict[str, str]:
    """Lower-cased English name, alias and Chinese name -> admin code."""
    index: dict[str, str] = {}
    for row in names.itertuples(index=False):
        for name in [row.name_en, row.name_zh, *str(row.aliases).split(";")]:
            if name.strip():
                index.setdefault(name.strip().lower(), str(row.admin_code))
    return index


def resolve_place(place: str, places: dict[str, str]) -> str | None:
    """Admin code of a claim's place ("Liupanshui City" -> 520200); China when no place is stated."""
    place = place or "China"
    return places.get(place.lower()) or places.get(PLACE_SUFFIXES.sub("", place).lower())


def _in_base_unit(claim: dict) -> tuple[dict, float]:
    """The claim with its value in the panel's base unit (mu -> ha, jin -> t) and the factor used."""
    try:
        factor, base = units.factor_to_base(claim["unit"]) if claim["unit"] else (1.0, "")
    except UserError:  # units the tables never use (km, yuan/year) stay as stated
        return claim, 1.0
    return claim | {"value": claim["value"] * factor, "unit": base}, factor


def definition_kind(definition: str) -> str:
    """The agreed definition vocabulary for any spelling of it ("year-end resident" -> year_end)."""
    text = definition.strip().lower().replace("-", "_").replace(" ", "_")
    for kind in ("census", "cumulative", "year_end", "annual"):
        if kind in text:
            return kind
    return text or "unspecified"


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
    return f"{fmt(row['value'])} ({row['indicator']}, {row['year']}, {row['definition']}, vintage '{row['vintage']}')"


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
    # An undated claim states the current figure: the latest official year of its own series (claim_dating).
    latest = int(rows.loc[rows["indicator"].isin(own), "year"].max())
    undated = f"no year stated; checked against the latest year of its series, {latest}"
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
            notes.append(f"not the {preferred.iloc[0]['definition']} figure {_describe(preferred.iloc[0], fmt)}")
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
            f"no {'/'.join(own)} value in the panel for {year}; the panel covers {years[0]}–{years[-1]}"
        )
    best = candidates.iloc[0]
    gap = (stated - best["value"]) / best["value"] * 100 if best["value"] else float("nan")
    why = f"'{said}' vs {_describe(best, fmt)}: stated value off by {gap:+.1f}%"
    if year is None and claim_dating.speaks_of_past(claim["sentence"], said):
        return _unverifiable(f"{undated}, but the sentence tells of the past, of a year it does not give; {why}")
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
        return _unverifiable(f"'{place}' is not in place_names.csv, so no series of the panel can be matched")
    if code == CHINA and (region := REGION.search(claim["sentence"])):
        return _unverifiable(
            f"the sentence speaks of the {region.group().lower()}, part of China; the panel has no series for it"
        )
    if not indicator:
        return _unverifiable("the claim's indicator was not identified; no series to compare with")
    own = claim_series.panel_series(claim)
    rows = panel.get(code, panel[CHINA].iloc[:0])
    related = own + claim_series.ALTERNATIVES.get(indicator, ())
    variants = rows["indicator"].str.startswith(tuple(f"{name}_" for name in related))
    rows = rows[rows["indicator"].isin(related) | variants]
    if not own or rows[rows["indicator"].isin(own)].empty:
        needed = claim_series.NEEDED.get(indicator, f"a published {indicator} series ({unit or 'unit unknown'})")
        return _unverifiable(f"no {indicator} series for {place} ({code}) in the panel; needs {needed}")
    claim, factor = _in_base_unit(claim)
    unit = claim["unit"]
    rows = rows[rows["unit"].map(lambda u: UNIT_FAMILY.get(u, u)) == UNIT_FAMILY.get(unit, unit)]
    if rows[rows["indicator"].isin(own)].empty:
        return _unverifiable(
            f"the claim's unit '{unit or 'none'}' cannot be compared with the {own[0]} series of {place}"
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


def _require(frame: pd.DataFrame, columns: list[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise UserError(f"{what} lacks column(s) {', '.join(missing)}; re-run the stage that writes it")


def _clean_claims(claims: pd.DataFrame) -> pd.DataFrame:
    claims = claims.copy()
    for column in ["unit", "place", "indicator", "qualifier", "sentence", "text"]:
        claims[column] = claims[column].fillna("").astype(str).str.strip()
    claims["value"] = pd.to_numeric(claims["value"], errors="coerce")
    claims["year"] = pd.to_numeric(claims["year"], errors="coerce").astype("Int64")
    return claims


def _clean_panel(indicators: pd.DataFrame) -> pd.DataFrame:
    panel = indicators.copy()
    panel["year"] = pd.to_numeric(panel["year"], errors="coerce").astype("Int64")
    panel["value"] = pd.to_numeric(panel["value"], errors="coerce")
    panel["preferred"] = panel["preferred"].map(lambda p: str(p).strip().lower() in ("true", "1"))
    for column in ["unit", "vintage", "definition", "source", "indicator"]:
        panel[column] = panel[column].fillna("").astype(str)
    kinds = {text: definition_kind(text) for text in panel["definition"].unique()}
    panel["definition"] = panel["definition"].map(kinds)
    panel["_definition"] = panel["definition"].map(DEFINITION_ORDER).fillna(len(DEFINITION_ORDER))
    for column in ["raw_file", "raw_row"]:
        panel[column] = panel[column].map(aggregates.row_number) if column in panel else None
    # Missing official values stay missing: they can neither confirm nor contradict a claim.
    panel = panel.dropna(subset=["value", "year"]).astype({"year": int})
    panel = panel.sort_values(PANEL_ORDER, na_position="last", kind="stable").reset_index(drop=True)
    panel["_order"] = panel.index
    # Plain Python strings: the per-claim filtering below is much faster on them than on Arrow strings.
    text = [c for c in panel.columns if pd.api.types.is_string_dtype(panel[c])]
    return panel.astype({c: object for c in text})


def check_claims(claims: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """The claim_checks.csv ledger: one row per claim with its verdict, sorted by doc and start."""
    _require(claims, CLAIM_COLUMNS, "claims.csv")
    _require(indicators, PANEL_COLUMNS, "indicators.csv")
    places = place_index(place_names())
    places.setdefault("china", CHINA)
    claims = _clean_claims(claims)
    # Only the places the claims name are cleaned and searched: the panel has thousands of counties.
    codes = {resolve_place(place, places) for place in claims["place"]} | {CHINA}
    geo_codes = indicators["geo_code"].astype(str).str.zfill(6)
    panel = _clean_panel(indicators[geo_codes.isin(codes)].assign(geo_code=geo_codes))
    by_place = {code: panel[panel["geo_code"] == code] for code in sorted(codes - {None})}
    records = []
    for claim in claims.to_dict("records"):
        year = claim["year"]
        claim["year"] = None if pd.isna(year) else int(year)
        if pd.isna(claim["value"]):
            fields = _unverifiable("the claim has no numeric value")
        else:
            fields = check_claim(claim, by_place, places)
        if fields["verdict"] == "unverifiable":  # a value looked at but not borne out is named in the explanation only
            fields = {"verdict": "unverifiable", "explanation": fields["explanation"]}
        records.append({column: claim.get(column) for column in CLAIM_CHECK_COLUMNS[:9]} | fields)
    ledger = pd.DataFrame(records, columns=CLAIM_CHECK_COLUMNS)
    ledger["year"] = ledger["year"].astype("Int64")
    ledger["official_year"] = ledger["official_year"].astype("Int64")
    return ledger.sort_values(["doc", "start", "end"], kind="stable").reset_index(drop=True)
