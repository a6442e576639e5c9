"""The reconciling commands: ``facts``, ``compare`` and ``checks``.

``facts`` takes exactly the filters and output formats of ``claims``; ``compare`` and ``checks``
print one line per figure (table, CSV) or nested records with their evidence (JSON, JSONL).
"""

from __future__ import annotations

import csv
import dataclasses
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any, TextIO

import click
from rich.console import Console
from rich.table import Table

from warledger.cli.ledger import (
    DAY,
    claim_filter,
    claim_filter_options,
    db_option,
    open_ledger,
    output_options,
    output_stream,
    write_json,
)
from warledger.cli.output import format_number, resolve_format
from warledger.ledger import LedgerError
from warledger.ledger.facts import FACT_FIELDS, Fact
from warledger.reconcile import (
    CHECKS,
    CompareRow,
    Figure,
    Finding,
    check_ledger,
    compare,
    iter_facts,
)
from warledger.reconcile.compare import DEFAULT_TOLERANCE

REPORT_FORMATS = ("table", "csv", "json", "jsonl")


def _console(stream: TextIO) -> Console:
    # A pipe or file gets the table's natural width, a terminal one that fits it.
    width = None if stream.isatty() else 100_000
    return Console(file=stream, highlight=False, width=width)


def _value(low: float, high: float, per: str | None) -> str:
    text = format_number(low) + (f"–{format_number(high)}" if high != low else "")
    return f"{text} /{per}" if per else text


def _period(start: str | None, end: str | None) -> str:
    if start == end:
        return start or ""
    return f"{start or '…'} – {end or '…'}"


@click.command("facts")
@db_option
@claim_filter_options
@output_options
def facts_command(
    db: str | None, output_format: str | None, out: str | None, **filters: Any
) -> None:
    """Print the facts among the matching claims: each figure once, with its citations.

    Claims with the same source, measure, value, unit, per, period and places are one fact;
    repeats across outlets and within an article are its citations. --limit counts facts.
    """
    if output_format == "parquet" and not out:
        raise click.UsageError("--format parquet needs --out FILE")
    where = claim_filter(**filters)
    with open_ledger(db) as ledger:
        found = iter_facts(ledger, where)
        if output_format == "parquet":
            _write_facts_parquet(found, out or "")
            return
        with output_stream(out) as stream:
            _write_facts(found, resolve_format(output_format, stream), stream)


def _write_facts(found: Iterator[Fact], output_format: str, stream: TextIO) -> None:
    if output_format == "json":
        write_json((fact.to_dict() for fact in found), stream)
    elif output_format == "jsonl":
        for fact in found:
            stream.write(json.dumps(fact.to_dict(), ensure_ascii=False) + "\n")
    elif output_format == "csv":
        writer = csv.DictWriter(stream, fieldnames=FACT_FIELDS, lineterminator="\n")
        writer.writeheader()
        for fact in found:
            row = fact.to_dict()
            for name in ("places", "articles", "outlets"):
                row[name] = ";".join(row[name])
            writer.writerow(row)
    else:
        table = Table()
        headers = ("fact", "source", "measure", "value", "unit", "period", "places")
        for header in (*headers, "citations", "articles", "first seen", "last seen"):
            table.add_column(header, overflow="fold")
        count = 0
        for fact in found:
            count += 1
            table.add_row(
                fact.fact_id,
                fact.source or "",
                fact.measure,
                _value(fact.low, fact.high, fact.per),
                fact.unit or "",
                _period(fact.period_start, fact.period_end),
                ", ".join(fact.places),
                str(fact.citations),
                "\n".join(fact.articles),
                fact.first_seen or "",
                fact.last_seen or "",
            )
        console = _console(stream)
        console.print(table)
        console.print(f"{count} facts")


def _write_facts_parquet(found: Iterable[Fact], path: str) -> None:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise click.ClickException("Parquet needs pyarrow: pip install pyarrow") from None
    text, number, listed = pyarrow.string(), pyarrow.float64(), pyarrow.list_(pyarrow.string())
    types = {"low": number, "high": number, "citations": pyarrow.int64()}
    types |= {name: listed for name in ("places", "articles", "outlets")}
    schema = pyarrow.schema([(name, types.get(name, text)) for name in FACT_FIELDS])
    records = [fact.to_dict() for fact in found]
    pyarrow.parquet.write_table(pyarrow.Table.from_pylist(records, schema=schema), path)


def _report_format_option(command: Any) -> Any:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(REPORT_FORMATS),
        help="Output format [default: table on a terminal, jsonl when piped].",
    )(command)


def _figure_record(figure: Figure, compared: float | None = None) -> dict[str, Any]:
    record = {
        name: getattr(figure, name)
        for name in ("source", "reference", "low", "high", "qualifier", "unit", "per")
    }
    record |= {"period_start": figure.period_start, "period_end": figure.period_end}
    record["places"] = figure.places
    if compared is not None:
        record["compared_value"] = compared
    record["evidence"] = [dataclasses.asdict(item) for item in figure.evidence]
    return record


def _row_record(index: int, row: CompareRow) -> dict[str, Any]:
    fields = ("kind", "measure", "unit", "period_start", "period_end", "spread", "flagged", "note")
    record: dict[str, Any] = {"row": index, **{name: getattr(row, name) for name in fields}}
    record["figures"] = [_figure_record(f, v) for f, v in zip(row.figures, row.values, strict=True)]
    return record


