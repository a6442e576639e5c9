"""New articles in bulk, one transaction a batch: for generated ledgers (benchmarks, tests).

``Ledger.store`` looks each article up and commits it on its own, which a crash-safe ingest of
real inputs needs; ``store_new_batch`` inserts a batch of articles known to be new (a key that
exists already fails the whole batch) with the same rows, in three multi-row INSERTs, and adds
the batch's claims to their facts.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, insert

from warledger.ledger.engine import run_write
from warledger.ledger.fact_table import add_claims, article_outlet
from warledger.ledger.identity import article_key, body_hash
from warledger.ledger.schema import articles, claim_places, claims
from warledger.ledger.store import Ledger, _claim_rows, utc_now
from warledger.record import Article, Claim


def store_new_batch(
    ledger: Ledger, batch: Iterable[tuple[Article, list[Claim]]], ingested_from: str
) -> int:
    """Insert every (article, claims) pair of ``batch`` in one transaction; the claims stored."""
    now = utc_now()
    article_rows: list[dict[str, object]] = []
    claim_rows: list[dict[str, object]] = []
    place_rows: list[dict[str, object]] = []
    outlets: dict[str, str | None] = {}
    for article, found in batch:
        key = article_key(article)
        outlets[key] = article_outlet(article.outlet, article.url)
        article_rows.append(
            {
                "key": key,
                "id": article.id,
                "url": article.url,
                "title": article.title,
                "outlet": article.outlet,
                "published": article.published,
                "body": article.text,
                "body_sha256": body_hash(article.text),
                "version": 1,
                "ingested_at": now,
                "ingested_from": ingested_from,
                "first_ingested_at": now,
            }
        )
        rows, places = _claim_rows(key, article, found)
        claim_rows.extend(rows)
        place_rows.extend(places)

    def write(connection: Connection) -> int:
        for table, rows in ((articles, article_rows), (claims, claim_rows)):
            if rows:
                connection.execute(insert(table), rows)
        if place_rows:
            connection.execute(insert(claim_places), place_rows)
        add_claims(connection, claim_rows, outlets)
        return len(claim_rows)

    return run_write(ledger.engine, write, ledger.name)
