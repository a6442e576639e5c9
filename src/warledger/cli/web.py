"""The ``serve`` command: the ledger as a local, read-only web page (uvicorn)."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click
from sqlalchemy.engine import make_url

from warledger.cli.ledger import DEFAULT_PORT, db_option
from warledger.ledger import LedgerError, resolve_target

DEFAULT_HOST = "127.0.0.1"


def is_loopback(host: str) -> bool:
    """``127.0.0.1``, ``::1`` and ``localhost`` stay on this machine; anything else may not."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_host(host: str, allow_remote: bool) -> None:
    """Refuse a host other machines can reach unless ``--allow-remote`` says so."""
    if not allow_remote and not is_loopback(host):
        raise click.UsageError(
            f"--host {host} would let other machines read the ledger; "
            "add --allow-remote to serve beyond this machine"
        )


def _check_ledger_exists(db: str | None) -> None:
    url = make_url(resolve_target(db))
    if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).exists():
        raise click.UsageError(f"no ledger at {url.database}: run `warledger ingest` first")


@click.command("serve")
@db_option
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--allow-remote",
    is_flag=True,
    help="Allow a --host other machines can reach (the pages are read-only, with no login).",
)
def serve_command(db: str | None, host: str, port: int, allow_remote: bool) -> None:
    """Serve the ledger as a local web page: every figure one click from its sentence.

    Read-only (GET only). Pages: articles with their figures highlighted, the claims table with
    facets and CSV/JSON downloads, compare (sources side by side, with a timeline chart) and
    one page per source. Binds 127.0.0.1 unless --allow-remote is given.
    """
    check_host(host, allow_remote)
    _check_ledger_exists(db)
    import uvicorn

    from warledger.web import create_app

    try:
        app = create_app(db)
    except LedgerError as error:
        click.echo(f"warledger: {error}", err=True)
        raise click.exceptions.Exit(1) from None
    name = app.state.ledger.name
    click.echo(f"warledger: serving {name} at http://{host}:{port}/ (Ctrl+C stops)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
