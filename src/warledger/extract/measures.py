"""Stage: fills measure, counted (and a noun unit the grammar left empty) of each draft claim.

Reads three things around a figure, most specific first: the counted noun right after it
("14 missiles" -> equipment), money words in its sentence ("2.5 million rubles for signing a
contract" -> signing_bonus), and the verbs and nouns of its clause ("300 people were forcibly
called up" -> conscripted). Keywords live in ``knowledge/measures.toml``.
"""

from __future__ import annotations

import re

from warledger.extract.antecedents import (
    breakdown_measure,
    carried_measure,
    is_people_measure,
    previous_in_sentence,
    referent_noun,
    same_noun_measure,
)
from warledger.extract.document import Document, Figure
from warledger.extract.noun_phrases import (
    NounPhrase,
    earlier_known_noun,
    is_person_noun,
    knowledge,
    read_noun_phrase,
    singular,
)
from warledger.record import Claim

CURRENCIES = frozenset({"RUB", "USD", "UAH", "EUR", "GBP"})
DURATIONS = frozenset({"year", "month", "week", "day", "hour", "minute"})
# Units a later figure without a noun does not take over: "a 10% rise to 3,000" counts no percent.
_NOT_COUNTED_THINGS = CURRENCIES | DURATIONS | {None, "percent", "times"}

# Where a clause ends inside a sentence: "190 children have been killed ..., and the number of
# acutely food insecure people ... is estimated to rise by more than 2 million" are two clauses.
_CLAUSE_BREAK = re.compile(
    r";|:\s|\(|\)|,\s+(?:and|but|while|whereas|although|though|yet)\b|\bbut\b|\bwhile\b"
    # Sentences the source glued together: "... Ministry of Defense.The number includes ..."
    r"|[a-z]\.(?=[A-Z])"
)
_NUMBER_OF = re.compile(r"\bnumber of\b", re.IGNORECASE)
_AUXILIARY = re.compile(r"^(?:(?:were|was|are|is|have|has|had|will|would|be|been|being)\s+)+")


def clause_bounds(text: str, start: int, end: int, figure: Figure) -> tuple[int, int]:
    """The clause of ``figure`` inside the sentence ``text[start:end]``."""
    left, right = start, end
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        if match.end() <= figure.start:
            # A list item ("..., and around 500 artillery systems") belongs to the clause before.
            if (
                not match.group().startswith(",")
                or len(text[match.end() : figure.start].split()) > 3
            ):
                left = match.end()
        elif match.start() >= figure.end:
            right = match.start()
            break
    return left, right


def _nearest_keyword(
    text: str, left: int, right: int, figure: Figure, people: bool, after_first: bool = False
) -> str | None:
    """The measure of the keyword nearest before the figure in its clause, else nearest after
    (after first when ``after_first``: "900 cases of civilians ... being detained")."""
    before: tuple[int, str] | None = None
    after: tuple[int, str] | None = None
    for rules in knowledge().measures:
        if rules.words is None or (people and not rules.people and rules.key != "applications"):
            continue
        for match in rules.words.finditer(text, left, right):
            if match.end() <= figure.start:
                distance = figure.start - match.end()
                if before is None or distance < before[0]:
                    before = (distance, rules.key)
            elif match.start() >= figure.end:
                distance = match.start() - figure.end
                if after is None or distance < after[0]:
                    after = (distance, rules.key)
    chosen = (after or before) if after_first else (before or after)
    return chosen[1] if chosen else None


def _is_age(text: str, left: int, figure: Figure) -> bool:
    rules = next(m for m in knowledge().measures if m.key == "age_limit")
    assert rules.before is not None
    window = text[max(left, figure.start - 40) : figure.start]
    # "under the age of 60", "between the ages of four months and 17 years".
    return any(len(window[m.end() :].split()) <= 4 for m in rules.before.finditer(window))


def choose_measure(
    text: str, sentence: tuple[int, int], figure: Figure, unit: str | None, noun: NounPhrase | None
) -> str:
    """The measure key of ``figure`` with ``unit`` in ``text[sentence[0]:sentence[1]]``."""
    kb = knowledge()
    left, right = clause_bounds(text, sentence[0], sentence[1], figure)
    if (unit in DURATIONS or unit in (None, "person")) and _is_age(text, left, figure):
        return "age_limit"
    if unit in DURATIONS:
        return "other"
    if unit == "percent":
        return "share"
    if unit in CURRENCIES:
        for rules in kb.measures:
            if rules.money and rules.money.search(text, sentence[0], sentence[1]):
                return rules.key
        return "other"
    nouns = noun.nouns() if noun else set()
    if unit is not None and unit != "person":
        # A noun taken from earlier in the sentence: "44 drones, for a total of 18,619".
        nouns |= {unit, unit.rsplit(" ", 1)[-1]}
    for rules in kb.measures:
        if nouns & rules.nouns:
            return rules.key
    events = bool(nouns & kb.events)
    people = unit == "person" or not nouns or events or any(map(is_person_noun, nouns))
    if (unit not in (None, "person") and unit not in kb.events) or not people:
        return "other"
    keyword = _nearest_keyword(text, left, right, figure, people=True, after_first=events)
    if keyword:
        return keyword
    # "300 residents" says who is counted; only a clause without keywords leaves it at that.
    return next((r.key for r in kb.measures if nouns & r.weak_nouns), "other")


