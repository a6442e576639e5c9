"""Output formats for claim records, defined once and shared by every command that prints claims.

A command takes ``@output_format_option`` and writes through a ``ClaimWriter``:

    with ClaimWriter(resolve_format(output_format, stream), stream) as writer:
        writer.write(claim, figure_text)
"""

from __future__ import annotations

import csv
import dataclasses
import json
from collections.abc import Callable
from types import TracebackType
from typing import TextIO, TypeVar

import click
from rich.console import Console
from rich.table import Table

from warledger.readers import DEFAULT_MAX_BYTES
from warledger.record import CLAIM_FIELDS, Claim

FORMATS = ("jsonl", "csv", "table")

_QUALIFIER_SIGNS = {
    "exact": "",
    "approx": "~",
    "at_least": "≥",
    "more_than": ">",
    "at_most": "≤",
    "less_than": "<",
}

F = TypeVar("F", bound=Callable[..., object])


def output_format_option(command: F) -> F:
    """The ``--format`` option, passed to the command as ``output_format`` (None: automatic)."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(FORMATS),
        default=None,
        help="Output format [default: table on a terminal, jsonl when piped].",
    )(command)


def resolve_format(chosen: str | None, stream: TextIO) -> str:
    """The chosen format, else a table for people at a terminal and JSONL for pipes."""
    if chosen:
        return chosen
    return "table" if stream.isatty() else "jsonl"


def format_number(value: float) -> str:
    """``300``, ``2,500,000``, ``33.33``: whole numbers without a decimal point."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def format_value(claim: Claim) -> str:
    """The value as a reader says it: ``~300``, ``150,000–190,000``, ``≥14 /day``."""
    value = format_number(claim.low)
    if claim.high != claim.low:
        value += f"–{format_number(claim.high)}"
    value = _QUALIFIER_SIGNS.get(claim.qualifier, claim.qualifier + " ") + value
    return f"{value} /{claim.per}" if claim.per else value


def format_period(claim: Claim) -> str:
    """``2024-10-01 – 2024-12-31``, one date when both ends agree, ``… – 2025-01-09`` when open."""
    start, end = claim.period_start, claim.period_end
    if start is None and end is None:
        return ""
    if start == end:
        return str(start)
    return f"{start or '…'} – {end or '…'}"


def csv_row(claim: Claim) -> dict[str, object]:
    """A claim as a CSV row: the JSON record with places joined by ``;``."""
    row = dataclasses.asdict(claim)
    row["places"] = ";".join(claim.places)
    return row


class ClaimWriter:
    """Writes claims to a stream in one format; JSONL and CSV stream, a table prints on close."""

    def __init__(self, output_format: str, stream: TextIO) -> None:
        if output_format not in FORMATS:
            raise ValueError(f"unknown output format {output_format!r}")
        self.output_format = output_format
        self.stream = stream
        self._csv: csv.DictWriter[str] | None = None
        self._rows: list[tuple[str, ...]] = []

    def __enter__(self) -> ClaimWriter:
        if self.output_format == "csv":
            self._csv = csv.DictWriter(self.stream, fieldnames=CLAIM_FIELDS, lineterminator="\n")
            self._csv.writeheader()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.output_format == "table":
            self._print_table()
        self.stream.flush()

    def write(self, claim: Claim, figure_text: str | None = None) -> None:
        """Write one claim; ``figure_text`` (the body's ``[start:end]``) shows in tables."""
        if self.output_format == "jsonl":
            record = json.dumps(dataclasses.asdict(claim), ensure_ascii=False)
            self.stream.write(record + "\n")
        elif self._csv is not None:
            self._csv.writerow(csv_row(claim))
        else:
            self._rows.append(
                (
                    claim.article,
                    figure_text if figure_text is not None else "",
                    format_value(claim),
                    claim.unit or "",
                    claim.measure,
                    claim.source or "",
                    format_period(claim),
                    ", ".join(claim.places),
                )
            )

    def _print_table(self) -> None:
        table = Table()
        for header in ("article", "figure", "value", "unit", "measure", "source", "period"):
            table.add_column(header, overflow="fold")
        table.add_column("places", overflow="fold")
        for row in self._rows:
            table.add_row(*row)
        # A terminal gets a table that fits its width; a pipe or file gets the table's natural
        # width, since rich would otherwise squeeze it into 80 columns and fold every cell.
        width = None if self.stream.isatty() else 100_000
        # highlight=False: rich would otherwise colour numbers and dates at random in the cells.
        console = Console(file=self.stream, highlight=False, width=width)
        console.print(table)
        console.print(f"{len(self._rows)} claims")


def workers_option(command: F) -> F:
    """``--workers/-j``: extraction processes, shared by ``extract`` and ``ingest``."""
    return click.option(
        "--workers",
        "-j",
        type=click.IntRange(min=1),
        default=None,
        help="Extract in this many processes; the result is the same, in the same order "
        "[default: every core].",
    )(command)


def max_bytes_option(command: F) -> F:
    """``--max-bytes``: the input size limit, shared by ``extract`` and ``ingest``."""
    return click.option(
        "--max-bytes",
        type=click.IntRange(min=1),
        default=DEFAULT_MAX_BYTES,
        show_default=True,
        help="Skip (as failed) any input larger than this many bytes; in a .jsonl dump, which is "
        "streamed line by line whatever its size, any record (line) larger than this.",
    )(command)
