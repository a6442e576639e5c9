"""End to end in a real headless Chromium: read an article, filter and download, compare.

Each test leaves a screenshot in docs/screenshots/ (the README shows article.png).
"""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import quote

from warledger.ledger import Ledger, find_article, list_articles

from .conftest import CORPUS, screenshot


def _richest_article(db: str) -> str:
    """The ledger key of the real article (corpus, else examples) with the most claims."""
    with Ledger(db) as ledger:
        rows = list_articles(ledger)
    real = [row for row in rows if str(CORPUS) in row["id"]] or [
        row for row in rows if "examples" in row["id"]
    ]
    return max(real, key=lambda row: row["claims"])["key"]


def test_clicking_a_figure_shows_its_whole_claim_record(
    server: str, page: Any, web_db: str
) -> None:
    key = _richest_article(web_db)
    with Ledger(web_db) as ledger:
        stored = find_article(ledger, key)
    page.goto(f"{server}/articles/{quote(key, safe='')}")
    marks = page.locator("#article-body a.fig")
    assert marks.count() >= 3
    marks.nth(1).click()
    panel = page.locator("#panel-record .record")
    panel.wait_for()
    claim = stored.claims[int(marks.nth(1).get_attribute("data-claim"))].claim
    assert claim.quote in panel.locator("blockquote").inner_text()
    for label in ("value", "qualifier", "unit", "rate", "measure", "source", "period", "places"):
        assert panel.locator("dt", has_text=label).count() == 1
    assert panel.get_by_role("link", name="Source page").count() == (1 if claim.source else 0)
    screenshot(page, "article.png")


def test_claims_filtered_by_source_download_as_csv_of_those_claims(server: str, page: Any) -> None:
    page.goto(f"{server}/claims")
    facet = page.locator(".facet", has=page.locator("h3", has_text="source"))
    first = facet.locator("li a").first
    source = first.inner_text().strip()
    first.click()
    page.wait_for_url(f"**/claims?source={quote(source)}")
    total = int(page.locator("h1 .count").inner_text().replace(",", ""))
    screenshot(page, "claims.png")
    link = page.get_by_role("link", name="CSV", exact=True)
    assert link.get_attribute("href") == f"/claims.csv?source={quote(source)}"
    response = page.request.get(server + link.get_attribute("href"))
    rows = list(csv.DictReader(io.StringIO(response.text())))
    assert len(rows) == total > 0
    assert {row["source"] for row in rows} == {source}


def test_compare_page_draws_its_timeline_chart(server: str, page: Any) -> None:
    page.goto(f"{server}/compare?measure=casualties")
    page.locator("#chart[data-rendered=true]").wait_for(timeout=20_000)
    assert page.locator("#chart svg, #chart canvas").count() >= 1
    assert page.locator("table.pivot th").count() >= 2
    screenshot(page, "compare.png")


def test_source_page_shows_its_claims_and_running_totals(server: str, page: Any) -> None:
    page.goto(f"{server}/sources/ua-general-staff")
    page.locator("#chart[data-rendered=true]").wait_for(timeout=20_000)
    assert page.locator("#chart svg").count() >= 1
    assert page.locator("table.claims tbody tr").count() >= 1
    screenshot(page, "source.png")


def test_html_in_an_article_shows_as_text_and_never_runs(
    server: str, page: Any, web_db: str
) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with Ledger(web_db) as ledger:
        key = next(row["key"] for row in list_articles(ledger) if "hostile" in row["id"])
    page.goto(f"{server}/articles/{quote(key, safe='')}")
    body = page.locator("#article-body")
    assert "<script>alert(1)</script>" in body.inner_text()
    assert "<img src=x onerror=alert(1)>" in body.inner_text()
    assert body.locator("script, img, b").count() == 0
    body.locator("a.fig").first.click()
    page.locator("#panel-record .record").wait_for()
    page.wait_for_timeout(300)
    assert dialogs == []


def test_facts_filtered_by_measure_open_a_fact_with_its_citations(server: str, page: Any) -> None:
    page.goto(f"{server}/facts")
    facet = page.locator(".facet", has=page.locator("h3", has_text="measure"))
    chosen = facet.locator("li a", has_text="casualties")
    chosen = chosen if chosen.count() else facet.locator("li a").first
    measure = chosen.inner_text().strip()
    chosen.click()
    page.wait_for_url(f"**/facts?measure={quote(measure)}")
    rows = page.locator("table.facts tbody tr")
    assert rows.count() >= 1
    assert {tag.inner_text() for tag in rows.locator(".tag").all()} == {measure}
    page.get_by_role("link", name="Cited", exact=True).click()
    page.wait_for_url("**/facts?*_sort=citations*")
    page.get_by_role("link", name="Cited ▲").click()
    page.wait_for_url("**/facts?*_desc=1*")
    screenshot(page, "facts.png")
    most = rows.first
    cited = int(most.locator("td.num").inner_text().replace(",", ""))
    most.locator("td.figure a.fig").click()
    page.wait_for_url("**/facts/*")
    citations = page.locator("table.citations tbody tr")
    assert citations.count() == cited
    assert citations.locator("blockquote mark").count() == cited
    citations.first.locator("td.article a").click()
    page.wait_for_url("**/articles/**#f*")
    assert page.locator("#panel-record .record").count() == 1
