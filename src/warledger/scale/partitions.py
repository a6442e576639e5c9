"""Article dumps cut into partitions: JSONL files in byte blocks, Parquet files by row group.

Paths are local or any URL fsspec opens (``s3://bucket/dump.jsonl``, ``gs://...``). A JSONL
block owns the lines that start inside it, so every line is read exactly once; each block knows
the number of its first line in the file, so failures and id-less records are named
``file:line`` exactly as ``warledger extract`` names them.
"""

from __future__ import annotations

import glob
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import IO, Any

from warledger.readers.dispatch import DEFAULT_MAX_BYTES, expand_paths
from warledger.readers.errors import ReadError, ReadFailure
from warledger.readers.jsonl import article_from_record, read_jsonl_lines, split_lines
from warledger.record import Article

DEFAULT_BLOCKSIZE = 64 * 2**20
DUMP_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet"}
ARTICLE_COLUMNS = ("id", "text", "published", "url", "title", "outlet")


@dataclass(frozen=True, slots=True)
class Partition:
    """One piece of one dump: bytes ``start``..``end`` of a JSONL file, or one Parquet row group
    (``start`` is its index); ``first`` is the number of its first line or row in the file."""

    index: int
    path: str
    kind: str
    start: int
    end: int
    first: int = 1
    size: int = 0


def is_remote(path: str) -> bool:
    return "://" in path and not path.startswith("file://")


def dump_kind(path: str) -> str | None:
    """``jsonl`` or ``parquet`` by the path's suffix, else None."""
    name = path.rsplit("/", 1)[-1].lower()
    return DUMP_SUFFIXES.get(os.path.splitext(name)[1])


def _filesystem(path: str) -> tuple[Any, str]:
    import fsspec

    return fsspec.core.url_to_fs(path)


def list_dumps(inputs: list[str]) -> list[str]:
    """The dump files in ``inputs``: files as given, folders and globs expanded and sorted."""
    found: list[str] = []
    for given in inputs:
        if not is_remote(given):
            given = given.removeprefix("file://")
            if any(char in given for char in "*?["):
                found.extend(sorted(glob.glob(given, recursive=True)))
                continue
            if not os.path.exists(given):
                raise FileNotFoundError(f"{given}: no such file or folder")
            found.extend(path for path in expand_paths([given]) if path == given or dump_kind(path))
            if os.path.isdir(given):  # expand_paths walks article files; Parquet is none
                found.extend(_local_parquet(given))
            continue
        fs, path = _filesystem(given)
        if any(char in path for char in "*?["):
            names = sorted(fs.glob(path))
        elif fs.isdir(path):
            names = sorted(name for name in fs.find(path) if dump_kind(name))
        else:
            names = [path]
        found.extend(fs.unstrip_protocol(name) for name in names)
    return found


def _local_parquet(folder: str) -> list[str]:
    return sorted(
        os.path.join(root, name)
        for root, _, files in os.walk(folder)
        for name in files
        if dump_kind(name) == "parquet" and not name.startswith(".")
    )


@contextmanager
def open_binary(path: str) -> Iterator[IO[bytes]]:
    """``path`` opened for reading bytes, with ``readline(limit)`` whatever its filesystem."""
    if not is_remote(path):
        with open(path.removeprefix("file://"), "rb") as file:
            yield file
        return
    import fsspec

    with fsspec.open(path, "rb") as raw:
        yield raw if isinstance(raw, io.BufferedIOBase) else io.BufferedReader(raw, 2**20)


def plan(paths: list[str], blocksize: int = DEFAULT_BLOCKSIZE) -> list[Partition]:
    """The partitions of ``paths`` in order; a JSONL block's ``first`` line is still 1 here."""
    planned: list[Partition] = []
    for path in paths:
        kind = dump_kind(path) or "jsonl"
        if kind == "parquet":
            for group in range(_row_groups(path)):
                planned.append(Partition(len(planned), path, kind, group, group + 1))
            continue
        size = _size(path)
        for start in range(0, max(size, 1), blocksize):
            end = min(start + blocksize, size)
            planned.append(Partition(len(planned), path, kind, start, end, size=size))
    return planned


def _size(path: str) -> int:
    if not is_remote(path):
        return os.stat(path.removeprefix("file://")).st_size
    fs, name = _filesystem(path)
    return int(fs.size(name))


def _row_groups(path: str) -> int:
    import pyarrow.parquet as pq

    with open_binary(path) as file:
        return int(pq.ParquetFile(file).metadata.num_row_groups)


def count_lines(part: Partition, max_bytes: int = DEFAULT_MAX_BYTES) -> int:
    """The lines (or rows) of ``part``: what the next partition of its file adds to ``first``."""
    if part.kind == "parquet":
        import pyarrow.parquet as pq

        with open_binary(part.path) as file:
            return int(pq.ParquetFile(file).metadata.row_group(part.start).num_rows)
    with open_binary(part.path) as file:
        _seek_block(file, part.start)
        return sum(1 for _ in split_lines(file, max_bytes, part.end))


def number_partitions(planned: list[Partition], counts: list[int]) -> list[Partition]:
    """``planned`` with each partition's ``first`` line set from the counts of those before it."""
    numbered: list[Partition] = []
    before = 0
    for part, count in zip(planned, counts, strict=True):
        first = 1
        if numbered and numbered[-1].path == part.path:
            first = numbered[-1].first + before
        numbered.append(replace(part, first=first))
        before = count
    return numbered


def _seek_block(file: IO[bytes], start: int) -> None:
    if start > 0:
        # The line running over the block's start belongs to the block before.
        file.seek(start - 1)
        file.readline()


def read_partition(
    part: Partition, published: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | ReadFailure]:
    """The articles of one partition, with a failure in place of each bad line or row."""
    try:
        if part.kind == "parquet":
            yield from _read_row_group(part, published)
            return
        with open_binary(part.path) as file:
            _seek_block(file, part.start)
            lines = split_lines(file, max_bytes, part.end)
            yield from read_jsonl_lines(
                lines, part.path, published, first_line=part.first, offset=file.tell()
            )
    except (OSError, ReadError) as error:
        yield ReadFailure(part.path, str(error) or type(error).__name__)


def _read_row_group(part: Partition, published: date | None) -> Iterator[Article | ReadFailure]:
    import pyarrow.parquet as pq

    with open_binary(part.path) as file:
        parquet = pq.ParquetFile(file)
        columns = [name for name in ARTICLE_COLUMNS if name in parquet.schema_arrow.names]
        rows = parquet.read_row_group(part.start, columns=columns).to_pylist()
    for number, row in enumerate(rows, start=part.first):
        where = f"{part.path}:{number}"
        record = {key: _plain(value) for key, value in row.items()}
        try:
            yield article_from_record(record, where, published)
        except ReadError as error:
            yield ReadFailure(where, str(error))


def _plain(value: Any) -> Any:
    """Dates and timestamps as ISO text, as a JSONL record would hold them."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
