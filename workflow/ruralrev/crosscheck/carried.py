"""A bare number checked with the unit an earlier clause of its sentence carries (claims.csv `unit_from`,
see extract.claim_roles): "In 2021, China's special poverty alleviation fund investment reached 146.1 billion
yuan, and in 2021, China's special poverty alleviation fund investment reached 1561".

Rule for the scale, which the clause does not write: English translated from Chinese drops 亿 and 万, so the
earlier clause's scale word ("billion") says nothing sure about the bare number's. The number is read at the
scales official Chinese tables publish the carried unit in (money: 亿元 and 万元; persons and households: 万)
and at the earlier clause's own scale, each reading checked as any claim is. The first reading the panel bears
out (confirmed, then close) gives the verdict, and the explanation says that the unit was carried from the
earlier clause and which scale was assumed. When no reading is borne out the claim is unverifiable, never
contradicted: with its scale unknown, no reading is the paper's for sure.
"""

from __future__ import annotations

from collections.abc import Callable

from ruralrev.crosscheck.precision import SCALE_WORDS, read_stated

# The scales official Chinese tables publish a unit in, largest first, with the words the explanation uses.
PUBLISHED_SCALES = {
    "yuan": [(1e8, "亿元 (100 million yuan)"), (1e4, "万元 (10,000 yuan)")],
    "person": [(1e4, "万 (10,000 persons)")],
    "household": [(1e4, "万 (10,000 households)")],
}
BORNE_OUT = ("confirmed", "close")


def readings(source: dict) -> list[tuple[float, str]]:
    """(scale, words) at which a bare number carrying `source`'s unit is read: the published scales of that
    unit, then the earlier clause's own scale if it is another."""
    scales = list(PUBLISHED_SCALES.get(source["unit"], []))
    own = read_stated(source["text"], source["value"]).scale
    if all(abs(scale - own) > 1e-9 * own for scale, _ in scales):
        word = SCALE_WORDS.get(own)
        scales.append((own, f"{word} {source['unit']}, the earlier clause's scale" if word else "as written"))
    return scales


def check_carried(claim: dict, source: dict, check: Callable[[dict], dict]) -> tuple[dict, dict]:
    """(the claim as read, its verdict fields): `check` gives the verdict of a claim dict (ledger.check_claim)."""
    carried = f"no unit written: the unit ({source['unit']}) and the subject are carried from the earlier clause's '{source['text']}'"
    tried = []
    for scale, words in readings(source):
        reading = claim | {
            "value": claim["value"] * scale,
            "unit": source["unit"],
            "indicator": claim["indicator"] or source["indicator"],
        }
        fields = check(reading)
        tried.append((scale, words, reading, fields))
    for wanted in BORNE_OUT:
        for scale, words, reading, fields in tried:
            if fields["verdict"] == wanted:
                others = ", ".join(w for s, w, _, _ in tried if s != scale)
                scale_note = (
                    f"no scale word either: read as {claim['text']} {words}, a scale the series is published in"
                    f"{f'; read at the other scales tried ({others}) it matches nothing' if others else ''}"
                )
                return reading, fields | {"explanation": f"{carried}; {scale_note}; {fields['explanation']}"}
    scales = ", ".join(words for _, words, _, _ in tried) or "none known for this unit"
    why = (
        f"{carried}; no scale word either, and read at each scale the series is published in ({scales}) "
        f"it matches no value of the panel, so with its scale unknown it is neither confirmed nor contradicted"
    )
    reading = claim | {"unit": source["unit"], "indicator": claim["indicator"] or source["indicator"]}
    return reading, {"verdict": "unverifiable", "explanation": why}
