"""The ledger commands: ``ingest``, ``claims``, ``articles``, ``show`` and ``export``.

Each is a thin layer over ``warledger.ledger``; a ``LedgerError`` ends the command with one
line on stderr and exit code 1.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import shlex
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any, TextIO, TypeVar

import click
from rich.console import Console
from rich.progress import Progress, ProgressColumn, SpinnerColumn, Task, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from warledger.cli.extract import report_failure
from warledger.cli.output import ClaimWriter, max_bytes_option, resolve_format, workers_option
from warledger.ledger import (
    EXPORT_FORMATS,
    ClaimFilter,
    Ledger,
    LedgerError,
    Stored,
    StoredClaim,
    export_ledger,
    find_article,
    ingest,
    iter_claims,
    list_articles,
    totals,
    write_claims_parquet,
)
from warledger.ledger.ingest import BATCH_ARTICLES
from warledger.ledger.query import latest_per_source as latest_per
from warledger.readers import ReadFailure
from warledger.scale.local import default_workers

# The port `warledger serve` listens on unless told otherwise (named here too, in the hint that
# ends an ingest).
DEFAULT_PORT = 8001
CLAIM_FORMATS = ("table", "csv", "json", "jsonl", "parquet")
ARTICLE_FORMATS = ("table", "csv", "json", "jsonl")
FIGURE_STYLE = "bold black on yellow"

F = TypeVar("F", bound=Callable[..., object])


def db_option(command: F) -> F:
    """The ``--db`` option shared by every ledger command."""
    return click.option(
        "--db",
        metavar="PATH|URL",
        envvar="WARLEDGER_DB",
        help="The ledger: an SQLite file, or a postgresql:// URL "
        "[default: $WARLEDGER_DB, else warledger.db].",
    )(command)


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


DAY = click.DateTime(formats=["%Y-%m-%d"])


@contextmanager
def open_ledger(db: str | None) -> Iterator[Ledger]:
    """The ledger at ``db``; any ledger error ends the command as one line on stderr."""
    try:
        with Ledger(db) as ledger:
            yield ledger
    except LedgerError as error:
        click.echo(f"warledger: {error}", err=True)
        raise click.exceptions.Exit(1) from None


class _RateColumn(ProgressColumn):
    """Articles per second and claims found so far."""

    def render(self, task: Task) -> Text:
        rate = task.finished_speed or task.speed or 0.0
        return Text(
            f"{task.completed:,.0f} articles  {rate:,.1f}/s  {task.fields['claims']:,} claims"
        )


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@db_option
@click.option("--published", type=DAY, help="Publication date for inputs that state none.")
@max_bytes_option
@workers_option
@click.option(
    "--batch",
    type=click.IntRange(min=1),
    default=BATCH_ARTICLES,
    show_default=True,
    help="Articles stored a transaction (1: each article committed on its own).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
def ingest_command(
    paths: tuple[str, ...],
    db: str | None,
    published: datetime | None,
    max_bytes: int,
    workers: int | None,
    batch: int,
    quiet: bool,
) -> None:
    """Store articles and their claims in the ledger.

    PATH is anything `warledger extract` reads (files, folders, JSONL, feeds, - for stdin).
    An article is its canonical URL, else the sha256 of its body: ingesting it again changes
    nothing, and a changed body under the same URL replaces its claims and keeps the old version
    as history. Inputs that fail are reported on stderr, the rest are stored, and the exit code
    is then 1.
    """
    outcomes: Counter[Stored] = Counter()
    failed = False
    console = Console(stderr=True)
    with open_ledger(db) as ledger:
        progress = Progress(
            SpinnerColumn(),
            _RateColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            disable=quiet or not console.is_terminal,
        )
        with progress:
            task = progress.add_task("ingest", total=None, claims=0)
            found = 0
            events = ingest(
                ledger,
                paths,
                _day(published),
                max_bytes=max_bytes,
                workers=workers or default_workers(),
                batch=batch,
            )
            for event in events:
                if isinstance(event, ReadFailure):
                    report_failure(event)
                    failed = True
                    continue
                outcomes[event.outcome] += 1
                found += event.claims
                progress.update(task, advance=1, claims=found)
        if not quiet:
            _print_summary(ledger, outcomes, db)
    if failed:
        raise click.exceptions.Exit(1)


def _print_summary(ledger: Ledger, outcomes: Counter[Stored], db: str | None) -> None:
    stored = totals(ledger)
    console = Console(highlight=False)
    console.print(
        f"{ledger.name}: {stored.articles:,} articles and {stored.claims:,} claims stored "
        f"(this run: {outcomes[Stored.NEW]} new, {outcomes[Stored.CHANGED]} changed, "
        f"{outcomes[Stored.UNCHANGED]} unchanged)",
        soft_wrap=True,
    )
    for title, rows in (("measure", stored.by_measure), ("source", stored.by_source)):
        table = Table(title=f"claims by {title}", title_justify="left")
        table.add_column(title)
        table.add_column("claims", justify="right")
        for name, count in rows:
            table.add_row(name if name is not None else "(none named)", f"{count:,}")
        console.print(table)
    # What a newcomer does next: check the figures against their sentences in the browser.
    serve = "warledger serve" + (f" --db {shlex.quote(db)}" if db else "")
    console.print(
        f"Check every figure against its sentence: run `{serve}` and open "
        f"http://127.0.0.1:{DEFAULT_PORT}/",
        soft_wrap=True,
    )


def claim_filter_options(command: F) -> F:
    """The claim filters (``--measure`` ... ``--limit``), shared by ``claims`` and ``facts``.

    The command receives them as keyword arguments; ``claim_filter(**those)`` builds the filter.
    """
    options = [
        click.option("--measure", multiple=True, help="Only this measure (repeatable)."),
        click.option("--source", multiple=True, help="Only this source key (repeatable)."),
        click.option(
            "--place", multiple=True, help="Only this place; a country includes its regions."
        ),
        click.option("--from", "period_from", type=DAY, help="Period overlaps from this day on."),
        click.option("--to", "period_to", type=DAY, help="Period overlaps up to this day."),
        click.option("--published-from", type=DAY, help="Articles published on or after this day."),
        click.option("--published-to", type=DAY, help="Articles published on or before this day."),
        click.option(
            "--min", "min_value", type=float, help="Whole value (low..high) at least this."
        ),
        click.option(
            "--max", "max_value", type=float, help="Whole value (low..high) at most this."
        ),
        click.option("--search", help="Quotes holding all these words (stemmed full-text search)."),
        click.option("--limit", type=click.IntRange(min=0), help="At most this many records."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def claim_filter(
    measure: tuple[str, ...] = (),
    source: tuple[str, ...] = (),
    place: tuple[str, ...] = (),
    period_from: datetime | None = None,
    period_to: datetime | None = None,
    published_from: datetime | None = None,
    published_to: datetime | None = None,
    min_value: float | None = None,
    max_value: float | None = None,
    search: str | None = None,
    limit: int | None = None,
) -> ClaimFilter:
    """The ``ClaimFilter`` of the options ``claim_filter_options`` adds."""
    return ClaimFilter(
        measures=measure,
        sources=source,
        places=place,
        period_from=_day(period_from),
        period_to=_day(period_to),
        published_from=_day(published_from),
        published_to=_day(published_to),
        min_value=min_value,
        max_value=max_value,
        search=search,
        limit=limit,
    )


def output_options(command: F) -> F:
    """``--format`` (table, csv, json, jsonl, parquet) and ``--out FILE``, for claims and facts."""
    command = click.option(
        "--out", type=click.Path(dir_okay=False), help="Write to this file, not stdout."
    )(command)
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(CLAIM_FORMATS),
        help="Output format [default: table on a terminal, jsonl when piped]; parquet needs --out.",
    )(command)


@click.command("claims")
@db_option
@claim_filter_options
@output_options
@click.option(
    "--latest-per-source",
    is_flag=True,
    help="Only each source's latest figure of the measure: the claim whose period ends last.",
)
def claims_command(
    db: str | None,
    output_format: str | None,
    out: str | None,
    latest_per_source: bool,
    **filters: Any,
) -> None:
    """Print the stored claims that match every filter given."""
    if output_format == "parquet" and not out:
        raise click.UsageError("--format parquet needs --out FILE")
    if latest_per_source and not filters["measure"]:
        raise click.UsageError("--latest-per-source needs --measure")
    where = claim_filter(**filters)
    with open_ledger(db) as ledger:
        if latest_per_source:
            found = iter(latest_per(ledger, where=where))
        else:
            found = iter_claims(ledger, where)
        if output_format == "parquet":
            write_claims_parquet((stored.claim for stored in found), out or "")
            return
        with output_stream(out) as stream:
            _write_claims(found, resolve_format(output_format, stream), stream)


@contextmanager
def output_stream(path: str | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="") as file:
        yield file


def _write_claims(found: Iterator[StoredClaim], output_format: str, stream: TextIO) -> None:
    if output_format == "json":
        write_json((dataclasses.asdict(stored.claim) for stored in found), stream)
        return
    with ClaimWriter(output_format, stream) as writer:
        for stored in found:
            writer.write(stored.claim, stored.figure)


def write_json(records: Iterator[dict[str, Any]], stream: TextIO) -> None:
    """A JSON array, one record a line, written as the records come."""
    stream.write("[")
    for index, record in enumerate(records):
        stream.write(("," if index else "") + "\n" + json.dumps(record, ensure_ascii=False))
    stream.write("\n]\n")


@click.command("articles")
@db_option
@click.option("--limit", type=click.IntRange(min=0), help="At most this many articles.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(ARTICLE_FORMATS),
    help="Output format [default: table on a terminal, jsonl when piped].",
)
def articles_command(db: str | None, limit: int | None, output_format: str | None) -> None:
    """List the stored articles with their URL, publication date and number of claims."""
    with open_ledger(db) as ledger:
        rows = list_articles(ledger, limit)
    stream = sys.stdout
    chosen = resolve_format(output_format, stream)
    if chosen == "json":
        write_json(iter(rows), stream)
    elif chosen == "jsonl":
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif chosen == "csv":
        writer = csv.DictWriter(
            stream, fieldnames=list(rows[0]) if rows else [], lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(rows)
    else:
        table = Table()
        for header in ("id", "url", "published", "claims"):
            table.add_column(
                header, overflow="fold", justify="right" if header == "claims" else "left"
            )
        for row in rows:
            table.add_row(row["id"], row["url"] or "", row["published"] or "", str(row["claims"]))
        console = Console(highlight=False, width=None if stream.isatty() else 100_000)
        console.print(table)
        console.print(f"{len(rows)} articles")


@click.command("show")
@click.argument("article")
@db_option
def show_command(article: str, db: str | None) -> None:
    """Print one article (by key, URL or id) with its figures highlighted, then its claims."""
    with open_ledger(db) as ledger:
        stored = find_article(ledger, article)
    console = Console(highlight=False)
    shown = stored.article
    heading = Text(shown.title or shown.id, style="bold")
    console.print(heading, soft_wrap=True)
    details = [
        ("id", shown.id),
        ("url", shown.url),
        ("outlet", shown.outlet),
        ("published", shown.published.isoformat() if shown.published else None),
        ("key", stored.key),
        ("version", str(stored.version)),
        ("ingested", f"{stored.ingested_at} from {stored.ingested_from}"),
    ]
    for name, value in details:
        if value:
            console.print(Text(f"{name}: ", style="dim") + Text(value), soft_wrap=True)
    body = Text(shown.text)
    for claim in stored.claims:
        body.stylize(FIGURE_STYLE, claim.claim.start, claim.claim.end)
    console.print()
    console.print(body, soft_wrap=True)
    console.print()
    with ClaimWriter("table", sys.stdout) as writer:
        for claim in stored.claims:
            writer.write(claim.claim, claim.figure)


@click.command("export")
@click.argument("folder", metavar="DIR", type=click.Path(file_okay=False))
@db_option
@click.option(
    "--format",
    "export_format",
    type=click.Choice(EXPORT_FORMATS),
    default="csv",
    show_default=True,
    help="File format of the tables.",
)
def export_command(folder: str, db: str | None, export_format: str) -> None:
    """Write the whole ledger to DIR, one file per table (for pandas, R, DuckDB)."""
    with open_ledger(db) as ledger:
        for path in export_ledger(ledger, folder, export_format):
            click.echo(str(path))
