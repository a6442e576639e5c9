"""Readers: each input kind (text, HTML, JSONL, stdin, folders) becomes Articles."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from warledger.record import Article

_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\s*")


@dataclass(slots=True)
class ReadFailure:
    """An input that could not be read: which one and why, in one line."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def iter_articles(
    paths: Iterable[str], published: date | None = None
) -> Iterator[Article | ReadFailure]:
    """Articles from ``paths`` (minimal: plain-text files with an optional date header)."""
    for path in paths:
        text = Path(path).read_text(encoding="utf-8")
        match = _HEADER.match(text)
        day = published
        if match:
            day = date.fromisoformat(match.group(1))
            text = text[match.end() :]
        yield Article(id=path, text=text, published=day)
