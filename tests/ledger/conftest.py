"""Ledger test fixtures: a fresh ledger on every backend, the bundled examples, generated batches.

Every test that takes ``ledger_db`` runs on SQLite, and again on PostgreSQL when
``WARLEDGER_TEST_POSTGRES_URL`` names a database the tests may create schemas in.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, select, text, update

from warledger.cli import main
from warledger.ledger import Ledger, resolve_target
from warledger.ledger.identity import fact_id, outlet_name
from warledger.ledger.schema import (
    articles,
    claims,
    fact_months,
    fact_outlets,
    fact_places,
    facts,
    meta,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
POSTGRES_ENV = "WARLEDGER_TEST_POSTGRES_URL"


def _postgres_schema_url(base: str, schema: str) -> str:
    # Each test gets its own schema through the connection's search_path, so tests (and the
    # subprocesses they start) never see each other's tables.
    joiner = "&" if "?" in base else "?"
    return f"{base}{joiner}options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The ``--db`` value of a fresh, empty ledger on each backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "ledger.db")
        return
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} is not set: PostgreSQL ledger tests skipped")
    schema = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(resolve_target(base))
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield _postgres_schema_url(base, schema)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def run_cli(*args: str, env: dict[str, str] | None = None) -> Result:
    """Run ``warledger ARGS`` in-process; stdout and stderr kept apart."""
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


@pytest.fixture
def ingested_examples(ledger_db: str) -> str:
    """A ledger holding the bundled example articles."""
    result = run_cli("ingest", str(EXAMPLES), "--db", ledger_db, "--quiet")
    assert result.exit_code == 0, result.stderr
    return ledger_db


def write_generated_batch(path: Path, count: int) -> Path:
    """A JSONL file of ``count`` distinct articles built from the example reports."""
    bodies = []
    for example in sorted(EXAMPLES.glob("*.txt")):
        text = example.read_text(encoding="utf-8")
        date_line, _, body = text.lstrip().partition("\n")
        bodies.append((date_line.split()[-1], body.strip()))
    with path.open("w", encoding="utf-8") as file:
        for index in range(count):
            published, body = bodies[index % len(bodies)]
            record = {
                "id": f"generated-{index}",
                "url": f"https://news.example.org/generated/{index}",
                "published": published,
                "title": f"Generated report {index}",
                "text": f"Dispatch {index}. {body}",
            }
            file.write(json.dumps(record) + "\n")
    return path


def ingest_process(*args: str) -> subprocess.Popen[str]:
    """``warledger ingest ARGS --quiet`` as its own process."""
    code = "import sys; from warledger.cli import main; sys.exit(main())"
    return subprocess.Popen(
        [sys.executable, "-c", code, "ingest", *args, "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def facts_from_claims(db: str) -> dict[str, Any]:
    """What the fact tables must hold, worked out in Python from the claims as stored: per fact
    id (hashed afresh from each claim's key) its key, citations, articles and seen days; its
    places; its articles per outlet (the outlet, else the URL's host); its citations per
    publication month."""
    key_names = ("source", "measure", "low", "high", "unit", "per")
    found: dict[str, dict[str, Any]] = {}
    places: set[tuple[str, str]] = set()
    months: Counter[tuple[str, str]] = Counter()
    outlets: dict[tuple[str, str], set[str]] = {}
    with Ledger(db) as ledger, ledger.engine.connect() as connection:
        stored = {row.key: row for row in connection.execute(select(articles))}
        for row in connection.execute(select(claims)):
            listed = json.loads(row.places)
            key = [getattr(row, name) for name in key_names]
            fact = fact_id(*key, _iso(row.period_start), _iso(row.period_end), listed)
            assert row.fact_id == fact, "a claim's stored fact id is not its key's"
            entry = found.setdefault(
                fact,
                {
                    "key": (*key, row.period_start, row.period_end, row.places),
                    "citations": 0,
                    "articles": set(),
                    "days": [],
                },
            )
            entry["citations"] += 1
            entry["articles"].add(row.article_key)
            if row.published is not None:
                entry["days"].append(row.published)
            places.update((fact, place) for place in listed)
            months[(fact, row.published.isoformat()[:7] if row.published else "")] += 1
            article = stored[row.article_key]
            assert row.outlet == article.outlet, "a claim's outlet is not its article's"
            outlet = article.outlet
            if outlet is None and article.url is not None:
                outlet = outlet_name(None, article.url) if "://" in article.url else article.url
            if outlet:
                outlets.setdefault((fact, outlet), set()).add(row.article_key)
    expected = {
        fact: (
            *entry["key"],
            entry["citations"],
            len(entry["articles"]),
            min(entry["days"], default=None),
            max(entry["days"], default=None),
        )
        for fact, entry in found.items()
    }
    return {
        "facts": expected,
        "places": places,
        "outlets": {pair: len(keys) for pair, keys in outlets.items()},
        "months": dict(months),
    }


def fact_tables(db: str) -> dict[str, Any]:
    """What the fact tables hold, in the shape of ``facts_from_claims``."""
    with Ledger(db) as ledger, ledger.engine.connect() as connection:
        stored = {row[0]: tuple(row[1:]) for row in connection.execute(select(facts))}
        placed = {tuple(row) for row in connection.execute(select(fact_places))}
        named = {(f, o): n for f, o, n in connection.execute(select(fact_outlets))}
        per_month = {(f, m): n for f, m, n in connection.execute(select(fact_months))}
    return {"facts": stored, "places": placed, "outlets": named, "months": per_month}


def assert_fact_tables_match_claims(db: str) -> int:
    """The fact tables are exactly the claims grouped by fact; the number of facts."""
    expected, held = facts_from_claims(db), fact_tables(db)
    for part in ("facts", "places", "outlets", "months"):
        assert held[part] == expected[part], f"fact table {part} differs from the claims"
    return len(held["facts"])


def downgrade_to_version_3(db: str) -> None:
    """Make a current ledger what version 3 wrote: no fact tables, no ``claims.fact_id`` or
    ``claims.outlet``."""
    engine = create_engine(resolve_target(db))
    with engine.begin() as connection:
        for table in ("fact_months", "fact_outlets", "fact_places", "facts"):
            connection.execute(text(f"DROP TABLE {table}"))
        for index, column in (("claims_fact", "fact_id"), ("claims_outlet", "outlet")):
            connection.execute(text(f"DROP INDEX {index}"))
            connection.execute(text(f"ALTER TABLE claims DROP COLUMN {column}"))
        # Version 3's definitions of the indexes version 4 extends.
        version_3 = {
            "claims_source": "source",
            "claims_measure_period": "measure, period_end, period_start, published, "
            "article_key, start",
        }
        for index, columns in version_3.items():
            connection.execute(text(f"DROP INDEX {index}"))
            connection.execute(text(f"CREATE INDEX {index} ON claims ({columns})"))
        connection.execute(update(meta).values(value="3"))
    engine.dispose()
