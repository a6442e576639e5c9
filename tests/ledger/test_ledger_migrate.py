"""Schema versions: a v0 ledger is upgraded in place; a newer one is refused, never touched."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import (
    Column,
    Date,
    Double,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    insert,
    select,
    update,
)

from warledger.ledger import (
    SCHEMA_VERSION,
    ClaimFilter,
    Ledger,
    LedgerTooNew,
    Stored,
    find_article,
    iter_claims,
    resolve_target,
)
from warledger.ledger.schema import meta
from warledger.record import Article

from .conftest import run_cli

BODY = "The GUR said about 300 people were forcibly called up in Kherson."

# The pre-release (version 0) ledger, as an early warledger wrote it: no meta table.
V0 = MetaData()
Table(
    "articles",
    V0,
    Column("key", Text, primary_key=True),
    Column("id", Text, nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("outlet", Text),
    Column("published", Date),
    Column("body", Text, nullable=False),
    Column("ingested_at", Text, nullable=False),
    Column("ingested_from", Text, nullable=False),
)
Table(
    "claims",
    V0,
    Column("claim_id", Integer, primary_key=True, autoincrement=True),
    Column("article_key", Text, nullable=False),
    *(Column(name, Text) for name in ("article", "quote", "qualifier", "unit", "per", "measure")),
    *(Column(name, Text) for name in ("counted", "source", "source_text", "places", "hedge")),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("low", Double),
    Column("high", Double),
    Column("period_start", Date),
    Column("period_end", Date),
    UniqueConstraint("article_key", "start", "end"),
)


def _make_v0_ledger(db: str) -> None:
    engine = create_engine(resolve_target(db))
    start = BODY.index("300")
    with engine.begin() as connection:
        V0.create_all(connection)
        connection.execute(
            insert(V0.tables["articles"]).values(
                key="https://x.example/gur",
                id="gur-1",
                url="https://x.example/gur",
                published=None,
                body=BODY,
                ingested_at="2024-12-01T00:00:00Z",
                ingested_from="old.jsonl",
            )
        )
        connection.execute(
            insert(V0.tables["claims"]).values(
                article_key="https://x.example/gur",
                article="gur-1",
                start=start,
                end=start + 3,
                quote=BODY,
                low=300,
                high=300,
                qualifier="approx",
                unit="person",
                measure="conscripted",
                counted="people forcibly called up",
                source="ua-gur",
                source_text="GUR",
                places=json.dumps(["UA-65"]),
            )
        )
    engine.dispose()


def _schema_version(db: str) -> str:
    engine = create_engine(resolve_target(db))
    with engine.connect() as connection:
        value = connection.execute(select(meta.c.value).where(meta.c.key == "schema_version"))
        found = value.scalar_one()
    engine.dispose()
    return found


def test_v0_ledger_is_upgraded_in_place(ledger_db: str) -> None:
    _make_v0_ledger(ledger_db)
    with Ledger(ledger_db) as ledger:
        assert ledger.schema_version_found == 0
        stored = find_article(ledger, "gur-1")
        assert [claim.figure for claim in stored.claims] == ["300"]
        by_place = list(iter_claims(ledger, ClaimFilter(places=("UA-65",))))
        by_words = list(iter_claims(ledger, ClaimFilter(search="forcibly called")))
    assert [s.claim.low for s in by_place] == [300] == [s.claim.low for s in by_words]
    assert _schema_version(ledger_db) == str(SCHEMA_VERSION)


def test_upgraded_ledger_takes_new_versions_of_its_articles(ledger_db: str) -> None:
    _make_v0_ledger(ledger_db)
    changed = Article(id="gur-1", text=BODY + " Another 40 fled.", url="https://x.example/gur")
    with Ledger(ledger_db) as ledger:
        assert ledger.store(changed, [], "new.jsonl") is Stored.CHANGED
        assert find_article(ledger, "gur-1").version == 2


def test_newer_ledger_is_refused_with_one_line(ledger_db: str) -> None:
    Ledger(ledger_db).close()
    engine = create_engine(resolve_target(ledger_db))
    with engine.begin() as connection:
        connection.execute(update(meta).values(value=str(SCHEMA_VERSION + 1)))
    engine.dispose()
    with pytest.raises(LedgerTooNew):
        Ledger(ledger_db)
    result = run_cli("claims", "--db", ledger_db)
    assert result.exit_code == 1
    assert "newer than this warledger knows" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert _schema_version(ledger_db) == str(SCHEMA_VERSION + 1)


def test_a_database_of_other_tables_is_not_a_ledger(tmp_path) -> None:
    other = tmp_path / "other.db"
    engine = create_engine(resolve_target(str(other)))
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE notes (body TEXT)")
    engine.dispose()
    result = run_cli("articles", "--db", str(other))
    assert result.exit_code == 1
    assert (
        result.stderr == f"warledger: {other}: the database holds tables but no warledger ledger\n"
    )