def _flat(record: dict[str, Any], figure: dict[str, Any]) -> dict[str, Any]:
    """One CSV line: the row's fields and one figure's, evidence joined by `` | ``."""
    line = {k: v for k, v in record.items() if k != "figures"}
    line |= {f"figure_{k}": v for k, v in figure.items() if k not in ("evidence", "places")}
    line["figure_places"] = ";".join(figure["places"])
    line["articles"] = " | ".join(item["article"] for item in figure["evidence"])
    line["quotes"] = " | ".join(item["quote"] for item in figure["evidence"])
    return line


def _write_report(records: list[dict[str, Any]], output_format: str, stream: TextIO) -> None:
    if output_format == "json":
        write_json(iter(records), stream)
    elif output_format == "jsonl":
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        lines = [_flat(record, figure) for record in records for figure in record["figures"]]
        if lines:
            writer = csv.DictWriter(stream, fieldnames=list(lines[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(lines)


def _evidence_cell(figure: Figure) -> str:
    first = figure.evidence[0] if figure.evidence else None
    if first is None:
        return "(reference series)" if figure.reference else ""
    more = f"\n(+{len(figure.evidence) - 1} more)" if len(figure.evidence) > 1 else ""
    return f"{first.article}: “{first.quote}”{more}"


@click.command("compare")
@db_option
@click.option("--measure", required=True, help="The measure to compare (casualties, killed...).")
@click.option("--place", help="Only figures about this place or one containing it.")
@click.option("--from", "period_from", type=DAY, help="Periods overlapping from this day on.")
@click.option("--to", "period_to", type=DAY, help="Periods overlapping up to this day.")
@click.option(
    "--tolerance",
    type=click.FloatRange(min=0),
    default=DEFAULT_TOLERANCE,
    show_default=True,
    help="Relative difference beyond which sources disagree.",
)
@_report_format_option
def compare_command(
    db: str | None,
    measure: str,
    place: str | None,
    period_from: datetime | None,
    period_to: datetime | None,
    tolerance: float,
    output_format: str | None,
) -> None:
    """Put side by side, per source, the figures that cover the same thing, flagging disagreement.

    Totals are compared with totals over nearly the same period, rates with rates over
    overlapping periods (as daily rates); a rate and a total over the same period are checked
    against each other. Every figure carries its quotes and articles as evidence.
    """
    with open_ledger(db) as ledger:
        try:
            rows = compare(
                ledger,
                measure,
                place,
                period_from.date() if period_from else None,
                period_to.date() if period_to else None,
                tolerance,
            )
        except LedgerError as error:
            raise click.ClickException(str(error)) from None
    stream = sys.stdout
    chosen = resolve_format(output_format, stream)
    if chosen != "table":
        _write_report([_row_record(i, row) for i, row in enumerate(rows, 1)], chosen, stream)
        return
    table = Table()
    for header in ("row", "kind", "source", "value", "compared", "period", "spread", "flag"):
        table.add_column(header, overflow="fold")
    table.add_column("evidence", overflow="fold", ratio=3)
    for index, row in enumerate(rows, 1):
        for position, (figure, value) in enumerate(zip(row.figures, row.values, strict=True)):
            first = position == 0
            table.add_row(
                str(index) if first else "",
                row.kind if first else "",
                (figure.source or "(none named)") + (" (reference)" if figure.reference else ""),
                _value(figure.low, figure.high, figure.per),
                format_number(round(value, 1)),
                _period(figure.period_start, figure.period_end),
                f"{row.spread:.2f}" if first and row.spread else "",
                ("DISAGREE: " + row.note if row.flagged else "") if first else "",
                _evidence_cell(figure),
                end_section=position == len(row.figures) - 1,
            )
    console = _console(stream)
    console.print(table)
    flagged = sum(row.flagged for row in rows)
    console.print(f"{len(rows)} rows, {flagged} flagged (tolerance {tolerance:g})")


def _finding_record(finding: Finding) -> dict[str, Any]:
    record = {name: getattr(finding, name) for name in ("check", "source", "measure", "message")}
    record["figures"] = [_figure_record(figure) for figure in finding.figures]
    return record


@click.command("checks")
@db_option
@click.option("--source", multiple=True, help="Only findings involving this source (repeatable).")
@click.option("--measure", multiple=True, help="Only this measure (repeatable).")
@click.option(
    "--check",
    "checks",
    multiple=True,
    type=click.Choice(CHECKS),
    help="Run only this check (repeatable) [default: all].",
)
@_report_format_option
def checks_command(
    db: str | None,
    source: tuple[str, ...],
    measure: tuple[str, ...],
    checks: tuple[str, ...],
    output_format: str | None,
) -> None:
    """Run the fact-checker checks and print each finding with the quotes that trigger it.

    decreasing-total: a source's running total that goes down; wrong-originator: one figure
    credited to different sources; outlier: a figure far off its source's own trend;
    relay-mismatch: a relayed figure that differs from the originator's own report.
    """
    with open_ledger(db) as ledger:
        findings = check_ledger(ledger, source, measure, checks or CHECKS)
    stream = sys.stdout
    chosen = resolve_format(output_format, stream)
    if chosen != "table":
        _write_report([_finding_record(finding) for finding in findings], chosen, stream)
        return
    table = Table()
    for header in ("check", "source", "measure", "finding"):
        table.add_column(header, overflow="fold")
    table.add_column("evidence", overflow="fold", ratio=3)
    for finding in findings:
        evidence = "\n".join(_evidence_cell(figure) for figure in finding.figures)
        table.add_row(
            finding.check, finding.source or "", finding.measure, finding.message, evidence
        )
    console = _console(stream)
    console.print(table)
    console.print(f"{len(findings)} findings")
