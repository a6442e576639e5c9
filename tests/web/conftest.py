"""Web test fixtures: a ledger of real articles (and a hostile one), the app served by uvicorn
in a thread on a free loopback port, and a real headless Chromium driven by Playwright.

Browser tests skip with a reason when Debian's chromium or Playwright is missing
(``apt-get install -y chromium``; ``pip install -e '.[test]'``).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from warledger.cli import main

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "articles"
EXAMPLES = ROOT / "examples"
HOSTILE = Path(__file__).parent / "fixtures" / "hostile-article.txt"
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def ingest(db: str, *paths: Path) -> None:
    """``warledger ingest PATHS --db DB``, which must succeed."""
    result = CliRunner().invoke(main, ["ingest", *map(str, paths), "--db", db, "--quiet"])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A ledger of the shared corpus articles (else the examples), the examples and the hostile
    article."""
    db = str(tmp_path_factory.mktemp("web") / "ledger.db")
    sources = [CORPUS] if CORPUS.is_dir() and any(CORPUS.glob("*.txt")) else []
    ingest(db, *sources, EXAMPLES, HOSTILE)
    return db


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def server(web_db: str) -> Iterator[str]:
    """The base URL of the app over ``web_db``, served by uvicorn in a thread."""
    import uvicorn

    from warledger.web import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(web_db), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium, headless, through Playwright (never a downloaded browser)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium")
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page 1280 px wide; fails the test on any script error in the page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, errors


def screenshot(page: Any, name: str) -> None:
    """Save the page as docs/screenshots/NAME (the README shows article.png)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=False)
