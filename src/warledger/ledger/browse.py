"""Browsing the ledger a page at a time: counts, facets, sorted pages, figures cited elsewhere.

What the web pages read. Every claims query starts from the conditions of ``select_claims``, so
a page shows exactly the claims the same ``ClaimFilter`` gives ``warledger claims``; only
ordering and paging are added. Where a filter only tests what makes a fact (``is_fact_level``),
counts, facets and facts pages read the facts tables instead, which hold the same answer (a
fact's citations are its claims); tests/ledger/test_ledger_browse.py holds them to it.
"""

from __future__ import annotations

import dataclasses
import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Connection, Select, desc, or_, select
from sqlalchemy import func as sql

from warledger.ledger.fact_table import NO_MONTH
from warledger.ledger.facts import (
    FACT_KEY_FIELDS,
    Fact,
    count_facts,
    fact_conditions,
    fact_from_row,
    fact_of_row,
    fact_outlets_of,
    is_fact_level,
    outlet_name,
    select_fact_rows,
    select_facts,
)
from warledger.ledger.query import (
    ClaimFilter,
    StoredClaim,
    _conditions,
    place_matches,
    select_claims,
    stored_claim,
)
from warledger.ledger.schema import articles, claim_places, claims, fact_months, fact_places, facts
from warledger.ledger.store import Ledger

FACETS = ("measure", "source", "place", "month", "outlet")
SORTS = ("published", "value", "measure", "source", "period")
FACT_FACETS = ("measure", "source", "place", "month")
FACT_SORTS = ("first_seen", "last_seen", "citations", "value", "measure", "source", "period")

# Counts (totals, facets, per-source months, facts) kept per ledger until it changes: keyed by
# the ledger's URL, the query and ``ledger_stamp``, so a page read again after new claims are
# stored counts afresh.
_CACHE_SIZE = 512
_cache: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
_cache_lock = threading.Lock()
_T = TypeVar("_T")


def _remembered(ledger: Ledger, key: tuple[Any, ...], compute: Callable[[], _T]) -> _T:
    """``compute()``, or its value from the last call with the same ``key`` on this ledger
    as it stands (``ledger_stamp``)."""
    full = (ledger.url, *key, ledger_stamp(ledger))
    with _cache_lock:
        if full in _cache:
            _cache.move_to_end(full)
            return _cache[full]  # type: ignore[no-any-return]
    value = compute()
    with _cache_lock:
        _cache[full] = value
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return value


@dataclass(slots=True)
class ClaimRow:
    """A claim on a page: the stored claim with its article's publication day, title, outlet."""

    stored: StoredClaim
    published: str | None
    title: str | None
    outlet: str | None
    url: str | None = None


@dataclass(slots=True)
class SourceMonth:
    """What one source said of one measure for periods ending in one month."""

    source: str | None
    measure: str
    month: str
    claims: int
    low: float
    high: float


def _matching(where: ClaimFilter, dialect: str) -> Select[Any]:
    return select_claims(dataclasses.replace(where, limit=None), dialect).order_by(None)


def _claims_only(where: ClaimFilter, dialect: str) -> Select[Any] | None:
    """The claims ``where`` selects without the join to ``articles`` (no condition needs it:
    publication days are copied onto claims): counting a million claims reads one index."""
    return select(claims.c.claim_id).select_from(claims).where(*_conditions(where, dialect))


def _month(column: Any, dialect: str) -> ColumnElement[Any]:
    if dialect == "sqlite":
        return sql.substr(column, 1, 7)
    return sql.to_char(column, "YYYY-MM")


def count_claims(ledger: Ledger, where: ClaimFilter) -> int:
    """How many claims ``where`` selects (ignoring its limit)."""
    chosen = dataclasses.replace(where, limit=None)
    return _remembered(ledger, ("count", repr(chosen)), lambda: _count_claims(ledger, chosen))


