"""`warledger timeline`: PNG, SVG and a self-contained HTML page for a small ledger."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from warledger.charts import timeline_data
from warledger.ledger import Ledger
from warledger.ledger.reference import ReferencePoint, import_points
from warledger.record import Article, Claim

from .conftest import run_cli

BODY = (
    "The General Staff put losses at 700,000. British intelligence said 650,000-700,000. "
    "Russia is losing 1,500 a day."
)


def _claim(figure: str, low: float, high: float, **fields: object) -> Claim:
    start = BODY.index(figure)
    return Claim(
        article="small",
        start=start,
        end=start + len(figure),
        quote=BODY,
        low=low,
        high=high,
        unit="person",
        measure="casualties",
        **fields,
    )


CLAIMS = [
    _claim(
        "700,000.",
        700_000,
        700_000,
        source="ua-general-staff",
        period_start="2022-02-24",
        period_end="2024-11-01",
    ),
    _claim(
        "650,000-700,000",
        650_000,
        700_000,
        source="uk-mod",
        period_start="2022-02-24",
        period_end="2024-11-02",
    ),
    _claim(
        "1,500",
        1_500,
        1_500,
        per="day",
        source="uk-mod",
        period_start="2024-10-01",
        period_end="2024-10-31",
    ),
]


@pytest.fixture
def small_ledger(tmp_path: Path) -> str:
    db = str(tmp_path / "ledger.db")
    points = [
        ReferencePoint(
            "ua-general-staff",
            "casualties",
            "person",
            "RU",
            date(2022, 2, 24),
            date(2024, 10, day),
            650_000 + 1_500 * day,
        )
        for day in range(1, 32)
    ]
    with Ledger(db) as ledger:
        ledger.store(Article("small", BODY, date(2024, 11, 2)), CLAIMS, "test")
        import_points(ledger, points, "test")
    return db


def test_data_sorts_totals_ranges_rates_and_reference() -> None:
    point = ReferencePoint(
        "ua-general-staff",
        "casualties",
        "person",
        "RU",
        date(2022, 2, 24),
        date(2024, 11, 1),
        700_000,
    )
    data = timeline_data(CLAIMS, [point])
    assert [row["value"] for row in data.totals] == [700_000, 675_000]
    assert [row["ranged"] for row in data.totals] == [False, True]
    assert [row["value"] for row in data.rates] == [1_500]
    assert [row["value"] for row in data.reference] == [700_000]


def _draw(db: str, out: Path) -> bytes:
    result = run_cli("timeline", "--db", db, "--measure", "casualties", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    return out.read_bytes()


def test_png_is_a_real_picture(small_ledger: str, tmp_path: Path) -> None:
    png = _draw(small_ledger, tmp_path / "t.png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000


def test_svg_is_a_drawing_with_thousands_separators(small_ledger: str, tmp_path: Path) -> None:
    svg = _draw(small_ledger, tmp_path / "t.svg").decode()
    assert svg.lstrip().startswith("<svg") and "700,000" in svg


def test_html_needs_no_network(small_ledger: str, tmp_path: Path) -> None:
    html = _draw(small_ledger, tmp_path / "t.html").decode()
    assert not re.search(r"<script[^>]*\bsrc\s*=\s*[\"']?https?://", html, re.I)
    assert "vegaEmbed" in html and "General Staff" in html


def test_nothing_to_draw_is_one_line_and_exit_1(small_ledger: str, tmp_path: Path) -> None:
    result = run_cli(
        "timeline", "--db", small_ledger, "--measure", "deported", "--out", str(tmp_path / "x.png")
    )
    assert result.exit_code == 1
    assert result.stderr == "warledger: no deported figures to draw\n"


def test_unknown_chart_suffix_is_a_usage_error(small_ledger: str, tmp_path: Path) -> None:
    result = run_cli("timeline", "--db", small_ledger, "--measure", "casualties", "--out", "x.gif")
    assert result.exit_code == 2
