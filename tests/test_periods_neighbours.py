"""The period stage with several figures and time words in one sentence or paragraph: whose time
words they are, levels and changes over a stretch, weekdays inside a named week, durations."""

from __future__ import annotations

from datetime import date

from test_periods import periods_of

from warledger.extract.running_totals import is_price

PUBLISHED = date(2025, 1, 9)  # a Thursday
INVASION = "2022-02-24"


def test_the_time_words_right_after_a_part_are_the_parts() -> None:
    text = "The staff said losses had reached about 484,030, 1,740 of them in the past day."
    figures = [("484,030", "casualties", None), ("1,740", "casualties", None)]
    assert periods_of(text, figures) == [(INVASION, "2025-01-09"), ("2025-01-08", "2025-01-09")]


def test_a_part_after_since_the_invasion_takes_its_own_day() -> None:
    text = "Russia had lost about 241,330 troops since the invasion, 640 of them in the past day."
    figures = [("241,330", "casualties", None), ("640", "casualties", None)]
    assert periods_of(text, figures) == [(INVASION, "2025-01-09"), ("2025-01-08", "2025-01-09")]


def test_the_time_words_of_a_base_compared_with_are_the_bases() -> None:
    text = "Its tank tally reached 4,140, up from 4,133 a day earlier."
    figures = [("4,140", "equipment", None), ("4,133", "equipment", None)]
    assert periods_of(text, figures) == [(INVASION, "2025-01-09"), (INVASION, "2025-01-08")]


def test_a_time_set_off_by_a_comma_with_its_figure_is_not_the_next_figures() -> None:
    text = "Together with 12,199 for 2022, the series totals 122,640."
    figures = [("12,199", "killed", None), ("122,640", "killed", None)]
    assert periods_of(text, figures) == [("2022-01-01", "2022-12-31"), (INVASION, "2025-01-09")]


def test_a_figure_restating_the_one_before_after_a_comma_keeps_its_time() -> None:
    text = (
        "Russia had committed more than 120 battalion tactical groups at the outset, about 65 "
        "percent of its ground combat strength."
    )
    figures = [("120", "other", None), ("65", "share", None)]
    assert periods_of(text, figures) == [(INVASION, INVASION)] * 2


def test_the_day_right_before_a_figure_is_its_own() -> None:
    text = (
        "On Monday the staff reported 580 losses and on Tuesday 550, bringing its total to about "
        "269,760 as of the morning of January 7."
    )
    figures = [
        ("580", "casualties", None),
        ("550", "casualties", None),
        ("269,760", "casualties", None),
    ]
    assert periods_of(text, figures, published=date(2025, 1, 7)) == [
        ("2025-01-06", "2025-01-06"),
        ("2025-01-07", "2025-01-07"),
        (INVASION, "2025-01-07"),
    ]


def test_a_weekday_after_a_named_week_falls_inside_it() -> None:
    text = (
        "Over the seven days from December 30 to January 5 the staff added about 3,970 losses.\n\n"
        "The heaviest report came on Friday, with 640; the lightest, on Monday, with 460."
    )
    figures = [("640", "casualties", None), ("460", "casualties", None)]
    assert periods_of(text, figures) == [
        ("2025-01-03", "2025-01-03"),
        ("2024-12-30", "2024-12-30"),
    ]


def test_a_weekday_is_not_moved_into_a_week_still_to_come() -> None:
    text = "Officials expect a larger barrage next week. Russia fired 36 missiles on Thursday."
    assert periods_of(text, [("36", "equipment", None)]) == [("2025-01-09", "2025-01-09")]


def test_levels_from_and_to_stand_at_the_ends_of_the_stretch_and_the_change_covers_it() -> None:
    text = (
        "Over the seven days from December 30 to January 5 the staff added about 3,970 losses. "
        "The tank count went from 4,476 to 4,554 over the week, and 229 more artillery systems "
        "were added."
    )
    figures = [
        ("4,476", "equipment", None),
        ("4,554", "equipment", None),
        ("229", "equipment", None),
    ]
    assert periods_of(text, figures) == [
        (INVASION, "2024-12-30"),
        (INVASION, "2025-01-05"),
        ("2024-12-30", "2025-01-05"),
    ]