def _places_by_claim(where: ClaimFilter) -> tuple[ClaimFilter, list[ColumnElement[bool]]]:
    """``where`` without its places, and the condition that tests them claim by claim (by
    primary key on claim_places), when a measure and a period start choose the claims first
    (claims_measure_period): cheaper than listing every claim of a country from the place index
    (UA's are many). Otherwise ``where`` as it is, with no extra condition."""
    if where.places and where.measures and where.period_from is not None:
        return dataclasses.replace(where, places=()), [_has_place(where.places)]
    return where, []


def _count_claims(ledger: Ledger, where: ClaimFilter) -> int:
    if is_fact_level(where):
        # The citations of the facts the filter selects: every claim of a fact matches it.
        total = select(sql.coalesce(sql.sum(facts.c.citations), 0))
        with ledger.engine.connect() as connection:
            return int(connection.execute(total.where(*fact_conditions(where))).scalar_one())
    chosen, placed = _places_by_claim(where)
    alone = _claims_only(chosen, ledger.backend)
    if alone is None:
        alone = _matching(chosen, ledger.backend).with_only_columns(claims.c.claim_id)
    ids = alone.where(*placed).subquery()
    with ledger.engine.connect() as connection:
        return int(connection.execute(select(sql.count()).select_from(ids)).scalar_one())


def facet_counts(
    ledger: Ledger, where: ClaimFilter, facet: str, limit: int = 10
) -> list[tuple[str | None, int]]:
    """The ``limit`` commonest values of ``facet`` among the claims ``where`` selects.

    ``month`` is the publication month (``2024-05``) and lists the latest months first.
    """
    chosen = dataclasses.replace(where, limit=None)
    compute = functools.partial(_facet_counts, ledger, chosen, facet, limit)
    if _counted_by_facts(chosen, facet):
        # Every claim of a fact shares its key: its citations count them (the facts tables).
        compute = functools.partial(_table_facet_counts, ledger, chosen, facet, limit, True)
    return _remembered(ledger, ("facet", repr(chosen), facet, limit), compute)


def _counted_by_facts(where: ClaimFilter, facet: str) -> bool:
    """Whether the facts tables count ``facet``'s claims for ``where`` faster than the claims
    indexes do (as measured at 1M claims): a fact-level filter's measures and sources always (an
    index of ~1 row a 6 claims); its places when it has conditions (the facts first), its months
    when it has none (fact_months alone; a condition is read in publication-day order from the
    claims indexes). Outlets are the article's, not the fact's: never."""
    if facet == "outlet" or not is_fact_level(where):
        return False
    if facet in ("measure", "source"):
        return True
    filtered = bool(fact_conditions(where))
    return filtered if facet == "place" else not filtered


def _facet_counts(
    ledger: Ledger, where: ClaimFilter, facet: str, limit: int
) -> list[tuple[str | None, int]]:
    alone = _claims_only(where, ledger.backend)
    matching = _matching(where, ledger.backend)
    count: Any = sql.count().label("n")
    if facet == "place":
        key: Any = claim_places.c.place
        if alone is not None and not _conditions(where, ledger.backend):
            query = select(key, count)
        else:
            query = (alone if alone is not None else matching).with_only_columns(key, count)
            query = query.join(
                claim_places,
                (claim_places.c.article_key == claims.c.article_key)
                & (claim_places.c.start == claims.c.start)
                & (claim_places.c.end == claims.c.end),
            )
    elif facet == "month":
        # Claims per publication day first (read in the order of the claims indexes), then
        # the days summed into months.
        per_day = (
            (alone if alone is not None else matching)
            .with_only_columns(claims.c.published.label("day"), sql.count().label("n"))
            .group_by(claims.c.published)
            .subquery()
        )
        key = _month(per_day.c.day, ledger.backend).label("month")
        query = select(key, sql.sum(per_day.c.n).label("n"))
        count = query.selected_columns.n
    elif facet in ("measure", "source", "outlet"):
        # The article's outlet is copied onto its claims (claims_outlet), as its day is.
        key = claims.c[facet]
        query = (alone if alone is not None else matching).with_only_columns(key, count)
    else:
        raise ValueError(f"unknown facet {facet!r}")
    order = (desc(key),) if facet == "month" else (desc(count), key)
    query = query.group_by(key).order_by(*order).limit(limit)
    with ledger.engine.connect() as connection:
        return [(value, n) for value, n in connection.execute(query)]


