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
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, text

from warledger.cli import main
from warledger.ledger import resolve_target

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
