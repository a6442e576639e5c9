"""Time words in a sentence, resolved to the days they cover against the publication date.

dateparser reads single dates well ("Feb. 24", "three months ago") but fills a month-only date
with the reference day and ignores "since"; so the grammar here finds whole time expressions
("since October 2022", "from October 1 to December 31, 2024", "in late January") and turns each
into a first and last day, using dateparser only to read one day's text.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources

import dateparser

KINDS = ("range", "month", "year", "day", "since", "as_of", "now", "relative", "anaphor")


@dataclass(slots=True, frozen=True)
class TimeMention:
    """A time expression at ``text[start:end]`` and the days it covers (None: open end)."""

    start: int
    end: int
    period_start: date | None
    period_end: date | None
    kind: str


@cache
def time_words() -> dict:
    """The time vocabulary in ``knowledge/time_words.toml``."""
    path = resources.files("warledger.knowledge").joinpath("time_words.toml")
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _alternation(words: list[str]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


def _month_pattern(capital: bool) -> str:
    # "May" and "March" are also words: a bare month must be written with a capital.
    names = sorted(time_words()["months"], key=len, reverse=True)
    if capital:
        names = [n[0].upper() + n[1:] for n in names]
    body = "|".join(rf"{n}\.?" if len(n) <= 4 else n for n in names)
    return rf"(?-i:{body})" if capital else rf"(?:{body})"


_WORDS = time_words()
MONTH = _month_pattern(capital=False)
MONTH_CAP = _month_pattern(capital=True)
WEEKDAY = rf"(?-i:{'|'.join(w.capitalize() for w in _WORDS['weekdays'])})"
DAY = r"\d{1,2}(?:st|nd|rd|th)?(?!\d)"
YEAR = r"(?:19|20)\d{2}"
COUNT = rf"(?:\d+|{_alternation(list(_WORDS['count_words']))})"
UNIT = r"(?:day|week|month|year|hour)s?"
# A year given after the date in words: "June 4 this year", "August last year".
YEAR_WORDS = r"(?:,?\s+(?:of\s+)?(?:this|last|next)\s+year)"
_YEAR_AFTER = rf"(?:,?\s+{YEAR}|{YEAR_WORDS})?"
MONTH_DAY = rf"(?:{MONTH}\s+{DAY}{_YEAR_AFTER}|{DAY}\s+(?:of\s+)?{MONTH}{_YEAR_AFTER})"
MONTH_YEAR = rf"(?:{MONTH},?\s+{YEAR}|{MONTH_CAP}{YEAR_WORDS})"
DATEISH = rf"(?:{MONTH_DAY}|{MONTH_YEAR}|{MONTH_CAP}|{YEAR})"
PART = r"(?:(?:early|mid|late|mid-|the\s+(?:end|beginning|start|middle)\s+of)\s*)"
WAR = _alternation(_WORDS["phrases"]["war_nouns"])
INVASION_START = _WORDS["invasion_start"]


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _months_back(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _count(word: str | None) -> int:
    if not word:
        return 1
    word = word.lower()
    return int(word) if word.isdigit() else _WORDS["count_words"].get(word, 1)


def _month_number(text: str) -> int:
    return _WORDS["months"][re.match(r"[a-z]+", text.lower()).group()]


def _year_of(text: str, published: date) -> int | None:
    """The year written in a date's text, in digits or as "this/last/next year"."""
    found = re.search(rf"\b{YEAR}\b", text)
    if found:
        return int(found.group())
    words = re.search(r"\b(this|last|next)\s+year\b", text, re.I)
    if words:
        return published.year + {"this": 0, "last": -1, "next": 1}[words.group(1).lower()]
    return None


def _latest_year(month: int, day: int, published: date) -> int:
    """The year of the latest (month, day) on or before publication: "November" in January."""
    return (
        published.year if (month, day) <= (published.month, published.day) else published.year - 1
    )


def _parse_day(text: str, published: date) -> date | None:
    """One day's text ("Nov. 10", "4 January 1995", "June 4 this year") as a date."""
    year = _year_of(text, published)
    bare = re.sub(rf"{YEAR_WORDS}$", "", text, flags=re.I)
    settings = {
        "RELATIVE_BASE": datetime.combine(published, datetime.min.time()),
        "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": ["day", "month"],
    }
    parsed = dateparser.parse(bare, languages=["en"], settings=settings)
    if parsed is None:
        return None
    day = parsed.date()
    if year is None:
        anchor = _WORDS["anchor_days"].get(f"{day.month:02d}-{day.day:02d}")
        if anchor and anchor <= published:
            return anchor
        year = _latest_year(day.month, day.day, published)
    return day.replace(year=year)


def resolve_date_text(text: str, published: date) -> tuple[date, date] | None:
    """First and last day of a date-ish text: a day, a month (with or without year), a year."""
    text = text.strip()
    if re.fullmatch(YEAR, text):
        return date(int(text), 1, 1), date(int(text), 12, 31)
    if re.fullmatch(MONTH_DAY, text, re.I):
        day = _parse_day(text, published)
        return (day, day) if day else None
    if re.fullmatch(rf"{MONTH_YEAR}|{MONTH}", text, re.I):
        month = _month_number(text)
        year = _year_of(text, published) or _latest_year(month, 1, published)
        return date(year, month, 1), _last_day(year, month)
    return None


