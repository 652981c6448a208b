"""The words the Chinese claim reader knows (data/claim_vocabulary_zh.yaml) and the regular expressions built
from them once."""

from __future__ import annotations

import re
from functools import cache

import yaml

from ruralrev.files import package_data


def alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def vocabulary() -> dict:
    """The parsed Chinese claim vocabulary."""
    return yaml.safe_load(package_data("claim_vocabulary_zh.yaml").read_text(encoding="utf-8"))


@cache
def patterns() -> dict[str, re.Pattern]:
    vocab = vocabulary()
    before = vocab["qualifiers_before"]
    return {
        "scale": re.compile(rf"\s?(?:{alternation(vocab['scales'])})"),
        "unit": re.compile(rf"\s?(?:{alternation(vocab['units'])})"),
        "noun": re.compile(alternation(vocab["classifier_nouns"])),
        "noun_phrase": re.compile(rf"[\u4e00-\u9fff]{{0,10}}?(?P<noun>{alternation(vocab['classifier_nouns'])})"),
        "bare_noun": re.compile(
            rf"\s?(?P<noun>{alternation(vocab['counted_without_classifier'])})(?!{alternation(vocab['compounds_after'])})"
        ),
        "non_claim_unit": re.compile(rf"\s?(?:{alternation(vocab['non_claim_units'])})"),
        "person": re.compile(alternation(vocab["person_words"])),
        "bound_before": re.compile(
            rf"(?P<q>{'|'.join(f'(?P<{name}>{alternation(words)})' for name, words in before.items())})\s*$"
        ),
        "change_before": re.compile(
            rf"(?:{alternation(vocab['change_before'])})(?:了)?(?:{alternation(sum(before.values(), []))})?\s*$"
        ),
    }
