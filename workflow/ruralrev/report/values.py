"""The registry of named values: every number the report's prose states, computed from the outputs.

`data/processed/values.json` maps a name to its value, unit, formatted text and where it comes
from (file and rows). The narrative (abstract, key findings, section summaries) reads its numbers
from here, and a test checks that every number in the prose is one the registry holds.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ruralrev import register
from ruralrev.coupling import narrative as coupling_narrative
from ruralrev.coupling import summary as coupling_summary
from ruralrev.crosscheck import aggregates
from ruralrev.figures.series import select
from ruralrev.files import write_json
from ruralrev.geo import boundaries
from ruralrev.report import values_places

VERDICTS = ("confirmed", "close", "contradicted", "wrong_year", "unverifiable", "not_a_statistic")
CENSUS_YEARS = (2010, 2020)


def fmt_number(value: float, decimals: int = 0) -> str:
    """A number with thousands separators and a fixed number of decimals."""
    return f"{value:,.{decimals}f}"


def fmt_scaled(value: float, unit: str) -> tuple[float, str, str]:
    """Persons in millions (2 decimals), yuan in billions (up to 3 decimals), rates to 2 decimals."""
    if unit == "person" and abs(value) >= 1e6:
        return value / 1e6, "million persons", f"{value / 1e6:,.2f} million"
    if unit == "yuan" and abs(value) >= 1e9:
        text = f"{value / 1e9:,.3f}".rstrip("0").rstrip(".")
        return value / 1e9, "billion yuan", f"{text} billion yuan"
    if unit == "percent":
        return value, "percent", f"{value:,.2f}%"
    if unit == "km2":
        return value, "km²", f"{value:,.0f} km²" if float(value).is_integer() else f"{value:,.1f} km²"
    return value, unit, f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


class Registry:
    """Named values in the order they are added; `add` returns the formatted text."""

    def __init__(self) -> None:
        self.entries: dict[str, dict] = {}

    def add(self, name: str, value, unit: str, text: str, source: str) -> str:
        """Record one value (a plain Python number) with its formatted text and provenance."""
        value = value.item() if hasattr(value, "item") else value
        self.entries[name] = {"name": name, "value": value, "unit": unit, "text": text, "source": source}
        return text

    def count(self, name: str, value: int, what: str, source: str) -> str:
        """A count of things (documents, claims, rows)."""
        return self.add(name, int(value), what, fmt_number(int(value)), source)

    def measure(self, name: str, value: float, unit: str, source: str) -> str:
        """A statistic in its unit, at the report's stated rounding."""
        scaled, scaled_unit, text = fmt_scaled(float(value), unit)
        return self.add(name, round(scaled, 6), scaled_unit, text, source)


def _row_source(row: pd.Series) -> str:
    """'raw_file row N (source id)', or the derivation of a derived row."""
    if row.get("source") == "derived":
        return f"derived: {row['derivation']}"
    return f"{row['raw_file']} row {int(row['raw_row'])} (source {row['source']})"


def add_corpus(
    reg: Registry, documents: pd.DataFrame, claims: pd.DataFrame, captions: pd.DataFrame, policies: pd.DataFrame
) -> None:
    """How much was read: documents, words, claims, captions, policies."""
    src = "data/processed/{}.csv"
    reg.count("documents.count", len(documents), "documents", src.format("documents") + ": rows")
    reg.count("documents.words", documents["words"].sum(), "words", src.format("documents") + ": sum of words")
    reg.count("claims.count", len(claims), "numeric claims", src.format("claims") + ": rows")
    reg.count("captions.count", len(captions), "captions", src.format("captions") + ": rows")
    reg.count("policies.count", len(policies), "named policies and events", src.format("policies") + ": rows")


def add_ledger(reg: Registry, ledger: pd.DataFrame) -> None:
    """Claims checked by verdict, and each claim that gives a value for the wrong year."""
    src = "data/processed/claim_checks.csv"
    reg.count("claims.checked", len(ledger), "claims", f"{src}: rows")
    for verdict in VERDICTS:
        reg.count(
            f"claims.{verdict}", ledger["verdict"].eq(verdict).sum(), "claims", f"{src}: rows with verdict {verdict}"
        )
    for number, (_, row) in enumerate(ledger[ledger["verdict"].eq("wrong_year")].iterrows(), start=1):
        ref = f"{src}: claim {row['doc']}:{int(row['start'])}-{int(row['end'])}"
        reg.add(f"wrong_year.{number}.stated", float(row["value"]), str(row["unit"]), str(row["text"]), ref)
        official = f"{row['raw_file']} row {row['raw_row']} (source {row['source']})"
        reg.measure(f"wrong_year.{number}.official", row["official_value"], str(row["official_unit"]), official)
        claim = f"{row['doc']}:{int(row['start'])}-{int(row['end'])}"
        for key, text in (("claim", claim), ("doc", row["doc"]), ("indicator", row["indicator"])):
            reg.add(f"wrong_year.{number}.{key}", text, "", str(text), ref)
        reg.add(f"wrong_year.{number}.stated_year", int(row["year"]), "year", str(int(row["year"])), ref)
        reg.add(
            f"wrong_year.{number}.official_year",
            int(row["official_year"]),
            "year",
            str(int(row["official_year"])),
            official,
        )
        reg.add(f"wrong_year.{number}.source", row["source"], "", str(row["source"]), official)


