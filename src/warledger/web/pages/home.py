"""The index page: what the ledger holds, the latest articles, the top measures and sources."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from warledger.ledger import totals
from warledger.ledger.browse import latest_articles
from warledger.web.present import ledger_of, render


def home_page(request: Request) -> Response:
    ledger = ledger_of(request)
    stored = totals(ledger)
    return render(
        request,
        "home.html",
        {
            "title": "warledger",
            "totals": stored,
            "latest": latest_articles(ledger, 12),
            "measures": stored.by_measure[:12],
            "sources": stored.by_source[:12],
        },
    )


routes = [Route("/", home_page, methods=["GET"])]
