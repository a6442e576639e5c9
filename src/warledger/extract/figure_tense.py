"""Whether a figure is a change over its period or a plan for the future, from its words.

Read by the period stage: a change ("rose by 21%") covers the stretch it happened in, not the day
its level was read; a plan ("will be kept at high readiness from next year") has no period unless
a date is written.
"""

from __future__ import annotations

import re

from warledger.extract.date_text import alternation, time_words
from warledger.extract.running_totals import is_increment
from warledger.knowledge.patterns import compile_guarded

_CLAIM_WORDS = time_words()["claims"]
# "rose by 21% to 108.4 million": a figure after "rose by" and before any "to" is the change;
# "grew by a record 35%, or 8.9 million people, to 34.6 million" restates it in people.
_CHANGE_BY = compile_guarded(
    rf"\b(?:{alternation(_CLAIM_WORDS['change_verbs'])})\s+by\b(?:(?!\bto\b|\bat\b)[^;:.])*$",
    re.I,
)
_PLANNED = compile_guarded(rf"\b(?:{alternation(_CLAIM_WORDS['future_cues'])})\b", re.I)
_FROM_VERBS = alternation(
    sorted(set(_CLAIM_WORDS["change_verbs"]) | set(_CLAIM_WORDS["level_change_verbs"]))
)
_QUALIFIER = r"(?:(?:about|around|some|nearly|almost|roughly|more\s+than|over)\s+)?"
# "went from 4,476 to 4,554": the level the change starts from, and the one it reaches.
_LEVEL_FROM = compile_guarded(
    rf"\b(?:{_FROM_VERBS})\s+(?:[\w’'-]+\s+){{0,2}}?from\s+{_QUALIFIER}$", re.I
)
_LEVEL_TO = compile_guarded(
    rf"\b(?:{_FROM_VERBS})\s+(?:[\w’'-]+\s+){{0,2}}?from\s+{_QUALIFIER}[$£€₽₴]?\d[\d,.]*"
    rf"(?:\s+[\w’'-]+){{0,3}}?\s+to\s+{_QUALIFIER}$",
    re.I,
)


def is_change(text: str, start: int, end: int) -> bool:
    """ "rose by 21%", "another 44 drones", "560 more": a change over a stretch, not a level."""
    return is_increment(text, start, end) or bool(_CHANGE_BY.search(text[:start]))


def is_planned(clause: str) -> bool:
    """Whether a clause speaks of what will or would be ("will grow to brigade size", "would be
    stationed", "plans to", "the goal that each member devote 2%")."""
    return bool(_PLANNED.search(clause))


# The cheap test first: "from" or "to" a few words before the figure.
_FROM_OR_TO_NEAR = compile_guarded(r"\b(?:from|to)\s+(?:\S+\s+){0,2}$", re.I)


def level_end(text: str, start: int) -> str | None:
    """ "from" or "to" when the figure at ``text[start:]`` is the level a change starts from or
    reaches ("the tank count went from 4,476 to 4,554"), else None."""
    if not _FROM_OR_TO_NEAR.search(text, max(0, start - 30), start):
        return None
    before = text[:start]
    if _LEVEL_FROM.search(before):
        return "from"
    if _LEVEL_TO.search(before):
        return "to"
    return None