def _sort_columns(sort: str) -> list[Any]:
    columns = {
        "published": [claims.c.published],
        "value": [claims.c.high, claims.c.low],
        "measure": [claims.c.measure],
        "source": [claims.c.source],
        "period": [claims.c.period_end, claims.c.period_start],
    }
    if sort not in columns:
        raise ValueError(f"unknown sort {sort!r}")
    return columns[sort]


def _nulls_last(column: Any, descending: bool, dialect: str) -> Any:
    """``column`` ordered with NULLs last, written as the backend's default order where that
    already puts them last (so an index can serve it): SQLite descending, PostgreSQL
    ascending, or a column that holds no NULLs."""
    ordered = desc(column) if descending else column
    if not column.nullable or descending == (dialect == "sqlite"):
        return ordered
    return ordered.nulls_last()


def _ordered_parts(
    base: Select[Any], columns: list[Any], tail: Sequence[Any], descending: bool, dialect: str
) -> list[Select[Any]]:
    """``base`` ordered by ``columns`` (NULLs last), then ``tail``, as index-ordered parts: when
    the first column puts NULLs last against the backend's order, the rows with a value and
    those without are two parts, each an index can serve."""
    first = columns[0]
    if first.nullable and descending != (dialect == "sqlite"):
        rest = [_nulls_last(column, descending, dialect) for column in columns[1:]]
        return [
            base.where(first.is_not(None)).order_by(
                desc(first) if descending else first, *rest, *tail
            ),
            base.where(first.is_(None)).order_by(*rest, *tail),
        ]
    keys = [_nulls_last(column, descending, dialect) for column in columns]
    return [base.order_by(*keys, *tail)]


def _page_of_parts(
    connection: Connection, parts: list[Select[Any]], offset: int, limit: int
) -> list[Any]:
    """Rows ``offset`` to ``offset + limit`` of ``parts`` read one after the other."""
    rows: list[Any] = []
    skip = offset
    for part in parts:
        wanted = limit - len(rows)
        if wanted <= 0:
            break
        found = connection.execute(part.offset(skip).limit(wanted)).all()
        if found:
            skip = 0
        elif skip:
            # Past the end of this part: skip what it holds in the next.
            held = select(sql.count()).select_from(part.order_by(None).subquery())
            skip = max(0, skip - int(connection.execute(held).scalar_one()))
        rows += found
    return rows


def page_of_claims(
    ledger: Ledger,
    where: ClaimFilter,
    sort: str = "published",
    descending: bool = False,
    offset: int = 0,
    limit: int = 50,
    conditions: tuple[ColumnElement[bool], ...] = (),
) -> list[ClaimRow]:
    """One page of the claims ``where`` selects, ordered by ``sort`` (then text order).

    The page's claim ids are picked first over index keys (filter, order, offset, limit), then
    only their rows are read. When the first sort key puts NULLs last against the backend's
    order, the claims with a value and those without are paged as two parts, each index-ordered.
    """
    dialect = ledger.backend
    tail = (claims.c.published, claims.c.article_key, claims.c.start)
    base = select(claims.c.claim_id).where(*_conditions(where, dialect), *conditions)
    parts = _ordered_parts(base, _sort_columns(sort), tail, descending, dialect)
    with ledger.engine.connect() as connection:
        ids = [row[0] for row in _page_of_parts(connection, parts, offset, limit)]
        if not ids:
            return []
        query = (
            _matching(ClaimFilter(), dialect)
            .add_columns(articles.c.title, articles.c.outlet)
            .where(claims.c.claim_id.in_(ids))
        )
        rows = {row.claim_id: row for row in connection.execute(query)}
    return [
        ClaimRow(
            stored_claim(row),
            row.published.isoformat() if row.published else None,
            row.title,
            row.outlet,
        )
        for row in (rows[claim_id] for claim_id in ids)
    ]


