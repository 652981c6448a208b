"""Discussion and conclusions: the documents' own arguments set against what the data show. Every number is a
values-registry entry's text; a paragraph whose entries are missing is left out."""

from __future__ import annotations

import html

from ruralrev.report.findings import _largest_jump


class _Values:
    def __init__(self, values: dict) -> None:
        self.values = values

    def __call__(self, name: str) -> str:
        return html.escape(str(self.values[name]["text"]))

    def has(self, *names: str) -> bool:
        return all(name in self.values for name in names)


def liupanshui(values: dict) -> str:
    t = _Values(values)
    needed = ("urbanization.520200.2020", "urbanization.520000.2020", "coupling.province.520000.rank")
    if not t.has(*needed, "urbanization.520200.change", "urbanization.520000.change", "coupling.c.median"):
        return ""
    spread = (
        f" Its rank moves between {t('coupling.province.520000.rank_best')} and "
        f"{t('coupling.province.520000.rank_worst')} across the model variants."
        if t.has("coupling.province.520000.rank_best", "coupling.province.520000.rank_worst")
        else ""
    )
    v = lambda name: values[name]["value"]  # noqa: E731
    catching = v("urbanization.520200.2020") < v("urbanization.520000.2020") and v("urbanization.520200.change") > v(
        "urbanization.520000.change"
    )
    shows = "a city catching up with its province" if catching else "the city against its province"
    lag = t("coupling.province.520000.lag")
    meaning = {
        "urbanization lagging": "its rural-revitalization indicators stand higher on the provinces' scale than its "
        "urbanization indicators",
        "rural revitalization lagging": "its urbanization indicators stand higher on the provinces' scale than its "
        "rural-revitalization indicators",
    }.get(lag, "the two subsystems stand level")
    return (
        "<p><strong>The Liupanshui paper's case for coupling.</strong> The paper argues that rural revitalization and "
        "new-type urbanization are endogenously coupled and should develop in coordination. The census shows "
        f"{shows}: {t('urbanization.520200.2020')} urban in 2020 against {t('urbanization.520000.name')}'s "
        f"{t('urbanization.520000.2020')}, with a gain since 2010 of {t('urbanization.520200.change')} against "
        f"{t('urbanization.520000.change')}. The coupling analysis cannot be run for the city itself, which has no "
        f"annual series of either subsystem. For {t('urbanization.520000.name')} it gives rank "
        f"{t('coupling.province.520000.rank')} of {t('coupling.provinces.count')} ({lag}: {meaning}).{spread} Because the coupling degree "
        f"C is close to one for most province-years (median {t('coupling.c.median')}), D measures how far both "
        "subsystems have come more than how well they are coupled, and gives no verdict on how well the province's "
        "two subsystems are coordinated. The paper's own coupling figure is not in the corpus, so its index system cannot be "
        "compared with this one.</p>"
    )


def batang(values: dict) -> str:
    t = _Values(values)
    if not t.has(
        "wrong_year.1.official",
        "fund.linkage_fund_central.2021.yi",
        "urbanization.513335.2020",
        "urbanization.513300.2020",
        "urbanization.513300.name",
    ):
        return ""
    rank = (
        f", lower than {t('county.513335.share_above')} of China's county-level units"
        if t.has("county.513335.share_above")
        else ""
    )
    return (
        "<p><strong>The Batang paper's “effective connection”.</strong> The paper is about connecting the "
        "achievements of poverty alleviation with rural revitalization. Its sentence on central funds, read with the "
        f"right years, spans that connection itself: {t('wrong_year.1.official')} was the last special "
        f"poverty-alleviation fund ({t('wrong_year.1.official_year')}), and the “{t('fund.linkage_fund_central.2021.yi')}” "
        f"it gives for {t('wrong_year.1.stated_year')} is, in 亿元, the {t('fund.linkage_fund_central.2021')} of the "
        "first linkage fund for rural revitalization, which took the special fund's place. The paper dates the first "
        "figure a year late and calls both the special poverty-alleviation fund. Batang itself was "
        f"{t('urbanization.513335.2020')} urban at the 2020 census against {t('urbanization.513300.name')}'s "
        f"{t('urbanization.513300.2020')}"
        f"{rank}. The paper's figures about the county itself cannot be checked: the panel holds no annual series for "
        "Batang, only the two censuses.</p>"
    )


