"""Time words counted from the report's date or named by their place in a year.

"over the past 24 hours", "last week", "three months ago", "yesterday", "the fourth quarter of
last year". Part of the time-expression grammar (``time_expressions``), which lists these rules
where they stand in its order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from warledger.extract.date_text import (
    COUNT,
    UNIT,
    WORDS,
    YEAR,
    alternation,
    count_of,
    last_day,
    months_back,
    part_of_year,
    year_of,
)

# Each rule: a pattern and what it means, given the match and the publication date.
Resolver = Callable[[re.Match, date], tuple[date | None, date | None] | None]
RuleTable = list[tuple[str, str, Resolver]]
RELATIVE_RULES: RuleTable = []


def rule_into(table: RuleTable) -> Callable[[str, str], Callable[[Resolver], Resolver]]:
    """A decorator factory that lists a resolver, its kind and its pattern in ``table``."""

    def rule(kind: str, pattern: str) -> Callable[[Resolver], Resolver]:
        def register(resolver: Resolver) -> Resolver:
            table.append((kind, pattern, resolver))
            return resolver

        return register

    return rule


_rule = rule_into(RELATIVE_RULES)


@_rule(
    "relative",
    rf"\b(?:during|over|in|for|within|throughout)\s+the\s+(?:past|last|previous|preceding)\s+(?:(?P<n>{COUNT})\s+)?(?P<u>{UNIT})",
)
def _past_window(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "during the past nine years" counts back from the report; "during the last day" is one day.
    n, unit = count_of(match["n"]), match["u"].lower().rstrip("s")
    if unit == "hour":
        return published - timedelta(days=max(1, n // 24)), published
    if unit in ("day", "week"):
        return published - timedelta(days=n * (7 if unit == "week" else 1)), published
    return months_back(published, n * (12 if unit == "year" else 1)), published


@_rule(
    "relative",
    rf"\b(?:in|over|during|within)\s+the\s+(?:next|coming)\s+(?:{COUNT}\s+(?:to|or|-)\s+)?(?:(?P<n>{COUNT})\s+)?(?P<u>{UNIT})",
)
def _next_window(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    n, unit = count_of(match["n"]), match["u"].lower().rstrip("s")
    if unit in ("day", "week", "hour"):
        return published, published + timedelta(days=n * {"day": 1, "week": 7, "hour": 0}[unit])
    return published, months_back(published, -n * (12 if unit == "year" else 1))


@_rule(
    "relative",
    rf"\b(?:in|during)\s+the\s+first\s+(?P<n>{COUNT})\s+months(?:\s+of\s+(?P<y>{YEAR}|this\s+year|last\s+year))?",
)
def _first_months(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    year = year_of(match["y"], published) if match["y"] else published.year
    n = min(count_of(match["n"]), 12)
    return date(year, 1, 1), last_day(year, n)


@_rule(
    "since",
    r"\b(?:since|from)\s+the\s+(?:very\s+)?(?:start|beginning)\s+of\s+(?P<w>the|this|last)\s+year\b",
)
def _since_year_start(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "Since the start of the year the list has recorded 41,991 deaths, more than in the whole of
    # 2024": the report's year, not a year named later in the sentence.
    year = published.year - (match["w"].lower() == "last")
    return date(year, 1, 1), published


@_rule(
    "relative",
    r"\b(?:(?:early|late|earlier|later)\s+(?:in\s+)?)?"
    r"(?P<w>this|last|next|past|previous)\s+(?P<u>week|month|year)\b",
)
def _calendar_unit(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "last week" is the previous Monday-Sunday; "this year" runs from January 1 to the report.
    which, unit = match["w"].lower(), match["u"].lower()
    step = {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1}[which]
    if unit == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=step)
        return monday, published if step == 0 else monday + timedelta(days=6)
    if unit == "month":
        first = months_back(published.replace(day=1), -step)
        return first, published if step == 0 else last_day(first.year, first.month)
    year = published.year + step
    return date(year, 1, 1), published if step == 0 else date(year, 12, 31)


@_rule(
    "relative",
    rf"\b(?P<n>{COUNT})\s+(?P<u>day|week|month|year)s?\s+"
    r"(?:ago|earlier|before(?!\s+(?:the|a|an|its|his|her|their)\b))\b",
)
def _ago(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "three months ago"; "the figure the General Staff published a day earlier" counts back from
    # the report too, but "two days before the vote" from the vote.
    n, unit = count_of(match["n"]), match["u"].lower()
    if unit in ("day", "week"):
        day = published - timedelta(days=n * (7 if unit == "week" else 1))
    else:
        day = months_back(published, n * (12 if unit == "year" else 1))
    return day, day


@_rule("day", r"\b(?:yesterday|last\s+night|overnight)\b")
def _yesterday(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    day = published - timedelta(days=1)
    return day, day


@_rule("day", r"\b(?:today|tonight|this\s+morning|this\s+evening)\b")
def _today(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    return published, published


_PART_WORD = alternation(list(WORDS["year_parts"]))


@_rule(
    "month",
    rf"\b(?P<w>{_PART_WORD})\s+(?P<u>quarter|half)"
    rf"(?:\s+of\s+(?P<y>{YEAR}|(?:this|last|next|that)\s+year)\b|(?!\s+of\b))"
    rf"|\b(?P<q>[QH])(?P<n>[1-4])\s*,?\s*(?P<qy>{YEAR})\b",
)
def _year_part(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "in the fourth quarter of last year" is October 1 to December 31; "the first half of 2023"
    # January to June; "Q3 2024". "The last quarter" alone may mean the quarter before the
    # report's, so "last" needs its year.
    if match["q"]:
        unit = "quarter" if match["q"] == "Q" else "half"
        if unit == "half" and int(match["n"]) > 2:
            return None
        return part_of_year(int(match["n"]), unit, int(match["qy"]), published)
    number, unit = WORDS["year_parts"][match["w"].lower()], match["u"].lower()
    if (number < 0 and not match["y"]) or (unit == "half" and number > 2):
        return None
    year = year_of(match["y"], published) if match["y"] else None
    return part_of_year(number, unit, year, published)