def latest_figures(ledger: Ledger, where: ClaimFilter, limit: int) -> list[ClaimRow]:
    """The ``limit`` claims of ``where`` with the latest period ends (claims with no period
    left out), latest first."""
    dated, placed = _places_by_claim(dataclasses.replace(where, limit=None))
    return page_of_claims(ledger, dated, "period", True, 0, limit, tuple(_dated(where) + placed))


def _dated(where: ClaimFilter) -> list[ColumnElement[bool]]:
    """Claims with a period end, as the period start of ``where`` reads it from
    claims_measure_period (a period_end set is the end the filter tests)."""
    dated: list[ColumnElement[bool]] = [claims.c.period_end.is_not(None)]
    if where.period_from is not None:
        dated.append(claims.c.period_end >= where.period_from)
    return dated


def _has_place(places: tuple[str, ...]) -> ColumnElement[bool]:
    """The claim names one of ``places`` (a country code also matches its regions)."""
    return (
        select(claim_places.c.place)
        .where(
            claim_places.c.article_key == claims.c.article_key,
            claim_places.c.start == claims.c.start,
            claim_places.c.end == claims.c.end,
            place_matches(claim_places.c.place, places),
        )
        .exists()
    )


def citing_articles(ledger: Ledger, found: list[StoredClaim]) -> dict[tuple[Any, ...], int]:
    """For each figure of ``found`` (measure, low, high, unit), how many OTHER articles cite it."""
    if not found:
        return {}
    own = {stored.article_key for stored in found}
    figures = sorted({(c.claim.measure, c.claim.low, c.claim.high) for c in found})
    key = (claims.c.measure, claims.c.low, claims.c.high, claims.c.unit)
    # Each figure read from claims_figure (measure, low, high, unit, article_key) alone.
    query = (
        select(*key, sql.count(claims.c.article_key.distinct()))
        .where(
            or_(
                *(
                    (claims.c.measure == measure) & (claims.c.low == low) & (claims.c.high == high)
                    for measure, low, high in figures
                )
            )
        )
        .where(claims.c.article_key.not_in(own))
        .group_by(*key)
    )
    with ledger.engine.connect() as connection:
        return {tuple(row[:4]): row[4] for row in connection.execute(query)}


def source_months(ledger: Ledger, where: ClaimFilter) -> list[SourceMonth]:
    """Per source, measure and month of period end: claims, lowest and highest figure."""
    chosen = dataclasses.replace(where, limit=None)
    return _remembered(ledger, ("months", repr(chosen)), lambda: _source_months(ledger, chosen))


def _source_months(ledger: Ledger, where: ClaimFilter) -> list[SourceMonth]:
    if is_fact_level(where):
        return _fact_source_months(ledger, where)
    month = _month(claims.c.period_end, ledger.backend).label("month")
    chosen, placed = _places_by_claim(where)
    # Over claims alone: every condition and column is the claim's (no articles join).
    query = (
        select(claims.c.claim_id)
        .where(*_conditions(chosen, ledger.backend))
        .with_only_columns(
            claims.c.source,
            claims.c.measure,
            month,
            sql.count().label("n"),
            sql.min(claims.c.low).label("low"),
            sql.max(claims.c.high).label("high"),
        )
        .where(*_dated(where), *placed)
        .group_by(claims.c.source, claims.c.measure, month)
        .order_by(month, claims.c.source, claims.c.measure)
    )
    with ledger.engine.connect() as connection:
        return [SourceMonth(*row) for row in connection.execute(query)]


