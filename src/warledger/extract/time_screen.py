"""Speed only: which time-expression rules can match a sentence, from words their matches contain.

Each rule lists up to two groups of words (lower-cased, matched as substrings): every match of
the rule contains one word of each group, so a sentence without them skips the rule's regex.
Most sentences name no time at all and would otherwise run all 36 scans. A rule missing here
always runs. The words present in a sentence are a bit mask, so a rule's test is two ``&``.
"""

from __future__ import annotations

import re

from warledger.extract.date_text import WORDS
from warledger.knowledge.patterns import compile_guarded

_DIGITS = tuple("0123456789")
_MONTHS = tuple(sorted({name[:3] for name in WORDS["months"]}))
_WAR_WORDS = ("invasion", "war", "aggression", "conflict")
_UNITS = ("day", "week", "month", "year")
_ANAPHORS = WORDS["phrases"]["anaphors"]
_NOW = WORDS["phrases"]["now"]
_TRIGGERS: dict[str, tuple[tuple[str, ...], ...]] = {
    "_from_to": (("from", "between"),),
    "_war_to": (("from", "between"), _WAR_WORDS),
    "_day_span": (_MONTHS, _DIGITS),
    "_weekday_span": (("from", "between"), ("day",)),
    "_first_of_war": (("first", "early", "earliest", "initial", "opening"), _WAR_WORDS),
    "_war_day_number": (("day",), _WAR_WORDS),
    "_after_war": (("after", "into"), _WAR_WORDS),
    "_anniversary": (("anniversary",),),
    "_year_of_war": (("year",), _WAR_WORDS),
    "_since_war": (
        ("since", "from", "after", "during", "throughout"),
        (*_WAR_WORDS, "invaded", "attacked"),
    ),
    "_since": (("since", "starting", "from", "dating"), _MONTHS + _DIGITS),
    "_since_weekday": (("since",), ("day",)),
    "_since_calendar_unit": (("since",), ("week", "month", "year")),
    "_since_event_in": (("since",), _MONTHS + _DIGITS),
    "_began_in": (("began", "started", "begun", "erupted", "broke"), _MONTHS + _DIGITS),
    "_war_day": (("start", "beginning", "outset"),),
    "_before": (("before", "prior", "until", "ahead", "eve"),),
    "_as_of": (("as", "by", "at", "up", "until", "till", "through"), (*_MONTHS, "day")),
    "_as_of_month": (("as", "at"), _MONTHS),
    "_end_of": (("end", "start", "beginning"),),
    "_by_month": (("by", "as", "until"), _MONTHS),
    "_by_part_of_year": (("early", "mid", "late"), _DIGITS),
    "_past_window": (("past", "last", "previous", "preceding"),),
    "_weekend": (("weekend",),),
    "_window_to": (("to", "until", "till", "through", "ending"), (*_UNITS, "hour")),
    "_next_window": (("next", "coming"),),
    "_first_months": (("first",), ("months",)),
    "_since_year_start": (("year", "month", "week"), ("start", "beginning", "new")),
    "_calendar_unit": (("this", "last", "next", "past", "previous"), ("week", "month", "year")),
    "_ago": (("ago", "earlier", "before"), (*_UNITS, "fortnight")),
    "_yesterday": (("yesterday", "night", "overnight"),),
    "_today": (("today", "tonight", "morning", "evening"),),
    "_year_part": (("quarter", "half", "q1", "q2", "q3", "q4", "h1", "h2", "h3", "h4"),),
    "_year": (("19", "20"),),
    "_month_year": (_MONTHS,),
    "_next_month_name": (("next",), _MONTHS),
    "_month": (_MONTHS,),
    "_day": (_MONTHS, _DIGITS),
    "_weekday_rule": (("day",),),
    # A listed phrase ("during this period") or "over those three months".
    "_anaphor": (
        (*{phrase.split()[0].lower() for phrase in _ANAPHORS}, "those", "these"),
        (*{phrase.split()[-1].lower() for phrase in _ANAPHORS}, "those", "these"),
    ),
    "_same_period_a_year_before": (("same",), ("year",)),
    "_the_stretch": (("during", "over", "within", "throughout"), ("week", "month", "period")),
    "_now": (
        tuple({phrase.split()[0].lower() for phrase in _NOW}),
        tuple({phrase.split()[-1].lower() for phrase in _NOW}),
    ),
    "_season": (("spring", "summer", "autumn", "winter", "fall"),),
    "_since_season": (("since",), ("spring", "summer", "autumn", "winter")),
    "_month_span": (_MONTHS,),
    "_months_and": (_MONTHS, ("and",)),
    "_since_then": (("since",),),
    "_same_day": (("day",),),
    "_next_day": (("next", "following", "after", "later"), ("day",)),
    "_day_before": (("previous", "before"), ("day",)),
    "_year_span": (("19", "20"), ("and",)),
    "_that_year": (("that",), ("year",)),
}
_WORDS = sorted({word for groups in _TRIGGERS.values() for group in groups for word in group})
_BIT = {word: 1 << index for index, word in enumerate(_WORDS)}
# Set in every sentence's mask: the test of a rule without triggers.
_ALWAYS = 1 << len(_WORDS)
# Trigger words are ASCII letters and digits, so each lies inside one run of them.
_RUN = re.compile(r"[a-z0-9]+")
assert all(_RUN.fullmatch(word) for word in _WORDS)
# Characters IGNORECASE matches to an ASCII letter that lower() does not give ("ſ" ~ "s"), and
# non-ASCII digits ("\d"): text with them runs every rule.
_UNSCREENED = compile_guarded(r"[\u0131\u017f]|(?![0-9])\d")


def rule_screens(names: list[str]) -> list[tuple[int, int]]:
    """Two masks a rule (by its function's name) runs on: a sentence's mask meets both."""
    screens = []
    for name in names:
        groups = [sum(_BIT[word] for word in group) for group in _TRIGGERS.get(name, ())]
        groups = groups or [_ALWAYS]
        screens.append((groups[0], groups[-1]))
    return screens


def text_mask(text: str) -> int:
    """The trigger words in ``text`` as bits (every bit for text the screen cannot read)."""
    if not text.isascii() and _UNSCREENED.search(text):
        return -1
    mask = _ALWAYS
    known = _RUN_MASKS
    for run in set(_RUN.findall(text.lower())):
        bits = known.get(run)
        if bits is None:
            bits = sum(bit for word, bit in _BIT.items() if word in run)
            if len(known) < _RUN_MASKS_HELD:
                known[run] = bits
        mask |= bits
    return mask


# A cache because news reuses its words: a run's trigger words are found once, not in every
# sentence (a substring test a trigger word). A plain dict, as a sentence looks up some twenty
# runs and lru_cache's call costs more than the look-up; bounded, as the vocabulary is open: once
# full it keeps what it holds.
_RUN_MASKS: dict[str, int] = {}
_RUN_MASKS_HELD = 1 << 16
