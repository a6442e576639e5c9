"""Telegram Desktop channel exports (``result.json``): each text post becomes an article.

Official sources (the General Staff, regional administrations) publish their figures on
Telegram first, so a channel export is a primary source, not a repost.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from warledger.readers.dates import choose_published, parse_published
from warledger.readers.decoding import decode_text
from warledger.readers.errors import BadFeed, EmptyInput, ReadError, ReadFailure
from warledger.record import Article

EXPORT_NAME = "result.json"
_USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}")
_T_ME = re.compile(
    r"\A(?:https?://)?(?:t\.me|telegram\.me)/(?:s/)?([A-Za-z][A-Za-z0-9_]{3,31})/?\Z"
)


def is_telegram_export(value: Any) -> bool:
    """A single-chat export: an object with a "messages" list and the chat's "type" or "name"."""
    return (
        isinstance(value, dict)
        and isinstance(value.get("messages"), list)
        and ("type" in value or "name" in value)
    )


def flatten_text(value: Any) -> str:
    """Telegram's "text": a string, or a list of strings and ``{"type", "text"}`` entities
    (bold, links, hashtags) whose texts joined are the post exactly as shown."""
    if isinstance(value, str):
        return value
    if not isinstance(value, list):
        raise BadFeed(f"'text' is {type(value).__name__}, not a string or list")
    parts = []
    for part in value:
        if isinstance(part, dict):
            part = part.get("text", "")
        if not isinstance(part, str):
            raise BadFeed(f"text part is {type(part).__name__}, not a string")
        parts.append(part)
    return "".join(parts)


def channel_username(export: dict[str, Any]) -> str | None:
    """The channel's public @username when the export states it.

    Telegram Desktop itself does not write one, but exports touched by other tools carry
    "username" or a t.me "link"; without it, posts get a ``telegram:`` id instead of a URL.
    """
    for key in ("username", "channel_username"):
        value = export.get(key)
        if isinstance(value, str) and _USERNAME.fullmatch(value.lstrip("@")):
            return value.lstrip("@")
    for key in ("link", "url"):
        value = export.get(key)
        match = _T_ME.match(value.strip()) if isinstance(value, str) else None
        if match:
            return match.group(1)
    return None


def read_post(
    message: dict[str, Any],
    prefix: str,
    is_link: bool,
    outlet: str | None,
    published: date | None,
) -> Article | None:
    """One message as an article, or None for what is no post (service notes, bare media)."""
    if message.get("type", "message") != "message":
        return None
    text = flatten_text(message.get("text", ""))
    if not text.strip():
        return None
    raw = message.get("date")
    day = parse_published(raw, "'date'") if isinstance(raw, str) and raw else None
    article_id = f"{prefix}/{message['id']}"
    return Article(
        id=article_id,
        text=text,
        published=choose_published(day, published),
        url=article_id if is_link else None,
        title=None,
        outlet=outlet,
    )


def read_telegram(
    data: bytes, source: str, published: date | None = None
) -> Iterator[Article | ReadFailure]:
    """Every text post of a channel export; a broken message fails alone as
    ``source:message ID``. Posts without text (photos, service notes) are no articles."""
    try:
        export = json.loads(decode_text(data))
    except json.JSONDecodeError as error:
        raise BadFeed(f"not JSON ({error.msg} at line {error.lineno})") from None
    if not is_telegram_export(export):
        raise BadFeed("not a Telegram chat export (no 'messages' list with a 'type' or 'name')")
    outlet = export.get("name") if isinstance(export.get("name"), str) else None
    username = channel_username(export)
    prefix = f"https://t.me/{username}" if username else f"telegram:{export.get('id') or outlet}"
    count = 0
    for number, message in enumerate(export["messages"], start=1):
        has_id = isinstance(message, dict) and isinstance(message.get("id"), int | str)
        where = f"{source}:message {message['id'] if has_id else f'#{number}'}"
        try:
            if not has_id:
                raise BadFeed("message is not an object with an 'id'")
            article = read_post(message, prefix, username is not None, outlet, published)
        except ReadError as error:
            yield ReadFailure(where, str(error))
            count += 1
            continue
        if article is not None:
            count += 1
            yield article
    if count == 0:
        raise EmptyInput("no posts with text in the Telegram export")