def _fact_source_months(ledger: Ledger, where: ClaimFilter) -> list[SourceMonth]:
    """``source_months`` from the facts table: source, measure, period and value are a fact's,
    so its citations count its claims and its value is each one's."""
    month = _month(facts.c.period_end, ledger.backend).label("month")
    query = (
        select(
            facts.c.source,
            facts.c.measure,
            month,
            sql.sum(facts.c.citations).label("n"),
            sql.min(facts.c.low).label("low"),
            sql.max(facts.c.high).label("high"),
        )
        .where(*fact_conditions(where), facts.c.period_end.is_not(None))
        .group_by(facts.c.source, facts.c.measure, month)
        .order_by(month, facts.c.source, facts.c.measure)
    )
    with ledger.engine.connect() as connection:
        return [
            SourceMonth(source, measure, m, int(n), low, high)
            for source, measure, m, n, low, high in connection.execute(query)
        ]


def ledger_stamp(ledger: Ledger) -> tuple[Any, ...]:
    """Changes whenever claims are stored or replaced: the highest claim id and the number of
    articles (a replaced article's claims get new ids)."""
    query = select(
        select(sql.max(claims.c.claim_id)).scalar_subquery(),
        select(sql.count()).select_from(articles).scalar_subquery(),
    )
    with ledger.engine.connect() as connection:
        return tuple(connection.execute(query).one())


def latest_articles(ledger: Ledger, limit: int = 10) -> list[dict[str, Any]]:
    """The most recently published articles: key, id, title, outlet, published."""
    query = (
        select(articles.c.key, articles.c.id, articles.c.title, articles.c.outlet)
        .add_columns(articles.c.published)
        .order_by(desc(articles.c.published), desc(articles.c.ingested_at))
        .limit(limit)
    )
    with ledger.engine.connect() as connection:
        return [
            {**row._mapping, "published": row.published.isoformat() if row.published else None}
            for row in connection.execute(query)
        ]


@dataclass(slots=True)
class Citation:
    """One claim stating a fact: the claim with its article, and where the figure lies in the
    quote (``figure_at``; None when the quote was not found in the article body)."""

    row: ClaimRow
    figure_at: int | None


def _fact_keys(where: ClaimFilter, dialect: str) -> tuple[Any, list[Any]]:
    """The claims ``where`` selects as a subquery, and its fact key columns."""
    matching = _matching(where, dialect).subquery("matching")
    return matching, [matching.c[name] for name in FACT_KEY_FIELDS]


def fact_facet_counts(
    ledger: Ledger, where: ClaimFilter, facet: str, limit: int = 10
) -> list[tuple[str | None, int]]:
    """The ``limit`` values of ``facet`` with the most facts among the claims ``where`` selects.

    A fact counts once per value: ``place`` is each of its places, ``month`` each publication
    month it was cited in (the latest months first), as the claims filters then select it.
    A fact-level filter is counted over the ``facts`` table; any other, over the claims it
    selects (remembered until the ledger changes).
    """
    if facet not in FACT_FACETS:
        raise ValueError(f"unknown facet {facet!r}")
    chosen = dataclasses.replace(where, limit=None)
    if is_fact_level(chosen):
        return _table_facet_counts(ledger, chosen, facet, limit)
    key = ("fact-facet", repr(chosen), facet, limit)
    return _remembered(ledger, key, lambda: _grouped_facet_counts(ledger, chosen, facet, limit))


def _table_facet_counts(
    ledger: Ledger, where: ClaimFilter, facet: str, limit: int, per_claim: bool = False
) -> list[tuple[str | None, int]]:
    """``fact_facet_counts`` read from the fact tables: a fact's places in ``fact_places``, the
    months it was cited in in ``fact_months``. ``per_claim`` counts claims instead of facts
    (``facet_counts`` for a fact-level filter): each fact's citations, per month its citations
    that month."""
    conditions = fact_conditions(where)
    count: Any = sql.sum(facts.c.citations) if per_claim else sql.count()
    if facet in ("measure", "source"):
        value: Any = facts.c[facet]
        query = select(value, count.label("n")).where(*conditions)
        column = value
    else:
        table = fact_places if facet == "place" else fact_months
        column = table.c.place if facet == "place" else table.c.month
        if per_claim and facet == "month":
            count = sql.sum(fact_months.c.citations)
        query = select(column, count.label("n")).select_from(table)
        if conditions or (per_claim and facet == "place"):
            query = query.join(facts, facts.c.fact_id == table.c.fact_id).where(*conditions)
        # An article with no publication day is the month NULL, as the claims count it.
        value = column if facet == "place" else sql.nullif(column, NO_MONTH)
        query = query.with_only_columns(value, count.label("n"))
    order = (desc(value),) if facet == "month" else (desc(count), value)
    query = query.group_by(column).order_by(*order).limit(limit)
    with ledger.engine.connect() as connection:
        return [(found, int(n)) for found, n in connection.execute(query)]


