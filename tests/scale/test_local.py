"""extract --workers: the same claims in the same order as one process; JSONL dumps streamed."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from warledger.cli import main
from warledger.readers import ReadFailure, iter_articles, read_jsonl
from warledger.readers.jsonl import read_jsonl_lines, split_lines
from warledger.record import Article
from warledger.scale.local import Extracted, default_workers, extract_stream, extract_tagged

from .conftest import CORPUS, EXAMPLES, corpus_articles, write_dump


def _extract(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["extract", "--format", "jsonl", *args])
    return result.exit_code, result.stdout, result.stderr


def test_two_workers_give_the_examples_claims_of_one() -> None:
    one = _extract(str(EXAMPLES), "--workers", "1")
    two = _extract(str(EXAMPLES), "--workers", "2")
    assert one[0] == 0 and one[1].count("\n") > 50
    assert two == one


def test_two_workers_give_the_corpus_claims_of_one() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is not beside the repository")
    one = _extract(str(CORPUS), str(EXAMPLES), "--workers", "1")
    two = _extract(str(CORPUS), str(EXAMPLES), "-j", "2")
    assert one[1].count("\n") > 100
    assert two == one


@pytest.mark.parametrize("chunksize", [1, 3, 64])
def test_pool_keeps_order_with_failures_between_articles(chunksize: int) -> None:
    items: list[Article | ReadFailure] = list(iter_articles([str(EXAMPLES)]))
    items.insert(2, ReadFailure("x.txt", "broken"))
    items.append(ReadFailure("y.txt", "broken too"))
    one = list(extract_stream(items, 1))
    two = list(extract_stream(items, 2, chunksize=chunksize, window=1))
    assert [type(result) for result in two] == [type(result) for result in one]
    assert two == one
    assert [r.article.id for r in two if isinstance(r, Extracted)] == [
        item.id for item in items if isinstance(item, Article)
    ]


def test_tags_follow_their_articles() -> None:
    items = [(f"tag{n}", item) for n, item in enumerate(iter_articles([str(EXAMPLES)]))]
    tags = [tag for tag, _ in extract_tagged(items, 2, chunksize=2)]
    assert tags == [tag for tag, _ in items]


def test_default_workers_is_at_least_one() -> None:
    assert default_workers() >= 1


def test_streamed_dump_with_a_bad_line_fails_that_line_alone(tmp_path: Path) -> None:
    articles = [item for item in iter_articles([str(EXAMPLES)]) if isinstance(item, Article)]
    dump = write_dump(tmp_path / "dump.jsonl", articles, bad_after=3)
    code, out, err = _extract(str(dump), "--workers", "2")
    assert code == 1
    assert err.splitlines() == [
        f"warledger: {dump}:4: not JSON (Expecting property name enclosed in double quotes"
        " at column 2)"
    ]
    ids = {json.loads(line)["article"] for line in out.splitlines()}
    assert ids == {article.id for article in articles}


def test_max_bytes_limits_each_record_of_a_streamed_dump(tmp_path: Path) -> None:
    articles = [item for item in iter_articles([str(EXAMPLES)]) if isinstance(item, Article)]
    dump = write_dump(tmp_path / "dump.jsonl", articles)
    longest = max(len(line) for line in dump.read_bytes().splitlines())
    assert dump.stat().st_size > longest  # the file is over the limit, no record is
    items = list(iter_articles([str(dump)], max_bytes=longest))
    assert [item.id for item in items] == [article.id for article in articles]
    small = list(iter_articles([str(dump)], max_bytes=longest - 1))
    assert any(
        isinstance(item, ReadFailure) and "record over the limit" in item.message for item in small
    )
    assert len(small) == len(articles)


@pytest.mark.parametrize(
    "data",
    [
        b'\xef\xbb\xbf{"id": "a", "text": "About 300 people.", "published": "2024-01-02"}\r\n'
        b'{"text": "x"}\r{bad\n\n{"id": "b", "text": "\xe9"}\n{"id": "c", "text": "ok"}',
        b"\n\n  \n",
        b'{"id": "a", "text": "One."}',
    ],
)
def test_streaming_reads_what_whole_file_reading_reads(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    path.write_bytes(data)
    whole: list[object]
    try:
        whole = list(read_jsonl(data, str(path)))
    except Exception as error:
        whole = [ReadFailure(str(path), str(error))]
    assert list(iter_articles([str(path)])) == whole
    assert list(read_jsonl_lines(split_lines(io.BytesIO(data), 1 << 20), str(path))) == (
        whole if data.strip() else []
    )


def test_empty_dump_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")
    assert list(iter_articles([str(path)])) == [ReadFailure(str(path), "empty input")]


def test_corpus_articles_are_read() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is not beside the repository")
    assert len(corpus_articles()) >= 20
