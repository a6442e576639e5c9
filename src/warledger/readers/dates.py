"""Publication dates: parse the ones inputs give, fall back to the one the user gives."""

from __future__ import annotations

from datetime import date, datetime

from warledger.readers.errors import BadDate

NO_DATE = "no publication date (the input states none and no --published was given)"


def parse_published(value: str, where: str = "date") -> date:
    """An ISO date ("2024-05-01") or timestamp ("2024-05-01T10:00:00Z") as a calendar day."""
    text = value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text).date()
    except ValueError as error:
        raise BadDate(f"invalid {where} {value!r} ({error})") from None


def choose_published(found: date | None, fallback: date | None) -> date:
    """The input's own date wins; the user's ``--published`` only fills a gap."""
    day = found or fallback
    if day is None:
        raise BadDate(NO_DATE)
    return day
