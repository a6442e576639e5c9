"""``warledger extract``."""

from __future__ import annotations

import click


@click.command("extract")
def extract_command() -> None:
    """Extract every figure in the given articles as claim records."""
