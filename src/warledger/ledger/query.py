"""Reading the ledger: claims by filter, articles, one article with its claims, totals.

The one place that knows how each backend searches quote text (FTS5 or ``to_tsvector``).
"""

from __future__ import annotations

import dataclasses
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
    Table,
    Text,
    and_,
    column,
    desc,
    literal,
    literal_column,
    or_,
    select,
    text,
    tuple_,
    union_all,
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


def place_matches(column: ColumnElement[str], places: tuple[str, ...]) -> ColumnElement[bool]:
    """``column`` (a place code) is one of ``places``; a country code also matches its regions."""
    matches = []
    for place in (code.strip().upper() for code in places):
        if "-" in place:
            matches.append(column == place)
        else:
            # "UA" and "UA-..." as an index range: "-" sorts just before ".".
            regions = and_(column >= place + "-", column < place + ".")
            matches.append(or_(column == place, regions))
    return or_(*matches)


def _place_condition(where: ClaimFilter) -> ColumnElement[bool]:
    # Driven from the place index: the claims of those places, not every claim tested; the
    # period (copied onto each place) is tested in that index too, before any claim is read.
    placed = select(claim_places.c.article_key, claim_places.c.start, claim_places.c.end)
    placed = placed.where(
        place_matches(claim_places.c.place, where.places),
        *_period_conditions(where, claim_places),
    )
    return tuple_(claims.c.article_key, claims.c.start, claims.c.end).in_(placed)


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


def _conditions(where: ClaimFilter, dialect: str) -> list[ColumnElement[bool]]:
    """The WHERE conditions of ``where`` (over ``claims`` joined to ``articles``)."""
    conditions = kind_conditions(where, claims)
    if where.places:
        conditions.append(_place_condition(where))
    conditions.extend(_period_conditions(where, claims))
    # claims.published is the article's, copied at store time.
    if where.published_from is not None:
        conditions.append(claims.c.published >= where.published_from)
    if where.published_to is not None:
        conditions.append(claims.c.published <= where.published_to)
    conditions.extend(value_conditions(where, claims))
    if where.search:
        conditions.append(_search_condition(dialect, where.search))
    return conditions


def kind_conditions(where: ClaimFilter, table: Table) -> list[ColumnElement[bool]]:
    """The measure and source conditions of ``where`` over ``table`` (claims or facts)."""
    conditions: list[ColumnElement[bool]] = []
    if where.measures:
        conditions.append(table.c.measure.in_(where.measures))
    if where.sources:
        conditions.append(table.c.source.in_(where.sources))
    return conditions


def value_conditions(where: ClaimFilter, table: Table) -> list[ColumnElement[bool]]:
    """The value-range conditions of ``where`` over ``table`` (claims or facts)."""
    # low <= high, so each bound also bounds the other end: the value index then reads only
    # the rows whose low lies within the range.
    conditions: list[ColumnElement[bool]] = []
    if where.min_value is not None:
        conditions.append(table.c.low >= where.min_value)
        conditions.append(table.c.high >= where.min_value)
    if where.max_value is not None:
        conditions.append(table.c.high <= where.max_value)
        conditions.append(table.c.low <= where.max_value)
    return conditions


def _period_conditions(where: ClaimFilter, table: Table) -> list[ColumnElement[bool]]:
    """The period conditions of ``where`` over ``table`` (claims or claim_places)."""
    # An open period end stands for the other end; a claim with no period matches no period.
    conditions: list[ColumnElement[bool]] = []
    if where.period_from is not None:
        conditions.append(_period_end(table) >= where.period_from)
    if where.period_to is not None:
        conditions.append(_period_start(table) <= where.period_to)
    return conditions


def _period_start(table: Table = claims) -> ColumnElement[Any]:
    return sql.coalesce(table.c.period_start, table.c.period_end)


def _period_end(table: Table = claims) -> ColumnElement[Any]:
    return sql.coalesce(table.c.period_end, table.c.period_start)


# Every claims column but the copies of the article's publication day and outlet: rows carry
# the article's own.
_CLAIM_COLUMNS = [
    column
    for column in claims.c
    if column is not claims.c.published and column is not claims.c.outlet
]
# Publication order then text order: claims_listing, claims_published and claims_value hold
# these keys after their filter columns.
_ORDER = (claims.c.published, claims.c.article_key, claims.c.start)


