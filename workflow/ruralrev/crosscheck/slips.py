"""What the other claims of a sentence tell about a wrong-year claim: when the same sentence also gives a
figure for the year the wrong-year claim states, and that figure is borne out, the sentence tells the whole
story of a slip of the year ("In 2021, ... reached 146.1 billion yuan [the 2020 value], and in 2021, ...
reached 1561 [the 2021 value, in 亿元]": the paper most likely wrote 2021 for 2020 in the first clause).
Both rows say so in words; no verdict changes."""

from __future__ import annotations

import pandas as pd

BORNE_OUT = ("confirmed", "close")


def with_sentence_notes(ledger: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """The ledger with the slip notes above added to the explanations of the rows concerned."""
    sentence = {(c.doc, c.start): c.sentence for c in claims[["doc", "start", "sentence"]].itertuples(index=False)}
    keys = [(doc, sentence.get((doc, start))) for doc, start in zip(ledger["doc"], ledger["start"])]
    explanations = ledger["explanation"].tolist()
    for i, row in enumerate(ledger.itertuples(index=False)):
        if row.verdict != "wrong_year" or pd.isna(row.year) or keys[i][1] is None:
            continue
        for j, other in enumerate(ledger.itertuples(index=False)):
            same_year = not pd.isna(other.year) and int(other.year) == int(row.year)
            if j == i or keys[j] != keys[i] or other.verdict not in BORNE_OUT or not same_year:
                continue
            slip = f"{int(row.year)} written for {int(row.official_year)}"
            explanations[i] += (
                f"; the same sentence goes on to give '{other.text}' for {int(row.year)}, which the panel bears "
                f"out as the {int(row.year)} figure: the paper most likely has {slip} here"
            )
            explanations[j] += (
                f"; the same sentence first gives '{row.text}' for {int(row.year)}, which is the "
                f"{int(row.official_year)} value (wrong year: most likely {slip})"
            )
    return ledger.assign(explanation=explanations)
