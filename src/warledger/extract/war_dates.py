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
    rf"\b(?:(?:in|during|over|within|for|on|throughout)\s+)?the\s+(?:very\s+)?first\s+"
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


@_rule(
    "day",
    rf"\bon\s+the\s+(?:(?P<w>{_ORDINAL})|(?P<d>\d+)(?:st|nd|rd|th))\s+anniversary\s+of\s+"
    rf"{_THE_WAR}",
)
def _anniversary(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "On the second anniversary of the invasion" is February 24, 2024.
    count = WORDS["ordinals"][match["w"].lower()] if match["w"] else int(match["d"])
    day = _after_invasion(count, "year")
    return (day, day) if day <= published else None
