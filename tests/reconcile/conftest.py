"""Reconcile fixtures: ledgers of the shared corpus (real reporting) and of constructed claims."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from warledger.cli import main
from warledger.ledger import Ledger
from warledger.ledger.reference import ReferencePoint, import_points
from warledger.record import Article, Claim

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "articles"
SEEDS = SHARED / "seeds"
EXAMPLES = ROOT / "examples"
GENSTAFF = SHARED / "reference" / "genstaff-russia-losses" / "russia_losses_personnel.json"


def run_cli(*args: str) -> Result:
    """``warledger ARGS`` in-process; stdout and stderr kept apart."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _ingest(db: str, *paths: Path) -> str:
    result = run_cli("ingest", *map(str, paths), "--db", db, "--quiet")
    assert result.exit_code == 0, result.stderr
    return db


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A ledger of the shared corpus and seed article (real reporting)."""
    if not CORPUS.is_dir() or not SEEDS.is_dir():
        pytest.skip(f"{SHARED} is absent: the shared corpus tests need ../shared")
    return _ingest(str(tmp_path_factory.mktemp("corpus") / "ledger.db"), CORPUS, SEEDS)


@pytest.fixture(scope="session")
def reporting_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The shared corpus, the seed and the bundled example reports in one ledger."""
    if not CORPUS.is_dir() or not SEEDS.is_dir():
        pytest.skip(f"{SHARED} is absent: the shared corpus tests need ../shared")
    return _ingest(str(tmp_path_factory.mktemp("reporting") / "ledger.db"), CORPUS, SEEDS, EXAMPLES)


@pytest.fixture(scope="session")
def referenced_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """``reporting_db``'s articles plus the General Staff's daily running totals."""
    if not CORPUS.is_dir() or not GENSTAFF.is_file():
        pytest.skip(f"{SHARED} is absent: the reference series tests need ../shared")
    db = _ingest(str(tmp_path_factory.mktemp("referenced") / "ledger.db"), CORPUS, SEEDS, EXAMPLES)
    rows = json.loads(GENSTAFF.read_text(encoding="utf-8"))
    points = [
        ReferencePoint(
            "ua-general-staff",
            "casualties",
            "person",
            "RU",
            date(2022, 2, 24),
            date.fromisoformat(row["date"]),
            float(row["personnel"]),
            "approx",
            "personnel",
        )
        for row in rows
    ]
    with Ledger(db) as ledger:
        import_points(ledger, points, str(GENSTAFF))
    return db


def claim(**fields: object) -> Claim:
    """A claim with plausible defaults: 1,000 people killed, per uk-mod, in January 2024."""
    record: dict[str, object] = {
        "article": "a",
        "start": 0,
        "end": 5,
        "quote": "About 1,000 were killed.",
        "low": 1000.0,
        "high": 1000.0,
        "unit": "person",
        "measure": "killed",
        "source": "uk-mod",
        "period_start": "2024-01-01",
        "period_end": "2024-01-31",
    }
    record.update(fields)
    if "high" not in fields:
        record["high"] = record["low"]
    return Claim(**record)  # type: ignore[arg-type]


@pytest.fixture
def make_ledger(tmp_path: Path) -> Callable[[Iterable[tuple[str, str, list[Claim]]]], str]:
    """A ledger of constructed articles: (id, published, claims) each; its ``--db`` value.

    An id that is a URL is also the article's URL (its host names the outlet).
    """

    def build(articles: Iterable[tuple[str, str, list[Claim]]]) -> str:
        db = str(tmp_path / "constructed.db")
        with Ledger(db) as ledger:
            for index, (name, published, found) in enumerate(articles):
                text = " ".join(c.quote for c in found) + f" (report {index})"
                for item in found:
                    item.article = name
                url = name if "://" in name else None
                article = Article(name, text, date.fromisoformat(published), url)
                ledger.store(article, found, "test")
        return db

    return build
