"""Stage: fills hedge of each draft claim."""

from __future__ import annotations

from warledger.extract.document import Document


def assign_hedges(doc: Document) -> None:
    """Fill hedge of every claim in ``doc``."""
