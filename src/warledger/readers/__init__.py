"""Readers: each input kind (text, HTML, JSONL, stdin, folders) becomes Articles.

``iter_articles`` is the door most callers want; the per-kind readers take bytes or text and
are there for callers that already hold the content.
"""

from __future__ import annotations

from warledger.readers.dispatch import DEFAULT_MAX_BYTES, expand_paths, iter_articles, sniff_kind
from warledger.readers.errors import (
    BadDate,
    BadRecord,
    EmptyInput,
    MissingInput,
    NoArticleText,
    NotText,
    ReadError,
    ReadFailure,
    TooLarge,
)
from warledger.readers.html import read_html
from warledger.readers.jsonl import read_jsonl
from warledger.readers.text import read_text

__all__ = [
    "DEFAULT_MAX_BYTES",
    "BadDate",
    "BadRecord",
    "EmptyInput",
    "MissingInput",
    "NoArticleText",
    "NotText",
    "ReadError",
    "ReadFailure",
    "TooLarge",
    "expand_paths",
    "iter_articles",
    "read_html",
    "read_jsonl",
    "read_text",
    "sniff_kind",
]
