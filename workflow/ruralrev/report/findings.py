"""The abstract and the key findings, written from the values registry.

Results, not counts: what the census, the coupling analysis and the claim check say about the places. Every number
is a registry entry's formatted text; each finding links to the table, figure or section it comes from (only to
targets the page holds, so every link resolves). A finding whose entries are missing is left out, not guessed.
"""

from __future__ import annotations

import html

from ruralrev.geo.boundaries import resolve


def _t(values: dict, name: str) -> str:
    """The escaped formatted text of one registry entry."""
    return html.escape(str(values[name]["text"]))


def _has(values: dict, *names: str) -> bool:
    return all(name in values for name in names)


def _xref(targets: list[str], *candidates: str) -> str:
    """' (Table 3)': a numbered cross-reference to the first candidate present, or nothing.

    A candidate ending in '*' stands for the first figure or table on the page whose id starts with it.
    """
    for candidate in candidates:
        if candidate.endswith("*"):
            found = [t for t in targets if t.startswith(candidate[:-1])]
        else:
            found = [t for t in targets if t == candidate]
        if found:
            return f' (<a class="xref" href="#{found[0]}"></a>)'
    return ""


def _regions(values: dict) -> list[str]:
    return sorted({name.split(".")[1] for name in values if name.startswith("region.") and name.endswith(".name")})


def _code(values: dict, region: str) -> str | None:
    """The admin code of a configured region, from the urbanization places of the registry."""
    name = values.get(f"region.{region}.name", {}).get("text")
    for code in values.get("urbanization.places", {}).get("text", "").split():
        if values.get(f"urbanization.{code}.name", {}).get("text") == name:
            return code
    return None


def _parent(code: str) -> str | None:
    return resolve(code).parent_code


def _compare(values: dict, code: str, parent: str) -> str | None:
    """'Liupanshui was 48.87% urban at the 2020 census against Guizhou's 53.15% (+20.23 pp against +19.37 pp since
    2010)'."""
    keys = [f"urbanization.{c}.{k}" for c in (code, parent) for k in ("2020", "change", "name")]
    if not _has(values, *keys):
        return None
    a, b = (lambda k: _t(values, f"urbanization.{code}.{k}")), (lambda k: _t(values, f"urbanization.{parent}.{k}"))
    return (
        f"{a('name')} was {a('2020')} urban at the 2020 census against {b('name')}'s {b('2020')}, "
        f"a change since the 2010 census of {a('change')} against {b('change')}"
    )


def _units_not_like_for_like(values: dict) -> list[str]:
    """County-level units of the study areas whose 2010 and 2020 counts are not like for like."""
    return sorted(
        name.split(".")[1]
        for name, entry in values.items()
        if name.startswith("county.") and name.endswith(".comparable") and entry["value"] is False
    )


def _largest_jump(values: dict) -> str | None:
    codes = _units_not_like_for_like(values)
    codes = [c for c in codes if f"county.{c}.change" in values]
    return max(codes, key=lambda c: values[f"county.{c}.change"]["value"]) if codes else None


def _province_ranks(values: dict) -> str:
    parts = []
    for name in sorted(n for n in values if n.startswith("coupling.province.") and n.endswith(".rank")):
        code = name.split(".")[2]
        base = f"coupling.province.{code}"
        lag = f", {_t(values, f'{base}.lag')}" if f"{base}.lag" in values else ""
        spread = (
            f"; {_t(values, f'{base}.rank_best')}–{_t(values, f'{base}.rank_worst')} across the variants"
            if _has(values, f"{base}.rank_best", f"{base}.rank_worst")
            else ""
        )
        parts.append(
            f"{html.escape(resolve(code).display_name)} ranks {_t(values, name)} (D = {_t(values, f'{base}.d')}{lag}{spread})"
        )
    return " and ".join(parts)


