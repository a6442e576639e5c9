"""Every hand-checked gold set is well formed and points at the right text.

Five sets hold short reports and one JSONL file of hand-checked claims per report, in the gold
format of shared/spec/claims.md ("Gold files"):

- examples: the articles in examples/*.txt, their gold in tests/fixtures/examples-gold;
- dev2: reports written for tuning the extraction rules (tests/fixtures/dev2);
- dev3: reports for tuning the two fields hardest on unseen text, the period a figure covers and
  the places it is about (tests/fixtures/dev3);
- dev4: more reports for periods and places, stated the ways dev3 does not yet hold
  (tests/fixtures/dev4);
- holdout: reports the extractor was never tuned on (tests/fixtures/holdout, see its README.md).

Every record's span must be the figure's own text in the article body and its quote the sentence
around it, verbatim; every field must use the spec's keys. The lists below are copied from the
spec on purpose, so the check needs nothing outside the repo and does not take the extractor's
own word lists on trust. Where the sets' checks differ, ``GoldSet`` holds the difference.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from warledger.readers.text import split_header

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).with_name("fixtures")

FIELDS = (
    "article start end quote low high qualifier unit per measure counted source source_text "
    "period_start period_end places hedge"
).split()
GOLD_KEYS = {"optional", "accept"}
QUALIFIERS = {"exact", "approx", "at_least", "more_than", "at_most", "less_than"}
PERS = {None, "day", "week", "month", "year"}
MEASURES = set(
    "casualties killed wounded conscripted mobilized recruited signing_bonus payment "
    "debt_relief_limit applications deported detained equipment population age_limit share "
    "other".split()
)
HEDGES = {
    None,
    "likely",
    "highly likely",
    "almost certainly",
    "probably",
    "realistic possibility",
    "estimated",
}
CURRENCIES = {"RUB", "USD", "UAH", "EUR", "GBP"}
# The body starts after "date YYYY-MM-DD" and the whitespace that follows it (claims.md).
HEADER = re.compile(r"\A\s*date[ \t]+(\d{4}-\d{2}-\d{2})\s+")
PLACE = re.compile(r"[A-Z]{2}(-[A-Z0-9]{1,3})?")
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# Each set needs at least this many reports.
MIN_ARTICLES = 6


def figure_pattern(
    percent: str = "%?", more: str = "", last: str = "", flags: int = 0
) -> re.Pattern[str]:
    """What a figure's text may be: digits, or a number word / vague amount as claims.md lists
    them; ``percent``, ``more`` and ``last`` are what a set adds to the examples' pattern."""
    number = r"[$£€₽₴]?\d[\d,.]*( ?(million|billion|bn|K))?"
    return re.compile(
        rf"(between )?{number}([-–]| and | to )?({number})?{percent}{more}"
        r"|(a |an |two |three )?(half|quarter|third|dozen|hundreds|thousands|tens of thousands"
        r"|hundreds of thousands|millions|dozens)"
        r"|one|two|three|four|five|six|seven|eight|nine|ten" + last,
        flags,
    )


