"""The claims table: facets with counts, sorting, paging, and every filtered view as CSV or JSON.

``/claims.csv?measure=casualties&source=uk-mod`` is what
``warledger claims --measure casualties --source uk-mod --format csv`` prints, row for row.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import math
from collections.abc import Iterator
from typing import Any

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from warledger.cli.output import csv_row
from warledger.ledger import ClaimFilter, iter_claims
from warledger.ledger.browse import FACETS, count_claims, facet_counts, page_of_claims
from warledger.record import CLAIM_FIELDS
from warledger.web.filters import parse_filter, parse_view
from warledger.web.present import ledger_of, render

# Rows written to the response at a time when streaming a download.
_CHUNK = 500


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
    return render(
        request,
        "claims.html",
        {
            "title": "Claims",
            "where": where,
            "view": view,
            "total": total,
            "pages": max(1, math.ceil(total / view.size)),
            "rows": rows,
            "facets": facets_of(request, where),
        },
    )


def _download_filter(request: Request) -> ClaimFilter:
    return parse_filter(request.query_params)


def _csv_chunks(request: Request, where: ClaimFilter) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CLAIM_FIELDS, lineterminator="\n")
    writer.writeheader()
    for index, stored in enumerate(iter_claims(ledger_of(request), where), start=1):
        writer.writerow(csv_row(stored.claim))
        if index % _CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _json_chunks(request: Request, where: ClaimFilter) -> Iterator[str]:
    yield "["
    for index, stored in enumerate(iter_claims(ledger_of(request), where)):
        record = json.dumps(dataclasses.asdict(stored.claim), ensure_ascii=False)
        yield ("," if index else "") + "\n" + record
    yield "\n]\n"


def _download(request: Request, suffix: str, media_type: str, chunks: Any) -> Response:
    where = _download_filter(request)
    return StreamingResponse(
        chunks(request, where),
        media_type=media_type,
        headers={"content-disposition": f'inline; filename="claims.{suffix}"'},
    )


def claims_csv(request: Request) -> Response:
    return _download(request, "csv", "text/csv; charset=utf-8", _csv_chunks)


def claims_json(request: Request) -> Response:
    return _download(request, "json", "application/json", _json_chunks)


routes = [
    Route("/claims", claims_page, methods=["GET"]),
    Route("/claims.csv", claims_csv, methods=["GET"]),
    Route("/claims.json", claims_json, methods=["GET"]),
]
