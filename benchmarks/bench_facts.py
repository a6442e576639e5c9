"""Facts clustering at scale: build an N-claim SQLite ledger, time the GROUP BY, report memory.

    python benchmarks/bench_facts.py [--claims 1000000] [--db /tmp/bench-facts.db]

Synthetic articles of 10 claims each: figures drawn from a few thousand distinct facts (source,
measure, value, period, places), so every fact has many citations, as repeated reporting does.
The ledger is written through ``warledger.ledger.bulk.store_new_batch`` (thousands of articles a
transaction); the clustering is ``iter_facts`` over the whole ledger, streamed. Peak memory is
the process's maximum resident set size (``resource.getrusage``) before and after clustering.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from warledger.ledger import Ledger
from warledger.ledger.bulk import store_new_batch
from warledger.ledger.facts import iter_facts
from warledger.record import Article, Claim

CLAIMS_PER_ARTICLE = 10
ARTICLES_PER_BATCH = 2_000
SOURCES = ("ua-general-staff", "uk-mod", "us-dod", "ua-gur", "mediazona", "un-hrmmu")
MEASURES = ("casualties", "killed", "equipment", "deported", "detained")
PLACES = ((), ("UA",), ("UA-14",), ("UA-65", "UA-23"), ("RU-KRS",))


def _peak_mb() -> float:
    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _article(index: int, rng: random.Random) -> tuple[Article, list[Claim]]:
    published = date(2022, 3, 1) + timedelta(days=index % 1000)
    sentence = "According to the report, about 1,000 were counted. "
    text = f"Report {index}. " + sentence * CLAIMS_PER_ARTICLE
    found = []
    for n in range(CLAIMS_PER_ARTICLE):
        start = (
            len(f"Report {index}. ") + n * len(sentence) + len("According to the report, about ")
        )
        value = float(rng.choice((300, 899, 1260, 1523, 24_000, 465_000, 708_890)))
        end_day = date(2022, 3, 1) + timedelta(days=rng.randrange(20))
        found.append(
            Claim(
                article=f"bench-{index}",
                start=start,
                end=start + 5,
                quote=sentence.strip(),
                low=value,
                high=value,
                qualifier="approx",
                unit="person",
                per=rng.choice((None, None, "day")),
                measure=rng.choice(MEASURES),
                counted="people",
                source=rng.choice(SOURCES),
                period_start="2022-02-24",
                period_end=end_day.isoformat(),
                places=list(rng.choice(PLACES)),
            )
        )
    article = Article(
        f"bench-{index}", text, published, f"https://news{index % 50}.example/{index}"
    )
    return article, found


def build(path: Path, claims: int, seed: int = 4) -> float:
    """Fill a fresh ledger at ``path`` with ``claims`` synthetic claims; the seconds it took."""
    path.unlink(missing_ok=True)
    rng = random.Random(seed)
    began = time.perf_counter()
    articles = claims // CLAIMS_PER_ARTICLE
    with Ledger(str(path)) as ledger:
        for first in range(0, articles, ARTICLES_PER_BATCH):
            batch = (
                _article(i, rng) for i in range(first, min(first + ARTICLES_PER_BATCH, articles))
            )
            store_new_batch(ledger, batch, "bench")
    return time.perf_counter() - began


def cluster(path: Path) -> tuple[int, int, float]:
    """Facts and citations in the ledger at ``path``, and the seconds clustering took."""
    began = time.perf_counter()
    facts = citations = 0
    with Ledger(str(path)) as ledger:
        for fact in iter_facts(ledger):
            facts += 1
            citations += fact.citations
    return facts, citations, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/bench-facts.db"))
    parser.add_argument("--reuse", action="store_true", help="Cluster an existing ledger.")
    args = parser.parse_args()
    if not args.reuse:
        seconds = build(args.db, args.claims)
        print(f"built {args.claims:,} claims in {seconds:.1f} s ({_peak_mb():.0f} MB peak)")
    before = _peak_mb()
    facts, citations, seconds = cluster(args.db)
    print(
        f"clustered {citations:,} claims into {facts:,} facts in {seconds:.1f} s; "
        f"peak memory {_peak_mb():.0f} MB (before clustering {before:.0f} MB)"
    )


if __name__ == "__main__":
    main()
