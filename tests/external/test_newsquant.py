"""NewsQuant value F1, scored with the benchmark's own matching rules, above its floor."""

from __future__ import annotations

import pytest

from .baseline import NEWSQUANT_KEY, TOLERANCE, floor
from .newsquant import NEWSQUANT, gold_value, score_newsquant, values_match


@pytest.mark.skipif(not NEWSQUANT.is_file(), reason="../shared/external not available")
def test_value_f1_does_not_drop_below_pinned_floor() -> None:
    result = score_newsquant()
    print(result.report())
    f1 = result.prf(result.value)[2] / 100
    assert f1 >= floor(NEWSQUANT_KEY) - TOLERANCE, result.report()


# CQE's published NewsQuant value F1 (the best system in the paper's table): warledger must beat it.
CQE_PUBLISHED_VALUE_F1 = 0.920


@pytest.mark.skipif(not NEWSQUANT.is_file(), reason="../shared/external not available")
def test_value_f1_beats_the_best_published_system() -> None:
    result = score_newsquant()
    assert result.prf(result.value)[2] / 100 > CQE_PUBLISHED_VALUE_F1, result.report()


def test_gold_range_is_a_pair_and_negative_value_is_not() -> None:
    assert gold_value("252.0-287.0") == (252.0, 287.0)
    assert gold_value("-5.0") == -5.0
    assert gold_value("1E-3") == 0.001


def test_range_never_matches_a_point() -> None:
    assert values_match((10.0, 20.0), (10.0, 20.0))
    assert not values_match((10.0, 20.0), 15.0)
