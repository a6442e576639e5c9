"""Whether a figure is a running total of the war, an increment, or a price, from its words.

Read by the period stage: a running total starts on the day of the invasion, an increment
("another 44 drones") covers the report's day, a price ("worth $1 billion") holds with no period.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from warledger.extract.date_text import alternation, time_words
from warledger.extract.time_expressions import TimeMention
from warledger.knowledge.patterns import EndPattern, compile_guarded
from warledger.record import Claim

_CLAIM_WORDS = time_words()["claims"]
RUNNING_MEASURES = frozenset(_CLAIM_WORDS["running_measures"])
PERFECT_MEASURES = RUNNING_MEASURES | frozenset(_CLAIM_WORDS["perfect_measures"])
TIMELESS_MEASURES = frozenset(_CLAIM_WORDS["timeless_measures"])
DURATION_UNITS = frozenset(_CLAIM_WORDS["duration_units"])
INVASION_START = time_words()["invasion_start"]

_RUNNING_CUES = compile_guarded(rf"\b(?:{alternation(_CLAIM_WORDS['running_cues'])})\b", re.I)
_TOTAL_CUES = compile_guarded(rf"\b(?:{alternation(_CLAIM_WORDS['total_cues'])})\b", re.I)
# Qualifier words that may stand between a cue and its figure ("another about 40", "worth some").
_QUALIFIER = r"(?:(?:about|around|some|nearly|almost|over|roughly|more\s+than|up\s+to)\s+)?"
_INCREMENT_BEFORE = compile_guarded(
    rf"\b(?:{alternation(_CLAIM_WORDS['increment_before'])})\s+{_QUALIFIER}$", re.I
)
# "tanks – 9,249 (+11)": a signed figure is the day's change.
_PLUS_SIGN = re.compile(r"\+\s*$")
_INCREMENT_AFTER = re.compile(rf"^\s*(?:{alternation(_CLAIM_WORDS['increment_after'])})\b", re.I)
_PRICE = compile_guarded(rf"\b(?:{alternation(_CLAIM_WORDS['price_cues'])})\s+{_QUALIFIER}$", re.I)
# Money after "a": the price of one thing ("a $1 billion weapons package").
_CURRENCY = re.compile(r"[A-Z]{3}")
_ONE_THING = EndPattern(r"\ban?\s+$", 2, re.I)
# Money that modifies the thing it prices: "$1 billion weapons package", "$300 million arms deal".
_PRICED_THING_AFTER = re.compile(
    r"\s+(?:[a-z]+[\s-]){0,2}?(?:package|deal|contract|tranche|order|purchase|sale)s?\b"
)
# An adverb between auxiliary and participle: "has forcefully deported", "has also lost".
_ADVERB = r"(?:(?:\w+ly|now|already|also|still|so\s+far|since|just|ever)\s+)?"
# Present perfect ("has forcefully deported", "have been killed") reports a total up to now.
_PERFECT = compile_guarded(rf"\b(?:has|have)\s+{_ADVERB}(?:been\s+)?\w+(?:ed|en|t)\b", re.I)
# Past perfect after a dated statement ("estimated in February 2023 that Russia had forcibly
# removed at least 6,000 children") is a total up to the statement.
# The perfect of a verb of saying ("On Saturday it had reported 1,124", "it had added 1,140 in a
# single day") dates a report, not a total.
_PAST_PERFECT = compile_guarded(
    rf"\b(?:has|have|had)\s+{_ADVERB}(?:been\s+)?"
    rf"(?!(?:{alternation(_CLAIM_WORDS['statement_verbs'])})\b)\w+(?:ed|en|t)\b",
    re.I,
)
# A tally named earlier in the clause that the figure sets: "the tally had grown by 690, to about
# 140,460", "lifting its running total to about 473,400".
_TALLY_TO = compile_guarded(
    rf"\b(?:{alternation(_CLAIM_WORDS['tally_nouns'])})\b[^;:]*\bto\s+{_QUALIFIER}$", re.I
)
# A level set right before the figure: "put Russian personnel losses at about 35,000", "it stood
# at about 36,200", "raised the figure to about 223,910", "up from about 34,850". For a measure
# that adds up over the war, the level on a day is the war's total on that day.
_LEVEL = compile_guarded(
    rf"\b(?:(?:{alternation(_CLAIM_WORDS['level_verbs'])})\b(?:\s+(?!(?:at|to)\b)[\w’'-]+){{0,6}}?"
    rf"\s+(?:at|to)|(?:up|down)\s+from)\s+{_QUALIFIER}$",
    re.I,
)
# Clause edges: a mention across one of these usually times another figure
# ("has now reached 760,000, and the average level of casualties in November 2024 was 1,523";
# "Strikes also reached the city of Cherkasy, where one person died"). "where, by the end of
# May 2023, ..." opens the sentence's account with its date.
_CLAUSE_EDGE = compile_guarded(
    r"[;:–—]|\s-\s|,\s+(?:and|but|yet|while|whereas|which)\b|,\s+where\b(?!\s*,)"
    r"|\s(?:while|whereas)\s"
)


def clause_edges(text: str, mentions: list[TimeMention]) -> tuple[int, ...]:
    """Offsets of the clause edges of ``text`` that fall outside every time mention."""
    return _edges_outside(text, tuple((m.start, m.end) for m in mentions))


# The period stage asks for one sentence's edges three times a figure; a few entries hold it.
@lru_cache(maxsize=8)
def _edges_outside(text: str, inside: tuple[tuple[int, int], ...]) -> tuple[int, ...]:
    return tuple(
        edge for edge in _edge_marks(text) if not any(start <= edge < end for start, end in inside)
    )


# A small cache because the period stage asks for the edges of one sentence several times for
# each of its figures; a few entries hold the sentence being read.
@lru_cache(maxsize=8)
def _edge_marks(text: str) -> tuple[int, ...]:
    return tuple(edge.start() for edge in _CLAUSE_EDGE.finditer(text))


def clause_of(text: str, edges: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """The clause of ``text`` that holds the figure at ``text[start:end]``."""
    before = [edge for edge in edges if edge < start]
    after = [edge for edge in edges if edge >= end]
    return (max(before) if before else 0), (min(after) if after else len(text))


# Three stages ask it of each figure in turn: the last few answers are kept.
@lru_cache(maxsize=16)
def is_increment(text: str, start: int, end: int) -> bool:
    """ "another 44 drones", "1,350 higher than": a change, not the total."""
    before = text[:start]
    return bool(
        _INCREMENT_BEFORE.search(before)
        or _PLUS_SIGN.search(before)
        or _INCREMENT_AFTER.match(text[end:])
    )


def is_price(text: str, start: int, unit: str | None = None, end: int | None = None) -> bool:
    """ "a package worth $1 billion", "a $1 billion weapons package", "the Pentagon's latest $1
    billion weapons package": the value of a thing, not a count over time."""
    before = text[:start]
    if unit and _CURRENCY.fullmatch(unit):
        if _ONE_THING.search(before):
            return True
        if end is not None and _PRICED_THING_AFTER.match(text, end):
            return True
    return bool(_PRICE.search(before))


