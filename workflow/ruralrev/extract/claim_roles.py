"""What part a claim plays in its sentence, beyond its value: whether it states a statistic or a threshold or
target of policy (`kind`), and, for a bare number, which earlier claim of the sentence it takes its unit from.

Kinds (claims.csv `kind`):
- `threshold`: the number bounds a class a rule applies to ("cities with a permanent resident population of
  less than 3 million ... cancel the restrictions on settlement", "households whose income is below ...").
- `target`: the number is what a plan or requirement aims at, not what was measured: target or goal words
  right before it ("the target of 30 million"), or plan, future or requirement wording in its clause ("will
  reach 65%" in a sentence framed "by 2025", "strive to", "is expected to", "should be no less than 30%";
  目标, 力争, 要求, 确保) in a sentence that reports nothing as achieved ("met the target ..., cutting the poverty rate to 7.2 percent" stays a statistic).
- `statistic`: everything else, bounds included: "more than 98 million rural poor were lifted out" states a
  measured quantity, and "more than" only says how exactly.
Targets and thresholds stay claims (the gold sets' D8 and D9): only the claim check treats them differently.

Carried unit (claims.csv `unit_from`): a number written with no unit whose clause repeats, word for word, the
words that lead into an earlier amount of the sentence ("In 2021, China's special poverty alleviation fund
investment reached 146.1 billion yuan, and in 2021, China's special poverty alleviation fund investment
reached 1561") speaks of the same thing in the same unit. Its `unit` stays empty (a unit is never guessed for
the number itself); `unit_from` gives the start offset of the earlier claim, whose unit and subject the claim
check reads it with. The scale word is not carried: a translation from Chinese drops 亿 or 万, so which scale
is meant is for the claim check to test and say.
"""

from __future__ import annotations

import re

from ruralrev.extract.indicators import bounds_a_class

# the number is itself the target: "the target of 30 million", "a goal of 65%", "aimed at increasing ... by"
TARGET_BEFORE = re.compile(
    r"\b(?:targets?|goals?|objectives?)\s+(?:of|is|was|to|set\s+at)\s+(?:[\w-]+\s+){0,3}$"
    r"|\b(?:targeted|aim(?:s|ed|ing)?\s+(?:at|to)\b[^,;:]{0,80}?)\s*$",
    re.I,
)
# plan and forecast wording in the claim's own clause, before the number
PLAN_WORDS = re.compile(
    r"\b(?:strive\s+to|striving\s+to|plans?\s+to|planned\s+to|aims?\s+to|"
    r"(?:is|are)\s+(?:expected|projected|set|scheduled|required)\s+to|to\s+be\s+(?:raised|increased|reduced|kept)|"
    r"ensur(?:e|ing)\s+that)\b",
    re.I,
)
# a modal verb makes a target only in a sentence framed in the future ("By 2025, the rate will reach 65%"):
# translations from Chinese, which has no tense, write "will" for the past too ("will increase from 172 million
# in 1978 to more than 930 million in 2023"), and a document's own date is rarely known to tell past from future
MODAL = re.compile(r"\b(?:will|shall|should|must)\b", re.I)
FUTURE_FRAME = re.compile(
    r"\bby\s+(?:the\s+end\s+of\s+)?(?P<year>(?:19|20)\d{2})\b|\bin\s+the\s+(?:future|coming\s+years|next\s+\w+\s+years)\b",
    re.I,
)
# A year the document speaks of as reached ("in 2020", "since 2015", "2020年"), not one it aims at ("by 2025",
# "到2025年"): the latest is the document's present, the measure of "future" when its date is not known.
SPOKEN_YEAR = re.compile(
    r"\b(?:in|since|of|until|from|to|end of)\s+((?:19|20)\d{2})\b|(?<!到)((?:19|20)\d{2})\s*年", re.I
)
# a requirement: "the share should be no less than 30%", "must reach at least"
REQUIRED_BOUND = re.compile(
    r"\b(?:should|must|shall)\s+(?:\w+\s+){0,2}(?:no|not)\s+(?:less|fewer|lower|more)\s+than\s*$"
    r"|\b(?:should|must|shall)\s+(?:\w+\s+){0,2}at\s+(?:least|most)\s*$",
    re.I,
)
# a sentence reporting something done or measured: its figures are statistics even next to plan words
ACHIEVED = re.compile(
    r"\b(?:met|achieved|completed|fulfilled|accomplished|realized|realised|was|were|had|has\s+been|have\s+been|"
    r"reached|exceeded|rose|fell|dropped|increased|decreased|declined|lifted)\b",
    re.I,
)
CLAUSE_START = re.compile(r".*(?:[;:]|^)", re.S)
# Chinese: target and requirement words in the clause before the number; 已 / 了 / 实现 report it done
TARGET_ZH = re.compile(r"目标|力争|争取|爭取|要求|确保|確保|规划到|規劃到|计划到|計劃到|预期性|預期性|约束性|約束性")
ACHIEVED_ZH = re.compile(r"已|了|实现|實現|完成|达到了|達到了")
CLAUSE_START_ZH = re.compile(r".*(?:[。;;!?!?]|^)", re.S)
# words that repeat before two amounts of one sentence make them parallel clauses (at least three)
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
PARALLEL_WORDS = 3


