"""Reference series in the ledger: a source's own figures, point by point, to hold claims against.

A ``ReferencePoint`` is one figure of a series as its source published it: the General Staff's
running total of Russian personnel losses on 2024-11-10 is
``ReferencePoint("ua-general-staff", "casualties", "person", "RU", 2022-02-24, 2024-11-10,
708890, "approx")``. Its identity is (source, measure, unit, side, period): ``import_points``
stores new points, leaves equal ones alone and replaces a point whose value changed (the source
corrected it), all in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, insert, select, tuple_, update

from warledger.ledger.engine import run_write
from warledger.ledger.schema import reference_points
from warledger.ledger.store import Ledger, utc_now

# Rows read or written per statement: well under SQLite's bound-parameter limit.
_BATCH = 500
_KEY = ("source", "measure", "unit", "side", "period_start", "period_end")


@dataclass(frozen=True, slots=True)
class ReferencePoint:
    """One figure of a reference series: ``value`` of ``measure`` in ``unit`` for ``side``.

    ``period_start``..``period_end`` is the time the value covers: a running total since the
    full-scale invasion starts on 2022-02-24 and ends on the day it was published for; a daily
    count starts and ends on its day. ``series`` names the column or file it was read from.
    """

    source: str
    measure: str
    unit: str
    side: str
    period_start: date
    period_end: date
    value: float
    qualifier: str = "exact"
    series: str = ""

    @property
    def key(self) -> tuple[str, str, str, str, date, date]:
        """The point's identity in the ledger."""
        return (
            self.source,
            self.measure,
            self.unit,
            self.side,
            self.period_start,
            self.period_end,
        )

    @property
    def is_running_total(self) -> bool:
        """True for a total since the start of the full-scale invasion (2022-02-24)."""
        return self.period_start == RUNNING_TOTAL_START and self.period_end > self.period_start


RUNNING_TOTAL_START = date(2022, 2, 24)


@dataclass(slots=True)
class ImportedPoints:
    """What importing a batch of points did: new, changed (corrected) and unchanged points."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        """Points read."""
        return self.new + self.changed + self.unchanged

    def __iadd__(self, other: ImportedPoints) -> ImportedPoints:
        self.new += other.new
        self.changed += other.changed
        self.unchanged += other.unchanged
        return self


def import_points(
    ledger: Ledger, points: Iterable[ReferencePoint], imported_from: str
) -> ImportedPoints:
    """Store ``points`` in one transaction: new ones added, corrected ones replaced.

    A point given twice in ``points`` counts once, with its last value.
    """
    latest: dict[tuple[Any, ...], ReferencePoint] = {}
    for point in points:
        latest[point.key] = point
    return run_write(
        ledger.engine,
        lambda connection: _import(connection, list(latest.values()), imported_from),
        ledger.name,
    )


def _import(
    connection: Connection, points: list[ReferencePoint], imported_from: str
) -> ImportedPoints:
    outcome = ImportedPoints()
    now = utc_now()
    for offset in range(0, len(points), _BATCH):
        batch = points[offset : offset + _BATCH]
        stored = _stored_values(connection, batch)
        fresh = []
        for point in batch:
            found = stored.get(point.key)
            if found is None:
                fresh.append(_row(point, imported_from, now))
                outcome.new += 1
            elif found == (point.value, point.qualifier):
                outcome.unchanged += 1
            else:
                connection.execute(
                    update(reference_points)
                    .where(*(reference_points.c[name] == value for name, value in _pairs(point)))
                    .values(
                        value=point.value,
                        qualifier=point.qualifier,
                        series=point.series,
                        imported_from=imported_from,
                        imported_at=now,
                    )
                )
                outcome.changed += 1
        if fresh:
            connection.execute(insert(reference_points), fresh)
    return outcome


def _pairs(point: ReferencePoint) -> zip[tuple[str, Any]]:
    return zip(_KEY, point.key, strict=True)


def _stored_values(
    connection: Connection, batch: Sequence[ReferencePoint]
) -> dict[tuple[Any, ...], tuple[float, str]]:
    columns = [reference_points.c[name] for name in _KEY]
    query = select(*columns, reference_points.c.value, reference_points.c.qualifier).where(
        tuple_(*columns).in_([point.key for point in batch])
    )
    return {tuple(row[:6]): (row.value, row.qualifier) for row in connection.execute(query)}


def _row(point: ReferencePoint, imported_from: str, now: str) -> dict[str, Any]:
    return {
        "source": point.source,
        "measure": point.measure,
        "unit": point.unit,
        "side": point.side,
        "period_start": point.period_start,
        "period_end": point.period_end,
        "value": point.value,
        "qualifier": point.qualifier,
        "series": point.series,
        "imported_from": imported_from,
        "imported_at": now,
    }


def _matching(column: Any, wanted: str | Sequence[str] | None) -> Any:
    if wanted is None:
        return None
    if isinstance(wanted, str):
        return column == wanted
    return column.in_(list(wanted))


def iter_reference_points(
    ledger: Ledger,
    source: str | Sequence[str] | None = None,
    measure: str | Sequence[str] | None = None,
    unit: str | Sequence[str] | None = None,
    start: date | None = None,
    end: date | None = None,
    side: str | Sequence[str] | None = None,
) -> Iterator[ReferencePoint]:
    """The stored points matching every filter given, by series and then by day.

    ``source``, ``measure``, ``unit`` and ``side`` take one value or several; ``start`` and
    ``end`` bound the day a point holds for (its ``period_end``), both ends included.
    """
    table = reference_points.c
    conditions = [
        condition
        for condition in (
            _matching(table.source, source),
            _matching(table.measure, measure),
            _matching(table.unit, unit),
            _matching(table.side, side),
            table.period_end >= start if start is not None else None,
            table.period_end <= end if end is not None else None,
        )
        if condition is not None
    ]
    query = select(reference_points).order_by(
        table.source, table.measure, table.unit, table.side, table.period_end, table.period_start
    )
    if conditions:
        query = query.where(and_(*conditions))
    with ledger.engine.connect() as connection:
        for row in connection.execute(query):
            yield ReferencePoint(
                source=row.source,
                measure=row.measure,
                unit=row.unit,
                side=row.side,
                period_start=_as_date(row.period_start),
                period_end=_as_date(row.period_end),
                value=row.value,
                qualifier=row.qualifier,
                series=row.series,
            )


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)
