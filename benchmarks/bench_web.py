"""The web pages at scale: p50/p95 of each page over a ledger of ~1M claims (target: < 300 ms).

Usage, from the repository root::

    python benchmarks/bench_web.py [--db PATH] [--claims N] [--runs N]

``--db`` (default ``/tmp/warledger-bench-web.db``) is reused when it already holds ``--claims``
claims (``benchmarks/bench_ledger.py --keep PATH`` builds the same kind of ledger); otherwise
the shared corpus articles are extracted once and stored again and again under new ids, URLs
and publication dates (periods shifted with them), a batch of articles per transaction, until
it does. Each page is then fetched in-process (Starlette's TestClient over httpx: no network),
once to warm up and ``--runs`` times timed. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

from bench_ledger import copy_of  # the same synthetic copies as the ledger benchmark
from starlette.testclient import TestClient

from warledger.extract.pipeline import extract_article
from warledger.ledger import Ledger, totals
from warledger.ledger.browse import latest_articles
from warledger.ledger.bulk import store_new_batch
from warledger.ledger.facts import fact_filter, iter_facts
from warledger.readers import iter_articles
from warledger.record import Article
from warledger.web import create_app
from warledger.web.present import fact_url

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
BATCH = 200


def build(db: str, target: int) -> None:
    """Fill ``db`` with copies of the corpus until it holds ``target`` claims."""
    paths = [str(SHARED / "corpus" / "articles"), str(SHARED / "seeds")]
    base = [(a, extract_article(a)) for a in iter_articles(paths) if isinstance(a, Article)]
    if not base:
        sys.exit(f"no articles under {SHARED}: building the ledger needs ../shared")
    with Ledger(db) as ledger:
        stored = totals(ledger).claims
        copy = stored // sum(len(found) for _, found in base) + 1
        started = time.perf_counter()
        while stored < target:
            batch = []
            for _ in range(max(1, BATCH // len(base))):
                batch += [copy_of(a, found, n, copy) for n, (a, found) in enumerate(base)]
                copy += 1
            stored += store_new_batch(ledger, batch, "bench:web")
            rate = stored / (time.perf_counter() - started)
            print(f"  ... {stored:,} claims ({rate:,.0f}/s)", file=sys.stderr, end="\r")
        print(file=sys.stderr)


def pages(db: str) -> list[str]:
    """The pages timed: each kind of page with typical filters."""
    with Ledger(db) as ledger:
        article = latest_articles(ledger, 1)[0]["key"]
        # A fact of the measure timed, reached as the facts table links it (measure and value).
        fact = next(iter_facts(ledger, fact_filter("casualties", 1000, 1e9)))
    return [
        "/",
        "/claims",
        "/claims?measure=casualties&source=uk-mod",
        "/claims?search=forcibly+called+up",
        "/claims?place=UA-23&from=2023-03-01&to=2023-03-31",
        "/claims?measure=casualties&_sort=value&_desc=1",
        "/claims?_page=200",
        f"/articles/{quote(article, safe='')}",
        "/compare?measure=casualties",
        "/compare?measure=casualties&place=UA&from=2024-01-01&to=2024-06-30",
        "/compare.vl.json?measure=casualties",
        "/sources/ua-general-staff",
        "/claims.csv?measure=casualties&source=uk-mod&from=2024-01-01&to=2024-01-31",
        "/facts",
        "/facts?measure=casualties",
        fact_url(fact),
        "/facts.csv?measure=casualties",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="/tmp/warledger-bench-web.db", help="the SQLite ledger")
    parser.add_argument("--claims", type=int, default=1_000_000, help="claims it must hold")
    parser.add_argument("--runs", type=int, default=20, help="timed fetches of each page")
    parser.add_argument("--only", help="time only the pages whose path holds this text")
    args = parser.parse_args()

    with Ledger(args.db) as ledger:
        held = totals(ledger)
    if held.claims < args.claims:
        print(f"building {args.db}: {held.claims:,} -> {args.claims:,} claims", flush=True)
        build(args.db, args.claims)
        with Ledger(args.db) as ledger:
            held = totals(ledger)
    print(f"{args.db}: {held.articles:,} articles, {held.claims:,} claims")
    print(f"{'page':<72} {'first':>7} {'p50 ms':>7} {'p95 ms':>7}")
    with TestClient(create_app(args.db)) as client:
        for path in pages(args.db):
            if args.only and args.only not in path:
                continue
            started = time.perf_counter()
            response = client.get(path)
            first = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, (path, response.status_code)
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                client.get(path)
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
            print(f"{path[:72]:<72} {first:>7.0f} {statistics.median(times):>7.0f} {p95:>7.0f}")


if __name__ == "__main__":
    main()
