"""``warledger ingest``: the summary, bad inputs in a batch, one transaction per article."""

from __future__ import annotations

from pathlib import Path

from warledger.ledger import Ledger, list_articles, totals

from .conftest import EXAMPLES, run_cli


def test_ingest_prints_articles_claims_and_claims_by_measure_and_source(ledger_db: str) -> None:
    result = run_cli("ingest", str(EXAMPLES), "--db", ledger_db)
    assert result.exit_code == 0, result.stderr
    with Ledger(ledger_db) as ledger:
        stored = totals(ledger)
    assert f"{stored.articles} articles and {stored.claims} claims stored" in result.stdout
    assert "claims by measure" in result.stdout and "claims by source" in result.stdout
    assert "casualties" in result.stdout and "uk-mod" in result.stdout


def test_quiet_prints_nothing(ledger_db: str) -> None:
    result = run_cli("ingest", str(EXAMPLES), "--db", ledger_db, "--quiet")
    assert result.exit_code == 0
    assert result.stdout == "" and result.stderr == ""


def test_bad_inputs_are_one_line_each_and_the_good_ones_are_stored(
    ledger_db: str, tmp_path: Path
) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\xff\xfe binary")
    good = EXAMPLES / "child-deportations.txt"
    result = run_cli(
        "ingest",
        str(tmp_path / "empty.txt"),
        str(good),
        str(tmp_path / "missing.txt"),
        str(tmp_path / "binary.txt"),
        "--db",
        ledger_db,
        "-q",
    )
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 3
    for name in ("empty.txt", "missing.txt", "binary.txt"):
        assert any(line.startswith(f"warledger: {tmp_path / name}: ") for line in lines)
    with Ledger(ledger_db) as ledger:
        assert [row["id"] for row in list_articles(ledger)] == [str(good)]


def test_an_unusable_ledger_is_one_clear_line(tmp_path: Path) -> None:
    result = run_cli("ingest", str(EXAMPLES), "--db", str(tmp_path / "no" / "such" / "x.db"))
    assert result.exit_code == 1
    assert result.stderr.startswith("warledger: ") and len(result.stderr.splitlines()) == 1


def test_db_comes_from_the_environment(tmp_path: Path) -> None:
    target = tmp_path / "env.db"
    result = run_cli("ingest", str(EXAMPLES), "-q", env={"WARLEDGER_DB": str(target)})
    assert result.exit_code == 0, result.stderr
    assert target.exists()
