"""distribute on a local dask cluster of 2 workers gives the single-process claims; load them."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from warledger.ledger import Ledger, Stored, ingest, iter_claims
from warledger.readers import iter_articles
from warledger.record import Article

from .conftest import article_record, claim_records

distributed = pytest.importorskip("distributed", reason="pip install -e '.[scale]'")

from warledger.scale.distributed import ScaleError, connect, run  # noqa: E402
from warledger.scale.load import load  # noqa: E402
from warledger.scale.tables import list_partitions, read_partition_output  # noqa: E402


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with connect(None, workers=2) as client:
        yield client


def _written_claims(out: Path) -> list[dict[str, Any]]:
    return [
        dataclasses.asdict(claim)
        for name in list_partitions(str(out))
        for _, result in read_partition_output(str(out), name)
        for claim in result.claims
    ]


@pytest.fixture(scope="module")
def corpus_out(client: Any, corpus_dump: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("distributed") / "out"
    # Small blocks: the dump is cut into several partitions, lines numbered across them.
    results = run(client, [str(corpus_dump)], str(out), blocksize=20_000)
    assert len(results) > 3
    failures = [failure for result in results for failure in result.failures]
    assert len(failures) == 1 and "not JSON" in failures[0]
    return out


def test_distributed_claims_are_the_single_process_claims(
    corpus_dump: Path, corpus_out: Path
) -> None:
    single = claim_records([str(corpus_dump)])
    assert len(single) > 100
    assert _written_claims(corpus_out) == single


def test_bad_line_is_named_by_its_line_in_the_whole_dump(
    client: Any, corpus_dump: Path, tmp_path: Path
) -> None:
    from warledger.readers import ReadFailure

    expected = [
        str(item) for item in iter_articles([str(corpus_dump)]) if isinstance(item, ReadFailure)
    ]
    results = run(client, [str(corpus_dump)], str(tmp_path / "o"), blocksize=7_000)
    assert [failure for result in results for failure in result.failures] == expected


def test_parquet_dump_gives_the_same_claims(client: Any, corpus_dump: Path, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    articles = [item for item in iter_articles([str(corpus_dump)]) if isinstance(item, Article)]
    table = pa.Table.from_pylist([article_record(article) for article in articles])
    pq.write_table(table, tmp_path / "dump.parquet", row_group_size=10)
    out = tmp_path / "out"
    results = run(client, [str(tmp_path / "dump.parquet")], str(out))
    assert len(results) == 3 and not any(result.failures for result in results)
    assert _written_claims(out) == claim_records([str(corpus_dump)])


def test_output_folder_with_partitions_is_refused(
    client: Any, corpus_dump: Path, corpus_out: Path
) -> None:
    with pytest.raises(ScaleError, match="already holds"):
        run(client, [str(corpus_dump)], str(corpus_out))


def test_missing_dump_or_unwritable_output_is_refused(
    client: Any, corpus_dump: Path, tmp_path: Path
) -> None:
    with pytest.raises(ScaleError, match="no such file"):
        run(client, [str(tmp_path / "gone.jsonl")], str(tmp_path / "out"))
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(ScaleError, match="cannot write there"):
        run(client, [str(corpus_dump)], str(tmp_path / "file"))


def _ledger_claims(db: Path) -> set[tuple[Any, ...]]:
    with Ledger(str(db)) as ledger:
        return {
            (
                stored.claim.article,
                stored.claim.start,
                stored.claim.end,
                stored.claim.low,
                stored.claim.high,
                stored.claim.unit,
                stored.claim.measure,
                stored.claim.source,
                stored.claim.period_start,
                stored.claim.period_end,
                tuple(stored.claim.places),
                stored.claim.hedge,
                stored.claim.quote,
            )
            for stored in iter_claims(ledger)
        }


def test_load_gives_the_claims_of_ingest_and_twice_adds_nothing(
    corpus_dump: Path, corpus_out: Path, tmp_path: Path
) -> None:
    with Ledger(str(tmp_path / "ingested.db")) as ledger:
        list(ingest(ledger, [str(corpus_dump)]))
    with Ledger(str(tmp_path / "loaded.db")) as ledger:
        first = list(load(ledger, str(corpus_out)))
    assert {event.outcome for event in first} == {Stored.NEW}
    loaded = _ledger_claims(tmp_path / "loaded.db")
    assert len(loaded) > 100
    assert loaded == _ledger_claims(tmp_path / "ingested.db")
    with Ledger(str(tmp_path / "loaded.db")) as ledger:
        second = list(load(ledger, str(corpus_out)))
    assert {event.outcome for event in second} == {Stored.UNCHANGED}
    assert _ledger_claims(tmp_path / "loaded.db") == loaded


def test_load_command_reports_and_is_idempotent(corpus_out: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from warledger.cli import main

    db = str(tmp_path / "cli.db")
    first = CliRunner().invoke(main, ["load", str(corpus_out), "--db", db])
    assert first.exit_code == 0, first.output
    assert " new" in first.stdout
    second = CliRunner().invoke(main, ["load", str(corpus_out), "--db", db])
    assert "0 new, 0 changed" in second.stdout
    empty = CliRunner().invoke(main, ["load", str(tmp_path / "none"), "--db", db])
    assert empty.exit_code == 1 and "no articles/ and claims/" in empty.stderr


def test_distribute_command_on_a_running_scheduler(
    client: Any, corpus_dump: Path, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from warledger.cli import main

    out = tmp_path / "out"
    address = client.scheduler.address
    args = ["distribute", str(corpus_dump), "--out", str(out), "--scheduler", address]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1  # the dump's bad line
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and "not JSON" in lines[0] and "1 failures" in lines[1]
    assert _written_claims(out) == claim_records([str(corpus_dump)])
