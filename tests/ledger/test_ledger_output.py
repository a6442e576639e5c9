"""Claims in every format, articles listed, one article shown, the whole ledger exported."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from warledger.ledger import Ledger, iter_claims, totals
from warledger.record import CLAIM_FIELDS

from .conftest import EXAMPLES, run_cli

UK_REPORT = str(EXAMPLES / "uk-intelligence-casualties.txt")


def _claim_count(db: str) -> int:
    with Ledger(db) as ledger:
        return totals(ledger).claims


def test_jsonl_is_one_claim_record_a_line(ingested_examples: str) -> None:
    result = run_cli("claims", "--db", ingested_examples, "--format", "jsonl")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == _claim_count(ingested_examples)
    assert all(tuple(record) == CLAIM_FIELDS for record in records)


def test_json_is_an_array_of_claim_records(ingested_examples: str) -> None:
    result = run_cli("claims", "--db", ingested_examples, "--format", "json")
    records = json.loads(result.stdout)
    assert len(records) == _claim_count(ingested_examples)
    assert tuple(records[0]) == CLAIM_FIELDS


def test_csv_has_the_record_fields_as_header(ingested_examples: str) -> None:
    result = run_cli("claims", "--db", ingested_examples, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == _claim_count(ingested_examples)
    assert tuple(rows[0]) == CLAIM_FIELDS


def test_table_shows_figures_and_a_count(ingested_examples: str) -> None:
    result = run_cli("claims", "--db", ingested_examples, "--format", "table", "--source", "uk-mod")
    assert "465,000" in result.stdout
    assert "claims" in result.stdout.splitlines()[-1]


def test_parquet_is_readable_by_pyarrow(ingested_examples: str, tmp_path: Path) -> None:
    out = tmp_path / "claims.parquet"
    result = run_cli("claims", "--db", ingested_examples, "--format", "parquet", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    table = pq.read_table(out)
    assert table.num_rows == _claim_count(ingested_examples)
    assert tuple(table.column_names) == CLAIM_FIELDS
    with Ledger(ingested_examples) as ledger:
        first = next(iter_claims(ledger)).claim
    assert table.column("places")[0].as_py() == first.places


def test_parquet_without_out_is_a_usage_error(ingested_examples: str) -> None:
    result = run_cli("claims", "--db", ingested_examples, "--format", "parquet")
    assert result.exit_code == 2
    assert "--out" in result.stderr


def test_out_writes_the_file(ingested_examples: str, tmp_path: Path) -> None:
    out = tmp_path / "claims.jsonl"
    run_cli("claims", "--db", ingested_examples, "--format", "jsonl", "--out", str(out))
    assert len(out.read_text(encoding="utf-8").splitlines()) == _claim_count(ingested_examples)


@pytest.mark.parametrize("output_format", ["jsonl", "json", "csv", "table"])
def test_articles_lists_id_url_published_and_claims(
    ingested_examples: str, output_format: str
) -> None:
    result = run_cli("articles", "--db", ingested_examples, "--format", output_format)
    assert result.exit_code == 0, result.stderr
    assert "uk-intelligence-casualties.txt" in result.stdout
    assert "2024-05-04" in result.stdout


def test_articles_counts_each_articles_claims(ingested_examples: str) -> None:
    result = run_cli("articles", "--db", ingested_examples, "--format", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert sum(row["claims"] for row in rows) == _claim_count(ingested_examples)
    assert {"id", "url", "published", "claims"} <= set(rows[0])


def test_show_highlights_the_figures_in_the_body(ingested_examples: str) -> None:
    result = run_cli("show", UK_REPORT, "--db", ingested_examples, env={"FORCE_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    # The figure's text comes wrapped in an ANSI style and its reset, then the claims table.
    assert "\x1b[1;30;43m465,000\x1b[0m" in result.stdout
    assert "uk-mod" in result.stdout


def test_show_of_an_unknown_article_is_one_clear_line(ingested_examples: str) -> None:
    result = run_cli("show", "no-such-article", "--db", ingested_examples)
    assert result.exit_code == 1
    assert result.stderr.startswith("warledger: no-such-article: no such article in ")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("export_format", ["csv", "parquet"])
def test_export_writes_one_file_per_table(
    ingested_examples: str, tmp_path: Path, export_format: str
) -> None:
    folder = tmp_path / "export"
    result = run_cli("export", str(folder), "--db", ingested_examples, "--format", export_format)
    assert result.exit_code == 0, result.stderr
    names = {path.name for path in folder.iterdir()}
    tables = ("meta", "articles", "claims", "claim_places", "article_versions", "claim_history")
    assert names == {f"{table}.{export_format}" for table in tables}
    claims_file = folder / f"claims.{export_format}"
    if export_format == "csv":
        rows = list(csv.DictReader(claims_file.open(encoding="utf-8")))
        assert len(rows) == _claim_count(ingested_examples)
    else:
        assert pq.read_table(claims_file).num_rows == _claim_count(ingested_examples)
        articles = pq.read_table(folder / "articles.parquet")
        assert articles.num_rows == 6 and "body" in articles.column_names
