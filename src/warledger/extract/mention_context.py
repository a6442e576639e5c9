"""Time mentions read against the text around them.

Some time words only mean something next to a date named before them ("Since then", "that
year"), and a statement's date bounds the periods of what it states. Read by the period stage
after it has found each sentence's time mentions.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from warledger.extract.date_text import MONTH, WEEKDAY, YEAR, last_day
from warledger.extract.time_expressions import TimeMention
from warledger.knowledge.patterns import compile_guarded

_THAT_YEAR = compile_guarded(r"\bthat\s+year\b", re.I)
# A date's text that names its year: "March 2022", "June 4 this year".
_YEAR_WRITTEN = compile_guarded(rf"\b{YEAR}\b|\byear\b", re.I)
_MONTH_NAME = compile_guarded(rf"\b{MONTH}", re.I)
# Kinds whose period can outrun a statement made within it ("reported in July 2023 that ...
# that year" cannot report on the rest of 2023).
_CLIPPED_KINDS = ("year", "month", "relative")


def _named_day(mention: TimeMention) -> date | None:
    """The moment a mention names, for a later "since then": a day, the day a stock stood, the
    start of a month or year, the end of a range."""
    if mention.kind in ("day", "as_of", "stated", "range"):
        return mention.period_end
    if mention.kind in ("month", "year"):
        return mention.period_start
    if mention.kind == "since" and mention.period_start:
        # "The war in Sudan began in April 2023. Since then, ...": from when it began.
        return mention.period_start
    if mention.kind == "relative" and mention.period_start == mention.period_end:
        return mention.period_start
    return None


def _in_year(day: date | None, year: int) -> date | None:
    if day is None:
        return None
    return (
        day.replace(year=year, day=min(day.day, 28)) if day.month == 2 else day.replace(year=year)
    )


def resolve_back_references(
    texts: list[str], mentions: list[list[TimeMention]], published: date
) -> list[list[TimeMention]]:
    """``mentions`` (one list a sentence of ``texts``) with the pointing-back ones resolved:
    "Since then" starts on the moment last named, "the same day" is that day, "the next day" the
    one after it, "the previous day" the one before it (or before ``published``), "that year" is
    the year last named (also inside a date: "since February 24 of that year"). One with nothing
    named before it is dropped."""
    last_day: date | None = None
    resolved_all: list[list[TimeMention]] = []
    for text, found in zip(texts, mentions, strict=True):
        resolved: list[TimeMention] = []
        for mention in found:
            year = last_day.year if last_day else None
            if mention.kind == "since_then":
                if last_day is None:
                    continue
                mention = TimeMention(
                    mention.start, mention.end, last_day, mention.period_end, "since"
                )
            elif mention.kind == "same_day":
                if last_day is None:
                    continue
                mention = TimeMention(mention.start, mention.end, last_day, last_day, "day")
            elif mention.kind == "next_day":
                if last_day is None:
                    continue
                day = last_day + timedelta(days=1)
                mention = TimeMention(mention.start, mention.end, day, day, "day")
            elif mention.kind == "day_before":
                day = (last_day or published) - timedelta(days=1)
                mention = TimeMention(mention.start, mention.end, day, day, "day")
            elif mention.kind == "that_year":
                if year is None:
                    continue
                first, last = date(year, 1, 1), date(year, 12, 31)
                mention = TimeMention(mention.start, mention.end, first, last, "year")
            elif year and _THAT_YEAR.search(text[mention.start : mention.end]):
                first = _in_year(mention.period_start, year)
                last = mention.period_end if mention.kind == "since" else None
                last = last or _in_year(mention.period_end, year)
                mention = TimeMention(mention.start, mention.end, first, last, mention.kind)
            resolved.append(mention)
            last_day = _named_day(mention) or last_day
        resolved_all.append(resolved)
    return resolved_all


def clip_to_statement(mentions: list[TimeMention]) -> list[TimeMention]:
    """A sentence's mentions with any stretch that runs past the date of a statement in the same
    sentence ended there: "Politico reported in July 2023 that Russia had bought $100 million of
    drones that year" covers January to July 2023."""
    stated = [m.period_end for m in mentions if m.kind == "stated" and m.period_end]
    if not stated:
        return mentions
    said = max(stated)
    return [
        TimeMention(m.start, m.end, m.period_start, said, m.kind)
        if m.kind in _CLIPPED_KINDS
        and m.period_start
        and m.period_end
        and m.period_start <= said < m.period_end
        else m
        for m in mentions
    ]


def _names_its_year(text: str, mention: TimeMention) -> bool:
    return bool(_YEAR_WRITTEN.search(text[mention.start : mention.end]))


