"""The ledger at scale: ingest rate, size on disk and `claims` query latency at ~1M claims.

Usage, from the repository root (see README.md)::

    python benchmarks/bench_ledger.py [--claims N] [--postgres URL] [--keep PATH] [--bulk]

It extracts each shared corpus article (and the seed) once, then stores copies of them under new
ids, URLs and publication dates (claim periods shifted with them) through
``Ledger.store_batch``, a transaction for every 32 articles as ``warledger ingest`` does, until
the ledger holds ``--claims`` claims.
It reports articles/s and claims/s of that storing, the ledger's size on disk, p50/p95 latency of
five typical ``claims`` queries through ``warledger.ledger.query`` (the code the CLI runs), and,
for a real ingest of the corpus (extract + store), the share of the time spent storing.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text

from warledger.extract.pipeline import extract_article
from warledger.ledger import ClaimFilter, Ledger, iter_claims, totals
from warledger.ledger.bulk import store_new_batch
from warledger.ledger.ingest import BATCH_ARTICLES
from warledger.ledger.query import latest_per_source
from warledger.readers import iter_articles
from warledger.record import Article, Claim

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
# Copies are published over four years (~100 articles a day at 1M claims), centred on the
# original dates.
SPREAD_DAYS = 1461


def base_articles(shared: Path) -> list[Article]:
    """The corpus articles and the seed, as the readers give them."""
    paths = [str(shared / "corpus" / "articles"), str(shared / "seeds" / "seed-article.txt")]
    found = [item for item in iter_articles(paths) if isinstance(item, Article)]
    if not found:
        sys.exit(f"no articles under {shared}: the benchmark needs ../shared")
    return found


def _shift(day: str | None, by: timedelta) -> str | None:
    return (date.fromisoformat(day) + by).isoformat() if day else None


def copy_of(
    article: Article, found: list[Claim], number: int, copy: int
) -> tuple[Article, list[Claim]]:
    """Copy ``copy`` of an article: its own id, URL, publication date and claim periods."""
    by = timedelta(days=copy % SPREAD_DAYS - SPREAD_DAYS // 2)
    new_id = f"bench-{copy:06d}-{number:02d}"
    published = article.published + by if article.published else None
    moved = dataclasses.replace(
        article, id=new_id, url=f"https://bench.example.org/{copy}/{number}", published=published
    )
    claims = [
        dataclasses.replace(
            claim,
            article=new_id,
            period_start=_shift(claim.period_start, by),
            period_end=_shift(claim.period_end, by),
        )
        for claim in found
    ]
    return moved, claims


def build(
    ledger: Ledger, base: list[tuple[Article, list[Claim]]], target: int, bulk: bool = False
) -> dict[str, Any]:
    """Store copies until the ledger holds ``target`` claims; the storing rate.

    Copies go through ``Ledger.store_batch`` as ``ingest`` stores them; ``bulk`` writes a whole
    pass of copies a transaction with ``store_new_batch`` instead, which skips the checks for an
    article already stored: the same rows, faster, for timing queries.
    """
    stored_articles = stored_claims = 0
    copy = 0
    started = time.perf_counter()
    last_report = started
    while stored_claims < target:
        batch = []
        for number, (article, found) in enumerate(base):
            moved, claims = copy_of(article, found, number, copy)
            batch.append((moved, claims))
            stored_articles += 1
            stored_claims += len(claims)
            if stored_claims >= target:
                break
        if bulk:
            store_new_batch(ledger, batch, f"bench:copy-{copy}")
        else:
            for first in range(0, len(batch), BATCH_ARTICLES):
                chunk = batch[first : first + BATCH_ARTICLES]
                ledger.store_batch([(a, c, f"bench:copy-{copy}") for a, c in chunk])
        copy += 1
        now = time.perf_counter()
        if now - last_report > 30:
            last_report = now
            rate = stored_claims / (now - started)
            print(f"  ... {stored_claims:,} claims, {rate:,.0f} claims/s", file=sys.stderr)
    seconds = time.perf_counter() - started
    return {
        "articles": stored_articles,
        "claims": stored_claims,
        "seconds": seconds,
        "articles_per_s": stored_articles / seconds,
        "claims_per_s": stored_claims / seconds,
    }


def real_ingest(
    ledger: Ledger, base: list[Article], passes: int, tag: str, batch: int = BATCH_ARTICLES
) -> dict[str, float]:
    """Extract and store the corpus as ``ingest`` does (``batch`` articles a transaction);
    seconds in each, over ``passes``.

    Each pass stores the articles under a new URL (``tag`` tells calls apart), so every store
    writes, as a new article: an article stored again unchanged would time a skipped write.
    """
    extract_s = store_s = 0.0
    waiting: list[tuple[Article, list[Claim], str]] = []
    for run in range(passes):
        for number, article in enumerate(base):
            started = time.perf_counter()
            found = extract_article(article)
            extract_s += time.perf_counter() - started
            url = f"https://real.example.org/{tag}/{run}/{number}"
            waiting.append((dataclasses.replace(article, url=url), found, "bench:real"))
            if len(waiting) == batch:
                store_s += _store_timed(ledger, waiting)
    store_s += _store_timed(ledger, waiting)
    return {
        "extract_s": extract_s,
        "store_s": store_s,
        "store_share": store_s / (extract_s + store_s),
    }


def _store_timed(ledger: Ledger, waiting: list[tuple[Article, list[Claim], str]]) -> float:
    started = time.perf_counter()
    if waiting:
        ledger.store_batch(waiting)
    waiting.clear()
    return time.perf_counter() - started


def ledger_size(ledger: Ledger, path: Path | None) -> int:
    """Bytes on disk: the SQLite file and its WAL, or PostgreSQL's pg_database_size."""
    if path is not None:
        wal = Path(str(path) + "-wal")
        return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
    with ledger.engine.connect() as connection:
        return connection.execute(text("SELECT pg_database_size(current_database())")).scalar_one()


