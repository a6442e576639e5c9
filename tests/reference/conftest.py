"""Reference test fixtures: the ledger fixtures (every backend) and the shared reference data."""

from __future__ import annotations

from pathlib import Path

import pytest

# pytest puts tests/ on sys.path (tests/ has no __init__.py): the ledger tests' fixtures, reused.
from ledger.conftest import ledger_db, run_cli  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
GENSTAFF = SHARED / "reference" / "genstaff-russia-losses"
ORYX = SHARED / "reference" / "oryx-equipment-losses"
MEDIAZONA = SHARED / "reference" / "mediazona-named-russian-deaths"
CORPUS = SHARED / "corpus" / "articles"
SEEDS = SHARED / "seeds"


def needs_shared(*paths: Path) -> None:
    """Skip the test, with the reason, when the shared development data is not there."""
    for path in paths:
        if not path.exists():
            pytest.skip(f"{path} is absent: tests on the shared reference data skipped")
