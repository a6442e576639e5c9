"""``warledger distribute`` and ``warledger load``: back-fill on a dask cluster, then a ledger."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import click

from warledger.cli.extract import report_failure
from warledger.cli.ledger import DAY, db_option, open_ledger
from warledger.ledger import Stored
from warledger.readers import DEFAULT_MAX_BYTES, ReadFailure
from warledger.scale.partitions import DEFAULT_BLOCKSIZE


@click.command("distribute")
@click.argument("inputs", nargs=-1, required=True, metavar="DUMP...")
@click.option(
    "--out",
    required=True,
    metavar="DIR|URL",
    help="Output folder (local or e.g. s3://bucket/claims): claims/ and articles/ Parquet.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    envvar="DASK_SCHEDULER_ADDRESS",
    help="A running dask scheduler (tcp://host:8786) [default: a local cluster on 127.0.0.1].",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes of the local cluster [default: every core].",
)
@click.option(
    "--blocksize",
    type=click.IntRange(min=1),
    default=DEFAULT_BLOCKSIZE,
    show_default=True,
    help="Bytes of JSONL per partition (Parquet dumps are cut by row group).",
)
@click.option("--published", type=DAY, help="Publication date for records that state none.")
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Skip (as failed) any JSONL record (line) larger than this many bytes.",
)
@click.option("--overwrite", is_flag=True, help="Replace the partitions already in --out.")
@click.option("--quiet", "-q", is_flag=True, help="No summary on stderr.")
def distribute_command(
    inputs: tuple[str, ...],
    out: str,
    scheduler: str | None,
    workers: int | None,
    blocksize: int,
    published: datetime | None,
    max_bytes: int,
    overwrite: bool,
    quiet: bool,
) -> None:
    """Extract every article in article dumps on a dask.distributed cluster.

    DUMP is a JSONL (.jsonl, .ndjson: one {"id", "text", "published", "url", "title", "outlet"}
    a line) or Parquet (.parquet, those columns) file, a folder of them or a glob, local or any
    URL fsspec opens (s3://, gs://, ...; the workers must reach it too). Each JSONL block of
    --blocksize bytes and each Parquet row group is one task, written as
    OUT/claims/part-N.parquet and OUT/articles/part-N.parquet; `warledger load OUT` stores them
    in a ledger. The claims are those `warledger extract` gives. Records that fail are reported
    on stderr and the exit code is then 1.
    """
    from warledger.scale.distributed import ScaleError, connect, run
    from warledger.scale.local import default_workers

    day = published.date() if published else None
    try:
        with connect(scheduler, None if scheduler else workers or default_workers()) as client:
            results = run(
                client,
                list(inputs),
                out,
                published=day,
                blocksize=blocksize,
                max_bytes=max_bytes,
                overwrite=overwrite,
            )
    except ScaleError as error:
        click.echo(f"warledger: {error}", err=True)
        raise click.exceptions.Exit(1) from None
    failures = [failure for result in results for failure in result.failures]
    for failure in failures:
        click.echo(f"warledger: {failure}", err=True)
    if not quiet:
        articles = sum(result.articles for result in results)
        claims = sum(result.claims for result in results)
        partitions = sum(1 for result in results if result.index >= 0)
        click.echo(
            f"{articles:,} articles, {claims:,} claims, {len(failures):,} failures "
            f"in {partitions:,} partitions -> {out}",
            err=True,
        )
    if failures:
        raise click.exceptions.Exit(1)


@click.command("load")
@click.argument("folder", metavar="DIR|URL")
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No summary.")
def load_command(folder: str, db: str | None, quiet: bool) -> None:
    """Store the articles and claims that `warledger distribute` wrote in the ledger.

    Each article is stored whole with its claims, 32 to a transaction, as `warledger ingest`
    stores them; an article already in the ledger with the same body is left unchanged, so
    loading the same folder twice adds nothing.
    """
    from warledger.scale.load import NothingToLoad, load

    outcomes: Counter[Stored] = Counter()
    with open_ledger(db) as ledger:
        try:
            for event in load(ledger, folder):
                outcomes[event.outcome] += 1
        except (NothingToLoad, OSError) as error:
            report_failure(ReadFailure(folder, str(error)))
            raise click.exceptions.Exit(1) from None
        if not quiet:
            parts = ", ".join(f"{outcomes[kind]:,} {kind.value}" for kind in Stored)
            click.echo(f"{sum(outcomes.values()):,} articles loaded ({parts}) into {ledger.name}")
