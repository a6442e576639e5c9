"""Ingest: read inputs, extract each article's claims, store them; one event per article."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from warledger.extract.pipeline import extract_article
from warledger.ledger.store import Ledger, Stored
from warledger.readers import DEFAULT_MAX_BYTES, ReadFailure, expand_paths, iter_articles
from warledger.scale.local import extract_tagged


@dataclass(slots=True)
class Ingested:
    """One article stored (or found unchanged), with the number of claims extracted from it."""

    article_id: str
    path: str
    outcome: Stored
    claims: int


def ingest(
    ledger: Ledger,
    paths: Iterable[str],
    published: date | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    workers: int = 1,
) -> Iterator[Ingested | ReadFailure]:
    """Store every article in ``paths``; yield what happened to each, or why an input failed.

    Inputs are what ``warledger.readers.iter_articles`` reads; each is read on its own so
    every stored article remembers the input it came from. Extraction runs in ``workers``
    processes (results in input order); storing stays in this process, one transaction per
    article. A failure never ends the batch.
    """
    items = (
        (path, item)
        for path in expand_paths(paths)
        for item in iter_articles([path], published, max_bytes=max_bytes)
    )
    for path, result in extract_tagged(items, workers, extractor=extract_article):
        if isinstance(result, ReadFailure):
            yield result
            continue
        outcome = ledger.store(result.article, result.claims, path)
        yield Ingested(result.article.id, path, outcome, len(result.claims))
