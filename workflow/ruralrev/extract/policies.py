"""Named policy documents and events in a document's body text ("the No. 1 Central Document", quoted titles of
opinions, plans and laws), each with the year written in its name or its sentence and its offsets."""

from __future__ import annotations

import re

from ruralrev.extract.documents import Block, fold

POLICY_NAME = re.compile(
    r"[\"“](?P<quoted>[^\"”]{0,160}?\b(?:Opinions?|Plan|Programme|Program|Decision|Notice|Outline|Strategy|Law|Regulations?|"
    r"Guidelines?|Measures|Scheme|Document)\b[^\"”]{0,80}?)\s*[\"”]"
    r"|(?P<event>\b(?:the )?(?:(?:\d{1,2}(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)\s+"
    r"(?:Plenary Session(?: of the \d{1,2}(?:st|nd|rd|th) Central Committee)?|National Congress|Five-Year Plan)|"
    r"Central (?:Economic|Rural) Work Conference|No\. 1 Central Document))"
)


def named_policies(text: str, blocks: list[Block]) -> list[dict]:
    """Named policy documents and events in body text, with the year written in the name or its sentence."""
    found = []
    for block in blocks:
        if block.kind != "body":
            continue
        body = text[block.start : block.end]
        for match in POLICY_NAME.finditer(body):
            name = fold(match["quoted"] or match["event"])
            if not re.match(r"^[A-Z0-9]", name.removeprefix("the ")) or len(name.split()) < 3:
                continue
            name = name.removeprefix("the ")
            in_name = re.search(r"\b((?:19|20)\d{2})\b", name)
            sentence_start = max(body.rfind(". ", 0, match.start()), body.rfind(".\n", 0, match.start()), 0)
            sentence_end = min(
                x for x in (body.find(". ", match.end()), body.find(".\n", match.end()), len(body)) if x >= 0
            )
            before = re.findall(r"\b((?:19|20)\d{2})\b(?!\s*[-~])", body[sentence_start : match.start()])
            after = re.findall(r"\b(?:in|of)\s+((?:19|20)\d{2})\b", body[match.end() : sentence_end])
            year = int(in_name[1]) if in_name else int(before[-1]) if before else int(after[0]) if after else None
            written = match["quoted"] or match["event"]
            start = block.start + (match.start("quoted") if match["quoted"] else match.start("event"))
            if written.startswith("the "):
                start, written = start + 4, written[4:]
            end = start + len(written.rstrip())
            found.append({"name": name, "year": year, "start": start, "end": end})
    return found
