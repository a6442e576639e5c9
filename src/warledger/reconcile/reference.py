"""Reference series as figures: what an official series says for the period a claim covers.

A series of running totals (the General Staff's cumulative losses, day by day) gives the total
over any period it spans: the total at its end less the total the day before its start. For
each claim figure compared, ``reference_figures`` adds the series' own figure for the same
period and kind (a total, or a daily rate), and for a rate also the series' total over the
rate's period, so that 1,523 a day over November is held against the month's 45,680.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from warledger.ledger import Ledger
from warledger.ledger.reference import RUNNING_TOTAL_START, ReferencePoint, iter_reference_points
from warledger.reconcile.facts import Figure, fact_id

SeriesKey = tuple[str, str, str, str]


def running_totals(points: Iterable[ReferencePoint]) -> dict[SeriesKey, dict[date, float]]:
    """Each series' running totals by day, keyed by (source, measure, unit, side)."""
    series: dict[SeriesKey, dict[date, float]] = defaultdict(dict)
    for point in points:
        if point.period_start == RUNNING_TOTAL_START:
            series[(point.source, point.measure, point.unit, point.side)][point.period_end] = (
                point.value
            )
    return dict(series)


def _total(days: dict[date, float], start: date, end: date) -> float | None:
    if end not in days:
        return None
    if start <= RUNNING_TOTAL_START:
        return days[end] if start == RUNNING_TOTAL_START else None
    before = days.get(start - timedelta(days=1))
    return None if before is None else days[end] - before


def _figure(key: SeriesKey, start: date, end: date, value: float, per: str | None) -> Figure:
    source, measure, unit, _side = key
    first, last = start.isoformat(), end.isoformat()
    return Figure(
        fact_id=fact_id(source, measure, value, value, unit, per, first, last, []),
        source=source,
        measure=measure,
        low=value,
        high=value,
        qualifier="exact",
        unit=unit,
        per=per,
        period_start=first,
        period_end=last,
        reference=True,
    )


def reference_figures(
    figures: Iterable[Figure], series: dict[SeriesKey, dict[date, float]]
) -> list[Figure]:
    """The series' figures for the periods of ``figures`` (same measure and unit), once each."""
    made: dict[str, Figure] = {}
    for figure in figures:
        if figure.reference or not figure.period_end:
            continue
        start = date.fromisoformat(figure.period_start or figure.period_end)
        end = date.fromisoformat(figure.period_end)
        for key, days in series.items():
            if (key[1], key[2]) != (figure.measure, figure.unit):
                continue
            total = _total(days, start, end)
            if total is None:
                continue
            found = [_figure(key, start, end, total, None)]
            if figure.per is not None:
                daily = total / ((end - start).days + 1)
                found.append(_figure(key, start, end, round(daily, 1), "day"))
            made.update((item.fact_id, item) for item in found)
    return list(made.values())


def load_reference_series(ledger: Ledger, measure: str) -> dict[SeriesKey, dict[date, float]]:
    """The ledger's running-total series for ``measure``."""
    return running_totals(iter_reference_points(ledger, measure=measure))
