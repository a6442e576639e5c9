"""Data files the extraction stages read: sources, places, measures, units, hedges."""

from __future__ import annotations

import json
import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_toml(name: str) -> dict[str, Any]:
    """A TOML file of this package, parsed once per process."""
    with resources.files(__package__).joinpath(name).open("rb") as handle:
        return tomllib.load(handle)


@cache
def load_json(name: str) -> Any:
    """A JSON file of this package, parsed once per process."""
    with resources.files(__package__).joinpath(name).open("r", encoding="utf-8") as handle:
        return json.load(handle)
