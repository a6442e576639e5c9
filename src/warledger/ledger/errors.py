"""Named ledger errors: each ``str()`` is one line the CLI can show as it is."""

from __future__ import annotations


class LedgerError(Exception):
    """A ledger that cannot be opened, read or written; ``str()`` is the problem in one line."""


class BadLedgerTarget(LedgerError):
    """The --db value is neither a file path nor a database URL we can use."""


class MissingDriver(LedgerError):
    """The database driver for the ledger's URL is not installed."""


class NotALedger(LedgerError):
    """The database holds tables but none of them is a warledger ledger's."""


class LedgerTooNew(LedgerError):
    """The ledger was written by a newer warledger than this one."""


class LedgerTooOld(LedgerError):
    """The ledger's schema is older than any this warledger can upgrade."""


class ArticleNotFound(LedgerError):
    """No stored article matches the key, URL or id asked for."""
