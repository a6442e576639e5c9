"""A killed ingest leaves whole articles only; two ingests at once never lock out or duplicate;
either way the facts table holds exactly the stored claims."""

from __future__ import annotations

import dataclasses
import json
import signal
import time
from pathlib import Path

from sqlalchemy import create_engine, func, select

from warledger.extract.pipeline import extract_article
from warledger.ledger import Ledger, find_article, list_articles, resolve_target, totals
from warledger.ledger.schema import articles, claims
from warledger.readers import iter_articles

from .conftest import assert_fact_tables_match_claims, ingest_process, write_generated_batch

BATCH = 300


def _stored_articles(db: str) -> int:
    engine = create_engine(resolve_target(db))
    try:
        with engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(articles)).scalar_one()
    except Exception:  # the ledger may not exist yet while the ingest starts
        return 0
    finally:
        engine.dispose()


def _records(found: list) -> list[dict]:
    # Claims at the same span are one claim: the ledger keeps the first.
    kept: dict[tuple[int, int], dict] = {}
    for claim in found:
        kept.setdefault((claim.start, claim.end), dataclasses.asdict(claim))
    return [kept[span] for span in sorted(kept)]


def _expected_claims(batch: Path) -> dict[str, list[dict]]:
    return {
        article.id: _records(extract_article(article)) for article in iter_articles([str(batch)])
    }


def _assert_every_stored_article_is_whole(db: str, expected: dict[str, list[dict]]) -> int:
    with Ledger(db) as ledger:
        rows = list_articles(ledger)
        for row in rows:
            stored = find_article(ledger, row["key"])
            got = [dataclasses.asdict(claim.claim) for claim in stored.claims]
            assert got == expected[row["id"]], f"{row['id']} is not stored whole"
        engine = ledger.engine
        with engine.connect() as connection:
            orphans = connection.execute(
                select(func.count())
                .select_from(claims)
                .where(~claims.c.article_key.in_(select(articles.c.key)))
            ).scalar_one()
    assert orphans == 0
    return len(rows)


def test_kill_9_mid_ingest_leaves_only_whole_articles(ledger_db: str, tmp_path: Path) -> None:
    batch = write_generated_batch(tmp_path / "batch.jsonl", BATCH)
    expected = _expected_claims(batch)
    process = ingest_process(str(batch), "--db", ledger_db)
    deadline = time.monotonic() + 120
    while _stored_articles(ledger_db) < 40 and time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    stored = _assert_every_stored_article_is_whole(ledger_db, expected)
    assert 40 <= stored < BATCH
    assert_fact_tables_match_claims(ledger_db)
    rerun = ingest_process(str(batch), "--db", ledger_db)
    _, errors = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, errors
    assert _assert_every_stored_article_is_whole(ledger_db, expected) == BATCH
    with Ledger(ledger_db) as ledger:
        assert totals(ledger).claims == sum(len(found) for found in expected.values())


def test_two_concurrent_ingests_finish_without_locks_or_duplicates(
    ledger_db: str, tmp_path: Path
) -> None:
    batch = write_generated_batch(tmp_path / "batch.jsonl", 60)
    reverse = tmp_path / "reverse.jsonl"
    reverse.write_text(
        "".join(reversed(batch.read_text(encoding="utf-8").splitlines(keepends=True))),
        encoding="utf-8",
    )
    expected = _expected_claims(batch)
    first = ingest_process(str(batch), "--db", ledger_db)
    second = ingest_process(str(reverse), "--db", ledger_db)
    outputs = [process.communicate(timeout=300) for process in (first, second)]
    for process, (_, errors) in zip((first, second), outputs, strict=True):
        assert process.returncode == 0, errors
        assert "locked" not in errors
    assert _assert_every_stored_article_is_whole(ledger_db, expected) == 60
    assert_fact_tables_match_claims(ledger_db)
    with Ledger(ledger_db) as ledger:
        assert totals(ledger).claims == sum(len(found) for found in expected.values())
    assert all(json.loads(line)["id"] in expected for line in batch.read_text().splitlines())
