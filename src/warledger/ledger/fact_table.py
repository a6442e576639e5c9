"""The facts table, kept in step with the claims in the transaction that writes them.

Storing claims adds them to their facts (``add_claims``): one upsert per fact that raises its
citations and article count and widens its first and last seen days, plus its places, outlets
and months. Replacing an article takes its current claims out first (``remove_article``): the
counts go down, a fact, outlet or month left with nothing is dropped, and the seen days of the
facts it touched are read again from their remaining claims (a minimum cannot be subtracted).

Every change is an increment or a commutative min/max, applied to the row under its lock, so two
ingests writing the same facts at once add up on PostgreSQL as on SQLite (where writers take
turns); rows are written in fact id order, so two writers lock them in the same order.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Connection, bindparam, case, delete, select, update
from sqlalchemy import func as sql
from sqlalchemy.dialects import postgresql, sqlite

from warledger.ledger.identity import fact_outlet, stored_outlet
from warledger.ledger.schema import (
    articles,
    claim_places,
    claims,
    fact_months,
    fact_outlets,
    fact_places,
    facts,
)

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
# How fact_months names the month of a claim whose article has no publication day (a primary
# key column cannot be NULL on PostgreSQL).
NO_MONTH = ""


@dataclass(slots=True)
class _Tally:
    """What a set of claims adds to one fact."""

    key: dict[str, Any]
    places: list[str]
    citations: int = 0
    articles: set[str] = field(default_factory=set)
    first_seen: date | None = None
    last_seen: date | None = None


@dataclass(slots=True)
class _Changes:
    """What a set of claims adds to the fact tables: per fact, per (fact, month) the claims, per
    (fact, outlet) the articles."""

    facts: dict[str, _Tally] = field(default_factory=dict)
    months: Counter[tuple[str, str]] = field(default_factory=Counter)
    outlets: Counter[tuple[str, str]] = field(default_factory=Counter)


def month_of(published: date | None) -> str:
    """The fact_months month of a claim published on ``published``."""
    return published.isoformat()[:7] if published else NO_MONTH


def _earlier(first: date | None, second: date | None) -> date | None:
    return second if first is None or (second is not None and second < first) else first


def _later(first: date | None, second: date | None) -> date | None:
    return second if first is None or (second is not None and second > first) else first


def _tally(claim_rows: Iterable[Mapping[str, Any]], outlets: Mapping[str, str | None]) -> _Changes:
    """What ``claim_rows`` add; ``outlets`` names each article's outlet, by article key."""
    changes = _Changes()
    for row in claim_rows:
        fact, article = row["fact_id"], row["article_key"]
        tally = changes.facts.get(fact)
        if tally is None:
            key = {name: row[name] for name in FACT_KEY_FIELDS}
            # The places as claim_places lists them: each once.
            places = list(dict.fromkeys(json.loads(row["places"])))
            tally = changes.facts[fact] = _Tally(key, places)
        tally.citations += 1
        outlet = outlets[article]
        if outlet and article not in tally.articles:
            changes.outlets[fact, outlet] += 1
        tally.articles.add(article)
        published = row["published"]
        tally.first_seen = _earlier(tally.first_seen, published)
        tally.last_seen = _later(tally.last_seen, published)
        changes.months[fact, month_of(published)] += 1
    return changes


def _insert(dialect_name: str, table: Any) -> Any:
    """The backend's INSERT, which has ``on_conflict_do_update``."""
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    return dialect.insert(table)


def _either(current: Any, new: Any, new_wins: ColumnElement[bool]) -> ColumnElement[Any]:
    """``new`` where it wins or ``current`` is NULL, else ``current``: the earlier or later of
    two days, either of which may be NULL (an article with no publication day)."""
    return case((current.is_(None), new), (new.is_(None), current), (new_wins, new), else_=current)


# The upserts are built once per backend: building one (its ``excluded`` columns above all)
# cost more than running it, and a store runs them for every article.
@cache
def _add_up_statement(dialect_name: str, table_name: str, key: tuple[str, ...], count: str) -> Any:
    table = facts.metadata.tables[table_name]
    upsert = _insert(dialect_name, table)
    return upsert.on_conflict_do_update(
        index_elements=[table.c[name] for name in key],
        set_={count: table.c[count] + upsert.excluded[count]},
    )


