"""What the claims and facts tables share: the page's paging context and the CSV or JSON
download of every row the query string's filters select, streamed a chunk at a time."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from warledger.ledger import ClaimFilter
from warledger.web.filters import View, parse_filter
from warledger.web.present import render

# Rows written to the response at a time when streaming a download.
CHUNK = 500
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}

Chunks = Callable[[Request, ClaimFilter], Iterator[str]]


def render_listing(
    request: Request,
    template: str,
    title: str,
    where: ClaimFilter,
    view: View,
    total: int,
    rows: Sequence[Any],
    **context: Any,
) -> Response:
    """``template``, a filtered table: ``rows`` is the page ``view`` asks for of ``total``."""
    return render(
        request,
        template,
        {
            "title": title,
            "where": where,
            "view": view,
            "total": total,
            "pages": max(1, math.ceil(total / view.size)),
            "rows": rows,
            **context,
        },
    )


def csv_chunks(fieldnames: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """``rows`` as CSV under a header of ``fieldnames``, ``CHUNK`` rows a piece."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fieldnames, lineterminator="\n")
    writer.writeheader()
    for index, row in enumerate(rows, start=1):
        writer.writerow(row)
        if index % CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def json_chunks(records: Iterable[Any]) -> Iterator[str]:
    """``records`` as one JSON list, a record a line."""
    yield "["
    for index, record in enumerate(records):
        yield ("," if index else "") + "\n" + json.dumps(record, ensure_ascii=False)
    yield "\n]\n"


def download(request: Request, name: str, suffix: str, chunks: Chunks) -> Response:
    """``name.suffix`` (``suffix`` csv or json): what ``chunks`` streams for the query's filter."""
    where = parse_filter(request.query_params)
    return StreamingResponse(
        chunks(request, where),
        media_type=MEDIA_TYPES[suffix],
        headers={"content-disposition": f'inline; filename="{name}.{suffix}"'},
    )


def download_routes(name: str, csv_rows: Chunks, json_records: Chunks) -> list[Route]:
    """``/name.csv`` and ``/name.json``, streamed by ``csv_rows`` and ``json_records``."""

    def as_csv(request: Request) -> Response:
        return download(request, name, "csv", csv_rows)

    def as_json(request: Request) -> Response:
        return download(request, name, "json", json_records)

    return [
        Route(f"/{name}.csv", as_csv, methods=["GET"], name=f"{name}_csv"),
        Route(f"/{name}.json", as_json, methods=["GET"], name=f"{name}_json"),
    ]
