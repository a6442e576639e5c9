"""The figure grammar, a case a line: sentence → figure text, low, high, qualifier, unit, per."""

from __future__ import annotations

import pytest

from warledger.extract import figure_context
from warledger.extract.document import Figure
from warledger.extract.figures import find_figures

CASES = [
    # digits, separators, decimals, scales
    ("Officials counted 1,523 people.", "1,523", 1523, 1523, "exact", "person", None),
    ("The tally reached 473 400 by Sunday.", "473 400", 473400, 473400, "exact", None, None),
    ("They will pay 2.5 million rubles.", "2.5 million", 2.5e6, 2.5e6, "exact", "RUB", None),
    ("The package is worth $1 billion.", "$1 billion", 1e9, 1e9, "exact", "USD", None),
    ("Costs rose to £12.8bn last year.", "£12.8bn", 12.8e9, 12.8e9, "exact", "GBP", None),
    ("A bonus of $4.6K was offered.", "$4.6K", 4600, 4600, "exact", "USD", None),
    ("Kyiv received 300,000 hryvnias.", "300,000", 3e5, 3e5, "exact", "UAH", None),
    ("Brussels pledged €50 million.", "€50 million", 5e7, 5e7, "exact", "EUR", None),
    ("The fund holds USD 5 million.", "USD 5 million", 5e6, 5e6, "exact", "USD", None),
    ("There were 4 hundred million viewers.", "4 hundred million", 4e8, 4e8, "exact", None, None),
    # number words
    ("Two hundred soldiers deserted.", "Two hundred", 200, 200, "exact", "person", None),
    ("Russia fired three dozen missiles.", "three dozen", 36, 36, "exact", None, None),
    ("A dozen drones were shot down.", "A dozen", 12, 12, "exact", None, None),
    ("Almost half a million refugees left.", "half a million", 5e5, 5e5, "approx", "person", None),
    ("Seventy-seven percent approve.", "Seventy-seven", 77, 77, "exact", "percent", None),
    # vague amounts (claims.md)
    ("Dozens of missiles struck the city.", "Dozens", 24, 100, "approx", None, None),
    ("Thousands of people fled.", "Thousands", 1e3, 1e4, "approx", "person", None),
    (
        "Tens of thousands of troops massed.",
        "Tens of thousands",
        1e4,
        1e5,
        "approx",
        "person",
        None,
    ),
    (
        "Hundreds of thousands of children",
        "Hundreds of thousands",
        1e5,
        1e6,
        "approx",
        "person",
        None,
    ),
    (
        "Several hundred civilians were held.",
        "Several hundred",
        100,
        1000,
        "approx",
        "person",
        None,
    ),
    # ranges
    (
        "Losses of 150,000-190,000 troops.",
        "150,000-190,000",
        150000,
        190000,
        "exact",
        "person",
        None,
    ),
    ("Between 40,000 and 55,000 died.", "40,000 and 55,000", 40000, 55000, "exact", None, None),
    ("About 70 to 80,000 casualties.", "70 to 80,000", 70000, 80000, "approx", "person", None),
    ("Men aged from 18 to 30 are called up.", "18 to 30", 18, 30, "exact", None, None),
    ("Aid of $3-4 billion is planned.", "$3-4 billion", 3e9, 4e9, "exact", "USD", None),
    ("Prices rose 5% to 10% this year.", "5% to 10%", 5, 10, "exact", "percent", None),
    (
        "Homes cost $800,000 to $1.3 million.",
        "$800,000 to $1.3 million",
        8e5,
        1.3e6,
        "exact",
        "USD",
        None,
    ),
    # qualifiers
    ("About 300 people were called up.", "300", 300, 300, "approx", "person", None),
    ("At least 436 civilians were killed.", "436", 436, 436, "at_least", "person", None),
    ("More than 1,000 tanks were lost.", "1,000", 1000, 1000, "more_than", None, None),
    ("Loans of up to 10 million rubles.", "10 million", 1e7, 1e7, "at_most", "RUB", None),
    ("Fewer than 50 medics remain.", "50", 50, 50, "less_than", "person", None),
    ("Nearly 24,000 soldiers died.", "24,000", 24000, 24000, "approx", "person", None),
    ("Men under the age of 60 must register.", "60", 60, 60, "less_than", None, None),
    ("Offices below sub-300 square metres.", "300", 300, 300, "less_than", None, None),
    ("Some 5,000 troops or more took part.", "5,000", 5000, 5000, "approx", "person", None),
    # percent and fractions
    ("Prices went up by 21%.", "21%", 21, 21, "exact", "percent", None),
    ("About 65 percent of its strength.", "65", 65, 65, "approx", "percent", None),
    ("More than a quarter of units are lost.", "a quarter", 25, 25, "more_than", "percent", None),
    ("Half of the wounded returned.", "Half", 50, 50, "exact", "percent", None),
    ("Two-thirds of the fleet is idle.", "Two-thirds", 200 / 3, 200 / 3, "exact", "percent", None),
    # rates
    ("Russia lost 1,523 people per day.", "1,523", 1523, 1523, "exact", "person", "day"),
    ("Nearly 1,000 troops die each day.", "1,000", 1000, 1000, "approx", "person", "day"),
    ("A daily average of 899 soldiers.", "899", 899, 899, "exact", "person", "day"),
    ("It pays 200,000 rubles a month.", "200,000", 2e5, 2e5, "exact", "RUB", "month"),
    (
        "The average daily toll of the army is 899 soldiers.",
        "899",
        899,
        899,
        "exact",
        "person",
        "day",
    ),
    # units
    ("The front is 1,288 kilometers long.", "1,288", 1288, 1288, "exact", "km", None),
    ("The base is 1,450km away.", "1,450km", 1450, 1450, "exact", "km", None),
    ("He was sentenced to five years.", "five", 5, 5, "exact", "year", None),
    ("It took 60 days to move the tanks.", "60", 60, 60, "exact", "day", None),
    ("A seven-year-old girl was hurt.", "seven", 7, 7, "exact", "year", None),
    ("Exports grew sixfold.", "sixfold", 6, 6, "exact", "times", None),
    ("It lost 18,726 armoured personnel carriers.", "18,726", 18726, 18726, "exact", None, None),
]

