"""The readers: each input kind becomes Articles, each bad input a one-line failure."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from warledger.readers import (
    BadDate,
    EmptyInput,
    NoArticleText,
    NotText,
    ReadFailure,
    expand_paths,
    iter_articles,
    read_html,
    read_jsonl,
    read_text,
    sniff_kind,
)
from warledger.record import Article

INPUTS = Path(__file__).parent / "fixtures" / "inputs"
DAY = date(2024, 1, 5)


def test_text_header_gives_date_and_body_starts_after_it() -> None:
    article = read_text(b"  date 2024-06-03\nAbout 120 people left.\n", "a.txt")
    assert article.published == date(2024, 6, 3)
    assert article.text == "About 120 people left.\n"


def test_text_header_may_share_its_line_with_the_first_sentence() -> None:
    article = read_text(b"date 2025-01-09 From October 1 on.", "a.txt")
    assert article.text == "From October 1 on."


def test_text_without_header_takes_the_given_date() -> None:
    article = read_text(b"About 120 people left.", "a.txt", DAY)
    assert (article.published, article.text) == (DAY, "About 120 people left.")


def test_text_header_date_wins_over_the_given_date() -> None:
    assert read_text(b"date 2024-06-03 Text.", "a.txt", DAY).published == date(2024, 6, 3)


def test_text_without_any_date_is_refused() -> None:
    with pytest.raises(BadDate, match="no publication date"):
        read_text(b"About 120 people left.", "a.txt")


def test_impossible_header_date_is_refused_naming_it() -> None:
    with pytest.raises(BadDate, match="2024-02-30"):
        read_text(b"date 2024-02-30 Text.", "a.txt", DAY)


def test_header_with_no_body_is_refused() -> None:
    with pytest.raises(EmptyInput, match="after the date header"):
        read_text(b"date 2024-06-03\n\n", "a.txt")


def test_byte_order_mark_is_not_part_of_the_body() -> None:
    assert read_text("\ufeffText.".encode(), "a.txt", DAY).text == "Text."


@pytest.mark.parametrize(
    ("data", "error", "fragment"),
    [
        (b"", EmptyInput, "empty"),
        (b" \n\t\n", EmptyInput, "whitespace"),
        (b"%PDF-1.4\x00\x01", NotText, "NUL byte at offset 8"),
        (b"caf\xe9 au lait", NotText, "byte 0xE9 at offset 3"),
    ],
)
def test_unreadable_bytes_are_refused_saying_why(
    data: bytes, error: type[Exception], fragment: str
) -> None:
    with pytest.raises(error, match=fragment):
        read_text(data, "a.txt", DAY)


def test_html_gives_main_text_and_metadata() -> None:
    article = read_html((INPUTS / "dated-page.html").read_bytes(), "page.html")
    assert "at least 14 drones" in article.text
    assert "Copyright" not in article.text and "Sport" not in article.text
    assert article.published == date(2024, 3, 14)
    assert article.title == "Drones downed over the region"
    assert article.url == "https://herald.example.org/2024/03/drones-downed"
    assert article.outlet == "Example Herald"


def test_html_date_wins_over_the_given_date() -> None:
    article = read_html((INPUTS / "dated-page.html").read_bytes(), "page.html", DAY)
    assert article.published == date(2024, 3, 14)


def test_html_without_a_stated_date_takes_the_given_one_not_a_copyright_year() -> None:
    article = read_html((INPUTS / "undated-page.html").read_bytes(), "page.html", DAY)
    assert article.published == DAY


def test_html_without_a_stated_date_or_given_one_is_refused() -> None:
    with pytest.raises(BadDate):
        read_html((INPUTS / "undated-page.html").read_bytes(), "page.html")


def test_html_without_article_text_is_refused() -> None:
    with pytest.raises(NoArticleText):
        read_html((INPUTS / "textless-page.html").read_bytes(), "page.html", DAY)


def test_jsonl_records_become_articles_named_by_their_ids() -> None:
    items = list(read_jsonl((INPUTS / "feed.jsonl").read_bytes(), "feed.jsonl", DAY))
    assert [item.id for item in items if isinstance(item, Article)] == [
        "feed-1",
        "feed-2",
        "feed-3",
    ]


def test_jsonl_record_keeps_its_metadata_and_timestamp_date() -> None:
    first, second, _ = read_jsonl((INPUTS / "feed.jsonl").read_bytes(), "feed.jsonl", DAY)
    assert first == Article(
        id="feed-1",
        text="Officials said 12 buses left the city on Monday.",
        published=date(2024, 2, 1),
        url="https://news.example.org/a/1",
        title="Buses leave the city",
        outlet="Example News",
    )
    assert second.published == date(2024, 2, 2)


def test_jsonl_bad_line_fails_alone_naming_file_and_line() -> None:
    data = b'{"id": "a", "text": "One."}\n{"id": oops\n\n{"id": "c", "text": "Three."}\n'
    items = list(read_jsonl(data, "feed.jsonl", DAY))
    assert [type(item).__name__ for item in items] == ["Article", "ReadFailure", "Article"]
    assert str(items[1]).startswith("feed.jsonl:2: not JSON")


def test_jsonl_bad_bytes_are_reported_at_their_offset_in_the_file() -> None:
    data = b'{"id": "a", "text": "One."}\n{"id": "b", "text": "caf\xe9"}\n'
    failure = list(read_jsonl(data, "feed.jsonl", DAY))[1]
    offset = data.index(b"\xe9")
    assert failure == ReadFailure("feed.jsonl:2", f"not UTF-8 text (byte 0xE9 at offset {offset})")


def test_jsonl_impossible_date_fails_that_line() -> None:
    data = b'{"id": "a", "text": "One.", "published": "2024-02-30"}\n'
    (failure,) = read_jsonl(data, "feed.jsonl", DAY)
    assert isinstance(failure, ReadFailure) and "2024-02-30" in failure.message


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        (b'["a list"]', "not a JSON object"),
        (b'{"id": "a"}', "no 'text'"),
        (b'{"id": "a", "text": "One.", "title": ["x"]}', "'title' is list"),
    ],
)
def test_jsonl_line_that_is_not_an_article_record_fails(line: bytes, fragment: str) -> None:
    (failure,) = read_jsonl(line, "feed.jsonl", DAY)
    assert isinstance(failure, ReadFailure) and fragment in failure.message


def test_jsonl_record_without_id_is_named_by_its_url() -> None:
    (article,) = read_jsonl(b'{"url": "https://x.example/1", "text": "One."}', "f.jsonl", DAY)
    assert article.id == "https://x.example/1"


def test_jsonl_record_without_id_or_url_is_named_by_file_and_line() -> None:
    (article,) = read_jsonl(b'{"text": "One."}', "f.jsonl", DAY)
    assert article.id == "f.jsonl:1"


def test_empty_jsonl_is_refused() -> None:
    with pytest.raises(EmptyInput):
        list(read_jsonl(b"", "f.jsonl"))


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"<!DOCTYPE html><html>", "html"),
        (b"\n  <html lang='en'>", "html"),
        (b"<!-- saved page --><html>", "html"),
        (b'{"id": "a", "text": "x"}\n', "jsonl"),
        (b'\xef\xbb\xbf{"id": 1}', "jsonl"),
        (b"date 2024-01-01 Text", "text"),
        (b"Officials said <b> is a tag", "text"),
    ],
)
def test_sniffing_tells_kind_from_content(head: bytes, kind: str) -> None:
    assert sniff_kind(head) == kind


def test_folders_are_walked_sorted_recursively_skipping_hidden(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "sub/c.txt", ".hidden.txt", ".git/d.txt", "sub/.e.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    root = str(tmp_path)
    assert list(expand_paths([root])) == [f"{root}/a.txt", f"{root}/b.txt", f"{root}/sub/c.txt"]


def test_missing_path_is_a_failure_not_an_exception(tmp_path: Path) -> None:
    missing = str(tmp_path / "gone.txt")
    assert list(iter_articles([missing])) == [ReadFailure(missing, "no such file or folder")]


def test_file_over_the_limit_is_refused_from_its_size(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"date 2024-01-01 " + b"x" * 100)
    (failure,) = iter_articles([str(path)], max_bytes=50)
    assert isinstance(failure, ReadFailure) and "116 bytes, over the limit of 50" in failure.message


def test_stdin_is_read_and_named_dash() -> None:
    (article,) = iter_articles(["-"], DAY, stdin=io.BytesIO(b"About 120 people left."))
    assert (article.id, article.text) == ("-", "About 120 people left.")


def test_stdin_over_the_limit_is_refused() -> None:
    (failure,) = iter_articles(["-"], DAY, max_bytes=10, stdin=io.BytesIO(b"x" * 11))
    assert isinstance(failure, ReadFailure) and "limit of 10 bytes" in failure.message


class _Pipe(io.RawIOBase):
    """A pipe: bytes in small reads, no position, and a count of what was read."""

    def __init__(self, data: bytes) -> None:
        self._data, self.read_so_far = data, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        chunk = self._data[self.read_so_far : self.read_so_far + min(len(buffer), 1000)]
        buffer[: len(chunk)] = chunk
        self.read_so_far += len(chunk)
        return len(chunk)


def test_jsonl_on_stdin_is_read_line_by_line_whatever_its_size() -> None:
    record = b'{"id": "a%d", "text": "About %d people left.", "published": "2024-05-01"}\n'
    lines = [record % (n, n) for n in range(2000)]
    lines[7] = b"{not json\n"
    pipe = _Pipe(b"".join(lines))
    articles = iter_articles(["-"], DAY, max_bytes=200, stdin=io.BufferedReader(pipe))
    first = next(articles)
    # the first record comes before the pipe is read to its end
    assert first.id == "a0" and pipe.read_so_far < 20_000
    rest = list(articles)
    assert len(rest) == 1999 and rest[-1].text == "About 1999 people left."
    (failure,) = [item for item in rest if isinstance(item, ReadFailure)]
    assert failure.path == "-:8"


def test_other_kinds_on_stdin_are_still_read_whole() -> None:
    page = (INPUTS / "dated-page.html").read_bytes()
    (article,) = iter_articles(["-"], stdin=io.BufferedReader(_Pipe(page)))
    assert article.title == "Drones downed over the region"
    (failure,) = iter_articles(["-"], DAY, max_bytes=10, stdin=io.BufferedReader(_Pipe(b"x" * 11)))
    assert isinstance(failure, ReadFailure) and "limit of 10 bytes" in failure.message


def test_unknown_suffix_is_read_by_its_content(tmp_path: Path) -> None:
    path = tmp_path / "page.saved"
    path.write_bytes((INPUTS / "dated-page.html").read_bytes())
    (article,) = iter_articles([str(path)])
    assert article.title == "Drones downed over the region"


def test_failure_message_is_kept_on_one_line() -> None:
    assert str(ReadFailure("a.txt", "bad\n  thing")) == "a.txt: bad thing"


def test_folders_yield_only_article_files(tmp_path: Path) -> None:
    for name in ("a.txt", "b.html", "c.jsonl", "INDEX.tsv", "SOURCE.md", "notes.pdf"):
        (tmp_path / name).write_text("x")
    root = str(tmp_path)
    assert list(expand_paths([root])) == [f"{root}/a.txt", f"{root}/b.html", f"{root}/c.jsonl"]


def test_a_file_named_explicitly_is_read_whatever_its_suffix(tmp_path: Path) -> None:
    path = tmp_path / "SOURCE.md"
    path.write_text("date 2024-05-01\nbody")
    assert list(expand_paths([str(path)])) == [str(path)]