def _grouped_facet_counts(
    ledger: Ledger, where: ClaimFilter, facet: str, limit: int
) -> list[tuple[str | None, int]]:
    """``fact_facet_counts`` over the claims ``where`` selects, grouped by fact key."""
    matching, key = _fact_keys(where, ledger.backend)
    if facet in ("measure", "source"):
        value: Any = matching.c[facet]
    elif facet == "place":
        value = claim_places.c.place
    else:
        value = _month(matching.c.published, ledger.backend)
    pairs = select(value.label("value"), *key).distinct()
    if facet == "place":
        pairs = pairs.join_from(
            matching,
            claim_places,
            (claim_places.c.article_key == matching.c.article_key)
            & (claim_places.c.start == matching.c.start)
            & (claim_places.c.end == matching.c.end),
        )
    column = pairs.subquery("facts").c.value
    count: Any = sql.count().label("n")
    order = (desc(column),) if facet == "month" else (desc(count), column)
    query = select(column, count).group_by(column).order_by(*order).limit(limit)
    with ledger.engine.connect() as connection:
        return [(found, n) for found, n in connection.execute(query)]


def count_facts_cached(ledger: Ledger, where: ClaimFilter) -> int:
    """``count_facts``; over claims (a filter that is not fact-level), remembered until the
    ledger changes, as the claims counts are."""
    chosen = dataclasses.replace(where, limit=None)
    if is_fact_level(chosen):
        return count_facts(ledger, chosen)
    key = ("fact-count", repr(chosen))
    return _remembered(ledger, key, lambda: count_facts(ledger, chosen))


def _fact_sort_columns(grouped: Any, sort: str) -> list[Any]:
    columns = {
        "first_seen": ["first_seen"],
        "last_seen": ["last_seen"],
        "citations": ["citations"],
        "value": ["high", "low"],
        "measure": ["measure"],
        "source": ["source"],
        "period": ["period_end", "period_start"],
    }
    if sort not in columns:
        raise ValueError(f"unknown sort {sort!r}")
    return [grouped.c[name] for name in columns[sort]]


@dataclass(slots=True)
class FactRow:
    """A fact as a page lists it: ``fact`` with only its first articles (by id) in
    ``fact.articles``, and how many articles cite it in all."""

    fact: Fact
    article_total: int


def page_of_facts(
    ledger: Ledger,
    where: ClaimFilter,
    sort: str = "first_seen",
    descending: bool = False,
    offset: int = 0,
    limit: int = 50,
    shown: int = 3,
) -> list[FactRow]:
    """One page of the facts ``where`` selects (its limit counting facts, as ``warledger facts``
    does), ordered by ``sort`` then by the fact key, each with its first ``shown`` articles.

    A fact-level filter pages the ``facts`` table and reads the articles of the page's facts
    only (a fact cited thousands of times costs a count, not a list); any other groups the
    claims it selects."""
    if is_fact_level(where):
        return _page_of_fact_rows(ledger, where, sort, descending, offset, limit, shown)
    grouped = select_facts(where, ledger.backend).subquery("facts")
    chosen = _fact_sort_columns(grouped, sort)
    keys = [(desc(column) if descending else column).nulls_last() for column in chosen]
    query = (
        select(grouped)
        .order_by(*keys, *(grouped.c[name] for name in FACT_KEY_FIELDS))
        .offset(offset)
        .limit(limit)
    )
    with ledger.engine.connect() as connection:
        found = [fact_from_row(row) for row in connection.execute(query)]
    return [
        FactRow(dataclasses.replace(fact, articles=fact.articles[:shown]), len(fact.articles))
        for fact in found
    ]


