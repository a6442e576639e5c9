"""The reference commands: ``reference import``, ``reference check`` and ``timeline``.

Thin layers over ``warledger.series`` (reading series files, checking claims against them),
``warledger.ledger.reference`` (storing them) and ``warledger.charts`` (drawing them).
"""

from __future__ import annotations

import csv
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from warledger.cli.ledger import DAY, db_option, open_ledger
from warledger.cli.output import format_number, format_period, format_value
from warledger.ledger import ClaimFilter, iter_claims
from warledger.ledger.reference import ImportedPoints, import_points, iter_reference_points
from warledger.series.check import CheckedClaim, Reading, check_claims
from warledger.series.readers import SeriesFileError, read_series

CHECK_FORMATS = ("table", "json", "csv")
CHART_SUFFIXES = (".png", ".svg", ".html")


@click.group("reference")
def reference_group() -> None:
    """Reference series (a source's own daily figures) in the ledger, and claims checked
    against them."""


@reference_group.command("import")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@db_option
def import_command(paths: tuple[str, ...], db: str | None) -> None:
    """Import reference series files (or folders of them) into the ledger.

    Reads the General Staff's daily losses (russia_losses_personnel.json,
    russia_losses_equipment.json), Oryx's daily_count.csv and Mediazona's named deaths
    (daily_*.json, monthly_*.json); other files in a folder are skipped. Importing again changes
    nothing; a point whose value changed replaces the old one.
    """
    overall = ImportedPoints()
    with open_ledger(db) as ledger:
        try:
            for found in read_series(list(paths)):
                if found.skipped:
                    click.echo(f"{found.path}: skipped ({found.skipped})")
                    continue
                done = import_points(ledger, found.points, str(found.path))
                overall += done
                click.echo(f"{found.path}: {found.kind}, {_outcome(done)}")
        except SeriesFileError as error:
            click.echo(f"warledger: {error}", err=True)
            raise click.exceptions.Exit(1) from None
        click.echo(f"{ledger.name}: {_outcome(overall)}")


def _outcome(done: ImportedPoints) -> str:
    return (
        f"{done.total:,} points ({done.new:,} new, {done.changed:,} changed, "
        f"{done.unchanged:,} unchanged)"
    )


