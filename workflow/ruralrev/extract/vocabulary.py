"""The words the claim extractor knows (scales, units, count nouns, qualifiers, indicators), from
data/claim_vocabulary.yaml."""

from __future__ import annotations

from functools import cache

import yaml

from ruralrev.files import package_data


@cache
def vocabulary() -> dict:
    """The parsed claim vocabulary (scales, units, nouns, qualifiers, indicators)."""
    return yaml.safe_load(package_data("claim_vocabulary.yaml").read_text(encoding="utf-8"))
