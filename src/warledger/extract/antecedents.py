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
from warledger.extract.noun_phrases import NounPhrase, knowledge, noun_at, singular
from warledger.knowledge.patterns import compile_guarded

# A sentence that opens by pointing back: "That likely rose to over 110 million people".
_ANAPHOR = re.compile(r"(?:That|This|It|The (?:figure|number|total|toll))\b")
# Between a figure's noun phrase and the next figure of a breakdown or list: "864 of the
# individual cases, involving 763 men, 94 women and seven boys".
_BREAKDOWN = re.compile(
    r"[\s,–—-]*(?:and|or|involving|including|among them|of whom|of them|of which|namely)?\s*"
)
# A colon opens a breakdown whatever the figure before it said: "lists 864 cases of detention
# by Russia: 763 men, 94 women and seven boys".
_COLON_BREAKDOWN = re.compile(r"[^.;:]*:\s*")
# A figure that picks out some of a thing already counted: "864 of the individual cases".
_PARTITIVE = re.compile(r"\s+of\s+(?:the|these|those)\s+")
# "the true number of children taken ...": the noun after it is what the figure counts.
_NUMBER_OF = compile_guarded(r"\b(?:number|total|count) of\s+", re.IGNORECASE)


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
    start = doc.figures[previous].end
    if phrase is not None:
        start = max(start, phrase.end)
    here = doc.figures[index].start
    if (
        _BREAKDOWN.fullmatch(doc.text, start, here) is None
        and _COLON_BREAKDOWN.fullmatch(doc.text, start, here) is None
    ):
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


# Units that a figure without a noun does not take over: "a 10% rise to 3,000" counts no percent.
NOT_COUNTED_THINGS = frozenset(
    {"RUB", "USD", "UAH", "EUR", "GBP", "year", "month", "week", "day", "hour", "minute"}
    | {None, "percent", "times"}
)
# "air defences shot down 16 of them": the figure counts what an earlier figure counted.
_OF_THEM = re.compile(r"\s+of\s+(?:them|these|those)\b")
# A noun that points back to a figure already given: "By this morning the tally had grown by
# 690", "The figure for last month, 1,805, is far from complete", "the monthly numbers stayed
# low: 1,689 in March"; a word before it may name the counted thing ("the tank tally").
_POINTER = compile_guarded(
    # "the staff's tank count stood at 10,182": a possessive owner stands where "its" would.
    r"\b(?:the|that|this|its|their|[a-z]+['’]s)\s+(?:(?P<noun>[a-z]+)\s+)?"
    r"(?:tally|figure|total|count|toll|numbers|figures|list)\b(?!\s+of\b)"
    # "its tally of Russian tanks has reached 1,886"
    r"|\b(?:the|that|this|its|their)\s+(?:tally|count|toll|total)\s+of\s+(?:[A-Z][\w’'-]*\s+)?"
    r"(?P<of_noun>[a-z]+)\s+(?:has|have|had|was|were|is|are|stood|stands|rose|grew|reached)\b",
    re.IGNORECASE,
)
# A pronoun that stands for the count itself or its keeper: "By the end of June it had reached
# about 35,600", "On Saturday it had reported 1,124".
_PRONOUN = compile_guarded(r"\b(?:it|they)\b", re.IGNORECASE)
# The same pointing phrase after a figure that is added to it: "added about 3,530 to its
# personnel count", "has added about 350 to its count".
_ADDED_TO = re.compile(
    r"\s+to\s+(?:the|that|this|its|their|[a-z]+['’]s)\s+(?:(?P<noun>[a-z]+)\s+)?"
    r"(?:tally|count|total|toll)\b(?!\s+of\b)",
    re.IGNORECASE,
)
# A change and the level it leads to: "grow by 170,000 to a maximum strength of 1,320,000
# servicemen", "rose from 2.2 million to 2.38 million people".
_TO_LEVEL = re.compile(r",?\s+to\s+(?:[a-z-]+\s+){0,3}?(?:of\s+)?")
# A list item is a short paragraph of its own after a line that ends in a colon.
_ITEM_LENGTH = 200


def _counted_unit(doc: Document, index: int) -> bool:
    return doc.claims[index].unit not in NOT_COUNTED_THINGS


def _latest_counted_in_paragraph(doc: Document, index: int) -> int | None:
    paragraph = doc.sentences[doc.sentence_of[index]].paragraph
    for earlier in range(index - 1, -1, -1):
        if doc.sentences[doc.sentence_of[earlier]].paragraph != paragraph:
            break
        if _counted_unit(doc, earlier):
            return earlier
    return None


