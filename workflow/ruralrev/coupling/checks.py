"""Checks of the `coupling` config section that need no data: run when the config is validated, so a bad choice
stops the workflow before any job starts (one line naming the key)."""

from __future__ import annotations

from ruralrev.errors import UserError

SUBSYSTEM_KEYS = {"urbanization": "U1", "rural_revitalization": "U2"}


def check_classes(classes: list[tuple[float, str]], where: str = "coupling.classes") -> None:
    """UserError unless the upper bounds rise strictly from above 0 to exactly 1."""
    uppers = [upper for upper, _ in classes]
    if not uppers or uppers[-1] != 1.0 or any(b <= a for a, b in zip([0.0] + uppers, uppers)):
        raise UserError(f"{where}: upper bounds {uppers} must rise strictly and end at 1.0; fix the class table")


def _check_indicators(config: dict, known: set[str] | None, source: str) -> None:
    seen: set[str] = set()
    first, last = config["window"]
    ends = config.get("series_end") or {}
    for position, item in enumerate(config["indicators"]):
        where = f"{source}: key coupling.indicators[{position}]"
        for part in ("numerator", "denominator"):
            name = item.get(part)
            if known is not None and name and name not in known:
                raise UserError(
                    f"{where}.{part}: {name!r} is not an indicator of the panel; use a name from "
                    "workflow/ruralrev/data/indicator_map.csv (e.g. disposable_income_rural)"
                )
            if name in ends and last > int(ends[name]):
                raise UserError(
                    f"{where}.{part}: {name!r} ends in {ends[name]} (coupling.series_end) but the window runs to "
                    f"{last}; a block of values that no longer exist would score as the worst; leave it out or end "
                    "the window there"
                )
        if item["name"] in seen:
            raise UserError(f"{where}: indicator {item['name']!r} is listed twice; list it once or rename it")
        seen.add(item["name"])
        dimensions = config["dimensions"][item["subsystem"]]
        if item["dimension"] not in dimensions:
            raise UserError(
                f"{where}.dimension: {item['dimension']!r} is not a dimension of {item['subsystem']} "
                f"({', '.join(dimensions)}); add it to coupling.dimensions.{item['subsystem']} or fix the name"
            )
    for key, sub in SUBSYSTEM_KEYS.items():
        if not any(item["subsystem"] == key for item in config["indicators"]):
            raise UserError(f"{source}: key coupling.indicators: no indicator of {key} ({sub}); add at least one")
    if first > last:
        raise UserError(f"{source}: key coupling.window: {first} > {last}; give [first, last]")
    for position, item in enumerate(config.get("exceptions") or []):
        unknown = [name for name in item["indicators"] if name not in seen]
        if unknown:
            raise UserError(
                f"{source}: key coupling.exceptions[{position}].indicators: {unknown[0]!r} is not a configured "
                "indicator; use a name from coupling.indicators"
            )
        if item["years"][0] > item["years"][1]:
            raise UserError(f"{source}: key coupling.exceptions[{position}].years: give [first, last]")


def _check_regions(config: dict, source: str) -> None:
    owner: dict[str, str] = {}
    for region, codes in (config.get("regions") or {}).items():
        for code in codes:
            code = str(code)
            if code in owner:
                raise UserError(
                    f"{source}: key coupling.regions.{region}: {code} is already in {owner[code]}; a province "
                    "belongs to one region"
                )
            owner[code] = region


def check_coupling(config: dict, known: set[str] | None, source: str = "config") -> None:
    """UserError for an unknown panel indicator (unless known is None), a name listed twice, an unknown dimension,
    an ended series in a window past its end, alpha + beta != 1, a bad class table, a window given backwards, a
    province in two regions or lag bounds out of order."""
    _check_indicators(config, known, source)
    if abs(config["alpha"] + config["beta"] - 1.0) > 1e-9:
        raise UserError(
            f"{source}: key coupling.alpha/beta: {config['alpha']} + {config['beta']} must be 1; fix one of them"
        )
    check_classes([(float(c["upper"]), str(c["name"])) for c in config["classes"]], f"{source}: key coupling.classes")
    _check_regions(config, source)
    low, high = config["lag_bounds"]
    if not 0 < low <= 1 <= high:
        raise UserError(f"{source}: key coupling.lag_bounds: [{low}, {high}] must satisfy 0 < lower <= 1 <= upper")
