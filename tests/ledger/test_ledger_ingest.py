"""``warledger ingest``: the summary, bad inputs in a batch, articles stored in batches that
commit as one transaction each, with the same result as one transaction an article."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path

import pytest

from warledger.ledger import Ledger, Stored, ingest, list_articles, totals
from warledger.readers import ReadFailure
from warledger.record import Article, Claim

from .conftest import EXAMPLES, facts_from_claims, run_cli, write_generated_batch


def test_ingest_prints_articles_claims_and_claims_by_measure_and_source(ledger_db: str) -> None:
    result = run_cli("ingest", str(EXAMPLES), "--db", ledger_db)
    assert result.exit_code == 0, result.stderr
    with Ledger(ledger_db) as ledger:
        stored = totals(ledger)
    assert f"{stored.articles} articles and {stored.claims} claims stored" in result.stdout
    assert "claims by measure" in result.stdout and "claims by source" in result.stdout
    assert "casualties" in result.stdout and "uk-mod" in result.stdout


def test_quiet_prints_nothing(ledger_db: str) -> None:
    result = run_cli("ingest", str(EXAMPLES), "--db", ledger_db, "--quiet")
    assert result.exit_code == 0
    assert result.stdout == "" and result.stderr == ""


def test_bad_inputs_are_one_line_each_and_the_good_ones_are_stored(
    ledger_db: str, tmp_path: Path
) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\xff\xfe binary")
    good = EXAMPLES / "child-deportations.txt"
    result = run_cli(
        "ingest",
        str(tmp_path / "empty.txt"),
        str(good),
        str(tmp_path / "missing.txt"),
        str(tmp_path / "binary.txt"),
        "--db",
        ledger_db,
        "-q",
    )
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 3
    for name in ("empty.txt", "missing.txt", "binary.txt"):
        assert any(line.startswith(f"warledger: {tmp_path / name}: ") for line in lines)
    with Ledger(ledger_db) as ledger:
        assert [row["id"] for row in list_articles(ledger)] == [str(good)]


def test_an_unusable_ledger_is_one_clear_line(tmp_path: Path) -> None:
    result = run_cli("ingest", str(EXAMPLES), "--db", str(tmp_path / "no" / "such" / "x.db"))
    assert result.exit_code == 1
    assert result.stderr.startswith("warledger: ") and len(result.stderr.splitlines()) == 1


def test_db_comes_from_the_environment(tmp_path: Path) -> None:
    target = tmp_path / "env.db"
    result = run_cli("ingest", str(EXAMPLES), "-q", env={"WARLEDGER_DB": str(target)})
    assert result.exit_code == 0, result.stderr
    assert target.exists()


class _CountingLedger(Ledger):
    """A ledger that remembers how many articles each transaction stored."""

    def __init__(self, target: str) -> None:
        super().__init__(target)
        self.batches: list[int] = []

    def store_batch(self, batch: Sequence[tuple[Article, list[Claim], str]]) -> list[Stored]:
        self.batches.append(len(batch))
        return super().store_batch(batch)


def _events(ledger: Ledger, paths: list[str], batch: int) -> list[tuple[str, ...]]:
    return [
        ("failed", event.path)
        if isinstance(event, ReadFailure)
        else (event.article_id, event.path, event.outcome.value, str(event.claims))
        for event in ingest(ledger, paths, batch=batch)
    ]


def test_batched_ingest_stores_what_one_transaction_an_article_stores(tmp_path: Path) -> None:
    generated = write_generated_batch(tmp_path / "generated.jsonl", 70)
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    paths = [str(EXAMPLES), str(tmp_path / "empty.txt"), str(generated), str(EXAMPLES)]
    with _CountingLedger(str(tmp_path / "one.db")) as one:
        alone = _events(one, paths, batch=1)
        assert set(one.batches) == {1}
    with _CountingLedger(str(tmp_path / "many.db")) as many:
        batched = _events(many, paths, batch=32)
        assert max(many.batches) == 32 and len(many.batches) < len(alone) / 8
    # the same events in the same order, the failure in its place and the repeats unchanged
    assert batched == alone
    assert ("failed", str(tmp_path / "empty.txt")) in batched
    repeats = len([e for e in batched if e[1].startswith(str(EXAMPLES))]) // 2
    assert {event[2] for event in batched[-repeats:]} == {Stored.UNCHANGED.value}
    assert facts_from_claims(str(tmp_path / "many.db")) == facts_from_claims(
        str(tmp_path / "one.db")
    )
    with Ledger(str(tmp_path / "one.db")) as a, Ledger(str(tmp_path / "many.db")) as b:
        assert totals(a) == totals(b)
        assert [row["id"] for row in list_articles(a)] == [row["id"] for row in list_articles(b)]


def test_a_batch_commits_once_its_first_article_has_waited_long_enough(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the module, not the function the package exports under its name
    module = importlib.import_module("warledger.ledger.ingest")
    monkeypatch.setattr(module, "BATCH_SECONDS", 0.0)
    generated = write_generated_batch(tmp_path / "generated.jsonl", 5)
    with _CountingLedger(str(tmp_path / "ledger.db")) as ledger:
        events = list(ingest(ledger, [str(generated)], batch=32))
        assert ledger.batches == [1, 1, 1, 1, 1]
    assert [event.outcome for event in events] == [Stored.NEW] * 5


def test_batch_must_be_positive(tmp_path: Path) -> None:
    with Ledger(str(tmp_path / "ledger.db")) as ledger, pytest.raises(ValueError):
        list(ingest(ledger, [str(EXAMPLES)], batch=0))


def test_batch_option_sets_the_articles_a_transaction(ledger_db: str) -> None:
    result = run_cli("ingest", str(EXAMPLES), "--db", ledger_db, "--batch", "1", "-q")
    assert result.exit_code == 0, result.stderr
    with Ledger(ledger_db) as ledger:
        assert totals(ledger).articles == len(list(EXAMPLES.glob("*.txt")))
    refused = run_cli("ingest", str(EXAMPLES), "--db", ledger_db, "--batch", "0")
    assert refused.exit_code == 2 and "--batch" in refused.stderr
