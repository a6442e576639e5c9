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


def is_change(text: str, start: int, end: int) -> bool:
    """ "rose by 21%", "another 44 drones", "560 more": a change over a stretch, not a level."""
    return is_increment(text, start, end) or bool(_CHANGE_BY.search(text[:start]))


def is_planned(clause: str) -> bool:
    """Whether a clause speaks of what will or would be ("will grow to brigade size", "would be
    stationed", "plans to", "the goal that each member devote 2%")."""
    return bool(_PLANNED.search(clause))
