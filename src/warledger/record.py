"""The claim record and the article it comes from: one dataclass each, field order = spec."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

QUALIFIERS = ("exact", "approx", "at_least", "more_than", "at_most", "less_than")
PERS = ("day", "week", "month", "year")


@dataclass(slots=True)
class Claim:
    """One figure a report attributes to someone (see shared/spec/claims.md).

    ``dataclasses.asdict(claim)`` is exactly the JSON record.
    """

    article: str
    start: int
    end: int
    quote: str
    low: float
    high: float
    qualifier: str = "exact"
    unit: str | None = None
    per: str | None = None
    measure: str = "other"
    counted: str = ""
    source: str | None = None
    source_text: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    places: list[str] = field(default_factory=list)
    hedge: str | None = None

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False)

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Claim:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in record.items() if k in names})


CLAIM_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Claim))


@dataclass(slots=True)
class Article:
    """An article: its body exactly as offsets index it, plus metadata."""

    id: str
    text: str
    published: date | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
