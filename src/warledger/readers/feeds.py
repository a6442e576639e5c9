"""RSS and Atom feeds, from files or http(s) URLs: each entry becomes an article.

feedparser reads every feed dialect and recovers what it can from broken XML; the entry's HTML
is flattened here to plain text with one paragraph per block, so offsets index readable text.
"""

from __future__ import annotations

import http.client
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import feedparser
from lxml import etree
from lxml import html as lxml_html

from warledger.readers.dates import choose_published
from warledger.readers.decoding import decode_text
from warledger.readers.errors import (
    BadDate,
    BadFeed,
    EmptyInput,
    FetchFailed,
    NotText,
    ReadError,
    ReadFailure,
    TooLarge,
)
from warledger.record import Article

DEFAULT_TIMEOUT = 20.0
USER_AGENT = "warledger/0.1 (feed reader; +https://pypi.org/project/feedparser/)"

# Tags whose content is a paragraph of its own; anything else is inline and runs on.
_BLOCKS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6"
    " header hr li main nav ol p pre section table tbody td th thead tr ul".split()
)
_SKIPPED = frozenset({"script", "style", "noscript", "template"})
_BREAK = "\0"  # a paragraph break while walking; NUL never occurs in decoded text
_DECLARED = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([\w.:-]+)", re.I)
# Warnings feedparser raises as "bozo" that do not lose any content: a charset declared one way
# and used another, or a server's odd Content-Type. Real breakage (bad XML) is still reported.
_HARMLESS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def is_url(path: str) -> bool:
    return path.lower().startswith(("http://", "https://"))


def fetch_url(url: str, max_bytes: int, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """The body at ``url``, refusing more than ``max_bytes``; every failure is a FetchFailed."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            # A stated length over the limit is refused before a byte of the body is read.
            length = response.headers.get("Content-Length") or ""
            if length.isdigit() and int(length) > max_bytes:
                size = int(length)
                raise TooLarge(f"response is {size:,} bytes, over the limit of {max_bytes:,} bytes")
            data = response.read(max_bytes + 1)
    except urllib.error.HTTPError as error:
        raise FetchFailed(f"HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise FetchFailed(f"cannot fetch ({error.reason})") from None
    except TimeoutError:
        raise FetchFailed(f"timed out after {timeout:g} s") from None
    except (http.client.HTTPException, OSError, ValueError) as error:
        raise FetchFailed(f"cannot fetch ({type(error).__name__}: {error})") from None
    if len(data) > max_bytes:
        raise TooLarge(f"response larger than the limit of {max_bytes:,} bytes")
    return data


def check_feed_bytes(data: bytes) -> None:
    """Refuse empty, binary and wrongly encoded feeds as the other readers do.

    UTF-8 is the rule, but an XML declaration may name another charset (windows-1251 is common
    in Ukrainian and Russian feeds); such a feed is valid if its bytes decode in that charset.
    """
    declared = _DECLARED.match(data[:200])
    charset = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    if charset.replace("_", "-") in ("utf-8", "utf8"):
        decode_text(data)
        return
    if not data.strip():
        raise EmptyInput("empty input")
    try:
        data.decode(charset)
    except LookupError:
        raise NotText(f"unknown charset {charset!r} in the XML declaration") from None
    except UnicodeDecodeError as error:
        raise NotText(f"not {charset} text (byte at offset {error.start})") from None


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: blocks become paragraphs split by a blank line, ``<br>``
    a line break, and runs of spaces inside a line one space."""
    if "<" not in markup:
        return _tidy(markup.replace("\r\n", "\n"))
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    pieces: list[str] = []
    _walk(root, pieces)
    return _tidy("".join(pieces))


def _walk(element: Any, pieces: list[str]) -> None:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    # Comments and processing instructions have no string tag; only their tail is text.
    if isinstance(element.tag, str) and tag not in _SKIPPED:
        if tag == "br":
            pieces.append("\n")
        block = tag in _BLOCKS
        if block:
            pieces.append(_BREAK)
        pieces.append(element.text or "")
        for child in element:
            _walk(child, pieces)
        if block:
            pieces.append(_BREAK)
    pieces.append(element.tail or "")


def _tidy(text: str) -> str:
    paragraphs = []
    for chunk in re.split(r"\0|\n[ \t\xa0]*\n", text):
        lines = (" ".join(line.split()) for line in chunk.split("\n"))
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def canonical_link(link: str) -> str:
    """The link without the ``utm_*`` tracking parameters feeds append to it, so one story
    has one id whichever feed it came through."""
    parts = urlsplit(link)
    query = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in query if not k.lower().startswith("utm_")]
    if len(kept) == len(query):
        return link
    return urlunsplit(parts._replace(query=urlencode(kept)))


def entry_date(entry: Any) -> date | None:
    """The entry's own calendar day as the outlet wrote it (its time zone, not UTC)."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        for parse in (parsedate_to_datetime, datetime.fromisoformat):
            try:
                return parse(raw.strip()).date()
            except (TypeError, ValueError, IndexError):
                pass
        # Other formats: feedparser's own parse, normalised to UTC, is the best there is.
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return date(*parsed[:3])
    return None


def entry_text(entry: Any) -> str:
    """The entry's full content (content:encoded, Atom content) if any, else its summary."""
    candidates = [*entry.get("content", [])]
    if entry.get("summary"):
        candidates.append({"value": entry.summary, **entry.get("summary_detail", {})})
    for part in candidates:
        value = part.get("value") or ""
        if part.get("type") == "text/plain":
            text = _tidy(value.replace("\r\n", "\n"))
        else:
            text = html_to_text(value)
        if text:
            return text
    return ""


def read_entry(entry: Any, outlet: str | None, published: date | None) -> Article:
    link = entry.get("link") or ""
    url = canonical_link(link) if is_url(link) else None
    article_id = url or entry.get("id") or link
    if not article_id:
        raise BadFeed("entry has neither a link nor an id")
    text = entry_text(entry)
    if not text:
        raise BadFeed(f"entry {article_id} has no text")
    try:
        day = choose_published(entry_date(entry), published)
    except BadDate as error:
        raise BadDate(f"entry {article_id}: {error}") from None
    return Article(
        id=article_id,
        text=text,
        published=day,
        url=url,
        title=entry.get("title") or None,
        outlet=outlet,
    )


def read_feed(
    data: bytes, source: str, published: date | None = None
) -> Iterator[Article | ReadFailure]:
    """Every entry of an RSS/Atom feed; a broken entry fails alone as ``source:entry N``.

    Malformed XML is one failure line for the feed, after the entries feedparser recovered.
    """
    check_feed_bytes(data)
    parsed = feedparser.parse(data)
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if problem is not None and isinstance(problem, _HARMLESS):
        problem = None
    if not parsed.entries:
        if problem is not None:
            raise BadFeed(f"not a readable feed ({problem})")
        if not parsed.get("version"):
            raise BadFeed("not an RSS or Atom feed")
        raise EmptyInput("feed has no entries")
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        try:
            yield read_entry(entry, outlet, published)
        except ReadError as error:
            yield ReadFailure(f"{source}:entry {number}", str(error))
    if problem is not None:
        kept = f"kept the {len(parsed.entries)} entries it could recover"
        yield ReadFailure(source, f"malformed feed ({problem}); {kept}")
