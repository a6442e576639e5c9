"""What a figure counts, read from its words: the counted noun after it and the keyword file.

"411,000 applications" counts applications, "29 armoured personnel carriers" a vehicle (a known
compound, kept whole), "hundreds of victims and witnesses" victims and witnesses. The measures
stage decides the measure from what this module reads; the nouns and compounds live in
``knowledge/measures.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from warledger.extract.document import Figure
from warledger.knowledge.patterns import compile_guarded

# A word of a noun phrase: letters with inner hyphens or apostrophes ("UK-based", "states’").
_WORD = re.compile(r"[A-Za-z][A-Za-z\-]*(?:['’]s?)?")
# Words that end a noun phrase: "300 people were forcibly...", "14 missiles at Kyiv".
_STOP = frozenset(
    "of in to from for with by on at as and or but nor that which who whom whose were was is are "
    "be been being have has had will would could can may might should must do did does per a an "
    "the this these those their its his her our my your than more less each every daily over "
    "under between about into across since during until after before ago including among "
    "against like through within without away now already also only just so not there here it "
    "they we he she them worth while when where if then still yet toward towards near beyond "
    "outside inside amid via onto upon throughout along around behind below above despite except "
    "out off up down ahead ready able willing due enough too very last next overnight today "
    "yesterday tonight weekly annually ago "
    # Verbs that follow a subject without an -ed: "400,000 Russian soldiers took part".
    "took take make made gave give came come went go fled left got held lost fell rose saw "
    "fought say said says remain remains stand stood hit struck shot put set sent kept brought "
    "began became won ran cost taken given seen shown known driven stolen".split()
)
_MONTHS_AND_DAYS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_DETERMINERS = frozenset("the our their its these those his her this".split())
# Matched at a position with ``pos``/``endpos`` (no copy of the rest of the sentence for each
# word): the gap before a word, "of", the word after it, "and"/"or", a label's "and"/"or"/"/".
_GAP = re.compile(r"[\s\"“”‘]*")
_OF = re.compile(r"\s+of\s+")
_FIRST_WORD = re.compile(r"(\w+)\s+")
_AND_OR = re.compile(r"\s+(?:and|or)\s+")
_LABEL_JOIN = re.compile(r"\s*(?:and|or|/)\s*")


@dataclass(frozen=True, slots=True)
class MeasureRules:
    """One measure's keywords, compiled (see knowledge/measures.toml)."""

    key: str
    people: bool
    nouns: frozenset[str]
    words: re.Pattern[str] | None
    money: re.Pattern[str] | None
    before: re.Pattern[str] | None
    weak_nouns: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Knowledge:
    measures: tuple[MeasureRules, ...]
    people: frozenset[str]
    compounds: frozenset[str]
    irregular: dict[str, str]
    synonyms: dict[str, str]
    comparatives: frozenset[str]
    events: frozenset[str]
    generic: frozenset[str]
    reporting: re.Pattern[str] | None
    # Every measure's nouns together: "is this noun any measure's?" is asked for each figure.
    measure_nouns: frozenset[str]
    # Each noun's first measure (by place in ``measures``): the first measure whose nouns meet
    # a set is the one of its noun placed first, without a set intersection for each measure.
    noun_measure: dict[str, tuple[int, str]]


