"""NewsQuant misses and false hits, tagged with a likely cause, for whoever tunes the grammar.

``python -m tests.external.newsquant_errors [PATH]`` writes the report (default
/tmp/newsquant_errors.txt): counts by cause, then every sentence with an error.
The causes are guesses from the values alone (a false hit "1.2" beside a missed 1,200,000 is a
lost scale word); "convention" marks places where NewsQuant's annotation and claims.md differ.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from .adapters import in_name, is_year, isclose
from .newsquant import Gold, NewsQuantScore, Prediction, SentenceResult, Value, score_newsquant

DEFAULT_PATH = Path("/tmp/newsquant_errors.txt")
_MONEY_PREFIXES = frozenset({"US$", "$A", "PS", "RM", "RM a month"})
_DURATIONS = frozenset({"year", "month", "week", "day", "hour", "minute", "second"})


def _points(value: Value) -> tuple[float, ...]:
    return value if isinstance(value, tuple) else (value,)


def _near(a: float, b: float) -> bool:
    return isclose(a, b) or isclose(b, a)


def miss_cause(gold: Gold, predictions: list[Prediction], others: list[Gold]) -> str:
    """A likely reason why no prediction took this gold quantity."""
    values = [v for p in predictions for v in _points(p.value)]
    if isinstance(gold.value, tuple):
        low, high = gold.value
        if any(_near(low, v) for v in values) and any(_near(high, v) for v in values):
            return "range read as two figures, or a change 'from X to Y' (convention)"
        return "range missed"
    value = gold.value
    if any(_near(value * 100, v) for v in values):
        return "fraction given as percent (convention: claims.md writes percent)"
    if any(_near(-value, v) for v in values):
        return "sign lost (minus, -5, $-50.8bn)"
    if any(_near(value, v * scale) for v in values for scale in (1e3, 1e6, 1e9, 1e12)):
        return "scale suffix lost (1.2m, 35m, 8 B)"
    pairs = [p for p in predictions if isinstance(p.value, tuple) and value in p.value]
    if pairs:
        return "two figures read as one range ('eight or nine', '$10 to $15 billion')"
    if isclose(value, 1.0):
        return "'one' / 'one of' (convention: not a figure)"
    if gold.unit in _DURATIONS:
        return "duration (convention: only when it is the quantity)"
    if "year of age" in gold.unit or "year-old" in gold.surface_unit:
        return "age ('68 year-old') missed"
    if gold.surface_unit in _MONEY_PREFIXES:
        return "money with a prefix missed ($US55,931,000, $A82m, PS6m for £6m, RM79)"
    return f"missed ({gold.unit})"


def spurious_cause(prediction: Prediction, text: str, gold: list[Gold]) -> str:
    """A likely reason why this prediction matched no gold quantity."""
    gold_values = [v for g in gold for v in _points(g.value)]
    if prediction.unit == "percentage" and any(
        _near(v * 100, p) for v in gold_values for p in _points(prediction.value)
    ):
        return "fraction given as percent (convention)"
    if isinstance(prediction.value, tuple):
        if any(is_year(str(int(v))) for v in prediction.value if v == int(v)):
            return "range with a year in it ('between 1600 and 1900', '2018 to 3.9 million')"
        if all(any(_near(v, g) for g in gold_values) for v in prediction.value):
            return "two gold figures joined into a range"
        return "range not annotated (ages 'aged 18 to 34', 'X to Y')"
    value = prediction.value
    if any(_near(value * scale, g) for g in gold_values for scale in (1e3, 1e6, 1e9, 1e12)):
        return "scale suffix lost (1.2m, 35m)"
    if any(_near(-value, g) for g in gold_values):
        return "sign lost"
    if any(_near(value, v) for g in gold if isinstance(g.value, tuple) for v in g.value):
        return "one end of a gold range"
    if in_name(text, prediction.start, prediction.end):
        return "number inside a name (S&P 500, iPhone 11, Boeing 787)"
    if value == int(value) and is_year(str(int(value))):
        return "year"
    return f"not annotated ({prediction.text!r})" if prediction.unit == "-" else "not annotated"


def _misses(sentence: SentenceResult) -> list[Gold]:
    return [g for g, hit in zip(sentence.gold, sentence.matched_gold, strict=True) if not hit]


def _false_hits(sentence: SentenceResult) -> list[Prediction]:
    pairs = zip(sentence.predictions, sentence.matched_predictions, strict=True)
    return [p for p, hit in pairs if not hit]


def error_report(score: NewsQuantScore) -> str:
    """Causes counted, then every sentence with a miss or a false hit."""
    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    lines: list[str] = []
    for sentence in score.sentences:
        misses, false_hits = _misses(sentence), _false_hits(sentence)
        if not misses and not false_hits:
            continue
        lines.append(sentence.text)
        for g in misses:
            cause = miss_cause(g, sentence.predictions, sentence.gold)
            missed[cause] += 1
            lines.append(f"  MISSED   {g.value} {g.unit!r} {g.change} [{g.surface_unit}]: {cause}")
        for p in false_hits:
            cause = spurious_cause(p, sentence.text, sentence.gold)
            spurious[cause.split(" (")[0] if cause.startswith("not annotated") else cause] += 1
            lines.append(f"  SPURIOUS {p.value} {p.unit!r} {p.change} [{p.text}]: {cause}")
    head = [score.report(), "", f"Missed gold quantities ({sum(missed.values())}) by cause:"]
    head += [f"  {n:4d}  {cause}" for cause, n in missed.most_common()]
    head += ["", f"Spurious predictions ({sum(spurious.values())}) by cause:"]
    head += [f"  {n:4d}  {cause}" for cause, n in spurious.most_common()]
    return "\n".join([*head, "", *lines]) + "\n"


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT_PATH
    score = score_newsquant()
    path.write_text(error_report(score), encoding="utf-8")
    print(score.report())
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