def _weekday(text: str, published: date) -> date:
    """The latest such weekday on or before publication ("as of Monday" in a Monday report)."""
    wanted = _WORDS["weekdays"][re.search(WEEKDAY, text).group().lower()]
    return published - timedelta(days=(published.weekday() - wanted) % 7)


# Each rule: a pattern and what it means, given the match and the publication date.
Resolver = Callable[[re.Match, date], tuple[date | None, date | None] | None]
_RULES: list[tuple[str, str, Resolver]] = []


def _rule(kind: str, pattern: str) -> Callable[[Resolver], Resolver]:
    def register(resolver: Resolver) -> Resolver:
        _RULES.append((kind, pattern, resolver))
        return resolver

    return register


@_rule(
    "range",
    rf"\b(?:from|between)\s+(?P<a>{DATEISH}|{DAY})\s*(?:to|until|till|through|thru|and|-|–)\s*(?P<b>{DATEISH})",
)
def _from_to(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "From October 1 to December 31, 2024": the first end borrows the year of the second.
    last = resolve_date_text(match["b"], published)
    if last is None:
        return None
    first_text = match["a"]
    if re.fullmatch(DAY, first_text):
        return last[0].replace(day=int(re.match(r"\d+", first_text).group())), last[1]
    first = resolve_date_text(first_text, published)
    if first is None:
        return None
    begin = first[0]
    if _year_of(first_text, published) is None:
        begin = begin.replace(year=last[1].year)
        if begin > last[1]:
            begin = begin.replace(year=begin.year - 1)
    return begin, last[1]


@_rule(
    "range",
    rf"\b(?:from|between)\s+{PART}?(?:the\s+)?(?:russian\s+|russia['’]s\s+)?(?:full[- ]scale\s+)?"
    rf"(?:{WAR})\s+(?:to|until|till|through|and)\s+(?P<b>{DATEISH})",
)
def _war_to(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "a 15-month period from the start of the Russian invasion to May 2023"
    last = resolve_date_text(match["b"], published)
    return (INVASION_START, last[1]) if last else None


@_rule(
    "range",
    rf"\b(?P<m>{MONTH})\s+(?P<a>\d{{1,2}})\s*(?:-|–|to|through)\s*(?P<b>\d{{1,2}})(?P<y>,?\s+{YEAR})?",
)
def _day_span(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "November 19-20", "Nov. 3-5, 2023"
    month = _month_number(match["m"])
    year = int(match["y"].strip(", ")) if match["y"] else _latest_year(month, 1, published)
    try:
        return date(year, month, int(match["a"])), date(year, month, int(match["b"]))
    except ValueError:
        return None


_WAR_START = (
    rf"(?:(?:since|from|after)\s+(?:the\s+)?(?:very\s+)?(?:start|beginning|outset|onset)\s+of\s+"
    rf"(?:the\s+|russia['’]s\s+|its\s+|moscow['’]s\s+)?(?:full[- ]scale\s+)?"
    rf"(?:russian\s+)?(?:{WAR})"
    rf"|since\s+(?:russia|moscow|putin|the\s+kremlin)\s+(?:launched|began|started|unleashed)\s+"
    rf"(?:its\s+|the\s+|a\s+|his\s+)?(?:full[- ]scale\s+)?(?:{WAR})"
    rf"|since\s+the\s+(?:full[- ]scale\s+)?(?:{WAR})\s+(?:began|started)"
    rf"|(?:during|throughout)\s+the\s+full[- ]scale\s+(?:{WAR}))"
    # The date that often follows: "... invasion in late February", "... of Ukraine last year".
    rf"(?:\s+(?:of|on|in|against)\s+(?:ukraine|late\s+february|february(?:\s+24)?(?:,?\s+2022)?"
    rf"|2022|last\s+year))*"
)


@_rule("since", rf"\b{_WAR_START}")
def _since_war(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    return INVASION_START, published


@_rule("since", rf"\b(?:since|starting\s+(?:from|in)|from)\s+{PART}?(?P<a>{DATEISH})")
def _since(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "since October 2022" runs from the first day of October to the report.
    span = resolve_date_text(match["a"], published)
    return (span[0], published) if span and span[0] <= published else None


@_rule("as_of", rf"\b(?:as\s+of|as\s+at|by|at\s+the\s+time\s+of)\s+(?P<a>{MONTH_DAY}|{WEEKDAY})")
def _as_of(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    text = match["a"]
    day = _weekday(text, published) if re.fullmatch(WEEKDAY, text) else _parse_day(text, published)
    return (None, day) if day else None


@_rule(
    "as_of",
    rf"\b(?:by|at|as\s+of|until)\s+the\s+end\s+of\s+(?P<a>{MONTH_YEAR}|{YEAR}|{MONTH_CAP}|(?:the|this|last)\s+year)",
)
def _end_of(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "At the end of 2022, 11.6 million Ukrainians remained displaced": a stock on that day.
    text = match["a"].lower()
    if "year" in text:
        year = published.year - 1 if text.startswith("last") else published.year
        return None, date(year, 12, 31)
    span = resolve_date_text(match["a"], published)
    return (None, span[1]) if span else None


@_rule(
    "relative",
    rf"\b(?:during|over|in|for|within|throughout)\s+the\s+(?:past|last|previous|preceding)\s+(?:(?P<n>{COUNT})\s+)?(?P<u>{UNIT})",
)
def _past_window(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "during the past nine years" counts back from the report; "during the last day" is one day.
    n, unit = _count(match["n"]), match["u"].lower().rstrip("s")
    if unit == "hour":
        return published - timedelta(days=max(1, n // 24)), published
    if unit in ("day", "week"):
        return published - timedelta(days=n * (7 if unit == "week" else 1)), published
    return _months_back(published, n * (12 if unit == "year" else 1)), published


@_rule(
    "relative",
    rf"\b(?:in|over|during|within)\s+the\s+(?:next|coming)\s+(?:{COUNT}\s+(?:to|or|-)\s+)?(?:(?P<n>{COUNT})\s+)?(?P<u>{UNIT})",
)
def _next_window(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    n, unit = _count(match["n"]), match["u"].lower().rstrip("s")
    if unit in ("day", "week", "hour"):
        return published, published + timedelta(days=n * {"day": 1, "week": 7, "hour": 0}[unit])
    return published, _months_back(published, -n * (12 if unit == "year" else 1))


@_rule(
    "relative",
    rf"\b(?:in|during)\s+the\s+first\s+(?P<n>{COUNT})\s+months(?:\s+of\s+(?P<y>{YEAR}|this\s+year|last\s+year))?",
)
def _first_months(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    year = _year_of(match["y"], published) if match["y"] else published.year
    n = min(_count(match["n"]), 12)
    return date(year, 1, 1), _last_day(year, n)


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
        first = _months_back(published.replace(day=1), -step)
        return first, published if step == 0 else _last_day(first.year, first.month)
    year = published.year + step
    return date(year, 1, 1), published if step == 0 else date(year, 12, 31)


@_rule("relative", rf"\b(?P<n>{COUNT})\s+(?P<u>day|week|month|year)s?\s+ago\b")
def _ago(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    settings = {"RELATIVE_BASE": datetime.combine(published, datetime.min.time())}
    parsed = dateparser.parse(match.group(), languages=["en"], settings=settings)
    return (parsed.date(), parsed.date()) if parsed else None


@_rule("day", r"\b(?:yesterday|last\s+night|overnight)\b")
def _yesterday(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    day = published - timedelta(days=1)
    return day, day


@_rule("day", r"\b(?:today|tonight|this\s+morning|this\s+evening)\b")
def _today(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    return published, published


@_rule("year", rf"\b(?:in|during|for|throughout|of|until|year)\s+(?P<a>{YEAR})\b(?!\s*[-–/]\d)")
def _year(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    return resolve_date_text(match["a"], published)


@_rule("month", rf"\b{PART}?(?P<a>{MONTH_YEAR})")
def _month_year(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    return resolve_date_text(match["a"], published)


@_rule(
    "month",
    rf"\b(?:in|during|for|of|until|throughout|early|mid-?|late)\s+{PART}?(?P<a>{MONTH_CAP})\b(?!\s*\d)",
)
def _month(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "in late January" in a February report: the whole of the latest January.
    return resolve_date_text(match["a"], published)


@_rule("day", rf"\b(?:on\s+)?(?P<a>{MONTH_DAY})")
def _day(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    day = _parse_day(match["a"], published)
    return (day, day) if day else None


@_rule("day", rf"\b(?:(?:on|last|this\s+past)\s+)?(?P<a>{WEEKDAY})\b")
def _weekday_rule(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    day = _weekday(match["a"], published)
    return day, day


@_rule("anaphor", rf"\b(?:{_alternation(_WORDS['phrases']['anaphors'])})\b")
def _anaphor(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    return None, None


@_rule("now", rf"\b(?:{_alternation(_WORDS['phrases']['now'])})\b")
def _now(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    return None, published


_COMPILED = [(kind, re.compile(pattern, re.I), resolve) for kind, pattern, resolve in _RULES]


def find_time_expressions(text: str, published: date) -> list[TimeMention]:
    """Time expressions in ``text`` with the days each covers, in text order, none overlapping.

    Where two readings overlap the longer wins ("since October 2022" over "October 2022"); on a
    tie, the rule listed first.
    """
    found: list[tuple[int, int, TimeMention]] = []
    for order, (kind, pattern, resolve) in enumerate(_COMPILED):
        for match in pattern.finditer(text):
            days = resolve(match, published)
            if days is not None:
                mention = TimeMention(match.start(), match.end(), days[0], days[1], kind)
                found.append((match.start() - match.end(), order, mention))
    chosen: list[TimeMention] = []
    for _, _, mention in sorted(found, key=lambda item: (item[0], item[1])):
        if all(mention.end <= other.start or mention.start >= other.end for other in chosen):
            chosen.append(mention)
    return sorted(chosen, key=lambda mention: mention.start)