def _alternation(patterns: list[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    # Longest first, so "dead and wounded" wins over "dead" at the same place.
    ordered = sorted(patterns, key=len, reverse=True)
    return compile_guarded(r"\b(?:" + "|".join(ordered) + r")\b", re.IGNORECASE)


@cache
def knowledge() -> Knowledge:
    """The measures knowledge file, parsed once."""
    data = tomllib.loads(
        resources.files("warledger.knowledge").joinpath("measures.toml").read_text("utf-8")
    )
    measures = tuple(
        MeasureRules(
            key=key,
            people=bool(entry.get("people", False)),
            nouns=frozenset(entry.get("nouns", ())),
            words=_alternation(entry.get("words", [])),
            money=_alternation(entry.get("money", [])),
            before=_alternation(entry.get("before", [])),
            weak_nouns=frozenset(entry.get("weak_nouns", ())),
        )
        for key, entry in data["measures"].items()
    )
    units = data["units"]
    return Knowledge(
        measures=measures,
        people=frozenset(units["people"]),
        compounds=frozenset(units["compounds"]),
        irregular=dict(units["irregular"]),
        synonyms=dict(units["synonyms"]),
        comparatives=frozenset(units["comparatives"]),
        events=frozenset(units["events"]),
        generic=frozenset(units["generic"]),
        reporting=_alternation(units["reporting_verbs"]),
        measure_nouns=frozenset().union(*(rules.nouns for rules in measures)),
        noun_measure=_first_measures(measures),
    )


def _first_measures(measures: tuple[MeasureRules, ...]) -> dict[str, tuple[int, str]]:
    first: dict[str, tuple[int, str]] = {}
    for place, rules in enumerate(measures):
        for noun in rules.nouns:
            first.setdefault(noun, (place, rules.key))
    return first


# Asked for every word of every noun phrase and of the words before a figure; news text repeats
# the same few hundred words, so the answers are kept.
@lru_cache(maxsize=4096)
def singular(word: str) -> str:
    """The lowercase singular of an English noun: "casualties" -> "casualty", "axes" -> "axis"."""
    if len(word) > 1 and word.isupper():
        # An acronym is written the same in the plural: "MLRS", "HIMARS" (but "UAVs" -> "uav").
        return word.lower()
    w = word.lower().rstrip("'’")
    irregular = knowledge().irregular
    if w in irregular:
        return irregular[w]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "xes", "ches", "shes", "zes")):
        return w[:-2]
    if w.endswith(("ss", "us", "is")):
        return w
    if w.endswith("s") and len(w) > 3:
        return w[:-1]
    return w


@dataclass(frozen=True, slots=True)
class NounPhrase:
    """The words right after a figure that name what it counts.

    ``complement`` is the noun after "of" ("900 cases of civilians"), ``coordinated`` the noun
    joined by "and"/"or" ("hundreds of victims and witnesses"): both say what is counted too.
    """

    start: int
    end: int
    noun: str
    complement: str | None = None
    coordinated: str | None = None

    def nouns(self) -> set[str]:
        """Every noun of the phrase, a compound also by its head ("cruise missile", "missile")."""
        found = {n for n in (self.noun, self.complement, self.coordinated) if n}
        return found | {n.rsplit(" ", 1)[-1] for n in found}


_THAN = re.compile(r"\s+than\b|\s*$|\s*[,.;:!?)]")


def _phrase_words(text: str, pos: int, limit: int) -> list[re.Match[str]]:
    """Words from ``pos`` that can form a noun phrase, before punctuation or a stop word."""
    words: list[re.Match[str]] = []
    while pos < limit and len(words) < 5:
        gap = _GAP.match(text, pos, limit)
        pos = gap.end() if gap else pos
        match = _WORD.match(text, pos, limit)
        if not match:
            break
        word = match.group().lower()
        if not words and word == "more" and not _THAN.match(text, match.end(), limit):
            # "229 more artillery systems were added": "more" says it is an increment
            pos = match.end()
            continue
        if word in _STOP or word in _MONTHS_AND_DAYS or word in knowledge().comparatives:
            # "1,350 higher than the figure a day earlier": a comparative is no counted noun.
            break
        if words and word.endswith("ed"):
            # The verb after the subject: "141 countries endorsed it", "1,700 personnel deployed".
            break
        words.append(match)
        pos = match.end()
        if text[pos : pos + 1] in ",.;:!?)":
            break
    return words


def _head(words: list[re.Match[str]]) -> str | None:
    """The counted noun of ``words``: a known compound of the last words, else the last word."""
    kb = knowledge()
    lemmas = [singular(w.group()) for w in words]
    for size in (3, 2):
        if len(lemmas) >= size:
            compound = " ".join(lemmas[-size:])
            if compound in kb.compounds:
                return kb.synonyms.get(compound, compound)
    # "16 of the 36 launched Thursday": a participle is no counted noun.
    while lemmas and lemmas[-1].endswith(("ed", "ing")):
        lemmas.pop()
    if not lemmas or len(lemmas[-1]) < 2:
        return None
    return kb.synonyms.get(lemmas[-1], lemmas[-1])


def noun_at(text: str, pos: int, limit: int) -> str | None:
    """The counted noun of the phrase starting at ``pos`` ("children taken ..." -> "child")."""
    return _head(_phrase_words(text, pos, limit))


def is_person_noun(noun: str) -> bool:
    """Whether ``noun`` names people: listed, or an agent noun ("lieutenantist", "politician")."""
    people = knowledge().people
    if noun in people or noun.endswith(("ist", "ian")):
        return True
    # "contract soldier", "Russian serviceman": a compound headed by a people noun
    return " " in noun and " of " not in noun and noun.rsplit(" ", 1)[-1] in people