def _census_or_year_end(panel: pd.DataFrame, code: str, indicator: str, year: int) -> pd.Series | None:
    """The preferred census value of a place and year, else the preferred year-end value."""
    rows = select(panel, indicator, code, range(year, year + 1), ("census", "year_end"))
    return rows.iloc[0] if len(rows) else None


def urbanization_places(admin_codes: list[str]) -> list[str]:
    """China, then each configured region's province and the region itself (codes, no repeats)."""
    places = ["100000"]
    for code in admin_codes:
        unit = boundaries.resolve(code)
        parents = (unit.province_code, unit.prefecture_code if unit.level == "county" else None, unit.code)
        places += [c for c in parents if c and c not in places]
    return places


def add_urbanization(reg: Registry, panel: pd.DataFrame, places: list[str]) -> None:
    """Urbanization rates at the 2010 and 2020 censuses (year-end where no census rate) and the change."""
    for code in places:
        rows = {year: _census_or_year_end(panel, code, "urbanization_rate", year) for year in CENSUS_YEARS}
        for year, row in rows.items():
            if row is not None:
                reg.measure(f"urbanization.{code}.{year}", row["value"], "percent", _row_source(row))
                reg.add(
                    f"urbanization.{code}.{year}.definition", row["definition"], "", row["definition"], _row_source(row)
                )
                reg.add(
                    f"urbanization.{code}.name",
                    row["geo_name"],
                    "",
                    str(row["geo_name"]),
                    "indicators.parquet: geo_name",
                )
        if all(row is not None for row in rows.values()):
            change = round(rows[2020]["value"], 2) - round(rows[2010]["value"], 2)
            sources = f"urbanization.{code}.2020 minus urbanization.{code}.2010 (rounded values)"
            reg.add(f"urbanization.{code}.change", round(change, 2), "percentage points", f"{change:+.2f} pp", sources)
    reg.add("urbanization.places", " ".join(places), "", " ".join(places), "China, the regions' provinces, the regions")


def add_series_change(reg: Registry, panel: pd.DataFrame, code: str, indicator: str, years: tuple[int, int]) -> None:
    """A national year-end series at two years and its change, e.g. China's rural population 2017→2021."""
    found = select(panel, indicator, code, years, ("year_end",)).set_index("year", drop=False)
    rows = {year: found.loc[year] for year in years if year in found.index}
    for year, row in rows.items():
        reg.measure(f"{indicator}.{code}.{year}", row["value"], row["unit"], _row_source(row))
    if len(rows) == 2:
        first, last = (rows[y]["value"] for y in years)
        name = f"{indicator}.{code}.{years[0]}_{years[1]}"
        reg.measure(
            f"{name}.change", last - first, rows[years[0]]["unit"], f"{indicator}.{code}.{years[1]} minus .{years[0]}"
        )
        percent = (last - first) / first * 100
        reg.add(
            f"{name}.change_pct",
            round(percent, 1),
            "percent",
            f"{percent:+.1f}%",
            f"change divided by the {years[0]} value",
        )


def add_areas(reg: Registry, regions: pd.DataFrame, panel: pd.DataFrame, records: dict[str, dict]) -> None:
    """Each study area's computed area beside its preferred published land area, with who published it and
    whether that publisher is official (the source register)."""
    for _, region in regions.iterrows():
        rid, code = region["region_id"], region["admin_code"]
        name = region["name_en"] if isinstance(region["name_en"], str) else region["name_zh"]
        for key, text in (("name", name), ("level", region["level"]), ("province", region["province"])):
            reg.add(f"region.{rid}.{key}", text, "", text, "data/processed/regions.csv")
        reg.measure(
            f"area.{rid}.computed",
            region["area_km2"],
            "km2",
            "data/processed/regions.csv: area_km2 (equal-area projection)",
        )
        official = panel[(panel["geo_code"] == code) & (panel["indicator"] == "land_area") & panel["preferred"]]
        if len(official):
            row = official.iloc[0]
            reg.measure(f"area.{rid}.published", row["value"], "km2", _row_source(row))
            record = records.get(row["source"], {})
            said = register.attribution(record)
            reg.add(f"area.{rid}.published_by", said, "", said, f"data/raw/source_register.csv: {row['source']}")
            diff = (region["area_km2"] - row["value"]) / row["value"] * 100
            diff = round(diff, 2) + 0.0  # no "-0.00"
            reg.add(
                f"area.{rid}.difference_pct",
                diff,
                "percent",
                f"{diff:+.2f}%" if diff else "0.00%",
                "computed minus published, over published",
            )


