"""The period stage: which time words time a figure, and what a claim's period becomes."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from warledger.extract.document import Document, Figure
from warledger.extract.periods import assign_periods
from warledger.extract.sentences import split_sentences
from warledger.record import Article, Claim

PUBLISHED = date(2025, 1, 9)
SHARED = Path(__file__).resolve().parents[2] / "shared"


def periods_of(
    text: str,
    figures: list[tuple[str, str, str | None]],
    published: date = PUBLISHED,
    sources: list[str | None] | None = None,
    units: list[str | None] | None = None,
) -> list[tuple[str | None, str | None]]:
    """Periods given to ``figures`` (figure text, measure, per) found in ``text`` in order, with
    each figure's ``sources`` and ``units`` when given.

    A figure's value is its digits ("708,890" is 708890), so that a figure written twice is the
    same figure; a figure in words ("thousands") is vague.
    """
    doc = Document(Article(id="t", text=text, published=published))
    doc.sentences = split_sentences(text)
    cursor = 0
    for number, (figure_text, measure, per) in enumerate(figures):
        start = text.index(figure_text, cursor)
        end = cursor = start + len(figure_text)
        index = next(i for i, s in enumerate(doc.sentences) if s.start <= start < s.end)
        digits = re.sub(r"\D", "", figure_text)
        value = float(digits or 1000)
        doc.figures.append(Figure(start, end, value, value, per=per, vague=not digits))
        doc.sentence_of.append(index)
        source = sources[number] if sources else None
        unit = units[number] if units else None
        quote = doc.sentence_text(index)
        doc.claims.append(
            Claim(
                "t",
                start,
                end,
                quote,
                value,
                value,
                unit=unit,
                per=per,
                measure=measure,
                source=source,
            )
        )
    assign_periods(doc)
    return [(c.period_start, c.period_end) for c in doc.claims]


# sentence, figure, measure, per, period_start, period_end
CASES = [
    (
        "Since October 2022, Russians have submitted 411,000 applications.",
        "411,000",
        "applications",
        None,
        "2022-10-01",
        "2025-01-09",
    ),
    (
        "The number of dead and wounded has now reached 760,000.",
        "760,000",
        "casualties",
        None,
        "2022-02-24",
        "2025-01-09",
    ),
    (
        "Casualties in November 2024 were 1,523 people per day.",
        "1,523",
        "casualties",
        "day",
        "2024-11-01",
        "2024-11-30",
    ),
    (
        "They promise to pay 2.5 million rubles for signing a contract.",
        "2.5 million",
        "signing_bonus",
        None,
        None,
        None,
    ),
    (
        "Russia has lost 24,000 soldiers so far in the war.",
        "24,000",
        "casualties",
        None,
        "2022-02-24",
        "2025-01-09",
    ),
    (
        "As of Nov. 10, Russia had lost 3,000 tanks.",
        "3,000",
        "equipment",
        None,
        "2022-02-24",
        "2024-11-10",
    ),
    (
        "Some 77% of Russians currently support the war.",
        "77%",
        "share",
        None,
        "2025-01-09",
        "2025-01-09",
    ),
    ("Russia fired 36 missiles on Sunday.", "36", "equipment", None, "2025-01-05", "2025-01-05"),
    ("Russian troops are dying at 824 a day.", "824", "killed", "day", "2025-01-09", "2025-01-09"),
    ("The fleet has 40 ships.", "40", "other", None, None, None),
    (
        "Last week, four aircraft breached the zone.",
        "four",
        "other",
        None,
        "2024-12-30",
        "2025-01-05",
    ),
    (
        "More than 70 civilians were executed, the UN office said on Tuesday.",
        "70",
        "other",
        None,
        None,
        None,
    ),
]


@pytest.mark.parametrize(("text", "figure", "measure", "per", "first", "last"), CASES)
def test_claim_period(
    text: str, figure: str, measure: str, per: str | None, first: str | None, last: str | None
) -> None:
    assert periods_of(text, [(figure, measure, per)]) == [(first, last)]


def test_each_figure_takes_the_time_words_of_its_own_clause() -> None:
    text = (
        "The toll has now reached 760,000, and the average level of casualties in "
        "November 2024 was 1,523 people per day."
    )
    figures = [("760,000", "casualties", None), ("1,523", "casualties", "day")]
    assert periods_of(text, figures) == [
        ("2022-02-24", "2025-01-09"),
        ("2024-11-01", "2024-11-30"),
    ]


def test_another_sources_figure_of_the_same_size_is_no_restatement() -> None:
    text = (
        "Wagner said 20,000 of its fighters were killed in Bakhmut. US officials estimated "
        "that 20,000 Russian troops had been killed since December."
    )
    figures = [("20,000", "killed", None), ("20,000", "killed", None)]
    mixed = periods_of(text, figures, sources=["wagner", "us-gov"])
    assert mixed[1] == ("2024-12-01", "2025-01-09") and mixed[0] != mixed[1]
    same = periods_of(text, figures, sources=["us-gov", "us-gov"])
    assert same[0] == same[1] == ("2024-12-01", "2025-01-09")


def test_the_day_a_plan_was_stated_is_not_its_time() -> None:
    text = (
        "The World Bank estimated in February that rebuilding the energy sector would cost "
        "$47 billion. In February, the grid lost 300 transformers."
    )
    figures = [("$47 billion", "other", None), ("300", "other", None)]
    assert periods_of(text, figures) == [(None, None), ("2024-02-01", "2024-02-29")]


def test_the_same_period_last_year_is_the_stretch_named_a_year_earlier() -> None:
    text = (
        "In the first two months of 2024, 54 children were brought back, up from 31 in the same "
        "period last year.\n\nIn November 2024 strikes rose to 700. In the same month a year "
        "earlier there were 550."
    )
    figures = [
        ("54", "other", None),
        ("31", "other", None),
        ("700", "other", None),
        ("550", "other", None),
    ]
    assert periods_of(text, figures) == [
        ("2024-01-01", "2024-02-29"),
        ("2023-01-01", "2023-02-28"),
        ("2024-11-01", "2024-11-30"),
        ("2023-11-01", "2023-11-30"),
    ]


def test_during_this_period_carries_the_last_period_across_paragraphs() -> None:
    text = (
        "From October 1 to December 31, 2024, the occupiers ran a conscription drive.\n\n"
        "A headline\n\nDuring this period, about 300 people were called up."
    )
    assert periods_of(text, [("300", "conscripted", None)]) == [("2024-10-01", "2024-12-31")]


def test_continuation_sentence_carries_the_paragraph_period() -> None:
    text = "The report covers the period from March 1 to May 31, 2023. It documents 864 cases."
    assert periods_of(text, [("864", "detained", None)]) == [("2023-03-01", "2023-05-31")]


def test_age_limit_has_no_period_when_only_an_as_of_date_is_given() -> None:
    text = "As of Nov. 10, men under 60 must register."
    assert periods_of(text, [("60", "age_limit", None)]) == [(None, None)]


def test_since_the_invasion_ends_at_an_earlier_month_in_the_sentence() -> None:
    text = (
        "In late April, officials said 19,000 children had been deported during the full-scale war."
    )
    assert periods_of(text, [("19,000", "deported", None)]) == [("2022-02-24", "2024-04-30")]


def test_seed_article_periods_match_gold() -> None:
    gold_path = SHARED / "gold" / "seed-article.jsonl"
    if not gold_path.exists():
        pytest.skip("../shared/gold is not present")
    from warledger.readers import iter_articles

    article = next(iter_articles([str(SHARED / "seeds" / "seed-article.txt")]))
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()]
    gold = [g for g in gold if not g.get("optional")]
    doc = Document(article)
    doc.sentences = split_sentences(article.text)
    for g in gold:
        index = next(i for i, s in enumerate(doc.sentences) if s.start <= g["start"] < s.end)
        doc.figures.append(Figure(g["start"], g["end"], g["low"], g["high"], per=g["per"]))
        doc.sentence_of.append(index)
        doc.claims.append(
            Claim(
                article.id,
                g["start"],
                g["end"],
                g["quote"],
                g["low"],
                g["high"],
                per=g["per"],
                measure=g["measure"],
            )
        )
    assign_periods(doc)
    for g, claim in zip(gold, doc.claims, strict=True):
        accept = g.get("accept", {})
        assert claim.period_start in [g["period_start"], *accept.get("period_start", [])]
        assert claim.period_end in [g["period_end"], *accept.get("period_end", [])]


# Running totals, increments and prices: sentence, figure, measure, per, period_start, period_end
TOTAL_CASES = [
    # A tally verb with a measure that adds up over the war ("lists", "tallies", "total").
    (
        "The ministry still lists 369 aircraft.",
        "369",
        "equipment",
        None,
        "2022-02-24",
        "2025-01-09",
    ),
    (
        "Russian dead and wounded now total 760,000.",
        "760,000",
        "casualties",
        None,
        "2022-02-24",
        "2025-01-09",
    ),
    # "for a total of" totals whatever is counted, even when the measure is unknown.
    (
        "Units downed drones for a total of 18,619.",
        "18,619",
        "other",
        None,
        "2022-02-24",
        "2025-01-09",
    ),
    # An increment is the report's day even beside a total.
    (
        "Units downed another 44 drones, for a total of 18,619.",
        "44",
        "equipment",
        None,
        "2025-01-09",
        "2025-01-09",
    ),
    # A price holds with no period; "so far" belongs to "largest".
    (
        "A package worth $1 billion, the largest of the war so far.",
        "$1 billion",
        "equipment",
        None,
        None,
        None,
    ),
    (
        "Aid rose to $9.1 billion since Russia invaded in late February.",
        "$9.1 billion",
        "other",
        None,
        "2022-02-24",
        "2025-01-09",
    ),
    # A total counted some days back ends on that day.
    (
        "The figure a day earlier was a total of 707,540 losses.",
        "707,540",
        "casualties",
        None,
        "2022-02-24",
        "2025-01-08",
    ),
    (
        "The total is 1,350 higher than a day earlier.",
        "1,350",
        "casualties",
        None,
        "2025-01-08",
        "2025-01-08",
    ),
    # The date of a statement: a total up to then, a point for anything else, nothing for a limit.
    (
        "A report estimated in February 2023 that Russia had deported at least 6,000 children.",
        "6,000",
        "deported",
        None,
        "2022-02-24",
        "2023-02-28",
    ),
    (
        "A report estimated in February 2023 that children under 17 were taken.",
        "17",
        "age_limit",
        None,
        None,
        None,
    ),
    (
        "The survey said in March 2024 that 40 camps existed.",
        "40",
        "other",
        None,
        "2024-03-31",
        "2024-03-31",
    ),
    (
        "On May 2, 2022, it said Russia had sent 120 groups into Ukraine at the outset.",
        "120",
        "other",
        None,
        "2022-02-24",
        "2022-02-24",
    ),
    (
        "On May 2, 2022, it said 65 percent of units were lost.",
        "65",
        "share",
        None,
        "2022-05-02",
        "2022-05-02",
    ),
    (
        "Before the invasion, Moscow gathered 150,000 soldiers.",
        "150,000",
        "other",
        None,
        "2022-02-24",
        "2022-02-24",
    ),
]


@pytest.mark.parametrize(("text", "figure", "measure", "per", "first", "last"), TOTAL_CASES)
def test_running_total_increment_and_price_periods(
    text: str, figure: str, measure: str, per: str | None, first: str | None, last: str | None
) -> None:
    assert periods_of(text, [(figure, measure, per)]) == [(first, last)]


def test_running_tally_does_not_take_the_daily_period_of_the_sentence_before() -> None:
    text = (
        "Over the past 24 hours, forces destroyed 11 tanks. "
        "That brings its running tallies to 9,249 tanks and 20,280 artillery systems."
    )
    figures = [("11", "equipment", None), ("9,249", "equipment", None), ("20,280", "other", None)]
    assert periods_of(text, figures) == [
        ("2025-01-08", "2025-01-09"),
        ("2022-02-24", "2025-01-09"),
        ("2022-02-24", "2025-01-09"),
    ]


def test_total_cue_of_one_clause_does_not_time_the_next_clause() -> None:
    text = "Units downed 44 drones for a total of 18,619, and destroyed 122 vehicles."
    figures = [("18,619", "equipment", None), ("122", "equipment", None)]
    assert periods_of(text, figures) == [("2022-02-24", "2025-01-09"), ("2025-01-09", "2025-01-09")]


def test_those_three_months_points_back_to_the_range() -> None:
    text = (
        "Occupiers drafted residents from October 1 to December 31, 2024.\n\n"
        "About 300 people were called up over those three months."
    )
    assert periods_of(text, [("300", "conscripted", None)]) == [("2024-10-01", "2024-12-31")]


def test_report_coverage_times_the_reports_figures_before_and_after_it() -> None:
    text = (
        "Its report records 77 executions, the office said on Tuesday.\n\n"
        "The report covers the 15 months from the start of the invasion to May 2023.\n\n"
        "Russia was responsible for 864 of the cases.\n\n"
        "Separately, an envoy said 10,000 allegations were examined."
    )
    figures = [("77", "killed", None), ("864", "other", None), ("10,000", "other", None)]
    periods = periods_of(text, figures, published=date(2023, 6, 27), sources=["un", None, "us"])
    assert periods == [
        ("2022-02-24", "2023-05-31"),
        ("2022-02-24", "2023-05-31"),
        (None, None),
    ]


def test_headline_figure_takes_the_period_of_the_same_figure_in_the_body() -> None:
    text = (
        "Staff puts Russian losses at about 708,890\n\n"
        "Russia has lost about 708,890 troops since the start of the full-scale invasion."
    )
    figures = [("708,890", "casualties", None), ("708,890", "casualties", None)]
    assert periods_of(text, figures) == [("2022-02-24", "2025-01-09")] * 2


def test_vague_amounts_are_not_read_as_restated_figures() -> None:
    text = (
        "Thousands of people were taken to camps.\n\n"
        "Russia has deported thousands of people since the start of the full-scale invasion."
    )
    figures = [("Thousands", "deported", None), ("thousands", "deported", None)]
    assert periods_of(text, figures) == [
        ("2025-01-09", "2025-01-09"),
        ("2022-02-24", "2025-01-09"),
    ]