def _is_item(doc: Document, sentence: int) -> bool:
    here = doc.sentences[sentence]
    neighbours = doc.sentences[max(0, sentence - 1) : sentence + 2]
    alone = all(other.paragraph != here.paragraph for other in neighbours if other is not here)
    return alone and here.end - here.start <= _ITEM_LENGTH


def list_lead_in(doc: Document, sentence: int) -> int | None:
    """The line ending in a colon that opens the list holding ``sentence``, if it is an item."""
    while sentence > 0 and _is_item(doc, sentence):
        if doc.sentence_text(sentence - 1).rstrip().endswith(":"):
            return sentence - 1
        sentence -= 1
    return None


def _topic_before_paragraph(doc: Document, index: int) -> int | None:
    """The first counted figure of the last sentence with one in the paragraph before: the count
    that a new paragraph goes on with ("... put Russian personnel losses at about 30,950, along
    with 1,367 tanks." / "The count has kept rising since. By the end of June it had reached
    about 35,600")."""
    paragraph = doc.sentences[doc.sentence_of[index]].paragraph
    found = None
    for earlier in range(index - 1, -1, -1):
        sentence = doc.sentence_of[earlier]
        if doc.sentences[sentence].paragraph < paragraph - 1:
            break
        if found is not None and sentence != doc.sentence_of[found]:
            break
        if _counted_unit(doc, earlier):
            found = earlier
    return found


def pointer_noun(doc: Document, index: int) -> str | None:
    """The counted noun that a pointing phrase before the figure names: "the tank tally had
    grown to 1,589" counts tanks; or the count it is added to: "added 3,530 to its personnel
    count"."""
    start = doc.sentences[doc.sentence_of[index]].start
    found = list(_POINTER.finditer(doc.text, start, doc.figures[index].start))
    noun = (found[-1].group("noun") or found[-1].group("of_noun")) if found else None
    added_to = _ADDED_TO.match(doc.text, doc.figures[index].end)
    if added_to and added_to.group("noun"):
        noun = added_to.group("noun")  # the count it is added to names it, nearer than any
    if noun is None:
        return None
    kb = knowledge()
    lemma = singular(noun)
    known = lemma in kb.people or lemma in kb.measure_nouns
    return lemma if known and lemma not in kb.generic else None


def elided_antecedent(doc: Document, index: int) -> int | None:
    """The earlier figure whose noun a figure without one leaves out, if the text shows it.

    "shot down 16 of them" after "36 missiles"; "By this morning the tally had grown by 690"
    after "139,770 personnel"; a list item "• 5,638 in August" after "• 7,402 named deaths".
    A count pointed back to from a new paragraph is the topic of the paragraph before.
    """
    figure = doc.figures[index]
    sentence = doc.sentence_of[index]
    start = doc.sentences[sentence].start
    if (
        _OF_THEM.match(doc.text, figure.end)
        or _ADDED_TO.match(doc.text, figure.end)
        or _POINTER.search(doc.text, start, figure.start)
        or _PRONOUN.search(doc.text, start, figure.start)
    ):
        latest = _latest_counted_in_paragraph(doc, index)
        return latest if latest is not None else _topic_before_paragraph(doc, index)
    lead_in = list_lead_in(doc, sentence)
    if lead_in is None:
        return None
    for earlier in range(index - 1, -1, -1):
        if doc.sentence_of[earlier] <= lead_in:
            break
        if _counted_unit(doc, earlier):
            return earlier
    return None


def level_after(doc: Document, index: int) -> int | None:
    """The figure of the level a change leads to: 170,000 in "grow by 170,000 to a maximum
    strength of 1,320,000 servicemen" counts what 1,320,000 counts."""
    later = index + 1
    if later >= len(doc.figures) or doc.sentence_of[later] != doc.sentence_of[index]:
        return None
    if _TO_LEVEL.fullmatch(doc.text, doc.figures[index].end, doc.figures[later].start) is None:
        return None
    return later


def same_noun_measure_later(
    doc: Document, index: int, noun: str, nouns: list[str | None]
) -> str | None:
    """The people measure of a later claim in the same paragraph that counts ``noun`` too:
    "Russia had taken at least 6,000 children ... more than 19,000 children had been deported"."""
    if noun in knowledge().generic:
        return None
    paragraph = doc.sentences[doc.sentence_of[index]].paragraph
    for later in range(index + 1, len(doc.claims)):
        if doc.sentences[doc.sentence_of[later]].paragraph != paragraph:
            break
        if nouns[later] == noun and is_people_measure(doc.claims[later].measure):
            return doc.claims[later].measure
    return None
