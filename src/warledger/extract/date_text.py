"""Reading one date's text ("Nov. 10", "October 2022", "2014") as the days it covers.

The vocabulary comes from ``knowledge/time_words.toml``; dateparser reads a single day's text and
the year rules here decide the year it omits.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from importlib import resources

import dateparser

from warledger.knowledge.patterns import grouped_alternation


@cache
def time_words() -> dict:
    """The time vocabulary in ``knowledge/time_words.toml``."""
    path = resources.files("warledger.knowledge").joinpath("time_words.toml")
    return tomllib.loads(path.read_text(encoding="utf-8"))


def alternation(words: list[str]) -> str:
    """Case-insensitive regex for any of ``words``, longest first."""
    ordered = sorted(words, key=len, reverse=True)
    branches = [(w[0], re.escape(w[1:]).replace(r"\ ", r"\s+")) for w in ordered]
    return grouped_alternation(branches, ignore_case=True)


def _month_pattern(capital: bool) -> str:
    # "May" and "March" are also words: a bare month must be written with a capital.
    names = sorted(time_words()["months"], key=len, reverse=True)
    if capital:
        names = [n[0].upper() + n[1:] for n in names]
    # A month name ends the word: "Mar" is not the start of "Mariupol".
    branches = [(n[0], rf"{n[1:]}\.?" if len(n) <= 4 else n[1:]) for n in names]
    body = grouped_alternation(branches, ignore_case=not capital) + r"(?![A-Za-z])"
    return rf"(?-i:{body})" if capital else rf"(?:{body})"


WORDS = time_words()
MONTH = _month_pattern(capital=False)
MONTH_CAP = _month_pattern(capital=True)
WEEKDAY = rf"(?-i:{'|'.join(w.capitalize() for w in WORDS['weekdays'])})"
DAY = r"\d{1,2}(?:st|nd|rd|th)?(?!\d)"
YEAR = r"(?:19|20)\d{2}"
COUNT = rf"(?:\d+|{alternation(list(WORDS['count_words']))})"
UNIT = r"(?:day|week|month|year|hour)s?"
# A year given after the date in words: "June 4 this year", "August last year".
# "of that year" is resolved later against the year named before it (see back_references).
YEAR_WORDS = r"(?:,?\s+(?:of\s+)?(?:this|last|next|that)\s+year)"
_YEAR_AFTER = rf"(?:,?\s+{YEAR}|{YEAR_WORDS})?"
MONTH_DAY = rf"(?:{MONTH}\s+{DAY}{_YEAR_AFTER}|{DAY}\s+(?:of\s+)?{MONTH}{_YEAR_AFTER})"
# "November 2024", "November, 2024", "2016 June" and "December last year".
MONTH_YEAR = rf"(?:{MONTH}\s*,?\s*{YEAR}|{YEAR}\s*,?\s*{MONTH}|{MONTH_CAP}{YEAR_WORDS})"
DATEISH = rf"(?:{MONTH_DAY}|{MONTH_YEAR}|{MONTH_CAP}|{YEAR})"
PART = r"(?:(?:early|mid|late|mid-|the\s+(?:end|beginning|start|middle)\s+of)\s*)"
WAR = alternation(WORDS["phrases"]["war_nouns"])
INVASION_START = WORDS["invasion_start"]


def last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def months_back(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def count_of(word: str | None) -> int:
    if not word:
        return 1
    word = word.lower()
    return int(word) if word.isdigit() else WORDS["count_words"].get(word, 1)


def month_number(text: str) -> int:
    return WORDS["months"][re.search(r"[a-z]+", text.lower()).group()]


def year_of(text: str, published: date) -> int | None:
    """The year written in a date's text, in digits or as "this/last/next year"."""
    found = re.search(rf"\b{YEAR}\b", text)
    if found:
        return int(found.group())
    words = re.search(r"\b(this|last|next)\s+year\b", text, re.I)
    if words:
        return published.year + {"this": 0, "last": -1, "next": 1}[words.group(1).lower()]
    return None


def latest_year(month: int, day: int, published: date) -> int:
    """The year of the latest (month, day) on or before publication: "November" in January."""
    return (
        published.year if (month, day) <= (published.month, published.day) else published.year - 1
    )


# dateparser takes about 2 ms a call, and articles of one day repeat the same few dates ("Feb. 24",
# "Monday"); the answer depends only on the text and the publication date.
@lru_cache(maxsize=4096)
def parse_day(text: str, published: date, anchored: bool = True) -> date | None:
    """One day's text ("Nov. 10", "4 January 1995", "June 4 this year") as a date.

    ``anchored``: a year-less anchor day ("February 24") is the historic day; a day a tally
    stood on ("as of February 24" in a 2025 report) is the latest such day instead.
    """
    year = year_of(text, published)
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
        anchor = WORDS["anchor_days"].get(f"{day.month:02d}-{day.day:02d}")
        if anchored and anchor and anchor <= published:
            return anchor
        year = latest_year(day.month, day.day, published)
    return day.replace(year=year)


def part_of_year(number: int, unit: str, year: int | None, published: date) -> tuple[date, date]:
    """Quarter or half ``number`` of a year (-1: the last) as its first and last day; with no
    year, the latest such part that began by the report, ending there while it runs."""
    size = {"quarter": 3, "half": 6}[unit]
    first_month = ((12 // size if number < 0 else min(number, 12 // size)) - 1) * size + 1
    if year is None:
        year = published.year - (date(published.year, first_month, 1) > published)
    first, last = date(year, first_month, 1), last_day(year, first_month + size - 1)
    return first, (published if first <= published < last else last)


def resolve_date_text(text: str, published: date) -> tuple[date, date] | None:
    """First and last day of a date-ish text: a day, a month (with or without year), a year."""
    text = text.strip()
    if re.fullmatch(YEAR, text):
        return date(int(text), 1, 1), date(int(text), 12, 31)
    if re.fullmatch(MONTH_DAY, text, re.I):
        day = parse_day(text, published)
        return (day, day) if day else None
    if re.fullmatch(rf"{MONTH_YEAR}|{MONTH}", text, re.I):
        month = month_number(text)
        year = year_of(text, published) or latest_year(month, 1, published)
        return date(year, month, 1), last_day(year, month)
    return None


def weekday_date(text: str, published: date) -> date:
    """The latest such weekday on or before publication ("as of Monday" in a Monday report)."""
    wanted = WORDS["weekdays"][re.search(WEEKDAY, text).group().lower()]
    return published - timedelta(days=(published.weekday() - wanted) % 7)
