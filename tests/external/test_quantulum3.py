"""quantulum3's English test sentences: pass rate above its floor, and no crash on bad input."""

from __future__ import annotations

import pytest

from warledger.extract.figures import find_figures

from .adapters import EXTERNAL, in_name, is_year
from .baseline import TOLERANCE, floor, suite_score
from .quantulum import error_inputs

needs_suite = pytest.mark.skipif(
    not (EXTERNAL / "quantulum3").is_dir(), reason="../shared/external not available"
)


@needs_suite
def test_pass_rate_does_not_drop_below_pinned_floor() -> None:
    result = suite_score("quantulum3")
    print(result.summary())
    assert result.rate >= floor("quantulum3") - TOLERANCE, result.summary()


@needs_suite
def test_malformed_inputs_give_valid_spans_without_crashing() -> None:
    for text in error_inputs():
        for figure in find_figures(text):
            assert 0 <= figure.start < figure.end <= len(text), (text, figure)


def test_four_digit_year_is_out_of_scope() -> None:
    assert is_year("1979") and is_year("1960s") and not is_year("4500")


@pytest.mark.parametrize(
    ("text", "number"),
    [("the passage of Voyager 2 in 1979", "2"), ('The class is "English 101".', "101")],
)
def test_number_after_capitalised_word_is_part_of_a_name(text: str, number: str) -> None:
    start = text.index(number)
    assert in_name(text, start, start + len(number))


def test_number_after_sentence_start_is_not_a_name() -> None:
    text = "About 300 people were called up."
    assert not in_name(text, 6, 9)
