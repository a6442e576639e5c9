"""RSS/Atom feeds from files and URLs: each entry an article, each broken part one failure line."""

from __future__ import annotations

import functools
import json
import shutil
import socket
import threading
from collections.abc import Iterator
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from warledger.cli import main
from warledger.readers import (
    EmptyInput,
    NotText,
    ReadFailure,
    expand_paths,
    iter_articles,
    read_feed,
    sniff_kind,
)
from warledger.readers.feeds import canonical_link, html_to_text
from warledger.record import Article

FEEDS = Path(__file__).parent / "fixtures" / "inputs" / "feeds"
RSS = str(FEEDS / "war-news.rss")
BROKEN = [str(FEEDS / name) for name in ("broken.rss", "not-utf8.rss", "empty.rss")]


def articles(items: list[Article | ReadFailure]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def failures(items: list[Article | ReadFailure]) -> list[str]:
    return [str(item) for item in items if isinstance(item, ReadFailure)]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["extract", *args, "--format", "jsonl"])


def assert_offsets_valid(result: Result, bodies: dict[str, str]) -> list[dict]:
    """Every claim's offsets index its own article's body, inside its quoted sentence."""
    records = [json.loads(line) for line in result.stdout.splitlines()]
    for record in records:
        body = bodies[record["article"]]
        figure = body[record["start"] : record["end"]]
        assert figure and figure in record["quote"] and record["quote"] in body
    return records


# --- files --------------------------------------------------------------------------------------


def test_rss_items_become_articles_with_their_metadata() -> None:
    first, second = iter_articles([RSS])
    assert first == Article(
        # the utm_* tracking parameters are not part of the story's id
        id="https://frontline.example.org/news/shelling-damage",
        text=(
            "According to the regional administration, 14 houses were damaged overnight.\n\n"
            "Officials said about 300 people were moved to shelters.\n"
            "Power is back in the district.\n\n"
            "Two schools closed."
        ),
        # 23:40 at +02:00 is still the 10th where it was published, though the 11th in UTC
        published=date(2024, 11, 10),
        url="https://frontline.example.org/news/shelling-damage",
        title="Regional officials count shelling damage",
        outlet="Frontline Ledger Daily",
    )
    assert (second.id, second.published, second.outlet) == (
        "https://frontline.example.org/news/bonus",
        date(2024, 11, 11),
        "Frontline Ledger Daily",
    )
    assert second.text.startswith("The region now pays 2.5 million rubles")


def test_atom_entry_without_link_is_named_by_its_id_and_has_no_url() -> None:
    (entry,) = iter_articles([str(FEEDS / "war-news.atom")])
    assert (entry.id, entry.url, entry.published, entry.outlet, entry.title) == (
        "tag:monitor.example.net,2024:entry-7",
        None,
        date(2024, 11, 12),
        "Monitor Atom Wire",
        "Drones downed overnight",
    )
    assert entry.text == "Air defence downed 31 of 45 drones, the air force said."


def test_broken_feed_keeps_good_entries_and_names_each_bad_part() -> None:
    items = list(iter_articles(BROKEN))
    assert [article.id for article in articles(items)] == [
        "https://broken.example.org/good",
        "https://broken.example.org/late",
    ]
    broken, not_utf8, empty = BROKEN
    assert failures(items) == [
        f"{broken}:entry 2: entry https://broken.example.org/photo has no text",
        f"{broken}: malformed feed (<unknown>:18:21: not well-formed (invalid token)); "
        "kept the 3 entries it could recover",
        f"{not_utf8}: not UTF-8 text (byte 0xE9 at offset 62)",
        f"{empty}: empty input",
    ]


def test_entry_without_any_date_takes_the_given_one_or_fails_alone() -> None:
    feed = (
        b"<rss version='2.0'><channel><title>T</title>"
        b"<item><link>https://a.example/1</link><description>12 people</description></item>"
        b"</channel></rss>"
    )
    assert next(read_feed(feed, "f.rss", date(2024, 1, 5))).published == date(2024, 1, 5)
    (failure,) = read_feed(feed, "f.rss")
    assert isinstance(failure, ReadFailure) and failure.path == "f.rss:entry 1"
    assert "https://a.example/1: no publication date" in failure.message


def test_feed_in_a_declared_charset_is_read() -> None:
    feed = (
        '<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel>'
        "<title>Вісті</title><item><link>https://a.example/1</link>"
        "<pubDate>Tue, 12 Nov 2024 10:00:00 GMT</pubDate>"
        "<description>Загинули 3 людини.</description></item></channel></rss>"
    ).encode("windows-1251")
    (article,) = read_feed(feed, "f.rss")
    assert (article.outlet, article.text) == ("Вісті", "Загинули 3 людини.")


@pytest.mark.parametrize(
    ("data", "error", "fragment"),
    [
        (b"   \n", EmptyInput, "no text"),
        (b"<rss>\x00</rss>", NotText, "NUL byte"),
        (b'<?xml version="1.0" encoding="utf-8"?><rss>\xe9</rss>', NotText, "0xE9"),
        (b'<?xml version="1.0" encoding="no-such"?><rss/>', NotText, "unknown charset"),
    ],
)
def test_unreadable_feed_bytes_are_refused(data: bytes, error: type, fragment: str) -> None:
    with pytest.raises(error, match=fragment):
        list(read_feed(data, "f.rss"))


