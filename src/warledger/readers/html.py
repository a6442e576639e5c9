"""HTML pages: the main text, title and date, as trafilatura and htmldate find them."""

from __future__ import annotations

import json
from datetime import date

import htmldate
import trafilatura
from lxml import etree

from warledger.readers.dates import choose_published, parse_published
from warledger.readers.decoding import decode_text
from warledger.readers.errors import NoArticleText
from warledger.record import Article


def find_published(html: str) -> date | None:
    """The page's own publication date, or None when the markup does not state one.

    htmldate's extensive search guesses from any year in the page ("Copyright 2024" gives
    2024-01-01), which would silently override --published; only the markup counts here.
    """
    found = htmldate.find_date(html, extensive_search=False, original_date=True)
    return parse_published(found, "date in page") if found else None


def read_html(data: bytes | str, article_id: str, published: date | None = None) -> Article:
    """One HTML page as an article whose body is trafilatura's extracted main text."""
    html = decode_text(data) if isinstance(data, bytes) else data
    try:
        # JSON output gives text and metadata in one call, the same on trafilatura 1.x and 2.x.
        extracted = trafilatura.extract(html, output_format="json", with_metadata=True)
        page_date = find_published(html)
    except (ValueError, TypeError, LookupError, etree.LxmlError) as error:
        # lxml and the two libraries raise these on markup they cannot parse.
        raise NoArticleText(f"HTML could not be parsed ({error})") from None
    meta = json.loads(extracted) if extracted else {}
    body = meta.get("text") or ""
    if not body.strip():
        raise NoArticleText("no article text found in the HTML")
    return Article(
        id=article_id,
        text=body,
        published=choose_published(page_date, published),
        url=meta.get("source") or None,
        title=meta.get("title") or None,
        outlet=meta.get("source-hostname") or None,
    )
