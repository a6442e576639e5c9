"""Scale test fixtures: the shared corpus as a JSONL dump, and the single-process claims."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from warledger.readers import ReadFailure, iter_articles
from warledger.record import Article
from warledger.scale.local import Extracted, extract_stream

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CORPUS = ROOT.parent / "shared" / "corpus" / "articles"


def corpus_articles() -> list[Article]:
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is not beside the repository: corpus scale tests skipped")
    found = [item for item in iter_articles([str(CORPUS)]) if isinstance(item, Article)]
    assert found, "the shared corpus holds no articles"
    return found


def article_record(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "text": article.text,
        "published": article.published.isoformat() if article.published else None,
        "url": article.url,
        "title": article.title,
        "outlet": article.outlet,
    }


def write_dump(path: Path, articles: list[Article], bad_after: int | None = None) -> Path:
    """The articles as a JSONL dump, with a line that is no JSON after the ``bad_after``-th."""
    with path.open("w", encoding="utf-8") as file:
        for number, article in enumerate(articles, start=1):
            file.write(json.dumps(article_record(article), ensure_ascii=False) + "\n")
            if number == bad_after:
                file.write("{not json\n")
    return path


def claim_records(paths: list[str]) -> list[dict[str, Any]]:
    """Every claim ``warledger extract --workers 1`` gives for ``paths``, as JSON records."""
    records = []
    for result in extract_stream(iter_articles(paths), 1):
        if isinstance(result, ReadFailure):
            continue
        assert isinstance(result, Extracted)
        records.extend(dataclasses.asdict(claim) for claim in result.claims)
    return records


@pytest.fixture(scope="session")
def corpus_dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shared corpus as one JSONL dump with a bad line in the middle."""
    articles = corpus_articles()
    folder = tmp_path_factory.mktemp("dump")
    return write_dump(folder / "corpus.jsonl", articles, bad_after=len(articles) // 2)
