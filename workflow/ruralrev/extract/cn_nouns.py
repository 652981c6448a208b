"""What a Chinese count counts: the noun after its classifier ("32个贫困县" -> county, "65个市级经济薄弱村" ->
village, "832个国家扶贫开发工作重点县" -> county, "49个国家" -> country), or a noun written right after the
digits without one ("9省19县", "27省份", "2700多万处")."""

from __future__ import annotations

import re

from ruralrev.extract.cn_vocabulary import patterns, vocabulary

CLASSIFIER = re.compile(r"\s?个(?!百分点)")
# a noun that also modifies the noun after it ("国家扶贫开发工作重点县"), as any does before 级 ("市级经济薄弱村"):
# the phrase's last noun is counted
MODIFIERS = {"国家"}
# a phrase ends at a coordination: "49个国家和地区" counts countries
COORDINATION = re.compile(r"[和与及、]")
NUMBER_INSIDE = re.compile(r"[\d十百千万亿]")
YEAR = re.compile(r"1[89]\d\d|20\d\d")


def after_classifier(sentence: str, pos: int) -> tuple[str, int, int] | None:
    """(unit, end of its noun, end of the claim) of a count whose classifier 个 stands at `pos` ("?count" where
    the noun is named elsewhere in the sentence, resolved by the reader), None where no classifier stands there.
    The claim spans its noun's phrase ("88个贫困县"), up to its classifier where the phrase holds another
    number ("4个千亿级产业集群" states 4, not 千亿)."""
    counted = CLASSIFIER.match(sentence, pos)
    if not counted:
        return None
    pats, nouns = patterns(), vocabulary()["classifier_nouns"]
    pos = counted.end()
    direct = pats["noun"].match(sentence, pos)
    if direct and (direct.group() in MODIFIERS or sentence.startswith("级", direct.end())):
        phrase = pats["noun_phrase"].match(sentence, direct.end())
        if phrase and not COORDINATION.search(sentence, direct.end(), phrase.start("noun")):
            return nouns[phrase["noun"]], phrase.end(), _span_end(sentence, pos, phrase.end())
        if sentence.startswith("级", direct.end()):
            return "?count", pos, pos  # "3个省级": the noun is named elsewhere
    if direct:
        return nouns[direct.group()], direct.end(), direct.end()
    if phrase := pats["noun_phrase"].match(sentence, pos):
        return nouns[phrase["noun"]], phrase.end(), _span_end(sentence, pos, phrase.end())
    return "?count", pos, pos


def _span_end(sentence: str, classifier_end: int, noun_end: int) -> int:
    return classifier_end if NUMBER_INSIDE.search(sentence, classifier_end, noun_end) else noun_end


def bare(sentence: str, pos: int, digits: str) -> tuple[str, int] | None:
    """(unit, end) of a noun counted right after the digits at `pos`, without a classifier ("22省", "19县"),
    None where none stands there or the digits are a year ("2019县域")."""
    noun = patterns()["bare_noun"].match(sentence, pos)
    if not noun or YEAR.fullmatch(digits):
        return None
    return vocabulary()["counted_without_classifier"][noun["noun"]], noun.end()
