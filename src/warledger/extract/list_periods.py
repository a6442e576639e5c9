"""Periods of list items that an introducing line times.

Daily loss bulletins and explainers put the time once, in the line that opens a list, and the
figures in the lines below it:

    ... the approximate combat losses of the enemy from February 24, 2022 to November 10, 2024 were:
    tanks – 9,249 (+11)

Each item is then a total over the intro's period, and a signed figure ("+11") the change on its
last day. Read by the period stage for list items that have no time words of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from warledger.extract.running_totals import (
    INVASION_START,
    RUNNING_MEASURES,
    is_increment,
    says_total,
)
from warledger.extract.time_expressions import TimeMention
from warledger.record import Claim

Period = tuple[date | None, date | None]

# Kinds that name a stretch the listed figures cover; the others name the day they stood.
_STRETCHES = ("range", "since", "month", "year", "relative")
# A list line: a bullet or number ("• 4,074 tanks", "2) ..."), or a label, a dash and the figure
# ("tanks – 9,249 (+11)", "personnel – about 708,890").
_LIST_ITEM = re.compile(
    r"^\s*(?:[•●▪◦‣·*]|[-–—]\s|\d{1,2}[.)]\s"
    r"|[^\W\d_][^.!?:\n]{0,60}?\s[-–—]\s+(?:[a-z]+\s+)?[+(]?\d)"
)


def is_list_item(text: str) -> bool:
    """Whether a line reads as an item of a list."""
    return bool(_LIST_ITEM.match(text))


@dataclass(slots=True, frozen=True)
class ListIntro:
    """The line that opens a list ("... as scraped on July 19, 2025, showed:") and its time."""

    mention: TimeMention
    total: bool

    @classmethod
    def of(cls, text: str, mentions: list[TimeMention]) -> ListIntro | None:
        """The intro ``text`` makes when it ends in a colon and has time words, else None."""
        dated = [m for m in mentions if m.period_end]
        if not text.rstrip().endswith(":") or not dated:
            return None
        stretches = [m for m in dated if m.kind in _STRETCHES and m.period_start]
        return cls((stretches or dated)[-1], says_total(text))

    def period(self, claim: Claim, item: str, start: int, end: int) -> Period:
        """The period of the item figure at ``item[start:end]``."""
        last = self.mention.period_end
        if is_increment(item, start, end):
            # "tanks – 9,249 (+11)": eleven more on the bulletin's last day.
            return last - timedelta(days=1), last
        if self.mention.kind in _STRETCHES and self.mention.period_start:
            return self.mention.period_start, last
        # "Its tally of Russian losses, as scraped on July 19, 2025, showed:" totals the war.
        total = self.total or (claim.measure in RUNNING_MEASURES and not claim.per)
        return (INVASION_START if total else last), last
