"""Stage: fills period_start,period_end of each draft claim.

Reads: sentences, figures, ``claim.measure``, ``claim.per`` (set by the measures stage) and
``claim.source`` (a report's coverage times only the report's figures).
Assigns: ``claim.period_start``, ``claim.period_end`` as ISO dates or None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from warledger.extract.date_text import alternation, last_day, time_words
from warledger.extract.document import Document, Figure
from warledger.extract.document_periods import (
    STRETCH_KINDS,
    ReportCoverage,
    lead_day,
    report_coverage,
    restate_periods,
)
from warledger.extract.figure_tense import is_change, is_planned, level_end
from warledger.extract.list_periods import ListIntro, is_list_item
from warledger.extract.mention_context import (
    clip_to_statement,
    months_in_named_years,
    resolve_back_references,
    weekdays_in_named_week,
)
from warledger.extract.running_totals import (
    DURATION_UNITS,
    INVASION_START,
    RUNNING_MEASURES,
    TIMELESS_MEASURES,
    clause_edges,
    clause_of,
    is_increment,
    is_level_after_change,
    is_price,
    running_evidence,
    totals_up_to_statement,
)
from warledger.extract.time_expressions import TimeMention, find_time_expressions
from warledger.knowledge.patterns import compile_guarded
from warledger.record import Claim

Period = tuple[date | None, date | None]

_VERBS = alternation(time_words()["claims"]["statement_verbs"])
# The day a statement was made is not the day its figure counts
# ("summarily executing more than 70 of them, the UN human rights office said on Tuesday").
_STATEMENT_DAY = compile_guarded(rf"\b(?:{_VERBS})\s+(?:on\s+)?$", re.I)
# A month or year after a verb of saying dates the statement: "estimated in February 2023 that".
_STATEMENT_MONTH = compile_guarded(rf"\b(?:{_VERBS})\s+(?:in\s+)?$", re.I)
# A date that opens the sentence and is followed by its speaker: "On May 2, 2022, it said".
_SPEAKER_AFTER = re.compile(rf"^\s*,?\s*(?:[\w’'-]+\s+){{0,4}}?(?:{_VERBS})\b", re.I)
# A time a figure is compared with times the compared figure, not one before it: "41,991 deaths,
# more than in the whole of 2024", "560 more than in Sunday's report", "an increase of 230 on
# Sunday's report".
_COMPARED = re.compile(r"\b(?:than|compared\s+(?:with|to))\s+(?:[\w’'-]+\s+){0,3}$", re.I)
_REPORT_OF_DAY = re.compile(
    r"^['’]s\s+(?:report|reports|figure|figures|tally|count|update|bulletin|briefing|data)\b", re.I
)
_DIGIT = re.compile(r"\d")
# A verb of the simple past: an event that happened, not a standing fact.
_PAST_EVENT = compile_guarded(
    r"\b(?:brought|drew|gathered|attended|took|came|met|fired|launched|struck|hit|killed"
    r"|wounded|injured|destroyed|shot|downed)\b"
)
# A verb in the present that says how things stand: a stock on the report's day.
_STANDS_NOW = compile_guarded(
    r"\b(?:live|lives|remain|remains|stay|stays|hold|holds|host|hosts|occupy|occupies"
    r"|have\s+occupied|has\s+occupied|control|controls|serve|serves|are\s+(?:now\s+)?(?:living"
    r"|held|based|stationed|deployed|registered|displaced|missing))\b",
    re.I,
)
# "so far", "to date": what has added up to now, not what stands now.
_ADDED_UP = re.compile(r"so\s+far|to\s+date", re.I)
# Measures that stand at a level rather than add up: a "so far" does not make them a total.
_STOCK_MEASURES = frozenset({"population", "share", "age_limit"})
# A number written in digits: another figure of the sentence.
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
# A figure that is a part of the one before ("about 241,330 ..., 640 of them in the past day") or
# the base a figure is compared with ("4,140, up from 4,133 a day earlier"): the time words
# right after it are its own.
_PART_AFTER = re.compile(r"\s+of\s+(?:them|which|whom|those|these)\b", re.I)
_BASE_BEFORE = compile_guarded(
    r"\b(?:up|down|rising|falling|rose|fell|increasing|decreasing)\s+from\s+"
    r"(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+)?$",
    re.I,
)
# A letter or hyphen next to a number makes it part of a name or an ordinal ("S-300",
# "Army-2022", "its 100th day").
_NAME_EDGE = re.compile(r"[^\W\d]|-")
# A figure right after a comma, with at most its qualifier, restates the one before: "120
# battalion tactical groups at the outset, about 65 percent of its entire ground combat strength".
_APPOSED_FIGURE = re.compile(
    r".*,\s*(?:(?:about|around|some|nearly|almost|over|roughly|more\s+than|at\s+least)\s+)?$",
    re.I | re.S,
)
# A figure right after time words, with at most its qualifier between them ("and on Tuesday
# 550"), not a name's number ("on Monday 2022-style").
_FIGURE_RIGHT_AFTER = re.compile(
    r"\s+(?:(?:about|around|some|nearly|almost|over|roughly|more\s+than|at\s+least)\s+)?"
    r"[$£€₽₴]?\d(?![\d,.]*[^\W\d])",
    re.I,
)
# At most a few words between a figure and the time words that are its own.
_OWN_WORDS = re.compile(r"(?:\s*[\w’'-]+){0,4}?\s*")


def _outside(text: str, mentions: list[TimeMention], low: int, high: int) -> str:
    """``text[low:high]`` with the text of every time mention blanked."""
    chars = list(text[low:high])
    for m in mentions:
        for at in range(max(m.start, low), min(m.end, high)):
            chars[at - low] = " "
    return "".join(chars)


def _compared(text: str, mention: TimeMention) -> bool:
    return bool(
        _COMPARED.search(text[: mention.start]) or _REPORT_OF_DAY.match(text[mention.end :])
    )


def timing_mention(
    text: str, mentions: list[TimeMention], start: int, end: int
) -> TimeMention | None:
    """The mention that times the figure at ``text[start:end]``, or None.

    The nearest mention in the figure's clause wins; a mention in another clause counts only when
    it opens the sentence ("In 2022, the number of displaced people grew by 21%"). The date of a
    statement ("On May 2, 2022, it said") counts only when nothing else times the figure.
    """
    if not mentions:
        return None  # every answer below is one of them
    edges = clause_edges(text, mentions)
    if not is_increment(text, start, end):
        # A change keeps the time it is measured from: "1,350 higher than a day earlier".
        mentions = [m for m in mentions if m.start < end or not _compared(text, m)]

    def crossed(mention: TimeMention) -> int:
        low, high = (mention.end, start) if mention.end <= start else (end, mention.start)
        return sum(1 for edge in edges if low <= edge < high)

    def distance(mention: TimeMention) -> int:
        return max(mention.start - end, start - mention.end, 0)

    def clear(mention: TimeMention) -> bool:
        # Another figure between them takes the mention: "raised the figure to about 223,910,
        # including 580 in the previous day".
        low, high = (mention.end, start) if mention.end <= start else (end, mention.start)
        return not _DIGIT.search(_outside(text, mentions, low, high))

    # Every mention still blanks its words in ``clear``; only these can time the figure.
    candidates = [m for m in mentions if not _taken_by_other(text, mentions, m, start, end)]
    if _PART_AFTER.match(text, end):
        # "640 of them in the past day": the part is timed by the words after it.
        own = [m for m in candidates if m.start >= end and _OWN_WORDS.fullmatch(text, end, m.start)]
        if own:
            return own[0]
    same_clause = [m for m in candidates if crossed(m) == 0]
    if same_clause:
        told = [m for m in same_clause if m.kind != "stated"] or same_clause
        # The date of the statement before a time another figure stands between: "On Monday
        # the staff reported 580 losses and ..., bringing its total to 269,760 as of September 12".
        clear_told = [m for m in told if clear(m)] or [m for m in same_clause if clear(m)]
        return min(clear_told or told, key=distance)
    # A mention of another clause opens the sentence, before any figure: not "120 battalion
    # tactical groups at the outset, ..., and more than a quarter of them".
    fronted = [
        m
        for m in candidates
        if m.end <= start
        and not any(e < m.start for e in edges)
        and not _DIGIT.search(_outside(text, mentions, 0, m.start))
    ]
    return min(fronted, key=lambda m: m.start, default=None)


def _figures_between(
    text: str, mentions: list[TimeMention], low: int, high: int
) -> list[tuple[int, int]]:
    """Spans of the numbers in digits in ``text[low:high]``, outside every time mention and not
    part of a name ("S-300", "Army-2022")."""
    outside = _outside(text, mentions, low, high)
    return [
        (low + found.start(), low + found.end())
        for found in _NUMBER.finditer(outside)
        if not _NAME_EDGE.match(text[low + found.start() - 1 : low + found.start()])
        and not _NAME_EDGE.match(text[low + found.end() : low + found.end() + 1])
    ]


def _taken_by_other(
    text: str, mentions: list[TimeMention], mention: TimeMention, start: int, end: int
) -> bool:
    """Whether ``mention`` times another figure of the sentence, not the one at
    ``text[start:end]``: the time words right after a figure are that figure's when they are set
    off from this one by a comma ("Together with 12,199 for 2022, the series totals 122,640"), or
    when that figure is a part of this one or the base it is compared with ("about 484,030,
    1,740 of them in the past day"; "reached 4,140, up from 4,133 a day earlier"); the time words
    right before a figure are its own ("reported 580 losses and on Tuesday 550")."""
    # The cheap tests first: most mentions have no other number near them.
    if mention.end <= start:
        if "," not in text[mention.end : start] or not _DIGIT.search(text, 0, mention.start):
            return False
        if _APPOSED_FIGURE.fullmatch(text, mention.end, start):
            return False
        before = _figures_between(text, mentions, 0, mention.start)
        return bool(before) and bool(_OWN_WORDS.fullmatch(text, before[-1][1], mention.start))
    if _FIGURE_RIGHT_AFTER.match(text, mention.end):
        return True
    if not _DIGIT.search(text, end, mention.start):
        return False
    between = _figures_between(text, mentions, end, mention.start)
    if not between:
        return False
    other_start, other_end = between[-1]
    part = _PART_AFTER.match(text, other_end)
    if not part and not _BASE_BEFORE.search(text[:other_start]):
        return False
    return bool(_OWN_WORDS.fullmatch(text, part.end() if part else other_end, mention.start))


def _end_bound(mention: TimeMention, mentions: list[TimeMention]) -> date | None:
    """An earlier end another mention puts on an open "since": "in late April ... during the
    full-scale war", "from the end of 2022 ... by the end of May 2023"."""
    ends = [
        m.period_end
        for m in mentions
        if m.kind in ("as_of", "month", "stated")
        and m.period_end
        and mention.period_start < m.period_end < mention.period_end
    ]
    return max(ends, default=None)


@dataclass(slots=True)
class PeriodContext:
    """What the text around a figure says about time."""

    published: date
    sentence: str = ""
    mentions: list[TimeMention] = field(default_factory=list)
    previous: Period = (None, None)
    carried: Period = (None, None)
    # Whose figures the carried period timed: another source's figure does not take it.
    carried_source: str | None = None
    report: ReportCoverage | None = None
    # The last stretch named in the paragraph: what a change with no time words happened over.
    carried_stretch: Period = (None, None)
    # The day of the events the lead reports ("Russia fired dozens of missiles ... on Sunday").
    event_day: date | None = None


@dataclass(slots=True)
class FigureSpan:
    """Where the figure sits in its sentence."""

    start: int
    end: int


@dataclass
class _FigureFacts:
    """What ``resolve_period`` may ask of a figure, each worked out only if it is asked (speed
    only: most figures settle before either)."""

    claim: Claim
    text: str
    mentions: list[TimeMention]
    span: FigureSpan

    @cached_property
    def running(self) -> str | None:
        return running_evidence(
            self.claim, self.text, self.mentions, self.span.start, self.span.end
        )

    @cached_property
    def change(self) -> bool:
        return is_change(self.text, self.span.start, self.span.end)


def resolve_period(
    claim: Claim, mention: TimeMention | None, context: PeriodContext, span: FigureSpan
) -> tuple[Period, bool]:
    """The period of one claim from the mention that times it (None: no time words), and whether
    the text settles it (False: only the default for a figure with no time words)."""
    published, text = context.published, context.sentence
    if claim.unit in DURATION_UNITS and claim.measure == "other":
        # "held in custody for two months after his arrest on Friday": a length of time is the
        # quantity; the day it started is not a period it covers.
        return (None, None), True
    low, high = clause_of(text, clause_edges(text, context.mentions), span.start, span.end)
    if (
        mention is None
        or mention.kind in ("now", "stated")
        or (mention.period_start is not None and mention.period_start > published)
    ) and is_planned(text[low:high]):
        # "About 300,000 troops will be kept at high readiness from next year": a plan; the day
        # it was said ("estimated in February that rebuilding would cost $47 billion") is not
        # its time.
        return (None, None), True
    facts = _FigureFacts(claim, text, context.mentions, span)
    if (mention is None or mention.kind == "now") and is_price(
        text, span.start, claim.unit, span.end
    ):
        # "a package worth $1 billion, the largest of the war so far": "so far" is not its time.
        return (None, None), True
    if mention is None:
        if claim.measure in TIMELESS_MEASURES:
            return (None, None), True
        if claim.per:
            # "824 Russian troops dying each day": a rate holds at the report's date.
            return (published, published), True
        if context.carried == (None, None) and context.report and context.report.times(claim):
            # "The report covers the 15 months ... to May 2023": the report's own figures.
            return context.report.period, True
        if facts.running:
            # Before the carried period: "Over the past 24 hours ... That brings its running
            # tallies to 9,249 tanks."
            return (INVASION_START, published), True
        stretch = _stretch_named_before(context.mentions, span.start) if facts.change else None
        if stretch:
            # "The count went from 4,476 to 4,554 over the week, and 229 more artillery systems
            # were added": the change happened over the stretch the sentence named.
            return stretch, True
        if facts.change and context.carried_stretch != (None, None) and _carries_to(claim, context):
            # "In 2022 ... rose by 21% ... at the end of the year. Refugees alone grew by 35%".
            return context.carried_stretch, True
        if context.carried != (None, None) and _carries_to(claim, context):
            return context.carried, True
        if claim.measure in RUNNING_MEASURES:
            day = context.event_day or published
            return (day, day), False
        if context.event_day and _PAST_EVENT.search(text, low, high):
            # "told the Moscow Conference ... on Tuesday" / "The conference ... brought together
            # more than 700 guests": what the lead's event did happened on its day.
            return (context.event_day, context.event_day), False
        if _STANDS_NOW.search(text, low, high):
            # "About 950,000 Ukrainians live there", "Russian forces have occupied about 18% of
            # Ukraine's territory": a stock as it stands on the report's day.
            return (published, published), False
        return (None, None), False
    level = level_end(text, span.start)
    if (
        level
        and mention.kind in (*STRETCH_KINDS, "anaphor")
        and mention.period_start
        and mention.period_end
    ):
        # "went from 4,476 to 4,554 over the week": the level at the stretch's start, then at its
        # end; a level of what adds up over the war is its total on that day.
        day = mention.period_start if level == "from" else mention.period_end
        total = claim.measure in RUNNING_MEASURES and not claim.per
        return ((INVASION_START if total else day), day), True
    if mention.kind == "anaphor":
        return (mention.period_start, mention.period_end), True
    if claim.measure in TIMELESS_MEASURES and mention.kind in ("now", "as_of", "stated"):
        # "children between the ages of four months and 17 years" as of a report: no period.
        return (None, None), True
    if mention.kind in ("now", "as_of"):
        # "At the end of April 2022, ... 1 million people had been evacuated since February 24":
        # the "since" starts what the date ends.
        start = _since_start(context, span, mention.period_end)
        if mention.kind == "as_of" and start:
            return (start, mention.period_end), True
        if facts.change:
            # "rose by 21% to 108.4 million at the end of the year": the change covers the year
            # named in the sentence; "an increase of 230" as of Monday is Monday's.
            stretch = _stretch_before(context.mentions, mention.period_end)
            if stretch:
                return stretch, True
            if is_increment(text, span.start, span.end):
                return (mention.period_end, mention.period_end), True
        # "has now reached 760,000" totals the war; "77% now support" holds on that day; a count
        # "so far" or "to date" has added up since the war began ("2,500 children had been
        # returned so far").
        total = (
            (claim.measure in RUNNING_MEASURES and not claim.per)
            or facts.running == "total"
            or (
                _ADDED_UP.fullmatch(text, mention.start, mention.end)
                and not claim.per
                and claim.unit != "percent"
                and claim.measure not in _STOCK_MEASURES
            )
        )
        return ((INVASION_START if total else mention.period_end), mention.period_end), True
    if mention.kind == "stated":
        # "estimated in February 2023 that Russia had forcibly removed at least 6,000 children"
        total = totals_up_to_statement(claim, text, context.mentions, span.start, span.end)
        return ((INVASION_START if total else mention.period_end), mention.period_end), True
    if mention.kind in ("day", "relative") and _totals_the_war(facts.running, mention):
        # "a day earlier, when it counted about 707,540 personnel losses" in total; "1,260 over
        # the past 24 hours, lifting its running total to about 473,400".
        return (INVASION_START, mention.period_end), True
    if mention.kind == "since" and is_level_after_change(text, span.start):
        # "Since the start of September the count ... has risen by 10, to 1,455": the stretch
        # times the rise; the level it reached holds at its end, the war's total for a count
        # that adds up over the war ("increased by 331,600 from the end of 2022 to stand at 1.8
        # million" by the end of May 2023 is a stock on that day).
        end = _end_bound(mention, context.mentions) or mention.period_end
        total = facts.running == "total" or (claim.measure in RUNNING_MEASURES and not claim.per)
        return ((INVASION_START if total else end), end), True
    if mention.kind == "since" and mention.period_end == published:
        return (mention.period_start, _end_bound(mention, context.mentions) or published), True
    if mention.kind == "month" and claim.measure in RUNNING_MEASURES and not claim.per:
        # "In late April, ... 19,000 children had been deported during the full-scale war": a
        # running total up to that month, not a count within it.
        for since in context.mentions:
            if since.kind == "since" and since.period_start < mention.period_start:
                return (since.period_start, mention.period_end), True
    first, last = mention.period_start, mention.period_end
    if mention.kind == "month" and first and last and first <= published < last:
        # "hit 12 targets in May" in a May 15 report: the month so far, not days still to come
        # (a year named in its course is often the whole year of a budget or plan).
        last = published
    return (first, last), True


def _year_before(
    mention: TimeMention, mentions: list[TimeMention], previous: Period
) -> TimeMention:
    """ "the same period last year": the stretch named last before it (in its sentence, else
    before), a year earlier; no days when there is none."""
    named = [
        (m.period_start, m.period_end)
        for m in mentions
        if m.kind in STRETCH_KINDS and m.end <= mention.start and m.period_start and m.period_end
    ]
    first, last = named[-1] if named else previous
    if first is None or last is None:
        return TimeMention(mention.start, mention.end, None, None, "anaphor")
    return TimeMention(
        mention.start, mention.end, _a_year_earlier(first), _a_year_earlier(last), "range"
    )


def _a_year_earlier(day: date) -> date:
    """The same day a year earlier; a month's last day stays its month's last ("the first two
    months" of 2025 end on February 28, of 2024 on the 29th)."""
    if day == last_day(day.year, day.month):
        return last_day(day.year - 1, day.month)
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # February 29 in a year that has none
        return day.replace(year=day.year - 1, day=28)


def _stretch_named_before(mentions: list[TimeMention], at: int) -> Period | None:
    """The last stretch the sentence names before ``at``, in any of its clauses."""
    named = [
        (m.period_start, m.period_end)
        for m in mentions
        if m.kind in (*STRETCH_KINDS, "anaphor") and m.period_start and m.period_end and m.end <= at
    ]
    return named[-1] if named else None


def _stretch_before(mentions: list[TimeMention], end: date | None) -> Period | None:
    """A stretch of the sentence that ends where an end point does: "In 2022 ... at the end of
    the year"."""
    for m in mentions:
        if m.kind in ("year", "month", "range") and m.period_start and m.period_end == end:
            return m.period_start, m.period_end
    return None


def _carries_to(claim: Claim, context: PeriodContext) -> bool:
    """Whether the period carried from an earlier sentence times this claim: not when it timed
    another source's figure ("Britain's Ministry of Defence reported the deaths of 10 generals in
    August last year. Japanese intelligence puts the number killed at 20.")."""
    carrier = context.carried_source
    return carrier is None or claim.source is None or claim.source == carrier


def _since_start(context: PeriodContext, span: FigureSpan, end: date | None) -> date | None:
    """The start a "since" of the figure's own clause, with no other figure between them, puts
    before ``end`` ("1 million people had been evacuated since February 24"; not "increased by
    331,600 from the end of 2022 to stand at 1.8 million")."""
    text = context.sentence
    edges = clause_edges(text, context.mentions)
    for since in context.mentions:
        if since.kind != "since" or not since.period_start or not end or since.period_start >= end:
            continue
        low, high = (since.end, span.start) if since.end <= span.start else (span.end, since.start)
        if not re.search(r"\d", text[low:high]) and not any(low <= e < high for e in edges):
            return since.period_start
    return None


def _totals_the_war(running: str | None, mention: TimeMention) -> bool:
    """Whether a figure that total words mark is the war's total as of a day or a short window
    (a daily report's), not a count within it."""
    if mention.period_start is None or mention.period_end is None:
        return False
    days = (mention.period_end - mention.period_start).days
    return (running in ("cue", "total") and days == 0) or (running == "total" and days <= 7)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _stated(mention: TimeMention) -> TimeMention:
    return TimeMention(mention.start, mention.end, None, mention.period_end, "stated")


def dated_mentions(text: str, published: date) -> list[TimeMention]:
    """The time mentions of a sentence, with the dates of statements told apart: dropped when they
    follow the verb ("said on Tuesday"), kind "stated" when they date what was said."""
    mentions: list[TimeMention] = []
    for m in find_time_expressions(text, published):
        before = text[: m.start]
        if m.kind == "day" and _STATEMENT_DAY.search(before):
            continue
        if m.kind == "relative" and _STATEMENT_DAY.search(before):
            # "is offering 2.5 million rubles ..., intelligence said this week": the week of the
            # statement, which ends a total only when it ended before the report.
            if m.period_end == published:
                continue
            m = _stated(m)
        if m.kind in ("month", "year") and _STATEMENT_MONTH.search(before):
            m = _stated(m)
        elif (
            m.kind in ("day", "month")
            and not before.strip()
            and _SPEAKER_AFTER.match(text[m.end :])
        ):
            m = _stated(m)
        mentions.append(m)
    return months_in_named_years(text, mentions)


def assign_periods(doc: Document) -> None:
    """Fill period_start,period_end of every claim in ``doc``."""
    # A report with no date is read as of today: "so far" then ends on the day it is read.
    context = PeriodContext(doc.published or date.today())
    texts = [doc.sentence_text(index) for index in range(len(doc.sentences))]
    mentions = [dated_mentions(text, context.published) for text in texts]
    mentions = resolve_back_references(texts, mentions, context.published)
    mentions = weekdays_in_named_week(texts, mentions)
    mentions = [clip_to_statement(m) for m in mentions]
    context.report = report_coverage(doc, mentions)
    context.event_day = lead_day(doc, mentions, context.published)
    by_sentence: dict[int, list[tuple[Figure, Claim]]] = {}
    for figure, claim, index in zip(doc.figures, doc.claims, doc.sentence_of, strict=True):
        by_sentence.setdefault(index, []).append((figure, claim))
    untimed: list[Claim] = []
    paragraph = -1
    intro: ListIntro | None = None
    for index, sentence in enumerate(doc.sentences):
        context.sentence = doc.sentence_text(index)
        # "during this period", "over the week": the stretch named last; "in the same period
        # last year": that stretch a year earlier.
        context.mentions = [
            TimeMention(m.start, m.end, *context.previous, m.kind)
            if m.kind == "anaphor"
            else _year_before(m, mentions[index], context.previous)
            if m.kind == "year_before"
            else m
            for m in mentions[index]
        ]
        if sentence.paragraph != paragraph:
            paragraph, context.carried = sentence.paragraph, (None, None)
            context.carried_stretch = (None, None)
            if not is_list_item(context.sentence):
                intro = None
        figures = by_sentence.get(index, [])
        for figure, claim in figures:
            span = FigureSpan(figure.start - sentence.start, figure.end - sentence.start)
            if intro and not context.mentions and is_list_item(context.sentence):
                period = intro.period(claim, context.sentence, span.start, span.end)
                claim.period_start, claim.period_end = _iso(period[0]), _iso(period[1])
                continue
            mention = timing_mention(context.sentence, context.mentions, span.start, span.end)
            period, settled = resolve_period(claim, mention, context, span)
            claim.period_start, claim.period_end = _iso(period[0]), _iso(period[1])
            if not settled and not figure.vague:
                # "thousands" here and "thousands" there are not one figure restated.
                untimed.append(claim)
        for mention in context.mentions:
            if mention.kind in STRETCH_KINDS:
                context.previous = (mention.period_start, mention.period_end)
                context.carried_stretch = context.previous
            if mention.kind not in ("anaphor", "now"):
                context.carried = (mention.period_start, mention.period_end)
                context.carried_source = next((c.source for _, c in figures if c.source), None)
        intro = ListIntro.of(context.sentence, context.mentions) or intro
    restate_periods(doc.claims, untimed)
