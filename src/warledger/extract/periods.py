"""Stage: fills period_start,period_end of each draft claim."""

from __future__ import annotations

from warledger.extract.document import Document


def assign_periods(doc: Document) -> None:
    """Fill period_start,period_end of every claim in ``doc``."""
