"""JSONL feeds: one article record per line; a bad line fails alone, the others go on."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any, BinaryIO

from warledger.readers.dates import choose_published, parse_published
from warledger.readers.decoding import decode_text
from warledger.readers.errors import BadRecord, EmptyInput, MissingInput, ReadError, ReadFailure
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
    yield from read_jsonl_lines(data.splitlines(keepends=True), source, published)


def read_jsonl_lines(
    lines: Iterable[bytes],
    source: str,
    published: date | None = None,
    *,
    first_line: int = 1,
    offset: int = 0,
) -> Iterator[Article | ReadFailure]:
    """The records of JSONL ``lines`` (as ``bytes.splitlines(keepends=True)`` cuts them).

    ``first_line`` and ``offset`` are where the lines start in their file, so failures and
    id-less records are named by their place in the whole file. An ``OversizedLine`` in
    ``lines`` (a record over the size limit) fails alone.
    """
    for number, line in enumerate(lines, start=first_line):
        where = f"{source}:{number}"
        if isinstance(line, OversizedLine):
            yield ReadFailure(where, f"record over the limit of {line.limit:,} bytes")
            offset += line.size
            continue
        try:
            if line.strip():
                record = json.loads(decode_text(line, offset))
                yield article_from_record(record, where, published)
        except json.JSONDecodeError as error:
            yield ReadFailure(where, f"not JSON ({error.msg} at column {error.colno})")
        except ReadError as error:
            yield ReadFailure(where, str(error))
        offset += len(line)


class OversizedLine(bytes):
    """A line too long to hold: its first bytes only, with its full ``size`` and the ``limit``."""

    size: int
    limit: int


def split_lines(file: BinaryIO, max_bytes: int, end: int | None = None) -> Iterator[bytes]:
    """The lines of a binary ``file`` from its position, cut as ``bytes.splitlines`` cuts them.

    A line longer than ``max_bytes`` comes as an ``OversizedLine`` and is skipped without being
    held in memory. With ``end``, only lines that start before that byte offset are read.
    """
    # (a pipe has no position: it is asked only when reading stops at ``end``)
    position = file.tell() if end is not None else 0
    while end is None or position < end:
        raw = file.readline(max_bytes + 1)
        if not raw:
            return
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            size = len(raw)
            while raw and not raw.endswith(b"\n"):
                raw = file.readline(1 << 20)
                size += len(raw)
            marker = OversizedLine(b"")
            marker.size, marker.limit = size, max_bytes
            position += size
            yield marker
            continue
        position += len(raw)
        # bytes.splitlines also ends lines at a lone \r, as read_jsonl does on whole files.
        yield from raw.splitlines(keepends=True) if b"\r" in raw else (raw,)


def stream_jsonl(
    path: str, published: date | None = None, max_bytes: int = 1 << 30
) -> Iterator[Article | ReadFailure]:
    """Every record of a JSONL file, read line by line: memory stays bounded whatever its size.

    The same records and failures as ``read_jsonl`` on the file's bytes; ``max_bytes`` limits
    each line (record), not the file.
    """
    try:
        file = open(path, "rb")  # noqa: SIM115  (closed below, after the last record)
    except FileNotFoundError:
        raise MissingInput("no such file or folder") from None
    except OSError as error:
        raise MissingInput(f"cannot read ({error.strerror or error})") from None
    with file:
        yield from stream_jsonl_from(file, path, published, max_bytes)


def stream_jsonl_from(
    stream: BinaryIO, source: str, published: date | None = None, max_bytes: int = 1 << 30
) -> Iterator[Article | ReadFailure]:
    """Every record of a JSONL stream (a file or a pipe) from where it stands, line by line."""
    size = 0

    def lines() -> Iterator[bytes]:
        nonlocal size
        for line in split_lines(stream, max_bytes):
            size += line.size if isinstance(line, OversizedLine) else len(line)
            yield line

    blank = True
    for item in read_jsonl_lines(lines(), source, published):
        blank = False
        yield item
    # Every line that is not blank yields an article or a failure, so nothing means no records.
    if blank:
        raise EmptyInput("empty input" if not size else "no records (only whitespace)")
