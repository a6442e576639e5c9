"""Dump partitions and the Parquet tables, on a local folder and on an fsspec URL (memory://)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from warledger.readers import ReadFailure, iter_articles
from warledger.record import Article
from warledger.scale.local import Extracted, extract_one

from .conftest import EXAMPLES, write_dump

fsspec = pytest.importorskip("fsspec", reason="pip install -e '.[scale]'")

from warledger.scale.partitions import (  # noqa: E402
    count_lines,
    list_dumps,
    number_partitions,
    plan,
    read_partition,
)
from warledger.scale.tables import (  # noqa: E402
    list_partitions,
    read_partition_output,
    write_partition,
)


def _articles() -> list[Article]:
    return [item for item in iter_articles([str(EXAMPLES)]) if isinstance(item, Article)]


def _read_all(dump: str, blocksize: int) -> list[Article | ReadFailure]:
    planned = plan(list_dumps([dump]), blocksize)
    numbered = number_partitions(planned, [count_lines(part) for part in planned])
    return [item for part in numbered for item in read_partition(part)]


@pytest.mark.parametrize("blocksize", [1, 500, 3_000, 10**8])
def test_blocks_read_every_line_once_numbered_in_the_whole_file(
    blocksize: int, tmp_path: Path
) -> None:
    dump = write_dump(tmp_path / "dump.jsonl", _articles(), bad_after=2)
    assert _read_all(str(dump), blocksize) == list(iter_articles([str(dump)]))


def test_dumps_on_an_fsspec_url_round_trip_through_the_tables(tmp_path: Path) -> None:
    local = write_dump(tmp_path / "dump.jsonl", _articles())
    root = f"memory:///warledger-{uuid.uuid4().hex}"
    with fsspec.open(f"{root}/in/dump.jsonl", "wb") as file:
        file.write(local.read_bytes())
    assert list_dumps([f"{root}/in"]) == [f"{root}/in/dump.jsonl"]
    items = _read_all(f"{root}/in/dump.jsonl", 2_000)
    assert [item.id for item in items] == [item.id for item in iter_articles([str(local)])]
    results = [extract_one(item) for item in items if isinstance(item, Article)]
    extracted = [("dump", result) for result in results if isinstance(result, Extracted)]
    write_partition(f"{root}/out", 0, extracted)
    assert list_partitions(f"{root}/out") == ["part-00000.parquet"]
    assert list(read_partition_output(f"{root}/out", "part-00000.parquet")) == extracted