def _month_in_frame(month_first: date, month_last: date, frame: tuple[date, date]) -> int:
    """The first year of ``frame`` whose such stretch of a month falls in it, else its last."""
    for year in range(frame[0].year, frame[1].year + 1):
        first = month_first.replace(year=year)
        if first <= frame[1] and frame[0] <= _in_year(month_last, year):
            return year
    return frame[1].year


def months_in_named_years(text: str, mentions: list[TimeMention]) -> list[TimeMention]:
    """A sentence's mentions with each month written without its year ("in March", "by
    mid-June") put in the year a mention before it sets: "In the first months of the war ...
    1,689 in March" is March 2022, "In 2022 ... in April" April 2022, "the conflict in Sudan,
    which began in April 2023, had produced ... by mid-June" June 2023. A setting mention names a
    year, or is a stretch ("the first months of the war") that the month falls in."""
    resolved: list[TimeMention] = []
    frame: tuple[date, date] | None = None
    for mention in mentions:
        first, last = mention.period_start, mention.period_end
        written = text[mention.start : mention.end]
        if (
            frame
            and first
            and last
            and mention.kind == "range"
            and not _names_its_year(text, mention)
            and _MONTH_NAME.search(written)
            and not frame[0] <= first <= frame[1]
        ):
            # "In the summer of 2024, from June to August": the months of the year named.
            shift = _month_in_frame(first, first, frame) - first.year
            month_end = last == last_day(last.year, last.month)
            first = _in_year(first, first.year + shift)
            year = last.year + shift
            last = last_day(year, last.month) if month_end else _in_year(last, year)
            mention = TimeMention(mention.start, mention.end, first, last, mention.kind)
        if first and last and (mention.kind in ("year", "range") or _names_its_year(text, mention)):
            frame = (first, last)
        elif (
            frame
            and last
            and not _names_its_year(text, mention)
            and not written.lower().startswith("next")
            and (
                (mention.kind == "month" and first and first.month == last.month)
                or (mention.kind == "as_of" and first is None and _MONTH_NAME.search(written))
            )
        ):
            year = _month_in_frame(first or last, last, frame)
            first = first and first.replace(year=year)
            last = last_day(year, last.month) if mention.kind == "month" else _in_year(last, year)
            mention = TimeMention(mention.start, mention.end, first, last, mention.kind)
        resolved.append(mention)
    return resolved


# A weekday named on its own ("on Friday", "Monday"), not "last Monday".
_BARE_WEEKDAY = compile_guarded(rf"(?:on\s+)?{WEEKDAY}", re.I)
# A named stretch a weekday can fall in: a week or so ("from September 4 to 10", "this week").
_WEEK_KINDS = ("range", "relative")
_WEEK_DAYS = range(2, 9)


def _short_stretch(mentions: list[TimeMention], before: int | None = None) -> TimeMention | None:
    """The last stretch of a week or so among ``mentions`` (those ending before ``before``)."""
    stretches = [
        m
        for m in mentions
        if m.kind in _WEEK_KINDS
        and m.period_start
        and m.period_end
        and (m.period_end - m.period_start).days + 1 in _WEEK_DAYS
        and (before is None or m.end <= before)
    ]
    return stretches[-1] if stretches else None


def weekdays_in_named_week(
    texts: list[str], mentions: list[list[TimeMention]]
) -> list[list[TimeMention]]:
    """``mentions`` with each bare weekday put in the week or so named just before it, in its own
    sentence or the one before: "Over the seven days from September 4 to 10, ... The heaviest
    single report came on Friday, ...; the lightest, on Monday" is Monday, September 4, not the
    Monday before the report. A weekday the stretch does not hold, or that falls before it, keeps
    its latest date."""
    if not any(mention.kind == "day" for found in mentions[1:] for mention in found):
        # A weekday needs a stretch named before it.
        return mentions
    resolved_all: list[list[TimeMention]] = []
    for index, (text, found) in enumerate(zip(texts, mentions, strict=True)):
        if not any(mention.kind == "day" for mention in found):
            resolved_all.append(found)
            continue
        resolved: list[TimeMention] = []
        for mention in found:
            day = mention.period_start
            if (
                mention.kind == "day"
                and day is not None
                and _BARE_WEEKDAY.fullmatch(text, mention.start, mention.end)
            ):
                stretch = _short_stretch(found, mention.start) or (
                    _short_stretch(mentions[index - 1]) if index else None
                )
                # Only back into a stretch already over: "next week" does not move "on Thursday".
                if stretch and stretch.period_end < day:
                    # The same weekday inside the stretch, when it holds one.
                    inside = stretch.period_end - timedelta(
                        days=(stretch.period_end.weekday() - day.weekday()) % 7
                    )
                    if inside >= stretch.period_start:
                        mention = TimeMention(mention.start, mention.end, inside, inside, "day")
            resolved.append(mention)
        resolved_all.append(resolved)
    return resolved_all
