"""``warledger eval``."""

from __future__ import annotations

import click


@click.command("eval")
def eval_command() -> None:
    """Score extracted claims against hand-checked gold claims."""
