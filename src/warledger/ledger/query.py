"""Reading the ledger: claims by filter, articles, one article with its claims, totals.

The one place that knows how each backend searches quote text (FTS5 or ``to_tsvector``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    column,
    desc,
    exists,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy import func as sql

from warledger.ledger.errors import ArticleNotFound, LedgerError
from warledger.ledger.identity import canonical_url
from warledger.ledger.schema import SEARCH_CONFIG, articles, claim_places, claims
from warledger.ledger.store import Ledger
from warledger.record import CLAIM_FIELDS, Article, Claim


@dataclass(slots=True)
class ClaimFilter:
    """Which claims to read; every condition given must hold, an empty one always does.

    Periods match when they overlap ``period_from``..``period_to``; values when the whole of
    ``low``..``high`` lies within ``min_value``..``max_value``; a country code as place also
    matches its regions (``UA`` finds ``UA-65``); ``search`` finds quotes holding every word.
    """

    measures: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    period_from: date | None = None
    period_to: date | None = None
    published_from: date | None = None
    published_to: date | None = None
    min_value: float | None = None
    max_value: float | None = None
    search: str | None = None
    limit: int | None = None


@dataclass(slots=True)
class StoredClaim:
    """A claim as stored: the record, its figure text and the ledger key of its article."""

    claim: Claim
    figure: str
    article_key: str


@dataclass(slots=True)
class StoredArticle:
    """An article as stored, with its identity, version, provenance and claims."""

    key: str
    article: Article
    version: int
    ingested_at: str
    ingested_from: str
    claims: list[StoredClaim] = field(default_factory=list)


@dataclass(slots=True)
class LedgerTotals:
    """How many articles and claims the ledger holds, and claims by measure and by source."""

    articles: int
    claims: int
    by_measure: list[tuple[str, int]]
    by_source: list[tuple[str | None, int]]


def _place_condition(places: tuple[str, ...]) -> ColumnElement[bool]:
    matches = []
    for place in (code.strip().upper() for code in places):
        if "-" in place:
            matches.append(claim_places.c.place == place)
        else:
            # "UA" and "UA-..." as an index range: "-" sorts just before ".".
            regions = and_(claim_places.c.place >= place + "-", claim_places.c.place < place + ".")
            matches.append(or_(claim_places.c.place == place, regions))
    return exists(
        select(literal_column("1")).where(
            claim_places.c.article_key == claims.c.article_key,
            claim_places.c.start == claims.c.start,
            claim_places.c.end == claims.c.end,
            or_(*matches),
        )
    )


def _search_condition(dialect: str, words: str) -> ColumnElement[bool]:
    terms = re.findall(r"\w+", words)
    if not terms:
        raise LedgerError(f"--search {words!r}: no words to search for")
    if dialect == "sqlite":
        phrase = " ".join(f'"{term}"' for term in terms)
        matching = text("SELECT rowid FROM claims_fts WHERE claims_fts MATCH :phrase")
        matching = matching.bindparams(phrase=phrase).columns(column("rowid", Integer))
        return claims.c.claim_id.in_(matching)
    config = literal_column(f"'{SEARCH_CONFIG}'")
    vector = sql.to_tsvector(config, claims.c.quote)
    return vector.bool_op("@@")(sql.plainto_tsquery(config, " ".join(terms)))


def select_claims(where: ClaimFilter, dialect: str) -> Select[Any]:
    """The SELECT for ``where``, in publication order then text order."""
    query = select(claims, articles.c.published).join(
        articles, articles.c.key == claims.c.article_key
    )
    if where.measures:
        query = query.where(claims.c.measure.in_(where.measures))
    if where.sources:
        query = query.where(claims.c.source.in_(where.sources))
    if where.places:
        query = query.where(_place_condition(where.places))
    # An open period end stands for the other end; a claim with no period matches no period.
    starts = sql.coalesce(claims.c.period_start, claims.c.period_end)
    ends = sql.coalesce(claims.c.period_end, claims.c.period_start)
    if where.period_from is not None:
        query = query.where(ends >= where.period_from)
    if where.period_to is not None:
        query = query.where(starts <= where.period_to)
    if where.published_from is not None:
        query = query.where(articles.c.published >= where.published_from)
    if where.published_to is not None:
        query = query.where(articles.c.published <= where.published_to)
    if where.min_value is not None:
        query = query.where(claims.c.low >= where.min_value)
    if where.max_value is not None:
        query = query.where(claims.c.high <= where.max_value)
    if where.search:
        query = query.where(_search_condition(dialect, where.search))
    query = query.order_by(articles.c.published, claims.c.article_key, claims.c.start)
    return query.limit(where.limit) if where.limit is not None else query


def _iso(value: date | str | None) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


def stored_claim(row: Any) -> StoredClaim:
    """A claims row back as the record it was stored from."""
    values = row._mapping
    record = {name: values[name] for name in CLAIM_FIELDS}
    record["places"] = json.loads(record["places"])
    record["period_start"] = _iso(record["period_start"])
    record["period_end"] = _iso(record["period_end"])
    return StoredClaim(Claim(**record), values["figure"], values["article_key"])


def iter_claims(ledger: Ledger, where: ClaimFilter | None = None) -> Iterator[StoredClaim]:
    """Every stored claim matching ``where`` (all claims when None)."""
    query = select_claims(where or ClaimFilter(), ledger.backend)
    with ledger.engine.connect() as connection:
        for row in connection.execute(query):
            yield stored_claim(row)


def list_articles(ledger: Ledger, limit: int | None = None) -> list[dict[str, Any]]:
    """Every article (key, id, url, title, outlet, published, claims, version, ingested_at)."""
    counts = (
        select(claims.c.article_key, sql.count().label("claims"))
        .group_by(claims.c.article_key)
        .subquery()
    )
    query = (
        select(
            articles.c.key,
            articles.c.id,
            articles.c.url,
            articles.c.title,
            articles.c.outlet,
            articles.c.published,
            sql.coalesce(counts.c.claims, 0).label("claims"),
            articles.c.version,
            articles.c.ingested_at,
        )
        .outerjoin(counts, counts.c.article_key == articles.c.key)
        .order_by(articles.c.published, articles.c.id, articles.c.key)
        .limit(limit)
    )
    with ledger.engine.connect() as connection:
        return [
            {**row._mapping, "published": _iso(row.published)} for row in connection.execute(query)
        ]


def find_article(ledger: Ledger, reference: str) -> StoredArticle:
    """The article whose key, URL or id is ``reference`` (the latest ingested, for an id)."""
    candidates = [articles.c.key == reference, articles.c.id == reference]
    if "://" in reference:
        candidates.insert(1, articles.c.key == canonical_url(reference))
    with ledger.engine.connect() as connection:
        for condition in candidates:
            row = connection.execute(
                select(articles).where(condition).order_by(desc(articles.c.ingested_at)).limit(1)
            ).first()
            if row is not None:
                break
        else:
            raise ArticleNotFound(f"{reference}: no such article in {ledger.name}")
        found = StoredArticle(
            key=row.key,
            article=Article(row.id, row.body, row.published, row.url, row.title, row.outlet),
            version=row.version,
            ingested_at=row.ingested_at,
            ingested_from=row.ingested_from,
        )
        query = select(claims, articles.c.published).join(
            articles, articles.c.key == claims.c.article_key
        )
        query = query.where(claims.c.article_key == row.key).order_by(claims.c.start)
        found.claims = [stored_claim(claim) for claim in connection.execute(query)]
    return found


def totals(ledger: Ledger) -> LedgerTotals:
    """The ledger's article and claim counts, and its claims by measure and by source."""

    def grouped(key: Any) -> list[Any]:
        count = sql.count().label("n")
        query = select(key, count).group_by(key).order_by(desc(count), key)
        return [(name, n) for name, n in connection.execute(query)]

    with ledger.engine.connect() as connection:
        n_articles = connection.execute(select(sql.count()).select_from(articles)).scalar_one()
        n_claims = connection.execute(select(sql.count()).select_from(claims)).scalar_one()
        return LedgerTotals(
            n_articles, n_claims, grouped(claims.c.measure), grouped(claims.c.source)
        )
