"""Stage: fills places of each draft claim."""

from __future__ import annotations

from warledger.extract.document import Document


def assign_places(doc: Document) -> None:
    """Fill places of every claim in ``doc``."""