def abstract(values: dict, title_of: dict[str, str]) -> str:
    """One paragraph of results: the study areas at the census, the coupling on one scale, the claim check."""
    areas = " and ".join(
        f"{_t(values, f'region.{r}.name')} ({_t(values, f'region.{r}.level')}, {_t(values, f'region.{r}.province')})"
        for r in _regions(values)
    )
    sentences = [
        f"This study reads {_t(values, 'documents.count')} documents on rural revitalization and new-type urbanization "
        f"in China, among them case studies of {areas}, against the public statistics they rest on."
    ]
    for region in _regions(values):
        code = _code(values, region)
        parent = _parent(code) if code else None
        compared = _compare(values, code, parent) if parent else None
        if compared:
            sentences.append(compared + ".")
    jump = _largest_jump(values)
    if jump:
        sentences.append(
            f"{_t(values, f'county.{jump}.name')}'s rise from {_t(values, f'county.{jump}.2010')} to "
            f"{_t(values, f'county.{jump}.2020')} rests on the 2010 count of a unit under another code and is not like for "
            "like."
        )
    if _has(values, "coupling.first.d", "coupling.latest.d", "coupling.provinces.count"):
        sentences.append(
            f"On one scale for China and its provinces, the coupling coordination degree D of urbanization and rural "
            f"revitalization is {_t(values, 'coupling.first.d')} for China in {_t(values, 'coupling.first.year')} and "
            f"{_t(values, 'coupling.latest.d')} in {_t(values, 'coupling.latest.year')}; of the "
            f"{_t(values, 'coupling.provinces.count')} provinces, {_province_ranks(values)}"
            + (
                f"; D is spatially clustered (Moran's I {_t(values, 'coupling.moran.last')})."
                if "coupling.moran.last" in values
                else "."
            )
        )
    sentences.append(f"Of {_t(values, 'claims.checked')} numeric claims in the documents, {_verdicts(values)}.")
    return "<p>" + " ".join(sentences) + "</p>"


def key_findings(values: dict, title_of: dict[str, str], targets: list[str]) -> str:
    """Five to seven findings, each with its numbers and a link to where they come from."""
    items = []
    for region in _regions(values):
        code = _code(values, region)
        parent = _parent(code) if code else None
        compared = _compare(values, code, parent) if parent else None
        if not compared:
            continue
        where = f"county.{code}.share_above"
        rank = (
            f"; {_t(values, where)} of China's county-level units had a higher rate in 2020" if where in values else ""
        )
        items.append(compared + rank + _xref(targets, f"tab-census-{region}") + ".")
    jump = _largest_jump(values)
    if jump:
        others = [c for c in _units_not_like_for_like(values) if c != jump]
        names = [_t(values, f"county.{c}.name") for c in others]
        flagged = f" {' and '.join(names)} {'is' if len(names) == 1 else 'are'} flagged too." if names else ""
        items.append(
            f"{_t(values, f'county.{jump}.name')} rose from {_t(values, f'county.{jump}.2010')} to "
            f"{_t(values, f'county.{jump}.2020')} urban ({_t(values, f'county.{jump}.change')}), the largest gain "
            "among the study areas' units, but the change is not like for like; the county analysis flags it: "
            f"“{_t(values, f'county.{jump}.caveat')}”{_xref(targets, 'tab-county-study-areas')}.{flagged}"
        )
    if _has(values, "county.fell", "county.comparable", "county.not_comparable"):
        moran = (
            f" Urbanization is spatially clustered over the counties (Moran's I {_t(values, 'county.moran.urbanization_2020')})."
            if "county.moran.urbanization_2020" in values
            else ""
        )
        items.append(
            f"Urban share fell between the censuses in {_t(values, 'county.fell')} of the {_t(values, 'county.comparable')} "
            f"county-level units whose two counts are like for like ({_t(values, 'county.fell_pct')}); "
            f"{_t(values, 'county.not_comparable')} units whose territory may have changed are left out"
            + _xref(targets, "fig-county_urbanization_lisa", "tab-county-moran")
            + f".{moran}"
        )
    if _has(values, "coupling.first.d", "coupling.sensitivity.ranks_kept", "coupling.sensitivity.largest.change"):
        items.append(
            f"Scored on the provinces' bounds and weights, China's coordination degree D is {_t(values, 'coupling.first.d')} "
            f"in {_t(values, 'coupling.first.year')} and {_t(values, 'coupling.latest.d')} in "
            f"{_t(values, 'coupling.latest.year')} ({_t(values, 'coupling.latest.class')}); among the "
            f"{_t(values, 'coupling.provinces.count')} provinces in {_t(values, 'coupling.provinces.year')}, "
            f"{_province_ranks(values)}. The ranks hold (Spearman at least {_t(values, 'coupling.sensitivity.ranks_kept_at')}) "
            f"under {_t(values, 'coupling.sensitivity.ranks_kept')} of {_t(values, 'coupling.sensitivity.count')} variants; "
            f"the variant “{html.escape(values['coupling.sensitivity.largest.change']['source'].split(': ', 1)[-1])}” "
            f"moves D most (mean change {_t(values, 'coupling.sensitivity.largest.change')})"
            + _xref(targets, "tab-coupling-sensitivity", "fig-coupling*")
            + "."
        )
    wrong = _wrong_year(values, title_of)
    if wrong:
        items.append(wrong + _xref(targets, "tab-disagreements", "tab-verdicts") + ".")
    items.append(
        f"Of {_t(values, 'claims.checked')} numeric claims, {_verdicts(values)}" + _xref(targets, "tab-verdicts") + "."
    )
    return '<ul class="findings">' + "".join(f"<li>{item}</li>" for item in items[:7]) + "</ul>"


