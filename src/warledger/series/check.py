"""Claims held against their source's own reference series: match, or off by how much.

A claim meets a series on (source, measure, unit). Its period picks the series' value: a running
total ("since the start of the invasion", 2022-02-24 .. D) is the series' total on D; a shorter
period (a day, "the past day") is the difference of the totals at its ends, or the series' own
point for that period (a month of Mediazona's counts). Reports are often "as of yesterday", and a
"past day" period may be read as the day itself or the 24 hours up to the report, so besides the
exact reading the nearest of the neighbouring readings (a day earlier or later, the period's last
day alone) is reported too.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from warledger.ledger import ClaimFilter, Ledger, StoredClaim, iter_claims
from warledger.ledger.reference import RUNNING_TOTAL_START, iter_reference_points

DAY = timedelta(days=1)
STATUSES = ("match", "match_nearby", "close", "off", "no_reference")


@dataclass(frozen=True, slots=True)
class Reading:
    """The series' value for one reading of the claim's period, and the claim's distance from it.

    ``difference`` is claim minus series (0 when the series value lies within the claim's
    range or bound); ``relative`` is that over the series value.
    """

    side: str
    period_start: date
    period_end: date
    value: float
    difference: float
    relative: float | None


@dataclass(slots=True)
class CheckedClaim:
    """One claim and how its series reads on the claim's own period and on the nearest one.

    ``status``: ``match`` (exact period, no difference), ``match_nearby`` (no difference on a
    neighbouring reading, e.g. the day before), ``close`` (within the tolerance), ``off``, or
    ``no_reference`` (the series has no value for any reading of the period).
    """

    stored: StoredClaim
    status: str
    exact: Reading | None
    nearest: Reading | None


@dataclass(slots=True)
class _SeriesIndex:
    """A (source, measure, unit) series by side: its points by period, its running totals."""

    points: dict[str, dict[tuple[date, date], float]]
    totals: dict[str, dict[date, float]]


def _load_index(ledger: Ledger, source: str, measure: str) -> dict[str, _SeriesIndex]:
    by_unit: dict[str, _SeriesIndex] = {}
    for point in iter_reference_points(ledger, source=source, measure=measure):
        index = by_unit.setdefault(point.unit, _SeriesIndex(defaultdict(dict), defaultdict(dict)))
        index.points[point.side][(point.period_start, point.period_end)] = point.value
        if point.period_start == RUNNING_TOTAL_START:
            index.totals[point.side][point.period_end] = point.value
    return by_unit


def series_value(index: _SeriesIndex, side: str, start: date, end: date) -> float | None:
    """The series' value over ``start``..``end``: its own point, else a difference of totals."""
    own = index.points[side].get((start, end))
    if own is not None:
        return own
    totals = index.totals[side]
    if start > RUNNING_TOTAL_START and end in totals and start - DAY in totals:
        return totals[end] - totals[start - DAY]
    return None


def difference(stored: StoredClaim, value: float) -> float:
    """Claim minus ``value``; 0 when ``value`` is within the claim's range or bound."""
    claim = stored.claim
    low, high = claim.low, claim.high
    if claim.qualifier in ("at_least", "more_than"):
        high = math.inf
    elif claim.qualifier in ("at_most", "less_than"):
        low = -math.inf
    if value < low:
        return low - value
    if value > high:
        return high - value
    return 0.0


def _periods(start: date, end: date) -> list[tuple[date, date]]:
    """The claim's own period first, then its neighbouring readings."""
    if start == RUNNING_TOTAL_START:
        return [(start, end), (start, end - DAY), (start, end + DAY)]
    readings = [(start, end), (start - DAY, end - DAY), (start + DAY, end + DAY)]
    if start < end:
        readings.append((end, end))
    return readings


def _readings(
    stored: StoredClaim, index: _SeriesIndex, start: date, end: date
) -> list[list[Reading]]:
    found = []
    for period_start, period_end in _periods(start, end):
        here = []
        for side in sorted(index.points):
            value = series_value(index, side, period_start, period_end)
            if value is None:
                continue
            gap = difference(stored, value)
            relative = gap / value if value else None
            here.append(Reading(side, period_start, period_end, value, gap, relative))
        found.append(here)
    return found


def _closest(readings: Sequence[Reading]) -> Reading | None:
    return min(readings, key=lambda reading: abs(reading.difference), default=None)


def check_claim(stored: StoredClaim, index: _SeriesIndex, tolerance: float) -> CheckedClaim:
    """Hold one claim (with a period end) against its series."""
    claim = stored.claim
    end = date.fromisoformat(claim.period_end or "")
    start = date.fromisoformat(claim.period_start) if claim.period_start else RUNNING_TOTAL_START
    readings = _readings(stored, index, start, end)
    exact = _closest(readings[0])
    nearest = _closest([reading for group in readings for reading in group])
    if nearest is None:
        status = "no_reference"
    elif exact is not None and exact.difference == 0:
        status = "match"
    elif nearest.difference == 0:
        status = "match_nearby"
    elif nearest.relative is not None and abs(nearest.relative) <= tolerance:
        status = "close"
    else:
        status = "off"
    return CheckedClaim(stored, status, exact, nearest)


def check_claims(
    ledger: Ledger,
    source: str | None = None,
    measure: str | None = None,
    tolerance: float = 0.01,
) -> Iterator[CheckedClaim]:
    """Every stored claim that has a reference series (same source, measure and unit) and a
    period end, held against that series; rates (``per``) are left out."""
    where = ClaimFilter(sources=(source,) if source else (), measures=(measure,) if measure else ())
    indexes: dict[tuple[str, str], dict[str, _SeriesIndex]] = {}
    for stored in iter_claims(ledger, where):
        claim = stored.claim
        if claim.source is None or claim.period_end is None or claim.per is not None:
            continue
        key = (claim.source, claim.measure)
        if key not in indexes:
            indexes[key] = _load_index(ledger, *key)
        index = indexes[key].get(claim.unit or "")
        if index is not None:
            yield check_claim(stored, index, tolerance)
