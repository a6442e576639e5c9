"""Load the distributed engine's Parquet output into a ledger, as ``ingest`` stores articles.

``Ledger.store_batch`` keeps an article whose body it already holds unchanged, so loading the
same output twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from warledger.ledger import Ingested, Ledger
from warledger.ledger.ingest import store_in_batches
from warledger.scale.tables import list_partitions, read_partition_output


class NothingToLoad(Exception):
    """The folder holds no partitions of claims and articles."""


def load(ledger: Ledger, out: str) -> Iterator[Ingested]:
    """Store every article under ``out`` with its claims; what happened to each, in order."""
    names = list_partitions(out)
    if not names:
        raise NothingToLoad(f"{out}: no articles/ and claims/ Parquet partitions")
    results = (item for name in names for item in read_partition_output(out, name))
    for event in store_in_batches(ledger, results):
        assert isinstance(event, Ingested)  # the partitions hold no read failures
        yield event