def running_evidence(
    claim: Claim, text: str, mentions: list[TimeMention], start: int, end: int
) -> str | None:
    """Why the figure at ``text[start:end]`` is a running total of the war, or None.

    "total": words right before it set a total ("for a total of 18,619", "lifting its running
    total to 473,400"); "since": the sentence counts since the invasion; "cue": a word of its
    clause says total ("still lists 369 aircraft") or a level is set ("put losses at about
    35,000"); "perfect": a present perfect.
    """
    if claim.per or claim.measure in TIMELESS_MEASURES or is_increment(text, start, end):
        return None
    low, high = clause_of(text, clause_edges(text, mentions), start, end)
    # "for a total of 18,619" totals whatever it counts, even when the measure is unknown.
    if claim.measure != "share" and (
        _TOTAL_CUES.search(text[low:start]) or _TALLY_TO.search(text[low:start])
    ):
        return "total"
    if claim.measure not in PERFECT_MEASURES:
        return None
    if any(m.kind == "since" and m.period_start == INVASION_START for m in mentions):
        return "since"
    if claim.measure in RUNNING_MEASURES and (
        _RUNNING_CUES.search(text[low:start])
        or _RUNNING_CUES.search(text, end, _own_words_end(text, end, high))
        or _LEVEL.search(text[low:start])
    ):
        return "cue"
    if _PERFECT.search(text):
        return "perfect"
    return None


_NUMBER = compile_guarded(r"\d")


def _own_words_end(text: str, end: int, high: int) -> int:
    """Where the words after a figure stop being its own: at the next number, or before the
    tally words that set it ("reported 580 losses and on Tuesday 550, bringing its total to about
    269,760": "total" is the 269,760's)."""
    following = _NUMBER.search(text, end, high)
    if following is None:
        return high
    sets_next = _TALLY_TO.search(text[end : following.start()])
    return end + sets_next.start() if sets_next else following.start()


# A level reached after a change: "the count ... has risen by 10, to 1,455".
_LEVEL_AFTER_CHANGE = compile_guarded(
    rf"\b(?:{alternation(_CLAIM_WORDS['change_verbs'])})\s+by\b[^;:.]*?\bto\s+"
    rf"(?:(?:stand|reach|total)\s+at\s+|(?:reach|total)\s+)?{_QUALIFIER}$",
    re.I,
)


def is_level_after_change(text: str, start: int) -> bool:
    """ "has risen by 10, to 1,455", "increased by 331,600 ... to stand at 1.8 million": the figure
    after "to" is the level, not the change."""
    return bool(_LEVEL_AFTER_CHANGE.search(text[:start]))


def says_total(text: str) -> bool:
    """Whether ``text`` speaks of a running total ("Its tally of Russian losses ... showed:")."""
    return bool(_RUNNING_CUES.search(text) or _TOTAL_CUES.search(text))


def totals_up_to_statement(
    claim: Claim, text: str, mentions: list[TimeMention], start: int, end: int
) -> bool:
    """A count a dated statement reports as standing by then ("had forcibly removed 6,000"); the
    words of another clause do not make it one ("On Saturday it had reported 1,124, and on Friday
    the total had stood at about 463,930")."""
    if claim.per or claim.measure not in RUNNING_MEASURES or is_increment(text, start, end):
        return False
    low, high = clause_of(text, clause_edges(text, mentions), start, end)
    return bool(
        _PAST_PERFECT.search(text[low:high])
        or _RUNNING_CUES.search(text[low:start])
        or _RUNNING_CUES.search(text, end, _own_words_end(text, end, high))
    )
