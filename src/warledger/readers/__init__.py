"""Readers: each input kind (text, HTML, JSONL, RSS/Atom feeds and feed URLs, Telegram channel
exports, stdin, folders) becomes Articles.

``iter_articles`` is the door most callers want; the per-kind readers take bytes or text and
are there for callers that already hold the content.
"""

from __future__ import annotations

from warledger.readers.dispatch import DEFAULT_MAX_BYTES, expand_paths, iter_articles, sniff_kind
from warledger.readers.errors import (
    BadDate,
    BadFeed,
    BadRecord,
    EmptyInput,
    FetchFailed,
    MissingInput,
    NoArticleText,
    NotText,
    ReadError,
    ReadFailure,
    TooLarge,
)
from warledger.readers.feeds import read_feed
from warledger.readers.html import read_html
from warledger.readers.jsonl import read_jsonl
from warledger.readers.telegram import read_telegram
from warledger.readers.text import read_text

__all__ = [
    "DEFAULT_MAX_BYTES",
    "BadDate",
    "BadFeed",
    "BadRecord",
    "EmptyInput",
    "FetchFailed",
    "MissingInput",
    "NoArticleText",
    "NotText",
    "ReadError",
    "ReadFailure",
    "TooLarge",
    "expand_paths",
    "iter_articles",
    "read_feed",
    "read_html",
    "read_jsonl",
    "read_telegram",
    "read_text",
    "sniff_kind",
]