NOT_FIGURES = [
    "On February 24, 2022, the invasion began.",
    "In 2023 the war went on.",
    "The 47th Brigade held the line.",
    "Ukraine received F-35 jets and Su-25 parts.",
    "The G7 met under Resolution 2623.",
    "Over the past 24 hours the shelling continued.",
    "In two years of war the city changed.",
    "It was one of the worst days.",
    "Francis, 85, spoke on Sunday.",
    "The war passed the 16-month mark.",
    "The talks began at 10:30 a.m.",
    "Article 5 of the treaty applies.",
    "Twelve months on, nothing has changed.",
    "The Leopard 2 and the iPhone 11 were named.",
    "A baker's dozen is a joke.",
    "Between 2014 and 2017 the plan stalled.",
    "Losses from 24.02.22 to 10.11.24 were counted.",
    "The report covers the 15 months from February 2022 to May 2023.",
    "It has not happened in over two decades.",
    "It records fewer deaths than for the three summer months.",
    "Posted 2024-11-10T08:15:00Z and updated at 10:38:07.",
    # Days of one month written as a span are a stretch of dates.
    "Weekly tally of losses, September 4-10",
    "Over the seven days from September 4 to 10 the front held.",
    # A length of time that says when: after, before, since, into, of the war.
    "Two years after the full-scale invasion began, the front held.",
    "Two years of full-scale war",
    "Six months into the war, the front held.",
]


@pytest.mark.parametrize(("sentence", "surface", "low", "high", "qualifier", "unit", "per"), CASES)
def test_figure_grammar_reads_value_qualifier_unit_and_rate(
    sentence: str,
    surface: str,
    low: float,
    high: float,
    qualifier: str,
    unit: str | None,
    per: str | None,
) -> None:
    figures = find_figures(sentence)
    assert len(figures) == 1, [sentence[f.start : f.end] for f in figures]
    figure = figures[0]
    assert sentence[figure.start : figure.end] == surface
    assert (figure.low, figure.high) == pytest.approx((low, high))
    assert (figure.qualifier, figure.unit, figure.per) == (qualifier, unit, per)


@pytest.mark.parametrize("sentence", NOT_FIGURES)
def test_dates_years_names_and_durations_are_not_figures(sentence: str) -> None:
    assert [sentence[f.start : f.end] for f in find_figures(sentence)] == []


def test_change_from_x_to_y_is_two_claims_but_one_quantity() -> None:
    sentence = "Growth slowed from 4.8 percent to 4.7 percent."
    assert [(f.low, f.high) for f in find_figures(sentence)] == [(4.8, 4.8), (4.7, 4.7)]
    assert [(f.low, f.high) for f in find_figures(sentence, quantities=True)] == [(4.8, 4.7)]


def test_a_count_that_went_from_x_to_y_is_two_claims() -> None:
    sentence = "The staff's tank count went from 4,476 to 4,554 over the week."
    assert [(f.low, f.high) for f in find_figures(sentence)] == [(4476, 4476), (4554, 4554)]


def test_a_length_after_for_is_the_quantity() -> None:
    text = "A court ordered him held in custody for two months after his arrest on Friday."
    assert [text[f.start : f.end] for f in find_figures(text)] == ["two"]
    # however many spaces stand between "for" and "almost" (a wrapped line of pasted text)
    text = "A court ordered him held in custody for       almost two months after his arrest."
    assert [text[f.start : f.end] for f in find_figures(text)] == ["two"]


def test_quantity_mode_keeps_durations_that_claims_leave_out() -> None:
    sentence = "Over the past 24 hours the shelling continued."
    assert find_figures(sentence) == []
    assert [f.low for f in find_figures(sentence, quantities=True)] == [24]


def test_two_numbers_in_a_sentence_are_two_figures() -> None:
    sentence = "It documented 763 men, 94 women and seven boys."
    assert [f.low for f in find_figures(sentence)] == [763, 94, 7]


def test_offsets_are_absolute_in_the_text_given() -> None:
    text = "Headline.\nAbout 300 people were called up."
    figures = find_figures(text, start=10)
    assert [text[f.start : f.end] for f in figures] == ["300"]


def test_negative_values_keep_their_sign() -> None:
    sentence = "The index fell -1.3% on Friday."
    assert [f.low for f in find_figures(sentence)] == [-1.3]


def test_rate_gates_match_wherever_a_rate_word_does() -> None:
    rates = figure_context._rate_patterns()
    units = figure_context._units()
    words = [
        word
        for table in ("rates", "rate_before")
        for group in units[table].values()
        for word in group
    ]
    for word in words + ["days", "a", "per", "average of"]:
        for text in (f" {word}", f" soldiers {word}", f" {word} ago", f", {word}", f" x{word}"):
            hit = any(pattern.match(text) for pattern, _ in rates.after)
            assert bool(rates.any_after.match(text)) == hit, text
            before = f"the {word} "
            hit = any(pattern.search(before) for pattern, _ in rates.before)
            assert bool(rates.any_before.search(before)) == hit, before
    assert figure_context.find_rate("899 a day", Figure(0, 3, 899, 899), 0, 9) == "day"
