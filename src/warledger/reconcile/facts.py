"""Facts for reasoning: each distinct figure with the claims (quotes, articles) that state it.

``iter_facts`` lists facts as the ledger clusters them (SQL GROUP BY, any size of ledger);
``load_figures`` reads the claims a filter selects and groups them here, in Python, into
``Figure``s that keep every quote as evidence: what ``compare`` and ``checks`` reason about.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from warledger.knowledge.registry import default_registry
from warledger.ledger import ClaimFilter, Ledger, StoredClaim, iter_claims, list_articles
from warledger.ledger.facts import (
    FACT_FIELDS,
    Fact,
    claim_fact_id,
    count_facts,
    fact_id,
    iter_facts,
)

__all__ = [
    "FACT_FIELDS",
    "Evidence",
    "Fact",
    "Figure",
    "count_facts",
    "fact_id",
    "figures_from_claims",
    "iter_facts",
    "load_figures",
    "relayed_source",
]

INVASION_START = "2022-02-24"
DAYS_PER = {"day": 1.0, "week": 7.0, "month": 365.25 / 12, "year": 365.25}
_OPEN_ABOVE = ("at_least", "more_than")
_OPEN_BELOW = ("at_most", "less_than")

# "the UK Ministry of Defence said, citing Ukrainian General Staff data": the figure is relayed,
# and the words after the cue name whose it is.
_RELAY = re.compile(
    r"\b(?:citing|quoting|cited by|relaying)\s+(?P<cited>[^,;.]{1,120})"
    r"|\baccording to\s+(?P<data>[^,;.]{1,80}?)\s+"
    r"(?:data|figures|statistics|estimates|numbers|reports?)\b",
    re.IGNORECASE,
)
_OWNER_AFTER = re.compile(r"\b(?:from|of|by)\s+", re.IGNORECASE)


@dataclass(slots=True)
class Evidence:
    """One claim behind a figure: where it was published and the sentence that says it."""

    article: str
    published: str | None
    quote: str
    figure: str
    source_text: str | None = None


# Comparisons ask a figure's days many times over; periods repeat: each parsed once.
@functools.lru_cache(maxsize=4096)
def _period_days(period_start: str | None, period_end: str | None) -> int | None:
    start = period_start or period_end
    end = period_end or period_start
    if start is None or end is None:
        return None
    return (date.fromisoformat(end) - date.fromisoformat(start)).days + 1


@dataclass(slots=True)
class Figure:
    """A distinct figure (one fact) with every claim that states it, as evidence.

    ``reference`` marks a point of an official reference series rather than a reported claim.
    """

    fact_id: str
    source: str | None
    measure: str
    low: float
    high: float
    qualifier: str
    unit: str | None
    per: str | None
    period_start: str | None
    period_end: str | None
    places: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    reference: bool = False

    @property
    def days(self) -> int | None:
        """The period's length in days (both ends counted), None without a period."""
        return _period_days(self.period_start, self.period_end)

    @property
    def is_rate(self) -> bool:
        """A rate: ``per`` is set, or a count over a single day (a day's count is a daily rate)."""
        return self.per is not None or self.days == 1

    @property
    def is_running_total(self) -> bool:
        """A total since the full-scale invasion with a known end."""
        return (
            self.per is None and self.period_start == INVASION_START and self.period_end is not None
        )

    def per_day(self, value: float) -> float | None:
        """``value`` (one of this figure's) as a daily rate: rates converted, totals ÷ days."""
        if self.per is not None:
            return value / DAYS_PER[self.per]
        days = self.days
        return value / days if days else None

    def bounds(self) -> tuple[float, float]:
        """What the figure allows: "more than 465,000" is 465,000..∞, "up to 300" is 0..300."""
        low = 0.0 if self.qualifier in _OPEN_BELOW else self.low
        high = float("inf") if self.qualifier in _OPEN_ABOVE else self.high
        return low, high

    @property
    def middle(self) -> float:
        return (self.low + self.high) / 2

    @property
    def relays(self) -> list[str]:
        """The sources this figure's quotes say they relay ("citing ... General Staff")."""
        return list(dict.fromkeys(k for e in self.evidence if (k := relayed_source(e.quote))))


def relayed_source(quote: str) -> str | None:
    """The registered source a quote says it relays ("citing X", "according to X data")."""
    registry = default_registry()
    for hit in _RELAY.finditer(quote):
        window = hit.group("cited") or hit.group("data") or ""
        candidates = [window, *(window[m.end() :] for m in _OWNER_AFTER.finditer(window))]
        for text in candidates:
            mentions = registry.match(text.strip())
            if mentions:
                return mentions[0].key
    return None


def figures_from_claims(
    stored: Iterable[StoredClaim], published: dict[str, str | None] | None = None
) -> list[Figure]:
    """Group claims into figures by the fact identity key; evidence in the claims' order."""
    published = published or {}
    figures: dict[str, Figure] = {}
    for item in stored:
        claim = item.claim
        key = claim_fact_id(claim)
        figure = figures.get(key)
        if figure is None:
            figure = figures[key] = Figure(
                fact_id=key,
                source=claim.source,
                measure=claim.measure,
                low=claim.low,
                high=claim.high,
                qualifier=claim.qualifier,
                unit=claim.unit,
                per=claim.per,
                period_start=claim.period_start,
                period_end=claim.period_end,
                places=list(claim.places),
            )
        figure.evidence.append(
            Evidence(
                claim.article,
                published.get(item.article_key),
                claim.quote,
                item.figure,
                claim.source_text,
            )
        )
    return list(figures.values())


def load_figures(ledger: Ledger, where: ClaimFilter | None = None) -> list[Figure]:
    """The figures among the claims ``where`` selects, each with its quotes as evidence."""
    published = {row["key"]: row["published"] for row in list_articles(ledger)}
    return figures_from_claims(iter_claims(ledger, where), published)
