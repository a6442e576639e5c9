"""warledger: every figure in a war report as a checkable, source-attributed claim."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from warledger.record import Article, Claim

if TYPE_CHECKING:
    from warledger.extract.pipeline import extract

__all__ = ["Article", "Claim", "extract"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # The pipeline pulls in every stage and its data; load it when first used, so that
    # `warledger --help` and the readers stay quick to import.
    if name == "extract":
        from warledger.extract.pipeline import extract

        return extract
    raise AttributeError(name)
