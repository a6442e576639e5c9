"""Accuracy gate: no score on the checked answers may drop below its floor in eval_baseline.json.

The extractor runs over the articles of ../shared/gold (found in ../shared/seeds and
../shared/corpus/articles) and is scored as ``warledger eval`` scores it. Floors are pinned per
set: "seed" is the seed article alone, "dev" is all of the gold.

    python tests/test_eval_gate.py            # print scores against floors; exit 1 on a drop
    python tests/test_eval_gate.py --update   # rewrite the baseline with today's scores

After ``--update`` read the diff and commit it: raising a floor is a one-line commit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from warledger.evaluate import extract_gold_articles, load_claims, score

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
BASELINE = Path(__file__).with_name("eval_baseline.json")
# A score may sit this far under its floor: float noise and a one-claim wobble on the seed are not
# regressions worth a red build.
TOLERANCE = 0.005
ARTICLE_FOLDERS = (SHARED / "seeds", SHARED / "corpus" / "articles")
EVAL_SETS = {"seed": SHARED / "gold" / "seed-article.jsonl", "dev": SHARED / "gold"}


def current_scores() -> dict[str, dict[str, float]]:
    """Every reported figure for every set, rounded as the baseline pins them."""
    golds = {name: load_claims(path) for name, path in EVAL_SETS.items()}
    # One extraction serves every set: score() leaves out predictions for articles a set's gold
    # does not cover.
    every_gold = [record for gold in golds.values() for record in gold]
    predicted = extract_gold_articles(every_gold, ARTICLE_FOLDERS)
    return {
        name: {
            figure: round(value, 4) for figure, value in score(gold, predicted).figures().items()
        }
        for name, gold in golds.items()
    }


def drops(scores: dict[str, float], floors: dict[str, float]) -> list[str]:
    """The figures that fell more than TOLERANCE below their floors, one line each."""
    return [
        f"{figure}: {scores.get(figure, 0.0):.4f} < floor {floor:.4f}"
        for figure, floor in floors.items()
        if scores.get(figure, 0.0) < floor - TOLERANCE
    ]


def report(name: str, scores: dict[str, float], floors: dict[str, float]) -> str:
    rows = [
        f"  {figure:<10} {value:.4f}  (floor {floors.get(figure, 0.0):.4f})"
        for figure, value in scores.items()
    ]
    return "\n".join([f"{name}:", *rows])


def load_baseline() -> dict[str, dict[str, float]]:
    return json.loads(BASELINE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def scores() -> dict[str, dict[str, float]]:
    if not SHARED.is_dir():
        pytest.skip("../shared (gold and articles) is not beside the repository")
    return current_scores()


@pytest.mark.parametrize("eval_set", list(EVAL_SETS))
def test_no_score_drops_below_its_floor(eval_set: str, scores: dict[str, dict[str, float]]) -> None:
    floors = load_baseline()[eval_set]
    print(report(eval_set, scores[eval_set], floors))
    dropped = drops(scores[eval_set], floors)
    assert not dropped, f"{eval_set} scores dropped:\n" + "\n".join(dropped)


def test_drop_within_tolerance_passes_and_beyond_it_fails() -> None:
    floors = {"f1": 0.5, "exact": 0.5}
    assert drops({"f1": 0.5 - TOLERANCE / 2, "exact": 0.5 - TOLERANCE * 2}, floors) == [
        "exact: 0.4900 < floor 0.5000"
    ]


def test_baseline_pins_every_figure_of_every_set() -> None:
    figures = set(score([], []).figures())
    baseline = load_baseline()
    assert baseline.keys() == EVAL_SETS.keys()
    assert all(pinned.keys() == figures for pinned in baseline.values())


def main(argv: list[str]) -> int:
    if not SHARED.is_dir():
        print(f"{SHARED} is not there: nothing to score", file=sys.stderr)
        return 2
    scores = current_scores()
    if "--update" in argv:
        BASELINE.write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {BASELINE}: review the diff, then commit it")
        return 0
    baseline = load_baseline()
    failed = False
    for name, figures in scores.items():
        print(report(name, figures, baseline[name]))
        for line in drops(figures, baseline[name]):
            print(f"  DROP {line}")
            failed = True
    return int(failed)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
