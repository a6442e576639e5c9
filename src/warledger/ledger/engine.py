"""Connections to a ledger: where it is, SQLite's settings, and write transactions that retry.

SQLite runs in WAL mode (readers never block the writer) with a busy timeout, and every writer
opens its transaction with ``BEGIN IMMEDIATE``: it takes the write lock up front, so two
ingests wait for each other at the start of a transaction instead of failing half-way with
"database is locked" when a read lock cannot be upgraded.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, OperationalError

from warledger.ledger.errors import BadLedgerTarget, LedgerError, MissingDriver

DEFAULT_LEDGER = "warledger.db"
LEDGER_ENV = "WARLEDGER_DB"
BUSY_TIMEOUT_MS = 30_000
WRITE_ATTEMPTS = 8

T = TypeVar("T")

# PostgreSQL's "try again" states: serialization failure and deadlock.
_RETRY_SQLSTATES = frozenset({"40001", "40P01"})


def resolve_target(target: str | None = None) -> str:
    """The ledger's SQLAlchemy URL from ``--db``, else ``$WARLEDGER_DB``, else ``warledger.db``.

    A plain path is an SQLite file; ``postgresql://`` (or ``postgres://``) uses psycopg 3.
    """
    value = target or os.environ.get(LEDGER_ENV) or DEFAULT_LEDGER
    if "://" not in value:
        return "sqlite:///" + str(Path(value).expanduser().absolute())
    scheme, rest = value.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return "postgresql+psycopg://" + rest
    return value


def display_name(url: str) -> str:
    """How messages name the ledger: the file for SQLite, the URL without password otherwise."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def make_engine(url: str) -> Engine:
    """An engine for the ledger at ``url``, with SQLite set up for concurrent writers."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise BadLedgerTarget(f"{url}: not a file path or database URL") from None
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise BadLedgerTarget(f"{url}: only SQLite files and postgresql:// URLs hold a ledger")
    try:
        engine = create_engine(parsed)
    except ModuleNotFoundError as error:
        raise MissingDriver(
            f"{display_name(url)}: the driver {error.name!r} is missing; "
            "pip install 'warledger[postgres]'"
        ) from None
    if backend == "sqlite":
        _set_up_sqlite(engine)
    return engine


def _set_up_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event, not the sqlite3 module, decide how transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        # In WAL mode NORMAL loses no committed transaction when the process is killed; only a
        # power cut may lose the last few, never leaving a half-written one.
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        writer = connection.get_execution_options().get("ledger_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")


def _should_retry(error: DBAPIError) -> bool:
    if isinstance(error, IntegrityError):
        # Two PostgreSQL writers inserting the same new article: the loser retries and then
        # finds the winner's row, so the article is stored once.
        return True
    if isinstance(error, OperationalError) and "locked" in str(error.orig).lower():
        return True
    return getattr(error.orig, "sqlstate", None) in _RETRY_SQLSTATES


def run_write(engine: Engine, work: Callable[[Connection], T], name: str = "ledger") -> T:
    """Run ``work`` in one write transaction, retrying it whole while the database is busy."""
    for attempt in range(WRITE_ATTEMPTS):
        try:
            with engine.connect() as connection:
                connection.execution_options(ledger_write=True)
                with connection.begin():
                    return work(connection)
        except DBAPIError as error:
            if attempt + 1 == WRITE_ATTEMPTS or not _should_retry(error):
                raise LedgerError(f"{name}: {_one_line(error)}") from error
            time.sleep(min(2.0, 0.05 * 2**attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")


def _one_line(error: DBAPIError) -> str:
    return " ".join(str(error.orig).split()) or type(error.orig).__name__
