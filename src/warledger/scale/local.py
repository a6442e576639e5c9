"""Extraction on every core of one machine: a process pool fed lazily, results in input order.

    for tag, result in extract_tagged(((path, item) for ...), workers=4):
        ...  # result is Extracted(article, claims) or ReadFailure, in the order given

Items are sent to the workers in chunks, and at most ``workers * window`` chunks are in flight,
so memory stays bounded whatever the input size. ``workers=1`` runs in this process. The claims
are those ``extract_article`` gives, claim for claim, whatever the number of workers.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import TypeVar

from warledger.extract.pipeline import extract_article
from warledger.readers.errors import ReadFailure
from warledger.record import Article, Claim

K = TypeVar("K")
Extractor = Callable[[Article], list[Claim]]

DEFAULT_CHUNKSIZE = 16
DEFAULT_WINDOW = 4


@dataclass(slots=True)
class Extracted:
    """An article and the claims extracted from it."""

    article: Article
    claims: list[Claim]


def default_workers() -> int:
    """The cores this process may use (``os.process_cpu_count`` on Python 3.13+)."""
    counter = getattr(os, "process_cpu_count", None)
    if counter is not None:
        return counter() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def extract_one(
    article: Article, extractor: Extractor = extract_article
) -> Extracted | ReadFailure:
    """The claims of one article, or a failure naming it when the extractor trips on it."""
    try:
        return Extracted(article, extractor(article))
    except Exception as error:  # one bad article must not end a batch
        return ReadFailure(article.id, f"extraction failed: {type(error).__name__}: {error}")


# The extractor of a worker process, set when it starts (inherited, not pickled, under fork).
_worker_extractor: Extractor = extract_article


def _start_worker(extractor: Extractor, parent: int) -> None:
    global _worker_extractor
    _worker_extractor = extractor
    _die_with_parent(parent)


def _die_with_parent(parent: int) -> None:
    """On Linux, end this worker when the process that started it dies.

    Workers are forked, so they hold copies of the parent's open sockets. After a kill -9 of
    ``warledger ingest`` an orphaned worker would keep the parent's PostgreSQL connection, and
    the transaction it had open, alive: the rerun would wait on its locks for ever.
    """
    if sys.platform != "linux":
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _extract_chunk(articles: list[Article]) -> list[list[Claim] | ReadFailure]:
    # Only the claims travel back: the parent still holds each article.
    results: list[list[Claim] | ReadFailure] = []
    for article in articles:
        result = extract_one(article, _worker_extractor)
        results.append(result.claims if isinstance(result, Extracted) else result)
    return results


def extract_stream(
    items: Iterable[Article | ReadFailure],
    workers: int = 1,
    *,
    chunksize: int = DEFAULT_CHUNKSIZE,
    window: int = DEFAULT_WINDOW,
    extractor: Extractor = extract_article,
) -> Iterator[Extracted | ReadFailure]:
    """Each article's claims (or its failure), in the order of ``items``; read failures pass."""
    for _, result in extract_tagged(
        ((None, item) for item in items),
        workers,
        chunksize=chunksize,
        window=window,
        extractor=extractor,
    ):
        yield result


def extract_tagged(
    items: Iterable[tuple[K, Article | ReadFailure]],
    workers: int = 1,
    *,
    chunksize: int = DEFAULT_CHUNKSIZE,
    window: int = DEFAULT_WINDOW,
    extractor: Extractor = extract_article,
) -> Iterator[tuple[K, Extracted | ReadFailure]]:
    """Like ``extract_stream`` for ``(tag, item)`` pairs; each result keeps its tag.

    A tag is whatever the caller needs beside the article (``ingest`` keeps the input path).
    ``extractor`` replaces ``extract_article`` (tests use stand-ins).
    """
    if workers < 1 or chunksize < 1 or window < 1:
        raise ValueError("workers, chunksize and window must be at least 1")
    if workers == 1:
        for tag, item in items:
            yield tag, item if isinstance(item, ReadFailure) else extract_one(item, extractor)
        return
    pending: deque[tuple[list[tuple[K, Article | ReadFailure]], Future[list]]] = deque()
    source = iter(items)
    with ProcessPoolExecutor(
        workers, initializer=_start_worker, initargs=(extractor, os.getpid())
    ) as pool:
        try:
            while True:
                while len(pending) < workers * window:
                    chunk = list(islice(source, chunksize))
                    if not chunk:
                        break
                    articles = [item for _, item in chunk if isinstance(item, Article)]
                    pending.append((chunk, pool.submit(_extract_chunk, articles)))
                if not pending:
                    return
                chunk, future = pending.popleft()
                yield from _merge(chunk, future.result())
        finally:
            for _, future in pending:
                future.cancel()


def _merge(
    chunk: list[tuple[K, Article | ReadFailure]], results: list[list[Claim] | ReadFailure]
) -> Iterator[tuple[K, Extracted | ReadFailure]]:
    answers = iter(results)
    for tag, item in chunk:
        if isinstance(item, ReadFailure):
            yield tag, item
            continue
        answer = next(answers)
        yield tag, answer if isinstance(answer, ReadFailure) else Extracted(item, answer)
