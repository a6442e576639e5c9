"""Speed and memory of warledger against quantulum3 and CQE on the same sentences and articles.

Usage, from the repository root: ``python benchmarks/bench_extract.py`` (see README.md).

Each tool runs in its own child process, pinned to one CPU core with every thread pool set to
one thread, so throughput is single-core and ``ru_maxrss`` is that tool's own peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TOOLS = ("warledger-grammar", "warledger-pipeline", "quantulum3")
# Issue #6: warledger at least 10x quantulum3's and 50x CQE's throughput on one core.
TARGETS = {"quantulum3": 10, "cqe": 50}
# Thread pools of numpy/BLAS and friends; quantulum3 pulls numpy in when its classifier is on.
SINGLE_THREAD = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "NUMEXPR_NUM_THREADS": "1",
    "VECLIB_MAXIMUM_THREADS": "1",
}
_HEADER = re.compile(r"\A\s*date[ \t]+(\d{4}-\d{1,2}-\d{1,2})\s*")

Run = Callable[[str, date | None], object]


def load_sentences(shared: Path) -> list[str]:
    path = shared / "external" / "newsquant" / "formatted_test_set" / "NewsQuant.json"
    return [case["text"] for case in json.loads(path.read_text(encoding="utf-8"))]


def load_articles(shared: Path) -> list[tuple[str, date | None]]:
    """Corpus articles plus the seed, each as (body, publication date) like the text reader."""
    paths = sorted((shared / "corpus" / "articles").glob("*.txt"))
    seed = shared / "seeds" / "seed-article.txt"
    if seed.is_file():
        paths.append(seed)
    articles = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        match = _HEADER.match(text)
        published = None
        if match:
            published = date(*map(int, match.group(1).split("-")))
            text = text[match.end() :]
        articles.append((text, published))
    return articles


def make_runner(tool: str, cqe_model: str = "en_core_web_sm") -> Run:
    """Import the tool (counted in its start-up time) and return one call on one text."""
    if tool == "warledger-grammar":
        from warledger.extract.figures import find_figures

        return lambda text, published: find_figures(text)
    if tool == "warledger-pipeline":
        from warledger.extract.pipeline import extract

        return lambda text, published: extract(text, published)
    if tool == "quantulum3":
        with warnings.catch_warnings():
            # Without scikit-learn quantulum3 warns that its classifier is off; the peers'
            # baseline ran it the same way.
            warnings.simplefilter("ignore")
            from quantulum3 import parser

        return lambda text, published: parser.parse(text)
    if tool == "cqe":
        from CQE import CQE  # in its own environment: see --cqe-python

        cqe = CQE.CQE(spacy_model=cqe_model)
        return lambda text, published: cqe.parse(text)
    raise ValueError(f"unknown tool {tool!r}")


def maxrss_mb() -> float:
    # Linux reports ru_maxrss in KiB (macOS in bytes).
    scale = 1 / 1024 if sys.platform != "darwin" else 1 / 1024 / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


def throughput(run: Run, items: list[tuple[str, date | None]], min_seconds: float) -> float:
    """Items per second over whole passes, repeated until ``min_seconds`` have gone by."""
    calls = 0
    started = time.perf_counter()
    while True:
        for text, published in items:
            run(text, published)
        calls += len(items)
        elapsed = time.perf_counter() - started
        if elapsed >= min_seconds:
            return calls / elapsed


def worker(tool: str, shared: Path, min_seconds: float, cqe_model: str) -> dict[str, Any]:
    """Measure one tool in this process; the parent prints what it returns."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    sentences = [(text, None) for text in load_sentences(shared)]
    articles = load_articles(shared)
    rss_start = maxrss_mb()
    started = time.perf_counter()
    run = make_runner(tool, cqe_model)
    run(sentences[0][0], None)
    startup = time.perf_counter() - started
    # One untimed pass fills whatever caches the tool builds lazily.
    for text, published in sentences + articles:
        run(text, published)
    sentences_per_s = throughput(run, sentences, min_seconds)
    articles_per_s = throughput(run, articles, min_seconds)
    rss_peak = maxrss_mb()
    # Python heap at its highest over one more pass; tracemalloc slows everything down, so it
    # runs after the timed passes.
    tracemalloc.start()
    for text, published in sentences + articles:
        run(text, published)
    heap_peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()
    return {
        "tool": tool,
        "sentences": len(sentences),
        "articles": len(articles),
        "article_chars": sum(len(text) for text, _ in articles),
        "startup_s": startup,
        "sentences_per_s": sentences_per_s,
        "articles_per_s": articles_per_s,
        "rss_start_mb": rss_start,
        "rss_peak_mb": rss_peak,
        "heap_peak_mb": heap_peak,
    }


