"""The year of each claim of a Chinese passage (folded sentences, see hanzi.fold).

A framing year ("2016年,", "2013年底有", "截至2018年底,", "到2020年", "●2020年", a table's "(2015)") dates the
claims after it, in its sentence and the sentences after, until another framing year or a relative date (去年,
今年, 目前, 党的十八大以来, "十三五"期间). A year in the claim's own phrase ("2012年的1367万人", "比2010年的3.10人")
dates that claim only; the year a change reaches ("从2012年的...减少到2016年的...,累计减少877万人") dates the
claims after it in its sentence. Comparison bases (比上年, 与2010年相比, 比2012年末), classification and price-base
years (按2015年末..., 2010年价格), the year of a one-off event (1978年...建市, 2016年10月11日...印发) and years in
titles (《...2018-2022...》) date nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

YEAR = r"(?:1[89]\d\d|20\d\d)"
MENTION = re.compile(
    rf"(?<![\d.])(?P<first>{YEAR})(?:\s*年)?(?:\s*(?:[-—–~]|至|到)\s*(?P<last>{YEAR}))?\s*年(?P<part>末|底|年末|年底|上半年|全年)?"
    rf"|\((?P<paren>{YEAR})\)"
)
DATE_AFTER = re.compile(r"\s*\d{1,2}\s*月")
OWN_AFTER = re.compile(r"^(?:\([^()]*\))?的")
BASE_BEFORE = re.compile(r"(?:比|与|较|同|相比于?|相对于?|按|以|和)\s*(?:从)?\s*$")
PRICE_AFTER = re.compile(r"^\s*(?:价格|不变价|可比价|价)")
SINCE_AFTER = re.compile(r"^\s*(?:开始|起|以来)")  # "从2010年开始": since a year, not in it
EVENT = re.compile(r"印发|颁布|发布|打响|召开|举行|宣布|指出|提出|通过|来到|成立|出台|启动|批准|建市|公布|签署")
# dates relative to the time of writing, and periods named without a year: the framing year stops there
RELATIVE = re.compile(r"(?<![比较与同])(?:去年|上年末?)(?!同期)|今年|明年|目前|当前|近日|近年|以来|期间|如今|现在")
CLAUSE = re.compile(r"[,;:。!?]")
# the start value of a change written "从X增长到Y" (its year is the window's first)
FROM_BEFORE = re.compile(r"从\s*$")


@dataclass(frozen=True)
class YearMention:
    start: int
    end: int
    year: int
    first: int | None  # the window's first year ("2013—2018年")
    kind: str  # frame, own, base, event, price, title


def _kind(sentence: str, match: re.Match) -> str:
    before, after = sentence[: match.start()], sentence[match.end() :]
    if before.count("《") > before.count("》"):
        return "title"
    if OWN_AFTER.match(after):
        return "own"
    if BASE_BEFORE.search(before):
        return "base"
    if PRICE_AFTER.match(after):
        return "price"
    if SINCE_AFTER.match(after):
        return "since"
    # "1949年新中国成立之初,...": the time of the event frames what follows
    if EVENT.search(after[:12]) and not re.search(r"之时|之初|时[,，]", after[:16]):
        return "event"  # what happened in the year, right after it ("1978年经国务院批准正式建市")
    return "frame"


def year_mentions(sentence: str) -> list[YearMention]:
    """Every year written in the sentence with what it does (see the module)."""
    found = []
    for match in MENTION.finditer(sentence):
        if match["paren"]:
            found.append(YearMention(match.start(), match.end(), int(match["paren"]), None, "frame"))
            continue
        first, last = int(match["first"]), int(match["last"]) if match["last"] else None
        end = match.end()
        if date := DATE_AFTER.match(sentence, end):
            # a date: the year of what it dates, unless an event happened on it (named right after the date)
            following = re.sub(r"^\d{1,2}\s*日", "", sentence[date.end() :])[:12]
            kind = "event" if EVENT.search(following) and "以来" not in following[:4] else _kind(sentence, match)
            if re.fullmatch(r"[\s(（]*\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?[\s)）]*", sentence):
                kind = "event"  # a date alone on its line: when the document was written or issued
            found.append(YearMention(match.start(), end, first, None, kind if kind != "own" else "frame"))
            continue
        found.append(YearMention(match.start(), end, last or first, first if last else None, _kind(sentence, match)))
    return found


def relative_dates(sentence: str, mentions: list[YearMention]) -> list[int]:
    """Where the sentence dates by a relative date (去年, 目前, ...以来): the framing year ends there; "以来"
    right after a written date belongs to that date ("2015年9月以来")."""
    ends = [m.end for m in mentions]
    return [
        m.start()
        for m in RELATIVE.finditer(sentence)
        if not any(0 <= m.start() - end <= 6 and m.group() == "以来" for end in ends)
    ]


def claim_year(
    sentence: str,
    mentions: list[YearMention],
    relative: list[int],
    start: int,
    frame: tuple[int | None, int | None],
    multiple: bool = False,
) -> tuple[int | None, int | None]:
    """(year, first year of its window) of the claim at `start`, given the passage's framing year before the
    sentence; for a `multiple` ("是2016年的1.9倍") the year in its phrase is the comparison's base."""
    before = [m for m in mentions if m.end <= start and not (multiple and m.kind == "own")]
    own = next((m for m in reversed(before) if m.kind == "own"), None)
    between = re.sub(r"\([^()]*\)", "", sentence[own.end : start]) if own else ""
    if own and not re.search(r"\d|[,;:。!?]", between):
        return own.year, own.first
    if re.search(r"年前的\s*\D{0,3}$", sentence[:start]):
        return None, None  # "从30年前的不足160元": a date relative to the writing
    reached = [m for m in before if m.kind == "own" and re.search(r"(?:到|至)\s*$", sentence[: m.start])]
    framing = [m for m in before if m.kind == "frame"]
    latest = max([m.end for m in reached + framing] + [-1])
    if any(latest < r < start for r in relative) or (latest < 0 and any(r < start for r in relative)):
        return None, None
    # the start of a change over a window ("2001至2016年,城镇化率从37.66%增长到57.35%") is the window's first year
    start_value = bool(FROM_BEFORE.search(sentence[:start]))
    if latest < 0:
        # a window's first year dates the changes of its own sentence only
        return (frame[1], None) if start_value and frame[1] else (frame[0], None)
    chosen = next(m for m in reversed(before) if m.end == latest)
    if start_value and chosen.first and chosen.kind == "frame":
        return chosen.first, None
    return chosen.year, chosen.first


def base_year(sentence: str, mentions: list[YearMention], start: int) -> int | None:
    """The year a change at `start` is measured from, written in its clause ("比2019年增长3%": 2019)."""
    clause_start = max((m.end() for m in CLAUSE.finditer(sentence, 0, start)), default=0)
    bases = [m for m in mentions if m.kind == "base" and clause_start <= m.start and m.end <= start]
    return bases[-1].year if bases else None


def frame_after(
    sentence: str, mentions: list[YearMention], relative: list[int], frame: tuple[int | None, int | None]
) -> tuple[int | None, int | None]:
    """The passage's framing year after the sentence."""
    framing = [m for m in mentions if m.kind == "frame"]
    last = framing[-1] if framing else None
    if any((last.end if last else -1) < r for r in relative):
        return None, None
    return (last.year, last.first) if last else frame
