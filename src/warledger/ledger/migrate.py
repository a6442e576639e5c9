"""Schema versions: create a fresh ledger, upgrade an older one in place, refuse a newer one.

The version lives in ``meta`` under ``schema_version``. Each migration takes a ledger from one
version to the next inside the same write transaction as the version bump, so an interrupted
upgrade leaves the ledger exactly as it was.

Version 0 is the pre-release ledger: ``articles`` (key, id, url, title, outlet, published, body,
ingested_at, ingested_from) and ``claims`` (claim_id, article_key and the record's fields, places
as JSON) with no ``meta`` table, no version history, no place index and no search index.
Version 1 has everything but ``reference_points``, which version 2 adds. Version 3 copies each
article's publication day into its claims (``claims.published``) and each claim's period into its
places (``claim_places.period_start``/``period_end``), with the indexes that read them. Version 4
gives each claim its fact id (``claims.fact_id``) and its article's outlet (``claims.outlet``),
orders ``claims_source`` by publication and keeps the facts in tables of their own (``facts``,
``fact_places``, ``fact_outlets``, ``fact_months``), filled from the claims when upgrading.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Index,
    bindparam,
    insert,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy import func as sql
from sqlalchemy.schema import CreateIndex

from warledger.ledger.engine import run_write
from warledger.ledger.errors import LedgerTooNew, LedgerTooOld, NotALedger
from warledger.ledger.fact_table import rebuild
from warledger.ledger.identity import body_hash, fact_id
from warledger.ledger.schema import (
    QUERY_INDEXES,
    SCHEMA_VERSION,
    articles,
    claim_places,
    claims,
    create_search_index,
    fact_months,
    fact_outlets,
    fact_places,
    facts,
    meta,
    metadata,
    reference_points,
)

VERSION_KEY = "schema_version"
# Any constant: PostgreSQL writers opening a fresh ledger at once take turns on it.
_SCHEMA_LOCK = 7_262_019


def read_version(connection: Connection, name: str) -> int | None:
    """The ledger's schema version; 0 for a pre-release ledger; None for an empty database."""
    tables = set(inspect(connection).get_table_names())
    if meta.name in tables:
        value = connection.execute(select(meta.c.value).where(meta.c.key == VERSION_KEY)).scalar()
        if value is None or not value.isdigit():
            raise NotALedger(f"{name}: the meta table holds no schema version")
        return int(value)
    if {articles.name, claims.name} <= tables:
        return 0
    if tables:
        raise NotALedger(f"{name}: the database holds tables but no warledger ledger")
    return None


def ensure_schema(engine: Engine, name: str) -> int:
    """Make the ledger's schema current (create or upgrade it) and return the version found."""
    with engine.connect() as connection:
        found = _check(read_version(connection, name), name)
        complete = found == SCHEMA_VERSION and not _missing_indexes(connection)
    if complete:
        return found
    return run_write(engine, lambda connection: _upgrade(connection, name), name)


def _missing_indexes(connection: Connection) -> bool:
    # Looked up by name: SQLAlchemy's reflection skips expression indexes.
    if connection.dialect.name == "sqlite":
        query = text("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = :name")
    else:
        query = text("SELECT CAST(to_regclass(:name) IS NOT NULL AS integer)")
    return any(
        not connection.execute(query, {"name": index.name}).scalar() for index in QUERY_INDEXES
    )


def _check(version: int | None, name: str) -> int | None:
    if version is not None and version > SCHEMA_VERSION:
        raise LedgerTooNew(
            f"{name}: ledger schema version {version} is newer than this warledger knows "
            f"({SCHEMA_VERSION}); upgrade warledger to open it"
        )
    return version


def _upgrade(connection: Connection, name: str) -> int | None:
    if connection.dialect.name == "postgresql":
        connection.execute(select(sql.pg_advisory_xact_lock(_SCHEMA_LOCK)))
    # Read again inside the write lock: another process may have done the work meanwhile.
    found = _check(read_version(connection, name), name)
    if found is None:
        metadata.create_all(connection)
        create_search_index(connection)
        connection.execute(insert(meta).values(key=VERSION_KEY, value=str(SCHEMA_VERSION)))
        return found
    for version in range(found, SCHEMA_VERSION):
        if version not in MIGRATIONS:
            raise LedgerTooOld(f"{name}: no upgrade from ledger schema version {version}")
        MIGRATIONS[version](connection)
    if found < SCHEMA_VERSION:
        connection.execute(
            update(meta).where(meta.c.key == VERSION_KEY).values(value=str(SCHEMA_VERSION))
        )
    for index in QUERY_INDEXES:
        connection.execute(CreateIndex(index, if_not_exists=True))
    return found


def _add_column(connection: Connection, table_name: str, column: Column) -> None:
    # Added as NULL-able: an added column starts empty and the migration fills it.
    quote = connection.dialect.identifier_preparer.quote
    kind = column.type.compile(dialect=connection.dialect)
    connection.exec_driver_sql(
        f"ALTER TABLE {quote(table_name)} ADD COLUMN {quote(column.name)} {kind}"
    )


