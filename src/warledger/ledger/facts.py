"""Facts: claims that say the same thing, with their citations.

A fact's identity is (source, measure, low, high, unit, per, period_start, period_end, places):
the same figure repeated by two outlets, or twice in one article, is one fact with several
citations. The ledger keeps every fact in its ``facts`` table as claims are stored
(``fact_table``), so filters that hold for all claims of a fact or for none (measure, source,
place, period, value: the key's fields) read that table, and a fact's articles are read from its
claims' ``fact_id`` index. Filters on the claims themselves (publication days, quote search)
cluster the claims they select by SQL GROUP BY (a sort that spills to disk, not to memory), so a
ledger of millions of claims clusters in bounded memory; either way rows stream out one fact at a
time, in the same order and with the same values.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, select
from sqlalchemy import func as sql

from warledger.ledger.fact_table import FACT_KEY_FIELDS
from warledger.ledger.identity import (
    claim_fact_id,
    fact_id,
    fact_outlet,
    outlet_name,
)
from warledger.ledger.query import (
    ClaimFilter,
    _conditions,
    _period_conditions,
    kind_conditions,
    place_matches,
    select_claims,
    value_conditions,
)
from warledger.ledger.schema import articles, claims, fact_outlets, fact_places, facts
from warledger.ledger.store import Ledger

__all__ = [
    "FACT_FIELDS",
    "FACT_KEY_FIELDS",
    "Fact",
    "claim_fact_id",
    "count_facts",
    "fact_conditions",
    "fact_filter",
    "fact_id",
    "fact_from_row",
    "fact_of_row",
    "fact_outlets_of",
    "facts_with_articles",
    "find_fact",
    "is_fact_level",
    "iter_facts",
    "outlet_name",
    "select_facts",
]

_BATCH = 5_000
# Facts whose articles are read in one query (each id a bound parameter).
_ARTICLES_BATCH = 500
# The filters that hold for every claim of a fact or for none: they test the fact's key.
_FACT_LEVEL = frozenset(
    {"measures", "sources", "places", "period_from", "period_to", "min_value", "max_value", "limit"}
)
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
        """``dataclasses.asdict``, built field by field (a fact holds no nested dataclass)."""
        return {
            name: list(value) if isinstance(value, list) else value
            for name, value in ((name, getattr(self, name)) for name in FACT_FIELDS)
        }


FACT_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Fact))


def _iso(value: date | str | None) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


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


def fact_of_row(row: Any, cited_in: Iterable[str], outlets: Iterable[str | None]) -> Fact:
    """A ``Fact`` from a row holding the key and tallies (a ``facts`` row, a grouped row), the
    ids of the articles citing it and their outlets' names (``identity.fact_outlet``)."""
    values = row._mapping
    places = json.loads(values["places"])
    start, end = _iso(values["period_start"]), _iso(values["period_end"])
    names = {name for name in outlets if name}
    # A facts table row has its id; a grouped row's is hashed from its key.
    known = values.get("fact_id")
    return Fact(
        fact_id=known
        or fact_id(
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
        articles=sorted(set(cited_in) - {""}),
        outlets=sorted(names),
        first_seen=_iso(values["first_seen"]),
        last_seen=_iso(values["last_seen"]),
    )


def fact_from_row(row: Any) -> Fact:
    """One grouped row (``select_facts``) as a ``Fact``."""
    values = row._mapping
    cited_in = (values["articles"] or "").split(_SEPARATOR)
    return fact_of_row(row, cited_in, map(fact_outlet, (values["outlets"] or "").split(_SEPARATOR)))


def is_fact_level(where: ClaimFilter) -> bool:
    """Whether ``where`` only tests the fact key's fields (all claims of a fact match or none),
    so the ``facts`` table answers it."""
    unset = ClaimFilter()
    return all(
        name in _FACT_LEVEL or getattr(where, name) == getattr(unset, name)
        for name in (f.name for f in dataclasses.fields(ClaimFilter))
    )


def fact_conditions(where: ClaimFilter) -> list[ColumnElement[bool]]:
    """The conditions of a fact-level ``where`` over the ``facts`` table: the claims filter's
    own, applied to the key every claim of a fact shares."""
    conditions = kind_conditions(where, facts)
    if where.places:
        placed = select(fact_places.c.fact_id).where(
            place_matches(fact_places.c.place, where.places)
        )
        conditions.append(facts.c.fact_id.in_(placed))
    conditions.extend(_period_conditions(where, facts))
    conditions.extend(value_conditions(where, facts))
    return conditions


def _key_order() -> list[Any]:
    return [facts.c[name] for name in FACT_KEY_FIELDS]


def select_fact_rows(where: ClaimFilter) -> Select[Any]:
    """The ``facts`` rows a fact-level ``where`` selects, in key order (as ``select_facts``
    orders its groups); ``where.limit`` limits facts."""
    query = select(facts).where(*fact_conditions(where)).order_by(*_key_order())
    return query.limit(where.limit) if where.limit is not None else query


def _citing_articles(connection: Connection, fact_ids: list[str]) -> dict[str, list[str]]:
    """For each of ``fact_ids``, the ids of the articles citing it, one per article as
    ``select_facts`` names them: read from the ``claims_fact`` index alone, joined into one
    string per fact in SQL (a fact's articles are many rows, its string one)."""
    found: dict[str, list[str]] = {fact: [] for fact in fact_ids}
    for chunk in _chunks(fact_ids):
        per_article = (
            select(claims.c.fact_id, sql.min(claims.c.article).label("article"))
            .where(claims.c.fact_id.in_(chunk))
            .group_by(claims.c.fact_id, claims.c.article_key)
            .subquery("per_article")
        )
        joined = sql.aggregate_strings(per_article.c.article, _SEPARATOR)
        query = select(per_article.c.fact_id, joined).group_by(per_article.c.fact_id)
        for fact, cited in connection.execute(query).all():
            found[fact] = cited.split(_SEPARATOR)
    return found


def fact_outlets_of(connection: Connection, fact_ids: list[str]) -> dict[str, list[str]]:
    """For each of ``fact_ids``, the names of the outlets that published its articles."""
    found: dict[str, list[str]] = {fact: [] for fact in fact_ids}
    for chunk in _chunks(fact_ids):
        query = select(fact_outlets.c.fact_id, fact_outlets.c.outlet)
        chosen = query.where(fact_outlets.c.fact_id.in_(chunk))
        for fact, outlet in connection.execute(chosen).all():
            found[fact].append(outlet)
    return found


def _chunks(values: list[str]) -> Iterator[list[str]]:
    for at in range(0, len(values), _ARTICLES_BATCH):
        yield values[at : at + _ARTICLES_BATCH]


def facts_with_articles(connection: Connection, rows: Sequence[Any]) -> list[Fact]:
    """``facts`` table rows as ``Fact``s, their articles and outlets read for just these rows."""
    ids = [row.fact_id for row in rows]
    cited, outlets = _citing_articles(connection, ids), fact_outlets_of(connection, ids)
    return [fact_of_row(row, cited[row.fact_id], outlets[row.fact_id]) for row in rows]


def iter_facts(ledger: Ledger, where: ClaimFilter | None = None) -> Iterator[Fact]:
    """Every fact among the claims ``where`` selects (all claims when None), streamed in key
    order."""
    chosen = where or ClaimFilter()
    fact_level = is_fact_level(chosen)
    query = select_fact_rows(chosen) if fact_level else select_facts(chosen, ledger.backend)
    with ledger.engine.connect() as connection:
        # Streamed: the option on the statement, not the connection, which reads on.
        result = connection.execute(query.execution_options(yield_per=_BATCH))
        for partition in result.partitions():
            if fact_level:
                yield from facts_with_articles(connection, partition)
            else:
                yield from (fact_from_row(row) for row in partition)


def count_facts(ledger: Ledger, where: ClaimFilter | None = None) -> int:
    """How many facts the claims ``where`` selects make (``where.limit`` aside)."""
    chosen = dataclasses.replace(where or ClaimFilter(), limit=None)
    if is_fact_level(chosen):
        query = select(sql.count()).select_from(facts).where(*fact_conditions(chosen))
    else:
        grouped = select_facts(chosen, ledger.backend).order_by(None).subquery()
        query = select(sql.count()).select_from(grouped)
    with ledger.engine.connect() as connection:
        return int(connection.execute(query).scalar_one())


def fact_filter(measure: str, low: float, high: float) -> ClaimFilter:
    """The narrowest claim filter that holds every claim of a fact of this measure and value
    (read from the value index): what a fact's page links carry."""
    return ClaimFilter(measures=(measure,), min_value=float(low), max_value=float(high))


def find_fact(ledger: Ledger, wanted: str, where: ClaimFilter | None = None) -> Fact | None:
    """The fact whose id is ``wanted`` among the claims ``where`` selects (all claims when None),
    None when none of them makes it. Its citations are all of its claims, whatever ``where``."""
    chosen = dataclasses.replace(where or ClaimFilter(), limit=None)
    query = select(facts).where(facts.c.fact_id == wanted)
    if is_fact_level(chosen):
        query = query.where(*fact_conditions(chosen))
    else:
        # Read by the claims' fact id index, then tested against the claim-level filter.
        matching = select(claims.c.claim_id).where(
            claims.c.fact_id == wanted, *_conditions(chosen, ledger.backend)
        )
        query = query.where(matching.exists())
    with ledger.engine.connect() as connection:
        rows = connection.execute(query).all()
        return facts_with_articles(connection, rows)[0] if rows else None
