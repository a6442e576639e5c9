"""The period stage on levels, changes, plans and the days a report's events happened: totals set
on a day, growth over a year, months inside a named year, planned figures, the lead's day."""

from __future__ import annotations

from datetime import date

import pytest
from test_periods import periods_of

PUBLISHED = date(2025, 1, 9)  # a Thursday

# sentence, figure, measure, per, period_start, period_end
CASES = [
    # A level set on a day for a measure that adds up over the war is the war's total that day.
    (
        "The General Staff put Russian personnel losses at about 35,000 on Monday.",
        "35,000",
        "casualties",
        None,
        "2022-02-24",
        "2025-01-06",
    ),
    (
        "Losses reached 35,000 on Monday, up from about 34,850 a day earlier.",
        "34,850",
        "casualties",
        None,
        "2022-02-24",
        "2025-01-08",
    ),
    (
        "The staff put personnel losses at about 138,340 this morning.",
        "138,340",
        "casualties",
        None,
        "2022-02-24",
        "2025-01-09",
    ),
    # A mention with another figure between takes that figure.
    (
        "On Saturday it raised the figure to about 223,910, including 580 in the previous day.",
        "223,910",
        "casualties",
        None,
        "2022-02-24",
        "2025-01-04",
    ),
    # The perfect of a verb of saying dates a report, not a total; a total of another clause
    # does not make it one.
    (
        "On Saturday it had reported 1,124, and on Friday the total had stood at about 463,930.",
        "1,124",
        "casualties",
        None,
        "2025-01-04",
        "2025-01-04",
    ),
    (
        "On Saturday it had reported 1,124, and on Friday the total had stood at about 463,930.",
        "463,930",
        "casualties",
        None,
        "2022-02-24",
        "2025-01-03",
    ),
    # A day's report a figure is compared with does not time it; an increase as of a day is
    # that day's.
    (
        "As of Monday, the staff said, it stood at about 36,200, an increase of 230 on Sunday's "
        "report.",
        "36,200",
        "casualties",
        None,
        "2022-02-24",
        "2025-01-06",
    ),
    (
        "Since the start of the year the list has recorded 4,100 deaths, more than in the whole "
        "of 2024.",
        "4,100",
        "killed",
        None,
        "2025-01-01",
        "2025-01-09",
    ),
    # Months without a year inside a stretch or year named before them.
    (
        "In the first months of the war the monthly numbers stayed low: 1,689 in March.",
        "1,689",
        "killed",
        None,
        "2022-03-01",
        "2022-03-31",
    ),
    (
        "In 2023 the list records 300 deaths in April.",
        "300",
        "killed",
        None,
        "2023-04-01",
        "2023-04-30",
    ),
    # A change covers the year named in the sentence; the level it reaches is the end point.
    (
        "In 2022 the number rose by 21% to an estimated 108.4 million at the end of the year.",
        "21%",
        "share",
        None,
        "2022-01-01",
        "2022-12-31",
    ),
    (
        "In 2022 the number rose by 21% to an estimated 108.4 million at the end of the year.",
        "108.4 million",
        "population",
        None,
        "2022-12-31",
        "2022-12-31",
    ),
    # A stock by mid-month since an event began.
    (
        "The conflict in Sudan, which began in April 2023, had produced almost 500,000 refugees "
        "by mid-June.",
        "500,000",
        "population",
        None,
        "2023-04-01",
        "2023-06-15",
    ),
    (
        "In the first days of the full-scale invasion more than 200,000 people a day crossed.",
        "200,000",
        "population",
        "day",
        "2022-02-24",
        "2022-02-28",
    ),
    (
        "A year after the invasion, on February 24, the General Staff put losses at about 146,820.",
        "146,820",
        "casualties",
        None,
        "2022-02-24",
        "2023-02-24",
    ),
    # Plans have no period unless a date is written.
    (
        "About 300,000 troops will be kept at high readiness from next year.",
        "300,000",
        "other",
        None,
        None,
        None,
    ),
    (
        "Biden said two navy destroyers would be stationed in Spain.",
        "two",
        "equipment",
        None,
        None,
        None,
    ),
    (
        "The goal that each member devote 2% of GDP should now be treated as a floor.",
        "2%",
        "share",
        None,
        None,
        None,
    ),
    # "yet" and "where" end a clause: their time words time the other clause's figure. The
    # present "hosts" makes the share a stock on the report's day (claims.md, point-in-time).
    (
        "Germany hosts about a third of the refugees, yet only 18% were employed in January.",
        "a third",
        "share",
        None,
        "2025-01-09",
        "2025-01-09",
    ),
    (
        "Strikes also reached the city of Cherkasy, where one person died.",
        "one",
        "killed",
        None,
        "2025-01-09",
        "2025-01-09",
    ),
    # A date of another clause times a figure only when it opens the sentence.
    (
        "Russia committed more than 120 groups at the outset, and more than a quarter of them "
        "were rendered ineffective.",
        "a quarter",
        "share",
        None,
        None,
        None,
    ),
]


@pytest.mark.parametrize(("text", "figure", "measure", "per", "first", "last"), CASES)
def test_level_change_and_plan_periods(
    text: str, figure: str, measure: str, per: str | None, first: str | None, last: str | None
) -> None:
    assert periods_of(text, [(figure, measure, per)]) == [(first, last)]


def test_a_change_with_no_time_words_takes_the_stretch_of_the_sentence_before() -> None:
    text = (
        "In 2022 the number rose by 21% to 108.4 million at the end of the year. Refugees grew by "
        "a record 35%, or 8.9 million people, to 34.6 million."
    )
    figures = [
        ("35%", "share", None),
        ("8.9 million", "population", None),
        ("34.6 million", "population", None),
    ]
    assert periods_of(text, figures) == [
        ("2022-01-01", "2022-12-31"),
        ("2022-01-01", "2022-12-31"),
        (None, "2022-12-31"),
    ]


def test_the_leads_day_times_the_events_of_later_paragraphs() -> None:
    text = (
        "Russia fired 40 missiles at Ukraine on Sunday.\n\n"
        "In Kyiv, two people were killed and six were wounded."
    )
    figures = [("two", "killed", None), ("six", "wounded", None)]
    assert periods_of(text, figures) == [("2025-01-05", "2025-01-05")] * 2


def test_the_same_day_is_the_day_named_before() -> None:
    text = (
        "On May 2 the military said Russia had lost 24,000 soldiers. The same day Britain "
        "published its assessment. More than a quarter of the groups were rendered ineffective."
    )
    assert periods_of(text, [("a quarter", "share", None)]) == [("2024-05-02", "2024-05-02")]