def read_noun_phrase(text: str, figure: Figure, limit: int) -> NounPhrase | None:
    """The counted noun after ``figure``: "411,000 applications", "dozens of Russian missiles"."""
    pos = figure.end
    if text[pos : pos + 1] == "-":
        # "a 10-point plan", "a nine-storey building": the noun is glued to the number.
        pos += 1
    after = _OF.match(text, pos, limit)
    if after:
        # "thousands of people", "12 of our operations", but not "16 of the 36 launched".
        pos = after.end()
        determiner = _FIRST_WORD.match(text, pos, limit)
        if determiner and determiner.group(1).lower() in _DETERMINERS:
            pos = determiner.end()
    words = _phrase_words(text, pos, limit)
    noun = _head(words)
    if noun is None:
        return None
    end = words[-1].end()
    complement = None
    more = _OF.match(text, end, limit)
    if more:
        # "100,000 items of headgear", "900 cases of civilians ... detained".
        complement = _head(_phrase_words(text, more.end(), limit))
    coordinated = None
    joined = _AND_OR.match(text, end, limit)
    if joined:
        # "122 vehicles and fuel tanks" counts vehicles (the unit) and fuel tanks.
        second = _phrase_words(text, joined.end(), limit)
        coordinated = _head(second)
        if coordinated and len(second) > 1 and _shares_head(words[-1].group(), second, figure):
            # "80 civil society and media organisations": both modify the plural head, though
            # "300 staff and volunteers" counts staff.
            noun, coordinated = coordinated, noun
            end = second[-1].end()
    return NounPhrase(words[0].start(), end, noun, complement, coordinated)


def _shares_head(first: str, second: list[re.Match[str]], figure: Figure) -> bool:
    """Whether a singular noun before "and" modifies the plural head after it, under a plural
    figure."""
    head = second[-1].group()
    return (
        figure.low > 1
        and first.islower()
        and singular(first) == first
        and not first.endswith("s")
        and singular(head) != head.lower()
    )


def earlier_known_noun(text: str, start: int, figure_start: int) -> str | None:
    """The last people or equipment noun before the figure ("missiles ..., disabling 16")."""
    kb = knowledge()
    equipment = next(m.nouns for m in kb.measures if m.key == "equipment")
    found = None
    for match in _WORD.finditer(text, start, figure_start):
        following = _WORD.match(text, match.end() + 1, figure_start)
        if (
            following
            and text[match.end()] == " "
            and following.group().lower() not in _STOP
            and not match.group().endswith("s")
        ):
            # A word that modifies the next one names no counted thing: "Ukrainian infrastructure".
            continue
        lemma = singular(match.group())
        if lemma in kb.people or lemma in equipment:
            found = lemma
    return found


# A list item that names what it counts before a dash or colon: "artillery systems – 20,280",
# "personnel – about 708,890", "MLRS: 1,245" (a bullet may open it, a qualifier follow the dash).
_LABEL = re.compile(
    r"\s*(?:[•·▪*]\s*)?(?P<label>[^\d–—:;,.()]{2,60}?)\s*(?:[–—:]|\s-)\s*(?:[a-z]+\s+){0,2}"
)


def label_phrase(text: str, start: int, figure_start: int) -> NounPhrase | None:
    """The noun of a "label – figure" list item, the first of coordinated nouns kept whole:
    "vehicles and fuel tanks – 28,683" counts vehicles, "armoured combat vehicles – 18,726"
    armoured combat vehicles. A label that is no known or common noun ("Kherson – 12") is none.
    """
    found = _LABEL.fullmatch(text, start, figure_start)
    if found is None:
        return None
    words = _phrase_words(text, found.start("label"), found.end("label"))
    noun = _head(words)
    if noun is None or words[0].start() != found.start("label"):
        return None
    kb = knowledge()
    known = noun in kb.people or noun in kb.compounds or noun in kb.measure_nouns
    if not known and not words[-1].group()[0].islower():
        return None
    end = words[-1].end()
    joined = _LABEL_JOIN.match(text, end, found.end("label"))
    coordinated = None
    if joined:
        coordinated = _head(_phrase_words(text, joined.end(), found.end("label")))
    return NounPhrase(words[0].start(), end, noun, None, coordinated)
