"""The ledger's tables, defined once for SQLite and PostgreSQL (SQLAlchemy Core).

``articles`` and ``claims`` hold the current version of every article; ``claim_places`` indexes
each claim's places for fast queries by place; ``article_versions`` and ``claim_history`` keep
every superseded version of an article whose body changed under the same URL; ``meta`` holds the
schema version; ``reference_points`` holds reference series (a source's daily running totals, say)
to hold claims against; ``facts``, ``fact_places``, ``fact_outlets`` and ``fact_months`` hold
every fact (the claims that say the same thing) with its tallies, kept up to date as claims are
stored. Full-text search over quotes is FTS5 on SQLite and a GIN index on PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Connection,
    Date,
    Double,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)

from warledger.ledger.identity import FACT_ID_LENGTH

SCHEMA_VERSION = 4

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)


def _article_columns() -> list[Column]:
    # Timestamps are ISO 8601 UTC text ("2025-01-09T12:00:00Z"): identical on both backends and
    # in every export, where a database-native timestamp would come out differently from each.
    return [
        Column("id", Text, nullable=False),
        Column("url", Text),
        Column("title", Text),
        Column("outlet", Text),
        Column("published", Date),
        Column("body", Text, nullable=False),
        Column("body_sha256", String(64), nullable=False),
        Column("version", Integer, nullable=False),
        Column("ingested_at", Text, nullable=False),
        Column("ingested_from", Text, nullable=False),
    ]


articles = Table(
    "articles",
    metadata,
    Column("key", Text, primary_key=True),
    *_article_columns(),
    Column("first_ingested_at", Text, nullable=False),
    Index("articles_id", "id"),
    Index("articles_published", "published"),
)

article_versions = Table(
    "article_versions",
    metadata,
    Column("key", Text, nullable=False),
    *_article_columns(),
    Column("superseded_at", Text, nullable=False),
    PrimaryKeyConstraint("key", "version"),
)


def _claim_columns() -> list[Column]:
    # Every field of the claim record (record.Claim), plus ``figure`` = body[start:end] so an
    # export can be read without the bodies. ``places`` is the record's list as a JSON array.
    return [
        Column("article", Text, nullable=False),
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
        Column("figure", Text, nullable=False),
        Column("quote", Text, nullable=False),
        Column("low", Double, nullable=False),
        Column("high", Double, nullable=False),
        Column("qualifier", String(16), nullable=False),
        Column("unit", Text),
        Column("per", String(8)),
        Column("measure", Text, nullable=False),
        Column("counted", Text, nullable=False),
        Column("source", Text),
        Column("source_text", Text),
        Column("period_start", Date),
        Column("period_end", Date),
        Column("places", Text, nullable=False),
        Column("hedge", Text),
    ]


# ``published`` is the article's publication day, copied into each of its claims when they are
# stored (an article's claims are only ever written with its row), so the claims queries filter and
# sort by it from claims indexes alone: ``claims_listing`` serves a measure and source in
# publication order, ``claims_published`` every claim in that order and ``claims_value`` a value
# range with the order's keys, so a limited query reads its page, not every match;
# ``claims_source`` a source's claims in that order (a source's page, version 4).
# ``outlet`` is the article's, copied the same way, for the claims pages' outlet facet.
# ``fact_id`` is the id of the fact the claim states (identity.claim_fact_id), computed when it is
# stored: ``claims_fact`` finds a fact's claims and, without reading them, its articles in id
# order and its publication days.
claims = Table(
    "claims",
    metadata,
    Column("claim_id", Integer, primary_key=True, autoincrement=True),
    Column("article_key", Text, ForeignKey("articles.key", ondelete="CASCADE"), nullable=False),
    *_claim_columns(),
    Column("published", Date),
    Column("outlet", Text),
    Column("fact_id", String(FACT_ID_LENGTH)),
    UniqueConstraint("article_key", "start", "end", name="claims_identity"),
    Index("claims_measure", "measure"),
    Index("claims_source", "source", "published", "article_key", "start"),
    Index("claims_period", "period_start", "period_end"),
    Index("claims_value", "low", "high", "published", "article_key", "start"),
    Index("claims_listing", "measure", "source", "published", "article_key", "start"),
    Index("claims_published", "published", "article_key", "start"),
    Index("claims_fact", "fact_id", "article", "article_key", "published"),
    Index("claims_outlet", "outlet"),
)

# Indexes for the claims queries at scale (benchmarks/bench_ledger.py). They are not part of the
# schema version: a ledger without them reads the same, only slower, and opening it adds them.
# ``claims_latest_order`` serves each source's latest claim (query.latest_per_source): by
# measure and source, the latest period end (an open end stands for the other end), then the
# latest published, article key and offset.
QUERY_INDEXES = (
    Index(
        "claims_latest_order",
        claims.c.measure,
        claims.c.source,
        func.coalesce(claims.c.period_end, claims.c.period_start),
        claims.c.published,
        claims.c.article_key,
        claims.c.start,
    ),
    # The web pages (ledger.browse): the other articles citing a figure (measure and value,
    # unit), and a measure's claims latest period first, with the whole claim key (article,
    # start, end) to test their places by claim_places' primary key (version 4 added "end").
    Index(
        "claims_figure",
        claims.c.measure,
        claims.c.low,
        claims.c.high,
        claims.c.unit,
        claims.c.article_key,
    ),
    Index(
        "claims_measure_period",
        claims.c.measure,
        claims.c.period_end,
        claims.c.period_start,
        claims.c.published,
        claims.c.article_key,
        claims.c.start,
        claims.c.end,
    ),
)

# ``period_start``/``period_end`` are the claim's, copied with its places, so a place and period
# filter is read from ``claim_places_place`` alone before any claim is looked up.
claim_places = Table(
    "claim_places",
    metadata,
    Column("article_key", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("place", String(16), nullable=False),
    Column("period_start", Date),
    Column("period_end", Date),
    PrimaryKeyConstraint("article_key", "start", "end", "place"),
    ForeignKeyConstraint(
        ["article_key", "start", "end"],
        ["claims.article_key", "claims.start", "claims.end"],
        ondelete="CASCADE",
    ),
    Index(
        "claim_places_place", "place", "period_start", "period_end", "article_key", "start", "end"
    ),
)

# Facts: one row per fact id, its key (as every claim of it holds it) and its tallies over the
# current claims: ``citations`` (claims), ``article_count`` (articles), ``first_seen`` and
# ``last_seen`` (publication days). Written in the transaction that stores or replaces the claims
# (ledger.fact_table), so it always equals the GROUP BY of the claims by fact key; a fact left
# with no claim is dropped. The indexes serve the facts pages' filters, facets and sorts, and
# with ``citations`` in them the claims pages' measure and source facets.
facts = Table(
    "facts",
    metadata,
    Column("fact_id", String(FACT_ID_LENGTH), primary_key=True),
    Column("source", Text),
    Column("measure", Text, nullable=False),
    Column("low", Double, nullable=False),
    Column("high", Double, nullable=False),
    Column("unit", Text),
    Column("per", String(8)),
    Column("period_start", Date),
    Column("period_end", Date),
    Column("places", Text, nullable=False),
    Column("citations", Integer, nullable=False),
    Column("article_count", Integer, nullable=False),
    Column("first_seen", Date),
    Column("last_seen", Date),
    Index("facts_measure", "measure", "source", "citations"),
    Index("facts_source", "source", "citations"),
    Index("facts_value", "high", "low"),
    Index("facts_period", "period_end", "period_start"),
    Index("facts_first_seen", "first_seen"),
    Index("facts_last_seen", "last_seen"),
    Index("facts_citations", "citations"),
)


def _fact_reference() -> Column[str]:
    """The ``fact_id`` of a row about one fact, deleted with the fact."""
    return Column(
        "fact_id",
        String(FACT_ID_LENGTH),
        ForeignKey("facts.fact_id", ondelete="CASCADE"),
        nullable=False,
    )


# Each fact's distinct places (a fact's key holds them, so they never change): the place facet
# and filter of the facts pages.
fact_places = Table(
    "fact_places",
    metadata,
    _fact_reference(),
    Column("place", String(16), nullable=False),
    PrimaryKeyConstraint("fact_id", "place"),
    Index("fact_places_place", "place", "fact_id"),
)

# The outlets whose articles cite a fact (``identity.fact_outlet``: the outlet, else the URL's
# host), with how many of its articles each: a page names a fact's outlets without reading the
# articles of a fact cited thousands of times.
fact_outlets = Table(
    "fact_outlets",
    metadata,
    _fact_reference(),
    Column("outlet", Text, nullable=False),
    Column("articles", Integer, nullable=False),
    PrimaryKeyConstraint("fact_id", "outlet"),
)

# A fact's citations per publication month (``2024-05``; '' for articles with no publication
# day): the month facet counts a fact once in every month it was cited in.
fact_months = Table(
    "fact_months",
    metadata,
    _fact_reference(),
    Column("month", String(7), nullable=False),
    Column("citations", Integer, nullable=False),
    PrimaryKeyConstraint("fact_id", "month"),
    Index("fact_months_month", "month", "citations"),
)

claim_history = Table(
    "claim_history",
    metadata,
    Column("article_key", Text, nullable=False),
    Column("version", Integer, nullable=False),
    *_claim_columns(),
    PrimaryKeyConstraint("article_key", "version", "start", "end"),
)

# One figure of a reference series: a source's value of a measure (in a unit) for one side over a
# period. A point is its (source, measure, unit, side, period): importing it again with another
# value is the source's correction and replaces it. ``side`` is whose losses or figures they are
# (a country code: "RU" for the General Staff's claimed Russian losses); ``series`` is the
# column or file the point was read from, ``imported_from`` the path.
reference_points = Table(
    "reference_points",
    metadata,
    Column("source", Text, nullable=False),
    Column("measure", Text, nullable=False),
    Column("unit", Text, nullable=False),
    Column("side", String(16), nullable=False),
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("value", Double, nullable=False),
    Column("qualifier", String(16), nullable=False),
    Column("series", Text, nullable=False),
    Column("imported_from", Text, nullable=False),
    Column("imported_at", Text, nullable=False),
    PrimaryKeyConstraint("source", "measure", "unit", "side", "period_start", "period_end"),
    Index("reference_points_day", "measure", "period_end"),
)

# Tables in the order an export writes them and a fresh ledger's rows depend on each other.
TABLES = (meta, articles, claims, claim_places, article_versions, claim_history)

# The quote search. SQLite: an FTS5 index kept by triggers, rowid = claims.claim_id; the porter
# tokenizer stems like PostgreSQL's 'english' configuration, so "conscripts" finds "conscripted"
# on both backends.
_SQLITE_SEARCH = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS claims_fts USING fts5("
    "quote, content='claims', content_rowid='claim_id', tokenize='porter unicode61')",
    "CREATE TRIGGER IF NOT EXISTS claims_fts_insert AFTER INSERT ON claims BEGIN "
    "INSERT INTO claims_fts(rowid, quote) VALUES (new.claim_id, new.quote); END",
    "CREATE TRIGGER IF NOT EXISTS claims_fts_delete AFTER DELETE ON claims BEGIN "
    "INSERT INTO claims_fts(claims_fts, rowid, quote) VALUES ('delete', old.claim_id, old.quote);"
    " END",
    "INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')",
)
_POSTGRES_SEARCH = (
    "CREATE INDEX IF NOT EXISTS claims_quote_search ON claims "
    "USING gin (to_tsvector('english', quote))",
)
SEARCH_CONFIG = "english"


def create_search_index(connection: Connection) -> None:
    """Create (or rebuild) the full-text index over claim quotes for this backend."""
    statements = _SQLITE_SEARCH if connection.dialect.name == "sqlite" else _POSTGRES_SEARCH
    for statement in statements:
        connection.exec_driver_sql(statement)
