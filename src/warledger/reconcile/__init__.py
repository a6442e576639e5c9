"""Reconciling figures: facts (repeated claims as one figure with citations), compare (sources
side by side, disagreements flagged) and fact-checker checks. Pure Python over what the ledger
returns; the clustering of facts itself runs in the ledger (``warledger.ledger.facts``).
"""

from __future__ import annotations

from warledger.reconcile.checks import CHECKS, Finding, check_ledger, run_checks
from warledger.reconcile.compare import CompareRow, compare, compare_figures
from warledger.reconcile.facts import (
    Evidence,
    Fact,
    Figure,
    count_facts,
    figures_from_claims,
    iter_facts,
    load_figures,
    relayed_source,
)

__all__ = [
    "CHECKS",
    "CompareRow",
    "Evidence",
    "Fact",
    "Figure",
    "Finding",
    "check_ledger",
    "compare",
    "compare_figures",
    "count_facts",
    "figures_from_claims",
    "iter_facts",
    "load_figures",
    "relayed_source",
    "run_checks",
]