def select_claims(where: ClaimFilter, dialect: str) -> Select[Any]:
    """The SELECT for ``where``, in publication order then text order.

    With a limit, the claims are chosen by id first (filter, order and limit over index keys,
    where the indexes hold them) and only those rows are then read.
    """
    query = select(*_CLAIM_COLUMNS, articles.c.published).join(
        articles, articles.c.key == claims.c.article_key
    )
    conditions = _conditions(where, dialect)
    if where.limit is not None:
        chosen = select(claims.c.claim_id).where(*conditions).order_by(*_ORDER).correlate(None)
        conditions = [claims.c.claim_id.in_(chosen.limit(where.limit))]
    return query.where(*conditions).order_by(*_ORDER)


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


def latest_per_source(
    ledger: Ledger, measure: str | None = None, where: ClaimFilter | None = None
) -> list[StoredClaim]:
    """The latest figure of each source: per (measure, source), the claim whose period ends last.

    ``measure`` (else the filter's measures, else every measure) and the other conditions of
    ``where`` choose the claims; a period's end is its ``period_end``, else its
    ``period_start``. Claims with no named source or no period are left out. Of claims ending on
    the same day the one published last wins (then the later article key and offset). Ordered by
    measure then source; ``where.limit`` caps the number of records.
    """
    chosen = ClaimFilter() if where is None else dataclasses.replace(where)
    if measure is not None:
        chosen.measures = (measure,)
    conditions = [
        *_conditions(chosen, ledger.backend),
        claims.c.source.is_not(None),
        _period_end().is_not(None),
    ]
    pairs = _measure_sources(chosen.measures)
    # Each pair's latest claim: one step down claims_latest_order from its end.
    best = (
        select(claims.c.claim_id)
        .where(claims.c.measure == pairs.c.measure, claims.c.source == pairs.c.source)
        .where(*conditions)
        .order_by(
            desc(_period_end()),
            desc(claims.c.published),
            desc(claims.c.article_key),
            desc(claims.c.start),
        )
        .limit(1)
        .correlate(pairs)
        .scalar_subquery()
    )
    picked = (
        select(best.label("claim_id")).select_from(pairs).where(pairs.c.source.is_not(None))
    ).subquery("picked")
    query = (
        select(*_CLAIM_COLUMNS, articles.c.published)
        .join(picked, picked.c.claim_id == claims.c.claim_id)
        .join(articles, articles.c.key == claims.c.article_key)
        .order_by(claims.c.measure, claims.c.source)
    )
    if chosen.limit is not None:
        query = query.limit(chosen.limit)
    with ledger.engine.connect() as connection:
        return [stored_claim(row) for row in connection.execute(query)]


def _measure_sources(measures: tuple[str, ...]) -> Any:
    """The (measure, source) pairs of ``measures`` (of every measure when empty) that claims
    name, as a recursive CTE that steps from one to the next down the claims indexes (a few
    index reads a pair, not a read of every claim); each measure's last row has source NULL."""

    def after(column: Any, *where: ColumnElement[bool]) -> Any:
        return select(sql.min(column)).where(*where).scalar_subquery()

    if measures:
        named = [select(literal(name, Text).label("measure")) for name in measures]
        wanted: Any = (union_all(*named) if len(named) > 1 else named[0]).subquery("wanted")
    else:
        first = select(after(claims.c.measure).label("measure")).cte("measures", recursive=True)
        wanted = first.union_all(
            select(after(claims.c.measure, claims.c.measure > first.c.measure)).where(
                first.c.measure.is_not(None)
            )
        )
    anchor = select(
        wanted.c.measure,
        after(claims.c.source, claims.c.measure == wanted.c.measure).label("source"),
    ).where(wanted.c.measure.is_not(None))
    pairs = anchor.cte("measure_sources", recursive=True)
    following = after(
        claims.c.source, claims.c.measure == pairs.c.measure, claims.c.source > pairs.c.source
    )
    return pairs.union_all(select(pairs.c.measure, following).where(pairs.c.source.is_not(None)))


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
