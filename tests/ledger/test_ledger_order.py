"""Claims queries read publication days copied into claims (schema 3): the same rows, in the same
order, as the version-2 query gave, which sorted by the article's own publication day.

The reference here filters the stored records in Python and orders them as version 2 did, by
``articles.published`` in SQL, so NULL days and text order are each backend's own.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from sqlalchemy import create_engine, desc, select, text, update

from warledger.ledger import SCHEMA_VERSION, ClaimFilter, Ledger, iter_claims, resolve_target
from warledger.ledger.query import latest_per_source
from warledger.ledger.schema import QUERY_INDEXES, articles, claim_places, claims, meta
from warledger.record import Article, Claim

from .conftest import downgrade_to_version_3

MEASURES = ("casualties", "killed", "detained")
SOURCES = (None, "uk-mod", "ua-gur", "ua-general-staff")
PLACES = ((), ("UA",), ("UA-23",), ("UA-23", "UA-65"), ("RU-KRS",), ("UA", "RU"))
DAYS = (None, date(2023, 3, 1), date(2023, 3, 2), date(2023, 3, 2), date(2023, 4, 9))

FILTERS = [
    ClaimFilter(),
    ClaimFilter(limit=7),
    ClaimFilter(measures=("casualties",), sources=("uk-mod",), limit=5),
    ClaimFilter(measures=("casualties",), sources=("uk-mod",)),
    ClaimFilter(measures=("casualties", "killed"), limit=9),
    ClaimFilter(places=("UA-23",), period_from=date(2023, 3, 1), period_to=date(2023, 3, 31)),
    ClaimFilter(places=("UA",), period_from=date(2023, 3, 10), limit=6),
    ClaimFilter(places=("RU", "UA-65"), period_to=date(2023, 3, 5)),
    ClaimFilter(min_value=100, max_value=900, limit=8),
    ClaimFilter(min_value=500),
    ClaimFilter(published_from=date(2023, 3, 2), published_to=date(2023, 4, 1), limit=4),
    ClaimFilter(measures=("killed",), period_from=date(2023, 3, 20), published_to=date(2023, 3, 2)),
]


def _report(number: int, rng: random.Random) -> tuple[Article, list[Claim]]:
    sentence = "Officials said 100 people were counted. "
    body = f"Report {number}. " + sentence * 6
    article = Article(
        f"r{number:02d}", body, DAYS[number % len(DAYS)], f"https://x.example/{number % 17}"
    )
    found = []
    for n in range(6):
        start = body.index("100", len(f"Report {number}. ") + n * len(sentence))
        value = float(rng.choice((50, 100, 400, 900, 2000)))
        end = date(2023, 3, 1) + timedelta(days=rng.choice((0, 9, 30)))
        found.append(
            Claim(
                article=article.id,
                start=start,
                end=start + 3,
                quote=sentence.strip(),
                low=value,
                high=value * rng.choice((1, 1, 2)),
                qualifier="exact",
                unit="person",
                measure=rng.choice(MEASURES),
                counted="people",
                source=rng.choice(SOURCES),
                period_start=rng.choice((None, "2023-02-24")),
                period_end=rng.choice((None, end.isoformat(), end.isoformat())),
                places=list(rng.choice(PLACES)),
            )
        )
    return article, found


def _fill(ledger: Ledger, count: int = 40) -> None:
    rng = random.Random(7)
    for number in range(count):
        article, found = _report(number, rng)
        ledger.store(article, found, "test")


def _placed(places: list[str], wanted: tuple[str, ...]) -> bool:
    return any(p == w or ("-" not in w and p.startswith(w + "-")) for p in places for w in wanted)


def _matches(stored, published: date | None, where: ClaimFilter) -> bool:
    claim = stored.claim
    first = claim.period_start or claim.period_end
    last = claim.period_end or claim.period_start
    checks = [
        not where.measures or claim.measure in where.measures,
        not where.sources or claim.source in where.sources,
        not where.places or _placed(claim.places, where.places),
        where.period_from is None or (last is not None and last >= where.period_from.isoformat()),
        where.period_to is None or (first is not None and first <= where.period_to.isoformat()),
        where.published_from is None
        or (published is not None and published >= where.published_from),
        where.published_to is None or (published is not None and published <= where.published_to),
        where.min_value is None or claim.low >= where.min_value,
        where.max_value is None or claim.high <= where.max_value,
    ]
    return all(checks)


def _version_2_order(ledger: Ledger, descending: bool = False) -> list[tuple[str, int]]:
    """(article_key, start) of every claim in version 2's order: the article's own day first."""
    keys = (articles.c.published, claims.c.article_key, claims.c.start)
    query = (
        select(claims.c.article_key, claims.c.start, articles.c.published)
        .join(articles, articles.c.key == claims.c.article_key)
        .order_by(*(desc(key) if descending else key for key in keys))
    )
    with ledger.engine.connect() as connection:
        return [(key, start) for key, start, _ in connection.execute(query)]


def _expected(ledger: Ledger, where: ClaimFilter) -> list[tuple[str, int]]:
    every = {(s.article_key, s.claim.start): s for s in iter_claims(ledger)}
    days = _published(ledger)
    chosen = [key for key in _version_2_order(ledger) if _matches(every[key], days[key[0]], where)]
    return chosen[: where.limit] if where.limit is not None else chosen


def _published(ledger: Ledger) -> dict[str, date | None]:
    with ledger.engine.connect() as connection:
        return dict(connection.execute(select(articles.c.key, articles.c.published)).all())


def _expected_latest(ledger: Ledger, measure: str | None) -> list[tuple[str, int]]:
    every = {(s.article_key, s.claim.start): s for s in iter_claims(ledger)}
    rank = {key: n for n, key in enumerate(_version_2_order(ledger, descending=True))}
    best: dict[tuple[str, str], tuple[str, int]] = {}
    for key, stored in every.items():
        claim = stored.claim
        last = claim.period_end or claim.period_start
        if claim.source is None or last is None or measure not in (None, claim.measure):
            continue
        pair = (claim.measure, claim.source)
        if pair not in best:
            best[pair] = key
            continue
        held = every[best[pair]].claim
        held_last = held.period_end or held.period_start
        if (last, -rank[key]) > (held_last, -rank[best[pair]]):
            best[pair] = key
    pairs = select(claims.c.measure, claims.c.source).distinct()
    pairs = pairs.order_by(claims.c.measure, claims.c.source)
    with ledger.engine.connect() as connection:
        order = [tuple(row) for row in connection.execute(pairs)]
    return [best[pair] for pair in order if pair in best]


def _check_queries(ledger: Ledger) -> None:
    for where in FILTERS:
        found = [(s.article_key, s.claim.start) for s in iter_claims(ledger, where)]
        assert found == _expected(ledger, where), where
    for measure in ("casualties", "killed", None):
        latest = [(s.article_key, s.claim.start) for s in latest_per_source(ledger, measure)]
        assert latest == _expected_latest(ledger, measure), measure


def test_claims_queries_keep_version_2_results_and_order(ledger_db: str) -> None:
    with Ledger(ledger_db) as ledger:
        _fill(ledger)
        _check_queries(ledger)


def test_limited_query_is_the_head_of_the_unlimited_one(ledger_db: str) -> None:
    with Ledger(ledger_db) as ledger:
        _fill(ledger)
        for search in ("officials counted", "people"):
            every = [
                (s.article_key, s.claim.start)
                for s in iter_claims(ledger, ClaimFilter(search=search))
            ]
            head = iter_claims(ledger, ClaimFilter(search=search, limit=5))
            assert [(s.article_key, s.claim.start) for s in head] == every[:5]


def test_a_new_version_of_an_article_moves_its_claims_to_its_new_day(ledger_db: str) -> None:
    with Ledger(ledger_db) as ledger:
        _fill(ledger, 10)
        article, found = _report(3, random.Random(1))
        moved = Article(article.id, article.text + " Updated.", date(2020, 1, 1), article.url)
        ledger.store(moved, found, "test")
        with ledger.engine.connect() as connection:
            days = connection.execute(
                select(claims.c.published).where(claims.c.article_key == moved.url).distinct()
            ).all()
        assert days == [(date(2020, 1, 1),)]
        _check_queries(ledger)


def _downgrade_to_version_2(db: str) -> None:
    """Make a current ledger what version 2 wrote: no copied days or periods, v2 indexes."""
    downgrade_to_version_3(db)
    engine = create_engine(resolve_target(db))
    with engine.begin() as connection:
        new_indexes = ("claims_value", "claims_listing", "claims_published", "claim_places_place")
        for name in (*new_indexes, *(index.name for index in QUERY_INDEXES)):
            connection.execute(text(f"DROP INDEX {name}"))
        connection.execute(text("ALTER TABLE claims DROP COLUMN published"))
        for column in ("period_start", "period_end"):
            connection.execute(text(f"ALTER TABLE claim_places DROP COLUMN {column}"))
        connection.execute(text("CREATE INDEX claims_value ON claims (low, high)"))
        connection.execute(
            text("CREATE INDEX claim_places_place ON claim_places (place, article_key)")
        )
        connection.execute(
            text(
                "CREATE INDEX claims_latest ON claims "
                "(measure, source, coalesce(period_end, period_start))"
            )
        )
        connection.execute(update(meta).values(value="2"))
    engine.dispose()


def test_version_2_ledger_is_upgraded_in_place_with_its_data(ledger_db: str) -> None:
    with Ledger(ledger_db) as ledger:
        _fill(ledger)
        before = {where.__repr__(): list(iter_claims(ledger, where)) for where in FILTERS}
    _downgrade_to_version_2(ledger_db)
    with Ledger(ledger_db) as ledger:
        assert ledger.schema_version_found == 2
        for where in FILTERS:
            assert list(iter_claims(ledger, where)) == before[where.__repr__()]
        _check_queries(ledger)
        with ledger.engine.connect() as connection:
            version = connection.execute(select(meta.c.value)).scalar_one()
            unset = connection.execute(
                select(claims.c.claim_id)
                .join(articles, articles.c.key == claims.c.article_key)
                .where(claims.c.published.is_distinct_from(articles.c.published))
            ).all()
    assert version == str(SCHEMA_VERSION)
    assert unset == []


@pytest.mark.parametrize("count", [3])
def test_claim_places_carry_their_claims_periods(ledger_db: str, count: int) -> None:
    with Ledger(ledger_db) as ledger:
        _fill(ledger, count)
        same = (
            (claims.c.article_key == claim_places.c.article_key)
            & (claims.c.start == claim_places.c.start)
            & (claims.c.end == claim_places.c.end)
        )
        query = select(
            claims.c.period_start,
            claims.c.period_end,
            claim_places.c.period_start,
            claim_places.c.period_end,
        ).join(claim_places, same)
        with ledger.engine.connect() as connection:
            rows = connection.execute(query).all()
    assert rows and all(row[:2] == row[2:] for row in rows)