@reference_group.command("check")
@db_option
@click.option("--source", help="Only claims of this source key (e.g. ua-general-staff).")
@click.option("--measure", help="Only claims of this measure (e.g. casualties).")
@click.option(
    "--tolerance",
    type=click.FloatRange(min=0),
    default=0.01,
    show_default=True,
    help="A relative difference up to this is 'close' rather than 'off'.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(CHECK_FORMATS),
    default="table",
    show_default=True,
    help="Output format.",
)
def check_command(
    db: str | None,
    source: str | None,
    measure: str | None,
    tolerance: float,
    output_format: str,
) -> None:
    """Check stored claims against their source's reference series.

    Each claim with a series of the same source, measure and unit is read against the series on
    its own period (a running total on its end day) and on the nearest neighbouring reading (the
    day before, for reports "as of yesterday"): match, close (within --tolerance), or off by how
    much, with the claim's quote and article.
    """
    with open_ledger(db) as ledger:
        checked = list(check_claims(ledger, source, measure, tolerance))
    rows = [check_row(found) for found in checked]
    stream = sys.stdout
    if output_format == "json":
        json.dump(rows, stream, ensure_ascii=False, indent=1)
        stream.write("\n")
    elif output_format == "csv":
        writer = csv.DictWriter(stream, fieldnames=list(CHECK_FIELDS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        _print_check_table(checked)


CHECK_FIELDS = (
    "status",
    "article",
    "start",
    "end",
    "quote",
    "low",
    "high",
    "qualifier",
    "unit",
    "measure",
    "source",
    "period_start",
    "period_end",
    "side",
    "exact_period_start",
    "exact_period_end",
    "exact_value",
    "exact_difference",
    "exact_relative",
    "nearest_period_start",
    "nearest_period_end",
    "nearest_value",
    "nearest_difference",
    "nearest_relative",
)


def _reading_fields(prefix: str, reading: Reading | None) -> dict[str, Any]:
    if reading is None:
        return {f"{prefix}_{name}": None for name in _READING_NAMES}
    return {
        f"{prefix}_period_start": reading.period_start.isoformat(),
        f"{prefix}_period_end": reading.period_end.isoformat(),
        f"{prefix}_value": reading.value,
        f"{prefix}_difference": reading.difference,
        f"{prefix}_relative": reading.relative,
    }


_READING_NAMES = ("period_start", "period_end", "value", "difference", "relative")


def check_row(found: CheckedClaim) -> dict[str, Any]:
    """One checked claim as a flat JSON/CSV row (``CHECK_FIELDS``)."""
    claim = found.stored.claim
    side = (found.nearest or found.exact).side if (found.nearest or found.exact) else None
    row: dict[str, Any] = {
        "status": found.status,
        **{name: getattr(claim, name) for name in CHECK_FIELDS[1:13]},
        "side": side,
    }
    row.update(_reading_fields("exact", found.exact))
    row.update(_reading_fields("nearest", found.nearest))
    return row


def _describe(reading: Reading | None) -> str:
    if reading is None:
        return "—"
    text = f"{format_number(reading.value)} ({format_period_of(reading)})"
    if reading.difference:
        relative = f", {reading.relative:+.2%}" if reading.relative is not None else ""
        text += f"\noff by {reading.difference:+,.0f}{relative}"
    return text


def format_period_of(reading: Reading) -> str:
    """``2022-02-24 – 2024-05-04``, or one day."""
    start, end = reading.period_start, reading.period_end
    return end.isoformat() if start == end else f"{start} – {end}"


def _print_check_table(checked: list[CheckedClaim]) -> None:
    table = Table()
    for header in ("status", "article", "claim", "period", "series, exact", "series, nearest"):
        table.add_column(header, overflow="fold")
    table.add_column("quote", overflow="fold", max_width=60)
    for found in checked:
        claim = found.stored.claim
        table.add_row(
            found.status,
            claim.article,
            f"{format_value(claim)} {claim.unit or ''}\n{claim.measure}, {claim.source}",
            format_period(claim),
            _describe(found.exact),
            _describe(found.nearest),
            claim.quote,
        )
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 200)
    console.print(table)
    counts = {status: sum(f.status == status for f in checked) for status in _STATUS_ORDER}
    console.print(
        f"{len(checked)} claims checked: "
        + ", ".join(f"{count} {status}" for status, count in counts.items() if count)
    )


_STATUS_ORDER = ("match", "match_nearby", "close", "off", "no_reference")


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


@click.command("timeline")
@db_option
@click.option("--measure", required=True, help="The measure to draw (e.g. casualties).")
@click.option("--source", multiple=True, help="Only this source key (repeatable).")
@click.option("--place", multiple=True, help="Only claims about this place (a country: regions).")
@click.option("--from", "period_from", type=DAY, help="From this day on.")
@click.option("--to", "period_to", type=DAY, help="Up to this day.")
@click.option("--unit", help="Only this unit [default: the measure's most common unit].")
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False),
    help="The chart file: .png, .svg or .html (a self-contained page).",
)
def timeline_command(
    db: str | None,
    measure: str,
    source: tuple[str, ...],
    place: tuple[str, ...],
    period_from: datetime | None,
    period_to: datetime | None,
    unit: str | None,
    out: str,
) -> None:
    """Draw each source's figures for a measure over time, with reference series as thin lines.

    Totals are lines with a point for each claim, ranges are bars from low to high, rates (per
    day, month...) get their own panel.
    """
    from warledger.charts import save_chart, timeline_chart, timeline_data

    if Path(out).suffix.lower() not in CHART_SUFFIXES:
        raise click.UsageError("--out must end in .png, .svg or .html")
    where = ClaimFilter(
        measures=(measure,),
        sources=source,
        places=place,
        period_from=_day(period_from),
        period_to=_day(period_to),
    )
    with open_ledger(db) as ledger:
        claims = [stored.claim for stored in iter_claims(ledger, where)]
        reference = list(
            iter_reference_points(
                ledger,
                source=source or None,
                measure=measure,
                start=_day(period_from),
                end=_day(period_to),
            )
        )
    data = timeline_data(claims, reference, unit)
    if data.empty:
        click.echo(f"warledger: no {measure} figures to draw", err=True)
        raise click.exceptions.Exit(1)
    save_chart(timeline_chart(data, measure), out)
    click.echo(out)
