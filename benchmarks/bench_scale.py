"""Throughput of extraction at scale: one process, a pool of 2, and dask.distributed locally.

Usage, from the repository root: ``python benchmarks/bench_scale.py [--articles N]`` (see
README.md). It builds a synthetic JSONL dump of N articles in a temporary folder (the shared
corpus and seed re-emitted under new ids, URLs and publication dates), then times
``extract_stream`` with 1 and 2 workers and the distributed engine on a local cluster of 2
workers, and reports articles per second and the parallel efficiency (speedup / workers).
Each engine runs in a fresh child process, so none inherits another's warm caches.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
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


def measure(engine: str, workers: int, dump: Path, out: Path, blocksize: int) -> dict:
    """Run one engine in a fresh child process; its seconds, articles and claims."""
    command = [sys.executable, __file__, "--child", engine, "--workers", str(workers)]
    command += ["--dump", str(dump), "--out", str(out), "--blocksize", str(blocksize)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{engine} with {workers} workers failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def child(args: argparse.Namespace) -> None:
    if args.child == "pool":
        seconds, articles, claims = time_pool(args.dump, args.workers)
    else:
        seconds, articles, claims = time_distributed(
            args.dump, args.out, args.workers, args.blocksize
        )
    print(json.dumps({"seconds": seconds, "articles": articles, "claims": claims}))


def report(name: str, workers: int, figures: dict, one: float) -> float:
    rate = figures["articles"] / figures["seconds"]
    speedup = rate / one if one else 1.0
    print(
        f"{name:<14} {workers:>7} {figures['articles']:>9,} {figures['claims']:>10,}"
        f" {figures['seconds']:>9.1f} {rate:>8.1f} {speedup:>8.2f} {speedup / workers:>10.2f}",
        flush=True,
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
    parser.add_argument("--child", choices=("pool", "distributed"), help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    skip = set(filter(None, args.skip.split(",")))
    with tempfile.TemporaryDirectory(prefix="warledger-bench-") as folder:
        dump = Path(folder) / "synthetic.jsonl"
        out = Path(folder) / "out"
        size = write_dump(dump, base_articles(args.shared), args.articles)
        print(f"dump: {args.articles:,} articles, {size / 2**20:,.1f} MiB; {os.cpu_count()} cores")
        print(
            f"{'engine':<14} {'workers':>7} {'articles':>9} {'claims':>10} {'seconds':>9}"
            f" {'art/s':>8} {'speedup':>8} {'efficiency':>10}",
            flush=True,
        )
        one = 0.0
        for name, engine, workers in (
            ("pool1", "pool", 1),
            ("pool2", "pool", 2),
            ("distributed", "distributed", 2),
        ):
            if name in skip:
                continue
            figures = measure(engine, workers, dump, out, args.blocksize)
            rate = report(engine, workers, figures, one)
            one = one or (rate if workers == 1 else 0.0)


if __name__ == "__main__":
    main()
