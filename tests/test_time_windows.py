"""Time words the grammar reads as windows, anniversaries, seasons and spans, against a
publication date (each case names its own when the default Thursday, 2025-01-09, would not show
the rule)."""

from __future__ import annotations

from datetime import date

import pytest

from warledger.extract.mention_context import months_in_named_years
from warledger.extract.time_expressions import find_time_expressions

PUBLISHED = date(2025, 1, 9)  # a Thursday

# text, expected text of the mention, kind, period_start, period_end, publication date
CASES = [
    # A window counted back from the day or month it ends on.
    ("In the three days to Tuesday the staff added 3,530.", "In the three days to Tuesday",
     "relative", "2025-01-04", "2025-01-07", PUBLISHED),
    ("in the week to Sunday", "in the week to Sunday", "relative", "2024-12-29", "2025-01-05",
     PUBLISHED),
    ("in the 12 months to March", "in the 12 months to March", "relative", "2023-04-01",
     "2024-03-31", PUBLISHED),
    # Anniversaries and years of the war.
    ("on the second anniversary, the total", "on the second anniversary", "day", "2024-02-24",
     "2024-02-24", PUBLISHED),
    ("the second anniversary of the invasion", "the second anniversary of the invasion", "day",
     "2024-02-24", "2024-02-24", PUBLISHED),
    ("in the war's third year", "in the war's third year", "range", "2024-02-24", "2025-01-09",
     PUBLISHED),
    ("in the second year of the full-scale invasion",
     "in the second year of the full-scale invasion", "range", "2023-02-24", "2024-02-23",
     PUBLISHED),
    ("in the early days of the war", "in the early days of the war", "range", "2022-02-24",
     "2022-02-28", PUBLISHED),
    ("on day 100 of the war", "day 100 of the war", "day", "2022-06-03", "2022-06-03",
     PUBLISHED),
    ("the 100th day of the invasion", "100th day of the invasion", "day", "2022-06-03",
     "2022-06-03", PUBLISHED),
    # A tally "as of" a year-less February 24 stands on the latest one, not the invasion's.
    ("As of February 24 it had documented", "As of February 24", "as_of", None, "2025-02-24",
     date(2025, 2, 25)),
    ("bringing its total to 269,760 as of the morning of September 12",
     "as of the morning of September 12", "as_of", None, "2023-09-12", date(2023, 9, 12)),
    ("up to May 10", "up to May 10", "as_of", None, "2024-05-10", PUBLISHED),
    # Since a weekday, New Year, a calendar unit, a season, an event on a date.
    ("Since Monday the staff has added 350", "Since Monday", "since", "2025-01-06", "2025-01-09",
     PUBLISHED),
    ("794 have been added since New Year", "since New Year", "since", "2025-01-01", "2025-01-09",
     PUBLISHED),
    ("since the start of the month", "since the start of the month", "since", "2025-01-01",
     "2025-01-09", PUBLISHED),
    ("since last year", "since last year", "since", "2024-01-01", "2025-01-09", PUBLISHED),
    ("since the summer", "since the summer", "since", "2024-06-01", "2025-01-09", PUBLISHED),
    ("In the week since the inauguration on May 7 the count rose",
     "since the inauguration on May 7", "since", "2024-05-07", "2024-05-13", date(2024, 5, 13)),
    # Spans of weekdays, days of one month, months.
    ("Over the week from Monday to Sunday", "from Monday to Sunday", "range", "2024-12-30",
     "2025-01-05", PUBLISHED),
    ("between April 1 and 10", "between April 1 and 10", "range", "2024-04-01", "2024-04-10",
     PUBLISHED),
    ("in January-March", "January-March", "range", "2024-01-01", "2024-03-31", PUBLISHED),
    ("in April and May", "in April and May", "range", "2024-04-01", "2024-05-31", PUBLISHED),
    # Seasons: with a year, "last", bare (the latest begun), never "the spring offensive".
    ("In the summer of 2024 it records", "In the summer of 2024", "range", "2024-06-01",
     "2024-08-31", PUBLISHED),
    ("in the winter of 2022-23", "in the winter of 2022-23", "range", "2022-12-01", "2023-02-28",
     PUBLISHED),
    ("last winter", "last winter", "range", "2023-12-01", "2024-02-29", PUBLISHED),
    ("in the spring", "in the spring", "range", "2024-03-01", "2024-05-31", PUBLISHED),
    # Fortnights, weekends, the edges of a unit, parts of a year.
    ("over the past fortnight", "over the past fortnight", "relative", "2024-12-26", "2025-01-09",
     PUBLISHED),
    ("a fortnight ago", "a fortnight ago", "relative", "2024-12-26", "2024-12-26", PUBLISHED),
    ("over the weekend", "over the weekend", "relative", "2025-01-04", "2025-01-05", PUBLISHED),
    ("at the end of last month", "at the end of last month", "as_of", None, "2024-12-31",
     PUBLISHED),
    ("at the start of 2023", "at the start of 2023", "as_of", None, "2023-01-01", PUBLISHED),
    ("by mid-2023", "by mid-2023", "as_of", None, "2023-06-30", PUBLISHED),
    ("in early 2023", "in early 2023", "year", "2023-01-01", "2023-12-31", PUBLISHED),
    ("in the first half of the year", "first half of the year", "month", "2025-01-01",
     "2025-01-09", PUBLISHED),
    ("In the 24 hours to 8am on Wednesday, Ukraine downed 20 drones.",
     "In the 24 hours to 8am on Wednesday", "relative", "2025-01-07", "2025-01-08", PUBLISHED),
    ("In 2022 and 2023, Russia recruited 500,000 soldiers.", "In 2022 and 2023", "range",
     "2022-01-01", "2023-12-31", PUBLISHED),
    # "over the week" points back to the week just named; the period stage fills it in.
    ("went from 4,476 to 4,554 over the week", "over the week", "anaphor", None, None, PUBLISHED),
]  # fmt: skip


