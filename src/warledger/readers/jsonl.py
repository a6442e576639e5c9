"""JSONL feeds: one article record per line; a bad line fails alone, the others go on."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from warledger.readers.dates import choose_published, parse_published
from warledger.readers.decoding import decode_text
from warledger.readers.errors import BadRecord, EmptyInput, ReadError, ReadFailure
from warledger.record import Article

_OPTIONAL = ("url", "title", "outlet")


def article_from_record(record: Any, fallback_id: str, published: date | None = None) -> Article:
    """One ``{"id","text","published","url","title","outlet"}`` record as an article.

    A record without an id is named by its URL, else by ``fallback_id`` (its file and line).
    """
    if not isinstance(record, dict):
        raise BadRecord(f"not a JSON object but {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise BadRecord("no 'text' string")
    for key in ("id", "published", *_OPTIONAL):
        value = record.get(key)
        if value is not None and not isinstance(value, str | int):
            raise BadRecord(f"'{key}' is {type(value).__name__}, not a string")
    found = record.get("published")
    day = parse_published(str(found), "'published'") if found else None
    optional = {key: str(record[key]) if record.get(key) else None for key in _OPTIONAL}
    article_id = record.get("id") or optional["url"] or fallback_id
    return Article(
        id=str(article_id),
        text=text,
        published=choose_published(day, published),
        **optional,
    )


def read_jsonl(
    data: bytes, source: str, published: date | None = None
) -> Iterator[Article | ReadFailure]:
    """Every record of a JSONL feed; a line that fails becomes a failure named ``source:line``."""
    if not data.strip():
        raise EmptyInput("empty input" if not data else "no records (only whitespace)")
    offset = 0
    for number, line in enumerate(data.splitlines(keepends=True), start=1):
        where = f"{source}:{number}"
        try:
            if line.strip():
                record = json.loads(decode_text(line, offset))
                yield article_from_record(record, where, published)
        except json.JSONDecodeError as error:
            yield ReadFailure(where, f"not JSON ({error.msg} at column {error.colno})")
        except ReadError as error:
            yield ReadFailure(where, str(error))
        offset += len(line)
