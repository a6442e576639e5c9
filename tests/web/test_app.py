"""The app without a browser: the CLI's filters and output, read-only, escaping, loopback only."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from warledger.cli import main
from warledger.cli.web import is_loopback
from warledger.ledger import StoredClaim
from warledger.record import Claim
from warledger.web import create_app
from warledger.web.filters import FILTER_NAMES
from warledger.web.highlight import highlighted_body


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
def test_nothing_but_get_is_served(client: TestClient, method: str) -> None:
    assert client.request(method, "/claims").status_code == 405


@pytest.mark.parametrize(
    "path",
    ["/", "/claims", "/claims?_sort=value&_desc=1&_page=2", "/compare", "/sources/uk-mod"],
)
def test_every_page_answers(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]


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
