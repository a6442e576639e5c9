"""The web pages' queries (ledger.browse) answer as the plain readers do: facts pages from the
facts table as from the GROUP BY over the claims; claims counts and facets from the facts
tables, per-source months and latest figures with a place tested claim by claim, as over every
claim the filter selects."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from warledger.ledger import ClaimFilter, Ledger, browse, iter_claims

from .conftest import run_cli, write_generated_batch

FILTERS = [
    ClaimFilter(),
    ClaimFilter(measures=("casualties",)),
    ClaimFilter(places=("UA",)),
    ClaimFilter(measures=("casualties",), places=("UA",), period_from=date(2024, 1, 1)),
    ClaimFilter(
        measures=("casualties", "killed"),
        places=("UA", "RU"),
        period_from=date(2022, 3, 1),
        period_to=date(2024, 6, 30),
    ),
    ClaimFilter(min_value=1000, period_to=date(2024, 12, 31), limit=7),
    # Claim-level: publication days and quote words.
    ClaimFilter(measures=("casualties",), places=("UA",), published_from=date(2024, 5, 1)),
    ClaimFilter(search="killed", period_from=date(2022, 3, 1)),
]


@pytest.fixture
def repeated(ingested_examples: str, tmp_path: Path) -> str:
    """The examples, and copies of them under other URLs: facts cited by several articles."""
    batch = write_generated_batch(tmp_path / "batch.jsonl", 8)
    assert run_cli("ingest", str(batch), "--db", ingested_examples, "-q").exit_code == 0
    return ingested_examples


def test_fact_pages_and_facets_from_the_table_are_the_grouped_ones(
    repeated: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    orders = [(sort, descending) for sort in browse.FACT_SORTS for descending in (False, True)]
    with Ledger(repeated) as ledger:
        answers = {}
        for path in ("table", "grouped"):
            if path == "grouped":
                # Make browse take the GROUP BY path for every filter.
                monkeypatch.setattr(browse, "is_fact_level", lambda where: False)
            pages = [
                browse.page_of_facts(ledger, where, sort, descending, offset, 4, shown=1)
                for where in FILTERS
                for sort, descending in orders
                for offset in (0, 3, 9)
            ]
            facets = [
                browse.fact_facet_counts(ledger, where, facet)
                for where in FILTERS
                for facet in browse.FACT_FACETS
            ]
            answers[path] = (pages, facets)
    assert answers["table"] == answers["grouped"]
    pages, facets = answers["table"]
    assert any(row.article_total > len(row.fact.articles) for page in pages for row in page)
    assert all(facets[: len(browse.FACT_FACETS)])


def test_counts_months_and_latest_figures_are_those_of_the_claims(repeated: str) -> None:
    with Ledger(repeated) as ledger:
        for where in FILTERS:
            _check_claims_queries(ledger, where)


def _check_claims_queries(ledger: Ledger, where: ClaimFilter) -> None:
    every = list(iter_claims(ledger, ClaimFilter(**{**_fields(where), "limit": None})))
    assert browse._count_claims(ledger, where) == len(every)
    for facet in browse.FACETS:
        # From the facts tables for a fact-level filter, as over the claims it selects.
        counted = browse.facet_counts(ledger, where, facet)
        assert counted == browse._facet_counts(ledger, where, facet, 10), facet
    months: dict[tuple[str | None, str, str], list[float]] = defaultdict(list)
    for stored in every:
        claim = stored.claim
        if claim.period_end:
            months[claim.source, claim.measure, claim.period_end[:7]] += [claim.low, claim.high]
    found = browse._source_months(ledger, where)
    assert {(m.source, m.measure, m.month): (m.claims, m.low, m.high) for m in found} == {
        key: (len(values) // 2, min(values[::2]), max(values[1::2]))
        for key, values in months.items()
    }
    latest = browse.latest_figures(ledger, where, 10_000)
    dated = {(s.article_key, s.claim.start) for s in every if s.claim.period_end}
    assert {(row.stored.article_key, row.stored.claim.start) for row in latest} == dated
    ends = [row.stored.claim.period_end for row in latest]
    assert ends == sorted(ends, reverse=True)


def _fields(where: ClaimFilter) -> dict[str, object]:
    return {name: getattr(where, name) for name in where.__slots__}
