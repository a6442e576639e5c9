"""The pinned floor of every external suite and the scores they are compared with."""

from __future__ import annotations

import json
from pathlib import Path

from . import quantulum, recognizers
from .adapters import SuiteScore, score
from .newsquant import score_newsquant

BASELINE = Path(__file__).with_name("external_baseline.json")
# A score may wobble by rounding; anything lower than floor - tolerance is a regression.
TOLERANCE = 0.005


def suite_score(name: str) -> SuiteScore:
    if name == "quantulum3":
        return score(name, quantulum.quantity_cases())
    return score(name, recognizers.cases(name))


def newsquant_value_f1() -> float:
    """NewsQuant value F1 as a fraction (the published table shows it in percent)."""
    result = score_newsquant()
    return result.prf(result.value)[2] / 100


SUITES: tuple[str, ...] = (*recognizers.MODELS, "quantulum3")
NEWSQUANT_KEY = "newsquant-value-f1"


def current_scores() -> dict[str, float]:
    scores: dict[str, float] = {name: round(suite_score(name).rate, 4) for name in SUITES}
    scores[NEWSQUANT_KEY] = round(newsquant_value_f1(), 4)
    return scores


def load_floors() -> dict[str, float]:
    return json.loads(BASELINE.read_text(encoding="utf-8"))["floors"]


def write_floors(floors: dict[str, float]) -> None:
    data = {"tolerance": TOLERANCE, "floors": dict(sorted(floors.items()))}
    BASELINE.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def floor(name: str) -> float:
    """The pinned floor of ``name``; a suite not pinned yet has floor 0."""
    return load_floors().get(name, 0.0)
