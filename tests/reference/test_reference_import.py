"""`warledger reference import`: the shared series read into the ledger, once, by unit."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from warledger.ledger import Ledger
from warledger.ledger.reference import iter_reference_points
from warledger.series.readers import read_series

from .conftest import GENSTAFF, MEDIAZONA, ORYX, needs_shared, run_cli


def test_general_staff_series_import_with_counts_then_changes_nothing(tmp_path: Path) -> None:
    needs_shared(GENSTAFF)
    db = str(tmp_path / "ledger.db")
    first = run_cli("reference", "import", str(GENSTAFF), "--db", db)
    assert first.exit_code == 0, first.stderr
    assert "russia_losses_personnel.json: general-staff-personnel, 1,626 points" in first.stdout
    assert "SOURCE.md: skipped" in first.stdout
    again = run_cli("reference", "import", str(GENSTAFF), "--db", db)
    assert again.stdout.splitlines()[-1].endswith("(0 new, 0 changed, 22,313 unchanged)")


def test_general_staff_points_carry_measure_unit_and_running_total_period(tmp_path: Path) -> None:
    needs_shared(GENSTAFF)
    db = str(tmp_path / "ledger.db")
    run_cli("reference", "import", str(GENSTAFF), "--db", db)
    day = date(2024, 11, 10)
    with Ledger(db) as ledger:
        personnel = list(iter_reference_points(ledger, measure="casualties", start=day, end=day))
        tanks = list(iter_reference_points(ledger, unit="tank", start=day, end=day))
    assert [(p.source, p.unit, p.period_start, p.value) for p in personnel] == [
        ("ua-general-staff", "person", date(2022, 2, 24), 708_890)
    ]
    assert personnel[0].qualifier == "approx" and personnel[0].is_running_total
    assert [(p.measure, p.value) for p in tanks] == [("equipment", 9_249)]


def test_a_corrected_file_replaces_the_changed_point(tmp_path: Path) -> None:
    needs_shared(GENSTAFF)
    records = json.loads((GENSTAFF / "russia_losses_personnel.json").read_text())[-3:]
    path = tmp_path / "russia_losses_personnel.json"
    path.write_text(json.dumps(records))
    db = str(tmp_path / "ledger.db")
    run_cli("reference", "import", str(path), "--db", db)
    records[-1]["personnel"] += 10
    path.write_text(json.dumps(records))
    result = run_cli("reference", "import", str(path), "--db", db)
    assert "(0 new, 1 changed, 2 unchanged)" in result.stdout
    with Ledger(db) as ledger:
        values = [point.value for point in iter_reference_points(ledger)]
    assert values[-1] == records[-1]["personnel"] and len(values) == 3


def test_oryx_counts_both_sides_by_equipment_type() -> None:
    needs_shared(ORYX)
    [found] = [f for f in read_series([ORYX]) if f.kind == "oryx-daily-count"]
    assert {point.side for point in found.points} == {"RU", "UA"}
    assert {"tank", "equipment", "armoured fighting vehicle"} <= {p.unit for p in found.points}
    assert {(p.source, p.measure) for p in found.points} == {("oryx", "equipment")}
    assert len({point.key for point in found.points}) == len(found.points)


def test_mediazona_daily_counts_sum_to_a_running_total() -> None:
    needs_shared(MEDIAZONA)
    daily = [f for f in read_series([MEDIAZONA]) if f.path.name.startswith("daily")][0]
    totals = [p for p in daily.points if p.is_running_total]
    days = [p for p in daily.points if p.period_start == p.period_end]
    assert totals[-1].value == sum(p.value for p in days) == 122_640
    assert {(p.source, p.measure, p.unit) for p in daily.points} == {
        ("mediazona", "killed", "person")
    }


def test_a_file_no_reader_knows_is_one_line_and_exit_1(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("a,b\n")
    result = run_cli("reference", "import", str(path), "--db", str(tmp_path / "l.db"))
    assert result.exit_code == 1
    assert result.stderr == f"warledger: {path}: not a reference series warledger reads\n"
