"""Config validation: the shipped config passes; typos, wrong types and unknown codes are named."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ruralrev.config import validate_config
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
        (lambda c: c["regions"][0].update(admin_code=520200), r"regions\[0\]\.admin_code: 520200 should be of type string"),
        (lambda c: c["regions"][1].update(admin_code="5133"), r"regions\[1\]\.admin_code: '5133' does not match"),
        (lambda c: c["regions"][0].update(id="Liu Panshui"), r"regions\[0\]\.id"),
        (lambda c: c["regions"][0].update(admin_code="999999"), r"region 'liupanshui': unknown admin code '999999'"),
        (lambda c: c["regions"].append({"id": "batang", "admin_code": "513301"}), r"region id 'batang' appears twice"),
        (lambda c: c.update(vintage_preference={"rural_population": "current"}), r"vintage_preference\.rural_population"),
        (lambda c: c.update(urbanization_figure_places=["123456"]), r"urbanization_figure_places: unknown admin code"),
        (lambda c: c.update(vintage_preference={"urbanisation_rate": ["original"]}), r"vintage_preference\.urbanisation_rate: not an indicator"),
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
