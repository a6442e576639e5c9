"""Every claims filter returns exactly the stored claims that satisfy it (and some do)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import pytest

from warledger.ledger import ClaimFilter, Ledger, StoredClaim, iter_claims, list_articles

from .conftest import run_cli

Check = Callable[[StoredClaim, dict[str, date | None]], bool]


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _overlaps(claim: StoredClaim, start: date, end: date) -> bool:
    first = _day(claim.claim.period_start or claim.claim.period_end)
    last = _day(claim.claim.period_end or claim.claim.period_start)
    return first is not None and last is not None and first <= end and last >= start


CASES: list[tuple[str, list[str], Check]] = [
    ("measure", ["--measure", "casualties"], lambda c, _: c.claim.measure == "casualties"),
    (
        "two measures",
        ["--measure", "killed", "--measure", "deported"],
        lambda c, _: c.claim.measure in ("killed", "deported"),
    ),
    ("source", ["--source", "uk-mod"], lambda c, _: c.claim.source == "uk-mod"),
    ("region", ["--place", "UA-09"], lambda c, _: "UA-09" in c.claim.places),
    (
        "country and regions",
        ["--place", "UA"],
        lambda c, _: any(p == "UA" or p.startswith("UA-") for p in c.claim.places),
    ),
    (
        "period overlap",
        ["--from", "2024-01-01", "--to", "2024-06-30"],
        lambda c, _: _overlaps(c, date(2024, 1, 1), date(2024, 6, 30)),
    ),
    (
        "published",
        ["--published-from", "2024-01-01", "--published-to", "2024-12-31"],
        lambda c, p: (
            p[c.article_key] is not None
            and date(2024, 1, 1) <= p[c.article_key] <= date(2024, 12, 31)
        ),
    ),
    (
        "value range",
        ["--min", "1000", "--max", "500000"],
        lambda c, _: c.claim.low >= 1000 and c.claim.high <= 500000,
    ),
    ("search stems", ["--search", "kill"], lambda c, _: "killed" in c.claim.quote.lower()),
    (
        "combined",
        ["--measure", "casualties", "--source", "uk-mod", "--min", "1000"],
        lambda c, _: (
            c.claim.measure == "casualties" and c.claim.source == "uk-mod" and c.claim.low >= 1000
        ),
    ),
]


@pytest.mark.parametrize(("name", "options", "check"), CASES, ids=[case[0] for case in CASES])
def test_claims_filter_returns_exactly_the_matching_claims(
    ingested_examples: str, name: str, options: list[str], check: Check
) -> None:
    with Ledger(ingested_examples) as ledger:
        everything = list(iter_claims(ledger))
        published = {row["key"]: _day(row["published"]) for row in list_articles(ledger)}
    expected = sorted((s.article_key, s.claim.start) for s in everything if check(s, published))
    result = run_cli("claims", "--db", ingested_examples, "--format", "jsonl", *options)
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    keys = {row["id"]: row["key"] for row in list_articles(Ledger(ingested_examples))}
    got = sorted((keys[r["article"]], r["start"]) for r in records)
    assert expected, f"the examples hold no claim for the {name} case"
    if name == "search stems":
        # Stemmed search also finds "kill", "kills", "killing"; every "killed" quote is found.
        assert set(expected) <= set(got)
        assert all("kill" in r["quote"].lower() for r in records)
    else:
        assert got == expected


def test_limit_caps_the_number_of_claims(ingested_examples: str) -> None:
    result = run_cli("claims", "--db", ingested_examples, "--format", "jsonl", "--limit", "3")
    assert len(result.stdout.splitlines()) == 3


def test_search_with_no_words_is_one_clear_error(ingested_examples: str) -> None:
    result = run_cli("claims", "--db", ingested_examples, "--search", "--!")
    assert result.exit_code == 1
    assert result.stderr.startswith("warledger: ") and len(result.stderr.splitlines()) == 1


def test_filter_objects_work_without_the_cli(ingested_examples: str) -> None:
    with Ledger(ingested_examples) as ledger:
        found = list(iter_claims(ledger, ClaimFilter(measures=("casualties",), limit=2)))
    assert len(found) == 2 and all(s.claim.measure == "casualties" for s in found)
