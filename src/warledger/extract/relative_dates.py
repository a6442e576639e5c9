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
    MONTH_CAP,
    MONTH_DAY,
    MONTH_YEAR,
    UNIT,
    WEEKDAY,
    WORDS,
    YEAR,
    alternation,
    count_of,
    last_day,
    months_back,
    parse_day,
    part_of_year,
    resolve_date_text,
    weekday_date,
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
    rf"\b(?:during|over|in|for|within|throughout)\s+the\s+(?:past|last|previous|preceding)\s+(?:(?P<n>{COUNT})\s+)?(?P<u>{UNIT}|fortnights?)\b",
)
def _past_window(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "during the past nine years" counts back from the report; "during the last day" is one day.
    n, unit = count_of(match["n"]), match["u"].lower().rstrip("s")
    if unit == "fortnight":
        n, unit = n * 2, "week"
    if unit == "hour":
        return published - timedelta(days=max(1, n // 24)), published
    if unit in ("day", "week"):
        return published - timedelta(days=n * (7 if unit == "week" else 1)), published
    return months_back(published, n * (12 if unit == "year" else 1)), published


_WEEKDAY_ONLY = re.compile(WEEKDAY)
_MONTH_DAY_ONLY = re.compile(MONTH_DAY, re.I)


def day_named(text: str, published: date) -> date | None:
    """The day a weekday ("Tuesday") or a month and day ("February 24") names, counted back
    from ``published``: a count "as of February 24" in a 2025 report stands on that year's
    February 24, not on the invasion's."""
    if _WEEKDAY_ONLY.fullmatch(text):
        return weekday_date(text, published)
    return parse_day(text, published, anchored=False)


@_rule(
    "relative",
    rf"\b(?:during|over|in|for|within)\s+the\s+(?:(?P<n>{COUNT})\s+)?(?P<u>{UNIT})\s+"
    rf"(?:to|until|till|through|ending(?:\s+on)?)\s+"
    # "in the 24 hours to 8am on Wednesday": the hour does not move the day.
    r"(?:\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)?\s+(?:on\s+)?|(?:midnight|noon)\s+(?:on\s+)?)?"
    rf"(?P<a>{MONTH_DAY}|{MONTH_YEAR}|{MONTH_CAP}|{WEEKDAY})",
)
def _window_to(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "in the three days to Tuesday", "in the week to Sunday", "in the 12 months to March 2024":
    # a window counted back from the day or month it ends on, not from the report.
    text = match["a"]
    n, unit = count_of(match["n"]), match["u"].lower().rstrip("s")
    if _WEEKDAY_ONLY.fullmatch(text) or _MONTH_DAY_ONLY.fullmatch(text):
        last = day_named(text, published)
    else:
        span = resolve_date_text(text, published)
        if span is None:
            return None
        if unit in ("month", "year"):
            # "the three months to September" are July, August and September.
            return months_back(span[0], n * (12 if unit == "year" else 1) - 1), span[1]
        last = span[1]
    if last is None:
        return None
    if unit in ("month", "year"):
        return months_back(last, n * (12 if unit == "year" else 1)), last
    days = max(1, n // 24) if unit == "hour" else n * (7 if unit == "week" else 1)
    return last - timedelta(days=days), last


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
    r"\b(?:since|from)\s+(?:the\s+(?:very\s+)?(?:start|beginning)\s+of\s+(?P<w>the|this|last)\s+"
    r"(?P<u>year|month|week)|(?:the\s+)?new\s+year(?:['’]s(?:\s+(?P<eve>eve)|\s+day)?)?)\b",
)
def _since_year_start(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "Since the start of the year the list has recorded 41,991 deaths, more than in the whole of
    # 2024": the report's year, not a year named later in the sentence; "since New Year" too,
    # and "since the start of the month" the report's month.
    if match["eve"]:
        return date(published.year - 1, 12, 31), published
    back = bool(match["w"]) and match["w"].lower() == "last"
    unit = (match["u"] or "year").lower()
    if unit == "month":
        return months_back(published.replace(day=1), int(back)), published
    if unit == "week":
        return published - timedelta(days=published.weekday() + 7 * back), published
    return date(published.year - back, 1, 1), published


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
    rf"\b(?P<n>{COUNT})\s+(?P<u>day|week|fortnight|month|year)s?\s+"
    r"(?:ago|earlier|before(?!\s+(?:the|a|an|its|his|her|their)\b))\b",
)
def _ago(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "three months ago"; "the figure the General Staff published a day earlier" counts back from
    # the report too, but "two days before the vote" from the vote.
    n, unit = count_of(match["n"]), match["u"].lower()
    if unit == "fortnight":
        n, unit = n * 2, "week"
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


@_rule(
    "relative",
    r"\b(?P<w>over|during|at|on|this\s+past|last|this|the\s+past)\s+(?:the\s+)?weekend\b",
)
def _weekend(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "over the weekend" in a Monday report: the Saturday and Sunday just gone; read on a
    # weekend day, "this weekend" runs to the report and "last weekend" is the one before.
    saturday = published - timedelta(days=(published.weekday() - 5) % 7)
    if match["w"].lower() == "last" and published.weekday() >= 5:
        saturday -= timedelta(days=7)
    return saturday, min(saturday + timedelta(days=1), published)


_PART_WORD = alternation(list(WORDS["year_parts"]))


@_rule(
    "month",
    rf"\b(?P<w>{_PART_WORD})\s+(?P<u>quarter|half)"
    rf"(?:\s+of\s+(?P<y>{YEAR}|(?:this|last|next|that|the)\s+year)\b|(?!\s+of\b))"
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


# The month each season starts in, by the meteorological reckoning news and statistics use.
_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_SEASON = r"(?:spring|summer|autumn|winter)"
# "spring" alone may be a noun of its own ("the spring offensive").
_NOT_A_SEASON = r"(?!\s+(?:offensive|counteroffensive|counter-offensive|campaign|session))"


def _season_span(season: str, year: int) -> tuple[date, date]:
    """A season of ``year``: three months, winter running into the next year."""
    month = _SEASON_START[season]
    end_year, end_month = divmod(year * 12 + month + 1, 12)
    return date(year, month, 1), last_day(end_year, end_month + 1)


def _latest_season(season: str, published: date) -> int:
    """The year of the latest such season begun by the report."""
    month = _SEASON_START[season]
    return published.year if date(published.year, month, 1) <= published else published.year - 1


@_rule(
    "range",
    rf"\b(?:(?P<p>in|during|over|throughout|through|by|until)\s+)?(?:the\s+)?"
    rf"(?:(?P<w>this|last|next|past)\s+)?(?:(?:early|late|mid-?)\s*)?(?P<s>{_SEASON}|fall)\b"
    rf"(?:\s+(?:of\s+)?(?P<y>{YEAR})(?:[-–/]\d{{2,4}})?\b)?{_NOT_A_SEASON}",
)
def _season(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "in the summer of 2024" is June to August 2024; "last winter" December to February; "the
    # winter of 2022-23" starts in December 2022; a bare "in the spring" the latest spring begun
    # by the report, ending there while it runs.
    season = match["s"].lower()
    # A season needs a preposition, "this/last/next" or a year to be a time; "fall" a year
    # ("the fall of Bakhmut").
    if not (match["p"] or match["w"] or match["y"]) or (season == "fall" and not match["y"]):
        return None
    if match["y"]:
        return _season_span(season, int(match["y"]))
    which = (match["w"] or "").lower()
    latest = _latest_season(season, published)
    if which == "next" or (which == "this" and _season_span(season, latest)[1] < published):
        return _season_span(season, latest + 1)
    if which in ("last", "past"):
        ended = _season_span(season, latest)[1] < published
        return _season_span(season, latest if ended else latest - 1)
    first, last = _season_span(season, latest)
    return first, min(last, published)


@_rule(
    "since",
    rf"\bsince\s+(?:the\s+)?(?P<w>last\s+)?(?:(?:early|late|mid-?)\s*)?(?P<s>{_SEASON})\b"
    rf"(?:\s+(?:of\s+)?(?P<y>{YEAR})\b)?{_NOT_A_SEASON}",
)
def _since_season(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "since the summer": from the start of the latest summer to the report.
    season = match["s"].lower()
    year = int(match["y"]) if match["y"] else _latest_season(season, published)
    if match["w"] and not match["y"] and _season_span(season, year)[1] >= published:
        year -= 1
    first = _season_span(season, year)[0]
    return (first, published) if first <= published else None