def _counted(text: str, left: int, right: int, figure: Figure, noun: NounPhrase | None) -> str:
    """What is counted, in the text's words: "people forcibly called up for military service"."""
    if noun is not None:
        rest = re.split(r"[,;:()\"“”–—]| - ", text[noun.end : right])[0]
        words = (text[noun.start : noun.end] + " " + _AUXILIARY.sub("", rest.strip())).split()
        return " ".join(words[:10]).rstrip(" .!?'’")
    before = text[left : figure.start]
    number_of = re.search(r"\bnumber of\s+(.*)", before, re.IGNORECASE)
    if number_of:
        # "the number of dead and wounded among the Russian military has now reached 760,000"
        phrase = re.split(r"\b(?:has|have|had|is|are|was|were)\b", number_of.group(1))[0]
        return " ".join(phrase.split()[:10])
    # No noun to name it ("killing at least one"): the words around the figure in its clause.
    words = before.split()[-5:] + text[figure.start : right].split()[:4]
    return " ".join(words).strip(" ,.;:\"“”'’")


def _measure_claim(
    doc: Document, index: int, phrases: list[NounPhrase | None], nouns: list[str | None]
) -> None:
    """Fill claim ``index``; ``phrases`` and ``nouns`` hold what earlier claims counted."""
    text = doc.text
    figure = doc.figures[index]
    claim: Claim = doc.claims[index]
    sentence = doc.sentences[doc.sentence_of[index]]
    kb = knowledge()
    noun = read_noun_phrase(text, figure, sentence.end)
    phrases.append(noun)
    if claim.unit == "person" and noun and noun.noun in kb.compounds:
        # "29 armoured personnel carriers": the grammar saw "personnel"; the head is a vehicle.
        claim.unit = "person" if is_person_noun(noun.noun) else noun.noun
    unit = claim.unit
    if unit is None and figure.unit_start is not None and figure.unit_end is not None:
        unit = singular(text[figure.unit_start : figure.unit_end].split()[-1])
    if unit is None and noun is not None:
        unit = noun.noun
    left, right = clause_bounds(text, sentence.start, sentence.end, figure)
    antecedent = previous_in_sentence(doc, index) if unit is None else None
    if (
        antecedent is not None
        and doc.figures[antecedent].start >= left
        and doc.claims[antecedent].unit not in _NOT_COUNTED_THINGS
    ):
        # "18,904 pieces ..., of which 14,048 were destroyed", "122 vehicles, taking that
        # count to 28,683": a figure without a noun counts what the figure before it counted.
        unit = doc.claims[antecedent].unit
    else:
        antecedent = None
    if unit is None:
        unit = earlier_known_noun(text, sentence.start, figure.start)
    lemma = referent_noun(text, left, figure.start, noun, figure.end)
    nouns.append(lemma or (noun.noun if noun else unit))
    if unit is not None and is_person_noun(unit):
        unit = "person"
    measure = choose_measure(text, (sentence.start, sentence.end), figure, unit, noun)
    if measure == "other" and antecedent is not None:
        measure = doc.claims[antecedent].measure or measure
    named = noun is not None and any(noun.nouns() & r.nouns for r in kb.measures)
    if measure == "other" and not named and (unit == "person" or unit in kb.events):
        measure = (
            breakdown_measure(doc, index, phrases)
            or (lemma and same_noun_measure(doc, index, lemma, nouns))
            or carried_measure(doc, index)
            or measure
        )
    if measure == "age_limit" and unit not in DURATIONS:
        # "Ukrainians under the age of 60": an age without a unit counts years.
        claim.unit = "year"
    elif claim.unit is None:
        # "70 to 80,000 losses", "900 cases of civilians ... detained" count people.
        claim.unit = "person" if is_people_measure(measure) else unit
    claim.measure = measure
    claim.counted = _counted(text, left, right, figure, noun)
    named = phrases[antecedent] if antecedent is not None else None
    if named is not None and not _NUMBER_OF.search(text, left, figure.start):
        # "18,904 pieces ..., of which 14,048 were destroyed": "pieces destroyed".
        rest = _AUXILIARY.sub("", re.split(r"[,;:()]", text[figure.end : right])[0].strip())
        words = f"{text[named.start : named.end]} {rest}".split()[:10]
        claim.counted = " ".join(words).rstrip(" .!?'’")


def assign_measures(doc: Document) -> None:
    """Fill measure and counted of every claim in ``doc``, and a noun ``unit`` left empty."""
    phrases: list[NounPhrase | None] = []
    nouns: list[str | None] = []
    for index in range(len(doc.claims)):
        _measure_claim(doc, index, phrases, nouns)
