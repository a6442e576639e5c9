"""Ingest: read inputs, extract each article's claims, store them; one event per article."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from warledger.extract.pipeline import extract_article
from warledger.ledger.store import Ledger, Stored
from warledger.readers import DEFAULT_MAX_BYTES, ReadFailure, expand_paths, iter_articles


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
) -> Iterator[Ingested | ReadFailure]:
    """Store every article in ``paths``; yield what happened to each, or why an input failed.

    Inputs are what ``warledger.readers.iter_articles`` reads; each is read on its own so
    every stored article remembers the input it came from. A failure never ends the batch.
    """
    for path in expand_paths(paths):
        for item in iter_articles([path], published, max_bytes=max_bytes):
            if isinstance(item, ReadFailure):
                yield item
                continue
            try:
                found = extract_article(item)
            except Exception as error:  # one article the extractor trips on must not end a batch
                yield ReadFailure(item.id, f"extraction failed: {type(error).__name__}: {error}")
                continue
            outcome = ledger.store(item, found, path)
            yield Ingested(item.id, path, outcome, len(found))
