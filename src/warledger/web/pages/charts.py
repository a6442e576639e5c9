"""Chart specs as their own URLs (``/compare.vl.json``, ``/sources/{key}.vl.json``).

Pages answer at once and vega-embed (served from /static/vendor) fetches the Vega-Lite spec
beside them: altair takes longer to build a timeline than a page takes to read the ledger.
Specs are cached until the ledger changes.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from warledger.charts import timeline_chart, timeline_data
from warledger.ledger import ClaimFilter, Ledger
from warledger.ledger.browse import latest_figures, ledger_stamp
from warledger.ledger.reference import iter_reference_points
from warledger.web.filters import parse_filter
from warledger.web.present import ledger_of

# Figures a chart draws at most: the latest by period end.
CHARTED_FIGURES = 1000
DEFAULT_MEASURE = "casualties"
_CACHE_SIZE = 64
_cache: OrderedDict[tuple[Any, ...], dict[str, Any] | None] = OrderedDict()


def timeline_spec(ledger: Ledger, where: ClaimFilter, measure: str) -> dict[str, Any] | None:
    """The Vega-Lite spec of the latest figures ``where`` selects for ``measure`` and the
    measure's reference series; None when nothing has a date to draw."""
    chosen = dataclasses.replace(where, measures=(measure,), limit=None)
    key = (ledger.url, repr(chosen), ledger_stamp(ledger))
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    rows = latest_figures(ledger, chosen, CHARTED_FIGURES)
    reference = list(iter_reference_points(ledger, measure=measure))
    data = timeline_data([row.stored.claim for row in rows], reference)
    spec = None if data.empty else timeline_chart(data, measure).to_dict(validate=False)
    _cache[key] = spec
    if len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
    return spec


def _spec_response(spec: dict[str, Any] | None) -> Response:
    if spec is None:
        return JSONResponse({"error": "no dated figures to draw"}, status_code=404)
    return JSONResponse(spec)


def compare_chart(request: Request) -> Response:
    where = parse_filter(request.query_params)
    measure = where.measures[0] if where.measures else DEFAULT_MEASURE
    return _spec_response(timeline_spec(ledger_of(request), where, measure))


def source_chart(request: Request) -> Response:
    where = ClaimFilter(sources=(request.path_params["key"],))
    measure = request.query_params.get("measure") or DEFAULT_MEASURE
    return _spec_response(timeline_spec(ledger_of(request), where, measure))


routes = [
    Route("/compare.vl.json", compare_chart, methods=["GET"]),
    Route("/sources/{key}.vl.json", source_chart, methods=["GET"]),
]
