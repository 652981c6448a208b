"""The abstract and the key findings, written from the values registry.

Every number here is a registry entry's formatted text; each finding links to the figure, table or
ledger row it comes from (only to targets the page holds, so every link resolves).
"""

from __future__ import annotations

import html

from ruralrev.geo.boundaries import resolve
from ruralrev.report.claims import claim_anchor
from ruralrev.report.words import indicator_label


def _t(values: dict, name: str) -> str:
    """The escaped formatted text of one registry entry."""
    return html.escape(str(values[name]["text"]))


def _link(targets: list[str], text: str, *candidates: str) -> str:
    """A link to the first candidate id present on the page (plain text if none is)."""
    for target in candidates:
        if target in targets:
            return f'<a href="#{target}">{html.escape(text)}</a>'
    return html.escape(text)


def _xref(targets: list[str], *candidates: str) -> str:
    """'(Table 3)': a numbered cross-reference to the first candidate present, or nothing.

    A candidate ending in '*' stands for the first figure or table on the page whose id starts with it.
    """
    for candidate in candidates:
        found = (
            [t for t in targets if t.startswith(candidate[:-1])]
            if candidate.endswith("*")
            else [t for t in targets if t == candidate]
        )
        if found:
            return f' (<a class="xref" href="#{found[0]}"></a>)'
    return ""


def _regions(values: dict) -> list[str]:
    return sorted({name.split(".")[1] for name in values if name.startswith("region.") and name.endswith(".name")})


def abstract(values: dict, title_of: dict[str, str]) -> str:
    """One paragraph: documents read, claims and how they fared, the study areas, the period."""
    areas = "; ".join(
        f"{_t(values, f'region.{r}.name')} ({_t(values, f'region.{r}.level')}, {_t(values, f'region.{r}.province')})"
        for r in _regions(values)
    )
    return (
        f"<p>This report reads {_t(values, 'documents.count')} documents ({_t(values, 'documents.words')} words) on rural revitalization "
        f"and new-type urbanization, extracts {_t(values, 'claims.count')} numeric claims and checks each against a harmonized panel of "
        f"public statistics built from {_t(values, 'raw.files')} verified raw files ({_t(values, 'panel.rows')} rows, "
        f"{_t(values, 'panel.first_year')}–{_t(values, 'panel.last_year')}). {_t(values, 'claims.confirmed')} claims are confirmed, "
        f"{_t(values, 'claims.close')} close, {_t(values, 'claims.contradicted')} contradicted, {_t(values, 'claims.wrong_year')} "
        f"given for the wrong year, {_t(values, 'claims.unverifiable')} cannot be checked (no series or no year to compare with), and "
        f"for {_t(values, 'claims.not_a_statistic')} the number is a threshold or target, not a statistic. "
        f"The study areas are {areas}: each is mapped, its area computed and compared with the published figure, and its census "
        f"population and urbanization of 2010 and 2020 tabulated.</p>"
    )


def _urbanization(values: dict, targets: list[str]) -> str | None:
    parts = []
    for code in values["urbanization.places"]["text"].split():
        if f"urbanization.{code}.change" not in values:
            continue
        defs = {y: values[f"urbanization.{code}.{y}.definition"]["text"] for y in (2010, 2020)}
        other = [
            f"{year}: {definition.replace('_', '-')}" for year, definition in defs.items() if definition != "census"
        ]
        note = f" ({'; '.join(other)} figure, no census rate in the raw data)" if other else ""
        parts.append(
            f"{_t(values, f'urbanization.{code}.name')} {_t(values, f'urbanization.{code}.2010')} → "
            f"{_t(values, f'urbanization.{code}.2020')} ({_t(values, f'urbanization.{code}.change')}){html.escape(note)}"
        )
    if not parts:
        return None
    regions = [f"tab-census-{r}" for r in _regions(values)]
    ref = _xref(targets, "fig-liupanshui_figure_1", "fig-national_urbanization*", *regions)
    return f"Urbanization at the 2010 and 2020 censuses: {'; '.join(parts)}{ref}."


