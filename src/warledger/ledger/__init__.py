"""The ledger: articles and their claims stored in SQLite or PostgreSQL, queried and exported.

The only package that speaks SQL. ``Ledger(target)`` opens (creating or upgrading) a ledger;
``ingest`` fills it from inputs; ``iter_claims``, ``list_articles``, ``find_article`` and
``totals`` read it; ``export_ledger`` writes its tables out as files.
"""

from __future__ import annotations

from warledger.ledger.engine import DEFAULT_LEDGER, LEDGER_ENV, resolve_target
from warledger.ledger.errors import (
    ArticleNotFound,
    BadLedgerTarget,
    LedgerError,
    LedgerTooNew,
    LedgerTooOld,
    MissingDriver,
    NotALedger,
)
from warledger.ledger.export import EXPORT_FORMATS, export_ledger, write_claims_parquet
from warledger.ledger.identity import article_key, body_hash, canonical_url
from warledger.ledger.ingest import Ingested, ingest
from warledger.ledger.query import (
    ClaimFilter,
    LedgerTotals,
    StoredArticle,
    StoredClaim,
    find_article,
    iter_claims,
    list_articles,
    totals,
)
from warledger.ledger.schema import SCHEMA_VERSION
from warledger.ledger.store import Ledger, Stored

__all__ = [
    "DEFAULT_LEDGER",
    "EXPORT_FORMATS",
    "LEDGER_ENV",
    "SCHEMA_VERSION",
    "ArticleNotFound",
    "BadLedgerTarget",
    "ClaimFilter",
    "Ingested",
    "Ledger",
    "LedgerError",
    "LedgerTooNew",
    "LedgerTooOld",
    "LedgerTotals",
    "MissingDriver",
    "NotALedger",
    "Stored",
    "StoredArticle",
    "StoredClaim",
    "article_key",
    "body_hash",
    "canonical_url",
    "export_ledger",
    "find_article",
    "ingest",
    "iter_claims",
    "list_articles",
    "resolve_target",
    "totals",
    "write_claims_parquet",
]
