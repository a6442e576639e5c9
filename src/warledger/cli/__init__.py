"""The ``warledger`` command: thin click commands over the library."""

from __future__ import annotations

import click

from warledger import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="warledger")
def main() -> None:
    """warledger: turn war reporting into a ledger of checkable, source-attributed figures."""


def _register() -> None:
    # Commands live in their own modules; importing them here keeps this file a table of contents.
    from warledger.cli.evaluate import eval_command
    from warledger.cli.extract import extract_command
    from warledger.cli.ledger import (
        articles_command,
        claims_command,
        export_command,
        ingest_command,
        show_command,
    )
    from warledger.cli.reconcile import checks_command, compare_command, facts_command
    from warledger.cli.reference import reference_group, timeline_command
    from warledger.cli.scale import distribute_command, load_command
    from warledger.cli.web import serve_command

    main.add_command(extract_command)
    main.add_command(eval_command)
    main.add_command(ingest_command)
    main.add_command(claims_command)
    main.add_command(articles_command)
    main.add_command(show_command)
    main.add_command(export_command)
    main.add_command(distribute_command)
    main.add_command(load_command)
    main.add_command(serve_command)
    main.add_command(reference_group)
    main.add_command(timeline_command)
    main.add_command(facts_command)
    main.add_command(compare_command)
    main.add_command(checks_command)


_register()
