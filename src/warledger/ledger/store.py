"""The ledger: open it (creating or upgrading its schema) and store articles, alone or in batches.

Each article is written in one transaction with its row and all its claims together (and their
facts, ``fact_table``), alone or with the others of a batch, so a process killed at any moment
leaves every article either wholly stored or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from enum import StrEnum
from types import TracebackType

from sqlalchemy import Connection, Engine, delete, insert, literal, select, update
from sqlalchemy.exc import DBAPIError

from warledger.ledger.engine import display_name, make_engine, resolve_target, run_write
from warledger.ledger.errors import LedgerError
from warledger.ledger.fact_table import add_claims, article_outlet, remove_article
from warledger.ledger.identity import article_key, body_hash, fact_id
from warledger.ledger.migrate import ensure_schema
from warledger.ledger.schema import (
    article_versions,
    articles,
    claim_history,
    claim_places,
    claims,
)
from warledger.record import Article, Claim


class Stored(StrEnum):
    """What storing an article did."""

    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


def utc_now() -> str:
    """Now as the ledger writes timestamps: ``2025-01-09T12:00:00Z``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Ledger:
    """A ledger of articles and their claims in SQLite (a file path) or PostgreSQL (a URL).

    ``Ledger()`` opens ``$WARLEDGER_DB`` or ``warledger.db``, creating it if needed.
    """

    def __init__(self, target: str | None = None) -> None:
        self.url = resolve_target(target)
        self.name = display_name(self.url)
        self.engine: Engine = make_engine(self.url)
        try:
            self.schema_version_found = ensure_schema(self.engine, self.name)
        except DBAPIError as error:
            self.engine.dispose()
            raise LedgerError(f"{self.name}: cannot open ({_one_line(error)})") from None
        except LedgerError:
            self.engine.dispose()
            raise

    @property
    def backend(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    def store(self, article: Article, found: list[Claim], ingested_from: str) -> Stored:
        """Store ``article`` and its claims; a changed body replaces its claims, keeping history."""
        return self.store_batch([(article, found, ingested_from)])[0]

    def store_batch(self, batch: Sequence[tuple[Article, list[Claim], str]]) -> list[Stored]:
        """Store each (article, claims, input) in turn, all in one transaction.

        The same as storing them one by one, and cheaper: a commit is about a third of the cost
        of storing one article. A failure stores none of the batch; every article is still
        either wholly stored or not at all.
        """
        return run_write(self.engine, lambda connection: _store_all(connection, batch), self.name)

    def close(self) -> None:
        """Release the ledger's connections."""
        self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _one_line(error: DBAPIError) -> str:
    return " ".join(str(error.orig).split())


class _Pending:
    """The claims rows of a batch's articles, written together: one statement a table for the
    whole batch instead of one an article (most of a store's cost on PostgreSQL is round trips).
    """

    def __init__(self) -> None:
        self.claim_rows: list[dict[str, object]] = []
        self.place_rows: list[dict[str, object]] = []
        self.outlets: dict[str, str | None] = {}

    def add(self, key: str, article: Article, found: list[Claim]) -> None:
        claim_rows, place_rows = _claim_rows(key, article, found)
        self.claim_rows += claim_rows
        self.place_rows += place_rows
        self.outlets[key] = article_outlet(article.outlet, article.url)

    def write(self, connection: Connection) -> None:
        if self.claim_rows:
            connection.execute(insert(claims), self.claim_rows)
        if self.place_rows:
            connection.execute(insert(claim_places), self.place_rows)
        add_claims(connection, self.claim_rows, self.outlets)
        self.claim_rows, self.place_rows, self.outlets = [], [], {}


def _store_all(
    connection: Connection, batch: Sequence[tuple[Article, list[Claim], str]]
) -> list[Stored]:
    """Store each article of ``batch`` in turn, as ``_store`` would one by one."""
    pending = _Pending()
    outcomes = []
    for article, found, source in batch:
        outcomes.append(_store(connection, article, found, source, pending))
    pending.write(connection)
    return outcomes


def _store(
    connection: Connection,
    article: Article,
    found: list[Claim],
    source: str,
    pending: _Pending,
) -> Stored:
    """Write ``article``'s row now and leave its claims in ``pending``."""
    key = article_key(article)
    digest = body_hash(article.text)
    # FOR UPDATE on PostgreSQL: a second writer of the same article waits here, then sees the
    # first one's version. (SQLite's BEGIN IMMEDIATE already serialises writers.)
    current = connection.execute(
        select(articles.c.version, articles.c.body_sha256)
        .where(articles.c.key == key)
        .with_for_update()
    ).first()
    if current is not None and current.body_sha256 == digest:
        return Stored.UNCHANGED
    now = utc_now()
    row = {
        "id": article.id,
        "url": article.url,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published,
        "body": article.text,
        "body_sha256": digest,
        "ingested_at": now,
        "ingested_from": source,
    }
    if current is None:
        connection.execute(
            insert(articles).values(key=key, version=1, first_ingested_at=now, **row)
        )
        outcome = Stored.NEW
    else:
        # The claims it replaces may still be waiting (the same article twice in a batch).
        pending.write(connection)
        _archive(connection, key, current.version, now)
        connection.execute(
            update(articles).where(articles.c.key == key).values(version=current.version + 1, **row)
        )
        outcome = Stored.CHANGED
    pending.add(key, article, found)
    return outcome


def _archive(connection: Connection, key: str, version: int, now: str) -> None:
    """Copy the current version and its claims into the history tables, then drop the claims."""
    kept = [column.name for column in article_versions.columns if column.name != "superseded_at"]
    connection.execute(
        insert(article_versions).from_select(
            [*kept, "superseded_at"],
            select(*(articles.c[name] for name in kept), literal(now).label("superseded_at")).where(
                articles.c.key == key
            ),
        )
    )
    fields = [column.name for column in claim_history.columns if column.name != "version"]
    connection.execute(
        insert(claim_history).from_select(
            [*fields, "version"],
            select(*(claims.c[name] for name in fields), literal(version).label("version")).where(
                claims.c.article_key == key
            ),
        )
    )
    remove_article(connection, key)
    connection.execute(delete(claim_places).where(claim_places.c.article_key == key))
    connection.execute(delete(claims).where(claims.c.article_key == key))


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _claim_rows(
    key: str, article: Article, found: list[Claim]
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """The claims and claim_places rows of ``article``'s claims, with the copies the claims
    queries read: the article's publication day and outlet on each claim, each claim's period on
    its places; and each claim's fact id, from the values as stored (as the facts read back hash
    them).
    """
    body = article.text
    claim_rows: list[dict[str, object]] = []
    place_rows: list[dict[str, object]] = []
    seen: set[tuple[int, int]] = set()
    for claim in found:
        # A claim is (article, start, end): a second figure at the same span is the same claim.
        if (claim.start, claim.end) in seen:
            continue
        seen.add((claim.start, claim.end))
        period_start, period_end = _day(claim.period_start), _day(claim.period_end)
        key_values = (claim.source, claim.measure, claim.low, claim.high, claim.unit, claim.per)
        fact = fact_id(*key_values, _iso(period_start), _iso(period_end), claim.places)
        claim_rows.append(
            {
                "article_key": key,
                "article": claim.article,
                "start": claim.start,
                "end": claim.end,
                "figure": body[claim.start : claim.end],
                "quote": claim.quote,
                "low": claim.low,
                "high": claim.high,
                "qualifier": claim.qualifier,
                "unit": claim.unit,
                "per": claim.per,
                "measure": claim.measure,
                "counted": claim.counted,
                "source": claim.source,
                "source_text": claim.source_text,
                "period_start": period_start,
                "period_end": period_end,
                "places": json.dumps(claim.places, ensure_ascii=False),
                "hedge": claim.hedge,
                "published": article.published,
                "outlet": article.outlet,
                "fact_id": fact,
            }
        )
        place_rows.extend(
            {
                "article_key": key,
                "start": claim.start,
                "end": claim.end,
                "place": place,
                "period_start": period_start,
                "period_end": period_end,
            }
            for place in dict.fromkeys(claim.places)
        )
    return claim_rows, place_rows
