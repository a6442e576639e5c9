"""Where the full pipeline spends its time: cProfile over the corpus and NewsQuant sentences.

python benchmarks/profile_extract.py                 # top 30 functions by cumulative time
python benchmarks/profile_extract.py --sort tottime --top 40 --inputs sentences
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import load_articles, load_sentences  # noqa: E402

from warledger.extract.pipeline import extract  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--inputs", choices=("articles", "sentences", "both"), default="both")
    parser.add_argument("--sort", choices=("cumulative", "tottime"), default="cumulative")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args(argv)

    items = []
    if args.inputs in ("articles", "both"):
        items += load_articles(args.shared)
    if args.inputs in ("sentences", "both"):
        items += [(text, None) for text in load_sentences(args.shared)]
    # One untimed pass first, as in bench_extract.py: imports, regex compiles and caches.
    for text, published in items:
        extract(text, published)
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.passes):
        for text, published in items:
            extract(text, published)
    profile.disable()
    print(f"{len(items)} inputs x {args.passes} passes ({args.inputs})")
    pstats.Stats(profile).sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
