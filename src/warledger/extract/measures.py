"""Stage: fills measure,counted of each draft claim."""

from __future__ import annotations

from warledger.extract.document import Document


def assign_measures(doc: Document) -> None:
    """Fill measure,counted of every claim in ``doc``."""
