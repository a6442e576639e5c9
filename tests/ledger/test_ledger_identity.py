"""Identity: an article is its canonical URL or body hash; ingesting it again adds nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warledger.ledger import Ledger, Stored, article_key, canonical_url, list_articles, totals
from warledger.record import Article

from .conftest import EXAMPLES, run_cli


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("https://example.org/a/1", "https://example.org/a/1"),
        ("HTTPS://Example.ORG/a/1/", "https://example.org/a/1"),
        ("https://example.org:443/a/1#comments", "https://example.org/a/1"),
        ("http://example.org:8080/a", "http://example.org:8080/a"),
        ("https://example.org/a?id=7&utm_source=tg&fbclid=x", "https://example.org/a?id=7"),
        ("https://example.org/", "https://example.org"),
    ],
)
def test_canonical_url_drops_case_ports_fragments_and_tracking(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_article_without_url_is_the_hash_of_its_body() -> None:
    first = Article(id="a.txt", text="Some 300 people left.")
    same_body = Article(id="b.txt", text="Some 300 people left.")
    assert article_key(first) == article_key(same_body)
    assert article_key(first).startswith("sha256:")


def test_article_with_url_is_its_canonical_url() -> None:
    article = Article(id="x", text="body", url="https://Example.org/x/?utm_medium=rss")
    assert article_key(article) == "https://example.org/x"


def test_ingesting_twice_stores_the_same_counts(ingested_examples: str) -> None:
    with Ledger(ingested_examples) as ledger:
        before = totals(ledger)
    again = run_cli("ingest", str(EXAMPLES), "--db", ingested_examples)
    assert again.exit_code == 0, again.stderr
    assert "0 new, 0 changed, 6 unchanged" in again.stdout
    with Ledger(ingested_examples) as ledger:
        after = totals(ledger)
    assert before.articles == after.articles == 6
    assert before == after


def test_same_url_from_two_inputs_is_one_article(ledger_db: str, tmp_path: Path) -> None:
    record = {"id": "r1", "text": "Officials said 12 buses left.", "published": "2024-02-01"}
    first = tmp_path / "first.jsonl"
    second = tmp_path / "second.jsonl"
    first.write_text(json.dumps({**record, "url": "https://x.example/a"}) + "\n")
    second.write_text(json.dumps({**record, "url": "https://X.example/a/#top"}) + "\n")
    with Ledger(ledger_db) as ledger:
        assert run_cli("ingest", str(first), "--db", ledger_db, "-q").exit_code == 0
        assert run_cli("ingest", str(second), "--db", ledger_db, "-q").exit_code == 0
        assert [row["key"] for row in list_articles(ledger)] == ["https://x.example/a"]


def test_store_reports_new_then_unchanged(ledger_db: str) -> None:
    article = Article(id="a", text="About 300 people were called up.", url="https://x.example/1")
    with Ledger(ledger_db) as ledger:
        assert ledger.store(article, [], "test") is Stored.NEW
        assert ledger.store(article, [], "test") is Stored.UNCHANGED
