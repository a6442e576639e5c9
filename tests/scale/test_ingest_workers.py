"""`warledger ingest --workers N` stores exactly what one process stores."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from warledger.cli import main
from warledger.ledger import Ledger, iter_claims

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _stored(db: Path) -> list[tuple]:
    with Ledger(str(db)) as ledger:
        return sorted(
            (c.claim.article, c.claim.start, c.claim.end, c.claim.low, c.claim.source)
            for c in iter_claims(ledger)
        )


def test_ingest_with_two_workers_stores_the_same_claims_as_one(tmp_path: Path) -> None:
    runner = CliRunner()
    for workers in ("1", "2"):
        result = runner.invoke(
            main,
            [
                "ingest",
                str(EXAMPLES),
                "--db",
                str(tmp_path / f"w{workers}.db"),
                "-j",
                workers,
                "-q",
            ],
        )
        assert result.exit_code == 0, result.output
    one, two = _stored(tmp_path / "w1.db"), _stored(tmp_path / "w2.db")
    assert one and one == two
