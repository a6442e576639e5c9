"""Throughput of extraction at scale: one process, a pool of 2, and dask.distributed locally.

Usage, from the repository root: ``python benchmarks/bench_scale.py [--articles N]`` (see
README.md). It builds a synthetic JSONL dump of N articles in a temporary folder (the shared
corpus and seed re-emitted under new ids, URLs and publication dates), then times
``extract_stream`` with 1 and 2 workers and the distributed engine on a local cluster of 2
workers, and reports articles per second and the parallel efficiency (speedup / workers).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from warledger.readers import ReadFailure, iter_articles
from warledger.record import Article
from warledger.scale.local import Extracted, extract_stream

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def base_articles(shared: Path) -> list[Article]:
    """The corpus articles and the seed, as the readers give them."""
    paths = [str(shared / "corpus" / "articles"), str(shared / "seeds" / "seed-article.txt")]
    found = [item for item in iter_articles(paths) if isinstance(item, Article)]
    if not found:
        sys.exit(f"no articles under {shared}: the benchmark needs ../shared")
    return found


def write_dump(path: Path, base: list[Article], count: int) -> int:
    """``count`` articles cycling through ``base``, each with its own id, URL and date."""
    with path.open("w", encoding="utf-8") as file:
        for number in range(count):
            article = base[number % len(base)]
            shift = timedelta(days=(number // len(base)) % 730)
            published = article.published + shift if article.published else None
            record = {
                "id": f"syn-{number:07d}",
                "text": article.text,
                "published": published.isoformat() if published else None,
                "url": f"https://example.org/synthetic/{number}",
                "title": article.title,
                "outlet": article.outlet,
            }
            file.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path.stat().st_size


def time_pool(dump: Path, workers: int) -> tuple[float, int, int]:
    """Seconds, articles and claims of ``extract_stream`` over the dump."""
    articles = claims = 0
    started = time.perf_counter()
    for result in extract_stream(iter_articles([str(dump)]), workers):
        if isinstance(result, Extracted):
            articles += 1
            claims += len(result.claims)
        elif isinstance(result, ReadFailure):
            print(f"  failure: {result}", file=sys.stderr)
    return time.perf_counter() - started, articles, claims


def time_distributed(dump: Path, out: Path, workers: int, blocksize: int) -> tuple[float, int, int]:
    """Seconds (cluster start excluded), articles and claims of the distributed engine."""
    from warledger.scale.distributed import connect, run

    with connect(None, workers) as client:
        started = time.perf_counter()
        results = run(client, [str(dump)], str(out), blocksize=blocksize, overwrite=True)
        seconds = time.perf_counter() - started
    return seconds, sum(r.articles for r in results), sum(r.claims for r in results)


def report(name: str, workers: int, run: Callable[[], tuple[float, int, int]], one: float) -> float:
    seconds, articles, claims = run()
    rate = articles / seconds
    speedup = rate / one if one else 1.0
    print(
        f"{name:<14} {workers:>7} {articles:>9,} {claims:>10,} {seconds:>9.1f} {rate:>8.1f}"
        f" {speedup:>8.2f} {speedup / workers:>10.2f}"
    )
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000, help="synthetic dump size")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder")
    parser.add_argument(
        "--blocksize", type=int, default=4 * 2**20, help="JSONL bytes per distributed task"
    )
    parser.add_argument(
        "--skip", default="", help="comma-separated engines to leave out: pool1,pool2,distributed"
    )
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    with tempfile.TemporaryDirectory(prefix="warledger-bench-") as folder:
        dump = Path(folder) / "synthetic.jsonl"
        size = write_dump(dump, base_articles(args.shared), args.articles)
        print(f"dump: {args.articles:,} articles, {size / 2**20:,.1f} MiB; {os.cpu_count()} cores")
        print(
            f"{'engine':<14} {'workers':>7} {'articles':>9} {'claims':>10} {'seconds':>9}"
            f" {'art/s':>8} {'speedup':>8} {'efficiency':>10}"
        )
        one = 0.0
        if "pool1" not in skip:
            one = report("pool", 1, lambda: time_pool(dump, 1), 0.0)
        if "pool2" not in skip:
            report("pool", 2, lambda: time_pool(dump, 2), one)
        if "distributed" not in skip:
            out = Path(folder) / "out"
            report("distributed", 2, lambda: time_distributed(dump, out, 2, args.blocksize), one)


if __name__ == "__main__":
    main()
