"""A changed body under the same URL replaces the article's claims and keeps the old version."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import create_engine, func, select

from warledger.ledger import Ledger, find_article, resolve_target
from warledger.ledger.schema import article_versions, claim_history

from .conftest import run_cli

URL = "https://news.example.org/losses"
FIRST = "The General Staff said about 700 soldiers were killed on Monday."
SECOND = "The General Staff said about 1,200 soldiers were killed and 300 wounded on Monday."


def _ingest(ledger_db: str, tmp_path: Path, name: str, body: str) -> None:
    path = tmp_path / name
    record = {"id": name, "url": URL, "published": "2024-11-10", "text": body}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = run_cli("ingest", str(path), "--db", ledger_db, "-q")
    assert result.exit_code == 0, result.stderr


def test_changed_body_replaces_claims(ledger_db: str, tmp_path: Path) -> None:
    _ingest(ledger_db, tmp_path, "v1.jsonl", FIRST)
    _ingest(ledger_db, tmp_path, "v2.jsonl", SECOND)
    with Ledger(ledger_db) as ledger:
        stored = find_article(ledger, URL)
    assert stored.version == 2
    assert stored.article.text == SECOND
    figures = [claim.figure for claim in stored.claims]
    assert "1,200" in figures and "700" not in figures
    for claim in stored.claims:
        assert SECOND[claim.claim.start : claim.claim.end] == claim.figure


def test_changed_body_keeps_the_earlier_text_and_claims_as_history(
    ledger_db: str, tmp_path: Path
) -> None:
    _ingest(ledger_db, tmp_path, "v1.jsonl", FIRST)
    _ingest(ledger_db, tmp_path, "v2.jsonl", SECOND)
    engine = create_engine(resolve_target(ledger_db))
    with engine.connect() as connection:
        old = connection.execute(select(article_versions)).one()
        history = connection.execute(select(claim_history.c.version, claim_history.c.figure)).all()
    engine.dispose()
    assert (old.key, old.version, old.body) == (URL, 1, FIRST)
    assert ("700" in {figure for _, figure in history}) and {v for v, _ in history} == {1}


def test_same_body_again_keeps_one_version(ledger_db: str, tmp_path: Path) -> None:
    _ingest(ledger_db, tmp_path, "v1.jsonl", FIRST)
    _ingest(ledger_db, tmp_path, "again.jsonl", FIRST)
    engine = create_engine(resolve_target(ledger_db))
    with engine.connect() as connection:
        kept = connection.execute(select(func.count()).select_from(article_versions)).scalar()
    engine.dispose()
    assert kept == 0