# Each verdict's count as the sentence says it; a verdict no claim received is left out.
VERDICT_PHRASES = (
    ("claims.confirmed", "matches the statistics", "match the statistics"),
    ("claims.close", "is close", "are close"),
    ("claims.contradicted", "is contradicted", "are contradicted"),
    ("claims.wrong_year", "gives another year's value", "give another year's value"),
    (
        "claims.unverifiable",
        "cannot be checked (no series or year to compare with)",
        "cannot be checked (no series or year to compare with)",
    ),
    (
        "claims.not_a_statistic",
        "is a threshold or target, not a statistic",
        "are thresholds or targets, not statistics",
    ),
)


def _verdicts(values: dict) -> str:
    """'21 match the statistics, 1 gives another year's value and 15 cannot be checked ...' from the registry."""
    parts = [
        f"{_t(values, key)} {one if str(values[key]['text']) == '1' else many}"
        for key, one, many in VERDICT_PHRASES
        if key in values and str(values[key]["text"]) != "0"
    ]
    return ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else "".join(parts)


def _wrong_year(values: dict, title_of: dict[str, str]) -> str | None:
    """The first wrong-year claim, told whole: what the paper states, whose value of which year it is, and the
    linkage fund the same sentence goes on to give."""
    key = "wrong_year.1"
    if f"{key}.claim" not in values:
        return None
    text = (
        f"The Batang paper gives {_t(values, f'{key}.stated')} as the special poverty-alleviation fund of "
        f"{_t(values, f'{key}.stated_year')}; that is the fund of {_t(values, f'{key}.official_year')} "
        f"(source {_t(values, f'{key}.source')})"
    )
    linkage = "fund.linkage_fund_central.2021"
    if _has(values, linkage, f"{linkage}.yi", f"{linkage}.source"):
        text += (
            f". The same sentence goes on to {_t(values, f'{key}.stated_year')} and “{_t(values, f'{linkage}.yi')}”: "
            f"the linkage fund for rural revitalization that replaced the special fund that year, "
            f"{_t(values, linkage)} (source {_t(values, f'{linkage}.source')}). The paper most likely typed "
            f"{_t(values, f'{key}.stated_year')} for {_t(values, f'{key}.official_year')}"
        )
    if values.get(f"{key}.doc", {}).get("text") != "batang_common_prosperity":
        doc = values.get(f"{key}.doc", {}).get("text", "")
        text = text.replace("The Batang paper", f"“{html.escape(title_of.get(doc, doc))}”")
    return text
