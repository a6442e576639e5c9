"""Latest figure per source: for a measure, each source's claim whose period ends last."""

from __future__ import annotations

import json
from datetime import date

from warledger.ledger import ClaimFilter, Ledger
from warledger.ledger.query import latest_per_source
from warledger.record import Article, Claim

from .conftest import run_cli

# (article id, published, [(figure, measure, source, period_start, period_end)])
REPORTS = [
    (
        "early",
        date(2024, 1, 5),
        [
            ("100", "casualties", "uk-mod", "2023-12-01", "2023-12-31"),
            ("200", "casualties", "ua-gur", None, "2024-01-04"),
            ("300", "killed", "uk-mod", None, "2024-01-04"),
        ],
    ),
    (
        "late",
        date(2024, 3, 2),
        [
            ("400", "casualties", "uk-mod", "2024-02-01", "2024-02-29"),
            ("500", "casualties", "ua-gur", "2023-01-01", "2023-06-30"),
            ("600", "casualties", None, None, "2024-03-01"),
            ("700", "casualties", "ru-mod", None, None),
        ],
    ),
    (
        "restated",
        date(2024, 3, 9),
        # Same end as the late report's uk-mod figure, published later: it wins the tie.
        [("800", "casualties", "uk-mod", "2024-02-15", "2024-02-29")],
    ),
    # A period with only its start: the start stands for the end.
    ("open", date(2024, 1, 20), [("900", "casualties", "ua-gur", "2024-01-10", None)]),
]


def _fill(db: str) -> None:
    with Ledger(db) as ledger:
        for article_id, published, figures in REPORTS:
            body = " ".join(f"They counted {figure} people." for figure, *_ in figures)
            found = []
            for figure, measure, source, start, end in figures:
                offset = body.index(figure)
                found.append(
                    Claim(
                        article=article_id,
                        start=offset,
                        end=offset + len(figure),
                        quote=f"They counted {figure} people.",
                        low=float(figure),
                        high=float(figure),
                        unit="person",
                        measure=measure,
                        source=source,
                        period_start=start,
                        period_end=end,
                    )
                )
            article = Article(article_id, body, published, f"https://x.example/{article_id}")
            ledger.store(article, found, "test")


def test_latest_per_source(ledger_db: str) -> None:
    _fill(ledger_db)
    with Ledger(ledger_db) as ledger:
        latest = latest_per_source(ledger, "casualties")
        assert [(s.claim.source, s.figure) for s in latest] == [
            ("ua-gur", "900"),
            ("uk-mod", "800"),
        ]
        assert all(s.claim.measure == "casualties" for s in latest)
        # Every measure when none is named, ordered by measure then source.
        every = latest_per_source(ledger)
        assert [(s.claim.measure, s.claim.source, s.figure) for s in every] == [
            ("casualties", "ua-gur", "900"),
            ("casualties", "uk-mod", "800"),
            ("killed", "uk-mod", "300"),
        ]
        # The other filters choose the claims first: published up to February leaves the early
        # and open reports, where ua-gur's open period (2024-01-10) is the latest.
        where = ClaimFilter(published_to=date(2024, 2, 1))
        assert [s.figure for s in latest_per_source(ledger, "casualties", where)] == ["900", "100"]
        where = ClaimFilter(sources=("uk-mod",), period_to=date(2024, 1, 31))
        assert [s.figure for s in latest_per_source(ledger, "casualties", where)] == ["100"]
        assert latest_per_source(ledger, "deported") == []


def test_latest_per_source_cli(ledger_db: str) -> None:
    _fill(ledger_db)
    args = ["claims", "--db", ledger_db, "--format", "jsonl", "--latest-per-source"]
    result = run_cli(*args, "--measure", "casualties")
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["source"], r["low"]) for r in records] == [("ua-gur", 900.0), ("uk-mod", 800.0)]
    limited = run_cli(*args, "--measure", "casualties", "--limit", "1")
    assert len(limited.stdout.splitlines()) == 1
    missing = run_cli(*args)
    assert missing.exit_code != 0
    assert "--latest-per-source needs --measure" in missing.stderr
