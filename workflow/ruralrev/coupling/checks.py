"""Checks of the `coupling` config section that need no data: run when the config is validated, so a
bad choice stops the workflow before any job starts (one line naming the key)."""

from __future__ import annotations

from ruralrev.errors import UserError

SUBSYSTEM_KEYS = {"urbanization": "U1", "rural_revitalization": "U2"}


def check_classes(classes: list[tuple[float, str]], where: str = "coupling.classes") -> None:
    """UserError unless the upper bounds rise strictly from above 0 to exactly 1."""
    uppers = [upper for upper, _ in classes]
    if not uppers or uppers[-1] != 1.0 or any(b <= a for a, b in zip([0.0] + uppers, uppers)):
        raise UserError(f"{where}: upper bounds {uppers} must rise strictly and end at 1.0; fix the class table")


def indicator_name(item: dict) -> str:
    """Name of a configured indicator: `name`, else the panel indicator (or `<indicator>_per_<per>`)."""
    if item.get("name"):
        return str(item["name"])
    return f"{item['indicator']}_per_{item['per']}" if item.get("per") else str(item["indicator"])


def check_coupling(config: dict, known: set[str] | None, source: str = "config") -> None:
    """UserError for an unknown panel indicator (unless known is None), a name listed twice, alpha + beta != 1,
    a bad class table or a year window given backwards."""
    seen: set[str] = set()
    for key in SUBSYSTEM_KEYS:
        for position, item in enumerate(config["subsystems"][key]):
            where = f"{source}: key coupling.subsystems.{key}[{position}]"
            for field in ("indicator", "per"):
                if known is not None and item.get(field) and item[field] not in known:
                    raise UserError(
                        f"{where}.{field}: {item[field]!r} is not an indicator of the panel; use a name "
                        "from workflow/ruralrev/data/indicator_map.csv (e.g. disposable_income_rural)"
                    )
            name = indicator_name(item)
            if name in seen:
                raise UserError(f"{where}: indicator {name!r} is listed twice; list it once or give it another name")
            seen.add(name)
    if abs(config["alpha"] + config["beta"] - 1.0) > 1e-9:
        raise UserError(
            f"{source}: key coupling.alpha/beta: {config['alpha']} + {config['beta']} must be 1; fix one of them"
        )
    check_classes([(float(c["upper"]), str(c["name"])) for c in config["classes"]], f"{source}: key coupling.classes")
    for key in ("national_years", "province_years"):
        first, last = config[key]
        if first > last:
            raise UserError(f"{source}: key coupling.{key}: {first} > {last}; give [first, last]")
