"""The figure kinds and what each reads: plain data, so the Snakefile can plan inputs without drawing code."""

from __future__ import annotations

# kind -> processed files it reads (keys of `ruralrev figure --input`); raw tables come from the entry's `file`.
KIND_INPUTS: dict[str, tuple[str, ...]] = {
    "places": ("indicators",),
    "vintages": ("indicators",),
    "panels": ("indicators",),
    "stated_bars": ("indicators", "claims", "claim_checks"),
    "province_map": ("indicators",),
    "raw_table": (),
    "policy_table": ("policies",),
    "external": (),
}
TABLE_KINDS = ("raw_table", "policy_table")
EXTERNAL = "external"  # drawn by another stage; listed in the index only


def registry_entries(config: dict) -> dict[str, dict]:
    """The `figures` entries of a config; a `places` entry naming no places compares urbanization_figure_places."""
    places = config.get("urbanization_figure_places") or []
    return {
        key: {"places": places, **spec} if spec.get("kind") == "places" else spec
        for key, spec in (config.get("figures") or {}).items()
    }
