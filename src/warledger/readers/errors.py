"""Why an input could not become an article: named errors, and the failure record the CLI shows."""

from __future__ import annotations

from dataclasses import dataclass


class ReadError(Exception):
    """An input that cannot become an article; ``str()`` is the problem in one line."""


class MissingInput(ReadError):
    """The path does not exist or cannot be opened."""


class TooLarge(ReadError):
    """The input is bigger than the size limit."""


class EmptyInput(ReadError):
    """The input holds no text at all."""


class NotText(ReadError):
    """The input is binary or not UTF-8."""


class BadDate(ReadError):
    """The publication date is missing or is not a real calendar day."""


class NoArticleText(ReadError):
    """An HTML page from which no main text could be extracted."""


class BadRecord(ReadError):
    """A JSONL line that is not an article record."""


class BadFeed(ReadError):
    """An RSS/Atom feed or Telegram export that cannot be read as one, or a broken part of it."""


class FetchFailed(ReadError):
    """A URL that could not be fetched: unreachable, timed out, or an HTTP error status."""


@dataclass(slots=True)
class ReadFailure:
    """An input that could not be read: which one and why, in one line."""

    path: str
    message: str

    def __str__(self) -> str:
        # Messages may quote library errors that span lines; a failure must stay one line.
        return f"{self.path}: {' '.join(self.message.split())}"
