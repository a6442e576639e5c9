"""The hand-checked answers of the dev3 tuning set are well formed and point at the right text.

tests/fixtures/dev3 holds short reports (articles/*.txt) written for tuning the extraction rules on
the two fields hardest on unseen text, the period a figure covers and the places it is about, and
one JSONL file of hand-checked claims per report (gold/*.jsonl), in the gold format of
shared/spec/claims.md ("Gold files"). Every record's span must be the figure's own text in the
article body and its quote the sentence around it, verbatim; every field must use the spec's keys.
The lists below are copied from the spec on purpose, so the check needs nothing outside the repo
and does not take the extractor's own word lists on trust.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from warledger.readers.text import split_header

ROOT = Path(__file__).resolve().parents[1]
DEV3 = Path(__file__).with_name("fixtures") / "dev3"
ARTICLES = DEV3 / "articles"
GOLD = DEV3 / "gold"

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
# What a figure's text may be: digits, or a number word / vague amount as claims.md lists them.
FIGURE = re.compile(
    r"(between )?[$£€₽₴]?\d[\d,.]*( ?(million|billion|bn|K))?"
    r"([-–]| and | to )?([$£€₽₴]?\d[\d,.]*( ?(million|billion|bn|K))?)?(%| percent)?"
    r"|half a million"
    r"|(a |an |two |three )?(half|quarter|third|dozen|hundreds|thousands|tens of thousands"
    r"|hundreds of thousands|millions|dozens)"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|twice",
    re.IGNORECASE,
)


def load_body(article: str) -> tuple[date, str]:
    text = (ARTICLES / article).read_text(encoding="utf-8")
    match = HEADER.match(text)
    assert match, f"{article}: no date header"
    return date.fromisoformat(match.group(1)), text[match.end() :]


def gold_records() -> list[tuple[str, int, dict[str, Any]]]:
    return [
        (file.name, number, json.loads(line))
        for file in sorted(GOLD.glob("*.jsonl"))
        for number, line in enumerate(file.read_text(encoding="utf-8").split("\n"), start=1)
        if line.strip()
    ]


RECORDS = gold_records()


def record_id(item: tuple[str, int, dict[str, Any]]) -> str:
    return f"{item[0]}:{item[1]}"


def test_every_dev3_article_has_a_gold_file_and_no_other() -> None:
    articles = {path.stem for path in ARTICLES.glob("*.txt")}
    golds = {path.stem for path in GOLD.glob("*.jsonl")}
    assert articles and articles == golds


def test_each_gold_file_holds_only_its_own_article_in_text_order() -> None:
    for file in sorted(GOLD.glob("*.jsonl")):
        records = [record for name, _, record in RECORDS if name == file.name]
        assert records, f"{file.name} is empty"
        assert {record["article"] for record in records} == {file.stem + ".txt"}
        starts = [record["start"] for record in records]
        assert starts == sorted(starts), f"{file.name}: records out of text order"


def test_the_test_reads_bodies_as_warledger_does() -> None:
    for path in sorted(ARTICLES.glob("*.txt")):
        published, body = load_body(path.name)
        assert split_header(path.read_text(encoding="utf-8")) == (published, body)


@pytest.mark.parametrize("item", RECORDS, ids=record_id)
def test_span_is_the_figure_and_quote_is_its_sentence(
    item: tuple[str, int, dict[str, Any]],
) -> None:
    _, _, record = item
    _, body = load_body(record["article"])
    start, end, quote = record["start"], record["end"], record["quote"]
    assert 0 <= start < end <= len(body)
    figure = body[start:end]
    assert FIGURE.fullmatch(figure), f"span {figure!r} is not a figure's text"
    # The span is whole words: it neither starts nor ends inside a word or a number.
    assert start == 0 or not body[start - 1].isalnum(), figure
    assert end == len(body) or not body[end].isalnum(), figure
    assert quote == quote.strip() and quote in body
    holders = [m.start() for m in re.finditer(re.escape(quote), body)]
    assert any(at <= start and end <= at + len(quote) for at in holders), (
        f"{figure!r} at {start} is not inside its quote"
    )
    assert "\n" not in quote, "a quote is one sentence, never two paragraphs"


def check_fields(record: dict[str, Any], published: date) -> None:
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
        assert end is None or date.fromisoformat(end) <= published, f"period {ends}"
    if None not in ends:
        assert ends[0] <= ends[1], f"period {ends}"
    places = record["places"]
    assert isinstance(places, list) and all(PLACE.fullmatch(place) for place in places)
    assert len(set(places)) == len(places)
    assert record["hedge"] in HEDGES


@pytest.mark.parametrize("item", RECORDS, ids=record_id)
def test_fields_use_the_spec_keys(item: tuple[str, int, dict[str, Any]]) -> None:
    _, _, record = item
    assert list(record)[: len(FIELDS)] == FIELDS, "every field, in the spec's order"
    assert set(record) - set(FIELDS) <= GOLD_KEYS
    assert record.get("optional", True) is True, "optional is only ever written as true"
    for name in ("quote", "counted"):
        assert isinstance(record[name], str) and record[name]
    source_text = record["source_text"]
    assert (record["source"] is None) == (source_text is None)
    published, _ = load_body(record["article"])
    check_fields(record, published)
    accept = record.get("accept", {})
    assert set(accept) <= (set(FIELDS) | {"value"}) - {"article", "start", "end", "quote"}
    for name, alternatives in accept.items():
        assert isinstance(alternatives, list) and alternatives, f"accept.{name}"
        for alternative in alternatives:
            if name in {"counted", "source_text"}:
                continue
            if name == "value":
                # One number for a point value, or a [low, high] pair (evaluate.py).
                low, high = alternative if isinstance(alternative, list) else (alternative,) * 2
                check_fields({**record, "low": low, "high": high}, published)
                continue
            check_fields({**record, name: alternative}, published)


def test_claims_that_count_never_share_a_span() -> None:
    spans: dict[str, list[tuple[int, int]]] = {}
    for _, _, record in RECORDS:
        spans.setdefault(record["article"], []).append((record["start"], record["end"]))
    for article, pairs in spans.items():
        pairs.sort()
        for (_, end), (start, _) in zip(pairs, pairs[1:], strict=False):
            assert end <= start, f"{article}: overlapping gold spans at {start}"


def test_each_article_is_a_short_report_laid_out_as_the_set_requires() -> None:
    for path in sorted(ARTICLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        assert re.fullmatch(r"date \d{4}-\d{2}-\d{2}", lines[0]), path.name
        assert lines[1] == "" and lines[2].strip() and lines[3] == "", path.name
        _, body = load_body(path.name)
        assert 150 <= len(body.split()) <= 300, f"{path.name}: {len(body.split())} words"
