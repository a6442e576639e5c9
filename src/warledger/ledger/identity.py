"""Who an article is (its canonical URL when it has one, else the sha256 of its body), which
outlet published it, and which fact a claim states (a short hash of the fact's key)."""

from __future__ import annotations

import functools
import hashlib
import json
import re
from typing import Any
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


# The facts table is keyed by this id, so two facts with one id would merge. 64 bits keep that
# to about one chance in 400,000 at ten million facts (a GDELT-scale back-fill); 48 bits made
# it one in six.
FACT_ID_LENGTH = 16


def fact_id(
    source: str | None,
    measure: str,
    low: float,
    high: float,
    unit: str | None,
    per: str | None,
    period_start: str | None,
    period_end: str | None,
    places: list[str] | tuple[str, ...],
) -> str:
    """A stable id of ``FACT_ID_LENGTH`` hex digits: the sha256 of the identity key as
    canonical JSON."""
    key = [
        source,
        measure,
        float(low),
        float(high),
        unit,
        per,
        period_start,
        period_end,
        list(places),
    ]
    digest = hashlib.sha256(json.dumps(key, separators=(",", ":")).encode("utf-8"))
    return digest.hexdigest()[:FACT_ID_LENGTH]


def claim_fact_id(claim: Any) -> str:
    """The id of the fact a claim (or any record with the claim's fields) belongs to."""
    return fact_id(
        claim.source,
        claim.measure,
        claim.low,
        claim.high,
        claim.unit,
        claim.per,
        claim.period_start,
        claim.period_end,
        claim.places,
    )


def outlet_name(outlet: str | None, url: str | None) -> str | None:
    """The outlet as stored, else the host of the article's URL (``www.`` dropped)."""
    if outlet:
        return outlet
    if url and "://" in url:
        # The host lies before the first "/", "?" or "#" after "://": the URL cut there has
        # the same host, and the few distinct ones are parsed once.
        after = _AFTER_HOST.search(url, url.index("://") + 3)
        return _host_name(url[: after.start()] if after else url)
    return None


_AFTER_HOST = re.compile(r"[/?#]")


@functools.lru_cache(maxsize=4096)
def _host_name(url: str) -> str | None:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def stored_outlet(outlet: str | None, url: str | None) -> str:
    """What a fact lists of an article's outlet (SQL's ``coalesce(outlet, url, '')``): its
    outlet as stored, even empty, else its URL, else ''."""
    return outlet if outlet is not None else url if url is not None else ""


def fact_outlet(stored: str) -> str | None:
    """The outlet name a fact shows for ``stored_outlet``: a URL's host, other text as it is,
    None for none."""
    return outlet_name(None, stored) if "://" in stored else (stored or None)
