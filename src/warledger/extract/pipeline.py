"""The only place that knows the order of the extraction stages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from warledger.extract.attribution import assign_sources
from warledger.extract.document import Document
from warledger.extract.figures import find_figures
from warledger.extract.hedges import assign_hedges
from warledger.extract.measures import assign_measures
from warledger.extract.periods import assign_periods
from warledger.extract.places import assign_places
from warledger.extract.sentences import split_sentences
from warledger.record import Article, Claim

# Each stage reads the document and fills one or two fields of every draft claim. Measures come
# before periods because a running total ("casualties ... has reached") and a rate resolve their
# period differently; sources come first because periods and places carry over with the report.
STAGES: tuple[Callable[[Document], None], ...] = (
    assign_sources,
    assign_measures,
    assign_hedges,
    assign_periods,
    assign_places,
)


def extract(
    text: str,
    published: date | str | None = None,
    article: str = "-",
) -> list[Claim]:
    """Every quantitative claim in ``text``, each pointing back to its exact characters."""
    if isinstance(published, str):
        published = date.fromisoformat(published)
    return extract_article(Article(id=article, text=text, published=published))


def extract_article(article: Article) -> list[Claim]:
    """Run every stage over one article and return its claims in text order."""
    doc = Document(article)
    text = article.text
    doc.sentences = split_sentences(text)
    for index, sentence in enumerate(doc.sentences):
        quote = text[sentence.start : sentence.end]
        for figure in find_figures(text, sentence.start, sentence.end):
            doc.figures.append(figure)
            doc.sentence_of.append(index)
            doc.claims.append(
                Claim(
                    article=article.id,
                    start=figure.start,
                    end=figure.end,
                    quote=quote,
                    low=figure.low,
                    high=figure.high,
                    qualifier=figure.qualifier,
                    unit=figure.unit,
                    per=figure.per,
                )
            )
    for stage in STAGES:
        stage(doc)
    return doc.claims
