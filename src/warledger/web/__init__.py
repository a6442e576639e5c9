"""The local web page for checking figures: ``warledger serve`` (Starlette, Jinja2, vega-embed).

Read-only; every number is one click from its sentence.
"""

from __future__ import annotations

from warledger.web.app import create_app

__all__ = ["create_app"]
