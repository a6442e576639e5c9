"""Compare: the figures different sources give for the same thing, side by side.

Figures cover the same thing when they count the same measure in the same unit, for the same or
a containing place (a country contains its regions; a figure with no place fits any), over the
same time: totals over nearly the same period (the days they share are at least
``PERIOD_MATCH`` of the days either covers), rates over overlapping periods. Totals are compared
with totals and rates with rates (as daily rates: 10,500 a week is 1,500 a day; a count over a
single day is that day's rate). A rate and a total over the same period are also checked against
each other: 1,523 a day over November implies 45,690 for the month.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from warledger.ledger import ClaimFilter, Ledger
from warledger.reconcile.facts import Figure, load_figures
from warledger.reconcile.reference import load_reference_series, reference_figures

DEFAULT_TOLERANCE = 0.1
PERIOD_MATCH = 0.9
FIGURES = "figures"
RATE_VS_TOTAL = "rate-vs-total"


@dataclass(slots=True)
class CompareRow:
    """Figures that cover the same thing, with the value each is compared on.

    ``values[i]`` is ``figures[i]``'s value as compared: a total as is, a rate per day, or (in a
    rate-vs-total row) the total the rate implies. ``spread`` is max/min of those values;
    ``flagged`` says that two sources (or a rate and a total) disagree beyond the tolerance.
    """

    kind: str
    measure: str
    unit: str | None
    period_start: str | None
    period_end: str | None
    figures: list[Figure] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    spread: float | None = None
    flagged: bool = False
    note: str = ""

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(f.source or "(none named)" for f in self.figures))


def _span(figure: Figure) -> tuple[date, date] | None:
    return _span_of(figure.period_start, figure.period_end)


# Comparing n figures tests O(n * rows) pairs, but their periods are few: each parsed once.
@functools.lru_cache(maxsize=4096)
def _span_of(period_start: str | None, period_end: str | None) -> tuple[date, date] | None:
    start = period_start or period_end
    end = period_end or period_start
    if start is None or end is None:
        return None
    return date.fromisoformat(start), date.fromisoformat(end)


def _shared_days(a: Figure, b: Figure) -> tuple[int, int, int]:
    """Days shared by the two periods, and each one's length."""
    return _shared_days_of(a.period_start, a.period_end, b.period_start, b.period_end)


@functools.lru_cache(maxsize=65536)
def _shared_days_of(
    start_a: str | None, end_a: str | None, start_b: str | None, end_b: str | None
) -> tuple[int, int, int]:
    first, second = _span_of(start_a, end_a), _span_of(start_b, end_b)
    if first is None or second is None:
        return 0, 0, 0
    shared = (min(first[1], second[1]) - max(first[0], second[0])).days + 1
    return max(shared, 0), (first[1] - first[0]).days + 1, (second[1] - second[0]).days + 1


def same_period(a: Figure, b: Figure) -> bool:
    """Nearly the same period: the shared days are ``PERIOD_MATCH`` of each one's days."""
    shared, length_a, length_b = _shared_days(a, b)
    return shared > 0 and shared >= PERIOD_MATCH * max(length_a, length_b)


def periods_overlap(a: Figure, b: Figure) -> bool:
    return _shared_days(a, b)[0] > 0


def place_covers(place: str, wanted: str) -> bool:
    """``place`` is ``wanted`` or contains it (``UA`` contains ``UA-65``)."""
    return place == wanted or wanted.startswith(place + "-")


def places_fit(a: list[str], b: list[str]) -> bool:
    """The same or containing places; a figure that names no place fits any."""
    if not a or not b:
        return True
    return any(place_covers(x, y) or place_covers(y, x) for x in a for y in b)


def _compared_value(figure: Figure) -> float:
    if figure.is_rate:
        return figure.per_day(figure.middle) or 0.0
    return figure.middle


def _compared_bounds(figure: Figure) -> tuple[float, float]:
    low, high = figure.bounds()
    if figure.is_rate:
        return figure.per_day(low) or 0.0, figure.per_day(high) or 0.0
    return low, high


def _apart(first: tuple[float, float], second: tuple[float, float], tolerance: float) -> bool:
    """The two ranges are further apart than the tolerance (relative to the smaller value)."""
    (low_a, high_a), (low_b, high_b) = first, second
    lower_high, higher_low = (high_a, low_b) if high_a < low_b else (high_b, low_a)
    if higher_low <= lower_high:
        return False
    if lower_high <= 0:
        return higher_low > 0
    return higher_low / lower_high > 1 + tolerance


def _spread(values: list[float]) -> float | None:
    positive = [value for value in values if value > 0]
    return max(positive) / min(positive) if len(positive) > 1 else None


def _fits(row: CompareRow, figure: Figure) -> bool:
    anchor = row.figures[0]
    if (anchor.measure, anchor.unit, anchor.is_rate) != (
        figure.measure,
        figure.unit,
        figure.is_rate,
    ):
        return False
    # The period before the places: most rows are of other periods, and a period is one cached
    # test where places are one per member (neither has side effects: the answer is the same).
    if not (periods_overlap(anchor, figure) if figure.is_rate else same_period(anchor, figure)):
        return False
    return all(places_fit(member.places, figure.places) for member in row.figures)


