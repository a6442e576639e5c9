"""Checks: each fires on the case it is for, with its evidence, and stays quiet otherwise."""

from __future__ import annotations

import json

from warledger.ledger import Ledger, iter_claims
from warledger.ledger.query import StoredClaim
from warledger.reconcile import Finding, check_ledger, figures_from_claims, run_checks
from warledger.record import Claim

from .conftest import claim, run_cli


def _check(name: str, *claims: Claim) -> list[Finding]:
    stored = [StoredClaim(c, "", f"article-{i}") for i, c in enumerate(claims)]
    return run_checks(figures_from_claims(stored), [name])


def _total(value: float, end: str, **fields: object) -> Claim:
    return claim(
        measure="casualties", low=value, period_start="2022-02-24", period_end=end, **fields
    )


def _real(db: str, name: str) -> list[Finding]:
    with Ledger(db) as ledger:
        return check_ledger(ledger, checks=[name])


# decreasing-total


def test_running_total_that_falls_later_is_flagged_with_both_figures() -> None:
    [finding] = _check(
        "decreasing-total", _total(473_400, "2024-05-04"), _total(465_000, "2024-06-01")
    )
    assert [f.low for f in finding.figures] == [473_400, 465_000]
    assert finding.figures[1].evidence[0].quote


def test_running_totals_that_rise_or_are_about_other_places_are_not_flagged() -> None:
    assert not _check(
        "decreasing-total",
        _total(24_000, "2022-05-02"),
        _total(473_400, "2024-05-04"),
        _total(465_000, "2024-06-01", qualifier="more_than"),
        _total(5_000, "2024-07-01", places=["UA-14"]),
        _total(1_000, "2024-08-01", source="ua-general-staff"),
    )


def test_real_running_totals_in_the_corpus_only_rise(corpus_db: str) -> None:
    with Ledger(corpus_db) as ledger:
        totals = [
            f
            for f in figures_from_claims(iter_claims(ledger))
            if f.is_running_total and f.source == "ua-general-staff" and f.measure == "casualties"
        ]
    assert len({f.period_end for f in totals}) >= 2  # the check had something to look at
    assert not _real(corpus_db, "decreasing-total")


# wrong-originator


def test_same_figure_credited_to_two_originators_is_flagged_with_the_relay() -> None:
    relayed = "The UK said, citing Ukrainian General Staff data, that 5,000 were killed."
    findings = _check(
        "wrong-originator",
        claim(low=5000, source="uk-mod", quote=relayed),
        claim(low=5000, source="ua-general-staff", quote="The General Staff said 5,000 died."),
    )
    [finding] = findings
    assert "uk-mod" in finding.message and "ua-general-staff" in finding.message
    assert "relays ua-general-staff" in finding.message


def test_same_value_for_another_period_or_from_one_government_is_not_flagged() -> None:
    assert not _check(
        "wrong-originator",
        claim(low=5000, source="uk-mod"),
        claim(low=5000, source="ua-general-staff", period_end="2024-02-29"),
        claim(low=5000, source="uk-gov", start=40),
    )


def test_real_corpus_has_no_wrong_originator_between_unrelated_sources(corpus_db: str) -> None:
    # The corpus credits "more than a quarter" to both the UK government and its MoD: one body.
    assert not _real(corpus_db, "wrong-originator")


# outlier


def test_a_figure_far_off_its_sources_trend_is_an_outlier() -> None:
    days = [f"2024-0{month}-01" for month in range(1, 7)]
    figures = [
        claim(low=v, period_start=d, period_end=d)
        for v, d in zip((900, 950, 1000, 1050, 980, 20_000), days, strict=True)
    ]
    [finding] = _check("outlier", *figures)
    assert finding.figures[0].low == 20_000 and "typical" in finding.message


def test_a_running_total_jumping_far_beyond_its_daily_increments_is_an_outlier() -> None:
    ends = ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"]
    values = [700_000, 701_000, 702_000, 750_000, 751_000]
    [finding] = _check("outlier", *(_total(v, e) for v, e in zip(values, ends, strict=True)))
    assert [f.low for f in finding.figures] == [702_000, 750_000]


def test_a_steady_trend_and_a_steady_running_total_are_not_outliers() -> None:
    days = [f"2024-0{month}-01" for month in range(1, 7)]
    steady = [claim(low=900 + 20 * i, period_start=d, period_end=d) for i, d in enumerate(days)]
    totals = [_total(700_000 + 1_000 * i, f"2024-01-0{i + 1}") for i in range(5)]
    assert not _check("outlier", *steady, *totals)


def test_real_corpus_outliers_carry_their_evidence(corpus_db: str) -> None:
    for finding in _real(corpus_db, "outlier"):
        assert all(f.evidence and f.evidence[0].quote for f in finding.figures)


# relay-mismatch


def test_relayed_figure_differing_from_the_originators_own_is_flagged() -> None:
    relayed = "PAP, citing the daily report of the General Staff, said 1,260 were killed."
    [finding] = _check(
        "relay-mismatch",
        claim(low=1260, source="ua-general-staff", quote=relayed),
        claim(low=1300, source="ua-general-staff", quote="The General Staff said 1,300.", start=50),
    )
    assert finding.source == "ua-general-staff"
    assert [f.low for f in finding.figures] == [1260, 1300]


def test_relayed_figure_equal_to_the_originators_own_is_not_flagged() -> None:
    relayed = "PAP, citing the daily report of the General Staff, said 1,260 were killed."
    assert not _check(
        "relay-mismatch",
        claim(low=1260, source="ua-general-staff", quote=relayed),
        claim(low=1260, source="ua-general-staff", quote="The General Staff said 1,260.", start=50),
        claim(low=9999, source="ua-general-staff", period_end="2024-03-01", start=90),
    )


def test_real_uk_relay_of_ukrainian_data_differs_from_ukraines_own_daily_figure(
    corpus_db: str,
) -> None:
    # 012.txt: "nearly 1,000 ... a day, according to U.K. officials citing data from Ukraine"
    # against "824 Russian troops dying each day, according to Ukrainian updates".
    findings = _real(corpus_db, "relay-mismatch")
    pairs = [sorted(f.low for f in finding.figures) for finding in findings]
    assert [824, 1000] in pairs


def test_real_relay_that_matches_the_originator_is_not_flagged(reporting_db: str) -> None:
    # The PAP relays the General Staff's 473,400, which article 025 reports as the Staff's own.
    findings = _real(reporting_db, "relay-mismatch")
    assert not any(f.low == 473_400 for finding in findings for f in finding.figures)


def test_checks_cli_filters_and_formats(corpus_db: str) -> None:
    args = ["checks", "--db", corpus_db]
    records = [json.loads(line) for line in run_cli(*args, "--format", "jsonl").stdout.splitlines()]
    assert records and all(r["figures"][0]["evidence"] for r in records)
    assert json.loads(run_cli(*args, "--format", "json").stdout) == records
    assert not run_cli(*args, "--source", "nobody", "--format", "jsonl").stdout
    assert "findings" in run_cli(*args, "--format", "table").stdout
    assert run_cli(*args, "--format", "csv").stdout.startswith("check,source,measure,message")
