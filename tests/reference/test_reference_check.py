"""`warledger reference check`: corpus claims held against the General Staff's daily series."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from warledger.ledger import Ledger
from warledger.ledger.reference import ReferencePoint, import_points
from warledger.record import Article, Claim

from .conftest import CORPUS, GENSTAFF, SEEDS, needs_shared, run_cli


@pytest.fixture(scope="module")
def corpus_ledger(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The shared corpus and seeds ingested, with the General Staff series imported."""
    needs_shared(CORPUS, SEEDS, GENSTAFF)
    db = str(tmp_path_factory.mktemp("corpus") / "ledger.db")
    assert run_cli("ingest", str(CORPUS), str(SEEDS), "--db", db, "--quiet").exit_code == 0
    assert run_cli("reference", "import", str(GENSTAFF), "--db", db).exit_code == 0
    return db


def _checked(db: str, *options: str) -> list[dict]:
    result = run_cli("reference", "check", "--db", db, "--format", "json", *options)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_may_2024_personnel_total_matches_the_series_on_its_day(corpus_ledger: str) -> None:
    rows = _checked(corpus_ledger, "--source", "ua-general-staff", "--measure", "casualties")
    totals = [row for row in rows if row["low"] == 473_400]
    assert totals, "the 2024-05-04 personnel total of 025.txt was not checked"
    for row in totals:
        assert row["article"].endswith("025.txt")
        assert (row["status"], row["exact_period_end"], row["exact_value"]) == (
            "match",
            "2024-05-04",
            473_400,
        )
        assert "473 400" in row["quote"]


def test_previous_day_losses_match_the_nearest_reading(corpus_ledger: str) -> None:
    rows = _checked(corpus_ledger, "--source", "ua-general-staff", "--measure", "casualties")
    daily = [row for row in rows if row["low"] == 1_260]
    assert daily
    for row in daily:
        assert row["status"] in ("match", "match_nearby")
        assert row["nearest_value"] == 1_260 and row["nearest_difference"] == 0
        assert row["exact_value"] is not None  # the stored period's own reading, reported too


def test_an_off_claim_reports_absolute_and_relative_difference(corpus_ledger: str) -> None:
    rows = _checked(corpus_ledger, "--source", "ua-general-staff", "--tolerance", "0")
    flagged = [row for row in rows if row["status"] == "off"]
    assert flagged  # "around 500 artillery systems" on 2022-05-02: the series says 459
    for row in flagged:
        assert row["nearest_difference"] != 0
        assert row["nearest_relative"] == pytest.approx(
            row["nearest_difference"] / row["nearest_value"]
        )
        assert row["quote"] and row["article"]


def _exact_ledger(db: str, value: float) -> None:
    body = f"The General Staff said Russia has lost {value:,.0f} troops since the invasion."
    start = body.index(f"{value:,.0f}")
    claim = Claim(
        article="constructed",
        start=start,
        end=start + len(f"{value:,.0f}"),
        quote=body,
        low=value,
        high=value,
        unit="person",
        measure="casualties",
        source="ua-general-staff",
        period_start="2022-02-24",
        period_end="2024-11-10",
    )
    point = ReferencePoint(
        "ua-general-staff",
        "casualties",
        "person",
        "RU",
        date(2022, 2, 24),
        date(2024, 11, 10),
        708_890,
        "approx",
    )
    with Ledger(db) as ledger:
        ledger.store(Article("constructed", body, date(2024, 11, 10)), [claim], "test")
        import_points(ledger, [point], "test")


def test_a_claim_equal_to_the_series_is_never_flagged(tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.db")
    _exact_ledger(db, 708_890)
    [row] = _checked(db, "--tolerance", "0")
    assert row["status"] == "match"
    assert row["exact_difference"] == 0 and row["exact_relative"] == 0


def test_a_claim_ten_off_is_flagged_with_its_difference(tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.db")
    _exact_ledger(db, 708_900)
    [row] = _checked(db, "--tolerance", "0")
    assert row["status"] == "off" and row["exact_difference"] == 10
    [close] = _checked(db)
    assert close["status"] == "close"


@pytest.mark.parametrize("output_format", ["table", "csv"])
def test_check_prints_tables_and_csv(tmp_path: Path, output_format: str) -> None:
    db = str(tmp_path / "ledger.db")
    _exact_ledger(db, 708_890)
    result = run_cli("reference", "check", "--db", db, "--format", output_format)
    assert result.exit_code == 0, result.stderr
    assert "match" in result.stdout and "constructed" in result.stdout
