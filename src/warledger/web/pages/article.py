"""The article page: the text with every figure marked by measure, each one click from its record.

Each record links to the source's page and to the other articles citing the same figure.
"""

from __future__ import annotations

from collections import Counter

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from warledger.ledger import ArticleNotFound, find_article
from warledger.ledger.browse import citing_articles
from warledger.web.highlight import MEASURES, highlighted_body
from warledger.web.present import ledger_of, render


def article_page(request: Request) -> Response:
    ledger = ledger_of(request)
    try:
        stored = find_article(ledger, request.path_params["key"])
    except ArticleNotFound as error:
        raise HTTPException(404, str(error)) from None
    found = stored.claims
    citing = citing_articles(ledger, found)
    measures = Counter(claim.claim.measure for claim in found)
    legend = [(m, measures[m]) for m in MEASURES if measures[m]]
    legend += [(m, n) for m, n in measures.items() if m not in MEASURES]
    return render(
        request,
        "article.html",
        {
            "title": stored.article.title or stored.article.id,
            "stored": stored,
            "body": highlighted_body(stored.article.text, found),
            "claims": found,
            "legend": legend,
            "citing": [
                citing.get((c.claim.measure, c.claim.low, c.claim.high, c.claim.unit), 0)
                for c in found
            ],
        },
    )


routes = [Route("/articles/{key:path}", article_page, methods=["GET"])]
