"""Time words counted from the start of the full-scale invasion.

"in the first days of the full-scale invasion", "on the first day of the war", "in the first
three months of the war", "a year after the invasion, on February 24". Part of the time-expression
grammar (``time_expressions``), which lists these rules where they stand in its order.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from warledger.extract.date_text import (
    COUNT,
    INVASION_START,
    MONTH_DAY,
    WAR,
    WORDS,
    alternation,
    count_of,
    months_back,
)
from warledger.extract.relative_dates import RuleTable, rule_into

WAR_RULES: RuleTable = []
_rule = rule_into(WAR_RULES)

_THE_WAR = (
    rf"(?:the\s+|russia['’]s\s+|moscow['’]s\s+)?(?:full[- ]scale\s+)?(?:russian\s+)?(?:{WAR})\b"
)


def _after_invasion(count: int, unit: str) -> date:
    """The day ``count`` units after the invasion began (0 days: the day itself)."""
    if unit in ("day", "week"):
        return INVASION_START + timedelta(days=count * (7 if unit == "week" else 1))
    return months_back(INVASION_START, -count * (12 if unit == "year" else 1))


@_rule(
    "range",
    rf"\b(?:(?:in|during|over|within|for|on|throughout)\s+)?the\s+(?:very\s+)?"
    rf"(?:first|early|earliest|initial|opening)\s+"
    rf"(?:(?P<n>{COUNT})\s+)?(?P<u>day|week|month|year)(?P<plural>s)?\s+(?:of|after|since)\s+"
    rf"{_THE_WAR}",
)
def _first_of_war(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "In the first days of the full-scale invasion more than 200,000 people a day crossed":
    # the war's first days; "first days" with no count reads as the count in time_words.toml.
    unit = match["u"].lower()
    if match["n"]:
        count = count_of(match["n"])
    else:
        count = WORDS["war_first_units"][unit] if match["plural"] else 1
    last = _after_invasion(count, unit) - timedelta(days=1)
    return INVASION_START, min(last, published)


@_rule(
    "day",
    rf"\b(?P<n>{COUNT})\s+(?P<u>day|week|month|year)s?\s+(?:after|into)\s+"
    rf"(?:the\s+(?:start|beginning)\s+of\s+)?{_THE_WAR}(?:\s*,?\s+(?:on\s+)?{MONTH_DAY})?",
)
def _after_war(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "A year after the invasion, on February 24, the General Staff put losses at 146,820": the
    # anniversary, not the invasion's own February 24.
    day = _after_invasion(count_of(match["n"]), match["u"].lower())
    return (day, day) if day <= published else None


_ORDINAL = alternation(list(WORDS["ordinals"]))


def _nth(group: str) -> str:
    """An ordinal in words or digits ("third", "3rd"), captured as ``group`` or ``group``2."""
    return rf"(?:(?P<{group}>{_ORDINAL})|(?P<{group}2>\d+)(?:st|nd|rd|th))"


def _count(match: re.Match) -> int:
    found = [name for name in ("a", "b") if match[name] or match[name + "2"]][0]
    word = match[found]
    return WORDS["ordinals"][word.lower()] if word else int(match[found + "2"])


@_rule(
    "day",
    rf"\b(?:on\s+)?the\s+{_nth('a')}\s+anniversary\s+of\s+{_THE_WAR}"
    rf"|\bon\s+the\s+{_nth('b')}\s+anniversary\b"
    r"(?!\s+of\b)",
)
def _anniversary(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "On the second anniversary of the invasion" is February 24, 2024; in war reporting "on the
    # second anniversary" with nothing after it is the invasion's too.
    day = _after_invasion(_count(match), "year")
    return (day, day) if day <= published else None


@_rule(
    "range",
    rf"\b(?:(?:in|during|over|throughout|for)\s+)?the\s+{_nth('a')}\s+year\s+of\s+{_THE_WAR}"
    rf"|\b(?:(?:in|during|over|throughout|for)\s+)?(?:the\s+|russia['’]s\s+)?(?:full[- ]scale\s+)?"
    rf"(?:{WAR})['’]s\s+{_nth('b')}\s+year\b",
)
def _year_of_war(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "the war's third year", "in the second year of the full-scale invasion": counted from the
    # invasion's day, a running year ending on the report.
    count = _count(match)
    first = _after_invasion(count - 1, "year")
    last = _after_invasion(count, "year") - timedelta(days=1)
    return (first, min(last, published)) if first <= published else None


@_rule(
    "day",
    rf"\b(?:day\s+(?P<n>\d{{1,4}})|(?P<m>\d{{1,4}})(?:st|nd|rd|th)\s+day)\s+of\s+{_THE_WAR}",
)
def _war_day_number(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "on day 100 of the war", "the 100th day of the invasion": the invasion's day is day 1.
    day = INVASION_START + timedelta(days=int(match["n"] or match["m"]) - 1)
    return (day, day) if day <= published else None