def test_feed_without_entries_or_that_is_no_feed_is_one_failure(tmp_path: Path) -> None:
    (tmp_path / "a.rss").write_text("<rss version='2.0'><channel><title>T</title></channel></rss>")
    (tmp_path / "b.xml").write_text("<?xml version='1.0'?><sitemap><url>x</url></sitemap>")
    assert failures(list(iter_articles(sorted(map(str, tmp_path.iterdir()))))) == [
        f"{tmp_path}/a.rss: feed has no entries",
        f"{tmp_path}/b.xml: not an RSS or Atom feed",
    ]


def test_feed_over_the_size_limit_is_refused() -> None:
    (failure,) = iter_articles([RSS], max_bytes=100)
    assert isinstance(failure, ReadFailure) and "over the limit of 100 bytes" in failure.message


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b'<?xml version="1.0"?>\n<rss version="2.0">', "feed"),
        (b'\xef\xbb\xbf<?xml version="1.0"?><!-- c --><feed xmlns="x">', "feed"),
        (b"<rdf:RDF xmlns:rdf='r'>", "feed"),
        (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', "html"),
    ],
)
def test_feeds_are_sniffed_from_content(head: bytes, kind: str) -> None:
    assert sniff_kind(head) == kind


def test_feed_with_an_odd_suffix_is_read_by_its_content(tmp_path: Path) -> None:
    path = tmp_path / "feed.php"
    shutil.copy(RSS, path)
    assert len(articles(list(iter_articles([str(path)])))) == 2


def test_folders_include_feed_files(tmp_path: Path) -> None:
    for name in ("a.rss", "b.atom", "c.xml", "d.json"):
        (tmp_path / name).write_text("x")
    assert [Path(path).name for path in expand_paths([str(tmp_path)])] == [
        "a.rss",
        "b.atom",
        "c.xml",
    ]


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>One  two</p><p>three</p>", "One two\n\nthree"),
        ("<div>a<br>b</div>", "a\nb"),
        ("lead <b>bold</b> tail", "lead bold tail"),
        ("<p>x</p><script>var y;</script><!-- note --><p>z</p>", "x\n\nz"),
        ("plain\r\n\r\nsecond", "plain\n\nsecond"),
        ("<ul><li>1</li><li>2</li></ul>", "1\n\n2"),
        ("<img src='a.jpg'/>", ""),
    ],
)
def test_html_becomes_paragraphs_of_text(markup: str, text: str) -> None:
    assert html_to_text(markup) == text


def test_canonical_link_drops_only_tracking_parameters() -> None:
    assert canonical_link("https://a.example/n?id=4&utm_source=rss") == "https://a.example/n?id=4"
    assert canonical_link("https://a.example/n?id=4") == "https://a.example/n?id=4"


# --- the command line ---------------------------------------------------------------------------


def bodies_of(*paths: str) -> dict[str, str]:
    return {item.id: item.text for item in iter_articles(paths) if isinstance(item, Article)}


def test_cli_extracts_claims_from_a_feed_at_valid_offsets() -> None:
    result = run(RSS)
    assert result.exit_code == 0, result.stderr
    records = assert_offsets_valid(result, bodies_of(RSS))
    figures = {(record["article"].rsplit("/", 1)[1], record["low"]) for record in records}
    assert {("shelling-damage", 14), ("shelling-damage", 300), ("bonus", 2_500_000)} <= figures


def test_cli_reports_each_broken_part_in_one_line_and_keeps_the_rest() -> None:
    result = run(*BROKEN)
    assert result.exit_code == 1
    records = assert_offsets_valid(result, bodies_of(*BROKEN))
    assert {record["article"] for record in records} == {
        "https://broken.example.org/good",
        "https://broken.example.org/late",
    }
    lines = result.stderr.splitlines()
    assert len(lines) == 4 and all(line.startswith("warledger: ") for line in lines)
    assert "entry 2: entry https://broken.example.org/photo has no text" in lines[0]


# --- URLs ---------------------------------------------------------------------------------------


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # the test output stays free of access logs


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The feed fixtures served over HTTP from 127.0.0.1 (this machine has no internet)."""
    handler = functools.partial(QuietHandler, directory=str(FEEDS))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_feed_url_is_fetched_and_read(server: str) -> None:
    items = list(iter_articles([f"{server}/war-news.rss"]))
    assert [(a.id, a.outlet) for a in articles(items)] == [
        ("https://frontline.example.org/news/shelling-damage", "Frontline Ledger Daily"),
        ("https://frontline.example.org/news/bonus", "Frontline Ledger Daily"),
    ]


def test_cli_reads_a_feed_url(server: str) -> None:
    url = f"{server}/war-news.atom"
    result = run(url)
    assert result.exit_code == 0, result.stderr
    records = assert_offsets_valid(result, bodies_of(url))
    assert {record["low"] for record in records} >= {31, 45}


def test_bad_urls_are_one_failure_line_each(server: str) -> None:
    unreachable = f"http://127.0.0.1:{closed_port()}/"
    missing = f"{server}/gone.rss"
    result = run(unreachable, missing, f"{server}/war-news.atom")
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) >= 2  # the good feed still gives its claims
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"warledger: {unreachable}: cannot fetch (")
    assert lines[1] == f"warledger: {missing}: HTTP 404 File not found"


def test_url_that_never_answers_times_out() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()  # accepts the connection but never answers it
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/feed.rss"
        (failure,) = iter_articles([url], timeout=0.3)
    assert str(failure) == f"{url}: timed out after 0.3 s"


def test_url_response_over_the_size_limit_is_refused(server: str) -> None:
    (failure,) = iter_articles([f"{server}/war-news.rss"], max_bytes=100)
    assert isinstance(failure, ReadFailure) and "over the limit of 100 bytes" in failure.message
