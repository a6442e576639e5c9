"""The hedges stage: the source's own estimative words reach the figures they qualify."""

from __future__ import annotations

import pytest

from warledger.extract.document import Figure
from warledger.extract.hedges import find_hedge


def hedge_of(sentence: str, figure_text: str) -> str | None:
    start = sentence.index(figure_text)
    figure = Figure(start, start + len(figure_text), 1.0, 1.0)
    return find_hedge(sentence, (0, len(sentence)), figure)


@pytest.mark.parametrize(
    ("sentence", "figure", "hedge"),
    [
        (
            "According to British intelligence estimates, losses reached 500,000.",
            "500,000",
            "estimated",
        ),
        (
            "According to UK estimates, losses reached 9,000, and the daily rate was 900.",
            "900",
            "estimated",
        ),
        ("It is likely that more than 40 units have been destroyed.", "40", "likely"),
        ("It is highly likely that 30 aircraft were lost.", "30", "highly likely"),
        ("Russia has almost certainly lost 200 tanks.", "200", "almost certainly"),
        ("There is a realistic possibility that 15 ships were hit.", "15", "realistic possibility"),
        ("The toll will probably exceed 1,000.", "1,000", "probably"),
        ("Around 600 troops are believed to be combat ineffective.", "600", "likely"),
        ("The daily average is 899 soldiers - estimates the ministry.", "899", "estimated"),
        ("The report estimated that 6,000 children were abducted.", "6,000", "estimated"),
        ("Displacement stood at an estimated 108 million.", "108 million", "estimated"),
        ("Officials said 300 people were called up.", "300", None),
        ("This number may increase to 500,000 soon.", "500,000", None),
        ("An attack is unlikely, officials said, after 20 drones were downed.", "20", None),
    ],
)
def test_hedge_words(sentence: str, figure: str, hedge: str | None) -> None:
    assert hedge_of(sentence, figure) == hedge


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        # The hedge belongs to the second clause's figure only.
        ("At least 190 children were killed, and hunger is estimated to rise by 2 million.", "190"),
        # "an estimated" hedges only the number it stands before.
        ("The number grew by 21%, standing at an estimated 108 million.", "21%"),
        ("Air defence downed 16 of 36 missiles, but a larger barrage is likely next week.", "16"),
        # A sentence glued to the next without a space is still two sentences.
        ("The Pentagon estimates losses are high.In May, 8 generals were killed.", "8"),
    ],
)
def test_hedge_of_a_neighbouring_clause_does_not_reach_the_figure(
    sentence: str, figure: str
) -> None:
    assert hedge_of(sentence, figure) is None
