"""Facts: claims that say the same thing, clustered by SQL GROUP BY, with their citations.

A fact's identity is (source, measure, low, high, unit, per, period_start, period_end, places):
the same figure repeated by two outlets, or twice in one article, is one fact with several
citations. The grouping runs in the database (a sort that spills to disk, not to memory), so a
ledger of millions of claims clusters in bounded memory; rows stream out one fact at a time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Select, select
from sqlalchemy import func as sql

from warledger.ledger.query import ClaimFilter, select_claims
from warledger.ledger.schema import articles
from warledger.ledger.store import Ledger

FACT_KEY_FIELDS = (
    "source",
    "measure",
    "low",
    "high",
    "unit",
    "per",
    "period_start",
    "period_end",
    "places",
)
_BATCH = 5_000
# Joins the article ids and outlets of a fact into one string per row: a character that never
# appears in an id or a URL.
_SEPARATOR = "\x1f"


@dataclass(slots=True)
class Fact:
    """One figure as a source states it, with every place it is cited.

    ``citations`` counts claims (a figure twice in one article is two citations); ``articles``
    and ``outlets`` are distinct and sorted; ``first_seen``/``last_seen`` are publication dates.
    """

    fact_id: str
    source: str | None
    measure: str
    low: float
    high: float
    unit: str | None
    per: str | None
    period_start: str | None
    period_end: str | None
    places: list[str] = field(default_factory=list)
    citations: int = 0
    articles: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    first_seen: str | None = None
    last_seen: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


FACT_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Fact))


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
    """A stable 12-hex id: the sha256 of the identity key as canonical JSON."""
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
    return digest.hexdigest()[:12]


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


def _iso(value: date | str | None) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


def outlet_name(outlet: str | None, url: str | None) -> str | None:
    """The outlet as stored, else the host of the article's URL (``www.`` dropped)."""
    if outlet:
        return outlet
    if url and "://" in url:
        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def select_facts(where: ClaimFilter, dialect: str) -> Select[Any]:
    """The GROUP BY over the claims ``where`` selects: one row per fact, in key order.

    Two levels: claims per (fact, article) first, so each article and outlet is named once per
    fact; then per fact. ``where.limit`` limits facts, not claims.
    """
    matching = select_claims(dataclasses.replace(where, limit=None), dialect).order_by(None)
    claim_rows = matching.subquery("matching")
    key = [claim_rows.c[name] for name in FACT_KEY_FIELDS]
    per_article = (
        select(
            *key,
            claim_rows.c.article_key,
            sql.count().label("n"),
            sql.min(claim_rows.c.published).label("published"),
            sql.min(claim_rows.c.article).label("article"),
        )
        .group_by(*key, claim_rows.c.article_key)
        .subquery("per_article")
    )
    fact_key = [per_article.c[name] for name in FACT_KEY_FIELDS]
    outlet = sql.coalesce(articles.c.outlet, articles.c.url, "")
    query = (
        select(
            *fact_key,
            sql.sum(per_article.c.n).label("citations"),
            sql.aggregate_strings(per_article.c.article, _SEPARATOR).label("articles"),
            sql.aggregate_strings(outlet, _SEPARATOR).label("outlets"),
            sql.min(per_article.c.published).label("first_seen"),
            sql.max(per_article.c.published).label("last_seen"),
        )
        .join(articles, articles.c.key == per_article.c.article_key)
        .group_by(*fact_key)
        .order_by(*fact_key)
    )
    return query.limit(where.limit) if where.limit is not None else query


def fact_from_row(row: Any) -> Fact:
    """One grouped row as a ``Fact``."""
    values = row._mapping
    places = json.loads(values["places"])
    start, end = _iso(values["period_start"]), _iso(values["period_end"])
    outlets = set()
    for text in (values["outlets"] or "").split(_SEPARATOR):
        name = outlet_name(None, text) if "://" in text else text
        if name:
            outlets.add(name)
    return Fact(
        fact_id=fact_id(
            values["source"],
            values["measure"],
            values["low"],
            values["high"],
            values["unit"],
            values["per"],
            start,
            end,
            places,
        ),
        source=values["source"],
        measure=values["measure"],
        low=float(values["low"]),
        high=float(values["high"]),
        unit=values["unit"],
        per=values["per"],
        period_start=start,
        period_end=end,
        places=places,
        citations=int(values["citations"]),
        articles=sorted(set((values["articles"] or "").split(_SEPARATOR)) - {""}),
        outlets=sorted(outlets),
        first_seen=_iso(values["first_seen"]),
        last_seen=_iso(values["last_seen"]),
    )


def iter_facts(ledger: Ledger, where: ClaimFilter | None = None) -> Iterator[Fact]:
    """Every fact among the claims ``where`` selects (all claims when None), streamed."""
    query = select_facts(where or ClaimFilter(), ledger.backend)
    with ledger.engine.connect() as connection:
        result = connection.execution_options(yield_per=_BATCH).execute(query)
        for partition in result.partitions():
            for row in partition:
                yield fact_from_row(row)


def count_facts(ledger: Ledger, where: ClaimFilter | None = None) -> int:
    """How many facts the claims ``where`` selects make."""
    grouped = select_facts(dataclasses.replace(where or ClaimFilter(), limit=None), ledger.backend)
    query = select(sql.count()).select_from(grouped.order_by(None).subquery())
    with ledger.engine.connect() as connection:
        return int(connection.execute(query).scalar_one())


def fact_filter(measure: str, low: float, high: float) -> ClaimFilter:
    """The narrowest claim filter that holds every claim of a fact of this measure and value
    (read from the value index): what a fact's page and citations are looked up with."""
    return ClaimFilter(measures=(measure,), min_value=float(low), max_value=float(high))


def _key_fact_id(values: Any) -> str:
    """The fact id of a row holding the fact key's columns (as ``fact_from_row`` computes it)."""
    return fact_id(
        values["source"],
        values["measure"],
        values["low"],
        values["high"],
        values["unit"],
        values["per"],
        _iso(values["period_start"]),
        _iso(values["period_end"]),
        json.loads(values["places"]),
    )


def find_fact(ledger: Ledger, wanted: str, where: ClaimFilter | None = None) -> Fact | None:
    """The fact whose id is ``wanted``, None when no claim makes it.

    Ids are hashes, so the distinct fact keys among the claims ``where`` selects (all claims
    when None; a filter naming the fact's measure and value makes this an index read) are hashed
    until one matches; the fact is then clustered from every claim of its measure and value, so
    its citations do not depend on ``where``.
    """
    matching = select_claims(
        dataclasses.replace(where or ClaimFilter(), limit=None), ledger.backend
    )
    claim_rows = matching.order_by(None).subquery("matching")
    keys = select(*(claim_rows.c[name] for name in FACT_KEY_FIELDS)).distinct()
    found = None
    with ledger.engine.connect() as connection:
        result = connection.execution_options(yield_per=_BATCH).execute(keys)
        for row in result:
            if _key_fact_id(row._mapping) == wanted:
                found = row._mapping
                break
        result.close()
        if found is None:
            return None
        narrowed = select_facts(
            fact_filter(found["measure"], found["low"], found["high"]), ledger.backend
        )
        for row in connection.execute(narrowed):
            fact = fact_from_row(row)
            if fact.fact_id == wanted:
                return fact
    return None
