"""The working state every extraction stage reads and fills in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from warledger.record import Article, Claim


@dataclass(slots=True)
class Sentence:
    """A sentence span of the article body; ``paragraph`` counts paragraphs from 0."""

    start: int
    end: int
    paragraph: int


@dataclass(slots=True)
class Figure:
    """A figure found by the grammar: its span in the body, value and what the grammar knows.

    ``unit_start``/``unit_end`` span the unit words ("people", "rubles") when the text has them,
    so later stages can read what is counted right after the number.
    """

    start: int
    end: int
    low: float
    high: float
    qualifier: str = "exact"
    unit: str | None = None
    per: str | None = None
    unit_start: int | None = None
    unit_end: int | None = None
    vague: bool = False


@dataclass(slots=True)
class Document:
    """An article under extraction: sentences, figures and the draft claim of each figure.

    ``figures[i]`` became ``claims[i]`` and sits in sentence ``sentences[sentence_of[i]]``.
    Stages after the figure grammar fill fields of ``claims`` in place.
    """

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    sentence_of: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def published(self) -> date | None:
        return self.article.published

    def sentence_text(self, index: int) -> str:
        sentence = self.sentences[index]
        return self.article.text[sentence.start : sentence.end]
