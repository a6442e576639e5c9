"""How pages show things: rendering a template, and the helpers every template may call."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import Any
from urllib.parse import quote

from jinja2 import Environment
from starlette.requests import Request
from starlette.responses import HTMLResponse

from warledger.cli.output import format_number, format_period, format_value
from warledger.knowledge.registry import default_registry
from warledger.ledger import Ledger
from warledger.ledger.facts import Fact, claim_fact_id
from warledger.record import Claim
from warledger.web import filters
from warledger.web.highlight import MEASURES, highlighted_quote, measure_class


def ledger_of(request: Request) -> Ledger:
    """The ledger the app serves."""
    return request.app.state.ledger


def render(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """``template`` rendered with ``context``, the request and the ledger's name."""
    environment: Environment = request.app.state.templates
    page = environment.get_template(template).render(
        request=request,
        query=request.query_params,
        ledger_name=ledger_of(request).name,
        **context,
    )
    return HTMLResponse(page, status_code=status_code)


@cache
def _source_names() -> dict[str, str]:
    return {key: source.name for key, source in default_registry().sources.items()}


def source_name(key: str | None) -> str:
    """The registered full name of a source key, else the key itself."""
    if key is None:
        return "(none named)"
    return _source_names().get(key, key)


def article_url(key: str, claim: Claim | None = None) -> str:
    """The article page of a ledger key, at one claim's figure when given."""
    url = "/articles/" + quote(key, safe="")
    return f"{url}#f{claim.start}-{claim.end}" if claim is not None else url


def source_url(key: str | None) -> str | None:
    """The page of a source key; None for claims that name nobody."""
    return "/sources/" + quote(key, safe="") if key else None


def value_with_unit(claim: Claim) -> str:
    """``~300 person``, ``2,500,000 RUB``, ``40 percent``: the value as read, with its unit."""
    value = format_value(claim)
    if claim.unit and claim.per:
        head, _, per = value.rpartition(" /")
        return f"{head} {claim.unit}/{per}"
    return f"{value} {claim.unit}" if claim.unit else value


def same_figure_url(claim: Claim) -> str:
    """The claims table of every claim of the same measure whose value lies on this figure."""
    params = {
        "measure": claim.measure,
        "min": format_number(claim.low).replace(",", ""),
        "max": format_number(claim.high).replace(",", ""),
    }
    return "/claims?" + "&".join(f"{key}={quote(value)}" for key, value in params.items())


def _plain(value: float) -> str:
    """A number for a query string that reads back as the same float: ``708890``, ``0.1``."""
    text = repr(float(value))
    return text.removesuffix(".0")


def fact_url(item: Claim | Fact) -> str:
    """The page of a fact, or of the fact a claim states (its id computed as the ledger does).

    The measure and value ride along in the query string: they let the page find the fact
    from the value index instead of hashing every fact of the ledger.
    """
    if isinstance(item, Fact):
        key = item.fact_id
    else:
        key = claim_fact_id(item)
    hints = {"measure": item.measure, "min": _plain(item.low), "max": _plain(item.high)}
    return f"/facts/{key}?" + "&".join(f"{name}={quote(text)}" for name, text in hints.items())


def fact_value(fact: Fact) -> str:
    """``708,890``, ``150,000–190,000``, ``1,523 /day``: a fact's value (facts carry no
    qualifier: "about 300" and "300" are one fact)."""
    value = format_number(fact.low)
    if fact.high != fact.low:
        value += f"–{format_number(fact.high)}"
    return f"{value} /{fact.per}" if fact.per else value


def month_end(month: str) -> str:
    """The last day of ``2024-02``: ``2024-02-29``."""
    year, number = (int(part) for part in month.split("-"))
    return (date(year + number // 12, number % 12 + 1, 1) - timedelta(days=1)).isoformat()


TEMPLATE_GLOBALS: dict[str, Any] = {
    "MEASURES": MEASURES,
    "FACETS_SHOWN": ("measure", "source", "place", "month", "outlet"),
    "FILTER_NAMES": filters.FILTER_NAMES,
    "adding": filters.adding,
    "removing": filters.removing,
    "replacing": filters.replacing,
    "article_url": article_url,
    "source_url": source_url,
    "source_name": source_name,
    "same_figure_url": same_figure_url,
    "fact_url": fact_url,
    "fact_value": fact_value,
    "measure_class": measure_class,
    "highlighted_quote": highlighted_quote,
    "month_end": month_end,
    "value_with_unit": value_with_unit,
}

TEMPLATE_FILTERS: dict[str, Any] = {
    "number": format_number,
    "period": format_period,
    "value": format_value,
}