def queries(limit: int | None) -> list[tuple[str, Callable[[Ledger], int]]]:
    """The five typical queries; each returns how many records it read."""

    def claims(**where: Any) -> Callable[[Ledger], int]:
        chosen = ClaimFilter(**where, limit=limit)
        return lambda ledger: sum(1 for _ in iter_claims(ledger, chosen))

    return [
        ("measure+source", claims(measures=("casualties",), sources=("uk-mod",))),
        (
            "place+month",
            claims(places=("UA-23",), period_from=date(2023, 3, 1), period_to=date(2023, 3, 31)),
        ),
        ("value range", claims(min_value=100_000, max_value=200_000)),
        ("full-text", claims(search="forcibly called up")),
        ("latest per source", lambda ledger: len(latest_per_source(ledger, "casualties"))),
    ]


def time_queries(ledger: Ledger, limit: int | None, runs: int) -> list[dict[str, Any]]:
    """p50/p95 milliseconds of each query over ``runs`` runs after one warm-up run."""
    results = []
    for name, run in queries(limit):
        rows = run(ledger)
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            run(ledger)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        results.append(
            {
                "query": name,
                "rows": rows,
                "p50_ms": statistics.median(times),
                "p95_ms": times[min(len(times) - 1, round(0.95 * len(times)) - 1)],
            }
        )
    return results


