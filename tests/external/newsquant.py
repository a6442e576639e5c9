"""NewsQuant scored the way its authors score it (CQE_Evaluation's evaluate_models.py).

Per sentence, every gold quantity is compared with every prediction in turn; a value match is
``numpy.isclose`` on floats, or on both ends when both sides are ranges (a range never matches a
point). A value match counts once per gold quantity at most as many times as the sentence has
gold quantities; a prediction is used up only when its unit matches too, as in the original,
so value, value+unit and value+change all come from one pass. P = matches / predictions,
R = matches / gold, rounded to one decimal like the published table.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from warledger.extract.document import Figure
from warledger.extract.figures import find_figures

from .adapters import EXTERNAL, isclose

NEWSQUANT = EXTERNAL / "newsquant" / "formatted_test_set" / "NewsQuant.json"

Value = float | tuple[float, float]

# warledger units -> NewsQuant's normalized_unit vocabulary (quantulum3-style names).
UNIT_NAMES = {
    None: "-",
    "USD": "dollar",
    "EUR": "euro",
    "GBP": "pound sterling",
    "JPY": "japanese yen",
    "CNY": "chinese yuan",
    "AUD": "australian dollar",
    "CAD": "canadian dollar",
    "HKD": "hong kong dollar",
    "ILS": "shekel",
    "MYR": "malaysian ringgit",
    "RUB": "russian ruble",
    "UAH": "ukrainian hryvnia",
    "INR": "indian rupee",
    "percent": "percentage",
    "person": "people",
    "km": "kilometre",
    "km2": "square kilometre",
    "kg": "kilogram",
    "t": "ton",
    "ha": "hectare",
    "m": "metre",
    "mi": "mile",
}
# qualifier -> NewsQuant "change" (their "up"/"down" have no warledger counterpart).
CHANGES = {
    "exact": "=",
    "approx": "~",
    "more_than": ">",
    "at_least": ">",
    "less_than": "<",
    "at_most": "<",
}


@dataclass(slots=True)
class Prediction:
    value: Value
    unit: str
    change: str
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Gold:
    value: Value
    unit: str
    change: str
    surface_unit: str


@dataclass(slots=True)
class SentenceResult:
    text: str
    gold: list[Gold]
    predictions: list[Prediction]
    matched_gold: list[bool]
    matched_predictions: list[bool]


@dataclass(slots=True)
class NewsQuantScore:
    gold: int = 0
    predicted: int = 0
    value: int = 0
    value_unit: int = 0
    value_change: int = 0
    sentences: list[SentenceResult] = field(default_factory=list)

    def prf(self, correct: int) -> tuple[float, float, float]:
        p = correct / self.predicted if self.predicted else 0.0
        r = correct / self.gold if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return round(p * 100, 1), round(r * 100, 1), round(f1 * 100, 1)

    def report(self) -> str:
        lines = [f"NewsQuant: {len(self.sentences)} sentences, {self.gold} gold, "]
        lines[0] += f"{self.predicted} predicted"
        for name, correct in (
            ("value", self.value),
            ("value+unit", self.value_unit),
            ("value+change", self.value_change),
        ):
            p, r, f1 = self.prf(correct)
            lines.append(f"  {name:<13} P {p:5.1f}  R {r:5.1f}  F1 {f1:5.1f}")
        return "\n".join(lines)


def gold_value(raw: str) -> Value:
    """Gold values are strings; "252.0-287.0" is a range, "-5.0" and "1E-3" are not."""
    if "E" not in raw and not raw.startswith("-") and "-" in raw:
        low, high = raw.split("-")[:2]
        return float(low), float(high)
    return float(raw)


def unit_name(figure: Figure) -> str:
    name = UNIT_NAMES.get(figure.unit, figure.unit or "-")
    return f"{name} per {figure.per}" if figure.per else name


def predict(text: str) -> list[Prediction]:
    predictions = []
    # NewsQuant counts every quantity, claim or not ("in 15 years", "one of"), and writes a
    # fraction as a ratio ("a third" = 0.333) where claims.md writes it as a percent.
    for figure in find_figures(text, quantities=True):
        low, high = figure.low, figure.high
        surface = text[figure.start : figure.end]
        if figure.unit == "percent" and re.search(
            r"(?i)half|third|quarter|fourth|fifth|tenth|/|⁄", surface
        ):
            low, high = low / 100, high / 100
        value: Value = low if low == high else (low, high)
        predictions.append(
            Prediction(
                value,
                unit_name(figure).lower(),
                CHANGES.get(figure.qualifier, "="),
                text[figure.start : figure.end],
                figure.start,
                figure.end,
            )
        )
    return predictions


def values_match(gold: Value, predicted: Value) -> bool:
    if isinstance(gold, tuple) and isinstance(predicted, tuple):
        return isclose(gold[0], predicted[0]) and isclose(gold[1], predicted[1])
    if isinstance(gold, tuple) or isinstance(predicted, tuple):
        return False
    return isclose(gold, predicted)


def load() -> list[dict[str, Any]]:
    return json.loads(NEWSQUANT.read_text(encoding="utf-8"))


def score_newsquant() -> NewsQuantScore:
    result = NewsQuantScore()
    for sentence in load():
        gold = [
            Gold(gold_value(q["value"]), q["normalized_unit"].lower(), q["change"], q["unit"])
            for q in sentence["quantities"]
        ]
        predictions = predict(sentence["text"])
        result.gold += len(gold)
        result.predicted += len(predictions)
        # The original sorts both sides by unit name before matching; the order decides which
        # prediction a gold quantity takes when several share a value.
        gold_order = sorted(range(len(gold)), key=lambda i: gold[i].unit)
        remaining = sorted(range(len(predictions)), key=lambda i: predictions[i].unit)
        value_budget = len(gold)
        matched_gold = [False] * len(gold)
        matched_predictions = [False] * len(predictions)
        for g in gold_order:
            for p in list(remaining):
                if not values_match(gold[g].value, predictions[p].value):
                    continue
                if value_budget > 0:
                    result.value += 1
                    value_budget -= 1
                matched_gold[g] = True
                matched_predictions[p] = True
                if predictions[p].change == gold[g].change:
                    result.value_change += 1
                if predictions[p].unit == gold[g].unit:
                    result.value_unit += 1
                    remaining.remove(p)
                    break
        result.sentences.append(
            SentenceResult(sentence["text"], gold, predictions, matched_gold, matched_predictions)
        )
    return result
