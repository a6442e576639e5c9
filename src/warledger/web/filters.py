"""The query string of a page: the CLI's claim filters by their option names, plus view controls.

``/claims?measure=casualties&source=uk-mod&from=2024-01-01`` selects what
``warledger claims --measure casualties --source uk-mod --from 2024-01-01`` prints: the names,
types and meaning come from the CLI's own ``claim_filter_options``, so the two cannot drift.
View controls (sorting, paging) start with ``_`` as in Datasette: ``_sort``, ``_desc``, ``_page``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import click

from warledger.cli.ledger import claim_filter, claim_filter_options
from warledger.ledger import ClaimFilter
from warledger.ledger.browse import SORTS

PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000


class BadQuery(ValueError):
    """A query-string value the CLI would refuse too (a bad date, a non-number)."""


def _filter_options() -> dict[str, click.Option]:
    @claim_filter_options
    def probe(**_: Any) -> None:
        """Carries the CLI's filter options."""

    params: list[click.Option] = probe.__click_params__  # type: ignore[attr-defined]
    return {option.opts[0].lstrip("-"): option for option in params}


FILTER_OPTIONS = _filter_options()
FILTER_NAMES = tuple(FILTER_OPTIONS)


def parse_filter(query: Mapping[str, Any]) -> ClaimFilter:
    """The ``ClaimFilter`` of a query string (a Starlette ``QueryParams`` or a plain dict).

    Empty values are ignored, so a form's blank fields filter nothing.
    """
    values: dict[str, Any] = {}
    for name, option in FILTER_OPTIONS.items():
        given = _values(query, name)
        if not given:
            continue
        try:
            converted = [option.type.convert(value, option, None) for value in given]
        except click.BadParameter as error:
            raise BadQuery(f"{name}: {error.message}") from None
        assert option.name is not None
        values[option.name] = tuple(converted) if option.multiple else converted[-1]
    return claim_filter(**values)


def _values(query: Mapping[str, Any], name: str) -> list[str]:
    if hasattr(query, "getlist"):
        found = query.getlist(name)
    else:
        raw = query.get(name)
        found = [] if raw is None else raw if isinstance(raw, list | tuple) else [raw]
    return [value.strip() for value in found if value and value.strip()]


@dataclass(slots=True)
class View:
    """How a table is shown: sort column and direction, page number and size."""

    sort: str = "published"
    descending: bool = False
    page: int = 1
    size: int = PAGE_SIZE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size


def parse_view(query: Mapping[str, Any], sorts: tuple[str, ...] = SORTS) -> View:
    """The ``_sort``, ``_desc``, ``_page`` and ``_size`` of a query string; ``_sort`` one of
    ``sorts``, the first by default."""
    sort = query.get("_sort") or sorts[0]
    if sort not in sorts:
        raise BadQuery(f"_sort: one of {', '.join(sorts)}")
    try:
        page = max(1, int(query.get("_page") or 1))
        size = min(MAX_PAGE_SIZE, max(1, int(query.get("_size") or PAGE_SIZE)))
    except ValueError:
        raise BadQuery("_page and _size: whole numbers") from None
    return View(sort, (query.get("_desc") or "") not in ("", "0"), page, size)


def query_pairs(query: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The query string's pairs, in order, blank values dropped."""
    items: Iterable[tuple[str, str]]
    items = query.multi_items() if hasattr(query, "multi_items") else query.items()
    return [(key, value) for key, value in items if value != ""]


def replacing(path: str, query: Mapping[str, Any], changes: Mapping[str, str | None]) -> str:
    """``path`` with the current query and ``changes`` set (a None value removes the key).

    Paging starts again at page 1 whenever anything but the page changes.
    """
    dropped = set(changes) | ({"_page"} if set(changes) - {"_page"} else set())
    pairs = [(k, v) for k, v in query_pairs(query) if k not in dropped]
    pairs += [(k, v) for k, v in changes.items() if v is not None]
    return f"{path}?{urlencode(pairs)}" if pairs else path


def adding(path: str, query: Mapping[str, Any], name: str, value: str) -> str:
    """``path`` with one more ``name=value`` (a repeatable filter such as ``measure``)."""
    pairs = [(k, v) for k, v in query_pairs(query) if k != "_page"]
    if (name, value) not in pairs:
        pairs.append((name, value))
    return f"{path}?{urlencode(pairs)}"


def removing(path: str, query: Mapping[str, Any], name: str, value: str | None = None) -> str:
    """``path`` without ``name`` (or only without ``name=value``)."""
    pairs = [
        (k, v)
        for k, v in query_pairs(query)
        if k != "_page" and not (k == name and (value is None or v == value))
    ]
    return f"{path}?{urlencode(pairs)}" if pairs else path