def bench_backend(
    label: str,
    target: str,
    path: Path | None,
    base: list[tuple[Article, list[Claim]]],
    corpus: list[Article],
    args: argparse.Namespace,
) -> None:
    print(f"\n== {label}: {target if path is None else path}", flush=True)
    with Ledger(target) as ledger:
        if totals(ledger).articles:
            sys.exit(f"{ledger.name} is not empty: give the benchmark an empty ledger")
        fresh = real_ingest(ledger, corpus, args.real_passes, "empty")
        built = build(ledger, base, args.claims, args.bulk)
        at_scale = real_ingest(ledger, corpus, args.real_passes, "at-scale")
        size = ledger_size(ledger, path)
        stored = totals(ledger)
        print(
            f"ingest (store only): {built['articles']:,} articles, {built['claims']:,} claims in "
            f"{built['seconds']:.0f} s = {built['articles_per_s']:,.0f} articles/s, "
            f"{built['claims_per_s']:,.0f} claims/s"
        )
        print(
            f"ledger: {stored.articles:,} articles, {stored.claims:,} claims, "
            f"{size / 2**20:,.0f} MiB on disk ({size / stored.claims:,.0f} bytes/claim)"
        )
        for when, real in (("empty ledger", fresh), ("at scale", at_scale)):
            print(
                f"real ingest of the corpus into the {when} ({args.real_passes} passes): "
                f"extract {real['extract_s']:.2f} s, store {real['store_s']:.2f} s, "
                f"storage share {real['store_share']:.1%} (store/extract "
                f"{real['store_s'] / real['extract_s']:.3f})"
            )
        print_queries(ledger, args)


def print_queries(ledger: Ledger, args: argparse.Namespace) -> None:
    """p50/p95 of the five queries (with the limit), then once without it if asked."""
    limit = args.query_limit or None
    print(f"queries ({args.runs} runs each, limit {limit}):")
    print(f"  {'query':<20} {'rows':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for row in time_queries(ledger, limit, args.runs):
        p50, p95 = row["p50_ms"], row["p95_ms"]
        print(f"  {row['query']:<20} {row['rows']:>7,} {p50:>8.1f} {p95:>8.1f}")
    if limit is not None and args.unlimited:
        for row in time_queries(ledger, None, 3):
            p50 = row["p50_ms"]
            print(f"  unlimited {row['query']:<20} {row['rows']:>7,} p50 {p50:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000, help="claims to store")
    parser.add_argument("--postgres", metavar="URL", help="also bench this (empty) PostgreSQL db")
    parser.add_argument("--no-sqlite", action="store_true", help="bench PostgreSQL only")
    parser.add_argument("--keep", metavar="PATH", help="keep the SQLite ledger at PATH")
    parser.add_argument(
        "--reuse", metavar="PATH|URL", help="only time the queries on this built ledger"
    )
    parser.add_argument("--runs", type=int, default=50, help="timed runs of each query")
    parser.add_argument(
        "--query-limit", type=int, default=100, help="records per query, as --limit (0: all)"
    )
    parser.add_argument(
        "--unlimited", action="store_true", help="also time each query without a limit (3 runs)"
    )
    parser.add_argument(
        "--bulk", action="store_true", help="build with store_new_batch (fast; rates not ingest's)"
    )
    parser.add_argument("--real-passes", type=int, default=2, help="passes of the real ingest")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder")
    args = parser.parse_args()

    if args.reuse:
        with Ledger(args.reuse) as ledger:
            print(f"{ledger.name}: {totals(ledger).claims:,} claims")
            print_queries(ledger, args)
        return
    corpus = base_articles(args.shared)
    started = time.perf_counter()
    base = [(article, extract_article(article)) for article in corpus]
    per_pass = sum(len(found) for _, found in base)
    print(
        f"corpus: {len(corpus)} articles, {per_pass} claims a pass, extracted once in "
        f"{time.perf_counter() - started:.1f} s; target {args.claims:,} claims "
        f"(~{args.claims // per_pass + 1:,} passes)"
    )
    if not args.no_sqlite:
        if args.keep:
            path = Path(args.keep).absolute()
            if path.exists():
                sys.exit(f"{path} exists: --keep needs a new path")
            bench_backend("SQLite", str(path), path, base, corpus, args)
        else:
            with tempfile.TemporaryDirectory(prefix="bench-ledger-") as folder:
                path = Path(folder) / "ledger.db"
                bench_backend("SQLite", str(path), path, base, corpus, args)
    if args.postgres:
        bench_backend("PostgreSQL", args.postgres, None, base, corpus, args)
    print(f"\n(python {sys.version.split()[0]}, {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
