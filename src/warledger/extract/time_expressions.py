"""Time words in a sentence, resolved to the days they cover against the publication date.

dateparser reads single dates well ("Feb. 24", "4 January 1995") but fills a month-only date
with the reference day and ignores "since"; so the grammar here finds whole time expressions
("since October 2022", "from October 1 to December 31, 2024", "in late January") and turns each
into a first and last day, using dateparser only to read one day's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from warledger.extract.date_text import (
    COUNT,
    DATEISH,
    DAY,
    INVASION_START,
    MONTH,
    MONTH_CAP,
    MONTH_DAY,
    MONTH_YEAR,
    PART,
    UNIT,
    WAR,
    WEEKDAY,
    WORDS,
    YEAR,
    alternation,
    last_day,
    latest_year,
    month_number,
    months_back,
    parse_day,
    part_of_year,
    resolve_date_text,
    weekday_date,
    year_of,
)
from warledger.extract.relative_dates import RELATIVE_RULES, RuleTable, day_named, rule_into
from warledger.extract.time_screen import rule_screens, text_mask
from warledger.extract.war_dates import WAR_RULES
from warledger.knowledge.patterns import compile_guarded

# "since_then" and "that_year" point back to a date named before; the period stage resolves them
# against the text before (``back_references``).
KINDS = (
    "range",
    "month",
    "year",
    "day",
    "since",
    "as_of",
    "now",
    "relative",
    "anaphor",
    "since_then",
    "that_year",
    "same_day",
    "next_day",
    "day_before",
)


@dataclass(slots=True, frozen=True)
class TimeMention:
    """A time expression at ``text[start:end]`` and the days it covers (None: open end)."""

    start: int
    end: int
    period_start: date | None
    period_end: date | None
    kind: str


_RULES: RuleTable = []
_rule = rule_into(_RULES)
_DAY_ONLY = re.compile(DAY)
_DIGITS = re.compile(r"\d+")
_CALENDAR_WORDS = re.compile(r"(the|this|last)\s+(year|month|week)")


@_rule(
    "range",
    rf"\b(?:from|between)\s+(?P<a>{DATEISH}|{DAY}|now|today)\s*"
    # "between February 24, 2022 and the end of January 2024": an end that closes a month or a
    # year is its last day, as the second date's last day is.
    rf"(?:to|until|till|through|thru|and|-|–)\s*(?:(?:the\s+)?end\s+of\s+|late\s+)?"
    rf"(?P<b>{DATEISH}|now|today|{DAY})",
)
def _from_to(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "From October 1 to December 31, 2024": the first end borrows the year of the second.
    if match["a"].lower() in ("now", "today"):
        # "between now and November 15th" looks ahead: the next November 15.
        last = resolve_date_text(match["b"], published)
        if last is None:
            return None
        if last[1] < published and year_of(match["b"], published) is None:
            return published, last[1].replace(year=last[1].year + 1)
        return published, last[1]
    if match["b"].lower() in ("now", "today"):
        first = resolve_date_text(match["a"], published)
        return (first[0], published) if first else None
    first_text = match["a"]
    if _DAY_ONLY.fullmatch(match["b"]):
        # "between April 1 and 10": the second day of the first's month.
        first = (
            None if _DAY_ONLY.fullmatch(first_text) else resolve_date_text(first_text, published)
        )
        if first is None or first[0] != first[1]:
            return None
        try:
            return first[0], first[0].replace(day=int(_DIGITS.match(match["b"]).group()))
        except ValueError:
            return None
    last = resolve_date_text(match["b"], published)
    if last is None:
        return None
    if re.fullmatch(DAY, first_text):
        return last[0].replace(day=int(re.match(r"\d+", first_text).group())), last[1]
    first = resolve_date_text(first_text, published)
    if first is None:
        return None
    begin = first[0]
    if year_of(first_text, published) is None:
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
    month = month_number(match["m"])
    year = int(match["y"].strip(", ")) if match["y"] else latest_year(month, 1, published)
    try:
        return date(year, month, int(match["a"])), date(year, month, int(match["b"]))
    except ValueError:
        return None


@_rule(
    "range",
    rf"\b(?:from|between)\s+(?P<a>{WEEKDAY})\s+(?:to|until|till|through|thru|and)\s+(?P<b>{WEEKDAY})\b",
)
def _weekday_span(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "Over the week from Monday to Sunday": the latest such span that ended by the report.
    last = weekday_date(match["b"], published)
    wanted = WORDS["weekdays"][match["a"].lower()]
    return last - timedelta(days=(last.weekday() - wanted) % 7), last


# Days and stretches counted from the invasion: "in the first days of the war".
_RULES.extend(WAR_RULES)

_WAR_START = (
    rf"(?:(?:since|from|after)\s+(?:the\s+)?(?:very\s+)?(?:start|beginning|outset|onset)\s+of\s+"
    rf"(?:the\s+|russia['’]s\s+|its\s+|moscow['’]s\s+)?(?:full[- ]scale\s+)?"
    rf"(?:russian\s+)?(?:{WAR})"
    rf"|since\s+(?:russia|moscow|putin|the\s+kremlin)\s+(?:launched|began|started|unleashed)\s+"
    rf"(?:its\s+|the\s+|a\s+|his\s+)?(?:full[- ]scale\s+)?(?:{WAR})"
    rf"|since\s+the\s+(?:full[- ]scale\s+)?(?:{WAR})\s+(?:began|started)"
    # "since the invasion of February 2022", "since Russia's full-scale war"
    rf"|since\s+(?:the\s+|russia['’]s\s+|moscow['’]s\s+)?(?:full[- ]scale\s+)?(?:russian\s+)?"
    rf"(?:{WAR})\b"
    # "since Russia invaded in late February"
    rf"|since\s+(?:russia|moscow|putin|russian\s+(?:forces|troops))\s+(?:invaded|attacked)"
    rf"|(?:during|throughout)\s+the\s+full[- ]scale\s+(?:{WAR}))"
    # The date that often follows: "... invasion in late February", "... of Ukraine last year".
    rf"(?:\s+(?:of|on|in|against)\s+(?:ukraine|late\s+february|february(?:\s+24)?(?:,?\s+2022)?"
    rf"|2022|last\s+year))*"
)


@_rule("since", rf"\b{_WAR_START}")
def _since_war(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    return INVASION_START, published


@_rule(
    "since",
    rf"\b(?:since|starting\s+(?:from|in)|from|dating(?:\s+back)?\s+to)\s+{PART}?(?P<a>{DATEISH})",
)
def _since(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "since October 2022" runs from the first day of October to the report; "from the end of
    # 2022" from its last day.
    span = resolve_date_text(match["a"], published)
    if span is None or span[0] > published:
        return None
    if span == (INVASION_START.replace(day=1), last_day(INVASION_START.year, INVASION_START.month)):
        # "the total since February 2022": the month the war began stands for its start
        return INVASION_START, published
    return (span[1] if re.search(r"\bend\s+of\b", match.group(), re.I) else span[0]), published


@_rule("since", rf"\bsince\s+(?P<a>{WEEKDAY})\b")
def _since_weekday(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "Since Monday the staff has added about 350": from the latest Monday before the report.
    day = weekday_date(match["a"], published)
    return (day - timedelta(days=7) if day == published else day), published


@_rule("since", r"\bsince\s+(?P<w>last|this)\s+(?P<u>year|month|week)\b")
def _since_calendar_unit(
    match: re.Match, published: date
) -> tuple[date | None, date | None] | None:
    # "since last year": from the start of last year to the report.
    back = int(match["w"].lower() == "last")
    unit = match["u"].lower()
    if unit == "year":
        return date(published.year - back, 1, 1), published
    if unit == "month":
        return months_back(published.replace(day=1), back), published
    return published - timedelta(days=published.weekday() + 7 * back), published


@_rule(
    "since",
    rf"\bsince\s+(?:(?!since\b)[\w’'-]+\s+){{1,10}}?(?:in|on)\s+(?P<a>{DATEISH})(?![\w-])",
)
def _since_event_in(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "since Russia's original occupation of Ukraine's Donbas region and Crimea in 2014"; "in the
    # week since the inauguration on May 7": from the day the event is dated.
    span = resolve_date_text(match["a"], published)
    return (span[0], published) if span and span[0] <= published else None


@_rule(
    "since",
    rf"\b(?:began|started|begun|erupted|broke\s+out)\s+(?:in|on)\s+{PART}?(?P<a>{DATEISH})",
)
def _began_in(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "the conflict in Sudan, which began in April 2023, had produced almost half a million
    # refugees by mid-June": what the event has done since it began.
    span = resolve_date_text(match["a"], published)
    return (span[0], published) if span and span[0] <= published else None


@_rule(
    "day",
    rf"\b(?:at|from)\s+the\s+(?:very\s+)?(?:start|beginning|outset)\s+of\s+the\s+(?:{WAR})\b"
    r"|\bat\s+the\s+(?:very\s+)?outset\b(?!\s+of\b)",
)
def _war_day(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "At the start of the conflict, Russia committed over 120 battalion tactical groups"; in war
    # reporting a bare "at the outset" is the outset of the war.
    return INVASION_START, INVASION_START


@_rule(
    "as_of",
    rf"\b(?:before|prior\s+to|until)\s+(?:[\w’'-]+\s+){{0,6}}?on\s+(?P<a>{MONTH_DAY})"
    rf"|\b(?:before|prior\s+to|ahead\s+of|on\s+the\s+eve\s+of)\s+(?:the\s+|russia['’]s\s+)?"
    rf"(?:full[- ]scale\s+)?(?:russian\s+)?(?:{WAR})\b",
)
def _before(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "Before the start of the Ukrainian counteroffensive on June 4, the death of four generals";
    # "Before the invasion, Moscow was estimated to have gathered around 150,000 soldiers".
    if match["a"] is None:
        return None, INVASION_START
    day = parse_day(match["a"], published)
    return (None, day) if day else None


@_rule(
    "as_of",
    # "as scraped on July 19, 2025", "as updated on Monday": the day a tally stood.
    rf"\b(?:as\s+of|as\s+at|by|at\s+the\s+time\s+of|as\s+[a-z]+ed\s+(?:on|at)|up\s+to|until"
    rf"|till|through)\s+"
    # "as of the morning of September 12": the day, whatever its hour.
    rf"(?:the\s+(?:morning|afternoon|evening|night|end)\s+of\s+)?(?P<a>{MONTH_DAY}|{WEEKDAY})",
)
def _as_of(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    day = day_named(match["a"], published)
    return (None, day) if day else None


@_rule(
    "as_of", rf"\b(?:as\s+of|as\s+at|at\s+the\s+time\s+of(?:\s+\w+)?\s+in)\s+(?P<a>{MONTH_YEAR})"
)
def _as_of_month(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "At the time of publication in February 2023, the report estimated ... at least 6,000"
    span = resolve_date_text(match["a"], published)
    return (None, span[1]) if span else None


@_rule(
    "as_of",
    rf"\b(?:by|at|as\s+of|until|through)\s+the\s+(?P<edge>end|start|beginning)\s+of\s+"
    rf"(?P<a>{MONTH_YEAR}|{YEAR}|{MONTH_CAP}|(?:the|this|last)\s+(?:year|month|week))",
)
def _end_of(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "At the end of 2022, 11.6 million Ukrainians remained displaced": a stock on that day;
    # "at the start of 2023" on its first day, "by the end of last month" on its last.
    text = match["a"].lower()
    words = _CALENDAR_WORDS.fullmatch(text)
    if words:
        step = -1 if words.group(1) == "last" else 0
        unit = words.group(2)
        if unit == "year":
            span = date(published.year + step, 1, 1), date(published.year + step, 12, 31)
        elif unit == "month":
            first = months_back(published.replace(day=1), -step)
            span = first, last_day(first.year, first.month)
        else:
            monday = published - timedelta(days=published.weekday() - 7 * step)
            span = monday, monday + timedelta(days=6)
    else:
        span = resolve_date_text(match["a"], published)
    if span is None:
        return None
    return None, (span[1] if match["edge"].lower() == "end" else span[0])


@_rule(
    "as_of",
    rf"\b(?:by|as\s+of|until)\s+(?P<p>early|mid-?|late)\s*(?P<a>{MONTH_YEAR}|{MONTH_CAP})"
    rf"|\bby\s+(?P<b>{MONTH_YEAR}|{MONTH_CAP})(?!\s*\d)",
)
def _by_month(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "had produced almost half a million refugees by mid-June": the stock on the 15th; "by
    # early June" the 10th, "by late June" and "by June" its last day.
    span = resolve_date_text(match["a"] or match["b"], published)
    if span is None:
        return None
    part = (match["p"] or "").lower().rstrip("-")
    day = {"early": 10, "mid": 15}.get(part)
    return None, (span[0].replace(day=day) if day else span[1])


@_rule("as_of", rf"\b(?:by|as\s+of|until)\s+(?P<p>early|mid-?|late)\s*(?P<a>{YEAR})\b")
def _by_part_of_year(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "by mid-2023": the end of June; "by early 2023" of March, "by late 2023" of December.
    month = {"early": 3, "mid": 6}.get(match["p"].lower().rstrip("-"), 12)
    return None, last_day(int(match["a"]), month)


# Windows counted from the report: "over the past 24 hours", "last week", "three months ago".
_RULES.extend(RELATIVE_RULES)


@_rule(
    "year",
    # "in early 2023", "in mid-2023": within the year, read as the year.
    rf"\b(?:in|during|for|throughout|of|until|year)\s+(?:(?:early|mid-?|late)\s*)?(?P<a>{YEAR})\b"
    r"(?!\s*[-–/]\d)",
)
def _year(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    return resolve_date_text(match["a"], published)


def _months(first: str, last: str, year_text: str | None, published: date) -> tuple[date, date]:
    """From the first month to the last, in the year written or the latest one that holds the
    last month."""
    last_month, first_month = month_number(last), month_number(first)
    year = int(year_text) if year_text else latest_year(last_month, 1, published)
    start_year = year - (first_month > last_month)
    return date(start_year, first_month, 1), last_day(year, last_month)


@_rule("range", rf"\b(?P<a>{MONTH_CAP})\s*[-–]\s*(?P<b>{MONTH_CAP})(?:,?\s+(?P<y>{YEAR})\b)?")
def _month_span(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "January-March 2024"
    return _months(match["a"], match["b"], match["y"], published)


@_rule(
    "range",
    rf"\b(?:in|during|for|between|throughout)\s+(?P<a>{MONTH_CAP})(?:\s*,\s*{MONTH_CAP})*"
    rf"\s*,?\s+and\s+(?P<b>{MONTH_CAP})(?:,?\s+(?P<y>{YEAR})\b)?",
)
def _months_and(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "in April and May", "in March, April and May"
    return _months(match["a"], match["b"], match["y"], published)


@_rule(
    "range",
    rf"\b(?:in|during|for|throughout)\s+(?P<a>{YEAR})(?:\s*,\s*{YEAR})*\s*,?\s+and\s+"
    rf"(?P<b>{YEAR})\b(?!\s*[-–/]\d)",
)
def _year_span(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "In 2022 and 2023, Russia recruited 500,000 contract soldiers": both years.
    first, last = int(match["a"]), int(match["b"])
    return (date(first, 1, 1), date(last, 12, 31)) if first < last else None


@_rule("month", rf"\b{PART}?(?P<a>{MONTH_YEAR})")
def _month_year(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    return resolve_date_text(match["a"], published)


@_rule("month", rf"\bnext\s+(?P<a>{MONTH})")
def _next_month_name(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "next June": the first June after the report.
    month = month_number(match["a"])
    year = published.year + (1 if month <= published.month else 0)
    return date(year, month, 1), last_day(year, month)


@_rule(
    "month",
    rf"\b(?:in|during|for|of|until|throughout|early|mid-?|late)\s+{PART}?(?P<a>{MONTH_CAP})\b(?!\s*\d)",
)
def _month(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "in late January" in a February report: the whole of the latest January.
    return resolve_date_text(match["a"], published)


@_rule("day", rf"\b(?:on\s+)?(?P<a>{MONTH_DAY})")
def _day(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    day = parse_day(match["a"], published)
    return (day, day) if day else None


@_rule("day", rf"\b(?:(?:on|last|this\s+past)\s+)?(?P<a>{WEEKDAY})\b")
def _weekday_rule(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    day = weekday_date(match["a"], published)
    return day, day


@_rule(
    "anaphor",
    rf"\b(?:{alternation(WORDS['phrases']['anaphors'])})\b"
    # "called up against their will over those three months"
    rf"|\b(?:during|over|in|for|within|throughout)\s+(?:those|these)\s+(?:{COUNT}\s+)?{UNIT}\b",
)
def _anaphor(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    return None, None


@_rule(
    "year_before",
    r"\b(?:(?:in|during|over|for)\s+)?the\s+same\s+(?:period|months?|weeks?|quarter)\s+"
    r"(?:(?:of|in)\s+)?(?:last\s+year|the\s+(?:previous|prior)\s+year|a\s+year\s+(?:earlier|ago|before))\b",
)
def _same_period_a_year_before(
    match: re.Match, published: date
) -> tuple[date | None, date | None] | None:
    # "54 children were brought back in the first two months of 2025, up from 31 in the same
    # period last year": the stretch just named, a year earlier (the period stage shifts it).
    return None, None


@_rule(
    "anaphor",
    # "the tank count went from 4,476 to 4,554 over the week": the week just named. Not "the week
    # before the vote", "the week to Sunday", "during the day".
    r"\b(?:during|over|within|throughout)\s+the\s+(?:same\s+)?(?:week|month|period)\b"
    r"(?!\s+(?:of|to|until|since|before|after|ending|that|when|in|ahead)\b)",
)
def _the_stretch(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    return None, None


@_rule("now", rf"\b(?:{alternation(WORDS['phrases']['now'])})\b")
def _now(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    return None, published


@_rule("since_then", r"\bsince\s+(?:then|that\s+(?:day|date|time))\b")
def _since_then(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "killed before the counteroffensive began on June 4. Since then, ...": from that day.
    return None, published


@_rule("same_day", r"\b(?:on\s+)?(?:the\s+same\s+day|that\s+(?:same\s+)?day)\b")
def _same_day(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "On May 2, the military claimed ... The same day Britain's Ministry of Defence published
    # its own assessment": the day named before (see back_references).
    return None, None


@_rule(
    "next_day",
    r"\b(?:on\s+)?(?:the\s+(?:next|following)\s+day|the\s+day\s+after(?!\s+(?:the|a|an|its)\b)"
    r"|a\s+day\s+later)\b",
)
def _next_day(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "5 people were killed on May 10, and 12 more the next day": the day after the one named
    # before (see back_references).
    return None, None


@_rule(
    "day_before",
    r"\b(?:on\s+)?(?:the\s+previous\s+day|the\s+day\s+before(?!\s+(?:the|a|an|its|his|her)\b))\b",
)
def _day_before(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "The previous day, 40 drones were launched": the day before the one named before, or
    # before the report.
    return None, None


@_rule("that_year", r"\b(?:(?:in|during|for|throughout|of)\s+)?that\s+year\b")
def _that_year(match: re.Match, published: date) -> tuple[date | None, date | None] | None:
    # "Politico reported in July 2023 that Russia had bought $100 million of drones that year".
    return None, None


_COMPILED = [(kind, compile_guarded(pattern, re.I), resolve) for kind, pattern, resolve in _RULES]

# Speed only: a sentence skips the regex of every rule whose trigger words it lacks (most
# sentences name no time at all and would run all 50 scans); see ``time_screen``.
_SCREENED = [
    (order, first, second)
    for order, (first, second) in enumerate(
        rule_screens([resolve.__name__ for _kind, _pattern, resolve in _COMPILED])
    )
]


# Most sentences share a handful of masks (no time words, a year, a month): the rules each
# needs are listed once.
@lru_cache(maxsize=4096)
def _rules_for(mask: int) -> tuple[int, ...]:
    return tuple(order for order, first, second in _SCREENED if mask & first and mask & second)


def find_time_expressions(text: str, published: date) -> list[TimeMention]:
    """Time expressions in ``text`` with the days each covers, in text order, none overlapping.

    Where two readings overlap the longer wins ("since October 2022" over "October 2022"); on a
    tie, the rule listed first.
    """
    found: list[tuple[int, int, TimeMention]] = []
    for order in _rules_for(text_mask(text)):
        kind, pattern, resolve = _COMPILED[order]
        for match in pattern.finditer(text):
            days = resolve(match, published)
            if days is not None:
                mention = TimeMention(match.start(), match.end(), days[0], days[1], kind)
                found.append((match.start() - match.end(), order, mention))
    chosen: list[TimeMention] = []
    for _, _, mention in sorted(found, key=lambda item: (item[0], item[1])):
        if all(mention.end <= other.start or mention.start >= other.end for other in chosen):
            chosen.append(mention)
    ordered = sorted(chosen, key=lambda mention: mention.start)
    joined = _appositions(text, _year_from_context(text, ordered))
    return _elided_year_parts(text, joined, published)


# A day named right after another, set off by a comma, says which day it is: "A year earlier, on
# the second anniversary", "On Monday, the third anniversary of the invasion".
_APPOSITION = re.compile(r"\s*,\s*")
_APPOSED = re.compile(r"(?:on|the)\b", re.I)


def _appositions(text: str, mentions: list[TimeMention]) -> list[TimeMention]:
    """Mentions with a one-day mention and the named day in apposition to it read as one, the
    named day's: "a year earlier" counts back from the report, "the second anniversary" is
    February 24."""
    if len(mentions) < 2:
        return mentions
    joined: list[TimeMention] = []
    for mention in mentions:
        before = joined[-1] if joined else None
        if (
            before
            and before.kind in ("day", "relative")
            and before.period_start is not None
            and before.period_start == before.period_end
            and mention.kind == "day"
            and mention.period_start is not None
            and mention.period_start == mention.period_end
            and _APPOSITION.fullmatch(text, before.end, mention.start)
            and _APPOSED.match(text, mention.start)
        ):
            joined[-1] = TimeMention(
                before.start, mention.end, mention.period_start, mention.period_end, "day"
            )
            continue
        joined.append(mention)
    return joined


_YEAR_PART_NOUN = compile_guarded(r"\b(?P<u>quarter|half)\b", re.I)
# "11,992 for the first quarter of 2025 and 9,720 for the second": the part's noun and year left
# out the second time.
_ELIDED_PART = compile_guarded(
    rf"\b(?:for|in|during|over|of)\s+the\s+(?P<w>{alternation(list(WORDS['year_parts']))})\b"
    r"(?=\s*(?:[,.;:)]|$|(?:and|but|while|when|before|after|with)\b))",
    re.I,
)


def _elided_year_parts(
    text: str, mentions: list[TimeMention], published: date
) -> list[TimeMention]:
    """Mentions with a year part whose noun is left out added, in the unit and year of the year
    part named before it in the sentence."""
    if not any(m.kind == "month" for m in mentions):
        return mentions
    named = next(
        (
            (m, unit)
            for m in mentions
            if m.kind == "month"
            and m.period_start
            and (unit := _YEAR_PART_NOUN.search(text, m.start, m.end))
        ),
        None,
    )
    if named is None:
        return mentions
    mention, unit = named
    found = list(mentions)
    for match in _ELIDED_PART.finditer(text, mention.end):
        number = WORDS["year_parts"][match["w"].lower()]
        kind = unit["u"].lower()
        if (kind == "half" and number > 2) or any(
            m.start < match.end() and match.start() < m.end for m in found
        ):
            continue
        first, last = part_of_year(number, kind, mention.period_start.year, published)
        found.append(TimeMention(match.start(), match.end(), first, last, "month"))
    return sorted(found, key=lambda m: m.start)


def _year_from_context(text: str, mentions: list[TimeMention]) -> list[TimeMention]:
    """ "In 2022, the number ... grew by 21%, standing at 108.4 million at the end of the year":
    "the year" is the year named before it, not the year of the report."""
    resolved: list[TimeMention] = []
    named: int | None = None
    for mention in mentions:
        if mention.kind == "year" and mention.period_start:
            named = mention.period_start.year
        elif (
            named
            and mention.kind == "as_of"
            and re.search(r"\bthe\s+year\b", text[mention.start : mention.end], re.I)
        ):
            end = date(named, 12, 31)
            mention = TimeMention(mention.start, mention.end, None, end, mention.kind)
        resolved.append(mention)
    return resolved
