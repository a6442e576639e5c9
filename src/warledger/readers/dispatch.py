"""Paths to articles: walk folders, check sizes, pick the reader for each input's kind."""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from warledger.readers.errors import MissingInput, ReadError, ReadFailure, TooLarge
from warledger.readers.feeds import DEFAULT_TIMEOUT, fetch_url, is_url, read_feed
from warledger.readers.html import read_html
from warledger.readers.jsonl import read_jsonl, stream_jsonl, stream_jsonl_from
from warledger.readers.telegram import EXPORT_NAME, read_telegram
from warledger.readers.text import read_text
from warledger.record import Article

DEFAULT_MAX_BYTES = 20_000_000
STDIN = "-"
# What ``sniff_kind`` reads of standard input to tell its kind.
_SNIFF_BYTES = 4096

KINDS_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
KINDS_BY_NAME = {EXPORT_NAME: "telegram"}

# Inside a folder only article files are read: a corpus folder also holds its README,
# SOURCE.md and INDEX.tsv, which are no articles. A file named on the command line is read
# whatever its suffix. Telegram Desktop puts each chat's export in its own folder as result.json.
ARTICLE_SUFFIXES = frozenset(
    {".txt", ".text", ".html", ".htm", ".jsonl", ".ndjson", ".xml", ".rss", ".atom"}
)
ARTICLE_NAMES = frozenset(KINDS_BY_NAME)

# A feed may open with an XML declaration, comments or a stylesheet before its root element,
# so the root is looked for anywhere in the head; XHTML pages (<?xml ... <html) stay HTML.
_FEED_ROOT = re.compile(rb"\A\s*(<\?xml|<!--|<rss|<feed|<rdf:rdf)", re.I)
_FEED_ELEMENT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.I)
# A Telegram export is one pretty-printed JSON object whose chat fields precede "messages";
# a JSONL article record would not have a "messages" list.
_TELEGRAM_KEYS = re.compile(rb'"messages"\s*:\s*\[')
_TELEGRAM_CHAT = re.compile(rb'"(type|name)"\s*:')
_HTML_START = re.compile(rb"\A\s*(<!doctype\s+html|<html|<head|<body|<!--|<\?xml)", re.I)
_JSON_START = re.compile(rb"\A\s*\{")


def sniff_kind(data: bytes) -> str:
    """``feed``, ``html``, ``telegram``, ``jsonl`` or ``text`` from how the content begins
    (for stdin, URLs and odd suffixes)."""
    head = data[:4096].removeprefix(b"\xef\xbb\xbf")
    if _FEED_ROOT.match(head) and _FEED_ELEMENT.search(head):
        return "feed"
    if _HTML_START.match(head[:1024]):
        return "html"
    if _JSON_START.match(head):
        if _TELEGRAM_KEYS.search(head) and _TELEGRAM_CHAT.search(head):
            return "telegram"
        return "jsonl"
    return "text"


def input_kind(path: str, data: bytes) -> str:
    """The input's kind: by its name or suffix when known, else by its content."""
    name = Path(urlsplit(path).path if is_url(path) else path).name
    by_name = KINDS_BY_NAME.get(name.lower()) or KINDS_BY_SUFFIX.get(Path(name).suffix.lower())
    return by_name or sniff_kind(data)


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Each path as given; a folder becomes its article files, sorted, recursively.

    Hidden files and files whose suffix is not an article's are skipped inside folders.
    """
    for path in paths:
        if path == STDIN or not os.path.isdir(path):
            yield path
            continue
        for folder, subfolders, files in os.walk(path):
            subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                if Path(name).suffix.lower() in ARTICLE_SUFFIXES or name in ARTICLE_NAMES:
                    yield os.path.join(folder, name)


def read_limited(path: str, max_bytes: int) -> bytes:
    """The bytes of the file ``path``, refusing anything over ``max_bytes``.

    Its size is checked before a byte is read, so a huge file costs nothing (standard input,
    which has no size, is read by ``_stdin_articles``).
    """
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            raise TooLarge(f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes")
        with open(path, "rb") as file:
            return file.read(max_bytes + 1)
    except FileNotFoundError:
        raise MissingInput("no such file or folder") from None
    except OSError as error:
        raise MissingInput(f"cannot read ({error.strerror or error})") from None


def _read_rest(stream: BinaryIO, head: bytes, max_bytes: int) -> bytes:
    """``head`` and the rest of ``stream``, refusing more than ``max_bytes`` in all."""
    data = head + stream.read(max(0, max_bytes + 1 - len(head)))
    if len(data) > max_bytes:
        raise TooLarge(f"input larger than the limit of {max_bytes:,} bytes")
    return data


class _Prefixed(io.RawIOBase):
    """A stream that gives ``head`` again before the rest of ``stream``: standard input read
    line by line after its first bytes were read to tell its kind."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head, self._stream = head, stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size], self._head = self._head[:size], self._head[size:]
            return size
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _stdin_articles(
    stream: BinaryIO, published: date | None, max_bytes: int
) -> Iterator[Article | ReadFailure]:
    """Standard input: JSONL read line by line, so a dump piped in of any size is read in bounded
    memory (``max_bytes`` then limits each record); any other kind read whole."""
    head = stream.read(_SNIFF_BYTES)
    if sniff_kind(head) == "jsonl":
        yield from stream_jsonl_from(
            io.BufferedReader(_Prefixed(head, stream)), STDIN, published, max_bytes
        )
        return
    yield from read_input(STDIN, _read_rest(stream, head, max_bytes), published)


def is_streamed(path: str) -> bool:
    """Whether ``path`` is a local JSONL dump, read line by line rather than whole."""
    if path == STDIN or is_url(path):
        return False
    return KINDS_BY_SUFFIX.get(Path(path).suffix.lower()) == "jsonl"


# Readers of inputs that hold many articles; html and text hold one each.
_READERS = {"jsonl": read_jsonl, "feed": read_feed, "telegram": read_telegram}


def read_input(
    path: str, data: bytes, published: date | None = None
) -> Iterator[Article | ReadFailure]:
    """The articles in one input's bytes, read by the reader for its kind."""
    kind = input_kind(path, data)
    if kind in _READERS:
        yield from _READERS[kind](data, path, published)
    elif kind == "html":
        yield read_html(data, path, published)
    else:
        yield read_text(data, path, published)


def iter_articles(
    paths: Iterable[str],
    published: date | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Iterator[Article | ReadFailure]:
    """Every article in ``paths``, in order, with a failure in place of each unreadable input.

    A path may be an http(s) URL (a feed or a page), fetched with ``timeout`` seconds.
    ``published`` is the date for inputs that state none. Nothing is raised for bad input: the
    caller decides what a failure means for the batch.

    A local ``.jsonl``/``.ndjson`` file, and JSONL on standard input, is streamed line by line, so
    a dump of any size is read in bounded memory; ``max_bytes`` then limits each record (line),
    not the input.
    """
    for path in expand_paths(paths):
        try:
            if is_streamed(path):
                yield from stream_jsonl(path, published, max_bytes)
                continue
            if path == STDIN:
                stream = stdin if stdin is not None else sys.stdin.buffer
                yield from _stdin_articles(stream, published, max_bytes)
                continue
            if is_url(path):
                data = fetch_url(path, max_bytes, timeout)
            else:
                data = read_limited(path, max_bytes)
            yield from read_input(path, data, published)
        except ReadError as error:
            yield ReadFailure(path, str(error))
