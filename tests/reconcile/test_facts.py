"""Facts: repeated claims are one fact with citations; `facts` filters and prints like `claims`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from warledger.ledger import ClaimFilter, Ledger, iter_claims
from warledger.ledger.facts import fact_id
from warledger.reconcile import figures_from_claims, iter_facts

from .conftest import claim, run_cli


def _facts(db: str, where: ClaimFilter | None = None) -> list:
    with Ledger(db) as ledger:
        return list(iter_facts(ledger, where))


def test_same_figure_in_two_articles_is_one_fact_with_two_citations(make_ledger) -> None:
    db = make_ledger(
        [
            ("https://www.kyivindependent.com/a1", "2024-02-02", [claim()]),
            ("https://meduza.io/a2", "2024-02-05", [claim()]),
        ]
    )
    [fact] = _facts(db)
    assert fact.citations == 2
    assert fact.articles == ["https://meduza.io/a2", "https://www.kyivindependent.com/a1"]
    assert fact.outlets == ["kyivindependent.com", "meduza.io"]
    assert (fact.first_seen, fact.last_seen) == ("2024-02-02", "2024-02-05")


def test_same_figure_twice_in_one_article_is_two_citations_of_one_fact(make_ledger) -> None:
    db = make_ledger([("a1", "2024-02-02", [claim(start=0, end=5), claim(start=30, end=35)])])
    [fact] = _facts(db)
    assert (fact.citations, fact.articles) == (2, ["a1"])


@pytest.mark.parametrize(
    "change",
    [
        {"source": "ua-general-staff"},
        {"low": 1001.0},
        {"high": 1200.0},
        {"unit": "soldier"},
        {"per": "day"},
        {"period_start": "2024-01-02"},
        {"period_end": "2024-01-30"},
        {"places": ["UA-14"]},
        {"measure": "casualties"},
    ],
    ids=lambda change: next(iter(change)),
)
def test_a_different_identity_field_makes_a_different_fact(make_ledger, change) -> None:
    db = make_ledger([("a1", "2024-02-02", [claim(start=0, end=5), claim(start=30, **change)])])
    assert [fact.citations for fact in _facts(db)] == [1, 1]


def test_fact_id_is_the_short_hash_of_the_identity_key(make_ledger) -> None:
    db = make_ledger([("a1", "2024-02-02", [claim(places=["UA-65", "UA-23"])])])
    [fact] = _facts(db)
    expected = fact_id(
        "uk-mod",
        "killed",
        1000,
        1000,
        "person",
        None,
        "2024-01-01",
        "2024-01-31",
        ["UA-65", "UA-23"],
    )
    assert fact.fact_id == expected and len(expected) == 16


def test_sql_facts_equal_python_grouping_of_the_same_claims(corpus_db: str) -> None:
    with Ledger(corpus_db) as ledger:
        figures = figures_from_claims(iter_claims(ledger))
        facts = list(iter_facts(ledger))
    assert {f.fact_id: f.citations for f in facts} == {f.fact_id: len(f.evidence) for f in figures}
    assert sum(f.citations for f in facts) > len(facts)  # the corpus repeats figures


FILTERS = [
    ["--measure", "casualties"],
    ["--measure", "killed", "--measure", "deported"],
    ["--source", "uk-mod"],
    ["--place", "UA"],
    ["--place", "UA-14"],
    ["--from", "2024-01-01", "--to", "2024-06-30"],
    ["--published-from", "2024-01-01", "--published-to", "2024-12-31"],
    ["--min", "1000", "--max", "500000"],
    ["--search", "killed"],
    ["--measure", "casualties", "--source", "uk-mod", "--min", "1000"],
]


@pytest.mark.parametrize("options", FILTERS, ids=" ".join)
def test_facts_filter_gives_the_facts_of_the_claims_the_same_filter_gives(
    corpus_db: str, options: list[str]
) -> None:
    claims = run_cli("claims", "--db", corpus_db, "--format", "jsonl", *options)
    facts = run_cli("facts", "--db", corpus_db, "--format", "jsonl", *options)
    assert claims.exit_code == 0 and facts.exit_code == 0, facts.stderr
    expected: dict[str, int] = {}
    for line in claims.stdout.splitlines():
        record = json.loads(line)
        key = fact_id(
            *(record[name] for name in ("source", "measure", "low", "high", "unit")),
            record["per"],
            record["period_start"],
            record["period_end"],
            record["places"],
        )
        expected[key] = expected.get(key, 0) + 1
    found = {r["fact_id"]: r["citations"] for r in map(json.loads, facts.stdout.splitlines())}
    assert found == expected and found


def test_facts_limit_counts_facts(corpus_db: str) -> None:
    result = run_cli("facts", "--db", corpus_db, "--format", "jsonl", "--limit", "3")
    assert len(result.stdout.splitlines()) == 3


def test_facts_formats_hold_the_same_facts(corpus_db: str, tmp_path: Path) -> None:
    args = ["facts", "--db", corpus_db, "--measure", "casualties", "--format"]
    jsonl = [json.loads(line) for line in run_cli(*args, "jsonl").stdout.splitlines()]
    assert json.loads(run_cli(*args, "json").stdout) == jsonl
    rows = list(csv.DictReader(io.StringIO(run_cli(*args, "csv").stdout)))
    assert [row["fact_id"] for row in rows] == [fact["fact_id"] for fact in jsonl]
    assert rows[0]["articles"] == ";".join(jsonl[0]["articles"])
    table = run_cli(*args, "table").stdout
    assert f"{len(jsonl)} facts" in table and jsonl[0]["fact_id"] in table
    out = tmp_path / "facts.parquet"
    assert run_cli(*args, "parquet", "--out", str(out)).exit_code == 0
    pyarrow_parquet = pytest.importorskip("pyarrow.parquet")
    assert pyarrow_parquet.read_table(out).to_pylist() == jsonl


def test_facts_parquet_needs_out(corpus_db: str) -> None:
    result = run_cli("facts", "--db", corpus_db, "--format", "parquet")
    assert result.exit_code == 2 and "--out" in result.output