def key_findings(values: dict, title_of: dict[str, str], targets: list[str]) -> str:
    """Five to eight bullets, each with its numbers and a link to where they come from."""
    items = [
        f"Of {_t(values, 'claims.checked')} numeric claims in the documents, {_t(values, 'claims.confirmed')} match the panel's series, "
        f"{_t(values, 'claims.close')} are close, {_t(values, 'claims.contradicted')} are contradicted, {_t(values, 'claims.wrong_year')} "
        f"gives the value of another year, {_t(values, 'claims.unverifiable')} cannot be checked and "
        f"for {_t(values, 'claims.not_a_statistic')} the number is a threshold or target, not a statistic"
        f"{_xref(targets, 'tab-verdicts')}."
    ]
    number = 1
    while f"wrong_year.{number}.claim" in values:
        key = f"wrong_year.{number}"
        doc = values[f"{key}.doc"]["text"]
        start = values[f"{key}.claim"]["text"].split(":")[1].split("-")[0]
        link = _link(targets, "ledger row", claim_anchor(doc, start))
        what = indicator_label(values[f"{key}.indicator"]["text"]).lower()
        items.append(
            f"“{html.escape(title_of.get(doc, doc))}” gives {_t(values, f'{key}.stated')} ({html.escape(what)}) for "
            f"{_t(values, f'{key}.stated_year')}; that is the panel's {_t(values, f'{key}.official_year')} value "
            f"({_t(values, f'{key}.official')}, source {_t(values, f'{key}.source')}), not the "
            f"{_t(values, f'{key}.stated_year')} one; see the {link}."
        )
        number += 1
    urbanization = _urbanization(values, targets)
    if urbanization:
        items.append(urbanization)
    rural = "rural_population.100000"
    if f"{rural}.2017_2021.change" in values:
        items.append(
            f"China's rural population (year-end) fell from {_t(values, f'{rural}.2017')} in 2017 to {_t(values, f'{rural}.2021')} in 2021, "
            f"a change of {_t(values, f'{rural}.2017_2021.change')} ({_t(values, f'{rural}.2017_2021.change_pct')})"
            f"{_xref(targets, 'fig-batang_figure_1', 'tab-vintages')}."
        )
    areas = [
        f"{_t(values, f'region.{r}.name')} {_t(values, f'area.{r}.computed')} against a published {_t(values, f'area.{r}.published')} "
        f"({_t(values, f'area.{r}.published_by')}; difference {_t(values, f'area.{r}.difference_pct')})"
        f"{_xref(targets, f'tab-area-{r}')}"
        for r in _regions(values)
        if f"area.{r}.published" in values
    ]
    if areas:
        items.append(f"Areas computed from the boundaries in an equal-area projection: {'; '.join(areas)}.")
    items.extend(coupling_findings(values, targets))
    return '<ul class="findings">' + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def coupling_findings(values: dict, targets: list[str]) -> list[str]:
    """The coupling result, once the coupling analysis writes its values: China's level on the provinces' scale in
    the first and last year, and the study areas' provinces' ranks."""
    if "coupling.latest.class" not in values:
        return []
    text = (
        f"Coupling coordination of urbanization and rural revitalization, China: D = {_t(values, 'coupling.first.d')} in "
        f"{_t(values, 'coupling.first.year')} ({_t(values, 'coupling.first.class')}) and {_t(values, 'coupling.latest.d')} in "
        f"{_t(values, 'coupling.latest.year')} ({_t(values, 'coupling.latest.class')}), scored on the bounds and "
        "weights of the pooled provincial panel, so a level comparable with the provinces"
    )
    ranks = sorted(name for name in values if name.startswith("coupling.province.") and name.endswith(".rank"))
    if ranks and "coupling.provinces.year" in values:
        parts = []
        for name in ranks:
            code = name.split(".")[2]
            lag = (
                f", {_t(values, f'coupling.province.{code}.lag')}" if f"coupling.province.{code}.lag" in values else ""
            )
            parts.append(
                f"{html.escape(resolve(code).display_name)} ranks {_t(values, name)} "
                f"(D = {_t(values, f'coupling.province.{code}.d')}{lag})"
            )
        text += (
            f"; among the {_t(values, 'coupling.provinces.count')} provinces in "
            f"{_t(values, 'coupling.provinces.year')}, " + " and ".join(parts)
        )
    return [text + f"{_xref(targets, 'fig-coupling*')}."]
    return [
        f"Coupling coordination of urbanization and rural revitalization, China: D = {_t(values, 'coupling.first.d')} in "
        f"{_t(values, 'coupling.first.year')} ({_t(values, 'coupling.first.class')}) and {_t(values, 'coupling.latest.d')} in "
        f"{_t(values, 'coupling.latest.year')} ({_t(values, 'coupling.latest.class')}){_xref(targets, 'fig-coupling*')}."
    ]
