"""The web app: a read-only Starlette application over one ledger.

``create_app(db)`` opens the ledger and mounts every page (``warledger.web.pages``) and the
static files. Only GET (and HEAD) is routed: nothing in the app writes to the ledger.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from warledger.ledger import Ledger
from warledger.web import present
from warledger.web.filters import BadQuery
from warledger.web.pages import article, charts, claims, compare, facts, home, sources

HERE = Path(__file__).parent
# Scripts only from this server (vega compiles its expressions with Function, hence
# 'unsafe-eval'); vega-embed adds inline styles to the charts it draws.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


def template_environment() -> Environment:
    """Jinja2 with autoescape on for every template, and the page helpers as globals."""
    environment = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals.update(present.TEMPLATE_GLOBALS)
    environment.filters.update(present.TEMPLATE_FILTERS)
    return environment


class SecurityHeaders:
    """Adds the content security policy and friends to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(db: str | None = None) -> Starlette:
    """The web app over the ledger ``db`` (a path or URL; default ``$WARLEDGER_DB``, else
    ``warledger.db``)."""
    ledger = Ledger(db)

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        ledger.close()

    async def bad_query(request: Request, error: Exception) -> Response:
        return present.render(
            request, "error.html", {"title": "Bad query", "message": str(error)}, status_code=400
        )

    async def not_found(request: Request, error: Exception) -> Response:
        detail = getattr(error, "detail", None) or "Not found"
        status = getattr(error, "status_code", 404)
        if status == 405:
            return HTMLResponse("This server is read-only: GET only.", status_code=405)
        return present.render(
            request, "error.html", {"title": "Not found", "message": detail}, status_code=status
        )

    routes = [
        *home.routes,
        *claims.routes,
        *facts.routes,
        *article.routes,
        *charts.routes,
        *compare.routes,
        *sources.routes,
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(SecurityHeaders)],
        exception_handlers={BadQuery: bad_query, 404: not_found, 405: not_found},
        lifespan=lifespan,
    )
    app.state.ledger = ledger
    app.state.templates = template_environment()
    return app
