"""The facts table and each fact's page: every figure once, with the claims that cite it.

``/facts.csv?measure=casualties&source=uk-mod`` is what
``warledger facts --measure casualties --source uk-mod --format csv`` prints, row for row: the
filters choose the claims, ``limit`` the facts. ``/facts/ID`` lists every citation of one fact.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from warledger.ledger import ClaimFilter
from warledger.ledger.browse import (
    FACT_FACETS,
    FACT_SORTS,
    article_titles,
    count_facts_cached,
    fact_citations,
    fact_facet_counts,
    page_of_facts,
)
from warledger.ledger.facts import FACT_FIELDS, Fact, find_fact, iter_facts
from warledger.web.filters import parse_filter, parse_view
from warledger.web.listing import csv_chunks, download_routes, json_chunks, render_listing
from warledger.web.present import ledger_of, render

# Citing articles named in a row of the table; the fact's page lists them all.
ARTICLES_SHOWN = 3


def facts_page(request: Request) -> Response:
    where = parse_filter(request.query_params)
    view = parse_view(request.query_params, FACT_SORTS)
    ledger = ledger_of(request)
    total = count_facts_cached(ledger, where)
    if where.limit is not None:
        total = min(total, where.limit)
    rows = page_of_facts(
        ledger, where, view.sort, view.descending, view.offset, view.size, ARTICLES_SHOWN
    )
    shown = [article for row in rows for article in row.fact.articles]
    return render_listing(
        request,
        "facts.html",
        "Facts",
        where,
        view,
        total,
        rows,
        titles=article_titles(ledger, shown),
        facets={facet: fact_facet_counts(ledger, where, facet) for facet in FACT_FACETS},
    )


def fact_page(request: Request) -> Response:
    ledger = ledger_of(request)
    wanted = request.path_params["fact_id"]
    # The query string (the measure and value the links carry) only narrows the search.
    hints = parse_filter(request.query_params)
    fact = find_fact(ledger, wanted, dataclasses.replace(hints, limit=None))
    if fact is None:
        raise HTTPException(404, f"{wanted}: no such fact in {ledger.name}")
    return render(
        request,
        "fact.html",
        {
            "title": f"Fact {fact.fact_id}",
            "fact": fact,
            "citations": fact_citations(ledger, fact),
        },
    )


def _csv_row(fact: Fact) -> dict[str, Any]:
    row = fact.to_dict()
    for name in ("places", "articles", "outlets"):
        row[name] = ";".join(row[name])
    return row


def _csv_chunks(request: Request, where: ClaimFilter) -> Iterator[str]:
    yield from csv_chunks(FACT_FIELDS, map(_csv_row, iter_facts(ledger_of(request), where)))


def _json_chunks(request: Request, where: ClaimFilter) -> Iterator[str]:
    yield from json_chunks(fact.to_dict() for fact in iter_facts(ledger_of(request), where))


routes = [
    Route("/facts", facts_page, methods=["GET"]),
    *download_routes("facts", _csv_chunks, _json_chunks),
    Route("/facts/{fact_id:str}", fact_page, methods=["GET"]),
]
