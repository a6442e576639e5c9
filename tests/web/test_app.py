"""The app without a browser: the CLI's filters and output, read-only, escaping, loopback only."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from warledger.cli import main
from warledger.cli.web import is_loopback
from warledger.ledger import Ledger, StoredClaim, find_article, list_articles
from warledger.ledger.facts import claim_fact_id
from warledger.record import Claim
from warledger.web import create_app
from warledger.web.filters import FILTER_NAMES
from warledger.web.highlight import highlighted_body, highlighted_quote

from .conftest import HOSTILE, ingest


@pytest.fixture(scope="module")
def client(web_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(web_db)) as test_client:
        yield test_client


def _cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize(
    "query, options",
    [
        ("source=ua-general-staff", ["--source", "ua-general-staff"]),
        ("measure=casualties&from=2024-01-01", ["--measure", "casualties", "--from", "2024-01-01"]),
        ("search=killed&min=100", ["--search", "killed", "--min", "100"]),
    ],
)
@pytest.mark.parametrize("suffix", ["csv", "json"])
def test_a_download_is_what_the_cli_prints_for_the_same_filters(
    client: TestClient, web_db: str, query: str, options: list[str], suffix: str
) -> None:
    web = client.get(f"/claims.{suffix}?{query}").text
    assert web == _cli("claims", "--db", web_db, *options, "--format", suffix)


@pytest.mark.parametrize(
    "query, options",
    [
        ("", []),
        ("measure=casualties&from=2024-01-01", ["--measure", "casualties", "--from", "2024-01-01"]),
        ("source=ua-general-staff&limit=5", ["--source", "ua-general-staff", "--limit", "5"]),
        ("search=killed&min=100", ["--search", "killed", "--min", "100"]),
    ],
)
@pytest.mark.parametrize("suffix", ["csv", "json"])
def test_a_facts_download_is_what_the_cli_prints_for_the_same_filters(
    client: TestClient, web_db: str, query: str, options: list[str], suffix: str
) -> None:
    web = client.get(f"/facts.{suffix}?{query}").text
    assert web == _cli("facts", "--db", web_db, *options, "--format", suffix)


def test_the_facts_page_counts_and_lists_the_facts_the_cli_finds(
    client: TestClient, web_db: str
) -> None:
    facts = json.loads(_cli("facts", "--db", web_db, "--measure", "casualties", "--format", "json"))
    html = client.get("/facts?measure=casualties&_sort=citations&_desc=1&_size=1000").text
    assert f'<span class="count">{len(facts):,}</span>' in html
    top = max(facts, key=lambda fact: fact["citations"])
    assert html.index(f"/facts/{top['fact_id']}?") < min(
        html.index(f"/facts/{fact['fact_id']}?") for fact in facts if fact["citations"] == 1
    )


def test_a_fact_page_lists_every_citation_of_the_fact(client: TestClient, web_db: str) -> None:
    facts = json.loads(_cli("facts", "--db", web_db, "--format", "json"))
    cited = max(facts, key=lambda fact: (fact["citations"], fact["fact_id"]))
    # Found by its id alone (hashing every fact) and with the measure and value the links carry.
    html = client.get(f"/facts/{cited['fact_id']}").text
    hinted = f"measure={cited['measure']}&min={cited['low']}&max={cited['high']}"
    assert client.get(f"/facts/{cited['fact_id']}?{hinted}").text == html
    assert html.count("<mark>") == cited["citations"] >= 2
    assert f"cited {cited['citations']} times" in html
    assert client.get("/facts/0123456789ab").status_code == 404


def test_every_figure_of_an_article_links_to_its_fact(client: TestClient, web_db: str) -> None:
    with Ledger(web_db) as ledger:
        key = next(row["key"] for row in list_articles(ledger) if "examples" in row["id"])
        stored = find_article(ledger, key)
    html = client.get(f"/articles/{key}").text
    for item in stored.claims:
        claim = item.claim
        wanted = claim_fact_id(claim)
        assert f'href="/facts/{wanted}?' in html
    link = html.split('href="/facts/', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    fact = client.get(f"/facts/{link}")
    assert fact.status_code == 200 and "<mark>" in fact.text


def test_markup_in_a_quote_is_escaped_on_the_facts_pages(tmp_path: Path) -> None:
    db = str(tmp_path / "hostile.db")
    ingest(db, HOSTILE.with_name("hostile-quote.txt"))
    with TestClient(create_app(db)) as hostile:
        listing = hostile.get("/facts?measure=wounded").text
        link = listing.split('href="/facts/', 1)[1].split('"', 1)[0].replace("&amp;", "&")
        html = hostile.get(f"/facts/{link}").text
    for page in (listing, html):
        assert "<script>" not in page and "<b>" not in page
    assert "&lt;b&gt;about <mark>500</mark>&lt;/b&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; in &#34;Kharkiv&#34; &amp; nearby." in html


def test_the_web_takes_every_filter_of_the_claims_command() -> None:
    claims = main.commands["claims"]
    cli_names = {opt.lstrip("-") for p in claims.params for opt in p.opts[:1]}
    documented = {"measure", "source", "place", "from", "to", "published-from", "published-to"}
    documented |= {"min", "max", "search", "limit"}
    assert documented <= set(FILTER_NAMES) <= cli_names


def test_a_bad_filter_value_is_a_400_naming_it(client: TestClient) -> None:
    response = client.get("/claims?from=yesterday")
    assert response.status_code == 400
    assert "from" in response.text


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
@pytest.mark.parametrize("path", ["/claims", "/facts", "/facts.csv", "/facts/0123456789ab"])
def test_nothing_but_get_is_served(client: TestClient, method: str, path: str) -> None:
    assert client.request(method, path).status_code == 405


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/claims",
        "/claims?_sort=value&_desc=1&_page=2",
        "/facts",
        "/facts?_sort=last_seen&_desc=1&_page=2&place=UA",
        "/facts?published-from=2024-01-01&published-to=2024-12-31&_sort=period",
        "/compare",
        "/sources/uk-mod",
    ],
)
def test_every_page_answers(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_a_bad_facts_sort_is_a_400(client: TestClient) -> None:
    assert client.get("/facts?_sort=published").status_code == 400


def test_an_unknown_article_is_a_404(client: TestClient) -> None:
    assert client.get("/articles/no-such-article").status_code == 404


def test_the_compare_chart_is_a_vega_lite_spec(client: TestClient) -> None:
    spec = client.get("/compare.vl.json?measure=casualties").json()
    assert "vega-lite" in spec["$schema"]


def test_figures_are_marked_and_every_text_slice_escaped() -> None:
    body = '<b>1,200</b> "killed" & <script>x</script>'
    claim = Claim("a", 3, 8, body, 1200, 1200, measure="killed")
    html = str(highlighted_body(body, [StoredClaim(claim, "1,200", "k")]))
    assert html.startswith('&lt;b&gt;<a class="fig m-killed" id="f3-8" href="#c3-8"')
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>" not in html
    assert "&#34;killed&#34; &amp;" in html


def test_a_quote_marks_its_figure_and_escapes_the_rest() -> None:
    quote = "<b>1,200</b> & more"
    assert str(highlighted_quote(quote, 3, 5)) == "&lt;b&gt;<mark>1,200</mark>&lt;/b&gt; &amp; more"
    assert str(highlighted_quote(quote, None, 5)) == "&lt;b&gt;1,200&lt;/b&gt; &amp; more"
    assert "<mark>" not in str(highlighted_quote(quote, 18, 5))


@pytest.mark.parametrize(
    "host, loopback",
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("example.org", False),
    ],
)
def test_loopback_hosts_are_told_apart(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_serve_refuses_a_non_loopback_host_without_allow_remote(web_db: str) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", web_db, "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "--allow-remote" in result.output
    assert len([line for line in result.output.splitlines() if line.startswith("Error")]) == 1


def test_serve_refuses_a_missing_ledger(tmp_path: object) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", f"{tmp_path}/none.db"])
    assert result.exit_code == 2
    assert "no ledger" in result.output