@cache
def _facts_upsert(dialect_name: str) -> Any:
    upsert = _insert(dialect_name, facts)
    new = upsert.excluded
    return upsert.on_conflict_do_update(
        index_elements=[facts.c.fact_id],
        set_={
            "citations": facts.c.citations + new.citations,
            "article_count": facts.c.article_count + new.article_count,
            "first_seen": _either(
                facts.c.first_seen, new.first_seen, new.first_seen < facts.c.first_seen
            ),
            "last_seen": _either(
                facts.c.last_seen, new.last_seen, new.last_seen > facts.c.last_seen
            ),
        },
    )


@cache
def _places_insert(dialect_name: str) -> Any:
    return _insert(dialect_name, fact_places).on_conflict_do_nothing()


def _add_up(connection: Connection, table: Any, key: list[str], rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` into ``table``, adding the last column's count to a row already there."""
    if not rows:
        return
    count = list(rows[0])[-1]
    statement = _add_up_statement(connection.dialect.name, table.name, tuple(key), count)
    connection.execute(statement, rows)


def add_claims(
    connection: Connection, claim_rows: list[dict[str, Any]], outlets: Mapping[str, str | None]
) -> None:
    """Count ``claim_rows`` (claims rows just inserted, ``fact_id`` set) into their facts;
    ``outlets`` maps each of their articles' keys to its outlet (``article_outlet``).

    An article's claims must all be in one call: it counts once towards each fact it cites.
    """
    changes = _tally(claim_rows, outlets)
    if not changes.facts:
        return
    tallies = changes.facts
    ordered = sorted(tallies)
    connection.execute(
        _facts_upsert(connection.dialect.name),
        [
            {
                "fact_id": fact,
                **tallies[fact].key,
                "citations": tallies[fact].citations,
                "article_count": len(tallies[fact].articles),
                "first_seen": tallies[fact].first_seen,
                "last_seen": tallies[fact].last_seen,
            }
            for fact in ordered
        ],
    )
    place_rows = [
        {"fact_id": fact, "place": place} for fact in ordered for place in tallies[fact].places
    ]
    if place_rows:
        connection.execute(_places_insert(connection.dialect.name), place_rows)
    _add_up(
        connection,
        fact_outlets,
        ["fact_id", "outlet"],
        [
            {"fact_id": f, "outlet": o, "articles": n}
            for (f, o), n in sorted(changes.outlets.items())
        ],
    )
    _add_up(
        connection,
        fact_months,
        ["fact_id", "month"],
        [
            {"fact_id": f, "month": m, "citations": n}
            for (f, m), n in sorted(changes.months.items())
        ],
    )


def article_outlet(outlet: str | None, url: str | None) -> str | None:
    """The outlet name an article's claims give their facts (as the facts read it back)."""
    return fact_outlet(stored_outlet(outlet, url))


def remove_article(connection: Connection, article_key: str) -> None:
    """Take the current claims of the article ``article_key`` out of their facts; run it
    before the claims (and the article row they were stored with) change."""
    stored = connection.execute(
        select(claims.c.fact_id, claims.c.published, sql.count())
        .where(claims.c.article_key == article_key)
        .group_by(claims.c.fact_id, claims.c.published)
    ).all()
    if not stored:
        return
    per_fact: Counter[str] = Counter()
    per_month: Counter[tuple[str, str]] = Counter()
    for fact, published, n in stored:
        per_fact[fact] += n
        per_month[fact, month_of(published)] += n
    ordered = sorted(per_fact)
    # The decrement locks each fact's row (in id order) before its seen days are read again.
    connection.execute(
        update(facts)
        .where(facts.c.fact_id == bindparam("fact"))
        .values(
            citations=facts.c.citations - bindparam("n"),
            article_count=facts.c.article_count - 1,
        ),
        [{"fact": fact, "n": per_fact[fact]} for fact in ordered],
    )
    connection.execute(
        update(fact_months)
        .where(fact_months.c.fact_id == bindparam("fact"), fact_months.c.month == bindparam("m"))
        .values(citations=fact_months.c.citations - bindparam("n")),
        [{"fact": f, "m": m, "n": n} for (f, m), n in sorted(per_month.items())],
    )
    row = connection.execute(
        select(articles.c.outlet, articles.c.url).where(articles.c.key == article_key)
    ).one()
    outlet = article_outlet(row.outlet, row.url)
    if outlet:
        connection.execute(
            update(fact_outlets)
            .where(fact_outlets.c.fact_id == bindparam("fact"), fact_outlets.c.outlet == outlet)
            .values(articles=fact_outlets.c.articles - 1),
            [{"fact": fact} for fact in ordered],
        )
    for table, count in ((fact_months, "citations"), (fact_outlets, "articles")):
        connection.execute(delete(table).where(table.c.fact_id.in_(ordered), table.c[count] <= 0))
    emptied = select(facts.c.fact_id).where(facts.c.fact_id.in_(ordered), facts.c.citations <= 0)
    for table in (fact_places, fact_months, fact_outlets):
        connection.execute(delete(table).where(table.c.fact_id.in_(emptied)))
    connection.execute(delete(facts).where(facts.c.fact_id.in_(emptied)))
    # The other claims of each fact still standing (a new statement: on PostgreSQL it sees
    # every claim committed by the time the rows above were locked).
    others = (claims.c.fact_id == facts.c.fact_id) & (claims.c.article_key != article_key)
    connection.execute(
        update(facts)
        .where(facts.c.fact_id.in_(ordered))
        .values(
            first_seen=select(sql.min(claims.c.published)).where(others).scalar_subquery(),
            last_seen=select(sql.max(claims.c.published)).where(others).scalar_subquery(),
        )
    )


def month_column(published: ColumnElement[Any], dialect: str) -> ColumnElement[Any]:
    """``month_of`` in SQL."""
    if dialect == "sqlite":
        month = sql.substr(published, 1, 7)
    else:
        month = sql.to_char(published, "YYYY-MM")
    return sql.coalesce(month, NO_MONTH)


def rebuild(connection: Connection) -> None:
    """Fill the fact tables afresh from the claims (whose ``fact_id`` is set)."""
    dialect = connection.dialect.name
    for table in (fact_months, fact_outlets, fact_places, facts):
        connection.execute(delete(table))
    # Every claim of a fact holds its key: min() reads it from the group.
    key = [sql.min(claims.c[name]).label(name) for name in FACT_KEY_FIELDS]
    grouped = select(
        claims.c.fact_id,
        *key,
        sql.count().label("citations"),
        sql.count(claims.c.article_key.distinct()).label("article_count"),
        sql.min(claims.c.published).label("first_seen"),
        sql.max(claims.c.published).label("last_seen"),
    ).group_by(claims.c.fact_id)
    connection.execute(facts.insert().from_select(list(grouped.selected_columns.keys()), grouped))
    placed = (
        select(claims.c.fact_id, claim_places.c.place)
        .join(
            claims,
            (claims.c.article_key == claim_places.c.article_key)
            & (claims.c.start == claim_places.c.start)
            & (claims.c.end == claim_places.c.end),
        )
        .distinct()
    )
    connection.execute(fact_places.insert().from_select(["fact_id", "place"], placed))
    month = month_column(claims.c.published, dialect)
    per_month = select(claims.c.fact_id, month.label("month"), sql.count()).group_by(
        claims.c.fact_id, month
    )
    connection.execute(
        fact_months.insert().from_select(["fact_id", "month", "citations"], per_month)
    )
    _rebuild_outlets(connection)


def _rebuild_outlets(connection: Connection) -> None:
    """Fill ``fact_outlets``: outlet names are Python's (``article_outlet``), so the (fact,
    article) pairs are read out and counted here."""
    pairs = (
        select(claims.c.fact_id, articles.c.outlet, articles.c.url)
        .join(articles, articles.c.key == claims.c.article_key)
        .group_by(claims.c.fact_id, claims.c.article_key, articles.c.outlet, articles.c.url)
    )
    counted: Counter[tuple[str, str]] = Counter()
    result = connection.execute(pairs.execution_options(yield_per=20_000))
    for partition in result.partitions():
        for fact, outlet, url in partition:
            name = article_outlet(outlet, url)
            if name:
                counted[fact, name] += 1
    rows = [{"fact_id": f, "outlet": o, "articles": n} for (f, o), n in sorted(counted.items())]
    for at in range(0, len(rows), 20_000):
        connection.execute(fact_outlets.insert(), rows[at : at + 20_000])