def present_year(text: str) -> int | None:
    """The latest year a document speaks of as reached (SPOKEN_YEAR), or None if it names none."""
    years = [int(a or b) for a, b in SPOKEN_YEAR.findall(text)]
    return max(years, default=None)


def _future(sentence: str, present: int | None) -> bool:
    """Whether the sentence is framed in the future: "in the coming years", or "by <year>" after the
    document's present ("By 2020, ... 98.99 million ... will have escaped poverty" in a paper that speaks of
    2020 as past is a statistic translated with a future tense)."""
    frames = list(FUTURE_FRAME.finditer(sentence))
    return any(not f["year"] or present is None or int(f["year"]) > present for f in frames)


def kind_of(sentence: str, claim, present: int | None = None) -> str:
    """`threshold`, `target` or `statistic` for a claim (a numbers.NumberMention) of an English sentence;
    `present` is the document's present (present_year)."""
    if bounds_a_class(sentence, claim):
        return "threshold"
    before = sentence[: claim.start]
    if TARGET_BEFORE.search(before):
        return "target"
    clause = before[CLAUSE_START.match(before).end() :]
    if REQUIRED_BOUND.search(clause):
        return "target"
    planned = PLAN_WORDS.search(clause) or (MODAL.search(clause) and _future(sentence, present))
    return "target" if planned and not ACHIEVED.search(sentence) else "statistic"


def kind_of_zh(folded: str, claim) -> str:
    """`target` or `statistic` for a claim of a Chinese sentence (its thresholds are not claims: Z6)."""
    before = folded[: claim.start]
    clause = before[CLAUSE_START_ZH.match(before).end() :]
    cues = list(TARGET_ZH.finditer(clause))
    return "target" if cues and not ACHIEVED_ZH.search(clause[cues[-1].end() :]) else "statistic"


def _lead_words(sentence: str, end: int) -> list[str]:
    """Lower-cased words written before offset `end`, nearest last."""
    return [w.lower() for w in WORD.findall(sentence[:end])]


def unit_source(sentence: str, claims, units: list[str | None], k: int) -> int | None:
    """Index of the earlier claim whose unit claim k, a bare number, carries (see the module's docstring)."""
    claim = claims[k]
    if units[k] or claim.has_scale or claim.qualifier == "change":
        return None
    previous_end = claims[k - 1].noun_end if k else 0
    lead = _lead_words(sentence[previous_end : claim.start], claim.start - previous_end)
    for j in range(k - 1, -1, -1):
        if not units[j] or units[j] in ("percent", "percentage_point"):
            continue
        earlier = _lead_words(sentence, claims[j].start)
        shared = 0
        while shared < min(len(lead), len(earlier)) and lead[-1 - shared] == earlier[-1 - shared]:
            shared += 1
        if shared >= PARALLEL_WORDS:
            return j
    return None