HOLDOUT_NUMBER = r"[$£€₽₴]?\d[\d,.]*( ?(million|billion|bn|m|K))?%?"
HOLDOUT_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty"
    r"|dozens|hundreds|thousands|tens of thousands|hundreds of thousands|millions"
    r"|(a |an )?(half|quarter|third)( a (million|billion))?|twice"
)
# The holdout's figures: a number, a range of two, a number word or vague amount, or a
# multiplier ("30 times").
HOLDOUT_FIGURE = re.compile(
    rf"(between )?{HOLDOUT_NUMBER}(([-–]| and | to ){HOLDOUT_NUMBER})?"
    rf"|({HOLDOUT_NUMBER}|{HOLDOUT_WORDS})( times)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class GoldSet:
    name: str
    gold: Path
    articles: Path
    figure: re.Pattern[str]
    # ``accept`` may hold "value": one number for a point value or a [low, high] pair.
    accept_value: bool = False
    # A plan "from next year" may end after publication, but not by years; and each accepted
    # period end is scored on its own, so it need only fit some other end.
    plans_ahead: bool = False
    # An accepted alternative never repeats the gold value.
    distinct_accepts: bool = False

    def __str__(self) -> str:
        return self.name


SETS = [
    GoldSet("examples", FIXTURES / "examples-gold", ROOT / "examples", figure_pattern()),
    GoldSet(
        "dev2",
        FIXTURES / "dev2" / "gold",
        FIXTURES / "dev2" / "articles",
        figure_pattern(last="|twice"),
    ),
    GoldSet(
        "dev3",
        FIXTURES / "dev3" / "gold",
        FIXTURES / "dev3" / "articles",
        figure_pattern("(%| percent)?", "|half a million", "|twice", re.IGNORECASE),
        accept_value=True,
    ),
    GoldSet(
        "dev4",
        FIXTURES / "dev4" / "gold",
        FIXTURES / "dev4" / "articles",
        figure_pattern("(%| percent)?", flags=re.IGNORECASE),
        plans_ahead=True,
        distinct_accepts=True,
    ),
    GoldSet(
        "holdout",
        FIXTURES / "holdout" / "gold",
        FIXTURES / "holdout" / "articles",
        HOLDOUT_FIGURE,
        plans_ahead=True,
        distinct_accepts=True,
    ),
]

Item = tuple[GoldSet, str, int, dict[str, Any]]


def load_body(gold_set: GoldSet, article: str) -> tuple[date, str]:
    text = (gold_set.articles / article).read_text(encoding="utf-8")
    match = HEADER.match(text)
    assert match, f"{article}: no date header"
    return date.fromisoformat(match.group(1)), text[match.end() :]


def gold_records(gold_set: GoldSet) -> list[Item]:
    return [
        (gold_set, file.name, number, json.loads(line))
        for file in sorted(gold_set.gold.glob("*.jsonl"))
        for number, line in enumerate(file.read_text(encoding="utf-8").split("\n"), start=1)
        if line.strip()
    ]


RECORDS = [item for gold_set in SETS for item in gold_records(gold_set)]


def record_id(item: Item) -> str:
    return f"{item[0].name}:{item[1]}:{item[2]}"


each_set = pytest.mark.parametrize("gold_set", SETS, ids=str)
each_record = pytest.mark.parametrize("item", RECORDS, ids=record_id)


@each_set
def test_every_article_has_a_gold_file_and_no_other(gold_set: GoldSet) -> None:
    articles = {path.stem for path in gold_set.articles.glob("*.txt")}
    golds = {path.stem for path in gold_set.gold.glob("*.jsonl")}
    assert len(articles) >= MIN_ARTICLES and articles == golds


@each_set
def test_each_article_is_a_short_report_with_header_and_headline(gold_set: GoldSet) -> None:
    for path in sorted(gold_set.articles.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        assert re.fullmatch(r"date \d{4}-\d{2}-\d{2}", lines[0]), path.name
        assert lines[1] == "" and lines[2].strip() and lines[3] == "", path.name
        _, body = load_body(gold_set, path.name)
        assert 150 <= len(body.split()) <= 300, f"{path.name}: {len(body.split())} words"


@each_set
def test_each_gold_file_holds_only_its_own_article_in_text_order(gold_set: GoldSet) -> None:
    for file in sorted(gold_set.gold.glob("*.jsonl")):
        records = [record for _, name, _, record in gold_records(gold_set) if name == file.name]
        assert records, f"{file.name} is empty"
        assert {record["article"] for record in records} == {file.stem + ".txt"}
        starts = [record["start"] for record in records]
        assert starts == sorted(starts), f"{file.name}: records out of text order"


@each_set
def test_the_test_reads_bodies_as_warledger_does(gold_set: GoldSet) -> None:
    for path in sorted(gold_set.articles.glob("*.txt")):
        published, body = load_body(gold_set, path.name)
        assert split_header(path.read_text(encoding="utf-8")) == (published, body)


@each_record
def test_span_is_the_figure_and_quote_is_its_sentence(item: Item) -> None:
    gold_set, _, _, record = item
    _, body = load_body(gold_set, record["article"])
    start, end, quote = record["start"], record["end"], record["quote"]
    assert isinstance(start, int) and isinstance(end, int)
    assert 0 <= start < end <= len(body)
    figure = body[start:end]
    assert gold_set.figure.fullmatch(figure), f"span {figure!r} is not a figure's text"
    # The span is whole words: it neither starts nor ends inside a word or a number.
    assert start == 0 or not body[start - 1].isalnum(), figure
    assert end == len(body) or not body[end].isalnum(), figure
    assert quote == quote.strip() and quote in body
    holders = [m.start() for m in re.finditer(re.escape(quote), body)]
    assert any(at <= start and end <= at + len(quote) for at in holders), (
        f"{figure!r} at {start} is not inside its quote"
    )
    assert "\n" not in quote, "a quote is one sentence, never two paragraphs"


def check_fields(gold_set: GoldSet, record: dict[str, Any], published: date) -> None:
    """Every scored field of ``record`` (a gold record, or one with accepted values) is valid."""
    assert isinstance(record["low"], int | float) and isinstance(record["high"], int | float)
    assert record["low"] <= record["high"]
    assert record["qualifier"] in QUALIFIERS
    unit = record["unit"]
    assert isinstance(unit, str) and unit
    assert unit in CURRENCIES or unit == unit.lower(), f"unit {unit!r}"
    assert record["per"] in PERS
    assert record["measure"] in MEASURES
    source = record["source"]
    assert source is None or SLUG.fullmatch(source), f"source {source!r}"
    ends = [record["period_start"], record["period_end"]]
    for end in ends:
        if gold_set.plans_ahead:
            assert end is None or date.fromisoformat(end).year <= published.year + 1, f"{ends}"
        else:
            assert end is None or date.fromisoformat(end) <= published, f"period {ends}"
    if None not in ends:
        assert ends[0] <= ends[1], f"period {ends}"
    places = record["places"]
    assert isinstance(places, list) and all(PLACE.fullmatch(place) for place in places)
    assert len(set(places)) == len(places)
    assert record["hedge"] in HEDGES


def check_accepted_end(
    gold_set: GoldSet, record: dict[str, Any], name: str, alternative: Any, published: date
) -> None:
    """An accepted period end, scored on its own, need only fit some other end."""
    other = "period_end" if name == "period_start" else "period_start"
    check_fields(gold_set, {**record, name: alternative, other: None}, published)
    pairs = [
        (alternative, partner) if name == "period_start" else (partner, alternative)
        for partner in [record[other], *record.get("accept", {}).get(other, [])]
    ]
    assert any(None in pair or pair[0] <= pair[1] for pair in pairs), (
        f"accept.{name} {alternative} fits no {other}"
    )


@each_record
def test_fields_use_the_spec_keys(item: Item) -> None:
    gold_set, _, _, record = item
    assert list(record)[: len(FIELDS)] == FIELDS, "every field, in the spec's order"
    assert set(record) - set(FIELDS) <= GOLD_KEYS
    assert record.get("optional", True) is True, "optional is only ever written as true"
    for name in ("quote", "counted"):
        assert isinstance(record[name], str) and record[name]
    source_text = record["source_text"]
    assert (record["source"] is None) == (source_text is None)
    published, _ = load_body(gold_set, record["article"])
    check_fields(gold_set, record, published)
    accept = record.get("accept", {})
    acceptable = set(FIELDS) | ({"value"} if gold_set.accept_value else set())
    assert set(accept) <= acceptable - {"article", "start", "end", "quote"}
    for name, alternatives in accept.items():
        assert isinstance(alternatives, list) and alternatives, f"accept.{name}"
        if gold_set.distinct_accepts:
            assert record[name] not in alternatives, f"accept.{name} repeats the gold value"
        for alternative in alternatives:
            if name in {"counted", "source_text"}:
                continue
            if name == "value":
                # One number for a point value, or a [low, high] pair (evaluate.py).
                low, high = alternative if isinstance(alternative, list) else (alternative,) * 2
                check_fields(gold_set, {**record, "low": low, "high": high}, published)
            elif gold_set.plans_ahead and name.startswith("period_"):
                check_accepted_end(gold_set, record, name, alternative, published)
            else:
                check_fields(gold_set, {**record, name: alternative}, published)


@each_set
def test_claims_never_share_a_span(gold_set: GoldSet) -> None:
    spans: dict[str, list[tuple[int, int]]] = {}
    for _, _, _, record in gold_records(gold_set):
        spans.setdefault(record["article"], []).append((record["start"], record["end"]))
    for article, pairs in spans.items():
        pairs.sort()
        for (_, end), (start, _) in zip(pairs, pairs[1:], strict=False):
            assert end <= start, f"{article}: overlapping gold spans at {start}"
