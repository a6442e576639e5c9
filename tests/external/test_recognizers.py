"""Recognizers-Text English specs: each model's pass rate stays above its pinned floor."""

from __future__ import annotations

import pytest

from .adapters import EXTERNAL
from .baseline import TOLERANCE, floor, suite_score
from .recognizers import MODELS, parse_interval

needs_specs = pytest.mark.skipif(
    not (EXTERNAL / "recognizers-text").is_dir(), reason="../shared/external not available"
)


@needs_specs
@pytest.mark.parametrize("model", list(MODELS))
def test_pass_rate_does_not_drop_below_pinned_floor(model: str) -> None:
    result = suite_score(model)
    print(result.summary())
    assert result.rate >= floor(model) - TOLERANCE, result.summary()


@pytest.mark.parametrize(
    ("interval", "reading"),
    [
        ("(10,)", (10, 10, "more_than")),
        ("[10,)", (10, 10, "at_least")),
        ("(,10)", (10, 10, "less_than")),
        ("(,10]", (10, 10, "at_most")),
        ("[20,30)", (20, 30, None)),
        ("(,-30]", (-30, -30, "at_most")),
    ],
)
def test_interval_notation_gives_low_high_and_qualifier(
    interval: str, reading: tuple[float, float, str | None]
) -> None:
    assert parse_interval(interval) == reading