def test_levels_of_a_stock_are_points_at_the_ends_of_the_year() -> None:
    text = "The number of displaced people went from 2.2 million to 2.38 million in 2023."
    figures = [("2.2 million", "population", None), ("2.38 million", "population", None)]
    assert periods_of(text, figures) == [
        ("2023-01-01", "2023-01-01"),
        ("2023-12-31", "2023-12-31"),
    ]


def test_the_level_reached_after_a_rise_since_a_date_is_the_total() -> None:
    text = "Since the start of September the count of missiles shot down has risen by 10, to 1,455."
    figures = [("10", "equipment", None), ("1,455", "equipment", None)]
    assert periods_of(text, figures, published=date(2023, 9, 12)) == [
        ("2023-09-01", "2023-09-12"),
        (INVASION, "2023-09-12"),
    ]


def test_a_stock_reached_after_a_rise_stands_on_the_day_the_sentence_names() -> None:
    text = (
        "By the end of May 2023, the number displaced increased by 331,600 from the end of 2022 "
        "to stand at 1.8 million."
    )
    figures = [("1.8 million", "population", None)]
    assert periods_of(text, figures, published=date(2023, 6, 14)) == [("2023-05-31", "2023-05-31")]


def test_a_duration_that_is_the_quantity_has_no_period() -> None:
    text = "A court ordered him held in custody for two months after his arrest on Friday, July 21."
    assert periods_of(
        text, [("two", "other", None)], published=date(2023, 7, 22), units=["month"]
    ) == [(None, None)]


def test_a_past_event_of_the_lead_happened_on_its_day() -> None:
    text = (
        "Khrenin addressed the Moscow conference on Tuesday.\n\n"
        "The conference brought together more than 700 guests.\n\n"
        "The organisers list 700 members."
    )
    figures = [("700", "other", None), ("700", "other", None)]
    assert periods_of(text, figures) == [("2025-01-07", "2025-01-07"), (None, None)]


def test_money_before_the_thing_it_prices_is_a_price() -> None:
    text = "the Pentagon's latest $1 billion weapons package for Ukraine, the largest to date"
    start = text.index("$1")
    assert is_price(text, start, "USD", start + len("$1 billion"))
    aid = "the US has given $1 billion in aid to date"
    start = aid.index("$1")
    assert not is_price(aid, start, "USD", start + len("$1 billion"))


def test_the_next_and_the_previous_day_count_from_the_day_named_before() -> None:
    text = (
        "At least 5 people were killed in Kharkiv on January 3, and 12 more the next day. "
        "The previous day, 40 drones had been launched."
    )
    figures = [("12", "killed", None), ("40", "equipment", None)]
    assert periods_of(text, figures) == [
        ("2025-01-04", "2025-01-04"),
        ("2025-01-03", "2025-01-03"),
    ]


def test_since_then_after_an_event_that_began_starts_when_it_began() -> None:
    text = "The war in Sudan began in April 2023. Since then, 15,000 people have been killed."
    assert periods_of(text, [("15,000", "killed", None)]) == [("2023-04-01", "2025-01-09")]


def test_a_count_so_far_adds_up_from_the_invasion() -> None:
    text = "The ministry said 2,500 children had been returned so far."
    assert periods_of(text, [("2,500", "other", None)]) == [(INVASION, "2025-01-09")]


def test_a_month_still_running_ends_on_the_report() -> None:
    text = "Ukraine said it had hit 12 targets in Crimea in January."
    assert periods_of(text, [("12", "other", None)]) == [("2025-01-01", "2025-01-09")]


def test_a_stock_in_the_present_stands_on_the_report() -> None:
    text = "Poland has taken in the most refugees. About 950,000 Ukrainians live there."
    figures = [("950,000", "population", None)]
    assert periods_of(text, figures) == [("2025-01-09", "2025-01-09")]
