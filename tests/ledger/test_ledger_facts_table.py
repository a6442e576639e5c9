"""The facts table is the claims grouped by fact: after ingest, after a changed article replaces
its claims, after two ingests at once, and after upgrading a version-3 ledger; what reads it
(``iter_facts``, counts, a fact by id) answers as the GROUP BY over the claims does."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect, select

from warledger.extract.pipeline import extract_article
from warledger.ledger import SCHEMA_VERSION, ClaimFilter, Ledger, Stored
from warledger.ledger.facts import (
    Fact,
    count_facts,
    fact_from_row,
    find_fact,
    is_fact_level,
    iter_facts,
    select_facts,
)
from warledger.ledger.schema import meta
from warledger.record import Article

from .conftest import (
    assert_fact_tables_match_claims,
    downgrade_to_version_3,
    fact_tables,
    ingest_process,
    run_cli,
    write_generated_batch,
)

# Filters that only test the fact key (so the facts table answers them).
FACT_LEVEL_FILTERS = [
    ClaimFilter(),
    ClaimFilter(measures=("casualties",)),
    ClaimFilter(sources=("uk-mod", "ua-general-staff")),
    ClaimFilter(places=("UA",)),
    ClaimFilter(period_from=date(2024, 1, 1), period_to=date(2024, 12, 31)),
    ClaimFilter(min_value=100, max_value=50_000),
    ClaimFilter(measures=("casualties",), limit=3),
]


def _grouped(db: str, where: ClaimFilter) -> list[Fact]:
    """The facts as the GROUP BY over the claims ``where`` selects clusters them."""
    with Ledger(db) as ledger, ledger.engine.connect() as connection:
        query = select_facts(where, ledger.backend)
        return [fact_from_row(row) for row in connection.execute(query)]


def _facts(db: str, where: ClaimFilter | None = None) -> list[Fact]:
    with Ledger(db) as ledger:
        return list(iter_facts(ledger, where))


def test_the_facts_table_is_the_claims_grouped_after_ingest(ingested_examples: str) -> None:
    assert assert_fact_tables_match_claims(ingested_examples) > 10


@pytest.mark.parametrize("where", FACT_LEVEL_FILTERS, ids=repr)
def test_facts_read_from_the_table_are_the_grouped_claims(
    ingested_examples: str, where: ClaimFilter
) -> None:
    assert is_fact_level(where)
    from_table = _facts(ingested_examples, where)
    assert from_table == _grouped(ingested_examples, where)
    with Ledger(ingested_examples) as ledger:
        unlimited = dataclasses.replace(where, limit=None)
        assert count_facts(ledger, where) == len(_grouped(ingested_examples, unlimited))


def test_a_claim_level_filter_groups_the_claims(ingested_examples: str) -> None:
    where = ClaimFilter(published_from=date(2024, 1, 1))
    assert not is_fact_level(where)
    assert not is_fact_level(ClaimFilter(search="killed"))
    assert _facts(ingested_examples, where) == _grouped(ingested_examples, where)


def test_a_fact_is_found_by_id_with_every_citation(ingested_examples: str) -> None:
    every = _facts(ingested_examples)
    cited = max(every, key=lambda fact: (fact.citations, fact.fact_id))
    with Ledger(ingested_examples) as ledger:
        assert find_fact(ledger, cited.fact_id) == cited
        hinted = ClaimFilter(measures=(cited.measure,), min_value=cited.low, max_value=cited.high)
        assert find_fact(ledger, cited.fact_id, hinted) == cited
        # A filter the fact's claims fail finds nothing, as among the claims it selects.
        other = ClaimFilter(measures=("no-such-measure",))
        assert find_fact(ledger, cited.fact_id, other) is None
        assert find_fact(ledger, cited.fact_id, ClaimFilter(search="zzzz")) is None
        assert find_fact(ledger, "0123456789ab") is None


URL = "https://news.example.org/losses"
FIRST = "The General Staff said about 700 soldiers were killed in Kherson in October 2024."
SECOND = "The General Staff said about 1,200 soldiers were killed and 300 wounded in October 2024."


def _article(body: str, published: date, url: str = URL) -> Article:
    return Article(id=url.rsplit("/", 1)[-1], text=body, published=published, url=url)


def _store(db: str, article: Article) -> Stored:
    with Ledger(db) as ledger:
        return ledger.store(article, extract_article(article), "test")


def test_a_changed_article_takes_its_old_claims_out_of_the_facts(ledger_db: str) -> None:
    _store(ledger_db, _article(FIRST, date(2024, 11, 10)))
    # The same figure in a second, later article: one fact, two citations.
    other = "https://news.example.org/repeat"
    _store(ledger_db, _article(FIRST, date(2024, 11, 12), other))
    [fact] = [f for f in _facts(ledger_db) if f.low == 700]
    assert (fact.citations, fact.first_seen, fact.last_seen) == (2, "2024-11-10", "2024-11-12")
    # Changed under the same URL, with its outlet named now (the URL's host before).
    changed = dataclasses.replace(_article(SECOND, date(2024, 11, 11)), outlet="Kyiv Post")
    assert _store(ledger_db, changed) is Stored.CHANGED
    assert_fact_tables_match_claims(ledger_db)
    assert [f.outlets for f in _facts(ledger_db) if f.low == 1200] == [["Kyiv Post"]]
    # The 700 fact lost a citation and its first day; the first body's other facts are gone.
    [fact] = [f for f in _facts(ledger_db) if f.low == 700]
    assert (fact.citations, fact.first_seen, fact.last_seen) == (1, "2024-11-12", "2024-11-12")
    assert fact.outlets == ["news.example.org"]
    assert {f.low for f in _facts(ledger_db)} >= {700, 1200, 300}
    # Replaced again by the first body: back where the two stores left it.
    assert _store(ledger_db, _article(FIRST, date(2024, 11, 10))) is Stored.CHANGED
    assert_fact_tables_match_claims(ledger_db)
    assert 1200 not in {f.low for f in _facts(ledger_db)}
    assert _facts(ledger_db) == _grouped(ledger_db, ClaimFilter())


def test_an_article_with_no_publication_day_is_counted_and_taken_out(ledger_db: str) -> None:
    undated = Article(id="undated", text=FIRST, url="https://news.example.org/undated")
    _store(ledger_db, undated)
    _store(ledger_db, _article(FIRST, date(2024, 11, 10)))
    assert_fact_tables_match_claims(ledger_db)
    assert "" in {month for _, month in fact_tables(ledger_db)["months"]}
    _store(ledger_db, dataclasses.replace(undated, text=SECOND))
    assert_fact_tables_match_claims(ledger_db)
    assert _facts(ledger_db) == _grouped(ledger_db, ClaimFilter())


def test_changed_articles_in_bulk_keep_the_facts(ingested_examples: str, tmp_path: Path) -> None:
    batch = write_generated_batch(tmp_path / "batch.jsonl", 12)
    assert run_cli("ingest", str(batch), "--db", ingested_examples, "-q").exit_code == 0
    changed = _changed(batch, tmp_path / "changed.jsonl")
    assert run_cli("ingest", str(changed), "--db", ingested_examples, "-q").exit_code == 0
    assert_fact_tables_match_claims(ingested_examples)
    assert _facts(ingested_examples) == _grouped(ingested_examples, ClaimFilter())


def _changed(batch: Path, path: Path) -> Path:
    """``batch`` with every other article's body changed (a new figure, a later day): stored
    again, each replaces the article's claims."""
    lines = []
    for index, line in enumerate(batch.read_text(encoding="utf-8").splitlines()):
        record = json.loads(line)
        if index % 2 == 0:
            record["text"] = f"Update {index}: 45 soldiers were wounded. " + record["text"]
            record["published"] = "2025-02-01"
        lines.append(json.dumps(record) + "\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_two_ingests_at_once_add_up_in_the_facts(ledger_db: str, tmp_path: Path) -> None:
    # Two batches of other articles stating the same figures, and changed versions of the
    # first batch's articles, stored at once: the same facts written from both sides.
    first = write_generated_batch(tmp_path / "first.jsonl", 40)
    second = tmp_path / "second.jsonl"
    second.write_text(
        first.read_text(encoding="utf-8").replace("generated", "repeated"), encoding="utf-8"
    )
    assert run_cli("ingest", str(first), "--db", ledger_db, "-q").exit_code == 0
    changed = _changed(first, tmp_path / "changed.jsonl")
    processes = [ingest_process(str(path), "--db", ledger_db) for path in (second, changed)]
    for process in processes:
        _, errors = process.communicate(timeout=300)
        assert process.returncode == 0, errors
    assert assert_fact_tables_match_claims(ledger_db) > 10
    assert _facts(ledger_db) == _grouped(ledger_db, ClaimFilter())


# Reflection skips the expression index claims_latest_order, and says so.
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection")
def test_a_version_3_ledger_is_upgraded_with_its_facts(ingested_examples: str) -> None:
    assert SCHEMA_VERSION == 4
    before = _facts(ingested_examples)
    downgrade_to_version_3(ingested_examples)
    with Ledger(ingested_examples) as ledger:
        assert ledger.schema_version_found == 3
        with ledger.engine.connect() as connection:
            version = connection.execute(select(meta.c.value)).scalar_one()
    assert version == "4"
    with Ledger(ingested_examples) as ledger, ledger.engine.connect() as connection:
        indexes = {i["name"]: i["column_names"] for i in inspect(connection).get_indexes("claims")}
    assert indexes["claims_source"] == ["source", "published", "article_key", "start"]
    assert indexes["claims_measure_period"][-1] == "end"
    assert_fact_tables_match_claims(ingested_examples)
    assert _facts(ingested_examples) == before == _grouped(ingested_examples, ClaimFilter())
    # Stored on after the upgrade, new claims join the migrated facts.
    assert _store(ingested_examples, _article(FIRST, date(2024, 11, 10))) is Stored.NEW
    assert_fact_tables_match_claims(ingested_examples)


def test_one_batch_stores_new_changed_and_repeated_articles_as_one_by_one(
    ledger_db: str, tmp_path: Path
) -> None:
    """``store_batch`` defers the claims rows of its articles; an article changed within the
    batch (or stored twice) still replaces what came before it."""
    other = "https://news.example.org/repeat"
    steps = [
        _article(FIRST, date(2024, 11, 10)),
        _article(FIRST, date(2024, 11, 12), other),
        dataclasses.replace(_article(SECOND, date(2024, 11, 11)), outlet="Kyiv Post"),
        _article(SECOND, date(2024, 11, 11), other),
        _article(SECOND, date(2024, 11, 11), other),
        _article(FIRST, date(2024, 11, 10)),
    ]
    items = [(article, extract_article(article), "test") for article in steps]
    with Ledger(ledger_db) as ledger:
        batched = ledger.store_batch(items)
    one_by_one = str(tmp_path / "one-by-one.db")
    with Ledger(one_by_one) as ledger:
        assert batched == [ledger.store(*item) for item in items]
    new, changed, unchanged = Stored.NEW, Stored.CHANGED, Stored.UNCHANGED
    assert batched == [new, new, changed, changed, unchanged, changed]
    assert_fact_tables_match_claims(ledger_db)
    assert _facts(ledger_db) == _facts(one_by_one)
