"""quantulum3's English test sentences as warledger cases.

quantulum3 gives no offsets, only the surface text of each quantity; the surface is looked up in
the sentence (left to right) to get a span, and the value alone decides where it cannot be found.
Ranges come as midpoint and uncertainty ("between 44 and 50 mg" -> 47 +/- 3), so low and high are
value -/+ uncertainty. Quantities in units warledger does not cover (electronvolts, femtobarns,
nanometres...) put their case out of scope with the unit named as the reason.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from .adapters import (
    EXTERNAL,
    Expected,
    ExternalCase,
    UnitCheck,
    in_date,
    in_name,
    is_currency,
    is_ordinal,
    is_year,
    unit_in,
)

QUANTULUM = EXTERNAL / "quantulum3"
# "one sixth", "two thirds", "1/40": a plain fraction, which warledger may write as percent.
_FRACTION = re.compile(r"/|half|halves|third|quarter|fourth|fifth|sixth|eighth|tenth", re.I)


def _plain(unit: str | None) -> bool:
    """quantulum3's "dimensionless": no unit, or a counted noun ("50 cars" -> car)."""
    return unit is None or (unit != "percent" and not is_currency(unit))


# quantulum3 unit name -> what warledger writes (claims.md: ISO 4217 money, percent, km, km2,
# kg, t, ha, time units and lowercase nouns for the rest).
UNITS: dict[str, UnitCheck] = {
    "dimensionless": _plain,
    "dollar": unit_in("USD"),
    "euro": unit_in("EUR"),
    "pound sterling": unit_in("GBP"),
    "japanese yen": unit_in("JPY"),
    "percentage": unit_in("percent"),
    "year": unit_in("year"),
    "month": unit_in("month"),
    "week": unit_in("week"),
    "day": unit_in("day"),
    "hour": unit_in("hour"),
    "kilometre": unit_in("km"),
    "square kilometre": unit_in("km2"),
    "kilogram": unit_in("kg"),
    "tonne": unit_in("t"),
    "ton": unit_in("t"),
    "hectare": unit_in("ha"),
    "mile": unit_in("mile", "mi"),
    "metre": unit_in("m", "metre", "meter"),
}
# Rates warledger writes as a unit plus ``per`` (claims.md: per is day, week, month or year).
RATES: dict[str, tuple[UnitCheck, str]] = {
    "count per week": (unit_in(None, "time", "times"), "week"),
    "count per day": (unit_in(None, "time", "times"), "day"),
}


def _locate(text: str, surface: str, after: int) -> tuple[int | None, int | None]:
    found = text.find(surface, after)
    if found < 0:
        found = text.find(surface)
    if found < 0:
        return None, None
    return found, found + len(surface)


def _out_of_scope(text: str, result: dict[str, Any], start: int | None, end: int | None) -> str:
    surface = result.get("surface", "")
    unit = result["unit"]
    if unit == "dimensionless" and is_year(surface):
        return "year"
    if is_ordinal(surface):
        return "ordinal"
    if start is not None and end is not None:
        if in_date(text, start, end):
            return "date part"
        if in_name(text, start, end):
            return "number inside a name"
    if unit not in UNITS and unit not in RATES:
        return f"unit outside product ({unit})"
    return ""


def _expected(result: dict[str, Any], start: int | None, end: int | None) -> Expected:
    value = float(result["value"])
    spread = float(result.get("uncertainty") or 0)
    unit_name = result["unit"]
    if unit_name in RATES:
        unit, per = RATES[unit_name]
    else:
        unit, per = UNITS[unit_name], None
    return Expected(
        value - spread,
        value + spread,
        start,
        end,
        unit=unit,
        per=per,
        check_per=True,
        text=result.get("surface", ""),
        fraction=unit_name == "dimensionless" and bool(_FRACTION.search(result.get("surface", ""))),
    )


def quantity_cases() -> Iterator[ExternalCase]:
    """quantities.json: every sentence with the quantities quantulum3 expects in it."""
    raw_cases = json.loads((QUANTULUM / "quantities.json").read_text(encoding="utf-8"))
    for index, raw in enumerate(raw_cases):
        text = raw["req"]
        case = ExternalCase("quantulum3", index, text)
        after = 0
        for result in raw["res"]:
            start, end = _locate(text, result.get("surface", ""), after)
            after = end if end is not None else after
            reason = _out_of_scope(text, result, start, end)
            if reason:
                case.out_of_scope.append((start, end, reason))
            else:
                case.expected.append(_expected(result, start, end))
        # A case with a quantity we cannot state (a scientific unit) is left out whole: its
        # figure there would be neither right nor spurious in our terms.
        unit_reasons = [r for _, _, r in case.out_of_scope if r.startswith("unit outside")]
        if unit_reasons:
            case.skip_reason = "unit outside product"
        yield case


def error_inputs() -> list[str]:
    """errors.json: inputs that must not crash the grammar."""
    raw = json.loads((QUANTULUM / "errors.json").read_text(encoding="utf-8"))
    return [case["req"] if isinstance(case, dict) else case for case in raw]
