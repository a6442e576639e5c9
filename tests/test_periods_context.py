"""The period stage reading time words against their context: list intros, back references,
statement dates, running totals in daily reports, and periods carried between sources."""

from __future__ import annotations

from datetime import date

import pytest
from test_periods import periods_of

from warledger.extract.list_periods import is_list_item
from warledger.extract.running_totals import is_price

PUBLISHED = date(2025, 1, 9)

# sentence, figure, measure, per, period_start, period_end
CASES = [
    # A bare "since the invasion" starts the war, whatever month follows it.
    (
        "The ministry put casualties since the invasion of February 2022 at more than 465,000.",
        "465,000",
        "casualties",
        None,
        "2022-02-24",
        "2025-01-09",
    ),
    # A running total set in a daily report is the war's total, not the day's count.
    (
        "It said 1,260 soldiers fell over the past 24 hours, lifting its running total to 473,400.",
        "473,400",
        "other",
        None,
        "2022-02-24",
        "2025-01-09",
    ),
    (
        "It said 1,260 soldiers fell over the past 24 hours, lifting its running total to 473,400.",
        "1,260",
        "casualties",
        None,
        "2025-01-08",
        "2025-01-09",
    ),
    (
        "By this morning the tally had grown by 690, to about 140,460.",
        "140,460",
        "other",
        None,
        "2022-02-24",
        "2025-01-09",
    ),
    (
        "By this morning the tally had grown by 690, to about 140,460.",
        "690",
        "casualties",
        None,
        "2025-01-09",
        "2025-01-09",
    ),
    # An adverb inside the present perfect still makes a total.
    (
        "Russia has also lost 3,000 armoured vehicles, he told reporters.",
        "3,000",
        "equipment",
        None,
        "2022-02-24",
        "2025-01-09",
    ),
    # Quarters and halves of a year.
    (
        "About 300 residents had been conscripted in the fourth quarter of last year.",
        "300",
        "conscripted",
        None,
        "2024-10-01",
        "2024-12-31",
    ),
    (
        "Exports rose 40% in the first half of 2023.",
        "40%",
        "share",
        None,
        "2023-01-01",
        "2023-06-30",
    ),
    # The week of a statement is not the period of a standing offer.
    (
        "The administration is offering 2.5 million rubles to recruits, officials said this week.",
        "2.5 million",
        "other",
        None,
        None,
        None,
    ),
    # "that year" is the year named before it, and a statement ends what it reports.
    (
        "Politico reported in July 2023 that Russia had bought $100 million of drones that year.",
        "$100 million",
        "other",
        None,
        "2023-01-01",
        "2023-07-31",
    ),
    (
        "At the end of April 2022, he said 1 million people had been moved since February 24 of "
        "that year.",
        "1 million",
        "population",
        None,
        "2022-02-24",
        "2022-04-30",
    ),
    # A "since" of another clause does not start a stock that a fronted date times.
    (
        "By the end of May 2023, displacement grew by 331,600 from the end of 2022, while the "
        "number in Congo climbed to 6.2 million.",
        "6.2 million",
        "population",
        None,
        "2023-05-31",
        "2023-05-31",
    ),
]


@pytest.mark.parametrize(("text", "figure", "measure", "per", "first", "last"), CASES)
def test_claim_period_in_context(
    text: str, figure: str, measure: str, per: str | None, first: str | None, last: str | None
) -> None:
    assert periods_of(text, [(figure, measure, per)]) == [(first, last)]


def test_list_items_take_the_range_of_their_intro_and_signed_figures_its_last_day() -> None:
    text = (
        "The staff said the losses of the enemy from February 24, 2022 to November 10, 2024 were:"
        "\n\npersonnel – about 708,890 (+1,350) persons\nMLRS – 1,245\n\n"
        "The data are being updated. Other staff counted 20 tanks."
    )
    figures = [
        ("708,890", "other", None),
        ("1,350", "other", None),
        ("1,245", "other", None),
        ("20", "other", None),
    ]
    assert periods_of(text, figures, published=date(2024, 11, 10)) == [
        ("2022-02-24", "2024-11-10"),
        ("2024-11-09", "2024-11-10"),
        ("2022-02-24", "2024-11-10"),
        (None, None),
    ]


def test_bullets_under_a_dated_tally_total_the_war_up_to_that_day() -> None:
    text = (
        "Its tally of Russian losses, as scraped on July 19, 2025, showed:\n\n"
        "• 4,074 tanks, of which 2,991 were destroyed;\n\n"
        "• 5,638 deaths in August."
    )
    figures = [
        ("4,074", "equipment", None),
        ("2,991", "equipment", None),
        ("5,638", "killed", None),
    ]
    assert periods_of(text, figures, published=date(2025, 11, 10)) == [
        ("2022-02-24", "2025-07-19"),
        ("2022-02-24", "2025-07-19"),
        ("2025-08-01", "2025-08-31"),
    ]


@pytest.mark.parametrize(
    ("line", "listed"),
    [
        ("• 22,381 weapons of all types;", True),
        ("tanks – 9,249 (+11)", True),
        ("personnel – about 708,890 (+1,350) persons", True),
        ("2) 300 residents", True),
        ("KYIV, May 4 (Reuters) - Russia lost 899 troops", False),
        ("Thursday - Spanish Prime Minister Sánchez was in Kyiv.", False),
        ("The data are being updated.", False),
    ],
)
def test_list_item_lines(line: str, listed: bool) -> None:
    assert is_list_item(line) is listed


def test_since_then_starts_on_the_day_named_before() -> None:
    text = (
        "It counted 58 colonels killed before the counteroffensive began on June 4. "
        "Since then, it says, 12 other officers have died."
    )
    figures = [("58", "killed", None), ("12", "killed", None)]
    periods = periods_of(text, figures, published=date(2023, 7, 11))
    assert periods[1] == ("2023-06-04", "2023-07-11")


def test_since_then_with_nothing_named_before_gives_no_start() -> None:
    periods = periods_of("Since then, 12 officers were promoted.", [("12", "other", None)])
    assert periods == [(None, None)]


def test_carried_period_does_not_time_another_sources_figure() -> None:
    text = (
        "Britain reported the deaths of 10 generals in August last year. "
        "Japan puts the number of generals killed at 20. "
        "Britain added that 3 more had been wounded."
    )
    figures = [("10", "killed", None), ("20", "killed", None), ("3", "wounded", None)]
    periods = periods_of(text, figures, sources=["uk", "japan", "uk"])
    assert periods[0] == ("2024-08-01", "2024-08-31")
    assert periods[1] != ("2024-08-01", "2024-08-31")
    assert periods[2] == ("2024-08-01", "2024-08-31")


@pytest.mark.parametrize(
    ("text", "unit", "price"),
    [
        ("The briefing presented a $1 billion weapons package", "USD", True),
        ("It signed a 2.5 million ruble contract", "RUB", True),
        ("a package worth $1 billion", "USD", True),
        ("It brings assistance to a total of $9.1 billion", "USD", False),
        ("They killed a 100 soldiers", "person", False),
    ],
)
def test_money_after_a_is_the_price_of_one_thing(text: str, unit: str, price: bool) -> None:
    figure = next(text.index(word) for word in ("$1", "2.5", "$9.1", "100") if word in text)
    assert is_price(text, figure, unit) is price
