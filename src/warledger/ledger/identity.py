"""Who an article is: its canonical URL when it has one, else the sha256 of its body."""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from warledger.record import Article

# Query parameters that only say how a reader arrived ("?utm_source=telegram"), never which
# article it is: the same report shared on two channels must stay one article.
_TRACKING_PREFIXES = ("utm_",)
_TRACKING_PARAMS = frozenset({"fbclid", "gclid", "yclid", "mc_cid", "mc_eid", "ref", "ref_src"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def body_hash(text: str) -> str:
    """The hex sha256 of the body's UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def canonical_url(url: str) -> str:
    """The URL with its case-blind parts lower-cased and tracking and fragment removed.

    ``HTTPS://Example.org:443/a/1/?utm_source=x#top`` becomes ``https://example.org/a/1``.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    path = parts.path.rstrip("/") if parts.path not in ("", "/") else ""
    query = urlencode(
        [
            (name, value)
            for name, value in parse_qsl(parts.query, keep_blank_values=True)
            if not name.lower().startswith(_TRACKING_PREFIXES)
            and name.lower() not in _TRACKING_PARAMS
        ]
    )
    return urlunsplit((scheme, host, path, query, ""))


def article_key(article: Article) -> str:
    """The article's identity in the ledger: ``https://...`` or ``sha256:<hex of body>``."""
    if article.url and article.url.strip():
        return canonical_url(article.url)
    return "sha256:" + body_hash(article.text)
