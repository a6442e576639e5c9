"""Ingest: read inputs, extract each article's claims, store them; one event per article."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from warledger.extract.pipeline import extract_article
from warledger.ledger.store import Ledger, Stored
from warledger.readers import DEFAULT_MAX_BYTES, ReadFailure, expand_paths, iter_articles
from warledger.record import Article, Claim
from warledger.scale.local import Extracted, extract_tagged


@dataclass(slots=True)
class Ingested:
    """One article stored (or found unchanged), with the number of claims extracted from it."""

    article_id: str
    path: str
    outcome: Stored
    claims: int


# Articles stored a transaction, and the longest an extracted article waits for its batch.
BATCH_ARTICLES = 32
BATCH_SECONDS = 1.0


def ingest(
    ledger: Ledger,
    paths: Iterable[str],
    published: date | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    workers: int = 1,
    batch: int = BATCH_ARTICLES,
) -> Iterator[Ingested | ReadFailure]:
    """Store every article in ``paths``; yield what happened to each, or why an input failed.

    Inputs are what ``warledger.readers.iter_articles`` reads; each is read on its own so
    every stored article remembers the input it came from. Extraction runs in ``workers``
    processes (results in input order); storing stays in this process, up to ``batch``
    articles a transaction (``Ledger.store_batch``), events in input order once their
    transaction has committed. A batch is committed when full, when an article comes more than
    ``BATCH_SECONDS`` after the batch's first (a slow input is not held back long), and at the
    end. A failure to read never ends the batch.
    """
    items = (
        (path, item)
        for path in expand_paths(paths)
        for item in iter_articles([path], published, max_bytes=max_bytes)
    )
    results = extract_tagged(items, workers, extractor=extract_article)
    yield from store_in_batches(ledger, results, batch)


def store_in_batches(
    ledger: Ledger,
    results: Iterable[tuple[str, Extracted | ReadFailure]],
    batch: int = BATCH_ARTICLES,
) -> Iterator[Ingested | ReadFailure]:
    """Store each (input, extracted article) up to ``batch`` a transaction; the events in order,
    each once its transaction has committed (see ``ingest``)."""
    if batch < 1:
        raise ValueError("batch must be at least 1")
    pending: list[tuple[Extracted, str] | ReadFailure] = []
    waiting: list[tuple[Article, list[Claim], str]] = []
    started = 0.0
    for path, result in results:
        pending.append(result if isinstance(result, ReadFailure) else (result, path))
        if not isinstance(result, ReadFailure):
            if not waiting:
                started = time.monotonic()
            waiting.append((result.article, result.claims, path))
        if waiting and (len(waiting) >= batch or time.monotonic() - started >= BATCH_SECONDS):
            yield from _commit(ledger, pending, waiting)
        elif not waiting:
            yield from pending
            pending.clear()
    yield from _commit(ledger, pending, waiting)


def _commit(
    ledger: Ledger,
    pending: list[tuple[Extracted, str] | ReadFailure],
    waiting: list[tuple[Article, list[Claim], str]],
) -> Iterator[Ingested | ReadFailure]:
    """Store the waiting articles in one transaction, then yield the pending events in order."""
    outcomes = iter(ledger.store_batch(waiting) if waiting else [])
    for event in pending:
        if isinstance(event, ReadFailure):
            yield event
        else:
            result, path = event
            yield Ingested(result.article.id, path, next(outcomes), len(result.claims))
    pending.clear()
    waiting.clear()