def run_worker(
    tool: str, shared: Path, min_seconds: float, python: str, cqe_model: str
) -> dict[str, Any] | None:
    env = {**os.environ, **SINGLE_THREAD}
    command = [python, __file__, "--worker", tool, "--shared", str(shared)]
    command += ["--min-seconds", str(min_seconds), "--cqe-model", cqe_model]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        last = done.stderr.strip().splitlines()[-1:] or ["no output"]
        print(f"{tool}: not measured ({last[0]})", file=sys.stderr)
        return None
    return json.loads(done.stdout)


def print_report(results: list[dict[str, Any]]) -> None:
    first = results[0]
    print(
        f"{first['sentences']} NewsQuant sentences, {first['articles']} articles "
        f"({first['article_chars']:,} chars); one core, one thread per tool"
    )
    print(
        f"{'tool':<20} {'sent/s':>9} {'art/s':>8} {'start s':>8} "
        f"{'maxrss MB':>10} {'(start)':>8} {'heap MB':>8}"
    )
    for r in results:
        print(
            f"{r['tool']:<20} {r['sentences_per_s']:9.0f} {r['articles_per_s']:8.1f} "
            f"{r['startup_s']:8.2f} {r['rss_peak_mb']:10.1f} {r['rss_start_mb']:8.1f} "
            f"{r['heap_peak_mb']:8.2f}"
        )
    by_tool = {r["tool"]: r for r in results}
    if not any(peer in by_tool for peer in TARGETS):
        print("no peer measured: pip install -e '.[bench]' for quantulum3, --cqe-python for CQE")
    for peer_name, target in TARGETS.items():
        peer = by_tool.get(peer_name)
        if peer is None:
            continue
        for tool in ("warledger-grammar", "warledger-pipeline"):
            if tool not in by_tool:
                continue
            ours = by_tool[tool]
            sentence_ratio = ours["sentences_per_s"] / peer["sentences_per_s"]
            article_ratio = ours["articles_per_s"] / peer["articles_per_s"]
            verdict = "met" if sentence_ratio >= target else "NOT met"
            print(
                f"{tool} / {peer_name}: sentences {sentence_ratio:.1f}x, articles "
                f"{article_ratio:.1f}x (target {target}x sentences/s: {verdict})"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared folder")
    parser.add_argument(
        "--min-seconds", type=float, default=2.0, help="time each measurement at least this long"
    )
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated tools to run")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--cqe-python",
        help="the Python of an environment with CQE installed (its pins clash with ours); "
        "adds CQE to the tools",
    )
    parser.add_argument(
        "--cqe-model", default="en_core_web_sm", help="the installed spaCy model CQE loads"
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.shared, args.min_seconds, args.cqe_model)))
        return 0
    if not (args.shared / "external" / "newsquant").is_dir():
        print(f"no NewsQuant sentences under {args.shared}", file=sys.stderr)
        return 1
    tools = [tool.strip() for tool in args.tools.split(",")]
    if args.cqe_python and "cqe" not in tools:
        tools.append("cqe")
    results = []
    for tool in tools:
        python = args.cqe_python if tool == "cqe" and args.cqe_python else sys.executable
        result = run_worker(tool, args.shared, args.min_seconds, python, args.cqe_model)
        if result is not None:
            results.append(result)
    if not results:
        return 1
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print_report(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
