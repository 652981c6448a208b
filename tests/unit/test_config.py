"""Config validation: the shipped config passes; typos, wrong types and unknown codes are named."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ruralrev.config import config_docs, load_schema, validate_config
from ruralrev.errors import UserError

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "workflow" / "schemas" / "config.schema.yaml"


def shipped() -> dict:
    return yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))


def test_shipped_config_is_valid_and_has_the_study_areas():
    config = validate_config(shipped(), SCHEMA)
    assert {r["id"]: r["admin_code"] for r in config["regions"]} == {"liupanshui": "520200", "batang": "513335"}


def test_add_regions_appends_to_regions():
    config = shipped()
    config["add_regions"] = [{"id": "kangding", "admin_code": "513301"}]
    assert [r["id"] for r in validate_config(config, SCHEMA)["regions"]] == ["liupanshui", "batang", "kangding"]


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda c: c.update(regoins=[]), r"unknown key 'regoins'"),
        (
            lambda c: c["regions"][0].update(admin_code=[520200]),
            r"regions\[0\]\.admin_code: \[520200\] should be of type",
        ),
        (lambda c: c["regions"][0].update(admin_code=5202), r"regions\[0\]\.admin_code: 5202 is less than"),
        (lambda c: c["regions"][1].update(admin_code="5133"), r"regions\[1\]\.admin_code: '5133' does not match"),
        (lambda c: c["regions"][0].update(id="Liu Panshui"), r"regions\[0\]\.id"),
        (lambda c: c["regions"][0].update(admin_code="999999"), r"region 'liupanshui': unknown admin code '999999'"),
        (lambda c: c["regions"].append({"id": "batang", "admin_code": "513301"}), r"region id 'batang' appears twice"),
        (
            lambda c: c.update(vintage_preference={"rural_population": "current"}),
            r"vintage_preference\.rural_population",
        ),
        (lambda c: c.update(urbanization_figure_places=["123456"]), r"urbanization_figure_places: unknown admin code"),
        (
            lambda c: c["figures"]["liupanshui_figure_1"].update(places=["123456"]),
            r"figures.liupanshui_figure_1: unknown admin code",
        ),
        (
            lambda c: c.update(vintage_preference={"urbanisation_rate": ["original"]}),
            r"vintage_preference\.urbanisation_rate: not an indicator",
        ),
    ],
)
def test_bad_config_is_named_in_one_line(change, message):
    config = shipped()
    change(config)
    with pytest.raises(UserError, match=message) as caught:
        validate_config(config, SCHEMA)
    assert "\n" not in str(caught.value)


def test_vintage_preference_accepts_panel_indicators_and_default():
    config = shipped()
    config["vintage_preference"] = {"default": ["current nbs series"], "urbanization_rate": ["as first published"]}
    assert validate_config(config, SCHEMA)["vintage_preference"]["urbanization_rate"] == ["as first published"]


def test_admin_codes_may_be_written_as_numbers():
    config = shipped()
    config["add_regions"] = [{"id": "anji", "admin_code": 330523}]
    config["urbanization_figure_places"] = [100000, "520000"]
    validated = validate_config(config, SCHEMA)
    assert validated["regions"][-1]["admin_code"] == "330523"
    assert validated["urbanization_figure_places"] == ["100000", "520000"]


def test_absent_keys_take_the_schema_default():
    config = validate_config({"regions": [{"id": "batang", "admin_code": "513335"}]}, SCHEMA)
    assert config["urbanization_figure_places"] == ["100000", "520000", "520200"]
    assert config["figures"] == {} and config["figure_contradicted"] == []
    assert config["report"]["title"].startswith("Rural revitalization")


def test_every_config_key_is_described_with_a_default():
    schema = load_schema(SCHEMA)

    def walk(properties, prefix=""):
        for key, node in properties.items():
            assert node.get("description"), f"{prefix}{key} has no description in the schema"
            assert "default" in node, f"{prefix}{key} has no default in the schema"
            walk(node.get("properties", {}), f"{prefix}{key}.")

    walk(schema["properties"])
    assert set(shipped()) <= set(schema["properties"])


def test_config_readme_is_generated_from_the_schema():
    readme = (ROOT / "config" / "README.md").read_text(encoding="utf-8")
    assert readme == config_docs(load_schema(SCHEMA)), (
        "config/README.md is stale: run `ruralrev config-docs > config/README.md`"
    )
