"""The claims table: facets with counts, sorting, paging, and every filtered view as CSV or JSON.

``/claims.csv?measure=casualties&source=uk-mod`` is what
``warledger claims --measure casualties --source uk-mod --format csv`` prints, row for row.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from warledger.ledger import ClaimFilter, iter_claims
from warledger.ledger.browse import FACETS, count_claims, facet_counts, page_of_claims
from warledger.record import CLAIM_FIELDS, Claim
from warledger.web.filters import parse_filter, parse_view
from warledger.web.listing import csv_chunks, download_routes, json_chunks, render_listing
from warledger.web.present import ledger_of


def facets_of(request: Request, where: ClaimFilter) -> dict[str, list[tuple[str | None, int]]]:
    """Each facet's commonest values among the claims ``where`` selects, with counts."""
    ledger = ledger_of(request)
    return {facet: facet_counts(ledger, where, facet) for facet in FACETS}


def claims_page(request: Request) -> Response:
    where = parse_filter(request.query_params)
    view = parse_view(request.query_params)
    ledger = ledger_of(request)
    total = count_claims(ledger, where)
    rows = page_of_claims(ledger, where, view.sort, view.descending, view.offset, view.size)
    return render_listing(
        request,
        "claims.html",
        "Claims",
        where,
        view,
        total,
        rows,
        facets=facets_of(request, where),
    )


def _csv_row(claim: Claim) -> dict[str, object]:
    """``cli.output.csv_row`` without ``dataclasses.asdict``'s deep copy (a claim's fields are
    scalars but ``places``, which is joined): the same row, a third of the time."""
    row = {name: getattr(claim, name) for name in CLAIM_FIELDS}
    row["places"] = ";".join(claim.places)
    return row


def _csv_chunks(request: Request, where: ClaimFilter) -> Iterator[str]:
    stored = iter_claims(ledger_of(request), where)
    yield from csv_chunks(CLAIM_FIELDS, (_csv_row(each.claim) for each in stored))


def _json_chunks(request: Request, where: ClaimFilter) -> Iterator[str]:
    stored = iter_claims(ledger_of(request), where)
    yield from json_chunks(dataclasses.asdict(each.claim) for each in stored)


routes = [
    Route("/claims", claims_page, methods=["GET"]),
    *download_routes("claims", _csv_chunks, _json_chunks),
]
