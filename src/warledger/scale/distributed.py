"""Extraction on a dask.distributed cluster: one task per dump partition, Parquet out.

    with connect(scheduler=None, workers=2) as client:   # None: a LocalCluster on 127.0.0.1
        results = run(client, ["s3://bucket/dumps/"], "s3://bucket/claims")

Each task reads its partition (``partitions.read_partition``), extracts every article with
``extract_one`` (the very function ``warledger extract`` uses) and writes the partition's
articles and claims (``tables.write_partition``); only a small summary returns to the client.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from warledger.readers.dispatch import DEFAULT_MAX_BYTES
from warledger.readers.errors import ReadFailure
from warledger.scale.local import Extracted, extract_one
from warledger.scale.partitions import (
    DEFAULT_BLOCKSIZE,
    Partition,
    count_lines,
    list_dumps,
    number_partitions,
    plan,
    read_partition,
)
from warledger.scale.tables import TABLES, list_partitions, write_partition


class ScaleError(Exception):
    """The distributed run cannot start or finish; ``str()`` says why in one line."""


@dataclass(slots=True)
class PartitionResult:
    """What one task did: articles and claims written, and its failures as one-line strings."""

    index: int
    path: str
    articles: int = 0
    claims: int = 0
    failures: list[str] = field(default_factory=list)


def extract_partition(
    part: Partition, out: str, published: date | None, max_bytes: int
) -> PartitionResult:
    """Read, extract and write one partition (runs on a worker)."""
    result = PartitionResult(part.index, part.path)

    def extracted() -> Iterator[tuple[str, Extracted]]:
        for item in read_partition(part, published, max_bytes):
            found = item if isinstance(item, ReadFailure) else extract_one(item)
            if isinstance(found, ReadFailure):
                result.failures.append(str(found))
                continue
            result.articles += 1
            yield part.path, found

    result.claims = write_partition(out, part.index, extracted())
    return result


@contextmanager
def connect(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A client of the cluster at ``scheduler``, else of a new LocalCluster on 127.0.0.1.

    The local cluster has ``workers`` single-threaded worker processes and no dashboard.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ScaleError("the distributed engine needs: pip install 'warledger[scale]'") from None
    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except OSError as error:
            raise ScaleError(f"cannot reach the scheduler at {scheduler} ({error})") from None
        with client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def prepare_output(out: str, overwrite: bool = False) -> None:
    """Create ``out``'s folders; refuse one that holds partitions unless ``overwrite``."""
    import fsspec

    fs, root = fsspec.core.url_to_fs(out)
    existing = list_partitions(out)
    if existing and not overwrite:
        raise ScaleError(f"{out} already holds {len(existing)} partitions (--overwrite)")
    for table in TABLES:
        folder = f"{root.rstrip('/')}/{table}"
        if fs.exists(folder):
            for name in fs.ls(folder, detail=False):
                if name.endswith(".parquet"):
                    fs.rm(name)
        fs.makedirs(folder, exist_ok=True)


def run(
    client: Any,
    inputs: list[str],
    out: str,
    *,
    published: date | None = None,
    blocksize: int = DEFAULT_BLOCKSIZE,
    max_bytes: int = DEFAULT_MAX_BYTES,
    overwrite: bool = False,
    progress: Callable[[PartitionResult], None] | None = None,
) -> list[PartitionResult]:
    """Extract every article in the dumps ``inputs`` on ``client``'s cluster into ``out``.

    The results come back ordered by partition, as the files under ``out`` are; a dump with no
    record at all gets a result of its own with that failure.
    """
    from distributed import as_completed

    try:
        paths = list_dumps(inputs)
    except OSError as error:
        raise ScaleError(str(error)) from None
    if not paths:
        raise ScaleError("no .jsonl, .ndjson or .parquet dumps in " + " ".join(inputs))
    try:
        prepare_output(out, overwrite)
    except OSError as error:
        raise ScaleError(f"{out}: cannot write there ({error})") from None
    try:
        planned = plan(paths, blocksize)
    except OSError as error:
        raise ScaleError(f"cannot read the dumps ({error})") from None
    # Line numbers: each block after a file's first starts where the blocks before it end.
    split = {part.path for part in planned if part.index > 0 and _same_file(planned, part)}
    counted = [part for part in planned if part.path in split]
    lines = client.gather(client.map(count_lines, counted, max_bytes=max_bytes))
    counts = dict(zip(counted, lines, strict=True))
    numbered = number_partitions(planned, [counts.get(part, 0) for part in planned])
    futures = client.map(
        extract_partition,
        numbered,
        out=out,
        published=published,
        max_bytes=max_bytes,
        pure=False,
    )
    results: list[PartitionResult] = []
    for future in as_completed(futures):
        try:
            result = future.result()
        except Exception as error:  # a task that died (worker lost, output unwritable)
            message = " ".join(f"{type(error).__name__}: {error}".split())
            raise ScaleError(f"a partition failed: {message}") from None
        results.append(result)
        if progress is not None:
            progress(result)
    results.sort(key=lambda result: result.index)
    return results + _empty_dumps(numbered, results)


def _same_file(planned: list[Partition], part: Partition) -> bool:
    return planned[part.index - 1].path == part.path


def _empty_dumps(parts: list[Partition], results: list[PartitionResult]) -> list[PartitionResult]:
    """A failure for each JSONL dump in which no partition found a record or a bad line."""
    found: dict[str, int] = {}
    sizes: dict[str, int] = {}
    for part, result in zip(parts, results, strict=True):
        found[part.path] = found.get(part.path, 0) + result.articles + len(result.failures)
        if part.kind == "jsonl":
            sizes[part.path] = part.size
    empty = []
    for path, size in sizes.items():
        if not found[path]:
            problem = "empty input" if not size else "no records (only whitespace)"
            empty.append(PartitionResult(-1, path, failures=[f"{path}: {problem}"]))
    return empty