def add_panel(
    reg: Registry, panel: pd.DataFrame, conflicts: pd.DataFrame, missing: pd.DataFrame, crosswalk: pd.DataFrame
) -> None:
    """Size of the harmonized panel and of its conflict, missing and crosswalk tables."""
    derived = panel["source"].eq("derived")
    src = "data/processed/indicators.parquet"
    reg.count("panel.rows", len(panel), "rows", f"{src}: rows")
    reg.count("panel.indicators", panel["indicator"].nunique(), "indicators", f"{src}: distinct indicator")
    reg.count("panel.places", panel["geo_code"].nunique(), "places", f"{src}: distinct geo_code")
    reg.count("panel.derived", derived.sum(), "rows", f"{src}: rows with source 'derived'")
    reg.count("panel.raw", (~derived).sum(), "rows", f"{src}: rows from raw tables")
    reg.count("panel.raw_files", panel.loc[~derived, "raw_file"].nunique(), "files", f"{src}: distinct raw_file")
    reg.count("panel.conflicts", len(conflicts), "rows", "data/processed/conflicts.csv: rows")
    reg.count("panel.missing", len(missing), "rows", "data/processed/missing.csv: rows")
    for key, year in (("first_year", panel["year"].min()), ("last_year", panel["year"].max())):
        reg.add(f"panel.{key}", int(year), "year", str(int(year)), f"{src}: {key.replace('_', ' ')}")
    reg.count("crosswalk.codes", len(crosswalk), "county codes", "data/processed/crosswalk.csv: rows")
    for rule, group in crosswalk.groupby("rule"):
        reg.count(
            f"crosswalk.{rule}", len(group), "county codes", f"data/processed/crosswalk.csv: rows with rule {rule}"
        )


def add_method(reg: Registry) -> None:
    """Constants of the method that the prose states (the cross-check's margin for "close")."""
    margin = aggregates.CLOSE_MARGIN * 100
    reg.add("method.close_margin", margin, "percent", f"{margin:g}%", "ruralrev.crosscheck.aggregates.CLOSE_MARGIN")


def add_coupling(reg: Registry, folder: Path) -> None:
    """The coupling stage's numbers the prose states, from its tables and coupling_config.json in `folder`."""
    config = json.loads((Path(folder) / "coupling_config.json").read_text(encoding="utf-8"))
    frames = coupling_narrative.read(folder)
    for entry in coupling_summary.registry_values(frames["coupling"], config):
        reg.add(**entry)
    for entry in coupling_narrative.entries(frames, config).values():
        reg.add(**entry)


def build_values(
    processed: Path,
    admin_codes: list[str],
    inventory: pd.DataFrame,
    coupling: Path | None = None,
    records: dict[str, dict] | None = None,
) -> dict[str, dict]:
    """All named values, from the processed outputs of the workflow."""
    read = lambda name: pd.read_csv(processed / f"{name}.csv", dtype={"geo_code": str, "admin_code": str})  # noqa: E731
    panel = pd.read_parquet(processed / "indicators.parquet")
    reg = Registry()
    add_method(reg)
    reg.count("raw.files", len(inventory), "raw files", "data/raw/manifest.yaml: verified files")
    add_corpus(reg, read("documents"), read("claims"), read("captions"), read("policies"))
    add_ledger(reg, read("claim_checks"))
    add_urbanization(reg, panel, urbanization_places(admin_codes))
    add_series_change(reg, panel, "100000", "rural_population", (2017, 2021))
    add_areas(reg, read("regions"), panel, records or {})
    values_places.add_funds(reg, panel)
    add_panel(
        reg,
        panel,
        read("conflicts"),
        pd.read_csv(processed / "missing.csv", dtype=str),
        pd.read_csv(processed / "crosswalk.csv", dtype=str),
    )
    if (processed / "county_urbanization.csv").exists():
        county = pd.read_csv(processed / "county_urbanization.csv", dtype={"admin_code": str, "province_code": str})
        regions = read("regions")
        codes = dict(zip(regions["region_id"], regions["admin_code"]))
        values_places.add_counties(reg, county, codes)
    if coupling is not None:
        add_coupling(reg, coupling)
        provinces = sorted({boundaries.resolve(code).province_code for code in admin_codes} - {None})
        values_places.add_rank_ranges(reg, coupling, provinces)
        values_places.add_sensitivity_summary(reg, coupling)
    return reg.entries


def write_values(entries: dict[str, dict], path: Path) -> None:
    """The registry as JSON: {name: {name, value, unit, text, source}}, names sorted."""
    write_json(entries, path)


def load_values(path: Path) -> dict[str, dict]:
    """The registry written by `write_values`."""
    return json.loads(Path(path).read_text(encoding="utf-8"))
