"""Stage: fills period_start,period_end of each draft claim.

Reads: sentences, figures, ``claim.measure`` and ``claim.per`` (set by the measures stage).
Assigns: ``claim.period_start``, ``claim.period_end`` as ISO dates or None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from warledger.extract.date_text import time_words
from warledger.extract.document import Document, Figure
from warledger.extract.time_expressions import TimeMention, find_time_expressions
from warledger.record import Claim

Period = tuple[date | None, date | None]

_CLAIM_WORDS = time_words()["claims"]
RUNNING_MEASURES = frozenset(_CLAIM_WORDS["running_measures"])
PERFECT_MEASURES = RUNNING_MEASURES | frozenset(_CLAIM_WORDS["perfect_measures"])
TIMELESS_MEASURES = frozenset(_CLAIM_WORDS["timeless_measures"])
INVASION_START: date = time_words()["invasion_start"]
_RUNNING_CUES = re.compile(
    r"\b(?:" + "|".join(re.escape(cue) for cue in _CLAIM_WORDS["running_cues"]) + r")\b", re.I
)
# Present perfect ("has forcefully deported", "have been killed") reports a total up to now.
_PERFECT = re.compile(
    r"\b(?:has|have)\s+(?:\w+ly\s+|now\s+|already\s+)?(?:been\s+)?\w+(?:ed|en|t)\b", re.I
)
# Clause edges: a mention across one of these usually times another figure
# ("has now reached 760,000, and the average level of casualties in November 2024 was 1,523").
_CLAUSE_EDGE = re.compile(
    r"[;:–—]|\s-\s|,\s+(?:and|but|while|whereas|which)\b|\s(?:while|whereas)\s"
)
# The day a statement was made is not the day its figure counts
# ("summarily executing more than 70 of them, the UN human rights office said on Tuesday").
_STATEMENT_DAY = re.compile(
    r"\b(?:said|says|announced|told|reported|stated|published|added|noted|tweeted)\s+(?:on\s+)?$",
    re.I,
)
# Kinds that name a stretch of time a later "during this period" can point back to.
_PERIOD_KINDS = ("range", "month", "year", "since", "relative")


def _clause_edges(text: str, mentions: list[TimeMention]) -> list[int]:
    inside = [(m.start, m.end) for m in mentions]
    return [
        edge.start()
        for edge in _CLAUSE_EDGE.finditer(text)
        if not any(start <= edge.start() < end for start, end in inside)
    ]


def timing_mention(
    text: str, mentions: list[TimeMention], start: int, end: int
) -> TimeMention | None:
    """The mention that times the figure at ``text[start:end]``, or None.

    The nearest mention in the figure's clause wins; a mention in another clause counts only when
    it opens the sentence ("In 2022, the number of displaced people grew by 21%").
    """
    edges = _clause_edges(text, mentions)

    def crossed(mention: TimeMention) -> int:
        low, high = (mention.end, start) if mention.end <= start else (end, mention.start)
        return sum(1 for edge in edges if low <= edge < high)

    def distance(mention: TimeMention) -> int:
        return max(mention.start - end, start - mention.end, 0)

    same_clause = [m for m in mentions if crossed(m) == 0]
    if same_clause:
        return min(same_clause, key=distance)
    fronted = [m for m in mentions if m.end <= start and not any(e < m.start for e in edges)]
    return min(fronted, key=distance, default=None)


def is_running_total(claim: Claim, sentence: str, mentions: list[TimeMention]) -> bool:
    """A count that adds up over the war: a cue word, a present perfect, or "since the invasion"."""
    if claim.measure not in PERFECT_MEASURES or claim.per:
        return False
    if any(m.kind == "since" and m.period_start == INVASION_START for m in mentions):
        return True
    if _PERFECT.search(sentence):
        return True
    return claim.measure in RUNNING_MEASURES and bool(_RUNNING_CUES.search(sentence))


def _end_bound(mention: TimeMention, mentions: list[TimeMention]) -> date | None:
    """An earlier end another mention puts on an open "since": "in late April ... during the
    full-scale war", "from the end of 2022 ... by the end of May 2023"."""
    ends = [
        m.period_end
        for m in mentions
        if m.kind in ("as_of", "month")
        and m.period_end
        and mention.period_start < m.period_end < mention.period_end
    ]
    return max(ends, default=None)


def resolve_period(
    claim: Claim,
    mention: TimeMention | None,
    context: PeriodContext,
) -> Period:
    """The period of one claim from the mention that times it (None: no time words)."""
    published = context.published
    if mention is None:
        if claim.measure in TIMELESS_MEASURES:
            return None, None
        if claim.per:
            # "824 Russian troops dying each day": a rate holds at the report's date.
            return published, published
        if is_running_total(claim, context.sentence, context.mentions):
            return INVASION_START, published
        if context.carried != (None, None):
            return context.carried
        if claim.measure in RUNNING_MEASURES:
            return published, published
        return None, None
    if mention.kind == "anaphor":
        return context.previous
    if mention.kind in ("now", "as_of"):
        if claim.measure in TIMELESS_MEASURES:
            # "children between the ages of four months and 17 years" as of a report: no period.
            return None, None
        # "has now reached 760,000" totals the war; "77% now support" holds on that day.
        running = claim.measure in RUNNING_MEASURES and not claim.per
        return (INVASION_START if running else mention.period_end), mention.period_end
    if mention.kind == "since" and mention.period_end == published:
        return mention.period_start, _end_bound(mention, context.mentions) or published
    if mention.kind == "month" and claim.measure in RUNNING_MEASURES and not claim.per:
        # "In late April, ... 19,000 children had been deported during the full-scale war": a
        # running total up to that month, not a count within it.
        for since in context.mentions:
            if since.kind == "since" and since.period_start < mention.period_start:
                return since.period_start, mention.period_end
    return mention.period_start, mention.period_end


@dataclass(slots=True)
class PeriodContext:
    """What the text around a figure says about time."""

    published: date
    sentence: str = ""
    mentions: list[TimeMention] = field(default_factory=list)
    previous: Period = (None, None)
    carried: Period = (None, None)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _dated_mentions(text: str, published: date) -> list[TimeMention]:
    return [
        m
        for m in find_time_expressions(text, published)
        if not (m.kind == "day" and _STATEMENT_DAY.search(text[: m.start]))
    ]


def assign_periods(doc: Document) -> None:
    """Fill period_start,period_end of every claim in ``doc``."""
    # A report with no date is read as of today: "so far" then ends on the day it is read.
    context = PeriodContext(doc.published or date.today())
    by_sentence: dict[int, list[tuple[Figure, Claim]]] = {}
    for figure, claim, index in zip(doc.figures, doc.claims, doc.sentence_of, strict=True):
        by_sentence.setdefault(index, []).append((figure, claim))
    paragraph = -1
    for index, sentence in enumerate(doc.sentences):
        if sentence.paragraph != paragraph:
            paragraph, context.carried = sentence.paragraph, (None, None)
        context.sentence = doc.sentence_text(index)
        context.mentions = _dated_mentions(context.sentence, context.published)
        for figure, claim in by_sentence.get(index, []):
            start, end = figure.start - sentence.start, figure.end - sentence.start
            mention = timing_mention(context.sentence, context.mentions, start, end)
            period = resolve_period(claim, mention, context)
            claim.period_start, claim.period_end = _iso(period[0]), _iso(period[1])
        for mention in context.mentions:
            if mention.kind in _PERIOD_KINDS:
                context.previous = (mention.period_start, mention.period_end)
            if mention.kind not in ("anaphor", "now"):
                context.carried = (mention.period_start, mention.period_end)