def county(values: dict) -> str:
    t = _Values(values)
    if not t.has("county.fell", "county.comparable", "county.not_comparable", "county.moran.urbanization_2020"):
        return ""
    return (
        "<p><strong>The county as the fulcrum.</strong> The commentary takes the county as the spatial fulcrum of "
        "urban–rural integration. The census supports looking there: urbanization is clustered over county-level "
        f"units (Moran's I {t('county.moran.urbanization_2020')} in 2020, "
        f"{t('county.moran.urbanization_change_pp')} for the change since 2010), and the change is uneven, with "
        f"{t('county.fell')} of {t('county.comparable')} like-for-like units losing urban share. It is also where "
        f"comparisons break: {t('county.not_comparable')} units may have changed territory between the censuses, "
        "and their change is a change of unit, not of urbanization.</p>"
    )


def reading(values: dict) -> str:
    t = _Values(values)
    items = [
        "Census counts and year-end estimates are different definitions; a paper that joins them, or quotes a "
        "series before the 2021 revision, differs from the panel for that reason, not for an error of fact."
    ]
    jump = _largest_jump(values)
    if jump and t.has(f"county.{jump}.change"):
        items.append(
            f"A county-level gain such as {t(f'county.{jump}.name')}'s {t(f'county.{jump}.change')} is a change of "
            "unit when the crosswalk carries another code's 2010 count; it is not evidence of urbanization."
        )
    if t.has("coupling.sensitivity.weighting.change", "coupling.sensitivity.ranks_kept", "coupling.sensitivity.count"):
        items.append(
            "A coupling coordination degree is a level on the scale of its sample and weights: here one weighting "
            f"variant alone changes D by {t('coupling.sensitivity.weighting.change')} on average, and the provinces' ranking "
            f"holds under {t('coupling.sensitivity.ranks_kept')} of {t('coupling.sensitivity.count')} variants. "
            "Class labels and middle ranks should be read with the sensitivity beside them."
        )
    items.append(
        f"Of the documents' {t('claims.checked')} numeric claims, {t('claims.confirmed')} match the statistics and "
        f"{t('claims.unverifiable')} cannot be checked against any series read: their numbers are mostly right where "
        "they can be checked, and what the Batang paper says about the county itself rests on figures no public "
        "series read here covers."
    )
    return (
        "<p><strong>What this changes in how the papers' numbers should be read.</strong></p><ul>"
        + "".join(f"<li>{item}</li>" for item in items)
        + "</ul>"
    )


def conclusions(values: dict) -> str:
    t = _Values(values)
    parts = []
    pairs = [("520200", "520000"), ("513335", "513300")]
    if t.has(*[f"urbanization.{c}.2020" for pair in pairs for c in pair]):
        lower = all(
            values[f"urbanization.{a}.2020"]["value"] < values[f"urbanization.{b}.2020"]["value"] for a, b in pairs
        )
        if lower:
            parts.append(
                "Both study areas were less urban than their parent units at the 2020 census "
                f"(Liupanshui {t('urbanization.520200.2020')}, Batang {t('urbanization.513335.2020')})."
            )
    if t.has("coupling.latest.d", "coupling.latest.class"):
        parts.append(
            "On one national scale, coordination of urbanization and rural revitalization is at the "
            f"“{t('coupling.latest.class')}” level for China ({t('coupling.latest.d')} in "
            f"{t('coupling.latest.year')}); across the provinces D is clustered in space, and its levels are sensitive to "
            "the weighting."
        )
    if (
        values.get("claims.contradicted", {}).get("value") == 0
        and values.get("claims.wrong_year", {}).get("value") == 1
    ):
        parts.append(
            "The documents' figures hold where they can be checked, except one misdated year; the largest county gain "
            "in the study areas is a change of unit."
        )
    return f"<p>{' '.join(parts)}</p>" if parts else ""


def chapter(values: dict) -> str:
    """The Discussion and the Conclusions, as HTML (headings come from the notebook)."""
    return "".join(part(values) for part in (liupanshui, batang, county, reading))
