"""Periods that hold for a whole article: a report's stated coverage and restated figures.

Read by the period stage after it has timed each figure from its own sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from warledger.extract.date_text import alternation, time_words
from warledger.extract.document import Document
from warledger.extract.time_expressions import TimeMention
from warledger.knowledge.patterns import compile_guarded
from warledger.record import Claim

Period = tuple[date | None, date | None]

_COVERAGE = compile_guarded(
    rf"\b(?:{alternation(time_words()['claims']['coverage_cues'])})\b", re.I
)
# Kinds that name a stretch of time: what a report can cover.
STRETCH_KINDS = ("range", "month", "year", "since", "relative")
# Below this a figure repeated elsewhere is as likely another count ("2 killed", "2 wounded").
_RESTATED_FLOOR = 10


@dataclass(slots=True, frozen=True)
class ReportCoverage:
    """ "The report covers the 15 months from the start of the invasion to May 2023": the period
    and whose figures it times (None: figures of no named source only)."""

    period: Period
    source: str | None

    def times(self, claim: Claim) -> bool:
        return claim.source is None or claim.source == self.source


def report_coverage(doc: Document, mentions: list[list[TimeMention]]) -> ReportCoverage | None:
    """The coverage a report states for itself, if a sentence of ``doc`` states one."""
    for index, found in enumerate(mentions):
        stretches = [m for m in found if m.kind in STRETCH_KINDS]
        # the cue is looked for only where a stretch could follow it
        cue = _COVERAGE.search(doc.sentence_text(index)) if stretches else None
        stretch = next((m for m in stretches if cue and m.start >= cue.end()), None)
        if stretch:
            period = (stretch.period_start, stretch.period_end)
            return ReportCoverage(period, _report_source(doc, index))
    return None


def _report_source(doc: Document, index: int) -> str | None:
    """The source of the report's paragraph from the coverage sentence on, else the last source
    named before it ("the UN human rights office said ... The report covers ...")."""
    paragraph = doc.sentences[index].paragraph
    after: list[str] = []
    before: list[str] = []
    for claim, at in zip(doc.claims, doc.sentence_of, strict=True):
        if not claim.source:
            continue
        if at >= index and doc.sentences[at].paragraph == paragraph:
            after.append(claim.source)
        elif at <= index:
            before.append(claim.source)
    if after:
        return after[0]
    return before[-1] if before else None


def lead_day(doc: Document, mentions: list[list[TimeMention]], published: date) -> date | None:
    """The day of the events a news report leads with, when its headline or first paragraph
    names one before publication: "Russia fired dozens of missiles at targets across Ukraine on
    Sunday" (a Monday report). Figures of those events with no time words of their own (the
    killed and wounded of the next paragraphs) are that day's, not the publication day's."""
    for index, found in enumerate(mentions):
        if doc.sentences[index].paragraph > 1:
            break
        for mention in found:
            day = mention.period_start
            if mention.kind == "day" and day and day == mention.period_end and day < published:
                return day
    return None


def restate_periods(claims: list[Claim], untimed: list[Claim]) -> None:
    """Give a figure with no time words the period of the same figure timed elsewhere: the
    headline "personnel losses at about 708,890" restates the body's "708,890 ... since the start
    of the full-scale invasion"."""
    untimed_ids = {id(claim) for claim in untimed}
    timed: dict[tuple[float, float, str | None, str], list[Claim]] = {}
    for claim in claims:
        if id(claim) not in untimed_ids and claim.period_end:
            key = (claim.low, claim.high, claim.unit, claim.measure)
            timed.setdefault(key, []).append(claim)
    for claim in untimed:
        if max(claim.low, claim.high) < _RESTATED_FLOOR:
            continue
        # Another source's figure of the same size is no restatement: Wagner's 20,000 dead in
        # Bakhmut are not the US estimate of 20,000 killed since December.
        same = [
            other
            for other in timed.get((claim.low, claim.high, claim.unit, claim.measure), ())
            if claim.source is None or other.source is None or other.source == claim.source
        ]
        if same:
            claim.period_start, claim.period_end = same[0].period_start, same[0].period_end
