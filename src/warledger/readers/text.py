"""Plain-text articles with an optional ``date YYYY-MM-DD`` header."""

from __future__ import annotations

import re
from datetime import date

from warledger.readers.dates import choose_published, parse_published
from warledger.readers.decoding import decode_text
from warledger.readers.errors import EmptyInput
from warledger.record import Article

# The header may share its line with the first sentence ("date 2025-01-09 From October 1 ..."),
# so the body starts right after the whitespace that follows the date, not on the next line.
# The date part is loose on purpose: "date 2024-02-30" or "date 2024-2-3" must be reported as a
# bad date, not silently read as body text.
_HEADER = re.compile(r"\A\s*date[ \t]+(\d{4}-\d{1,2}-\d{1,2})(?=\s|\Z)\s*")


def split_header(text: str) -> tuple[date | None, str]:
    """The header's date (None without a header) and the body that offsets index."""
    match = _HEADER.match(text)
    if match is None:
        return None, text
    return parse_published(match.group(1), "date in header"), text[match.end() :]


def read_text(data: bytes | str, article_id: str, published: date | None = None) -> Article:
    """One plain-text article; the header date wins over ``published``."""
    text = decode_text(data) if isinstance(data, bytes) else data
    found, body = split_header(text)
    if not body.strip():
        raise EmptyInput("no article text" + (" after the date header" if found else ""))
    return Article(id=article_id, text=body, published=choose_published(found, published))
