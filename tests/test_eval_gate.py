"""Accuracy gate: no score on the checked answers may drop below its floor in eval_baseline.json.

The extractor runs over each set's articles and is scored as ``warledger eval`` scores it. Floors
are pinned per set: "seed" is the seed article alone and "dev" all of ../shared/gold (articles in
../shared/seeds and ../shared/corpus/articles); "examples" is tests/fixtures/examples-gold over
examples/, a second gold the extractor was not tuned on; "dev2" is tests/fixtures/dev2 (gold/ over
articles/), short reports written as a second tuning set; "dev3" is tests/fixtures/dev3 (gold/ over
articles/), a third tuning set aimed at periods and places; "dev4" is tests/fixtures/dev4 (gold/
over articles/), a fourth tuning set with more ways of stating periods and places; "holdout" is
tests/fixtures/holdout (gold/ over articles/), reports written to measure the extractor and never
to tune it. "seed" and "dev" skip when ../shared is not beside the repository; "examples", "dev2",
"dev3", "dev4" and "holdout" need nothing outside it and never skip.

    python tests/test_eval_gate.py                   # print scores against floors; exit 1 on a drop
    python tests/test_eval_gate.py --update          # re-pin every set that can be scored
    python tests/test_eval_gate.py --update examples # re-pin only the sets named

After ``--update`` read the diff and commit it: raising a floor is a one-line commit.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from warledger.evaluate import Record, extract_gold_articles, load_claims, score

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BASELINE = Path(__file__).with_name("eval_baseline.json")
# A score may sit this far under its floor: float noise and a one-claim wobble on the seed are not
# regressions worth a red build.
TOLERANCE = 0.005
SHARED_FOLDERS = (SHARED / "seeds", SHARED / "corpus" / "articles")
HOLDOUT = Path(__file__).with_name("fixtures") / "holdout"
DEV2 = Path(__file__).with_name("fixtures") / "dev2"
DEV3 = Path(__file__).with_name("fixtures") / "dev3"
DEV4 = Path(__file__).with_name("fixtures") / "dev4"


@dataclass(frozen=True)
class EvalSet:
    """Gold claims (a .jsonl file or a folder of them) and the folders holding their articles."""

    gold: Path
    articles: tuple[Path, ...]

    def available(self) -> bool:
        return self.gold.exists() and all(folder.is_dir() for folder in self.articles)


EVAL_SETS = {
    "seed": EvalSet(SHARED / "gold" / "seed-article.jsonl", SHARED_FOLDERS),
    "dev": EvalSet(SHARED / "gold", SHARED_FOLDERS),
    "examples": EvalSet(
        Path(__file__).with_name("fixtures") / "examples-gold", (ROOT / "examples",)
    ),
    "dev2": EvalSet(DEV2 / "gold", (DEV2 / "articles",)),
    "dev3": EvalSet(DEV3 / "gold", (DEV3 / "articles",)),
    "dev4": EvalSet(DEV4 / "gold", (DEV4 / "articles",)),
    "holdout": EvalSet(HOLDOUT / "gold", (HOLDOUT / "articles",)),
}


def current_scores(names: list[str] | None = None) -> dict[str, dict[str, float]]:
    """Every reported figure for each named set (default: every set), rounded as pinned."""
    chosen = {name: EVAL_SETS[name] for name in names or EVAL_SETS}
    golds = {name: load_claims(eval_set.gold) for name, eval_set in chosen.items()}
    # One extraction per group of article folders serves every set of the group: score() leaves
    # out predictions for articles a set's gold does not cover. Groups stay apart so that two
    # folders' articles of the same file name can never stand in for each other.
    predicted: dict[tuple[Path, ...], list[Record]] = {}
    for folders in dict.fromkeys(eval_set.articles for eval_set in chosen.values()):
        group_gold = [
            record
            for name, gold in golds.items()
            if chosen[name].articles == folders
            for record in gold
        ]
        predicted[folders] = extract_gold_articles(group_gold, folders)
    return {
        name: {
            figure: round(value, 4)
            for figure, value in score(gold, predicted[chosen[name].articles]).figures().items()
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
    return current_scores([name for name, eval_set in EVAL_SETS.items() if eval_set.available()])


@pytest.mark.parametrize("eval_set", list(EVAL_SETS))
def test_no_score_drops_below_its_floor(eval_set: str, scores: dict[str, dict[str, float]]) -> None:
    if eval_set not in scores:
        pytest.skip(f"{EVAL_SETS[eval_set].gold} or its articles are not there")
    floors = load_baseline()[eval_set]
    print(report(eval_set, scores[eval_set], floors))
    dropped = drops(scores[eval_set], floors)
    assert not dropped, f"{eval_set} scores dropped:\n" + "\n".join(dropped)


def test_drop_within_tolerance_passes_and_beyond_it_fails() -> None:
    floors = {"f1": 0.5, "exact": 0.5}
    assert drops({"f1": 0.5 - TOLERANCE / 2, "exact": 0.5 - TOLERANCE * 2}, floors) == [
        "exact: 0.4900 < floor 0.5000"
    ]


def test_examples_set_needs_nothing_outside_the_repository() -> None:
    examples = EVAL_SETS["examples"]
    assert examples.available()
    for path in (examples.gold, *examples.articles):
        assert path.resolve().is_relative_to(ROOT)


def test_dev2_set_needs_nothing_outside_the_repository() -> None:
    dev2 = EVAL_SETS["dev2"]
    assert dev2.available()
    for path in (dev2.gold, *dev2.articles):
        assert path.resolve().is_relative_to(ROOT)


def test_dev3_set_needs_nothing_outside_the_repository() -> None:
    dev3 = EVAL_SETS["dev3"]
    assert dev3.available()
    for path in (dev3.gold, *dev3.articles):
        assert path.resolve().is_relative_to(ROOT)


def test_dev4_set_needs_nothing_outside_the_repository() -> None:
    dev4 = EVAL_SETS["dev4"]
    assert dev4.available()
    for path in (dev4.gold, *dev4.articles):
        assert path.resolve().is_relative_to(ROOT)


def test_holdout_set_needs_nothing_outside_the_repository() -> None:
    holdout = EVAL_SETS["holdout"]
    assert holdout.available()
    for path in (holdout.gold, *holdout.articles):
        assert path.resolve().is_relative_to(ROOT)


def test_baseline_pins_every_figure_of_every_set() -> None:
    figures = set(score([], []).figures())
    baseline = load_baseline()
    assert baseline.keys() == EVAL_SETS.keys()
    assert all(pinned.keys() == figures for pinned in baseline.values())


def main(argv: list[str]) -> int:
    update = "--update" in argv
    named = [arg for arg in argv if arg != "--update"]
    unknown = [name for name in named if name not in EVAL_SETS]
    if unknown:
        print(f"no such set: {', '.join(unknown)} (sets: {', '.join(EVAL_SETS)})", file=sys.stderr)
        return 2
    names = named or list(EVAL_SETS)
    missing = [name for name in names if not EVAL_SETS[name].available()]
    for name in missing:
        print(f"{name}: {EVAL_SETS[name].gold} or its articles are not there", file=sys.stderr)
    if named and missing:
        return 2
    scores = current_scores([name for name in names if name not in missing])
    baseline = load_baseline()
    if update:
        # Sets not scored now keep their floors, in the sets' own order.
        pinned = {
            name: scores.get(name, baseline.get(name))
            for name in EVAL_SETS
            if name in scores or name in baseline
        }
        BASELINE.write_text(json.dumps(pinned, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {BASELINE} ({', '.join(scores)}): review the diff, then commit it")
        return 0
    failed = False
    for name, figures in scores.items():
        print(report(name, figures, baseline[name]))
        for line in drops(figures, baseline[name]):
            print(f"  DROP {line}")
            failed = True
    return int(failed)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
