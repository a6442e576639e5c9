"""The compare page: for a measure (and place and period), each source's figures side by side,
the disagreements ``warledger compare`` flags, and the timeline chart drawn in the page.

The per-source summary counts every claim the filter selects (in SQL); the comparison and the
chart read the latest ``FIGURES_COMPARED`` figures by period end, so a page over a million claims
stays fast: narrow the period (``from``/``to``) to compare older figures.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from warledger.ledger.browse import SourceMonth, count_claims, latest_figures, source_months
from warledger.reconcile.compare import compare_figures
from warledger.reconcile.facts import figures_from_claims
from warledger.web.filters import parse_filter, replacing
from warledger.web.pages.charts import DEFAULT_MEASURE
from warledger.web.present import ledger_of, render

FIGURES_COMPARED = 2000


@dataclasses.dataclass(slots=True)
class SourceSummary:
    """One source's figures for the measure: how many, over which months, the highest."""

    source: str | None
    claims: int
    first_month: str
    last_month: str
    latest_high: float
    months: dict[str, SourceMonth]


def summarise(rows: list[SourceMonth]) -> list[SourceSummary]:
    """Per source (most claims first): its months, and the highest figure of its latest month."""
    by_source: dict[str | None, dict[str, SourceMonth]] = defaultdict(dict)
    for row in rows:
        by_source[row.source][row.month] = row
    summaries = []
    for source, months in by_source.items():
        ordered = sorted(months)
        summaries.append(
            SourceSummary(
                source,
                sum(month.claims for month in months.values()),
                ordered[0],
                ordered[-1],
                months[ordered[-1]].high,
                months,
            )
        )
    return sorted(summaries, key=lambda summary: (-summary.claims, summary.source or ""))


def compare_page(request: Request) -> Response:
    ledger = ledger_of(request)
    where = parse_filter(request.query_params)
    measure = where.measures[0] if where.measures else DEFAULT_MEASURE
    where = dataclasses.replace(where, measures=(measure,), limit=None)
    total = count_claims(ledger, where)
    rows_read = latest_figures(ledger, where, FIGURES_COMPARED)
    latest = [row.stored for row in rows_read]
    published = {row.stored.article_key: row.published for row in rows_read}
    figures = figures_from_claims(latest, published)
    place = where.places[0] if where.places else None
    rows = compare_figures(figures, place)
    summaries = summarise(source_months(ledger, where))
    months = sorted({month for summary in summaries for month in summary.months}, reverse=True)
    return render(
        request,
        "compare.html",
        {
            "title": f"Compare: {measure}",
            "measure": measure,
            "where": where,
            "total": total,
            "compared": len(latest),
            "capped": total > FIGURES_COMPARED,
            "rows": [row for row in rows if len(row.sources) > 1 or row.flagged],
            "flagged": sum(1 for row in rows if row.flagged),
            "summaries": summaries[:8],
            "months": months[:36],
            "chart_url": replacing("/compare.vl.json", request.query_params, {"measure": measure}),
        },
    )


routes = [Route("/compare", compare_page, methods=["GET"])]
