"""Reference series files → ``ReferencePoint``s, one reader per data set.

Which file is which is told by its name and shape: the General Staff's
``russia_losses_personnel.json`` and ``russia_losses_equipment.json``, Oryx's ``daily_count.csv``,
and Mediazona's named deaths ``daily_*.json`` / ``monthly_*.json`` (an object keyed by day or
month). How columns become (measure, unit) is data: ``knowledge/reference_series.toml``.
"""

from __future__ import annotations

import calendar
import csv
import json
import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from warledger.ledger.reference import RUNNING_TOTAL_START, ReferencePoint

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")


class SeriesFileError(Exception):
    """A reference file that cannot be read; ``str()`` names the file and the problem."""


@dataclass(slots=True)
class SeriesFile:
    """One file looked at: its points, or why it was skipped (``points`` empty then)."""

    path: Path
    kind: str
    points: list[ReferencePoint] = field(default_factory=list)
    skipped: str | None = None


@cache
def series_config() -> dict[str, Any]:
    """``knowledge/reference_series.toml``: sources, sides and the column → unit tables."""
    text = resources.files("warledger.knowledge").joinpath("reference_series.toml").read_text()
    return tomllib.loads(text)


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SeriesFileError(f"{path}: not readable JSON ({error})") from None


def _day(value: str, path: Path) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise SeriesFileError(f"{path}: {value!r} is not a date") from None


def read_general_staff_personnel(path: Path) -> list[ReferencePoint]:
    """The General Staff's running total of Russian personnel losses ("about"), one a day."""
    config = series_config()["general_staff"]
    points = []
    for record in _load_json(path):
        if not isinstance(record.get("personnel"), int | float):
            continue
        points.append(
            ReferencePoint(
                source=config["source"],
                measure=config["personnel_measure"],
                unit="person",
                side=config["side"],
                period_start=RUNNING_TOTAL_START,
                period_end=_day(record.get("date"), path),
                value=float(record["personnel"]),
                qualifier="approx" if record.get("personnel*") == "about" else "exact",
                series="personnel",
            )
        )
    return points


def read_general_staff_equipment(path: Path) -> list[ReferencePoint]:
    """The General Staff's running totals of Russian equipment losses, one a day per type."""
    config = series_config()["general_staff"]
    units: dict[str, str] = config["equipment_units"]
    points = []
    for record in _load_json(path):
        day = _day(record.get("date"), path)
        for column, unit in units.items():
            value = record.get(column)
            if isinstance(value, int | float):
                points.append(
                    ReferencePoint(
                        source=config["source"],
                        measure=config["equipment_measure"],
                        unit=unit,
                        side=config["side"],
                        period_start=RUNNING_TOTAL_START,
                        period_end=day,
                        value=float(value),
                        series=column,
                    )
                )
    return points


def read_oryx_daily_count(path: Path) -> list[ReferencePoint]:
    """Oryx's photo-verified losses by type, cumulative on each recorded date, both sides.

    Rows whose type is not in the table (summary labels the scrape caught) are left out.
    """
    config = series_config()["oryx"]
    units: dict[str, str] = config["equipment_units"]
    points = []
    try:
        with path.open(encoding="utf-8", newline="") as file:
            rows = list(csv.DictReader(file))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise SeriesFileError(f"{path}: not readable CSV ({error})") from None
    for row in rows:
        kind = (row.get("equipment_type") or "").strip()
        side = config["sides"].get(row.get("country"))
        total = row.get("type_total") or ""
        if kind not in units or side is None or not total.isdigit():
            continue
        points.append(
            ReferencePoint(
                source=config["source"],
                measure=config["measure"],
                unit=units[kind],
                side=side,
                period_start=RUNNING_TOTAL_START,
                period_end=_day(row.get("date_recorded"), path),
                value=float(total),
                qualifier=config["qualifier"],
                series=kind,
            )
        )
    return points


def read_mediazona_counts(path: Path) -> list[ReferencePoint]:
    """Named Russian military deaths by date of death: per day or per month as keyed.

    A daily file also gives the running total by date of death (2022-02-24 to each day), which
    stays below Mediazona's headline total: deaths with no known date are not in the series.
    """
    config = series_config()["mediazona"]
    data = _load_json(path)
    if not isinstance(data, dict):
        raise SeriesFileError(f"{path}: expected an object keyed by day or month")
    points = []
    running = 0.0
    for key in sorted(data):
        deaths = float(data[key]["deaths"])
        if _DAY.match(key):
            start = end = _day(key, path)
            series = "daily"
        elif _MONTH.match(key):
            year, month = int(key[:4]), int(key[5:])
            start = date(year, month, 1)
            end = date(year, month, calendar.monthrange(year, month)[1])
            series = "monthly"
        else:
            raise SeriesFileError(f"{path}: {key!r} is neither a day nor a month")
        base = {
            "source": config["source"],
            "measure": config["measure"],
            "unit": "person",
            "side": config["side"],
            "qualifier": config["qualifier"],
        }
        points.append(
            ReferencePoint(**base, period_start=start, period_end=end, value=deaths, series=series)
        )
        if series == "daily":
            running += deaths
            # On 2022-02-24 itself the day's count is the running total: the same point.
            if start > RUNNING_TOTAL_START:
                points.append(
                    ReferencePoint(
                        **base,
                        period_start=RUNNING_TOTAL_START,
                        period_end=end,
                        value=running,
                        series="daily, summed",
                    )
                )
    return points


_READERS: dict[str, Callable[[Path], list[ReferencePoint]]] = {
    "general-staff-personnel": read_general_staff_personnel,
    "general-staff-equipment": read_general_staff_equipment,
    "oryx-daily-count": read_oryx_daily_count,
    "mediazona-deaths": read_mediazona_counts,
}


def series_kind(path: Path) -> str | None:
    """Which reader reads ``path`` (by its name), or None when none does."""
    name = path.name
    if name == "russia_losses_personnel.json":
        return "general-staff-personnel"
    if name == "russia_losses_equipment.json":
        return "general-staff-equipment"
    if name == "daily_count.csv":
        return "oryx-daily-count"
    if re.fullmatch(r"(daily|monthly)(_[\d-]+)?\.json", name):
        return "mediazona-deaths"
    return None


def read_series(paths: list[str | Path]) -> Iterator[SeriesFile]:
    """Every file under ``paths`` (folders are walked): read, or skipped with the reason.

    A file named on its own that no reader knows raises ``SeriesFileError``; in a folder it is
    skipped (``SOURCE.md``, corrections, snapshots without dates).
    """
    for given in map(Path, paths):
        if given.is_dir():
            for path in sorted(p for p in given.rglob("*") if p.is_file()):
                kind = series_kind(path)
                if kind is None:
                    yield SeriesFile(path, "", skipped="not a reference series warledger reads")
                else:
                    yield SeriesFile(path, kind, _READERS[kind](path))
        elif given.is_file():
            kind = series_kind(given)
            if kind is None:
                raise SeriesFileError(f"{given}: not a reference series warledger reads")
            yield SeriesFile(given, kind, _READERS[kind](given))
        else:
            raise SeriesFileError(f"{given}: no such file or folder")
