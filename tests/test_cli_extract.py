"""``warledger extract`` end to end: inputs in, claims out, one line per failed input."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from warledger.cli import main
from warledger.cli.output import format_period, format_value, resolve_format
from warledger.readers import read_text
from warledger.record import CLAIM_FIELDS, Article, Claim

INPUTS = Path(__file__).parent / "fixtures" / "inputs"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOOD = str(INPUTS / "dated.txt")


def first_number_claim(article: Article) -> list[Claim]:
    """A stand-in extractor: the first number of each article, so output tests do not depend
    on the figure grammar, which is still being written."""
    match = re.search(r"\d[\d,]*", article.text)
    if match is None:
        return []
    value = float(match.group().replace(",", ""))
    return [
        Claim(
            article=article.id,
            start=match.start(),
            end=match.end(),
            quote=article.text,
            low=value,
            high=value,
            unit="person",
            measure="population",
            source="ua-gur",
            period_end=article.published.isoformat() if article.published else None,
            places=["UA-65", "UA-23"],
        )
    ]


@pytest.fixture
def stand_in_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("warledger.cli.extract.extract_article", first_number_claim)


def run(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(main, ["extract", *args], input=stdin)


def records(result: Result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.usefixtures("stand_in_extractor")
@pytest.mark.parametrize(
    ("name", "article", "figure_text"),
    [
        ("dated.txt", "dated.txt", "120"),
        ("dated-page.html", "dated-page.html", "14"),
        ("feed.jsonl", "feed-1", "12"),
    ],
)
def test_each_input_kind_gives_claims_named_for_its_article(
    monkeypatch: pytest.MonkeyPatch, name: str, article: str, figure_text: str
) -> None:
    monkeypatch.chdir(INPUTS)
    result = run(name, "--published", "2024-01-05")
    first = records(result)[0]
    assert result.exit_code == 0
    assert (first["article"], first["quote"][first["start"] : first["end"]]) == (
        article,
        figure_text,
    )


@pytest.mark.usefixtures("stand_in_extractor")
def test_dash_reads_standard_input_and_sniffs_its_kind() -> None:
    page = (INPUTS / "dated-page.html").read_bytes()
    (record,) = records(run("-", stdin=page))
    assert (record["article"], record["period_end"]) == ("-", "2024-03-14")


@pytest.mark.usefixtures("stand_in_extractor")
def test_folder_is_walked_in_sorted_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(INPUTS.parent)
    result = run("inputs", "--published", "2024-01-05")
    assert [record["article"] for record in records(result)] == [
        "inputs/dated-page.html",
        "inputs/dated.txt",
        "feed-1",
        "feed-2",
        "feed-3",
        "inputs/undated-page.html",
        "inputs/undated.txt",
        # then the subfolders: the feed and Telegram fixtures
        "https://broken.example.org/good",
        "https://broken.example.org/late",
        "tag:monitor.example.net,2024:entry-7",
        "https://frontline.example.org/news/shelling-damage",
        "https://frontline.example.org/news/bonus",
        "telegram:1500000001/20417",
        "telegram:1500000001/20421",
    ]


@pytest.mark.usefixtures("stand_in_extractor")
def test_published_option_fills_a_missing_date() -> None:
    (record,) = records(run(str(INPUTS / "undated.txt"), "--published", "2024-01-05"))
    assert record["period_end"] == "2024-01-05"


@pytest.mark.usefixtures("stand_in_extractor")
def test_input_date_wins_over_published_option() -> None:
    (record,) = records(run(GOOD, "--published", "2024-01-05"))
    assert record["period_end"] == "2024-06-03"


def write_bad_input(tmp_path: Path, case: str) -> str:
    """The file for one bad-input case; returns its path as given on the command line."""
    contents = {
        "empty.txt": b"",
        "binary.txt": b"%PDF-1.4\n\x00\x01\x02",
        "latin1.txt": b"date 2024-01-01 caf\xe9",
        "undated.txt": b"About 120 people left.",
        "impossible.txt": b"date 2024-02-30 About 120 people left.",
        "textless.html": (INPUTS / "textless-page.html").read_bytes(),
        "undated.html": (INPUTS / "undated-page.html").read_bytes(),
    }
    path = tmp_path / case
    if case == "huge.txt":
        # Sparse: 50 MB on paper, nothing on disk; reading it would show in the message.
        with open(path, "wb") as file:
            file.truncate(50_000_000)
    elif case in contents:
        path.write_bytes(contents[case])
    return str(path)


@pytest.mark.usefixtures("stand_in_extractor")
@pytest.mark.parametrize(
    ("case", "problem"),
    [
        ("empty.txt", "empty input"),
        ("binary.txt", "binary data, not text (NUL byte at offset 9)"),
        ("latin1.txt", "not UTF-8 text (byte 0xE9 at offset 19)"),
        ("undated.txt", "no publication date"),
        ("impossible.txt", "invalid date in header '2024-02-30'"),
        ("huge.txt", "file is 50,000,000 bytes, over the limit of 20,000,000 bytes"),
        ("textless.html", "no article text found in the HTML"),
        ("undated.html", "no publication date"),
        ("missing.txt", "no such file or folder"),
    ],
)
def test_bad_input_is_one_line_naming_the_file_and_the_batch_goes_on(
    tmp_path: Path, case: str, problem: str
) -> None:
    bad = write_bad_input(tmp_path, case)
    result = run(bad, GOOD)
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"warledger: {bad}: {problem}")
    assert [record["article"] for record in records(result)] == [GOOD]
    assert result.exit_code == 1


@pytest.mark.usefixtures("stand_in_extractor")
def test_size_limit_is_an_option() -> None:
    result = run(GOOD, "--max-bytes", "50")
    assert result.stderr.startswith(f"warledger: {GOOD}: file is ")
    assert result.exit_code == 1


@pytest.mark.usefixtures("stand_in_extractor")
def test_bad_jsonl_line_names_file_and_line_and_other_lines_go_on(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b'{"id": "a", "text": "1 one", "published": "2024-01-01"}\n{oops\n')
    result = run(str(feed))
    assert result.stderr.startswith(f"warledger: {feed}:2: not JSON")
    assert [record["article"] for record in records(result)] == ["a"]
    assert result.exit_code == 1


def test_extraction_error_fails_that_article_only(monkeypatch: pytest.MonkeyPatch) -> None:
    def fragile(article: Article) -> list[Claim]:
        if article.id == GOOD:
            raise RuntimeError("grammar\nexploded")
        return first_number_claim(article)

    monkeypatch.setattr("warledger.cli.extract.extract_article", fragile)
    other = str(INPUTS / "dated-page.html")
    result = run(GOOD, other)
    assert result.stderr.splitlines() == [
        f"warledger: {GOOD}: extraction failed: RuntimeError: grammar exploded"
    ]
    assert [record["article"] for record in records(result)] == [other]
    assert result.exit_code == 1


@pytest.mark.usefixtures("stand_in_extractor")
def test_good_batch_exits_zero_with_nothing_on_stderr() -> None:
    result = run(GOOD)
    assert (result.exit_code, result.stderr) == (0, "")


@pytest.mark.usefixtures("stand_in_extractor")
def test_jsonl_lines_are_the_claim_records() -> None:
    (claim,) = first_number_claim(read_text((INPUTS / "dated.txt").read_bytes(), GOOD))
    assert records(run(GOOD, "--format", "jsonl")) == [dataclasses.asdict(claim)]


@pytest.mark.usefixtures("stand_in_extractor")
def test_jsonl_keeps_non_ascii_characters(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("date 2024-01-01 Близько 300 людей.", encoding="utf-8")
    assert "Близько" in run(str(path), "--format", "jsonl").stdout


@pytest.mark.usefixtures("stand_in_extractor")
def test_csv_has_claim_fields_as_header_and_places_joined_by_semicolons() -> None:
    rows = list(csv.reader(io.StringIO(run(GOOD, "--format", "csv").stdout)))
    assert tuple(rows[0]) == CLAIM_FIELDS
    assert dict(zip(rows[0], rows[1], strict=True))["places"] == "UA-65;UA-23"


@pytest.mark.usefixtures("stand_in_extractor")
def test_table_shows_figure_text_value_and_places() -> None:
    output = run(GOOD, "--format", "table").stdout
    assert re.search(r"120 .*120 .*person .*population .*ua-gur .*2024-06-03", output)
    assert "UA-65, UA-23" in output


@pytest.mark.usefixtures("stand_in_extractor")
def test_piped_output_defaults_to_jsonl() -> None:
    (record,) = records(run(GOOD))
    assert record["low"] == 120


def test_seed_article_offsets_point_at_each_figure_in_its_quote(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seeds = SHARED / "seeds"
    if not (seeds / "seed-article.txt").is_file():
        pytest.skip("shared/seeds/seed-article.txt is not beside the repository")
    monkeypatch.chdir(seeds)
    result = run("seed-article.txt")
    body = (seeds / "seed-article.txt").read_text(encoding="utf-8").split("2025-01-09", 1)[1]
    body = body.lstrip()
    assert result.exit_code == 0, result.stderr
    for record in records(result):
        figure = body[record["start"] : record["end"]]
        assert record["article"] == "seed-article.txt"
        assert figure.strip() and figure in record["quote"]
        assert body.find(record["quote"]) <= record["start"]


@pytest.mark.parametrize(
    ("low", "high", "qualifier", "per", "shown"),
    [
        (300, 300, "approx", None, "~300"),
        (150_000, 190_000, "exact", None, "150,000–190,000"),
        (14, 14, "at_least", "day", "≥14 /day"),
        (33.33, 33.33, "exact", None, "33.33"),
        (2_500_000, 2_500_000, "more_than", None, ">2,500,000"),
    ],
)
def test_table_value_reads_like_the_claim(
    low: float, high: float, qualifier: str, per: str | None, shown: str
) -> None:
    claim = Claim("a", 0, 1, "q", low, high, qualifier=qualifier, per=per)
    assert format_value(claim) == shown


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        ("2024-10-01", "2024-12-31", "2024-10-01 – 2024-12-31"),
        ("2024-11-10", "2024-11-10", "2024-11-10"),
        (None, "2025-01-09", "… – 2025-01-09"),
        (None, None, ""),
    ],
)
def test_table_period_shows_both_ends_once(start: str | None, end: str | None, shown: str) -> None:
    claim = Claim("a", 0, 1, "q", 1, 1, period_start=start, period_end=end)
    assert format_period(claim) == shown


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_default_format_is_a_table_at_a_terminal() -> None:
    assert resolve_format(None, Terminal()) == "table"


def test_default_format_is_jsonl_in_a_pipe() -> None:
    assert resolve_format(None, io.StringIO()) == "jsonl"


def test_chosen_format_wins_at_a_terminal() -> None:
    assert resolve_format("csv", Terminal()) == "csv"