@pytest.mark.parametrize(("text", "written", "kind", "first", "last", "published"), CASES)
def test_time_window(
    text: str, written: str, kind: str, first: str | None, last: str | None, published: date
) -> None:
    found = [
        (text[m.start : m.end], m.kind, m.period_start, m.period_end)
        for m in find_time_expressions(text, published)
    ]
    day = date.fromisoformat
    expected = (written, kind, first and day(first), last and day(last))
    assert expected in found, found


@pytest.mark.parametrize(
    "text",
    [
        "the spring offensive began",
        "after the fall of Bakhmut",
        "the week before the vote",
        "during the day",
    ],
)
def test_nouns_that_only_look_like_times_are_none(text: str) -> None:
    assert find_time_expressions(text, PUBLISHED) == []


def test_a_year_earlier_on_the_anniversary_is_the_anniversary() -> None:
    text = "A year earlier, on the second anniversary, the total had stood at 409,010."
    mentions = find_time_expressions(text, date(2025, 2, 25))
    assert [(text[m.start : m.end], m.period_start) for m in mentions] == [
        ("A year earlier, on the second anniversary", date(2024, 2, 24))
    ]


def test_a_year_part_named_once_serves_the_next_without_its_noun() -> None:
    text = "The list holds 11,992 deaths for the first quarter of 2025 and 9,720 for the second."
    mentions = find_time_expressions(text, date(2025, 11, 10))
    assert [(m.period_start, m.period_end) for m in mentions] == [
        (date(2025, 1, 1), date(2025, 3, 31)),
        (date(2025, 4, 1), date(2025, 6, 30)),
    ]


def test_months_spanned_without_a_year_take_the_year_named_before() -> None:
    text = "In the summer of 2024, from June to August, it records 9,667."
    mentions = months_in_named_years(text, find_time_expressions(text, date(2025, 11, 10)))
    assert [(m.period_start, m.period_end) for m in mentions] == [
        (date(2024, 6, 1), date(2024, 8, 31))
    ] * 2
