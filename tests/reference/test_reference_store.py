"""Reference points in the ledger: stored once, corrected in place, read back by filter."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import create_engine, inspect, select, update

from warledger.ledger import SCHEMA_VERSION, Ledger, resolve_target
from warledger.ledger.reference import (
    ReferencePoint,
    import_points,
    iter_reference_points,
)
from warledger.ledger.schema import meta, reference_points

START = date(2022, 2, 24)


def _personnel(day: int, value: float) -> ReferencePoint:
    return ReferencePoint(
        "ua-general-staff",
        "casualties",
        "person",
        "RU",
        START,
        date(2024, 11, day),
        value,
        "approx",
        "personnel",
    )


POINTS = [_personnel(9, 707_540), _personnel(10, 708_890)]


def test_import_counts_new_points(ledger_db: str) -> None:
    with Ledger(ledger_db) as ledger:
        outcome = import_points(ledger, POINTS, "personnel.json")
        assert (outcome.new, outcome.changed, outcome.unchanged) == (2, 0, 0)
        assert list(iter_reference_points(ledger)) == POINTS


def test_importing_twice_changes_nothing(ledger_db: str) -> None:
    with Ledger(ledger_db) as ledger:
        import_points(ledger, POINTS, "personnel.json")
        again = import_points(ledger, POINTS, "personnel.json")
        assert (again.new, again.changed, again.unchanged) == (0, 0, 2)
        assert len(list(iter_reference_points(ledger))) == 2


def test_a_corrected_point_replaces_the_old_one(ledger_db: str) -> None:
    with Ledger(ledger_db) as ledger:
        import_points(ledger, POINTS, "personnel.json")
        outcome = import_points(ledger, [_personnel(10, 708_900)], "corrected.json")
        assert (outcome.new, outcome.changed) == (0, 1)
        values = [point.value for point in iter_reference_points(ledger)]
    assert values == [707_540, 708_900]


def test_filters_select_by_series_and_day(ledger_db: str) -> None:
    tank = ReferencePoint(
        "ua-general-staff", "equipment", "tank", "RU", START, date(2024, 11, 10), 9_249
    )
    with Ledger(ledger_db) as ledger:
        import_points(ledger, [*POINTS, tank], "genstaff")
        assert list(iter_reference_points(ledger, unit="tank")) == [tank]
        assert list(iter_reference_points(ledger, measure=("casualties",))) == POINTS
        days = iter_reference_points(ledger, measure="casualties", start=date(2024, 11, 10))
        assert list(days) == [POINTS[1]]
        assert list(iter_reference_points(ledger, end=date(2024, 11, 9))) == [POINTS[0]]
        assert list(iter_reference_points(ledger, source="oryx")) == []


def test_version_1_ledger_is_upgraded_in_place(ledger_db: str) -> None:
    # A version 1 ledger is today's without the reference table: make one, then open it.
    with Ledger(ledger_db) as ledger:
        import_points(ledger, POINTS, "personnel.json")
    engine = create_engine(resolve_target(ledger_db))
    with engine.begin() as connection:
        reference_points.drop(connection)
        connection.execute(update(meta).values(value="1"))
    with Ledger(ledger_db) as ledger:
        assert ledger.schema_version_found == 1
        assert list(iter_reference_points(ledger)) == []
        assert import_points(ledger, POINTS, "personnel.json").new == 2
    with engine.connect() as connection:
        assert reference_points.name in inspect(connection).get_table_names()
        version = connection.execute(select(meta.c.value)).scalar_one()
    engine.dispose()
    assert version == str(SCHEMA_VERSION)


@pytest.mark.parametrize("count", [1_200])
def test_large_batches_are_stored_whole(ledger_db: str, count: int) -> None:
    points = [
        ReferencePoint("mediazona", "killed", "person", "RU", day, day, float(index))
        for index, day in enumerate(date.fromordinal(START.toordinal() + n) for n in range(count))
    ]
    with Ledger(ledger_db) as ledger:
        assert import_points(ledger, points, "daily.json").new == count
        assert import_points(ledger, points, "daily.json").unchanged == count
