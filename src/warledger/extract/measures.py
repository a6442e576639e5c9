"""Stage: fills measure, counted (and a noun unit the grammar left empty) of each draft claim.

Reads three things around a figure, most specific first: the counted noun right after it
("14 missiles" -> equipment), money words in its sentence ("2.5 million rubles for signing a
contract" -> signing_bonus), and the verbs and nouns of its clause ("300 people were forcibly
called up" -> conscripted). Keywords live in ``knowledge/measures.toml``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from warledger.extract.antecedents import (
    NOT_COUNTED_THINGS,
    breakdown_measure,
    carried_measure,
    elided_antecedent,
    is_people_measure,
    level_after,
    list_lead_in,
    pointer_noun,
    previous_in_sentence,
    referent_noun,
    same_noun_measure,
    same_noun_measure_later,
)
from warledger.extract.document import Document, Figure
from warledger.extract.noun_phrases import (
    NounPhrase,
    earlier_known_noun,
    is_person_noun,
    knowledge,
    label_phrase,
    read_noun_phrase,
    singular,
)
from warledger.knowledge.patterns import compile_guarded
from warledger.record import Claim

CURRENCIES = frozenset({"RUB", "USD", "UAH", "EUR", "GBP"})
DURATIONS = frozenset({"year", "month", "week", "day", "hour", "minute"})

# Where a clause ends inside a sentence: "190 children have been killed ..., and the number of
# acutely food insecure people ... is estimated to rise by more than 2 million" are two clauses.
_CLAUSE_MARK = r";|:\s|\(|\)|,\s+(?:and|but|while|whereas|although|though|yet)\b|\bbut\b|\bwhile\b"
# Sentences the source glued together: "... Ministry of Defense.The number includes ..."
_GLUED = r"[a-z]\.(?=[A-Z])"
_CLAUSE_BREAK = re.compile(f"{_CLAUSE_MARK}|{_GLUED}")
# Speed only: the glued branch may start at any lowercase letter, so the one scan tried nearly
# every character. The marks alone are guarded by their first characters, and the glued
# sentences are found from their full stops; ``_clause_breaks`` merges the two as the one
# scan would (a glued stop inside a mark's match, as in "but.The", is not a break of its own).
_CLAUSE_MARKS = compile_guarded(_CLAUSE_MARK)
GLUED_STOP = re.compile(r"\.(?=[A-Z])")
_NUMBER_OF = compile_guarded(r"\bnumber of\b", re.IGNORECASE)
_PART_OF = re.compile(r"\s+(?:out\s+)?of\s+(?:the\s+)?")
_DESCRIBES_AGE = re.compile(r"\s+age\b")
# Only auxiliaries between a figure and its verb: "six were wounded", "120 had been killed",
# or none ("10,582 were killed and 19,875 injured").
_PREDICATE = re.compile(r"\s+(?:(?:were|was|are|is|have|has|had|been|being)\s+)*")
_AUXILIARY = re.compile(r"^(?:(?:were|was|are|is|have|has|had|will|would|be|been|being)\s+)+")


# Every figure of a sentence asks for its clause (measures twice, hedges once), and the break
# scan over the whole sentence is the slow part: the breaks of the last sentences are kept.
@lru_cache(maxsize=64)
def _clause_breaks(text: str, start: int, end: int) -> tuple[tuple[int, int, bool], ...]:
    """(start, end, opens with a comma) of each clause break in the sentence ``text[start:end]``."""
    marks = [
        (match.start(), match.end(), match.group().startswith(","))
        for match in _CLAUSE_MARKS.finditer(text, start, end)
    ]
    glued = [
        (stop.start() - 1, stop.end(), False)
        for stop in GLUED_STOP.finditer(text, start + 1, end)
        if "a" <= text[stop.start() - 1] <= "z"
    ]
    if not glued:
        return tuple(marks)
    breaks: list[tuple[int, int, bool]] = []
    for found in sorted(marks + glued):
        if not breaks or found[0] >= breaks[-1][1]:
            breaks.append(found)
    return tuple(breaks)


def clause_bounds(text: str, start: int, end: int, figure: Figure) -> tuple[int, int]:
    """The clause of ``figure`` inside the sentence ``text[start:end]``."""
    left, right = start, end
    for break_start, break_end, comma in _clause_breaks(text, start, end):
        if break_end <= figure.start:
            # A list item ("..., and around 500 artillery systems") belongs to the clause before.
            if not comma or len(text[break_end : figure.start].split()) > 3:
                left = break_end
        elif break_start >= figure.end:
            right = break_start
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
            if _DESCRIBES_AGE.match(text, match.end()):
                # "Ukrainians of conscription age are living in Poland": who, not what happened.
                continue
            if match.start() >= figure.end and _PREDICATE.fullmatch(
                text, figure.end, match.start()
            ):
                # "At least one person was killed and six were wounded": the figure's own verb.
                return rules.key
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


# A money figure's measure is decided by the span it is asked for (its sentence, or its clause)
# whichever of the span's figures asks: kept for the last spans.
@lru_cache(maxsize=64)
def _money_measure(text: str, start: int, end: int) -> str:
    for rules in knowledge().measures:
        if rules.money and rules.money.search(text, start, end):
            return rules.key
    return "other"


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
        # The words of the figure's own clause ("a one-off payment of 195,000 rubles on signing,
        # while monthly salaries start at 204,000"), of the sentence for a restatement in
        # brackets ("10 million rubles (about $94,400)").
        if text[left - 1 : left] == "(":
            return _money_measure(text, sentence[0], sentence[1])
        return _money_measure(text, left, right)
    nouns = noun.nouns() if noun else set()
    if unit is not None and unit != "person":
        # A noun taken from earlier in the sentence: "44 drones, for a total of 18,619".
        nouns |= {unit, unit.rsplit(" ", 1)[-1]}
    named = [kb.noun_measure[noun] for noun in nouns if noun in kb.noun_measure]
    if named:
        return min(named)[1]
    events = bool(nouns & kb.events)
    people = unit == "person" or not nouns or events or any(map(is_person_noun, nouns))
    if (unit not in (None, "person") and unit not in kb.events) or not people:
        return "other"
    keyword = _nearest_keyword(text, left, right, figure, people=True, after_first=events)
    if keyword:
        return keyword
    # "300 residents" says who is counted; only a clause without keywords leaves it at that.
    return next((r.key for r in kb.measures if nouns & r.weak_nouns), "other")


_COUNTED_STOP = re.compile(r"[,;:()\"“”–—]| - ")
_NUMBER_OF_REST = re.compile(r"\bnumber of\s+(.*)", re.IGNORECASE)
_COUNTED_VERB = re.compile(r"\b(?:has|have|had|is|are|was|were)\b")


def _counted(text: str, left: int, right: int, figure: Figure, noun: NounPhrase | None) -> str:
    """What is counted, in the text's words: "people forcibly called up for military service"."""
    if noun is not None:
        rest = _COUNTED_STOP.split(text[noun.end : right], maxsplit=1)[0]
        words = (text[noun.start : noun.end] + " " + _AUXILIARY.sub("", rest.strip())).split()
        return " ".join(words[:10]).rstrip(" .!?'’")
    before = text[left : figure.start]
    number_of = _NUMBER_OF_REST.search(before)
    if number_of:
        # "the number of dead and wounded among the Russian military has now reached 760,000"
        phrase = _COUNTED_VERB.split(number_of.group(1), maxsplit=1)[0]
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
    later = index + 1
    if (
        noun is None
        and later < len(doc.figures)
        and doc.sentence_of[later] == doc.sentence_of[index]
        and _PART_OF.fullmatch(text, figure.end, doc.figures[later].start)
    ):
        # "shot down 35 of 41 drones": the part counts what the whole counts
        noun = read_noun_phrase(text, doc.figures[later], sentence.end)
    if noun is None or noun.noun in kb.generic:
        # "personnel – about 708,890 (+1,350) persons": the list item's label names the thing.
        noun = label_phrase(text, sentence.start, figure.start) or noun
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
        and doc.claims[antecedent].unit not in NOT_COUNTED_THINGS
    ):
        # "18,904 pieces ..., of which 14,048 were destroyed", "122 vehicles, taking that
        # count to 28,683": a figure without a noun counts what the figure before it counted.
        unit = doc.claims[antecedent].unit
    else:
        antecedent = None
    if unit is None:
        unit = _level_unit(doc, index)
    if unit is None:
        unit = pointer_noun(doc, index)
    if unit is None:
        # "16 of them", "the tally had grown by 690", "• 5,638 in August": the noun left out.
        antecedent = elided_antecedent(doc, index)
        unit = doc.claims[antecedent].unit if antecedent is not None else None
    if unit is None:
        unit = earlier_known_noun(text, sentence.start, figure.start)
    lemma = referent_noun(text, left, figure.start, noun, figure.end)
    nouns.append(lemma or (noun.noun if noun else unit))
    if unit is not None and is_person_noun(unit):
        unit = "person"
    measure = choose_measure(text, (sentence.start, sentence.end), figure, unit, noun)
    if measure == "other" and antecedent is not None:
        measure = doc.claims[antecedent].measure or measure
    named = noun is not None and not kb.measure_nouns.isdisjoint(noun.nouns())
    if measure == "other" and not named and (unit == "person" or unit in kb.events):
        measure = (
            breakdown_measure(doc, index, phrases)
            or (lemma and same_noun_measure(doc, index, lemma, nouns))
            # "listed about 666,340 enemy personnel" after "personnel – 708,890" (casualties).
            or (
                noun is not None
                and _only_reported(text, left, figure)
                and same_noun_measure(doc, index, noun.noun, nouns)
            )
            or carried_measure(doc, index)
            or _list_measure(doc, index, figure)
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


# Qualifier words between a reporting verb and its figure: "listed about 666,340".
_REPORTED = re.compile(
    r"\s+(?:(?:about|around|some|nearly|almost|over|roughly|approximately|at least|more than)\s+)?"
)


def _only_reported(text: str, left: int, figure: Figure) -> bool:
    """Whether the verb right before ``figure`` only reports it ("listed about 666,340")."""
    verbs = knowledge().reporting
    return verbs is not None and any(
        _REPORTED.fullmatch(text, m.end(), figure.start)
        for m in verbs.finditer(text, left, figure.start)
    )


def _level_unit(doc: Document, index: int) -> str | None:
    """The unit of the level a change leads to ("grow by 170,000 to ... 1,320,000 servicemen")."""
    later = level_after(doc, index)
    if later is None:
        return None
    unit = doc.claims[later].unit
    if unit is None:
        limit = doc.sentences[doc.sentence_of[later]].end
        noun = read_noun_phrase(doc.text, doc.figures[later], limit)
        unit = noun.noun if noun is not None else None
    return None if unit in NOT_COUNTED_THINGS else unit


def _list_measure(doc: Document, index: int, figure: Figure) -> str | None:
    """The people measure that the line opening a list gives its items: "the approximate combat
    losses of the enemy ... were:" / "personnel – about 708,890" counts casualties."""
    lead_in = list_lead_in(doc, doc.sentence_of[index])
    if lead_in is None:
        return None
    sentence = doc.sentences[lead_in]
    return _nearest_keyword(doc.text, sentence.start, sentence.end, figure, people=True)


def _same_noun_later(doc: Document, nouns: list[str | None]) -> None:
    """A people figure left at "other" takes the measure of a later figure of the same noun in
    its paragraph: "taken at least 6,000 children" ... "19,000 children had been deported"."""
    for index, claim in enumerate(doc.claims):
        noun = nouns[index]
        if claim.measure == "other" and claim.unit == "person" and noun:
            claim.measure = same_noun_measure_later(doc, index, noun, nouns) or "other"


def assign_measures(doc: Document) -> None:
    """Fill measure and counted of every claim in ``doc``, and a noun ``unit`` left empty."""
    phrases: list[NounPhrase | None] = []
    nouns: list[str | None] = []
    for index in range(len(doc.claims)):
        _measure_claim(doc, index, phrases, nouns)
    _same_noun_later(doc, nouns)