def _finish(row: CompareRow, bounds: list[tuple[float, float]], tolerance: float) -> CompareRow:
    row.spread = _spread(row.values)
    starts = [f.period_start or f.period_end for f in row.figures]
    ends = [f.period_end or f.period_start for f in row.figures]
    row.period_start = min((s for s in starts if s), default=None)
    row.period_end = max((e for e in ends if e), default=None)
    pairs = [
        (i, j)
        for i in range(len(row.figures))
        for j in range(i + 1, len(row.figures))
        if row.kind == RATE_VS_TOTAL or row.figures[i].source != row.figures[j].source
    ]
    apart = [(i, j) for i, j in pairs if _apart(bounds[i], bounds[j], tolerance)]
    row.flagged = bool(apart)
    if apart and row.kind == RATE_VS_TOTAL:
        row.note = "the rate over the period does not add up to the total"
    elif apart:
        named = dict.fromkeys(
            f"{_named(row.figures[i])} vs {_named(row.figures[j])}" for i, j in apart
        )
        row.note = "sources disagree: " + "; ".join(named)
    return row


def _named(figure: Figure) -> str:
    value = (
        f"{figure.low:,.0f}"
        if figure.low == figure.high
        else f"{figure.low:,.0f}-{figure.high:,.0f}"
    )
    return f"{figure.source or '(none named)'} {value}{'/' + figure.per if figure.per else ''}"


def _figure_rows(figures: list[Figure], tolerance: float) -> list[CompareRow]:
    rows: list[CompareRow] = []
    for figure in figures:
        row = next((row for row in rows if _fits(row, figure)), None)
        if row is None:
            row = CompareRow(FIGURES, figure.measure, figure.unit, None, None)
            rows.append(row)
        row.figures.append(figure)
        row.values.append(_compared_value(figure))
    return [_finish(row, [_compared_bounds(f) for f in row.figures], tolerance) for row in rows]


def _day_numbers(figure: Figure) -> tuple[int, int]:
    """The first and last day of the figure's period as day numbers (it has a period)."""
    span = _span(figure)
    assert span is not None
    return span[0].toordinal(), span[1].toordinal()


def _rate_total_rows(figures: list[Figure], tolerance: float) -> list[CompareRow]:
    rows = []
    rates = [f for f in figures if f.per is not None and f.days]
    totals = [(f, *_day_numbers(f)) for f in figures if not f.is_rate and f.days]
    done: set[tuple[object, ...]] = set()
    for rate in rates:
        days = rate.days or 0
        first, last = _day_numbers(rate)
        for total, start, end in totals:
            # same_period on day numbers, tested first: every rate meets every total, and most
            # pairs fail it (the tests have no side effects, so their order changes nothing).
            shared = min(last, end) - max(first, start) + 1
            if shared <= 0 or shared < PERIOD_MATCH * max(last - first + 1, end - start + 1):
                continue
            # The same pair of statements about other (fitting) places adds nothing new.
            pair = (_statement(rate), _statement(total))
            if pair in done or (rate.reference and total.reference):
                continue
            if (rate.measure, rate.unit) != (total.measure, total.unit):
                continue
            if not places_fit(rate.places, total.places):
                continue
            done.add(pair)
            low, high = (rate.per_day(bound) or 0.0 for bound in rate.bounds())
            row = CompareRow(RATE_VS_TOTAL, rate.measure, rate.unit, None, None)
            row.figures = [rate, total]
            row.values = [(rate.per_day(rate.middle) or 0.0) * days, total.middle]
            rows.append(_finish(row, [(low * days, high * days), total.bounds()], tolerance))
    return rows


def _statement(figure: Figure) -> tuple[object, ...]:
    return (
        figure.source,
        figure.low,
        figure.high,
        figure.per,
        figure.period_start,
        figure.period_end,
    )


def _about(figures: list[Figure], place: str) -> list[Figure]:
    """Figures about ``place`` or one containing it; reference series (no place) stay."""
    wanted = place.strip().upper()
    return [f for f in figures if f.reference or any(place_covers(p, wanted) for p in f.places)]


def _reference_only(row: CompareRow) -> bool:
    return all(figure.reference for figure in row.figures)


def _period_key(figure: Figure) -> tuple[str, str, str]:
    return (figure.period_end or "", figure.period_start or "", figure.source or "")


def compare_figures(
    figures: Iterable[Figure], place: str | None = None, tolerance: float = DEFAULT_TOLERANCE
) -> list[CompareRow]:
    """Rows of figures that cover the same thing, then rate-vs-total rows, in period order.

    With ``place``, only figures about that place or one containing it take part.
    """
    chosen = [figure for figure in figures if _span(figure) is not None]
    if place:
        chosen = _about(chosen, place)
    chosen.sort(key=_period_key)
    rows = [row for row in _figure_rows(chosen, tolerance) if not _reference_only(row)]
    rows += _rate_total_rows(chosen, tolerance)
    rows.sort(key=lambda row: (row.measure, row.period_end or "", row.period_start or "", row.kind))
    return rows


def compare(
    ledger: Ledger,
    measure: str,
    place: str | None = None,
    period_from: date | None = None,
    period_to: date | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
    extra: Iterable[Figure] = (),
) -> list[CompareRow]:
    """Compare the ledger's figures for ``measure`` (periods overlapping the dates given).

    The ledger's reference series for the measure join each row as their own figure for its
    periods (marked ``reference``); ``extra`` figures take part like the claims.
    """
    where = ClaimFilter(measures=(measure,), period_from=period_from, period_to=period_to)
    figures = [*load_figures(ledger, where), *extra]
    if place:
        figures = _about(figures, place)
    series = load_reference_series(ledger, measure)
    return compare_figures([*figures, *reference_figures(figures, series)], place, tolerance)
