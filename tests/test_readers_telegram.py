"""Telegram Desktop channel exports: each text post an article, each broken message one line."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from warledger.cli import main
from warledger.readers import ReadError, ReadFailure, iter_articles, read_telegram, sniff_kind
from warledger.readers.telegram import channel_username, flatten_text
from warledger.record import Article

EXPORT = Path(__file__).parent / "fixtures" / "inputs" / "telegram" / "result.json"
CHANNEL = "General Staff (test channel)"
LOSSES = (
    "The total combat losses of the enemy from 24.02.22 to 10.11.24 were approximately:\n\n"
    "personnel ‒ about 708,890 (+1,350) persons\ntanks ‒ 9,310 (+12)\n"
    "artillery systems ‒ 20,150 (+31)\n\n#StandWithUkraine"
)


def export() -> dict[str, Any]:
    return json.loads(EXPORT.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: dict[str, Any], name: str = "result.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return str(path)


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["extract", *args, "--format", "jsonl"])


def test_text_posts_become_articles_and_other_messages_are_skipped() -> None:
    first, second = iter_articles([str(EXPORT)])
    assert first == Article(
        id="telegram:1500000001/20417",
        text=LOSSES,
        published=date(2024, 11, 10),
        url=None,
        title=None,
        outlet=CHANNEL,
    )
    assert (second.id, second.published) == ("telegram:1500000001/20421", date(2024, 11, 11))
    assert second.text == (
        "Over the past day, 164 combat clashes took place.\n"
        "The enemy launched 3 missile strikes and 58 air strikes."
    )


@pytest.mark.parametrize(
    "fields",
    [{"username": "GeneralStaffTest"}, {"username": "@GeneralStaffTest"}],
)
def test_known_username_gives_t_me_links(tmp_path: Path, fields: dict[str, str]) -> None:
    path = write(tmp_path, export() | fields)
    first, _ = iter_articles([path])
    assert (first.id, first.url) == (
        "https://t.me/GeneralStaffTest/20417",
        "https://t.me/GeneralStaffTest/20417",
    )


@pytest.mark.parametrize(
    ("fields", "username"),
    [
        ({"link": "https://t.me/GeneralStaffTest"}, "GeneralStaffTest"),
        ({"url": "t.me/s/GeneralStaffTest/"}, "GeneralStaffTest"),
        ({"link": "https://example.org/GeneralStaffTest"}, None),
        ({"username": "no spaces allowed"}, None),
        ({}, None),
    ],
)
def test_username_is_taken_only_from_fields_that_state_it(
    fields: dict[str, str], username: str | None
) -> None:
    assert channel_username(export() | fields) == username


def test_channel_without_id_is_named_by_its_name(tmp_path: Path) -> None:
    data = export()
    del data["id"]
    first, _ = iter_articles([write(tmp_path, data)])
    assert first.id == f"telegram:{CHANNEL}/20417"


@pytest.mark.parametrize(
    ("text", "flat"),
    [
        ("plain\nlines", "plain\nlines"),
        (["a ", {"type": "bold", "text": "b"}, "\n", {"type": "text_link", "text": "c"}], "a b\nc"),
        ([{"type": "hashtag"}], ""),
    ],
)
def test_text_is_flattened_exactly(text: Any, flat: str) -> None:
    assert flatten_text(text) == flat


def test_export_found_by_content_under_any_name_and_on_stdin(tmp_path: Path) -> None:
    data = EXPORT.read_bytes()
    assert sniff_kind(data) == "telegram"
    assert sniff_kind(b'{"id": "a", "text": "messages", "type": "x"}\n') == "jsonl"
    path = write(tmp_path, export(), "channel-export.json")
    assert len(list(iter_articles([path]))) == 2
    (first, _) = iter_articles(["-"], stdin=io.BytesIO(data))
    assert first.id == "telegram:1500000001/20417"


def test_folder_walk_finds_exports_in_their_own_folders(tmp_path: Path) -> None:
    folder = tmp_path / "ChatExport_2024-11-12"
    folder.mkdir()
    write(folder, export())
    (tmp_path / "notes.json").write_text("{}")  # other JSON files in a folder are no articles
    assert len(list(iter_articles([str(tmp_path)]))) == 2


def test_broken_messages_fail_alone_naming_their_ids(tmp_path: Path) -> None:
    data = export()
    data["messages"] += [
        {"id": 30001, "type": "message", "date": "2024-02-30T10:00:00", "text": "5 drones"},
        {"id": 30002, "type": "message", "date": "2024-11-12T10:00:00", "text": 5},
        "not a message",
    ]
    path = write(tmp_path, data)
    items = list(iter_articles([path]))
    assert len([item for item in items if isinstance(item, Article)]) == 2
    assert [str(item) for item in items if isinstance(item, ReadFailure)] == [
        f"{path}:message 30001: invalid 'date' '2024-02-30T10:00:00' "
        "(day is out of range for month)",
        f"{path}:message 30002: 'text' is int, not a string or list",
        f"{path}:message #7: message is not an object with an 'id'",
    ]


def test_post_without_a_date_takes_the_given_one(tmp_path: Path) -> None:
    data = export()
    del data["messages"][1]["date"]
    first, _ = iter_articles([write(tmp_path, data)], date(2024, 1, 5))
    assert first.published == date(2024, 1, 5)


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b'{"name": "x", "messages": [', "not JSON"),
        (b'{"name": "x", "messages": {}}', "not a Telegram chat export"),
        (b'{"name": "x", "type": "public_channel", "messages": []}', "no posts with text"),
    ],
)
def test_unreadable_exports_are_refused(data: bytes, fragment: str) -> None:
    with pytest.raises(ReadError, match=fragment):
        list(read_telegram(data, "result.json"))


def test_cli_extracts_posts_at_valid_offsets() -> None:
    result = run(str(EXPORT))
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    bodies = {article.id: article.text for article in iter_articles([str(EXPORT)])}
    for record in records:
        body = bodies[record["article"]]
        assert body[record["start"] : record["end"]] in record["quote"]
        assert record["quote"] in body
    personnel = next(record for record in records if record["low"] == 708_890)
    assert LOSSES[personnel["start"] : personnel["end"]] == "708,890"


def test_cli_reports_a_broken_export_in_one_line(tmp_path: Path) -> None:
    empty = write(tmp_path, {"name": "x", "type": "public_channel", "messages": []})
    result = run(str(EXPORT), empty)
    assert result.exit_code == 1
    assert result.stdout  # the good export still gives its claims
    assert result.stderr == f"warledger: {empty}: no posts with text in the Telegram export\n"
