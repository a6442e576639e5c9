"""Microsoft Recognizers-Text English specs as warledger cases.

Specs give inclusive character offsets, so a figure matches a result when their spans overlap and
the values agree. Each model file only reports its own kind (the currency model says nothing
about "27 %" in its sentences), so only figures of that kind can be spurious.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warledger.extract.document import Figure

from .adapters import (
    EXTERNAL,
    Expected,
    ExternalCase,
    FigureKind,
    UnitCheck,
    any_figure,
    in_date,
    in_name,
    is_currency,
    is_ordinal,
    is_year,
    unit_in,
)

SPECS = EXTERNAL / "recognizers-text" / "Specs"

# Currency names in the specs -> ISO 4217 (claims.md: money is its ISO code). "Dollar" alone is
# "$", which the US-centred specs and our news both read as USD.
CURRENCY_CODES = {
    "Dollar": "USD",
    "United States dollar": "USD",
    "Euro": "EUR",
    "Pound": "GBP",
    "British pound": "GBP",
    "Ruble": "RUB",
    "Russian ruble": "RUB",
    "Hryvnia": "UAH",
    "Ukrainian hryvnia": "UAH",
    "Japanese yen": "JPY",
    "Yen": "JPY",
    "Chinese yuan": "CNY",
    "Yuan": "CNY",
    "Canadian dollar": "CAD",
    "Australian dollar": "AUD",
    "Hong Kong dollar": "HKD",
    "New Zealand dollar": "NZD",
    "Mexican peso": "MXN",
    "Swiss franc": "CHF",
    "Turkish lira": "TRY",
    "Finnish markka": "FIM",
    "Peseta": "ESP",
    "Netherlands guilder": "NLG",
    "Costa Rican colón": "CRC",
    "Georgian lari": "GEL",
    "Lao kip": "LAK",
    "Sri Lankan rupee": "LKR",
    "Bitcoin": "BTC",
}
# Names that stand for several currencies ("Franc": French, Swiss, Belgian...): any code will do.
AMBIGUOUS_CURRENCIES = frozenset({"Franc", "Rupee"})
# Coins below the main unit: whether "50 cents" is 50 cents or 0.50 USD is a reading the product
# has not settled, so these results are out of scope rather than failed.
SUBUNITS = frozenset({"Cent", "Pence", "Penny", "Sen", "Satoshi"})

AGE_UNITS = {"Year": "year", "Month": "month", "Week": "week", "Day": "day", "Age": "year"}
_TIME_UNITS = frozenset(AGE_UNITS.values())

# Interval ends: "(10," more than 10, "[10," at least 10, ",10)" less than, ",10]" at most.
_INTERVAL = re.compile(r"([\[(])\s*([^,]*?)\s*,\s*([^,]*?)\s*([\])])")


def load_spec(path: Path) -> list[dict[str, Any]]:
    # Some spec files start with a byte-order mark.
    return json.loads(path.read_text(encoding="utf-8-sig"))


def parse_interval(value: str) -> tuple[float, float, str | None]:
    """``(low, high, qualifier)`` of an interval; qualifier None when both ends are given."""
    match = _INTERVAL.fullmatch(value.strip())
    if match is None:
        raise ValueError(f"not an interval: {value!r}")
    opening, low, high, closing = match.groups()
    if low and high:
        return float(low), float(high), None
    if low:
        return float(low), float(low), "more_than" if opening == "(" else "at_least"
    return float(high), float(high), "less_than" if closing == ")" else "at_most"


def _span(result: dict[str, Any]) -> tuple[int, int]:
    return result["Start"], result["End"] + 1


def _out_of_scope_reason(text: str, result: dict[str, Any]) -> str | None:
    start, end = _span(result)
    surface = text[start:end]
    if is_ordinal(surface) or re.search(r"\b(tenth|fifteenth)\b", surface):
        return "ordinal"
    if is_year(surface):
        return "year"
    if in_date(text, start, end):
        return "date part"
    if in_name(text, start, end):
        return "number inside a name"
    return None


def _number(text: str, result: dict[str, Any]) -> Expected:
    value = float(result["Resolution"]["value"])
    start, end = _span(result)
    fraction = result["Resolution"].get("subtype") == "fraction"
    return Expected(value, value, start, end, text=text[start:end], fraction=fraction)


def _range(text: str, result: dict[str, Any]) -> Expected:
    low, high, qualifier = parse_interval(result["Resolution"]["value"])
    start, end = _span(result)
    return Expected(low, high, start, end, qualifier=qualifier, text=text[start:end])


def _percent(text: str, result: dict[str, Any]) -> Expected:
    value = float(result["Resolution"]["value"].rstrip("%"))
    start, end = _span(result)
    return Expected(value, value, start, end, unit=unit_in("percent"), text=text[start:end])


def _currency_unit(name: str) -> UnitCheck:
    if name in AMBIGUOUS_CURRENCIES:
        return is_currency
    return unit_in(CURRENCY_CODES[name])


def _currency(text: str, result: dict[str, Any]) -> Expected:
    resolution = result["Resolution"]
    value = float(resolution["value"])
    start, end = _span(result)
    unit = _currency_unit(resolution["unit"])
    return Expected(value, value, start, end, unit=unit, text=text[start:end])


def _age(text: str, result: dict[str, Any]) -> Expected:
    resolution = result["Resolution"]
    value = float(resolution["value"])
    start, end = _span(result)
    unit = unit_in(AGE_UNITS[resolution["unit"]])
    return Expected(value, value, start, end, unit=unit, text=text[start:end])


def _is_range(figure: Figure) -> bool:
    return figure.qualifier != "exact" or figure.low != figure.high


def _is_percent(figure: Figure) -> bool:
    return figure.unit == "percent"


def _is_money(figure: Figure) -> bool:
    return is_currency(figure.unit)


def _is_age(figure: Figure) -> bool:
    return figure.unit in _TIME_UNITS


def _no_number(result: dict[str, Any]) -> str | None:
    """Results without a number ("the % of increase", a bare "dollar") are no figure."""
    value = result.get("Resolution", {}).get("value")
    return "no number" if value in (None, "null") else None


def _currency_reason(result: dict[str, Any]) -> str | None:
    if _no_number(result):
        return "no number"
    name = result["Resolution"]["unit"]
    if name in SUBUNITS:
        return "sub-unit coin"
    if name not in CURRENCY_CODES and name not in AMBIGUOUS_CURRENCIES:
        return "currency without code"
    return None


# model name -> (spec file, result converter, figure kind, extra out-of-scope rule)
MODELS = {
    "recognizers-number": ("Number/English/NumberModel.json", _number, any_figure, None),
    "recognizers-numberrange": (
        "Number/English/NumberRangeModel.json",
        _range,
        _is_range,
        None,
    ),
    "recognizers-percent": ("Number/English/PercentModel.json", _percent, _is_percent, _no_number),
    "recognizers-currency": (
        "NumberWithUnit/English/CurrencyModel.json",
        _currency,
        _is_money,
        _currency_reason,
    ),
    "recognizers-age": ("NumberWithUnit/English/AgeModel.json", _age, _is_age, None),
}


def cases(model: str) -> Iterator[ExternalCase]:
    """The cases of one model file in warledger's terms."""
    filename, convert, kind, extra_rule = MODELS[model]
    figure_kind: FigureKind = kind
    for index, raw in enumerate(load_spec(SPECS / filename)):
        text = raw["Input"]
        case = ExternalCase(model, index, text, kind=figure_kind)
        for result in raw["Results"]:
            start, end = _span(result)
            reason = (extra_rule(result) if extra_rule else None) or _out_of_scope_reason(
                text, result
            )
            if reason is not None:
                case.out_of_scope.append((start, end, reason))
            else:
                case.expected.append(convert(text, result))
        yield case
