"""environment.yml (conda) and pyproject.toml pin the same packages; the lock agrees with both."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pyproject_pins() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = {}
    for requirement in project["dependencies"]:
        name, _, version = requirement.partition("==")
        assert version, f"{requirement} in pyproject.toml is not pinned with =="
        pins[normalize(name)] = version
    return pins


def environment_pins() -> dict[str, str]:
    spec = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pins = {}
    for dependency in spec["dependencies"]:
        if isinstance(dependency, dict):
            for requirement in dependency.get("pip", []):
                name, _, version = requirement.partition("==")
                pins[normalize(name)] = version.split("#")[0].strip()
        elif "=" in dependency:
            name, _, version = dependency.partition("=")
            if name not in ("python",):
                pins[normalize(name)] = version
    return pins


def test_environment_yml_and_pyproject_pin_the_same_packages():
    assert environment_pins() == pyproject_pins()


def test_lock_file_holds_every_direct_pin():
    lock = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            lock[normalize(name)] = version
    for name, version in pyproject_pins().items():
        assert lock.get(name) == version, f"requirements.lock has {name}=={lock.get(name)}, pyproject {version}"


def test_required_packages_are_present():
    required = {"snakemake", "pandas", "geopandas", "matplotlib", "jupyter", "papermill", "pytest"}
    assert required <= set(pyproject_pins())
