"""Stage: fills source,source_text of each draft claim."""

from __future__ import annotations

from warledger.extract.document import Document


def assign_sources(doc: Document) -> None:
    """Fill source,source_text of every claim in ``doc``."""
