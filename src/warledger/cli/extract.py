"""``warledger extract``: read articles, extract their claims, print them."""

from __future__ import annotations

import sys
from datetime import datetime

import click

from warledger.cli.output import (
    ClaimWriter,
    max_bytes_option,
    output_format_option,
    resolve_format,
    workers_option,
)
from warledger.extract.pipeline import extract_article
from warledger.readers import ReadFailure, iter_articles
from warledger.scale.local import default_workers, extract_stream


def report_failure(failure: ReadFailure) -> None:
    """One line on stderr naming the input and its problem."""
    click.echo(f"warledger: {failure}", err=True)


@click.command("extract")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Publication date (YYYY-MM-DD) for inputs that state none; their own date wins.",
)
@max_bytes_option
@workers_option
@output_format_option
def extract_command(
    paths: tuple[str, ...],
    published: datetime | None,
    max_bytes: int,
    workers: int | None,
    output_format: str | None,
) -> None:
    """Extract every figure in the given articles as claim records.

    PATH is a text (.txt, .md; optional "date YYYY-MM-DD" header), HTML (.html), JSONL
    (.jsonl: one {"id", "text", "published", ...} per line), RSS/Atom feed (.xml, .rss, .atom)
    or Telegram channel export (result.json) file, an http(s) feed URL, a folder (walked
    recursively), or - for standard input. Inputs that fail are reported on stderr and the rest
    go on; the exit code is then 1.
    """
    stdout = sys.stdout
    failed = False
    day = published.date() if published else None
    with ClaimWriter(resolve_format(output_format, stdout), stdout) as writer:
        items = iter_articles(paths, day, max_bytes=max_bytes)
        chosen = workers or default_workers()
        for result in extract_stream(items, chosen, extractor=extract_article):
            if isinstance(result, ReadFailure):
                report_failure(result)
                failed = True
                continue
            text = result.article.text
            for claim in result.claims:
                writer.write(claim, text[claim.start : claim.end])
    if failed:
        raise click.exceptions.Exit(1)
