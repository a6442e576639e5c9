"""warledger: every figure in a war report as a checkable, source-attributed claim."""

from warledger.extract.pipeline import extract
from warledger.record import Article, Claim

__all__ = ["Article", "Claim", "extract"]
__version__ = "0.1.0"
