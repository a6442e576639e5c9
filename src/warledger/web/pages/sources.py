"""The source page: everything one source has said, its running totals over time, its checks."""

from __future__ import annotations

import dataclasses
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from warledger.ledger import ClaimFilter
from warledger.ledger.browse import count_claims, facet_counts, latest_figures, page_of_claims
from warledger.reconcile.checks import run_checks
from warledger.reconcile.facts import figures_from_claims
from warledger.web.present import ledger_of, render, source_url

LATEST_CLAIMS = 25
CHECKED_FIGURES = 2000


def source_page(request: Request) -> Response:
    ledger = ledger_of(request)
    key = request.path_params["key"]
    where = ClaimFilter(sources=(key,))
    measures = facet_counts(ledger, where, "measure", limit=20)
    chosen = request.query_params.get("measure") or (measures[0][0] if measures else None)
    charted = dataclasses.replace(where, measures=(chosen,) if chosen else ())
    figures_read = latest_figures(ledger, charted, CHECKED_FIGURES)
    latest = [row.stored for row in figures_read]
    published = {row.stored.article_key: row.published for row in figures_read}
    findings = run_checks(figures_from_claims(latest, published))
    return render(
        request,
        "source.html",
        {
            "title": key,
            "key": key,
            "total": count_claims(ledger, where),
            "measures": measures,
            "chosen": chosen,
            "places": facet_counts(ledger, where, "place"),
            "rows": page_of_claims(ledger, where, "published", True, 0, LATEST_CLAIMS),
            "chart_url": f"{source_url(key)}.vl.json?measure={quote(chosen)}" if chosen else None,
            "findings": [f for f in findings if any(x.source == key for x in f.figures)],
        },
    )


routes = [Route("/sources/{key}", source_page, methods=["GET"])]
