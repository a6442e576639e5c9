"""Files out of the ledger: every table as CSV or Parquet, and claim records as Parquet."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Date, Double, Integer, Table, select

from warledger.ledger.errors import LedgerError
from warledger.ledger.schema import TABLES
from warledger.ledger.store import Ledger
from warledger.record import Claim

EXPORT_FORMATS = ("csv", "parquet")
_BATCH = 5_000


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401  (loads the parquet writer into the package)
    except ImportError:
        raise LedgerError("Parquet needs pyarrow: pip install pyarrow") from None
    return pyarrow


def _arrow_type(pa: Any, sql_type: Any) -> Any:
    if isinstance(sql_type, Integer):
        return pa.int64()
    if isinstance(sql_type, Double):
        return pa.float64()
    if isinstance(sql_type, Date):
        return pa.date32()
    return pa.string()


def _rows(ledger: Ledger, table: Table) -> Iterator[Sequence[Any]]:
    query = select(table).order_by(*table.primary_key.columns)
    with ledger.engine.connect() as connection:
        result = connection.execution_options(yield_per=_BATCH).execute(query)
        for partition in result.partitions():
            yield from partition


def _write_csv(rows: Iterable[Sequence[Any]], table: Table, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(table.columns.keys())
        for row in rows:
            writer.writerow(
                value.isoformat() if isinstance(value, date) else value for value in row
            )


def _write_parquet(rows: Iterable[Sequence[Any]], table: Table, path: Path) -> None:
    pa = _pyarrow()
    schema = pa.schema([(c.name, _arrow_type(pa, c.type)) for c in table.columns])
    with pa.parquet.ParquetWriter(path, schema) as writer:
        batch: list[Sequence[Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) == _BATCH:
                writer.write_table(_arrow_table(pa, schema, batch))
                batch = []
        writer.write_table(_arrow_table(pa, schema, batch))


def _arrow_table(pa: Any, schema: Any, rows: list[Sequence[Any]]) -> Any:
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in schema.names]
    return pa.table(
        [pa.array(values, type=schema.field(i).type) for i, values in enumerate(columns)],
        schema=schema,
    )


def export_ledger(ledger: Ledger, folder: str | Path, export_format: str = "csv") -> list[Path]:
    """Write every table of the ledger to ``folder`` as ``TABLE.csv`` or ``TABLE.parquet``."""
    if export_format not in EXPORT_FORMATS:
        raise LedgerError(f"unknown export format {export_format!r}")
    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise LedgerError(f"{target}: cannot create folder ({error.strerror or error})") from None
    write = _write_csv if export_format == "csv" else _write_parquet
    written = []
    for table in TABLES:
        path = target / f"{table.name}.{export_format}"
        write(_rows(ledger, table), table, path)
        written.append(path)
    return written


def write_claims_parquet(found: Iterable[Claim], path: str | Path) -> int:
    """Write claim records to a Parquet file (places as a list, periods as dates); the count."""
    pa = _pyarrow()
    schema = pa.schema(
        [
            ("article", pa.string()),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("quote", pa.string()),
            ("low", pa.float64()),
            ("high", pa.float64()),
            ("qualifier", pa.string()),
            ("unit", pa.string()),
            ("per", pa.string()),
            ("measure", pa.string()),
            ("counted", pa.string()),
            ("source", pa.string()),
            ("source_text", pa.string()),
            ("period_start", pa.date32()),
            ("period_end", pa.date32()),
            ("places", pa.list_(pa.string())),
            ("hedge", pa.string()),
        ]
    )
    records = []
    for claim in found:
        record = {name: getattr(claim, name) for name in schema.names}
        for end in ("period_start", "period_end"):
            record[end] = date.fromisoformat(record[end]) if record[end] else None
        records.append(record)
    pa.parquet.write_table(pa.Table.from_pylist(records, schema=schema), path)
    return len(records)
