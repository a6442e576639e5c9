"""Compare: sources side by side, disagreement flagged beyond the tolerance, rates vs totals."""

from __future__ import annotations

import csv
import io
import json

from warledger.ledger import Ledger
from warledger.ledger.query import StoredClaim
from warledger.reconcile import CompareRow, compare, compare_figures, figures_from_claims
from warledger.reconcile.compare import RATE_VS_TOTAL
from warledger.record import Claim

from .conftest import claim, run_cli


def _rows(*claims: Claim, place: str | None = None, tolerance: float = 0.1) -> list[CompareRow]:
    stored = [StoredClaim(c, "", f"article-{i}") for i, c in enumerate(claims)]
    return compare_figures(figures_from_claims(stored), place, tolerance)


def test_two_sources_beyond_the_tolerance_are_flagged_side_by_side() -> None:
    [row] = _rows(claim(low=1000), claim(source="ua-general-staff", low=1500))
    assert row.sources == ["ua-general-staff", "uk-mod"]
    assert row.flagged and row.spread == 1.5
    assert "uk-mod 1,000 vs ua-general-staff 1,500" in row.note.replace(
        "ua-general-staff 1,500 vs uk-mod 1,000", "uk-mod 1,000 vs ua-general-staff 1,500"
    )


def test_two_sources_within_the_tolerance_are_not_flagged() -> None:
    [row] = _rows(claim(low=1000), claim(source="ua-general-staff", low=1080))
    assert not row.flagged and len(row.figures) == 2


def test_a_lower_bound_that_the_other_figure_meets_is_no_disagreement() -> None:
    # "more than 465,000" (UK) and 473,400 (General Staff) agree.
    [row] = _rows(
        claim(low=465_000, qualifier="more_than"), claim(source="ua-general-staff", low=473_400)
    )
    assert not row.flagged


def test_one_source_differing_with_itself_is_not_a_disagreement() -> None:
    [row] = _rows(claim(low=1000), claim(low=2000, places=["UA"]))
    assert not row.flagged


def test_totals_over_different_periods_are_not_compared() -> None:
    rows = _rows(
        claim(low=1000),
        claim(
            source="ua-general-staff", low=5000, period_start="2024-02-01", period_end="2024-02-29"
        ),
    )
    assert [len(row.figures) for row in rows] == [1, 1] and not any(r.flagged for r in rows)


def test_rates_are_compared_as_daily_rates_over_overlapping_periods() -> None:
    [row] = _rows(
        claim(low=1000, per="day"),
        claim(
            source="ua-general-staff",
            low=7700,
            per="week",
            period_start="2024-01-08",
            period_end="2024-01-14",
        ),
    )
    assert sorted(row.values) == [1000.0, 1100.0] and not row.flagged


def test_a_rate_and_a_total_are_not_compared_as_the_same_kind() -> None:
    rows = _rows(
        claim(low=1000, per="day"),
        claim(source="ua-general-staff", low=1000, period_start="2024-01-01"),
    )
    figure_rows = [row for row in rows if row.kind != RATE_VS_TOTAL]
    assert [len(row.figures) for row in figure_rows] == [1, 1]


def test_a_rate_times_the_days_that_matches_the_total_is_consistent() -> None:
    # 1,523 a day over November is 45,690 for the month.
    november = {"period_start": "2024-11-01", "period_end": "2024-11-30", "measure": "casualties"}
    rows = _rows(claim(low=1523, per="day", **november), claim(low=45_680, **november))
    [check] = [row for row in rows if row.kind == RATE_VS_TOTAL]
    assert check.values == [45_690.0, 45_680.0] and not check.flagged


def test_a_rate_that_does_not_add_up_to_the_total_is_flagged() -> None:
    november = {"period_start": "2024-11-01", "period_end": "2024-11-30", "measure": "casualties"}
    rows = _rows(claim(low=1523, per="day", **november), claim(low=30_000, **november))
    [check] = [row for row in rows if row.kind == RATE_VS_TOTAL]
    assert check.flagged and "does not add up" in check.note


def test_a_country_contains_its_regions_but_regions_do_not_contain_each_other() -> None:
    together = _rows(claim(places=["UA"]), claim(source="ua-general-staff", places=["UA-14"]))
    apart = _rows(claim(places=["UA-23"]), claim(source="ua-general-staff", places=["UA-14"]))
    assert len(together) == 1 and len(apart) == 2


def test_place_keeps_figures_about_it_or_a_containing_place() -> None:
    rows = _rows(
        claim(places=["UA"]),
        claim(source="ua-general-staff", places=["UA-14"]),
        claim(source="us-dod", places=["UA-23"]),
        place="UA-14",
    )
    assert [row.sources for row in rows] == [["ua-general-staff", "uk-mod"]]


def test_shared_corpus_uk_and_ukrainian_figures_side_by_side_with_a_real_disagreement(
    reporting_db: str,
) -> None:
    with Ledger(reporting_db) as ledger:
        rows = compare(ledger, "casualties")
    both = [row for row in rows if {"uk-mod", "ua-general-staff"} <= set(row.sources)]
    assert len(both) >= 2
    flagged = [row for row in both if row.flagged and "uk-mod" in row.note]
    assert flagged, [row.note for row in both]
    quotes = [e.quote for row in flagged for f in row.figures for e in f.evidence]
    assert any("1,523 people per day" in quote for quote in quotes)
    assert any("1,350" in quote for quote in quotes)
    assert all(e.article for row in flagged for f in row.figures for e in f.evidence)


def test_compare_cli_formats_carry_the_flag_and_the_quotes(reporting_db: str) -> None:
    args = ["compare", "--db", reporting_db, "--measure", "casualties", "--format"]
    records = json.loads(run_cli(*args, "json").stdout)
    flagged = [r for r in records if r["flagged"]]
    assert flagged and all(f["evidence"][0]["quote"] for r in flagged for f in r["figures"])
    lines = list(csv.DictReader(io.StringIO(run_cli(*args, "csv").stdout)))
    assert {line["figure_source"] for line in lines} >= {"uk-mod", "ua-general-staff"}
    assert all(line["quotes"] for line in lines)
    table = run_cli(*args, "table").stdout
    assert "DISAGREE" in table and f"{len(flagged)} flagged" in table


def test_compare_tolerance_decides_what_is_flagged(reporting_db: str) -> None:
    args = ["compare", "--db", reporting_db, "--measure", "casualties", "--format", "json"]
    strict = json.loads(run_cli(*args, "--tolerance", "0.01").stdout)
    lenient = json.loads(run_cli(*args, "--tolerance", "50").stdout)
    assert sum(r["flagged"] for r in strict) > sum(r["flagged"] for r in lenient) == 0


def test_reference_series_joins_compare_as_a_marked_row_figure(referenced_db: str) -> None:
    with Ledger(referenced_db) as ledger:
        rows = compare(ledger, "casualties", period_from=None)
    november = [
        row
        for row in rows
        if row.kind == RATE_VS_TOTAL
        and any(f.source == "uk-mod" and f.low == 1523 for f in row.figures)
    ]
    [check] = november
    [reference] = [f for f in check.figures if f.reference]
    assert reference.source == "ua-general-staff" and reference.per is None
    assert check.values[0] == 1523 * 30 and not check.flagged  # the series: 45,450
    marked = run_cli(
        "compare", "--db", referenced_db, "--measure", "casualties", "--format", "table"
    )
    assert "(reference)" in marked.stdout