def _v0_to_v1(connection: Connection) -> None:
    """Add body hashes, versions, figure texts, the place and search indexes and ``meta``."""
    for column in ("body_sha256", "version", "first_ingested_at"):
        _add_column(connection, articles.name, articles.c[column])
    _add_column(connection, claims.name, claims.c.figure)
    for key, body, ingested_at in connection.execute(
        select(articles.c.key, articles.c.body, articles.c.ingested_at)
    ).all():
        connection.execute(
            update(articles)
            .where(articles.c.key == key)
            .values(body_sha256=body_hash(body), version=1, first_ingested_at=ingested_at)
        )
    body = select(articles.c.body).where(articles.c.key == claims.c.article_key)
    connection.execute(
        update(claims).values(
            figure=sql.substr(
                body.scalar_subquery(), claims.c.start + 1, claims.c.end - claims.c.start
            )
        )
    )
    places = [
        {"article_key": key, "start": start, "end": end, "place": place}
        for key, start, end, listed in connection.execute(
            select(claims.c.article_key, claims.c.start, claims.c.end, claims.c.places)
        )
        for place in dict.fromkeys(json.loads(listed or "[]"))
    ]
    metadata.create_all(connection)
    _create_indexes(connection, (*articles.indexes, *claims.indexes))
    if places:
        connection.execute(insert(claim_places), places)
    create_search_index(connection)
    connection.execute(insert(meta).values(key=VERSION_KEY, value="0"))


def _v1_to_v2(connection: Connection) -> None:
    """Add the ``reference_points`` table (reference series start empty)."""
    reference_points.create(connection, checkfirst=True)


# Version 2's indexes that version 3 defines anew (same name, more columns) or replaces.
_V2_INDEXES = ("claims_value", "claim_places_place", "claims_latest")


def _v2_to_v3(connection: Connection) -> None:
    """Copy publication days into claims and periods into claim_places; rebuild their indexes."""
    # A ledger upgraded from version 0 got today's claim_places with its periods already.
    for table, names in ((claims, ("published",)), (claim_places, ("period_start", "period_end"))):
        for name in names:
            if name not in _column_names(connection, table.name):
                _add_column(connection, table.name, table.c[name])
    published = select(articles.c.published).where(articles.c.key == claims.c.article_key)
    connection.execute(update(claims).values(published=published.scalar_subquery()))
    same_claim = (
        (claims.c.article_key == claim_places.c.article_key)
        & (claims.c.start == claim_places.c.start)
        & (claims.c.end == claim_places.c.end)
    )
    connection.execute(
        update(claim_places).values(
            period_start=select(claims.c.period_start).where(same_claim).scalar_subquery(),
            period_end=select(claims.c.period_end).where(same_claim).scalar_subquery(),
        )
    )
    for name in _V2_INDEXES:
        connection.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
    _create_indexes(connection, (*claims.indexes, *claim_places.indexes))


# Claims given their fact ids a statement at a time when upgrading to version 4.
_BACKFILL_BATCH = 20_000


def _v3_to_v4(connection: Connection) -> None:
    """Give every claim its fact id and its article's outlet, then build the fact tables from
    the claims."""
    for name in ("outlet", "fact_id"):
        if name not in _column_names(connection, claims.name):
            _add_column(connection, claims.name, claims.c[name])
    outlet = select(articles.c.outlet).where(articles.c.key == claims.c.article_key)
    connection.execute(update(claims).values(outlet=outlet.scalar_subquery()))
    _backfill_fact_ids(connection)
    for table in (facts, fact_places, fact_outlets, fact_months):
        table.create(connection, checkfirst=True)
    # Version 3's claims_source was the source alone; version 4's ends in the listing order.
    connection.exec_driver_sql("DROP INDEX IF EXISTS claims_source")
    _create_indexes(connection, claims.indexes)
    rebuild(connection)
    # Defined anew with the claim's end; made again with the query indexes after upgrading.
    connection.exec_driver_sql("DROP INDEX IF EXISTS claims_measure_period")


def _backfill_fact_ids(connection: Connection) -> None:
    """Set ``claims.fact_id`` from each claim's key, in batches of claims by id: the hash is
    Python's (``identity.fact_id``), so it is the id every reader of the ledger computes."""
    key = [claims.c[name] for name in ("source", "measure", "low", "high", "unit", "per")]
    read = select(
        claims.c.claim_id, *key, claims.c.period_start, claims.c.period_end, claims.c.places
    ).order_by(claims.c.claim_id)
    write = (
        update(claims).where(claims.c.claim_id == bindparam("id")).values(fact_id=bindparam("fact"))
    )
    after = 0
    while True:
        batch = connection.execute(
            read.where(claims.c.claim_id > after).limit(_BACKFILL_BATCH)
        ).all()
        if not batch:
            return
        connection.execute(
            write,
            [
                {
                    "id": claim_id,
                    "fact": fact_id(*values, _iso(start), _iso(end), json.loads(places)),
                }
                for claim_id, *values, start, end, places in batch
            ],
        )
        after = batch[-1].claim_id


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _column_names(connection: Connection, table_name: str) -> set[str]:
    return {column["name"] for column in inspect(connection).get_columns(table_name)}


def _create_indexes(connection: Connection, indexes: Iterable[Index]) -> None:
    """Create those of ``indexes`` missing whose columns the ledger has (at this version)."""
    for index in indexes:
        present = _column_names(connection, index.table.name)
        if all(column.name in present for column in index.columns):
            connection.execute(CreateIndex(index, if_not_exists=True))


# Keyed by the version a migration starts from.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {
    0: _v0_to_v1,
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
}
