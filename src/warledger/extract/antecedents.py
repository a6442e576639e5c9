"""Figures that count the same thing as an earlier figure, for the measures stage.

A figure often names what it counts only through another figure: "18,904 pieces of equipment
..., of which 14,048 were destroyed", "destroyed 122 vehicles, taking that count to 28,683",
"864 of the individual cases, involving 763 men, 94 women and seven boys", "the true number of
children taken ... could be as high as 300,000" after two figures of deported children. These
helpers find that earlier figure; the measures stage copies its unit or measure.
"""

from __future__ import annotations

import re

from warledger.extract.document import Document
from warledger.extract.noun_phrases import NounPhrase, knowledge, noun_at

# A sentence that opens by pointing back: "That likely rose to over 110 million people".
_ANAPHOR = re.compile(r"(?:That|This|It|The (?:figure|number|total|toll))\b")
# Between a figure's noun phrase and the next figure of a breakdown or list: "864 of the
# individual cases, involving 763 men, 94 women and seven boys".
_BREAKDOWN = re.compile(
    r"[\s,–—-]*(?:and|or|involving|including|among them|of whom|of them|of which|namely)?\s*"
)
# A figure that picks out some of a thing already counted: "864 of the individual cases".
_PARTITIVE = re.compile(r"\s+of\s+(?:the|these|those)\s+")
# "the true number of children taken ...": the noun after it is what the figure counts.
_NUMBER_OF = re.compile(r"\b(?:number|total|count) of\s+", re.IGNORECASE)


def is_people_measure(measure: str | None) -> bool:
    return any(m.people for m in knowledge().measures if m.key == measure)


def previous_in_sentence(doc: Document, index: int) -> int | None:
    """The claim right before ``index`` in the same sentence, if any."""
    if index > 0 and doc.sentence_of[index - 1] == doc.sentence_of[index]:
        return index - 1
    return None


def breakdown_measure(doc: Document, index: int, phrases: list[NounPhrase | None]) -> str | None:
    """The people measure of the figure that ``index`` lists or breaks down in its sentence.

    "864 cases (detained), involving 763 men, 94 women and seven boys": each figure of the list
    counts some of the detained; the list goes on only across commas and connectives.
    """
    previous = previous_in_sentence(doc, index)
    if previous is None or not is_people_measure(doc.claims[previous].measure):
        return None
    phrase = phrases[previous]
    start = phrase.end if phrase is not None else doc.figures[previous].end
    if _BREAKDOWN.fullmatch(doc.text, start, doc.figures[index].start) is None:
        return None
    return doc.claims[previous].measure


def referent_noun(
    text: str, left: int, figure_start: int, phrase: NounPhrase | None, figure_end: int
) -> str | None:
    """The noun of a figure that refers to a thing already counted, else None.

    Either partitive ("864 of the individual cases" -> "case") or named by "number of" before the
    figure in its clause ("the true number of children taken ... as high as 300,000" -> "child").
    """
    if phrase is not None:
        if _PARTITIVE.fullmatch(text, figure_end, phrase.start):
            return phrase.noun
        return None
    found = list(_NUMBER_OF.finditer(text, left, figure_start))
    return noun_at(text, found[-1].end(), figure_start) if found else None


def same_noun_measure(doc: Document, index: int, noun: str, nouns: list[str | None]) -> str | None:
    """The measure of the latest earlier claim that counted ``noun`` with a people measure."""
    if noun in knowledge().generic:
        return None
    for earlier in range(index - 1, -1, -1):
        if nouns[earlier] == noun and is_people_measure(doc.claims[earlier].measure):
            return doc.claims[earlier].measure
    return None


def carried_measure(doc: Document, index: int) -> str | None:
    """The previous sentence's measure for a figure that refers back to it.

    "... standing at an estimated 108.4 million. That likely rose to over 110 million people"
    counts the same displaced people though its own sentence names no measure.
    """
    here = doc.sentence_of[index]
    if not _ANAPHOR.match(doc.sentence_text(here)):
        return None
    earlier = [i for i in range(index) if doc.sentence_of[i] == here - 1]
    if not earlier:
        return None
    measure = doc.claims[earlier[-1]].measure
    return measure if is_people_measure(measure) else None