def _page_of_fact_rows(
    ledger: Ledger,
    where: ClaimFilter,
    sort: str,
    descending: bool,
    offset: int,
    limit: int,
    shown: int,
) -> list[FactRow]:
    """``page_of_facts`` from the ``facts`` table, in the order of its sort index."""
    if where.limit is None:
        source: Any = facts
        base = select(facts).where(*fact_conditions(where))
    else:
        # The first facts in key order, as the limit chooses them, then sorted.
        source = select_fact_rows(where).subquery("facts")
        base = select(source)
    key = [source.c[name] for name in FACT_KEY_FIELDS]
    columns = _fact_sort_columns(source, sort)
    parts = _ordered_parts(base, columns, key, descending, ledger.backend)
    with ledger.engine.connect() as connection:
        rows = _page_of_parts(connection, parts, offset, limit)
        return _fact_rows(connection, rows, shown)


def _fact_rows(connection: Connection, rows: list[Any], shown: int) -> list[FactRow]:
    """``facts`` table rows as ``FactRow``s: each fact's first ``shown`` article ids and their
    number read from the ``claims_fact`` index (fact id, article id), its outlets from
    ``fact_outlets``."""
    ids = [row.fact_id for row in rows]
    named = claims.c.article != ""
    totals = dict(
        connection.execute(
            select(claims.c.fact_id, sql.count(claims.c.article.distinct()))
            .where(claims.c.fact_id.in_(ids), named)
            .group_by(claims.c.fact_id)
        ).all()
    )
    outlets = fact_outlets_of(connection, ids)
    found = []
    for row in rows:
        first = (
            select(claims.c.article)
            .where(claims.c.fact_id == row.fact_id, named)
            .distinct()
            .order_by(claims.c.article)
            .limit(shown)
        )
        cited = connection.execute(first).scalars().all()
        fact = fact_of_row(row, cited, outlets[row.fact_id])
        found.append(FactRow(fact, totals.get(row.fact_id, 0)))
    return found


def article_titles(ledger: Ledger, ids: list[str]) -> dict[str, tuple[str, str | None]]:
    """For each article id, its ledger key and title (the latest ingested, for an id stored
    twice)."""
    if not ids:
        return {}
    query = (
        select(articles.c.id, articles.c.key, articles.c.title)
        .where(articles.c.id.in_(sorted(set(ids))))
        .order_by(articles.c.ingested_at)
    )
    with ledger.engine.connect() as connection:
        return {row.id: (row.key, row.title) for row in connection.execute(query)}


def fact_citations(ledger: Ledger, fact: Fact) -> list[Citation]:
    """Every claim stating ``fact``, in publication then text order, with its article (read
    by the claims' fact id index)."""
    query = _matching(ClaimFilter(), ledger.backend).where(claims.c.fact_id == fact.fact_id)
    query = query.add_columns(articles.c.title, articles.c.outlet, articles.c.url, articles.c.body)
    query = query.order_by(articles.c.published, claims.c.article_key, claims.c.start)
    found: list[Citation] = []
    with ledger.engine.connect() as connection:
        for row in connection.execute(query):
            stored = stored_claim(row)
            claim = stored.claim
            published = row.published.isoformat() if row.published else None
            outlet = outlet_name(row.outlet, row.url)
            shown = ClaimRow(stored, published, row.title, outlet, row.url)
            found.append(Citation(shown, _figure_in_quote(row.body, claim.quote, claim.start)))
    return found


def _figure_in_quote(body: str, quote: str, start: int) -> int | None:
    """Where the figure at ``start`` of ``body`` lies in ``quote``, the sentence holding it."""
    at = body.find(quote, max(0, start - len(quote)))
    while 0 <= at <= start:
        if start < at + len(quote):
            return start - at
        at = body.find(quote, at + 1)
    return None
