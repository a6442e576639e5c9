"""The distributed engine's output: per partition, a Parquet file of claims and one of articles.

    OUT/claims/part-00000.parquet    the claim records (places as list<string>), in text order
    OUT/articles/part-00000.parquet  id, text, published, url, title, outlet, input, claims

An article's ``claims`` column counts its claim rows, which follow each other in article order,
so the two files of a partition join without any key (ids need not be unique).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from warledger.record import CLAIM_FIELDS, Article, Claim
from warledger.scale.local import Extracted

TABLES = ("articles", "claims")
_BATCH = 2_000


def claim_schema() -> Any:
    import pyarrow as pa

    types = {
        "start": pa.int64(),
        "end": pa.int64(),
        "low": pa.float64(),
        "high": pa.float64(),
        "places": pa.list_(pa.string()),
    }
    return pa.schema([(name, types.get(name, pa.string())) for name in CLAIM_FIELDS])


def article_schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            ("id", pa.string()),
            ("text", pa.string()),
            ("published", pa.date32()),
            ("url", pa.string()),
            ("title", pa.string()),
            ("outlet", pa.string()),
            ("input", pa.string()),
            ("claims", pa.int64()),
        ]
    )


def part_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


def write_partition(out: str, index: int, results: Iterable[tuple[str, Extracted]]) -> int:
    """Write one partition's articles and claims under ``out``; the number of claims."""
    import fsspec
    import pyarrow as pa
    import pyarrow.parquet as pq

    schemas = {"articles": article_schema(), "claims": claim_schema()}
    written = 0
    with (
        fsspec.open(f"{out}/articles/{part_name(index)}", "wb") as article_file,
        fsspec.open(f"{out}/claims/{part_name(index)}", "wb") as claim_file,
        pq.ParquetWriter(article_file, schemas["articles"]) as article_writer,
        pq.ParquetWriter(claim_file, schemas["claims"]) as claim_writer,
    ):
        rows: dict[str, list[dict[str, Any]]] = {"articles": [], "claims": []}

        def flush() -> None:
            article_writer.write_table(pa.Table.from_pylist(rows["articles"], schemas["articles"]))
            claim_writer.write_table(pa.Table.from_pylist(rows["claims"], schemas["claims"]))
            rows["articles"].clear()
            rows["claims"].clear()

        for source, result in results:
            article = result.article
            rows["articles"].append(
                {
                    "id": article.id,
                    "text": article.text,
                    "published": article.published,
                    "url": article.url,
                    "title": article.title,
                    "outlet": article.outlet,
                    "input": source,
                    "claims": len(result.claims),
                }
            )
            rows["claims"].extend(
                {name: getattr(c, name) for name in CLAIM_FIELDS} for c in result.claims
            )
            written += len(result.claims)
            if len(rows["articles"]) >= _BATCH:
                flush()
        flush()
    return written


def read_partition_output(out: str, name: str) -> Iterator[tuple[str, Extracted]]:
    """The articles of one written partition with their claims, in order, and their inputs."""
    import fsspec
    import pyarrow.parquet as pq

    with fsspec.open(f"{out}/articles/{name}", "rb") as file:
        articles = pq.read_table(file).to_pylist()
    with fsspec.open(f"{out}/claims/{name}", "rb") as file:
        claims = iter(pq.read_table(file).to_pylist())
    for row in articles:
        published = row["published"]
        article = Article(
            id=row["id"],
            text=row["text"],
            published=published if isinstance(published, date) else None,
            url=row["url"],
            title=row["title"],
            outlet=row["outlet"],
        )
        found = [Claim.from_dict(next(claims)) for _ in range(row["claims"])]
        yield row["input"], Extracted(article, found)


def list_partitions(out: str) -> list[str]:
    """The partition file names under ``out`` that have both tables, sorted."""
    import fsspec

    fs, root = fsspec.core.url_to_fs(out)
    names: dict[str, set[str]] = {}
    for table in TABLES:
        folder = f"{root.rstrip('/')}/{table}"
        found = fs.ls(folder, detail=False) if fs.exists(folder) else []
        names[table] = {path.rsplit("/", 1)[-1] for path in found if path.endswith(".parquet")}
    return sorted(names["articles"] & names["claims"])
